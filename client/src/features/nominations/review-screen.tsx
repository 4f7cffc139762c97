/**
 * 推荐审核: the caller's queue at their level(s), oldest first, with counts on the tabs, one page
 * at a time. A nomination row opens its detail page, where the reviewer reads everything and
 * decides (features/nominations/decision-sheet.tsx). The objections tab lists the open
 * objections of their subtree; the corps reviewer sustains or dismisses each with a reason,
 * asked first.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { CATEGORY_LABEL, KIND_LABEL, NOMINATION_LIMITS, REVIEW_LEVEL_LABEL, TIER_LABEL, type ObjectionView, type QueueCounts, type QueueItem } from '@contract';
import { call } from '../../lib/api';
import { formatDateTime } from '../../lib/dates';
import { resolvesObjections } from '../../lib/roles';
import { routes } from '../../lib/routes';
import { useAction } from '../../lib/use-action';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { useResource } from '../../lib/use-resource';
import { ListFooter } from '../../components/list-footer';
import { ListRow } from '../../components/list-row';
import { ReasonSheet } from '../../components/reason-sheet';
import { StateView } from '../../components/state-view';
import { consentText } from './labels';
import './nominations.scss';
import { useReloadOnReturn } from '../../lib/use-reload-on-return';

type Tab = 'review' | 'objections';
type Row = { kind: 'nomination'; _id: string; item: QueueItem } | { kind: 'objection'; _id: string; objection: ObjectionView };

const openDetail = (id: string) => void Taro.navigateTo({ url: routes.nominationDetail({ id }) });

function nominationMeta(item: QueueItem): string[] {
  const consent = consentText(item);
  return [
    `${KIND_LABEL[item.nominee.kind]} · ${item.unit?.shortName ?? '所属单位未知'} · ${CATEGORY_LABEL[item.category]}`,
    `拟入${TIER_LABEL[item.targetTier]} · 提交于 ${formatDateTime(item.createdAt)}`,
    item.timeline.some((e) => e.event === 'resubmitted') ? '退回后已修改重新提交' : null,
    consent?.warn ? consent.text : null,
    item.contentHeld ? '内容安全提示：请人工仔细核对' : null,
  ].filter((l): l is string => l !== null);
}

function NominationRow({ item }: { item: QueueItem }) {
  return (
    <ListRow
      testId='queue-item'
      title={item.nominee.name}
      badge={{ text: `待${REVIEW_LEVEL_LABEL[item.level]}审核`, tone: item.contentHeld || consentText(item)?.warn ? 'warn' : 'neutral' }}
      meta={nominationMeta(item)}
      onTap={() => openDetail(item._id)}
    />
  );
}

const OUTCOME = {
  sustain: { button: '异议成立', action: '异议成立', confirm: '异议成立将使该推荐不予入库，确定？', danger: true },
  dismiss: { button: '异议不成立', action: '不成立', confirm: '确定异议不成立？公示期满后该推荐将照常入库。', danger: false },
} as const;

function ObjectionRow({ o, canResolve, onDone }: { o: ObjectionView; canResolve: boolean; onDone: () => void }) {
  const [outcome, setOutcome] = useState<keyof typeof OUTCOME | null>(null);
  const resolve = useAction();
  return (
    <ListRow
      testId='objection-item'
      title={`对「${o.nomineeName}」的异议`}
      badge={o.contentHeld ? { text: '内容需人工核对', tone: 'warn' } : undefined}
      meta={[`提出于 ${formatDateTime(o.at)}`, canResolve ? null : '由总队审核员核实处理']}
      // While a reason is being written, a tap in the sheet must not leave the page.
      onTap={outcome ? undefined : () => openDetail(o.nominationId)}
    >
      {/* The objection is read before the buttons that decide it. */}
      <Text className='nom__body'>{o.text}</Text>
      {canResolve ? (
        <View className='nom__row-actions' onClick={(e) => e.stopPropagation()}>
          {outcome ? (
            <ReasonSheet
              testId='objection-sheet'
              title={outcome === 'sustain' ? '认定异议成立' : '认定异议不成立'}
              label='处理意见（必填）'
              placeholder='写明核实的情况'
              requiredText='请填写处理意见'
              maxLength={NOMINATION_LIMITS.commentMax}
              actionText={OUTCOME[outcome].action}
              confirm={{ title: '处理异议', content: OUTCOME[outcome].confirm, confirmText: '确定' }}
              danger={OUTCOME[outcome].danger}
              busy={resolve.busy}
              error={resolve.error?.message ?? null}
              onCancel={() => setOutcome(null)}
              onSubmit={async (comment) => {
                if (await resolve.run(() => call('nominations', 'resolveObjection', { id: o._id, outcome, comment }), '已处理')) onDone();
              }}
            />
          ) : (
            <View className='nom__buttons'>
              <Button className='nom__secondary' onClick={() => setOutcome('dismiss')}>{OUTCOME.dismiss.button}</Button>
              <Button className='nom__primary' onClick={() => setOutcome('sustain')}>{OUTCOME.sustain.button}</Button>
            </View>
          )}
        </View>
      ) : null}
    </ListRow>
  );
}

