import { createHash } from 'node:crypto';
import type { ConsentRecord, NominationState, ReviewDecision, ReviewLevel } from '@contract';
import { nominationSchemas } from '@contract';
import {
  canObject,
  consentOnApproval,
  decide,
  enrolmentStep,
  enrolmentTier,
  initialState,
  nominationId,
  parseNoticeDays,
  resolveObjection,
  revise,
  summaryOf,
  waitingFor,
  withdraw,
} from '../../cloudfunctions/src/domain/nomination';
import { decisionData, fitThing, formatTime, taskData } from '../../cloudfunctions/src/domain/nomination-notify';
import { REVIEW_LADDER } from '../../cloudfunctions/src/domain/review-ladder';

const levelUnit = REVIEW_LADDER.levelUnit;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 7, 0, 0);
const STATES: NominationState[] = ['submitted', 'detachment_approved', 'returned', 'rejected', 'in_notice', 'objection_review', 'enrolled', 'withdrawn'];
const LEVELS: ReviewLevel[] = ['detachment', 'corps'];
const DECISIONS: ReviewDecision[] = ['approve', 'reject', 'return'];

describe('where a nomination starts and who acts next', () => {
  it('a station or detachment nomination starts with the detachment; the corps own one starts at the corps level', () => {
    expect(initialState(['corps', 'det', 'bat', 'st'])).toBe('submitted');
    expect(initialState(['corps', 'det'])).toBe('submitted');
    expect(initialState(['corps'])).toBe('detachment_approved');
  });

  it('the deciding unit of each level comes from the path: the detachment is the second unit, the corps the first', () => {
    expect(levelUnit(['corps', 'det', 'bat', 'st'], 'detachment')).toBe('det');
    expect(levelUnit(['corps', 'det', 'bat', 'st'], 'corps')).toBe('corps');
    expect(levelUnit(['corps'], 'detachment')).toBeNull();
  });

  it('only submitted waits for the detachment; detachment_approved and objection_review wait for the corps', () => {
    const expected: Record<NominationState, ReviewLevel | null> = {
      submitted: 'detachment',
      detachment_approved: 'corps',
      objection_review: 'corps',
      returned: null,
      rejected: null,
      in_notice: null,
      enrolled: null,
      withdrawn: null,
    };
    for (const s of STATES) expect(waitingFor(s)).toBe(expected[s]);
  });
});

describe('review decisions: every state × level × decision', () => {
  const legal: Record<string, { state: NominationState; notice: number | null }> = {
    'submitted/detachment/approve': { state: 'detachment_approved', notice: null },
    'submitted/detachment/reject': { state: 'rejected', notice: null },
    'submitted/detachment/return': { state: 'returned', notice: null },
    'detachment_approved/corps/approve': { state: 'in_notice', notice: NOW + 7 * DAY },
    'detachment_approved/corps/reject': { state: 'rejected', notice: null },
    'detachment_approved/corps/return': { state: 'returned', notice: null },
  };

  for (const s of STATES) {
    for (const l of LEVELS) {
      for (const d of DECISIONS) {
        const key = `${s}/${l}/${d}`;
        const want = legal[key];
        it(want ? `${key} → ${want.state}` : `${key} is refused`, () => {
          const r = decide(s, l, d, NOW, 7);
          if (want) {
            expect(r).toEqual({ ok: true, value: { state: want.state, noticeEndsAt: want.notice } });
          } else {
            expect(r.ok).toBe(false);
            if (!r.ok) expect(r.reason).toMatch(s);
          }
        });
      }
    }
  }

  it('a notice of 0 days is over at once; a negative or fractional period is refused', () => {
    expect(decide('detachment_approved', 'corps', 'approve', NOW, 0)).toEqual({ ok: true, value: { state: 'in_notice', noticeEndsAt: NOW } });
    expect(decide('detachment_approved', 'corps', 'approve', NOW, -1).ok).toBe(false);
    expect(decide('detachment_approved', 'corps', 'approve', NOW, 1.5).ok).toBe(false);
  });
});

