/**
 * Authorization of the reviewers' 留言 actions with the shared matrix: a reviewer over the
 * story's unit features, hides and replies (each writing its one audit entry in the action's
 * transaction), the queue needs the reviewer role anywhere; every other identity is refused and
 * nothing is written. The readers' actions (post, listForStory, mine, remove) are open to every
 * reader (authz-coverage.test.ts says why); comments.test.ts shows a reader can delete only their own.
 */
import type { CommentDoc, Story } from '@contract';
import { buildDemoDocuments } from '../../emulator/seed';
import { startTestCloud, type TestCloud } from './cloud-fixture';
import { describeAuthzMatrix, MATRIX_FUNCTION_ENV, MATRIX_NOW, seedMatrixWorld, type MatrixTarget, type StaffAction } from './authz-matrix';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('comments-authz', seedMatrixWorld, MATRIX_FUNCTION_ENV);
});

afterAll(async () => {
  await t?.stop();
});

const TEMPLATE = buildDemoDocuments(MATRIX_NOW).stories.find((s) => s.state === 'published') as Story;

/** A pending message by a reader under a fresh published story at the target's unit; answers its id. */
function seedComment(target: MatrixTarget, seq: number): string {
  const story: Story = { ...TEMPLATE, _id: `st-mx-cm-${seq}`, code: `MXC${seq}`, unitId: target.unitId, unitPath: target.path, article: null };
  const at = Date.now() - 60_000;
  const comment: CommentDoc = {
    _id: `cm-mx-${seq}`,
    storyId: story._id,
    unitId: target.unitId,
    unitPath: target.path,
    openid: 'mx-commenter',
    requestKey: `mx-key-${seq}`,
    text: '向消防员致敬',
    state: 'pending',
    contentHeld: false,
    createdAt: at,
    updatedAt: at,
    featuredAt: null,
    featuredBy: null,
    hiddenAt: null,
    hiddenBy: null,
    hiddenReason: null,
    reply: null,
    deletedAt: null,
  };
  t.cloud.db.insertMany('stories', [story as unknown as Record<string, unknown>]);
  t.cloud.db.insertMany('comments', [comment as unknown as Record<string, unknown>]);
  return comment._id;
}

const COMMENT_ACTIONS: StaffAction[] = [
  { name: 'comments.queue', roles: ['reviewer'], scope: 'anywhere', writes: false, request: () => ({ tab: 'pending' }) },
  { name: 'comments.feature', roles: ['reviewer'], writes: true, request: (target, { seq }) => ({ id: seedComment(target, seq) }) },
  { name: 'comments.hide', roles: ['reviewer'], writes: true, request: (target, { seq }) => ({ id: seedComment(target, seq), reason: '与事迹无关' }) },
  { name: 'comments.reply', roles: ['reviewer'], writes: true, request: (target, { seq }) => ({ id: seedComment(target, seq), text: '感谢关注' }) },
];

describeAuthzMatrix('comments', () => t, COMMENT_ACTIONS);

describe('callers without an identity', () => {
  it('are UNAUTHENTICATED for every reviewer action, and nothing is written', async () => {
    for (const [i, action] of COMMENT_ACTIONS.entries()) {
      const act = action.name.split('.')[1] as string;
      const req = await action.request({ unitId: TEMPLATE.unitId, path: TEMPLATE.unitPath }, { t, seq: 20_000 + i });
      const before = t.cloud.db.snapshot();
      const res = await t.cloud.invoke('comments', { action: act, data: req });
      expect([action.name, res]).toEqual([action.name, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
      expect(t.cloud.db.snapshot()).toEqual(before);
    }
  });

  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
