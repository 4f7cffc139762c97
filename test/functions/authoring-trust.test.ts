/**
 * Issue 8 as an attacker with an ordinary staff grant would try it, against the authoring
 * function through the real SDK: files named by id, self-approval, consent that is too easy to
 * get, keep and impossible to withdraw. Every refusal writes nothing.
 */
import type { Exemplar } from '@contract';
import { localFileId } from '../../emulator/env';
import { data, startTestCloud, type TestCloud } from './cloud-fixture';
import { docs, exemplar, grant, NOW, png, story, unit, uploadRecord } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const detA = unit('u-da', 'detachment', corps, 1);
const stA = unit('u-sa', 'station', detA, 2);
const detB = unit('u-db', 'detachment', corps, 3);
const stB = unit('u-sb', 'station', detB, 4);

/** Files uploaded by various people, recorded as the upload function records them. */
const MINE = localFileId('authoring/story/mine/a.png');
const THEIRS = localFileId('authoring/story/theirs/b.png');
const MY_SCAN = localFileId('authoring/consent/mine/form.png');
const THEIR_SCAN = localFileId('authoring/consent/theirs/form.png');
const MY_PHOTO = localFileId('authoring/photo/mine/p.png');
const NOWHERE = localFileId('authoring/story/nobody/none.png');
const ON_STORY = localFileId('stories/s-pub/cover.png');

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('authoring-trust', (db, storage) => {
    db.insertMany('units', docs([corps, detA, stA, detB, stB]));
    db.insertMany('roles', docs([
      grant('g1', 'editor-a', 'editor', 'u-sa'),
      grant('g2', 'reviewer-a', 'reviewer', 'u-da'),
      grant('g3', 'editor-a2', 'editor', 'u-sa'),
      // One person holding both grants over the station (two invites make this easy).
      grant('g4', 'both', 'editor', 'u-sa'),
      grant('g5', 'both', 'reviewer', 'u-da'),
      grant('g6', 'reviewer-b', 'reviewer', 'u-db'),
      grant('g7', 'admin-a', 'admin', 'u-da'),
      grant('g8', 'editor-b', 'editor', 'u-sb'),
    ]));
    db.insertMany('exemplars', docs([exemplar('e-station', stA)]));
    db.insertMany('stories', docs([story('s-pub', stA, { cover: ON_STORY, title: '已发布' })]));
    for (const f of [MINE, THEIRS, MY_SCAN, THEIR_SCAN, MY_PHOTO, ON_STORY]) storage.put(f.split('/').slice(3).join('/'), png(80));
    db.insertMany('files', docs([
      uploadRecord(MINE, 'editor-a', 'story'),
      uploadRecord(THEIRS, 'editor-b', 'story'),
      uploadRecord(MY_SCAN, 'editor-a', 'consent', 'not_needed'),
      uploadRecord(THEIR_SCAN, 'editor-a2', 'consent', 'not_needed'),
      uploadRecord(MY_PHOTO, 'editor-a', 'photo'),
    ]));
  });
});

afterAll(async () => {
  await t?.stop();
});

function doc<T>(collection: string, id: string): T | null {
  return t.cloud.db.findById(collection, id) as T | null;
}

async function writesNothing(act: () => Promise<unknown>): Promise<unknown> {
  const before = t.cloud.db.snapshot();
  const res = await act();
  expect(t.cloud.db.snapshot()).toEqual(before);
  return res;
}

function auditOf(subjectId: string): { actor: string; action: string; after: Record<string, unknown> }[] {
  const ids = Object.keys(t.cloud.db.snapshot().audit ?? {});
  return ids
    .map((id) => doc<{ actor: string; action: string; subject: { id: string }; after: Record<string, unknown>; at: number }>('audit', id))
    .filter((e): e is NonNullable<typeof e> => e !== null && e.subject.id === subjectId)
    .sort((a, b) => a.at - b.at);
}

