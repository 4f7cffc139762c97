import { Text, View } from '@tarojs/components';
import { call } from '../../lib/api';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { ListFooter } from '../../components/list-footer';
import { StateView } from '../../components/state-view';
import { formatDateTime } from '../../lib/dates';
import { AUDIT_ACTION_LABEL, auditSummary } from './audit-labels';
import './staff-admin.scss';

/** 审计日志: every staff action, newest first, as who · what · when · before → after. */
export function AuditScreen() {
  const list = usePagedList((cursor) => call('admin', 'auditLog', { cursor }), []);
  useListPageEvents({ refresh: list.refresh, loadMore: list.loadMore });

  if (list.status === 'loading') return <Text className='staff__muted'>加载中…</Text>;
  if (list.status === 'error') return <StateView kind='error' error={list.error} onRetry={() => void list.refresh()} />;
  if (list.items.length === 0) return <StateView kind='empty' title='暂无记录' />;
  return (
    <View className='page staff'>
      <View className='section'>
        {list.items.map((e) => (
          <View key={e._id} className='staff__item staff__item--stacked' data-testid='audit-row'>
            <Text className='staff__item-title'>{AUDIT_ACTION_LABEL[e.action] ?? e.action}</Text>
            <Text className='staff__muted'>{`${formatDateTime(e.at)} · 操作人 ${e.actor} · ${e.subject.kind} ${e.subject.id}`}</Text>
            <Text className='staff__detail'>{auditSummary(e)}</Text>
          </View>
        ))}
        <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} />
      </View>
    </View>
  );
}
