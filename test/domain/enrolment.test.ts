/** The tier-history record an enrolment writes, and which nominations are still under way. */
import type { NominationState, Tier } from '@contract';
import { decideEnrolment, decideTierChange, REVIEW_INTERVAL_DAYS } from '../../cloudfunctions/src/domain/tiers';
import { isActive } from '../../cloudfunctions/src/domain/nomination';

const NOW = Date.UTC(2026, 0, 10, 4, 0, 0);
const DAY = 86_400_000;

describe('decideEnrolment', () => {
  it('a new exemplar enters from no tier as `enrol`, reviewed on its library policy', () => {
    expect(decideEnrolment(null, 'reserve', NOW)).toEqual({ kind: 'enrol', from: null, to: 'reserve', nextReviewAt: NOW + REVIEW_INTERVAL_DAYS.reserve * DAY });
    expect(decideEnrolment(null, 'major', NOW)).toEqual({ kind: 'enrol', from: null, to: 'major', nextReviewAt: NOW + REVIEW_INTERVAL_DAYS.major * DAY });
  });

  it('an existing exemplar is named by the publisher decision making the same move, with the same review date', () => {
    const cases: [Tier, 'major' | 'reserve', string][] = [
      ['reserve', 'major', 'promote'],
      ['major', 'reserve', 'demote'],
      ['retired', 'reserve', 'reinstate'],
    ];
    for (const [from, to, kind] of cases) {
      const d = decideEnrolment(from, to, NOW);
      expect(d).toMatchObject({ kind, from, to });
      const same = decideTierChange(from, kind as 'promote', NOW);
      expect(same).toMatchObject({ ok: true, to, nextReviewAt: d.nextReviewAt });
    }
  });

  it('a move no single decision makes (retired straight to major) is `enrol` from the old tier', () => {
    expect(decideEnrolment('retired', 'major', NOW)).toEqual({ kind: 'enrol', from: 'retired', to: 'major', nextReviewAt: NOW + REVIEW_INTERVAL_DAYS.major * DAY });
  });
});

describe('isActive', () => {
  it('is true while reviewing, returned, in notice or held, false once rejected, withdrawn or enrolled', () => {
    const all: Record<NominationState, boolean> = {
      submitted: true,
      detachment_approved: true,
      returned: true,
      in_notice: true,
      objection_review: true,
      rejected: false,
      withdrawn: false,
      enrolled: false,
    };
    for (const [state, active] of Object.entries(all)) expect([state, isActive(state as NominationState)]).toEqual([state, active]);
  });
});