const draftOf = (storyId: string, over: Record<string, unknown> = {}) => ({
  storyId,
  baseVersion: 0,
  title: '火场逆行者',
  summary: '',
  cover: null,
  campaignId: null,
  exemplarIds: [],
  unitId: 'u-sa',
  author: '宣传员',
  markdown: '他第一个冲进浓烟。',
  ...over,
});

const person = (id: string, name: string) => ({ id, kind: 'individual' as const, name, unitId: 'u-sa', category: 'rescue' as const, title: '一级消防士', summary: '冲在最前', photo: null, biography: '生平' });

describe('files: a file id from a client is accepted only when the caller uploaded it for that purpose', () => {
  it.each([
    ['another editor’s upload', THEIRS],
    ['a file nobody uploaded', NOWHERE],
    ['the caller’s own consent scan', MY_SCAN],
    ['the caller’s own profile photo', MY_PHOTO],
  ])('a story cover that is %s is refused, naming the field, and nothing is written', async (_what, file) => {
    const res = await writesNothing(() => t.call('authoring', 'saveDraft', draftOf('s-files', { cover: file }), 'editor-a'));
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', reason: 'file_not_accepted', fields: [{ path: 'cover', reason: 'file_not_accepted' }] } });
  });

  it('an inline image that is not the caller’s upload is refused the same way', async () => {
    const res = await writesNothing(() => t.call('authoring', 'saveDraft', draftOf('s-files', { markdown: `正文\n\n![](${THEIRS} "4x4")` }), 'editor-a'));
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ path: 'markdown', reason: 'file_not_accepted' }] } });
  });

  it('the caller’s own story upload is accepted, and an image already on the story may stay in an edit by a colleague', async () => {
    data(await t.call('authoring', 'saveDraft', draftOf('s-files', { cover: MINE }), 'editor-a'));
    // editor-a2 did not upload ON_STORY, but it is already the published story's cover.
    data(await t.call('authoring', 'saveDraft', draftOf('s-pub', { cover: ON_STORY }), 'editor-a2'));
  });

  it('preview signs only images the caller may use: someone else’s upload is left out with an issue', async () => {
    const res = data(await t.call('authoring', 'preview', { markdown: `![](${MINE} "4x4")\n\n![](${THEIRS} "4x4")\n\n![](${MY_SCAN} "4x4")` }, 'editor-a'));
    const urls = res.blocks.filter((b) => b.type === 'image');
    expect(urls).toHaveLength(1);
    expect(JSON.stringify(res.blocks)).not.toContain('theirs');
    expect(res.issues.filter((i) => i.code === 'image_unavailable')).toEqual([{ line: 0, code: 'image_unavailable', message: expect.stringMatching(/^2 file/) }]);
  });

  it('preview of a story the caller may review shows the images already on it', async () => {
    const res = data(await t.call('authoring', 'preview', { markdown: `![](${ON_STORY} "4x4")`, storyId: 's-pub' }, 'reviewer-a'));
    expect(res.blocks[0]).toMatchObject({ type: 'image', url: expect.stringMatching(/^http/) });
    const outside = data(await t.call('authoring', 'preview', { markdown: `![](${ON_STORY} "4x4")`, storyId: 's-pub' }, 'reviewer-b'));
    expect(outside.blocks).toHaveLength(0);
  });

  it('a profile photo must be the caller’s photo upload', async () => {
    const refused = await writesNothing(() => t.call('authoring', 'saveExemplar', { ...person('p-photo', '赵强'), photo: MINE }, 'editor-a'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ path: 'photo', reason: 'file_not_accepted' }] } });
    const saved = data(await t.call('authoring', 'saveExemplar', { ...person('p-photo', '赵强'), photo: MY_PHOTO }, 'editor-a'));
    expect(saved.photoUrl).toMatch(/^http/);
  });
});

