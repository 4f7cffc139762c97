/**
 * Enrolment history and one active nomination per exemplar, through the real wx-server-sdk on
 * the strict local cloud: the timer writes the tier-history record the library function writes
 * for a publisher's decision (same collection, same review policy, read back by library.history)
 * in the enrolment transaction; a second nomination of an exemplar that already has one under
 * way is a typed CONFLICT that writes nothing, also when both are submitted at once.
 */
import { localFileId } from '../../emulator/env';
import type { NominationDoc, TierChange } from '@contract';
import { REVIEW_INTERVAL_DAYS } from '../../cloudfunctions/src/domain/tiers';
import { sdkFor } from '../emulator/server-harness';
import { data, startTestCloud, type TestCloud } from './cloud-fixture';
import { CONSENT, docs, exemplar, grant, unit } from './fixtures';

const corps = unit('u-corps', 'corps', null, 0);
const det = unit('u-det', 'detachment', corps, 1);
const st = unit('u-st', 'station', det, 1);
const DAY = 86_400_000;
const PHOTO = 'nominations/photo.png';
const FORM = 'nominations/consent-form.png';
const DEEDS = '在乌鲁木齐“7·15”山火扑救中连续奋战三十六小时，带领全站转移群众二百余人，无一伤亡。';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud(
    'nominations-enrol',
    (db, storage) => {
      db.insertMany('units', docs([corps, det, st]));
      db.insertMany(
        'roles',
        docs([
          grant('g1', 'editor-1', 'editor', 'u-st'),
          grant('g2', 'editor-2', 'editor', 'u-st'),
          grant('g3', 'det-rev', 'reviewer', 'u-det'),
          grant('g4', 'corps-rev', 'reviewer', 'u-corps'),
          grant('g5', 'publisher', 'publisher', 'u-corps'),
        ]),
      );
      db.insertMany(
        'exemplars',
        docs([
          exemplar('ex-promote', st, { tier: 'reserve' }),
          exemplar('ex-busy', st, { kind: 'individual', tier: 'reserve', consent: CONSENT }),
          exemplar('ex-race', st, { tier: 'reserve' }),
          exemplar('ex-free', st, { tier: 'reserve' }),
        ]),
      );
      storage.put(PHOTO, Buffer.from('png-bytes'));
      storage.put(FORM, Buffer.from('form-bytes'));
    },
    { NOTICE_DAYS: '3', NOTIFY_MINIPROGRAM_STATE: 'developer' },
  );
});

afterAll(async () => {
  await t?.stop();
});

let keySeq = 0;
const key = () => `enrol-${Date.now().toString(36)}-${(keySeq += 1)}`;

type Nominee = { exemplarId: string } | { new: { kind: 'individual' | 'collective'; name: string; unitId: string } };

function request(nominee: Nominee, over: { targetTier?: 'major' | 'reserve'; consentForm?: string } = {}) {
  return { requestKey: key(), nominatingUnitId: 'u-st', nominee, category: 'rescue' as const, targetTier: 'major' as const, deeds: DEEDS, attachments: [localFileId(PHOTO)], ...over };
}

async function writesNothing<T>(fn: () => Promise<T>): Promise<T> {
  const before = t.cloud.db.snapshot();
  const out = await fn();
  expect(t.cloud.db.snapshot()).toEqual(before);
  return out;
}

const nomination = (id: string) => t.cloud.db.findById('nominations', id) as unknown as NominationDoc;
const change = (id: string) => t.cloud.db.findById('tier_changes', `tc-enrol-${id}`) as unknown as TierChange | null;
const runTimer = () => t.cloud.invoke('nomination-timer', { Type: 'Timer', TriggerName: 'enrol' }) as Promise<{ ok: boolean; data: { enrolled: string[] } }>;

async function endNotice(id: string): Promise<void> {
  await sdkFor(t.cloud).database().collection('nominations').doc(id).update({ data: { noticeEndsAt: Date.now() - 1000 } });
}

async function throughCorps(req: ReturnType<typeof request>, by = 'editor-1') {
  const n = data(await t.call('nominations', 'submit', req, by)).nomination;
  data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve' }, 'det-rev'));
  data(await t.call('nominations', 'decide', { id: n._id, decision: 'approve', comment: '同意公示' }, 'corps-rev'));
  return n;
}

