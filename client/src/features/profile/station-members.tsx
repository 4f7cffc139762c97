import { Text, View } from '@tarojs/components';
import type { ExemplarCard } from '@contract';
import { call } from '../../lib/api';
import { PAGE_SIZE } from '../../lib/contract-values';
import { openProfile } from '../../lib/nav';
import { usePagedList } from '../../lib/use-paged-list';
import { StateView } from '../../components/state-view';
import { TierBadge } from '../../components/tier-badge';
import { Picture } from '../../components/picture';
import './station-members.scss';

/**
 * 本站典型: a station's people who are exemplars, as small tiles two to a row (a station's page
 * stays about the station), a page at a time behind 查看更多. Shows nothing while the station has
 * none, or while the first page could not be loaded and has nothing to retry onto.
 */
export function StationMembers({ stationId }: { stationId: string }) {
  const list = usePagedList((cursor) => call('content', 'stationMembers', { exemplarId: stationId, cursor, limit: PAGE_SIZE.stationMembers }), [stationId]);
  if (list.status === 'loading') return null;
  if (list.status === 'error') {
    return (
      <View className='section'>
        <Text className='section-title'>本站典型</Text>
        <StateView kind='error' error={list.error} onRetry={() => void list.refresh()} />
      </View>
    );
  }
  if (list.items.length === 0) return null;
  return (
    <View className='section station-members' data-testid='station-members'>
      <Text className='section-title'>本站典型</Text>
      <View className='station-members__grid'>
        {list.items.map((m) => (
          <MemberTile key={m._id} member={m} />
        ))}
      </View>
      {list.moreError ? (
        <View className='station-members__more' role='button' onClick={() => void list.loadMore()}>
          <Text>加载失败，点击重试</Text>
        </View>
      ) : !list.done ? (
        <View className='station-members__more' role='button' data-testid='station-members-more' onClick={() => void list.loadMore()}>
          <Text>{list.loadingMore ? '加载中…' : '查看更多本站典型'}</Text>
        </View>
      ) : null}
    </View>
  );
}

function MemberTile({ member }: { member: ExemplarCard }) {
  return (
    <View className='member-tile' role='link' data-testid='station-member' onClick={() => openProfile(member._id)}>
      <View className='member-tile__photo'>
        {member.photo ? (
          <Picture className='member-tile__img' src={member.photo} mode='aspectFill' lazyLoad alt={`${member.name}的照片`} />
        ) : (
          <Text className='member-tile__initial'>{member.name.slice(0, 1)}</Text>
        )}
      </View>
      <View className='member-tile__body'>
        <View className='member-tile__head'>
          <Text className='member-tile__name'>{member.name}</Text>
          <TierBadge tier={member.tier} />
        </View>
        <Text className='member-tile__title'>{member.title}</Text>
      </View>
    </View>
  );
}