describe('consent (PIPL art. 25): given, checked by someone else, kept under its name, withdrawable', () => {
  it('an editor cannot mark a person consented with a file they never uploaded, someone else’s scan, or a photo', async () => {
    data(await t.call('authoring', 'saveExemplar', person('p-a', '王磊'), 'editor-a'));
    for (const file of [NOWHERE, THEIR_SCAN, MY_PHOTO]) {
      const res = await writesNothing(() => t.call('authoring', 'recordSignedConsent', { exemplarId: 'p-a', file }, 'editor-a'));
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', reason: 'file_not_accepted' } });
    }
  });

  it('a recorded form does not count until a reviewer other than the uploader checked it: publishing is refused meanwhile', async () => {
    const v = data(await t.call('authoring', 'recordSignedConsent', { exemplarId: 'p-a', file: MY_SCAN }, 'editor-a'));
    expect(v.consent).toMatchObject({ counts: false, awaitsCheck: true });
    const res = await writesNothing(() => t.call('authoring', 'setExemplarState', { id: 'p-a', state: 'published' }, 'editor-a'));
    expect(res).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'consent_unverified' } });
  });

  it('one scan proves one person: it cannot be recorded for a second person', async () => {
    data(await t.call('authoring', 'saveExemplar', person('p-b', '李娜'), 'editor-a'));
    const res = await writesNothing(() => t.call('authoring', 'recordSignedConsent', { exemplarId: 'p-b', file: MY_SCAN }, 'editor-a'));
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', reason: 'file_not_accepted' } });
  });

  it('the scan is shown only to reviewers of the person’s unit subtree, and every view is audited', async () => {
    for (const who of ['editor-a', 'reviewer-b', 'reader-1']) {
      const res = await writesNothing(() => t.call('authoring', 'consentScan', { exemplarId: 'p-a' }, who));
      expect(res).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    }
    const { url } = data(await t.call('authoring', 'consentScan', { exemplarId: 'p-a' }, 'reviewer-a'));
    expect(url).toMatch(/^http/);
    expect(auditOf('p-a').filter((e) => e.action === 'consent.view').map((e) => e.actor)).toEqual(['reviewer-a']);
  });

  it('the uploader cannot check their own form, even holding a reviewer grant', async () => {
    const scan = data(await t.call('authoring', 'uploadImage', { purpose: 'consent', base64: png(41).toString('base64') }, 'both'));
    data(await t.call('authoring', 'saveExemplar', person('p-c', '张伟'), 'both'));
    data(await t.call('authoring', 'recordSignedConsent', { exemplarId: 'p-c', file: scan.fileId }, 'both'));
    const own = await writesNothing(() => t.call('authoring', 'verifyConsent', { exemplarId: 'p-c', decision: 'confirm', comment: '' }, 'both'));
    expect(own).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'own_work' } });
    expect(data(await t.call('authoring', 'consentQueue', {}, 'both')).items.map((i) => i.exemplarId)).not.toContain('p-c');
    expect(data(await t.call('authoring', 'consentQueue', {}, 'reviewer-a')).items.map((i) => i.exemplarId)).toEqual(expect.arrayContaining(['p-a', 'p-c']));
  });

  it('a reviewer checks the form; the profile can then be published and readers see it', async () => {
    const checked = data(await t.call('authoring', 'verifyConsent', { exemplarId: 'p-a', decision: 'confirm', comment: '' }, 'reviewer-a'));
    expect(checked.consent).toMatchObject({ counts: true, awaitsCheck: false });
    data(await t.call('authoring', 'setExemplarState', { id: 'p-a', state: 'published' }, 'editor-a'));
    expect(data(await t.call('content', 'profile', { id: 'p-a' })).name).toBe('王磊');
  });

  it('renaming a consented individual voids the consent and takes the profile out of public view at once', async () => {
    const renamed = data(await t.call('authoring', 'saveExemplar', person('p-a', '王磊磊'), 'editor-a'));
    expect(renamed).toMatchObject({ consent: null, state: 'draft' });
    expect(await t.call('content', 'profile', { id: 'p-a' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(auditOf('p-a').map((e) => e.action)).toContain('consent.void');
  });

  it('a consent link made before a rename cannot be confirmed for the new name', async () => {
    data(await t.call('authoring', 'saveExemplar', person('p-d', '刘洋'), 'editor-a'));
    const { code } = data(await t.call('authoring', 'requestConsent', { exemplarId: 'p-d' }, 'editor-a'));
    data(await t.call('authoring', 'saveExemplar', person('p-d', '刘阳'), 'editor-a'));
    const res = await writesNothing(() => t.call('authoring', 'confirmConsent', { code }, 'o-liu'));
    expect(res).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', reason: 'consent_name_changed' } });
  });

  it('the person withdraws their own consent with the WeChat that gave it: the profile leaves public view, audited with their reason', async () => {
    data(await t.call('authoring', 'saveExemplar', person('p-e', '陈静'), 'editor-a'));
    const { code } = data(await t.call('authoring', 'requestConsent', { exemplarId: 'p-e' }, 'editor-a'));
    data(await t.call('authoring', 'confirmConsent', { code }, 'o-chen'));
    data(await t.call('authoring', 'setExemplarState', { id: 'p-e', state: 'published' }, 'editor-a'));
    expect(data(await t.call('content', 'profile', { id: 'p-e' })).name).toBe('陈静');
    expect(data(await t.call('authoring', 'consentInfo', { code }, 'o-chen')).mine).toBe(true);
    expect(data(await t.call('authoring', 'consentInfo', { code }, 'o-other')).mine).toBe(false);

    const stranger = await writesNothing(() => t.call('authoring', 'withdrawMyConsent', { code, reason: '' }, 'o-other'));
    expect(stranger).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'consent_not_yours' } });
    const editor = await writesNothing(() => t.call('authoring', 'withdrawMyConsent', { code, reason: '' }, 'editor-a'));
    expect(editor).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });

    expect(data(await t.call('authoring', 'withdrawMyConsent', { code, reason: '不希望公开' }, 'o-chen'))).toEqual({ withdrawn: true });
    expect(data(await t.call('authoring', 'consentInfo', { code }, 'o-chen'))).toMatchObject({ mine: false, withdrawnByMe: true });
    expect(await t.call('content', 'profile', { id: 'p-e' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(doc<Exemplar>('exemplars', 'p-e')).toMatchObject({ consent: null, state: 'draft' });
    const withdrawal = auditOf('p-e').find((e) => e.action === 'consent.withdraw');
    expect(withdrawal).toMatchObject({ actor: 'o-chen', after: { by: 'person', reason: '不希望公开' } });
    expect(await writesNothing(() => t.call('authoring', 'withdrawMyConsent', { code, reason: '' }, 'o-chen'))).toMatchObject({ ok: false, error: { reason: 'consent_already_withdrawn' } });
  });

  it('an admin of the unit withdraws consent on the person’s written request; an editor or an outside admin cannot', async () => {
    data(await t.call('authoring', 'saveExemplar', person('p-f', '马丽'), 'editor-a'));
    const { code } = data(await t.call('authoring', 'requestConsent', { exemplarId: 'p-f' }, 'editor-a'));
    data(await t.call('authoring', 'confirmConsent', { code }, 'o-ma'));
    data(await t.call('authoring', 'setExemplarState', { id: 'p-f', state: 'published' }, 'editor-a'));
    for (const who of ['editor-a', 'reviewer-a']) {
      const res = await writesNothing(() => t.call('authoring', 'withdrawConsent', { exemplarId: 'p-f', reason: '本人书面申请' }, who));
      expect(res).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    }
    const v = data(await t.call('authoring', 'withdrawConsent', { exemplarId: 'p-f', reason: '本人书面申请撤回' }, 'admin-a'));
    expect(v).toMatchObject({ consent: null, state: 'draft' });
    expect(await t.call('content', 'profile', { id: 'p-f' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(auditOf('p-f').find((e) => e.action === 'consent.withdraw')).toMatchObject({ actor: 'admin-a', after: { by: 'admin', reason: '本人书面申请撤回' } });
  });
});

describe('nobody approves their own story', () => {
  it('a person holding editor and reviewer grants writes a story and cannot approve or return it; it is not in their queue', async () => {
    data(await t.call('authoring', 'saveDraft', draftOf('s-own'), 'both'));
    data(await t.call('authoring', 'submit', { storyId: 's-own', version: 1 }, 'both'));
    expect(data(await t.call('authoring', 'reviewQueue', {}, 'both')).items.map((i) => i.storyId)).not.toContain('s-own');
    for (const decision of ['approve', 'return'] as const) {
      const res = await writesNothing(() => t.call('authoring', 'review', { storyId: 's-own', version: 2, decision, comment: '自己看过了' }, 'both'));
      expect(res).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'own_work' } });
    }
    expect(doc('stories', 's-own')).toBeNull();
    data(await t.call('authoring', 'review', { storyId: 's-own', version: 2, decision: 'approve', comment: '' }, 'reviewer-a'));
    expect(doc('stories', 's-own')).not.toBeNull();
  });

  it('a co-author who saved the revision cannot approve it either', async () => {
    data(await t.call('authoring', 'saveDraft', draftOf('s-co'), 'editor-a'));
    data(await t.call('authoring', 'saveDraft', { ...draftOf('s-co'), baseVersion: 1, title: '改过的标题' }, 'both'));
    data(await t.call('authoring', 'submit', { storyId: 's-co', version: 2 }, 'editor-a'));
    const res = await writesNothing(() => t.call('authoring', 'review', { storyId: 's-co', version: 3, decision: 'approve', comment: '' }, 'both'));
    expect(res).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'own_work' } });
  });
});

