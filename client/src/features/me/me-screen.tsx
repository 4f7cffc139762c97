import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { Me } from '@contract';
import { call } from '../../lib/api';
import { ROLE_LABEL, UNIT_LEVEL_LABEL } from '../../lib/contract-values';
import { useResource } from '../../lib/use-resource';
import { CardSkeleton } from '../../components/skeleton';
import { StateView } from '../../components/state-view';
import { DevIdentitySwitcher } from './dev-identity-switcher';
import { MyLikes } from './my-likes';
import { RedeemInvite } from './redeem-invite';
import { StaffEntry } from './staff-entry';
import './me-screen.scss';

/** 我的: who the server says you are: a reader, or staff roles over units. */
export function MeScreen() {
  const [likesKey, setLikesKey] = useState(0);
  const { state, reload } = useResource<Me>(() => call('identity', 'me', {}), []);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className='page me'>
      <View className='me__hero'>
        {state.status === 'loading' ? (
          <CardSkeleton count={1} variant='exemplar' />
        ) : state.status === 'error' ? (
          <StateView kind='error' error={state.error} onRetry={() => void reload()} />
        ) : (
          <View className='me__card' data-testid='me-card'>
            <View className='me__avatar'>
              <Text>{state.data.reader ? '读' : '员'}</Text>
            </View>
            <View className='me__who'>
              <Text className='me__handle'>{state.data.handle}</Text>
              <Text className='me__kind'>{state.data.reader ? '读者' : '工作人员'}</Text>
            </View>
          </View>
        )}
      </View>

      {state.status === 'ready' ? (
        <View className='section'>
          <Text className='section-title'>我的身份</Text>
          {state.data.roles.length === 0 ? (
            <Text className='me__reader-note'>读者：可以阅读动态与专题、浏览典型库、查看典型荣誉与事迹。</Text>
          ) : (
            state.data.roles.map((r) => (
              <View key={`${r.role}-${r.unit._id}`} className='me__role' data-testid='me-role'>
                <Text className='me__role-name'>{ROLE_LABEL[r.role]}</Text>
                <Text className='me__role-unit'>
                  {r.unit.name}
                  <Text className='me__role-level'>{` · ${UNIT_LEVEL_LABEL[r.unit.level]}`}</Text>
                </Text>
              </View>
            ))
          )}
        </View>
      ) : null}

      {state.status === 'ready' ? <StaffEntry me={state.data} /> : null}
      {state.status === 'ready' ? <RedeemInvite onRedeemed={() => void reload()} /> : null}

      <MyLikes key={likesKey} />

      <DevIdentitySwitcher
        onSwitched={() => {
          void reload();
          // Another identity has other likes: start the list again.
          setLikesKey((k) => k + 1);
        }}
      />

      <View className='me__about'>
        <Text>身边典型 · 推优树典 讲好消防故事</Text>
      </View>
    </View>
  );
}
