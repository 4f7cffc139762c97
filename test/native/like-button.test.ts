/**
 * The native like button as WeChat would run it (wcc-compiled WXML, the Component
 * constructor, taps on the rendered tree). A tap must cost exactly one setData inside the
 * component, small (≤ 2 KB), and raise `like` with the state it now shows; the page's
 * corrections arrive through `sync`.
 */
import path from 'node:path';
import simulate from 'miniprogram-simulate';

const COMPONENT = path.resolve(__dirname, '../../client/src/native/like-button/index');
const SETDATA_BUDGET_BYTES = 2048;

interface Listenable {
  addEventListener(name: string, handler: (e: { detail: unknown }) => void): void;
}

interface Instance {
  setData(patch: Record<string, unknown>, cb?: () => void): void;
}

let id: string;
beforeAll(() => {
  // load once per file: a second load of the same path returns undefined.
  id = simulate.load(COMPONENT, 'like-button');
});

function mount(props: Record<string, unknown>) {
  const comp = simulate.render(id, props);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

/** Records every setData the component's own instance makes from now on. */
function spySetData(comp: ReturnType<typeof simulate.render>): string[] {
  const inst = comp.instance as unknown as Instance;
  const calls: string[] = [];
  const original = inst.setData.bind(inst);
  inst.setData = (patch, cb) => {
    calls.push(JSON.stringify(patch));
    original(patch, cb);
  };
  return calls;
}

const text = (comp: ReturnType<typeof simulate.render>, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();

describe('native like-button', () => {
  it('shows the state the page syncs: label, count and the on style', async () => {
    const comp = mount({ kind: 'story', sync: { liked: true, count: 12, rev: 1 }, moments: false });
    await simulate.sleep(0);
    expect(text(comp, '.lb-label')).toBe('已点赞');
    expect(text(comp, '.lb-count')).toBe('12');
    expect(comp.querySelector('.lb--on')).toBeDefined();
  });

  it('draws a tap with exactly one setData of at most 2 KB and raises like with the new state', async () => {
    const comp = mount({ kind: 'story', sync: { liked: false, count: 11, rev: 1 }, moments: false });
    await simulate.sleep(0);
    const calls = spySetData(comp);
    const seen: unknown[] = [];
    (comp as unknown as Listenable).addEventListener('like', (e) => seen.push(e.detail));

    comp.querySelector('.lb')!.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(calls).toHaveLength(1);
    const bytes = Buffer.byteLength(calls[0]!, 'utf8');
    expect(bytes).toBeLessThanOrEqual(SETDATA_BUDGET_BYTES);
    console.log(`like tap: ${calls.length} setData, ${bytes} bytes: ${calls[0]}`);
    expect(seen).toEqual([{ liked: true }]);
    expect(text(comp, '.lb-label')).toBe('已点赞');
    expect(text(comp, '.lb-count')).toBe('12');

    comp.querySelector('.lb')!.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(calls).toHaveLength(2);
    expect(seen).toEqual([{ liked: true }, { liked: false }]);
    expect(text(comp, '.lb-count')).toBe('11');
    expect(comp.querySelector('.lb--on')).toBeUndefined();
  });

  it('applies a rollback from the page even when it repeats values the page sent before', async () => {
    const comp = mount({ kind: 'story', sync: { liked: false, count: 11, rev: 1 }, moments: false });
    await simulate.sleep(0);
    comp.querySelector('.lb')!.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(text(comp, '.lb-count')).toBe('12');
    comp.setData({ sync: { liked: false, count: 11, rev: 2 } });
    await simulate.sleep(0);
    expect(text(comp, '.lb-label')).toBe('点赞');
    expect(text(comp, '.lb-count')).toBe('11');
  });

  it('salutes with 致敬 labels and never counts below zero', async () => {
    const comp = mount({ kind: 'exemplar', sync: { liked: true, count: 0, rev: 1 }, moments: false });
    await simulate.sleep(0);
    expect(text(comp, '.lb-label')).toBe('已致敬');
    comp.querySelector('.lb')!.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(text(comp, '.lb-label')).toBe('致敬');
    expect(text(comp, '.lb-count')).toBe('0');
  });

  it('in Moments single-page mode says 前往小程序, raises tip and changes nothing on a tap', async () => {
    const comp = mount({ kind: 'story', sync: { liked: false, count: 11, rev: 1 }, moments: true });
    await simulate.sleep(0);
    expect(text(comp, '.lb-label')).toBe('前往小程序');
    expect(comp.querySelector('.lb-count')).toBeUndefined();
    const calls = spySetData(comp);
    const events: string[] = [];
    (comp as unknown as Listenable).addEventListener('tip', () => events.push('tip'));
    (comp as unknown as Listenable).addEventListener('like', () => events.push('like'));
    comp.querySelector('.lb')!.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(events).toEqual(['tip']);
    expect(calls).toEqual([]);
  });
});