describe('revise and withdraw', () => {
  it('only a returned nomination can be revised, and it starts again at the first level', () => {
    for (const s of STATES) {
      const r = revise(s, ['corps', 'det', 'st']);
      if (s === 'returned') expect(r).toEqual({ ok: true, value: 'submitted' });
      else expect(r.ok).toBe(false);
    }
    expect(revise('returned', ['corps'])).toEqual({ ok: true, value: 'detachment_approved' });
  });

  it('the nominator may withdraw until the corps approved; never during or after the notice', () => {
    const allowed = new Set<NominationState>(['submitted', 'detachment_approved', 'returned']);
    for (const s of STATES) {
      const r = withdraw(s);
      if (allowed.has(s)) expect(r).toEqual({ ok: true, value: 'withdrawn' });
      else expect(r.ok).toBe(false);
    }
  });
});

describe('public notice, objections and enrolment', () => {
  it('objections are taken only while the notice runs', () => {
    for (const s of STATES) expect(canObject(s, NOW + DAY, NOW).ok).toBe(s === 'in_notice');
    expect(canObject('in_notice', NOW, NOW).ok).toBe(false);
    expect(canObject('in_notice', null, NOW).ok).toBe(false);
  });

  it('a sustained objection rejects the nomination, whether the notice runs or is held', () => {
    expect(resolveObjection('in_notice', { open: 1, sustained: 0 }, 'sustain')).toEqual({ ok: true, value: { state: 'rejected', counts: { open: 0, sustained: 1 } } });
    expect(resolveObjection('objection_review', { open: 2, sustained: 0 }, 'sustain')).toEqual({ ok: true, value: { state: 'rejected', counts: { open: 1, sustained: 1 } } });
  });

  it('dismissing the last open objection of a held nomination returns it to the (over) notice; otherwise the state stays', () => {
    expect(resolveObjection('objection_review', { open: 1, sustained: 0 }, 'dismiss')).toEqual({ ok: true, value: { state: 'in_notice', counts: { open: 0, sustained: 0 } } });
    expect(resolveObjection('objection_review', { open: 2, sustained: 0 }, 'dismiss')).toEqual({ ok: true, value: { state: 'objection_review', counts: { open: 1, sustained: 0 } } });
    expect(resolveObjection('in_notice', { open: 1, sustained: 0 }, 'dismiss')).toEqual({ ok: true, value: { state: 'in_notice', counts: { open: 0, sustained: 0 } } });
  });

  it('there is nothing to resolve without an open objection or outside the notice', () => {
    expect(resolveObjection('in_notice', { open: 0, sustained: 0 }, 'dismiss').ok).toBe(false);
    for (const s of STATES.filter((x) => x !== 'in_notice' && x !== 'objection_review')) {
      expect(resolveObjection(s, { open: 1, sustained: 0 }, 'sustain').ok).toBe(false);
    }
  });

  it('the timer waits during the notice, enrols after it, holds on an open objection and rejects on a sustained one', () => {
    const none = { open: 0, sustained: 0 };
    expect(enrolmentStep('in_notice', NOW + 1, none, NOW)).toEqual({ kind: 'wait' });
    expect(enrolmentStep('in_notice', NOW, none, NOW)).toEqual({ kind: 'enrol' });
    expect(enrolmentStep('in_notice', NOW - DAY, { open: 1, sustained: 0 }, NOW)).toEqual({ kind: 'hold' });
    expect(enrolmentStep('in_notice', NOW - DAY, { open: 1, sustained: 1 }, NOW)).toEqual({ kind: 'reject' });
    for (const s of STATES.filter((x) => x !== 'in_notice')) expect(enrolmentStep(s, NOW - DAY, none, NOW)).toEqual({ kind: 'none' });
  });
});

