/** Honors as a profile shows them: by level from national down, newest first within a level. */
import { HONOR_LEVELS } from '@contract';
import type { Honor, HonorGroup, HonorView } from '@contract';

export function toHonorView(honor: HonorRow): HonorView {
  return { _id: honor._id, title: honor.title, level: honor.level, date: honor.date, awardedBy: honor.awardedBy };
}

export type HonorRow = Pick<Honor, '_id' | 'title' | 'level' | 'date' | 'awardedBy'>;

export const HONOR_FIELDS = ['_id', 'title', 'level', 'date', 'awardedBy'] as const satisfies readonly (keyof Honor)[];

/** Only levels that have honors appear; ties on the same date keep a stable order by id. */
export function groupHonors(honors: readonly HonorRow[]): HonorGroup[] {
  const groups: HonorGroup[] = [];
  for (const level of HONOR_LEVELS) {
    const inLevel = honors
      .filter((h) => h.level === level)
      .sort((a, b) => (a.date === b.date ? compareDesc(a._id, b._id) : compareDesc(a.date, b.date)))
      .map(toHonorView);
    if (inLevel.length > 0) groups.push({ level, honors: inLevel });
  }
  return groups;
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