describe('enrolment writes the tier history', () => {
  it('a new person enters the reserve library with an `enrol` record from no tier, on the reserve review policy, shown by library.history', async () => {
    const n = await throughCorps(request({ new: { kind: 'individual', name: '新人甲', unitId: 'u-st' } }, { targetTier: 'reserve', consentForm: localFileId(FORM) }));
    await endNotice(n._id);
    const before = Date.now();
    expect((await runTimer()).data.enrolled).toContain(n._id);
    const rec = change(n._id);
    expect(rec).toMatchObject({ exemplarId: `ex-${n._id}`, exemplarName: '新人甲', unitId: 'u-st', unitPath: st.path, kind: 'enrol', from: null, to: 'reserve', actor: 'nomination-timer' });
    expect(rec!.at).toBeGreaterThanOrEqual(before);
    expect(rec!.nextReviewAt).toBe(rec!.at + REVIEW_INTERVAL_DAYS.reserve * DAY);
    // The exemplar and its history agree: written in the same transaction from the same decision.
    expect(t.cloud.db.findById('exemplars', `ex-${n._id}`)).toMatchObject({ tier: 'reserve', enteredTierAt: rec!.at, nextReviewAt: rec!.nextReviewAt });
    const history = data(await t.call('library', 'history', { exemplarId: `ex-${n._id}` }, 'publisher'));
    expect(history.items).toEqual([expect.objectContaining({ _id: `tc-enrol-${n._id}`, kind: 'enrol', from: null, to: 'reserve', actor: 'nomination-timer' })]);
    // A second run finds nothing to do and writes nothing, not even the history again.
    await writesNothing(() => runTimer());
  });

  it('an existing reserve exemplar promoted by nomination gets a `promote` record from reserve, on the yearly major policy', async () => {
    const n = await throughCorps(request({ exemplarId: 'ex-promote' }));
    await endNotice(n._id);
    expect((await runTimer()).data.enrolled).toContain(n._id);
    const rec = change(n._id);
    expect(rec).toMatchObject({ exemplarId: 'ex-promote', kind: 'promote', from: 'reserve', to: 'major', actor: 'nomination-timer' });
    expect(rec!.nextReviewAt).toBe(rec!.at + REVIEW_INTERVAL_DAYS.major * DAY);
    expect(t.cloud.db.findById('exemplars', 'ex-promote')).toMatchObject({ tier: 'major', enteredTierAt: rec!.at, nextReviewAt: rec!.nextReviewAt });
    expect(nomination(n._id)).toMatchObject({ state: 'enrolled', enrolledExemplarId: 'ex-promote' });
  });
});

describe('one nomination under way per existing exemplar', () => {
  it('a second nomination while the first is under way is a CONFLICT naming the field, and writes nothing; the first one replayed still answers', async () => {
    const firstReq = request({ exemplarId: 'ex-busy' });
    const first = data(await t.call('nominations', 'submit', firstReq, 'editor-1'));
    expect(first.created).toBe(true);
    const second = await writesNothing(() => t.call('nominations', 'submit', request({ exemplarId: 'ex-busy' }), 'editor-2'));
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: [{ path: 'nominee.exemplarId' }] } });
    // Same editor, another key: still one under way.
    expect(await writesNothing(() => t.call('nominations', 'submit', request({ exemplarId: 'ex-busy' }), 'editor-1'))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // A retry of the first submit is not a second nomination: it answers the first.
    const replay = data(await writesNothing(() => t.call('nominations', 'submit', firstReq, 'editor-1')));
    expect(replay).toMatchObject({ created: false, nomination: { _id: first.nomination._id } });

    // Still under way in review, returned, in notice: refused at each step.
    data(await t.call('nominations', 'decide', { id: first.nomination._id, decision: 'return', comment: '请补充时间' }, 'det-rev'));
    expect(await writesNothing(() => t.call('nominations', 'submit', request({ exemplarId: 'ex-busy' }), 'editor-2'))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Once it is over (withdrawn), the exemplar can be nominated again, and the new one holds it.
    data(await t.call('nominations', 'withdraw', { id: first.nomination._id }, 'editor-1'));
    const again = data(await t.call('nominations', 'submit', request({ exemplarId: 'ex-busy' }), 'editor-2'));
    expect(again.created).toBe(true);
    expect(t.cloud.db.findById('nomination_guards', 'ex-busy')).toMatchObject({ nominationId: again.nomination._id });
    expect(await writesNothing(() => t.call('nominations', 'submit', request({ exemplarId: 'ex-busy' }), 'editor-1'))).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // A rejection also ends it.
    data(await t.call('nominations', 'decide', { id: again.nomination._id, decision: 'reject', comment: '材料不实' }, 'det-rev'));
    expect(data(await t.call('nominations', 'submit', request({ exemplarId: 'ex-busy' }), 'editor-1')).created).toBe(true);
  });

  it('two editors nominating the same exemplar at the same moment: exactly one nomination is made', async () => {
    const both = await Promise.all([
      t.call('nominations', 'submit', request({ exemplarId: 'ex-race' }), 'editor-1'),
      t.call('nominations', 'submit', request({ exemplarId: 'ex-race' }), 'editor-2'),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok)).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'CONFLICT' }) })]);
    // Read straight from the store (no index on the nominee): every nomination of ex-race.
    const made = Object.keys(t.cloud.db.snapshot().nominations ?? {}).filter((id) => (nomination(id).nominee as { exemplarId?: string }).exemplarId === 'ex-race');
    expect(made).toHaveLength(1);
    expect(t.cloud.db.findById('nomination_guards', 'ex-race')).toMatchObject({ nominationId: made[0] });
  });

  it('different exemplars and new nominees are not held up by one another', async () => {
    expect(data(await t.call('nominations', 'submit', request({ exemplarId: 'ex-free' }), 'editor-1')).created).toBe(true);
    const person = (name: string) => request({ new: { kind: 'collective', name, unitId: 'u-st' } });
    expect(data(await t.call('nominations', 'submit', person('同名站'), 'editor-1')).created).toBe(true);
    expect(data(await t.call('nominations', 'submit', person('同名站'), 'editor-2')).created).toBe(true);
  });
});
