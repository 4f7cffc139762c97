/**
 * @jest-environment <rootDir>/test/client/support/zone-environment.js
 * @jest-environment-options {"timeZone": "America/New_York"}
 */
/**
 * Times read in China time whatever zone the device is set to: this file runs with the process
 * in New York's zone (12 or 13 hours behind Beijing), where the local clock and calendar differ
 * from China's for the moments below.
 */
import { render, screen } from '@testing-library/react';
import type { Me } from '@contract';
import { chinaDayEnd, chinaDayStart, formatDate, formatDateTime, formatPeriod, fullDate, honorMonth } from '../../client/src/lib/dates';
import { StaffHome } from '../../client/src/features/staff-admin/staff-home';
import { StoryScreen } from '../../client/src/features/story/story-screen';
import { storyDetail } from './support/fixtures';
import { ok, serveFunctions } from './support/local-cloud';
import { setRouterParams } from './support/taro-fake';

/** 2025-03-08 20:30 UTC: Sunday 2025-03-09 04:30 in Beijing, still Saturday 15:30 in New York. */
const AT = Date.UTC(2025, 2, 8, 20, 30);

describe('in a device zone far from China', () => {
  it('the process really is in New York time (so the checks below can fail)', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('America/New_York');
    // The local calendar of this moment is another day than China's.
    expect(new Date(AT).getDate()).toBe(8);
    expect(new Date(AT).getHours()).toBe(15);
  });

  it('the formatters read Beijing time', () => {
    expect(formatDateTime(AT)).toBe('2025-03-09 04:30');
    expect(formatDate(AT)).toBe('2025-03-09');
    expect(fullDate(AT)).toBe('2025年3月9日');
    expect(formatPeriod(AT, AT + 86_400_000)).toBe('2025-03-09 至 2025-03-10');
    // A calendar date stays the date it names.
    expect(honorMonth('2023-05-01')).toBe('2023年5月');
    // A day picked on a form is China's day, and reads back as the same day.
    expect(chinaDayStart('2025-03-09')).toBe(Date.UTC(2025, 2, 8, 16));
    expect(formatDate(chinaDayStart('2025-03-09'))).toBe('2025-03-09');
    expect(formatDate(chinaDayEnd('2025-03-09'))).toBe('2025-03-09');
  });

  it('the story page shows its publication date in Beijing', async () => {
    setRouterParams({ id: 's1' });
    serveFunctions({ 'content.story': () => ok(storyDetail({ publishedAt: AT })) });
    render(<StoryScreen />);
    expect(await screen.findByText('2025年3月9日')).toBeInTheDocument();
  });

  it('the 工作台 lists waiting work with Beijing times', async () => {
    const unit = { _id: 'u-s1', name: '天山区特勤消防救援站', shortName: '天山区特勤站', level: 'station' as const };
    const me: Me = { handle: 'a1b2c3d4e5', roles: [{ role: 'reviewer', unit }], reader: false };
    serveFunctions({
      'identity.me': () => ok(me),
      'identity.todo': () => ok({ counts: { story_review: 1, nomination_review: 0, consent_check: 0 }, items: [{ kind: 'story_review', id: 's-1', title: '雪夜驰援', unit, since: AT }] }),
    });
    render(<StaffHome />);
    expect(await screen.findByTestId('todo-item')).toHaveTextContent('提交于 2025-03-09 04:30');
  });
});
