/**
 * Media placements as first-class records (issue 12): an exemplar's coverage, or a story's, is
 * recorded once (outlet, level, date, link, and the story it carried) and counted in the figures.
 * A story featuring two exemplars is one placement, counted once; recording the same coverage
 * again from the other exemplar is refused; a story the exemplar is not in cannot be named.
 */
import type { ExemplarEditView } from '@contract';
import { buildDemoDocuments, DEFAULT_SEED_NOW, seedDemo } from '../../emulator/seed';
import { startTestCloud, data, type TestCloud } from './cloud-fixture';

const DEMO = buildDemoDocuments(DEFAULT_SEED_NOW);
/** A published story featuring two exemplars. */
const STORY = DEMO.stories.find((s) => s.state === 'published' && s.exemplarIds.length > 1)!;
const [EX_A, EX_B] = STORY.exemplarIds as [string, string];
const OTHER_STORY = DEMO.stories.find((s) => s.state === 'published' && !s.exemplarIds.includes(EX_A))!;
const EDITOR = 'fig-corps-editor';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('placements-story', (db, storage) => {
    seedDemo(db, storage);
    db.insertMany('roles', [{ _id: 'rg-fig-editor', openid: EDITOR, role: 'editor', unitId: 'u-xj', grantedBy: 'dev-admin', grantedAt: DEFAULT_SEED_NOW, revokedAt: null }]);
  });
});

afterAll(async () => {
  await t?.stop();
});

const placement = (id: string, over: Record<string, unknown> = {}) => ({ _id: id, outlet: '人民日报', level: 'central' as const, title: '记者手记：高层火场', date: '2025-03-01', link: 'https://example.com/a', ...over });

async function placementsThisYear(unitId: string): Promise<number> {
  const v = data(await t.call('workboard', 'figures', { unitId, from: '2025-03-01', to: '2025-03-01' }, 'dev-admin'));
  return v.total.placements.central;
}

it("the editor's view offers the exemplar's published stories to link", async () => {
  const v: ExemplarEditView = data(await t.call('authoring', 'exemplar', { id: EX_A }, EDITOR));
  expect((v.stories ?? []).map((s) => s._id)).toContain(STORY._id);
  expect((v.stories ?? []).every((s) => DEMO.stories.find((x) => x._id === s._id)?.exemplarIds.includes(EX_A))).toBe(true);
});

it('a story placement is stored once with its story, shown on the exemplar and counted once in the figures', async () => {
  const before = await placementsThisYear('u-xj');
  const v = data(await t.call('authoring', 'savePlacement', { exemplarId: EX_A, placement: placement('pl-fig-1', { storyId: STORY._id }) }, EDITOR));
  expect(v.placements.find((p) => p._id === 'pl-fig-1')).toMatchObject({ outlet: '人民日报', level: 'central', date: '2025-03-01', link: 'https://example.com/a', story: { _id: STORY._id, title: STORY.title } });
  expect(await placementsThisYear('u-xj')).toBe(before + 1);
  // Saving the same record again (a retry) changes no count.
  data(await t.call('authoring', 'savePlacement', { exemplarId: EX_A, placement: placement('pl-fig-1', { storyId: STORY._id }) }, EDITOR));
  expect(await placementsThisYear('u-xj')).toBe(before + 1);
});

it("the same coverage recorded again from the story's other exemplar is refused, and nothing is written", async () => {
  const snapshot = t.cloud.db.snapshot();
  const res = await t.call('authoring', 'savePlacement', { exemplarId: EX_B, placement: placement('pl-fig-2', { storyId: STORY._id, outlet: ' 人民日报 ' }) }, EDITOR);
  expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'placement_duplicate' } });
  expect(t.cloud.db.snapshot()).toEqual(snapshot);
});

it('another outlet or another day of the same story is another placement', async () => {
  const before = await placementsThisYear('u-xj');
  data(await t.call('authoring', 'savePlacement', { exemplarId: EX_B, placement: placement('pl-fig-3', { storyId: STORY._id, outlet: '新华社' }) }, EDITOR));
  expect(await placementsThisYear('u-xj')).toBe(before + 1);
});

it("a story the exemplar is not in cannot be named", async () => {
  const res = await t.call('authoring', 'savePlacement', { exemplarId: EX_A, placement: placement('pl-fig-4', { storyId: OTHER_STORY._id }) }, EDITOR);
  expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
});

it('an edit that names no story keeps the story the placement has (clients from before story links)', async () => {
  const v = data(await t.call('authoring', 'savePlacement', { exemplarId: EX_A, placement: placement('pl-fig-1', { title: '记者手记（修订）' }) }, EDITOR));
  expect(v.placements.find((p) => p._id === 'pl-fig-1')?.story?._id).toBe(STORY._id);
});

it('every query was served by a declared index', () => {
  expect(t.cloud.db.indexReport()).toEqual([]);
});
