import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import type { ExemplarProfile } from '@contract';
import { ApiFailure, call } from '../../lib/api';
import { CATEGORY_LABEL, KIND_LABEL } from '../../lib/contract-values';
import { isId } from '../../lib/ids';
import { openStory } from '../../lib/nav';
import { profileShare, recordTargetShare } from '../../lib/share';
import { useResource } from '../../lib/use-resource';
import { HonorList } from '../../components/honor-list';
import { LikeButton } from '../../components/like-button';
import { useLike } from '../../components/like-button/use-like';
import { CardSkeleton } from '../../components/skeleton';
import { StateView } from '../../components/state-view';
import { StoryCard } from '../../components/story-card';
import { TierBadge } from '../../components/tier-badge';
import { AdminConsentWithdrawal } from './admin-consent-withdrawal';
import './profile-screen.scss';

/** 典型: who they are, what they were honored for, and their stories. */
export function ProfileScreen() {
  const id = useRouter().params.id ?? '';
  const [now] = useState(() => Date.now());
  const { state, reload } = useResource<ExemplarProfile>(() => {
    if (!isId(id)) return Promise.reject(new ApiFailure('NOT_FOUND', 'bad exemplar id in route'));
    return call('content', 'profile', { id });
  }, [id]);

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  // Counted only once the profile has loaded, as on the story page: a share of a page that
  // turned out missing (or is still loading) names nothing the server could count.
  useShareAppMessage(() => {
    const p = state.status === 'ready' ? state.data : null;
    if (p) recordTargetShare({ kind: 'exemplar', id: p._id }, 'chat');
    return profileShare(id, p).chat;
  });
  useShareTimeline(() => {
    const p = state.status === 'ready' ? state.data : null;
    if (p) recordTargetShare({ kind: 'exemplar', id: p._id }, 'moments');
    return profileShare(id, p).timeline;
  });

  if (state.status === 'loading') return <CardSkeleton count={2} variant='exemplar' />;
  if (state.status === 'error') {
    if (state.error.code === 'NOT_FOUND') return <StateView kind='empty' title='该典型不存在或暂未公开' />;
    return <StateView kind='error' error={state.error} onRetry={() => void reload()} />;
  }

  const p = state.data;
  return (
    <View className='page page--phone profile'>
      <View className={`profile__hero profile__hero--${p.kind}`}>
        <View className='profile__photo'>
          {p.photo ? (
            <Image className='profile__img' src={p.photo} mode='aspectFill' />
          ) : (
            <Text className='profile__initial'>{p.name.slice(0, 1)}</Text>
          )}
        </View>
        <View className='profile__id'>
          <View className='profile__name-row'>
            <Text className='profile__name'>
              {p.name}
            </Text>
            <TierBadge tier={p.tier} full />
          </View>
          <Text className='profile__title'>{p.title}</Text>
          {p.unit ? <Text className='profile__unit'>{p.unit.name}</Text> : null}
          <View className='profile__tags'>
            <Text className='profile__tag'>{KIND_LABEL[p.kind]}</Text>
            <Text className='profile__tag'>{CATEGORY_LABEL[p.category]}</Text>
          </View>
        </View>
      </View>

      <View className='profile__stats'>
        <View className='profile__stat'>
          <Text className='profile__stat-n'>{p.honorCount}</Text>
          <Text className='profile__stat-l'>荣誉</Text>
        </View>
        <View className='profile__stat'>
          <Text className='profile__stat-n'>{p.storyCount}</Text>
          <Text className='profile__stat-l'>事迹</Text>
        </View>
        <View className='profile__stat profile__stat--salute'>
          <SaluteButton id={p._id} count={p.saluteCount} />
        </View>
      </View>

      {p.biography ? (
        <View className='section'>
          <Text className='section-title'>{p.kind === 'collective' ? '集体简介' : '个人简介'}</Text>
          <Text className='profile__bio'>{p.biography}</Text>
        </View>
      ) : null}

      <View className='section'>
        <Text className='section-title'>荣誉</Text>
        <HonorList groups={p.honorGroups} />
      </View>

      <View className='profile__stories'>
        <Text className='section-title profile__stories-title'>相关事迹</Text>
        {p.stories.length === 0 ? (
          <StateView kind='empty' title='暂无事迹' />
        ) : (
          p.stories.map((s) => <StoryCard key={s._id} story={s} now={now} onOpen={openStory} />)
        )}
      </View>

      {/* Only a person gives personal consent: a collective's profile has nothing to withdraw. */}
      {p.kind === 'individual' ? <AdminConsentWithdrawal exemplarId={p._id} name={p.name} /> : null}
    </View>
  );
}

/** 致敬: the exemplar's salute count and the reader's own salute, on the profile's stats row. */
function SaluteButton({ id, count }: { id: string; count: number }) {
  const salute = useLike('exemplar', id, count);
  return <LikeButton {...salute} />;
}
