import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { GrantView } from '@contract';
import { call, toFailure } from '../../lib/api';
import { ROLE_LABEL } from '../../lib/contract-values';
import { usePagedList } from '../../lib/use-paged-list';
import { ListFooter } from '../../components/list-footer';
import { StateView } from '../../components/state-view';
import { formatDate } from '../../lib/dates';
import './staff-admin.scss';

/** 已授权人员: active roles over the admin's subtree, newest first; revoke with confirmation. */
export function GrantsScreen() {
  const [listKey, setListKey] = useState(0);
  const list = usePagedList((cursor) => call('admin', 'listGrants', { cursor }), [listKey]);

  async function revoke(g: GrantView) {
    const answer = await Taro.showModal({
      title: '撤销授权',
      content: `撤销 ${g.holder} 在「${g.unit.shortName}」的${ROLE_LABEL[g.role]}角色？撤销后立即生效。`,
      confirmText: '撤销',
    });
    if (!answer.confirm) return;
    try {
      await call('admin', 'revokeGrant', { grantId: g._id });
      void Taro.showToast({ title: '已撤销', icon: 'success' });
      setListKey((k) => k + 1);
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    }
  }

  if (list.status === 'loading') return <Text className='staff__muted'>加载中…</Text>;
  if (list.status === 'error') return <StateView kind='error' error={list.error} onRetry={() => void list.refresh()} />;
  if (list.items.length === 0) return <StateView kind='empty' title='暂无授权人员' />;
  return (
    <View className='page staff'>
      <View className='section'>
        {list.items.map((g) => (
          <View key={g._id} className='staff__item' data-testid='grant-row'>
            <View className='staff__item-main'>
              <Text className='staff__item-title'>{`${ROLE_LABEL[g.role]} · ${g.unit.shortName}`}</Text>
              <Text className='staff__muted'>{`${g.self ? '我' : `用户 ${g.holder}`} · 授权于 ${formatDate(g.grantedAt)}`}</Text>
            </View>
            {g.self && g.role === 'admin' ? null : (
              <Button className='staff__danger' onClick={() => void revoke(g)}>
                撤销
              </Button>
            )}
          </View>
        ))}
        <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} />
      </View>
    </View>
  );
}
