/**
 * Every time a page shows, formatted in one place and always in China time (Asia/Shanghai,
 * UTC+8 all year): staff in different places, and a phone or PC set to another zone, must read
 * the same clock for the same review, audit entry or 公示 deadline. Lint refuses the local-zone
 * Date getters and toLocale* anywhere else in the client (eslint.config.mjs).
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);
dayjs.locale('zh-cn');

/**
 * "3 天前", "2 小时前": feed and card times, relative to `now` (injectable for tests). A duration,
 * so the device's zone does not enter into it.
 */
export function fromNow(ms: number, now: number = Date.now()): string {
  // A clock a little behind the server's must not print "几秒后" for a fresh story.
  return dayjs(Math.min(ms, now)).from(dayjs(now));
}

/** Honor dates (`YYYY-MM-DD`, a calendar date with no zone) read as "2023年5月". */
export function honorMonth(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${m[1]}年${Number(m[2])}月` : isoDate;
}

/** Full publication date on a story page, in China time: "2024年3月8日". */
export function fullDate(ms: number): string {
  const d = chinaFields(ms);
  return `${d.year}年${d.month}月${d.day}日`;
}

/** Compact counts for tight places: 12800 → "1.3万". */
export function compactCount(n: number): string {
  if (n < 10000) return String(n);
  const w = n / 10000;
  return `${w >= 100 ? Math.round(w) : Number(w.toFixed(1))}万`;
}

/** China has kept UTC+8 without daylight saving since 1991: the offset is a constant. */
const CHINA_OFFSET = 8 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar fields of an instant in China: UTC getters of the instant shifted by +8 h. */
function chinaFields(ms: number): { year: number; month: number; day: number; hour: number; minute: number } {
  const d = new Date(ms + CHINA_OFFSET);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/**
 * "2025-06-01 12:00" in China time, whatever the phone's zone: staff in different places
 * compare the times of the same review, audit entry or 公示 deadline.
 */
export function formatDateTime(ms: number): string {
  const d = chinaFields(ms);
  return `${d.year}-${pad(d.month)}-${pad(d.day)} ${pad(d.hour)}:${pad(d.minute)}`;
}

/** "2025-06-01" in China time. */
export function formatDate(ms: number): string {
  return formatDateTime(ms).slice(0, 10);
}

/** "2025-01-21 至 2025-02-28" (a campaign's period, China time), or "2025-01-21 起" with no end. */
export function formatPeriod(startedAt: number, endsAt: number | null): string {
  return endsAt === null ? `${formatDate(startedAt)} 起` : `${formatDate(startedAt)} 至 ${formatDate(endsAt)}`;
}

const DAY = 86_400_000;

/** "2025-01-21" (a date picker's value) → the first millisecond of that day in China. */
export function chinaDayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) - CHINA_OFFSET;
}

/** "2025-02-28" → the last millisecond of that day in China (a period runs through its last day). */
export function chinaDayEnd(day: string): number {
  return chinaDayStart(day) + DAY - 1;
}