describe('an action and its audit entry commit together', () => {
  it('when the audit write fails, the approval does not happen either (no unaudited publication)', async () => {
    data(await t.call('authoring', 'saveDraft', draftOf('s-audit'), 'editor-a'));
    data(await t.call('authoring', 'submit', { storyId: 's-audit', version: 1 }, 'editor-a'));
    t.cloud.db.failWrites('audit', 1);
    const res = await t.call('authoring', 'review', { storyId: 's-audit', version: 2, decision: 'approve', comment: '' }, 'reviewer-a');
    t.cloud.db.failWrites('audit', 0);
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(doc('stories', 's-audit')).toBeNull();
    expect(doc('story_revisions', 's-audit')).toMatchObject({ state: 'in_review' });
    // Nothing was half-done: the same approval goes through once the database answers again.
    data(await t.call('authoring', 'review', { storyId: 's-audit', version: 2, decision: 'approve', comment: '' }, 'reviewer-a'));
    expect(auditOf('s-audit').map((e) => e.action)).toEqual(['story.draft.create', 'story.submit', 'story.approve']);
  });

  it('when the audit write fails, a consent withdrawal does not happen either', async () => {
    data(await t.call('authoring', 'saveExemplar', person('p-g', '孙悦'), 'editor-a'));
    const { code } = data(await t.call('authoring', 'requestConsent', { exemplarId: 'p-g' }, 'editor-a'));
    data(await t.call('authoring', 'confirmConsent', { code }, 'o-sun'));
    t.cloud.db.failWrites('audit', 1);
    const res = await t.call('authoring', 'withdrawMyConsent', { code, reason: '' }, 'o-sun');
    t.cloud.db.failWrites('audit', 0);
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(doc<Exemplar>('exemplars', 'p-g')?.consent).toMatchObject({ method: 'in_app' });
  });
});

describe('library policy (issue 9)', () => {
  it('a new reserve exemplar made in the editor is due for review after 180 days, as the library policy says', async () => {
    data(await t.call('authoring', 'saveExemplar', person('p-review', '周明'), 'editor-a'));
    const stored = doc<Exemplar>('exemplars', 'p-review');
    expect(stored?.tier).toBe('reserve');
    expect((stored?.nextReviewAt ?? 0) - (stored?.createdAt ?? 0)).toBe(180 * 86_400_000);
    expect(NOW).toBeLessThan(stored?.createdAt ?? 0);
  });
});

it('no query of the suite needed an undeclared index', () => {
  expect(t.cloud.db.indexReport()).toEqual([]);
});
