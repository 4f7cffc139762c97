/**
 * 岗位标兵评选: the rounds the caller has to do with — to put candidates forward into, to score
 * on a committee, or to run as its admin — newest first, the ones waiting for the caller's
 * scores marked. An admin opens a new round from here.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { Me, SelectionRoundCard } from '@contract';
import { call } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { unitsWithRole } from '../../lib/roles';
import { routes } from '../../lib/routes';
import { useResource } from '../../lib/use-resource';
import { CardSkeleton } from '../../components/skeleton';
import { ListRow } from '../../components/list-row';
import { StateView } from '../../components/state-view';
import { STATE_LABEL } from './choices';
import { CreateRoundForm } from './create-form';
import './selections.scss';

async function load(): Promise<{ me: Me; items: SelectionRoundCard[] }> {
  const [me, list] = await Promise.all([call('identity', 'me', {}), call('workboard', 'selectionRounds', {})]);
  return { me, items: list.items };
}

export function SelectionsScreen() {
  const router = useRouter();
  const [creating, setCreating] = useState(router.params.new === '1');
  const { state, reload } = useResource(load, []);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  // Back from a round (scored, closed, published): the list says so.
  useDidShow(() => {
    if (state.status === 'ready') void reload();
  });

  if (state.status === 'loading') return <View className='page sel'><CardSkeleton /></View>;
  if (state.status === 'error') return <View className='page sel'><StateView kind='error' error={state.error} deniedTitle='仅工作人员可以查看评选' onRetry={() => void reload()} /></View>;
  const { me, items } = state.data;
  const adminUnits = unitsWithRole(me, 'admin');

  return (
    <View className='page sel' data-testid='selections'>
      {creating && adminUnits.length > 0 ? (
        <CreateRoundForm
          units={adminUnits}
          onCancel={() => setCreating(false)}
          onCreated={(round) => {
            setCreating(false);
            void reload();
            void Taro.navigateTo({ url: routes.selectionRound({ id: round._id }) });
          }}
        />
      ) : adminUnits.length > 0 ? (
        <Button className='sel__primary' data-testid='selection-new' onClick={() => setCreating(true)}>发起评选</Button>
      ) : null}
      <View className='sel__head' style={{ margin: '24px 0 12px' }}>
        <Text className='sel__section'>评选</Text>
      </View>
      {items.length === 0 ? (
        <StateView kind='empty' title='暂无评选' detail='管理员发起岗位标兵评选后，本单位可在此推荐候选人，评委在此评分' />
      ) : (
        <View className='sel__list'>
          {items.map((r) => (
            <ListRow
              key={r._id}
              testId='selection-row'
              title={r.title}
              badge={r.awaitingMyScores ? { text: '待我评分', tone: 'danger' } : { text: STATE_LABEL[r.state].text, tone: STATE_LABEL[r.state].tone }}
              meta={[[r.unit?.shortName, `候选人 ${r.candidateCount} 名`, r.member ? '我是评委' : null].filter(Boolean).join(' · '), `发起于 ${formatDate(r.createdAt)}`]}
              onTap={() => void Taro.navigateTo({ url: routes.selectionRound({ id: r._id }) })}
            />
          ))}
        </View>
      )}
    </View>
  );
}
