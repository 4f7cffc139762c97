import { useRouter } from '@tarojs/taro';
import type { ExemplarCard as ExemplarCardData, Page } from '@contract';
import { call } from '../../lib/api';
import { PAGE_SIZE } from '../../lib/contract-values';
import { openProfile } from '../../lib/nav';
import { usePagedList } from '../../lib/use-paged-list';
import { ExemplarCard } from '../../components/exemplar-card';
import { FigureList } from './figure-list';
import { honouredList } from './list-params';

/** The exemplars behind a figure of the honours wall (or a library size it shows). */
export function HonouredScreen() {
  const params = useRouter().params;
  const list = honouredList(params);
  const paged = usePagedList<ExemplarCardData>(
    (cursor): Promise<Page<ExemplarCardData>> => {
      if (!list) return Promise.resolve({ items: [], next: null });
      const page = { cursor, limit: PAGE_SIZE.exemplars };
      return list.kind === 'library' ? call('content', 'exemplars', { ...list.request, ...page }) : call('content', 'honoured', { ...list.request, ...page });
    },
    [JSON.stringify(params)],
  );
  return (
    <FigureList
      heading={list?.heading ?? null}
      paged={paged}
      skeleton='exemplar'
      missingTitle='没有这份名单'
      empty={{ title: '暂无典型', detail: '这一项还没有可公开展示的典型' }}
      render={(e) => <ExemplarCard key={e._id} exemplar={e} onOpen={openProfile} />}
    />
  );
}
