/**
 * Date arithmetic for the seed. Everything is derived from the `now` the caller passes; the
 * calendar is China Standard Time (Xinjiang's official clock), so an honor dated "2023-05-04"
 * is the date printed on the certificate.
 */
export const DAY = 86_400_000;
export const HOUR = 3_600_000;
const CST_OFFSET = 8 * HOUR;

/** `YYYY-MM-DD` of an instant in China Standard Time. */
export function cstDate(ms: number): string {
  return new Date(ms + CST_OFFSET).toISOString().slice(0, 10);
}

/** Start of the CST calendar day containing `ms`. */
export function cstMidnight(ms: number): number {
  return Math.floor((ms + CST_OFFSET) / DAY) * DAY - CST_OFFSET;
}

/** Honors are "since 2022" in the corps' reporting; 2022-01-01 00:00 CST. */
export const HONORS_SINCE = Date.UTC(2022, 0, 1) - CST_OFFSET;
