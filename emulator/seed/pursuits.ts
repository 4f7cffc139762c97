/**
 * The honour pursuits' demo data (争创荣誉): four awards the corps and a detachment compete for,
 * with dates around `now` so each phase shows — one open with its nomination deadline and a report
 * to the awarding body within the month, one past its deadline with candidates waiting for their
 * outcome (the result due within days), a detachment's open one, and last year's decided one.
 * Candidates are public library exemplars of the organiser's subtree, as the rules require.
 *
 * No candidate is seeded as awarded: an award's honour is written by the outcome itself (with the
 * exemplar's counts and the honours wall), never typed into the seed beside it.
 */
import type { Exemplar, PursuitCandidate, PursuitDoc, Unit } from '@contract';
import { dateFields, shanghaiDate } from '../../cloudfunctions/src/domain/pursuits';
import { isPublicExemplar } from '../../cloudfunctions/src/domain/visibility';

const DAY = 86_400_000;
const BY = 'dev-admin';

interface Spec {
  id: string;
  name: string;
  level: PursuitDoc['level'];
  awardedBy: string;
  unitId: string;
  opens: number;
  deadline: number;
  result: number;
  keyDates: { label: string; days: number }[];
  note: string;
  /** How many candidates, and which outcome each has. */
  candidates: { kind: Exemplar['kind']; outcome: 'pending' | 'not_awarded' }[];
}

export function buildPursuits(now: number, units: readonly Unit[], exemplars: readonly Exemplar[]): PursuitDoc[] {
  const corps = units.find((u) => u.parentId === null);
  if (!corps) throw new Error('seed: no corps');
  const day = (d: number) => shanghaiDate(now + d * DAY);
  const specs: Spec[] = [
    {
      id: 'pu-demo-youth-post',
      name: '全国青年岗位能手',
      level: 'national',
      awardedBy: '共青团中央、人力资源和社会保障部',
      unitId: corps._id,
      opens: -40,
      deadline: 12,
      result: 75,
      keyDates: [{ label: '总队党委书记向团中央汇报推荐情况', days: 8 }],
      note: '每个总队限报 2 人，推荐材料经总队党委审定后报送。',
      candidates: [
        { kind: 'individual', outcome: 'pending' },
        { kind: 'individual', outcome: 'pending' },
      ],
    },
    {
      id: 'pu-demo-beautiful',
      name: '新疆最美应急人',
      level: 'regional',
      awardedBy: '新疆维吾尔自治区应急管理厅',
      unitId: corps._id,
      opens: -90,
      deadline: -30,
      result: 5,
      keyDates: [{ label: '党委书记向自治区应急管理厅汇报', days: 3 }],
      note: '',
      candidates: [
        { kind: 'collective', outcome: 'pending' },
        { kind: 'individual', outcome: 'pending' },
      ],
    },
    {
      id: 'pu-demo-wlmq-youth',
      name: '乌鲁木齐市青年五四奖章',
      level: 'prefecture',
      awardedBy: '共青团乌鲁木齐市委员会',
      unitId: 'u-wlmq',
      opens: -10,
      deadline: 20,
      result: 50,
      keyDates: [],
      note: '支队推荐，报市团委。',
      candidates: [{ kind: 'individual', outcome: 'pending' }],
    },
    {
      id: 'pu-demo-mayday-last',
      name: '自治区五一劳动奖状',
      level: 'regional',
      awardedBy: '新疆维吾尔自治区总工会',
      unitId: corps._id,
      opens: -420,
      deadline: -380,
      result: -330,
      keyDates: [],
      note: '',
      candidates: [{ kind: 'collective', outcome: 'not_awarded' }],
    },
  ];
  const used = new Set<string>();
  return specs.map((s) => {
    const unit = units.find((u) => u._id === s.unitId);
    if (!unit) throw new Error(`seed: no unit ${s.unitId}`);
    const open = exemplars.filter((e) => e.unitPath.includes(unit._id) && e.tier !== 'retired' && isPublicExemplar(e)).sort((a, b) => (a._id < b._id ? -1 : 1));
    const candidates: PursuitCandidate[] = s.candidates.map((c, i) => {
      // A different exemplar for every candidacy across the demo, so each pursuit reads as its own.
      const e = open.find((x) => x.kind === c.kind && !used.has(x._id)) ?? open.find((x) => !used.has(x._id));
      if (!e) throw new Error(`seed: no public exemplar for ${s.id}`);
      used.add(e._id);
      const at = now + (s.opens + 1 + i) * DAY;
      return { exemplarId: e._id, name: e.name, kind: e.kind, unitId: e.unitId, outcome: c.outcome, honourId: null, awardedOn: null, addedBy: BY, addedAt: at, decidedBy: c.outcome === 'pending' ? null : BY, decidedAt: c.outcome === 'pending' ? null : now + s.result * DAY };
    });
    const dates = {
      opensOn: day(s.opens),
      nominationDeadline: day(s.deadline),
      resultOn: day(s.result),
      keyDates: s.keyDates.map((k) => ({ label: k.label, date: day(k.days) })),
    };
    return {
      _id: s.id,
      name: s.name,
      level: s.level,
      awardedBy: s.awardedBy,
      unitId: unit._id,
      unitPath: unit.path,
      ...dates,
      note: s.note,
      candidates,
      ...dateFields(dates),
      createdBy: BY,
      createdAt: now + s.opens * DAY - DAY,
      updatedAt: now + s.opens * DAY,
    };
  });
}

/** The collection for the demo (one line in seed/index.ts). */
export function pursuitCollections(now: number, docs: { units: Unit[]; exemplars: Exemplar[] }): { pursuits: Record<string, unknown>[] } {
  return { pursuits: buildPursuits(now, docs.units, docs.exemplars) as unknown as Record<string, unknown>[] };
}
