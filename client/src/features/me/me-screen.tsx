import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { Me } from '@contract';
import { call } from '../../lib/api';
import { ROLE_LABEL, UNIT_LEVEL_LABEL } from '../../lib/contract-values';
import { openHonoursWall } from '../../lib/nav';
import { useResource } from '../../lib/use-resource';
import { CardSkeleton } from '../../components/skeleton';
import { StateView } from '../../components/state-view';
import { DevIdentitySwitcher } from './dev-identity-switcher';
import { MyActivity } from './my-activity';
import { MyProfile } from './my-profile';
import { RedeemInvite } from './redeem-invite';
import { StaffEntry } from './staff-entry';
import './me-screen.scss';

/**
 * How the hero names the caller: staff by the name they gave (with their unit), staff without
 * one as such, a reader as 读者 (readers stay anonymous: no handle, no id).
 */
function heroOf(me: Me): { avatar: string; title: string; tag: string } {
  if (me.reader) return { avatar: '读', title: '读者', tag: '匿名阅读，不公开个人信息' };
  if (!me.profile) return { avatar: '员', title: '未填写姓名', tag: '工作人员' };
  return { avatar: [...me.profile.name][0] ?? '员', title: me.profile.name, tag: me.profile.unit ? `工作人员 · ${me.profile.unit.shortName}` : '工作人员' };
}

/** 我的: who the server says you are: a reader, or a named staff member with roles over units. */
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
          <Hero me={state.data} />
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

      {state.status === 'ready' ? <MyProfile key={state.data.profile?.name ?? ''} me={state.data} onSaved={() => void reload()} /> : null}
      {state.status === 'ready' ? <StaffEntry me={state.data} /> : null}
      {state.status === 'ready' ? <RedeemInvite askName={!state.data.profile} onRedeemed={() => void reload()} /> : null}

      <View className='section me__entry' role='link' data-testid='me-honours-link' onClick={openHonoursWall}>
        <View className='me__entry-text'>
          <Text className='me__entry-title'>荣誉墙</Text>
          <Text className='me__entry-detail'>全总队各级荣誉、典型库与媒体刊发一览</Text>
        </View>
        <Text className='me__entry-more'>›</Text>
      </View>

      <MyActivity key={likesKey} />

      <DevIdentitySwitcher
        onSwitched={() => {
          void reload();
          // Another identity has other likes, salutes and messages: start the lists again.
          setLikesKey((k) => k + 1);
        }}
      />

      <View className='me__about'>
        <Text>身边典型 · 推优树典 讲好消防故事</Text>
      </View>
    </View>
  );
}

function Hero({ me }: { me: Me }) {
  const hero = heroOf(me);
  return (
    <View className='me__card' data-testid='me-card'>
      <View className='me__avatar'>
        <Text>{hero.avatar}</Text>
      </View>
      <View className='me__who'>
        <Text className='me__name'>{hero.title}</Text>
        <Text className='me__kind'>{hero.tag}</Text>
      </View>
    </View>
  );
}
