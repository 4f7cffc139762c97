import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import type { ExemplarProfile } from '@contract';
import { ApiFailure, call } from '../../lib/api';
import { CATEGORY_LABEL, KIND_LABEL } from '../../lib/contract-values';
import { isId, isProfileCode } from '../../lib/ids';
import { profileShare, recordTargetShare } from '../../lib/share';
import { useResource } from '../../lib/use-resource';
import { HonorList } from '../../components/honor-list';
import { LikeButton } from '../../components/like-button';
import { useLike } from '../../components/like-button/use-like';
import { CardSkeleton } from '../../components/skeleton';
import { StateView } from '../../components/state-view';
import { TierBadge } from '../../components/tier-badge';
import { AdminConsentWithdrawal } from './admin-consent-withdrawal';
import { ProfileActions } from './profile-actions';
import { ProfileStories } from './profile-stories';
import { StationMembers } from './station-members';
import { Picture } from '../../components/picture';
import './profile-screen.scss';

/**
 * A profile poster's mini-program code opens the page with `scene` (the profile code,
 * URL-encoded by WeChat) instead of `id`: resolve it first, then load as usual.
 */
async function loadProfile(id: string, scene: string): Promise<ExemplarProfile> {
  if (id !== '') {
    // A mangled share link must read as "not found", not as a server error.
    if (!isId(id)) throw new ApiFailure('NOT_FOUND', 'bad exemplar id in route');
    return call('content', 'profile', { id });
  }
  let code = scene;
  try {
    code = decodeURIComponent(scene);
  } catch {
    // Not percent-encoded after all: use it as it came.
  }
  if (!isProfileCode(code)) throw new ApiFailure('NOT_FOUND', 'bad profile code in scene');
  const { exemplarId } = await call('content', 'resolveProfileCode', { code });
  return call('content', 'profile', { id: exemplarId });
}

/**
 * 典型: who they are, what they were honored for, and their stories; share and poster; for a
 * station (a collective of a 消防救援站), its people who are exemplars.
 */
export function ProfileScreen() {
  const params = useRouter().params;
  const routeId = params.id ?? '';
  const scene = params.scene ?? '';
  const { state, reload } = useResource<ExemplarProfile>(() => loadProfile(routeId, scene), [routeId, scene]);
  // The id the profile really has (a poster code arrives without one).
  const id = state.status === 'ready' ? state.data._id : routeId;

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
            // Decorative: the name is right beside it.
            <Picture className='profile__img' src={p.photo} mode='aspectFill' alt='' />
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

      <ProfileActions id={p._id} />

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

      {p.kind === 'collective' && p.unit?.level === 'station' ? <StationMembers key={p._id} stationId={p._id} /> : null}

      <ProfileStories key={p._id} profile={p} />

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
