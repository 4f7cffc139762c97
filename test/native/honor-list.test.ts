/**
 * The native honor list as WeChat would run it: WXML compiled by wcc, the component's
 * script run through the Component constructor, taps dispatched on the rendered tree.
 */
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import type { HonorGroup } from '@contract';
import { honorListModel } from '../../client/src/components/honor-list/model';

const COMPONENT = path.resolve(__dirname, '../../client/src/native/honor-list/index');

const groups: HonorGroup[] = [
  { level: 'prefecture', honors: [{ _id: 'h3', title: '乌鲁木齐市青年五四奖章', level: 'prefecture', date: '2020-05-04', awardedBy: '团市委' }] },
  {
    level: 'national',
    honors: [
      { _id: 'h1', title: '全国青年岗位能手', level: 'national', date: '2021-04-30', awardedBy: '共青团中央' },
      { _id: 'h0', title: '全国五一劳动奖章', level: 'national', date: '2023-05-01', awardedBy: '全国总工会' },
    ],
  },
];

interface Listenable {
  addEventListener(name: string, handler: (e: { detail: unknown }) => void): void;
}

let id: string;
beforeAll(() => {
  // load once per file: a second load of the same path returns undefined.
  id = simulate.load(COMPONENT, 'honor-list');
});

function mount(data: unknown) {
  const comp = simulate.render(id, { groups: data });
  const parent = document.createElement('parent-wrapper');
  comp.attach(parent);
  return comp;
}

const texts = (comp: ReturnType<typeof simulate.render>, selector: string) =>
  comp.querySelectorAll(selector).map((n) => n.dom?.textContent?.trim());

describe('native honor-list', () => {
  it('renders levels in the model order with counts, honors newest first with their months', () => {
    const comp = mount(honorListModel(groups));
    expect(texts(comp, '.hl-level')).toEqual(['国家级', '地州市级']);
    expect(texts(comp, '.hl-count')).toEqual(['2项', '1项']);
    expect(texts(comp, '.hl-title')).toEqual(['全国五一劳动奖章', '全国青年岗位能手', '乌鲁木齐市青年五四奖章']);
    expect(texts(comp, '.hl-meta')[0]).toBe('2023年5月 · 全国总工会');
    expect(comp.querySelector('.hl-empty')).toBeUndefined();
  });

  it('collapses a level on tap, tells the page, and expands it again', async () => {
    const comp = mount(honorListModel(groups));
    const seen: unknown[] = [];
    // j-component implements addEventListener (render/component.js) but its typings omit it.
    (comp as unknown as Listenable).addEventListener('toggle', (e) => seen.push(e.detail));

    const heads = comp.querySelectorAll('.hl-head');
    heads[0]!.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(texts(comp, '.hl-title')).toEqual(['乌鲁木齐市青年五四奖章']);
    expect(comp.querySelector('.hl-arrow--up')).toBeDefined();
    expect(comp.data.collapsed).toEqual({ national: true });

    comp.querySelectorAll('.hl-head')[0]!.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(texts(comp, '.hl-title')).toHaveLength(3);
    expect(seen).toEqual([
      { level: 'national', collapsed: true },
      { level: 'national', collapsed: false },
    ]);
  });

  it('re-renders when the page sends new groups', async () => {
    const comp = mount([]);
    expect(texts(comp, '.hl-empty')).toEqual(['暂无荣誉记录']);
    comp.setData({ groups: honorListModel(groups.slice(0, 1)) });
    await simulate.sleep(0);
    expect(texts(comp, '.hl-level')).toEqual(['地州市级']);
    expect(comp.querySelector('.hl-empty')).toBeUndefined();
  });
});
