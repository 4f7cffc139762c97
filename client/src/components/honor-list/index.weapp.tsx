import type { HonorListProps } from './index';
import { honorListModel } from './model';

/**
 * weapp: the native custom component (src/native/honor-list). Collapsing a level is a
 * setData inside that component only, so it never re-sends the profile page's data.
 * The page that renders this must list it in usingComponents (pages/profile/index.config.ts).
 */
export function HonorList({ groups, onToggle }: HonorListProps) {
  const model = honorListModel(groups);
  return (
    <honor-list
      groups={model}
      onToggle={(e: { detail: { level: HonorListProps['groups'][number]['level']; collapsed: boolean } }) =>
        onToggle?.(e.detail.level, e.detail.collapsed)
      }
    />
  );
}