describe('enrolment of an existing exemplar follows the library decisions made since the submission', () => {
  const submitted = { createdAt: NOW - 10 * DAY };
  const before = NOW - 100 * DAY;
  const since = NOW - DAY;

  it('moves the tier only when it is still the one recorded at submission, entered before it', () => {
    expect(enrolmentTier({ ...submitted, fromTier: 'reserve' }, { tier: 'reserve', enteredTierAt: before }, 'major')).toBe('move');
    expect(enrolmentTier({ ...submitted, fromTier: 'retired' }, { tier: 'retired', enteredTierAt: before }, 'reserve')).toBe('move');
  });

  it('a retire or demote decided during the notice is not overridden: the nomination is superseded', () => {
    expect(enrolmentTier({ ...submitted, fromTier: 'reserve' }, { tier: 'retired', enteredTierAt: since }, 'major')).toBe('superseded');
    expect(enrolmentTier({ ...submitted, fromTier: 'major' }, { tier: 'reserve', enteredTierAt: since }, 'major')).toBe('superseded');
    // Promoted and demoted back: the same tier as at submission, but a decision made since.
    expect(enrolmentTier({ ...submitted, fromTier: 'reserve' }, { tier: 'reserve', enteredTierAt: since }, 'major')).toBe('superseded');
  });

  it('an exemplar already in the target tier is enrolled without a change, whatever happened meanwhile', () => {
    expect(enrolmentTier({ ...submitted, fromTier: 'reserve' }, { tier: 'major', enteredTierAt: since }, 'major')).toBe('already');
    expect(enrolmentTier(submitted, { tier: 'major', enteredTierAt: before }, 'major')).toBe('already');
  });

  it('a nomination stored before the submission tier was recorded takes the tier read now as unchanged', () => {
    expect(enrolmentTier(submitted, { tier: 'reserve', enteredTierAt: since }, 'major')).toBe('move');
    expect(enrolmentTier(submitted, { tier: 'retired', enteredTierAt: since }, 'major')).toBe('move');
  });
});

describe('consent on approval', () => {
  const form: ConsentRecord = { method: 'signed_form', evidence: 'cloud://env.b/form.png', recordedAt: NOW - DAY, recordedBy: 'o-nominator', name: '张三', verifiedBy: null, verifiedAt: null };
  const person = { kind: 'individual' as const, name: '张三' };

  it('an unchecked signed form needs the reviewer to confirm it, and the approval records them as its verifier', () => {
    expect(consentOnApproval(form, person, 'o-reviewer', false, NOW)).toMatchObject({ ok: false, why: 'consent_unverified' });
    expect(consentOnApproval(form, person, 'o-reviewer', true, NOW)).toEqual({ ok: true, verified: true, consent: { ...form, verifiedBy: 'o-reviewer', verifiedAt: NOW } });
  });

  it('the uploader never checks their own form', () => {
    expect(consentOnApproval(form, person, 'o-nominator', true, NOW)).toMatchObject({ ok: false, why: 'own_work' });
  });

  it('a consent that already holds needs no check; a collective needs none; no consent is refused', () => {
    const checked = { ...form, verifiedBy: 'o-reviewer', verifiedAt: NOW };
    expect(consentOnApproval(checked, person, 'o-corps', false, NOW)).toEqual({ ok: true, verified: false, consent: checked });
    expect(consentOnApproval(null, { kind: 'collective', name: '某站' }, 'o-corps', false, NOW)).toEqual({ ok: true, verified: false, consent: null });
    expect(consentOnApproval(null, person, 'o-corps', true, NOW)).toMatchObject({ ok: false, why: 'consent_required' });
    expect(consentOnApproval(form, { kind: 'individual', name: '李四' }, 'o-reviewer', true, NOW)).toMatchObject({ ok: false, why: 'consent_required' });
  });
});

describe('ids, configuration and text', () => {
  it('a retried submit gets the same id; another key or another nominator gets another', () => {
    const a = nominationId('o-editor', 'key-12345678', sha256);
    expect(a).toMatch(/^nom-[0-9a-f]{32}$/);
    expect(nominationId('o-editor', 'key-12345678', sha256)).toBe(a);
    expect(nominationId('o-editor', 'key-12345679', sha256)).not.toBe(a);
    expect(nominationId('o-other', 'key-12345678', sha256)).not.toBe(a);
  });

  it('NOTICE_DAYS accepts whole days 0–30 and fails loudly on anything else', () => {
    expect(parseNoticeDays(undefined, 7)).toBe(7);
    expect(parseNoticeDays('', 7)).toBe(7);
    expect(parseNoticeDays('0', 7)).toBe(0);
    expect(parseNoticeDays('30', 7)).toBe(30);
    for (const bad of ['-1', '31', '2.5', 'seven']) expect(() => parseNoticeDays(bad, 7)).toThrow(/NOTICE_DAYS/);
  });

  it('a card summary is the first sentence, cut to 60 characters', () => {
    expect(summaryOf('扑救大火三十余起。多次获奖。')).toBe('扑救大火三十余起。');
    const long = '救'.repeat(80);
    expect([...summaryOf(long)].length).toBe(60);
    expect(summaryOf(long).endsWith('…')).toBe(true);
  });
});

