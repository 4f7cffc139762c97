import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { GrantView } from '@contract';
import { call } from '../../lib/api';
import { confirmAction } from '../../lib/confirm';
import { ROLE_LABEL } from '../../lib/contract-values';
import { formatDate } from '../../lib/dates';
import { useAction } from '../../lib/use-action';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { ListFooter } from '../../components/list-footer';
import { ListRow } from '../../components/list-row';
import { StateView } from '../../components/state-view';
import './staff-admin.scss';

/** 已授权人员: active roles over the admin's subtree, newest first, each by its holder's name; revoke after confirming. */
export function GrantsScreen() {
  const [listKey, setListKey] = useState(0);
  const list = usePagedList((cursor) => call('admin', 'listGrants', { cursor }), [listKey]);
  useListPageEvents({ refresh: list.refresh, loadMore: list.loadMore });
  const action = useAction();

  async function revoke(g: GrantView) {
    const sure = await confirmAction({
      title: '撤销授权',
      content: `撤销 ${g.holder.name} 在「${g.unit.shortName}」的${ROLE_LABEL[g.role]}角色？撤销后立即生效。`,
      confirmText: '撤销',
      danger: true,
    });
    if (!sure) return;
    const done = await action.run(() => call('admin', 'revokeGrant', { grantId: g._id }), '已撤销');
    if (done) setListKey((k) => k + 1);
    // A refusal (already revoked, one's own admin grant) is said where the list is.
  }

  if (list.status === 'loading') return <Text className='staff__muted'>加载中…</Text>;
  if (list.status === 'error') return <StateView kind='error' error={list.error} deniedTitle='仅管理员可以查看授权' onRetry={() => void list.refresh()} />;
  if (list.items.length === 0) return <StateView kind='empty' title='暂无授权人员' />;
  return (
    <View className='page staff staff--desk'>
      <View className='section'>
        {action.error ? (
          <View className='field__error' role='alert'>
            <Text>{action.error.message}</Text>
          </View>
        ) : null}
        {list.items.map((g) => (
          <ListRow
            key={g._id}
            testId='grant-row'
            title={g.self ? `${g.holder.name}（我）` : g.holder.name}
            badge={{ text: ROLE_LABEL[g.role] }}
            meta={[g.unit.name, `授权于 ${formatDate(g.grantedAt)}`]}
            actions={
              // Your own admin grant stays: another admin must revoke it (you would lock yourself out).
              g.self && g.role === 'admin' ? undefined : (
                <Button className='staff__danger' disabled={action.busy || undefined} onClick={() => void revoke(g)}>
                  撤销
                </Button>
              )
            }
          />
        ))}
        <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} />
      </View>
    </View>
  );
}
