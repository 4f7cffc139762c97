import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { AuditView } from '@contract';
import { call } from '../../lib/api';
import { auditDetails, auditSentence } from '../../lib/audit-sentences';
import { formatDateTime } from '../../lib/dates';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { ListFooter } from '../../components/list-footer';
import { ListRow } from '../../components/list-row';
import { StateView } from '../../components/state-view';
import './staff-admin.scss';

/** One entry: the sentence and when; tapping unfolds what changed. */
function AuditRow({ entry }: { entry: AuditView }) {
  const [open, setOpen] = useState(false);
  const details = auditDetails(entry);
  const folded = details.length > 0;
  return (
    <ListRow
      testId='audit-row'
      title={auditSentence(entry)}
      meta={[folded ? `${formatDateTime(entry.at)} · ${open ? '收起详情' : '查看详情'}` : formatDateTime(entry.at)]}
      onTap={folded ? () => setOpen((o) => !o) : undefined}
    >
      {open ? (
        <View className='audit__details' data-testid='audit-details'>
          {details.map((d) => (
            <Text key={d.label} className='audit__detail'>{`${d.label}：${d.value}`}</Text>
          ))}
        </View>
      ) : null}
    </ListRow>
  );
}

/** 审计日志: every staff action, newest first, as a sentence with who, what and when; the details fold. */
export function AuditScreen() {
  const list = usePagedList((cursor) => call('admin', 'auditLog', { cursor }), []);
  useListPageEvents({ refresh: list.refresh, loadMore: list.loadMore });

  if (list.status === 'loading') return <Text className='staff__muted'>加载中…</Text>;
  if (list.status === 'error') return <StateView kind='error' error={list.error} deniedTitle='仅总队管理员可以查看审计日志' onRetry={() => void list.refresh()} />;
  if (list.items.length === 0) return <StateView kind='empty' title='暂无记录' />;
  return (
    <View className='page staff staff--desk'>
      <View className='section'>
        {list.items.map((e) => (
          <AuditRow key={e._id} entry={e} />
        ))}
        <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} />
      </View>
    </View>
  );
}
