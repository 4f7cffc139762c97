/**
 * The plan board's pure rules: a task's state on a day (逾期 is derived, never stored), the
 * due-soon window, one plan per unit and year, where plans are made, what a tick needs, and the
 * reminder's message fitted to WeChat's keyword rules.
 */
import { addDays, completion, dueInYear, dueSoonData, dueSoonUntil, hasEvidence, planIdOf, planLevelOf, shanghaiYmd, taskState } from '../../cloudfunctions/src/domain/plans';

describe('taskState', () => {
  it('an unfinished task past its due date is overdue; due today is not yet', () => {
    expect(taskState({ status: 'not_started', due: '2026-03-01' }, '2026-03-02')).toBe('overdue');
    expect(taskState({ status: 'in_progress', due: '2026-03-01' }, '2026-03-02')).toBe('overdue');
    expect(taskState({ status: 'in_progress', due: '2026-03-02' }, '2026-03-02')).toBe('in_progress');
    expect(taskState({ status: 'not_started', due: '2026-12-31' }, '2026-03-02')).toBe('not_started');
  });

  it('a done task is done whatever its date', () => {
    expect(taskState({ status: 'done', due: '2026-01-01' }, '2026-12-31')).toBe('done');
  });
});

describe('dates', () => {
  it('today is the Asia/Shanghai date: 16:30 UTC on New Year’s Eve is already the next year in Shanghai', () => {
    expect(shanghaiYmd(Date.UTC(2025, 11, 31, 16, 30))).toBe('2026-01-01');
    expect(shanghaiYmd(Date.UTC(2025, 11, 31, 15, 59))).toBe('2025-12-31');
  });

  it('due soon means today and the next three days, across a month end', () => {
    expect(dueSoonUntil('2026-02-27')).toBe('2026-03-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('a task of a plan is due within the plan’s year', () => {
    expect(dueInYear('2026-12-31', 2026)).toBe(true);
    expect(dueInYear('2027-01-01', 2026)).toBe(false);
  });
});

describe('plans', () => {
  it('one plan per unit per year', () => {
    expect(planIdOf(2026, 'u-wlmq')).toBe('pl-2026-u-wlmq');
    expect(planIdOf(2026, 'u-wlmq')).not.toBe(planIdOf(2027, 'u-wlmq'));
  });

  it('plans are made at the corps and detachments only', () => {
    expect([planLevelOf('corps'), planLevelOf('detachment'), planLevelOf('battalion'), planLevelOf('station')]).toEqual(['corps', 'detachment', null, null]);
  });

  it('completion is done over total, zero for an empty plan', () => {
    expect(completion(0, 0)).toBe(0);
    expect(completion(1, 3)).toBe(0.333);
    expect(completion(4, 4)).toBe(1);
  });
});

describe('ticking off', () => {
  it('needs a note, a photo or a link; blank notes do not count', () => {
    expect(hasEvidence({ note: '   ', photos: [], link: null })).toBe(false);
    expect(hasEvidence({ note: '已完成', photos: [], link: null })).toBe(true);
    expect(hasEvidence({ note: '', photos: ['cloud://x/y.png'], link: null })).toBe(true);
    expect(hasEvidence({ note: '', photos: [], link: { kind: 'story', id: 's-1' } })).toBe(true);
  });
});

describe('the due-soon reminder', () => {
  it('fits the task and unit into thing (≤ 20 characters) and writes the date as WeChat’s date keyword', () => {
    const data = dueSoonData('组织“身边典型•平凡榜样”专题采写并报送总队政治部宣传处审定', '乌鲁木齐支队', '2026-03-05');
    expect([...data.thing1!.value].length).toBeLessThanOrEqual(20);
    expect(data.thing1!.value.endsWith('…')).toBe(true);
    expect(data).toMatchObject({ thing2: { value: '乌鲁木齐支队' }, date3: { value: '2026年3月5日' } });
  });
});
