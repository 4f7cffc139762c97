import type { HonorGroup, HonorLevel } from '@contract';
import { HONOR_LEVEL_LABEL, HONOR_LEVELS } from '../../lib/contract-values';
import { honorMonth } from '../../lib/dates';

/** What the honor list renders, on both the native (weapp) and the React (h5) side: plain data. */
export interface HonorGroupModel {
  level: HonorLevel;
  label: string;
  count: number;
  honors: { id: string; title: string; month: string; awardedBy: string }[];
}

/**
 * Groups in national → county order whatever order they arrive in, honors newest first,
 * empty levels dropped: the order is the meaning (a national honor outranks any number of
 * county ones), so the client does not rely on the server having sorted.
 */
export function honorListModel(groups: HonorGroup[]): HonorGroupModel[] {
  return HONOR_LEVELS.flatMap((level) => {
    const honors = groups.filter((g) => g.level === level).flatMap((g) => g.honors);
    if (honors.length === 0) return [];
    const sorted = honors.slice().sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    return [
      {
        level,
        label: HONOR_LEVEL_LABEL[level],
        count: sorted.length,
        honors: sorted.map((h) => ({ id: h._id, title: h.title, month: honorMonth(h.date), awardedBy: h.awardedBy })),
      },
    ];
  });
}