export function ReviewScreen() {
  // The 工作台's objection items open this page on its objections tab.
  const opensOn: Tab = useRouter().params.tab === 'objections' ? 'objections' : 'review';
  const [tab, setTab] = useState<Tab>(opensOn);
  const [counts, setCounts] = useState<QueueCounts | null>(null);
  const list = usePagedList<Row>(async (cursor) => {
    const page = await call('nominations', 'queue', { tab, cursor });
    setCounts(page.counts);
    const rows: Row[] =
      tab === 'review' ? page.items.map((item) => ({ kind: 'nomination', _id: item._id, item })) : page.objections.map((objection) => ({ kind: 'objection', _id: objection._id, objection }));
    return { items: rows, next: page.next };
  }, [tab]);
  useListPageEvents({ refresh: list.refresh, loadMore: list.loadMore });
  useReloadOnReturn(() => list.refresh());
  // Who may resolve objections is known to the server; this only spares a detachment reviewer
  // buttons that would always be refused.
  const me = useResource(() => call('identity', 'me', {}), []);
  const canResolve = me.state.status === 'ready' && resolvesObjections(me.state.data);
  const badge = (n: number | undefined) => (n ? ` (${n})` : '');
  return (
    <View className='page nom nom-list'>
      <View className='nom__tabs' role='tablist'>
        <View className={`nom__tab${tab === 'review' ? ' nom__tab--active' : ''}`} role='tab' aria-selected={tab === 'review'} onClick={() => setTab('review')}>
          {`待审核${badge(counts?.review)}`}
        </View>
        <View className={`nom__tab${tab === 'objections' ? ' nom__tab--active' : ''}`} role='tab' aria-selected={tab === 'objections'} onClick={() => setTab('objections')}>
          {`公示异议${badge(counts?.objections)}`}
        </View>
      </View>
      {list.status === 'error' ? (
        <StateView kind='error' error={list.error} onRetry={() => void list.refresh()} />
      ) : (
        <View className='nom__list'>
          {list.status === 'loading' ? <View className='nom__muted nom__loading'>加载中…</View> : null}
          {list.status === 'ready' && list.items.length === 0 ? <StateView kind='empty' title={tab === 'review' ? '没有待审核的推荐' : '没有待处理的异议'} /> : null}
          {list.items.map((row) =>
            row.kind === 'nomination' ? <NominationRow key={row._id} item={row.item} /> : <ObjectionRow key={row._id} o={row.objection} canResolve={canResolve} onDone={() => void list.refresh()} />,
          )}
          {list.status === 'ready' ? <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} /> : null}
        </View>
      )}
    </View>
  );
}
