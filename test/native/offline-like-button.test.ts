/**
 * The native like button's 待同步 hint (weapp): a like or salute made offline waits in the
 * outbox, and the page says so through `sync.pending`; the hint goes when the page syncs it sent.
 */
import path from 'node:path';
import simulate from 'miniprogram-simulate';

const COMPONENT = path.resolve(__dirname, '../../client/src/native/like-button/index');

let id: string;
beforeAll(() => {
  id = simulate.load(COMPONENT, 'like-button');
});

function mount(props: Record<string, unknown>) {
  const comp = simulate.render(id, props);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

const text = (comp: ReturnType<typeof simulate.render>, selector: string) => comp.querySelector(selector)?.dom?.textContent?.trim();

describe('native like-button offline', () => {
  it('shows 待同步 beside the count while the wish waits, and drops it when the page syncs it sent', async () => {
    const comp = mount({ kind: 'story', sync: { liked: true, count: 12, rev: 1, pending: true }, moments: false });
    await simulate.sleep(0);
    expect(text(comp, '.lb-pending')).toBe('待同步');
    expect(text(comp, '.lb-count')).toBe('12');

    comp.setData({ sync: { liked: true, count: 12, rev: 2, pending: false } });
    await simulate.sleep(0);
    expect(comp.querySelector('.lb-pending')).toBeUndefined();
  });

  it('shows no hint for an owner that sends no pending flag, nor in Moments single-page mode', async () => {
    const plain = mount({ kind: 'exemplar', sync: { liked: true, count: 3, rev: 1 }, moments: false });
    const moments = mount({ kind: 'story', sync: { liked: false, count: 3, rev: 1, pending: true }, moments: true });
    await simulate.sleep(0);
    expect(plain.querySelector('.lb-pending')).toBeUndefined();
    expect(moments.querySelector('.lb-pending')).toBeUndefined();
  });
});
