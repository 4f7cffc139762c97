import { useRouter } from '@tarojs/taro';
import type { Page, PlacementCard } from '@contract';
import { call } from '../../lib/api';
import { PAGE_SIZE } from '../../lib/contract-values';
import { PLACEMENT_LEVEL_LABEL } from '../../lib/honours-values';
import { openProfile } from '../../lib/nav';
import { usePagedList } from '../../lib/use-paged-list';
import { ListRow } from '../../components/list-row';
import { FigureList } from './figure-list';
import { placementList } from './list-params';

/** `2024-03-02` as 2024年3月2日 (a calendar date: no zone to convert). */
function dayText(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}

/** The media placements behind a figure of the honours wall, newest first; each opens the exemplar it is about. */
export function PlacementsScreen() {
  const params = useRouter().params;
  const list = placementList(params);
  const paged = usePagedList<PlacementCard>(
    (cursor): Promise<Page<PlacementCard>> => (list ? call('content', 'placements', { ...list.request, cursor, limit: PAGE_SIZE.exemplars }) : Promise.resolve({ items: [], next: null })),
    [JSON.stringify(params)],
  );
  return (
    <FigureList
      heading={list?.heading ?? null}
      paged={paged}
      skeleton='story'
      missingTitle='没有这份列表'
      empty={{ title: '暂无刊发记录', detail: '这一项还没有可公开展示的媒体刊发' }}
      rows
      render={(p) => (
        <ListRow
          key={p._id}
          testId='placement-row'
          title={p.title}
          badge={{ text: PLACEMENT_LEVEL_LABEL[p.level] }}
          meta={[`${p.outlet} · ${dayText(p.date)}`, p.exemplar ? `报道对象：${p.exemplar.name}` : null]}
          onTap={p.exemplar ? () => openProfile(p.exemplar!._id) : undefined}
        />
      )}
    />
  );
}