describe('subscribe message payloads', () => {
  it('thing values are cut to 20 characters and never empty', () => {
    expect(fitThing('短')).toBe('短');
    expect([...fitThing('长'.repeat(30))].length).toBe(20);
    expect(fitThing('   ')).toBe('无');
  });

  it('time is a Shanghai date with a 24-hour time', () => {
    expect(formatTime(Date.UTC(2026, 11, 1, 7, 5))).toBe('2026年12月1日 15:05');
    expect(formatTime(Date.UTC(2026, 11, 31, 17, 0))).toBe('2027年1月1日 01:00');
  });

  it('a decision message carries the nominee, the outcome phrase (≤ 5 characters) and the comment', () => {
    const data = decisionData({ nomineeName: '张三', outcome: 'return', level: 'detachment', comment: '请补充2024年事迹', at: NOW });
    expect(data).toEqual({ thing1: { value: '张三' }, phrase2: { value: '退回修改' }, thing3: { value: '请补充2024年事迹' }, time4: { value: formatTime(NOW) } });
    for (const outcome of ['approve', 'reject', 'return', 'enrolled', 'objection_sustained'] as const) {
      const v = decisionData({ nomineeName: 'x', outcome, level: 'corps', comment: '', at: NOW }).phrase2!.value;
      expect([...v].length).toBeLessThanOrEqual(5);
      expect(v).toMatch(/^[\u4e00-\u9fa5]+$/);
    }
    expect(decisionData({ nomineeName: 'x', outcome: 'approve', level: 'corps', comment: '', at: NOW }).thing3!.value).toBe('总队审核通过');
  });

  it('a task message names the nominee and the unit', () => {
    expect(taskData('特勤站', '天山区特勤消防救援站', NOW)).toEqual({ thing1: { value: '推荐：特勤站' }, thing2: { value: '天山区特勤消防救援站' }, time3: { value: formatTime(NOW) } });
  });
});

describe('request schemas', () => {
  const base = {
    requestKey: 'k-1234567890',
    nominatingUnitId: 'u-st',
    nominee: { new: { kind: 'individual', name: '张三', unitId: 'u-st' } },
    category: 'rescue',
    targetTier: 'reserve',
    deeds: '在“7·15”山火扑救中连续奋战三十六小时，带领班组转移群众二百余人，无一伤亡。',
  };

  it('a complete nomination parses with defaults for attachments and consent form', () => {
    const r = nominationSchemas.submit.parse(base);
    expect(r.attachments).toEqual([]);
    expect(r.consentForm).toBeNull();
  });

  it('oversized deeds, a retired target tier, a bad requestKey and unknown keys are refused with their fields', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, deeds: '事'.repeat(2001) }, 'deeds'],
      [{ ...base, deeds: '太短' }, 'deeds'],
      [{ ...base, targetTier: 'retired' }, 'targetTier'],
      [{ ...base, requestKey: 'short' }, 'requestKey'],
      [{ ...base, attachments: ['http://evil.example/a.png'] }, 'attachments.0'],
      [{ ...base, attachments: Array.from({ length: 10 }, (_, i) => `cloud://env.b/a${i}.jpg`) }, 'attachments'],
      [{ ...base, nominatedBy: 'someone-else' }, ''],
    ];
    for (const [input, path] of cases) {
      const r = nominationSchemas.submit.safeParse(input);
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.issues.map((i) => i.path.join('.'))).toContain(path);
    }
  });

  it('decide takes an optional consentChecked flag, false unless sent', () => {
    expect(nominationSchemas.decide.parse({ id: 'n1', decision: 'approve' }).consentChecked).toBe(false);
    expect(nominationSchemas.decide.parse({ id: 'n1', decision: 'approve', consentChecked: true }).consentChecked).toBe(true);
    expect(nominationSchemas.decide.safeParse({ id: 'n1', decision: 'approve', consentChecked: 'yes' }).success).toBe(false);
  });

  it('reject and return need a comment; approve does not', () => {
    expect(nominationSchemas.decide.safeParse({ id: 'n1', decision: 'approve' }).success).toBe(true);
    expect(nominationSchemas.decide.safeParse({ id: 'n1', decision: 'reject' }).success).toBe(false);
    expect(nominationSchemas.decide.safeParse({ id: 'n1', decision: 'return', comment: '  ' }).success).toBe(false);
    expect(nominationSchemas.decide.safeParse({ id: 'n1', decision: 'return', comment: '请补充' }).success).toBe(true);
  });
});
