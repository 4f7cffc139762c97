/**
 * 争创荣誉: the awards the caller's units compete for, one year at a time, by nomination deadline,
 * each saying where it stands (未开始 · 推荐中 · 待公布 · 已结束) and its next date; the dates
 * within 30 days on top. An admin over the corps or a detachment makes a new one here.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { PursuitCard, UnitRef } from '@contract';
import { call } from '../../lib/api';
import { HONOR_LEVEL_LABEL } from '../../lib/contract-values';
import { routes } from '../../lib/routes';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { usePagedList } from '../../lib/use-paged-list';
import { ListFooter } from '../../components/list-footer';
import { ListRow } from '../../components/list-row';
import { StateView } from '../../components/state-view';
import { PursuitDeadlines } from './deadlines';
import { dateText, daysText, phaseBadge } from './labels';
import { PursuitForm } from './pursuit-form';
import './pursuits.scss';
import { useReloadOnReturn } from '../../lib/use-reload-on-return';

const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

function PursuitRow({ p }: { p: PursuitCard }) {
  return (
    <ListRow
      testId='pursuit-row'
      title={p.name}
      badge={phaseBadge(p.phase)}
      meta={[
        [HONOR_LEVEL_LABEL[p.level], p.awardedBy, p.unit?.shortName].filter(Boolean).join(' · '),
        `推荐截止 ${dateText(p.nominationDeadline)} · 候选 ${p.candidateCount} · 获评 ${p.awardedCount}`,
        p.next ? `下一节点：${p.next.label} ${dateText(p.next.date)}（${daysText(p.next.daysLeft)}）` : null,
      ]}
      onTap={() => void Taro.navigateTo({ url: routes.pursuit({ id: p._id }) })}
    />
  );
}

export function PursuitsScreen() {
  const params = useRouter().params;
  const [year, setYear] = useState<number>(Number(params.year) || thisYear());
  const [canCreate, setCanCreate] = useState<UnitRef[]>([]);
  const [creating, setCreating] = useState(params.new === '1');
  const list = usePagedList<PursuitCard>(async (cursor) => {
    const page = await call('workboard', 'pursuits', { year, cursor });
    setCanCreate(page.canCreate);
    return { items: page.items, next: page.next };
  }, [year]);
  useListPageEvents({ refresh: list.refresh, loadMore: list.loadMore });
  useReloadOnReturn(() => list.refresh());

  return (
    <View className={`page pursuits${creating ? ' pursuits--creating' : ''}`}>
      <View className='pursuits__list'>
        <PursuitDeadlines />
        <View className='section pursuits__year-list'>
          <View className='pursuits__year'>
            <View role='button' className='pursuits__year-step' aria-label='上一年' onClick={() => setYear((y) => y - 1)}>
              <Text>‹</Text>
            </View>
            <Text className='pursuits__year-text' data-testid='pursuits-year'>{`${year} 年争创项目`}</Text>
            <View role='button' className='pursuits__year-step' aria-label='下一年' onClick={() => setYear((y) => y + 1)}>
              <Text>›</Text>
            </View>
          </View>
          {canCreate.length > 0 && !creating ? (
            <Button className='pursuit-button pursuit-button--primary pursuits__new' data-testid='pursuit-new' onClick={() => setCreating(true)}>
              新建争创项目
            </Button>
          ) : null}
          {list.status === 'loading' ? (
            <View className='pursuit-skeleton' aria-busy>
              <View className='pursuit-skeleton__line' />
              <View className='pursuit-skeleton__line pursuit-skeleton__line--short' />
              <View className='pursuit-skeleton__line' />
            </View>
          ) : list.status === 'error' ? (
            <StateView kind='error' deniedTitle='仅工作人员可以查看争创项目' error={list.error} onRetry={() => void list.refresh()} />
          ) : list.items.length === 0 ? (
            <StateView kind='empty' title={`${year} 年还没有争创项目`} detail={canCreate.length > 0 ? '点「新建争创项目」登记要争创的荣誉' : '本单位及上级组织的争创项目会显示在这里'} />
          ) : (
            <>
              {list.items.map((p) => (
                <PursuitRow key={p._id} p={p} />
              ))}
              <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} />
            </>
          )}
        </View>
      </View>
      {creating ? (
        <View className='pursuits__form'>
          <PursuitForm
            initial={null}
            units={canCreate}
            onCancel={() => setCreating(false)}
            onSaved={(p) => {
              setCreating(false);
              void list.refresh();
              void Taro.navigateTo({ url: routes.pursuit({ id: p._id }) });
            }}
          />
        </View>
      ) : null}
    </View>
  );
}
