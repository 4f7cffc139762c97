import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ExemplarKind, PostCategory } from '@contract';
import { call } from '../../lib/api';
import { PAGE_SIZE, TIER_LABEL } from '../../lib/contract-values';
import { openHonoursWall, openNotice, openProfile, openSearch } from '../../lib/nav';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { ChipGroup, type ChipOption } from '../../components/chip-group';
import { ExemplarCard } from '../../components/exemplar-card';
import { ListFooter } from '../../components/list-footer';
import { SearchEntry } from '../../components/search-entry';
import { CardSkeleton } from '../../components/skeleton';
import { StateView } from '../../components/state-view';
import { Tabs } from '../../components/tabs';
import { CategoryFilter } from './category-filter';
import { UnitFilter, type UnitChoice } from './unit-filter';
import './library-screen.scss';

type Library = 'major' | 'reserve';
type KindFilter = ExemplarKind | 'all';
type CategoryFilter = PostCategory | 'all';

const LIBRARIES: { value: Library; label: string }[] = [
  { value: 'major', label: TIER_LABEL.major },
  { value: 'reserve', label: TIER_LABEL.reserve },
];
const KINDS: ChipOption<KindFilter>[] = [
  { value: 'all', label: '全部' },
  { value: 'individual', label: '个人' },
  { value: 'collective', label: '集体' },
];

/**
 * Another library or filter is another list: it starts at its top, not wherever the last one was
 * scrolled to (which would land mid-list, or past the end of a shorter one).
 */
function toTop(): void {
  void Promise.resolve(Taro.pageScrollTo({ scrollTop: 0, duration: 0 })).catch(() => undefined);
}

/** 典型库: the major and reserve libraries, filtered by unit, kind and post category. */
export function LibraryScreen() {
  const [tier, setTierState] = useState<Library>('major');
  const [kind, setKindState] = useState<KindFilter>('all');
  const [category, setCategoryState] = useState<CategoryFilter>('all');
  const [unit, setUnitState] = useState<UnitChoice | null>(null);
  const changing =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      toTop();
    };
  const setTier = changing(setTierState);
  const setKind = changing(setKindState);
  const setCategory = changing(setCategoryState);
  const setUnit = changing(setUnitState);

  const list = usePagedList(
    (cursor) =>
      call('content', 'exemplars', {
        tier,
        ...(unit ? { unitId: unit._id } : {}),
        ...(kind === 'all' ? {} : { kind }),
        ...(category === 'all' ? {} : { category }),
        cursor,
        limit: PAGE_SIZE.exemplars,
      }),
    [tier, unit?._id, kind, category],
  );
  useListPageEvents({ refresh: list.refresh, loadMore: list.loadMore });

  return (
    <View className='page page--phone library'>
      {/* Above the sticky header, so searching costs the filters no height once scrolled. */}
      <SearchEntry onOpen={() => openSearch()} hint='搜索典型：姓名、单位、荣誉' />
      {/* Who is about to enter the libraries is public (公示): readers find it where the libraries
          are. Above the sticky header too: the header keeps to the tabs and filters (≤ ¼ screen). */}
      <View className='library__links'>
        <View className='library__notice' role='link' data-testid='notice-link' onClick={openNotice}>
          <Text>典型推荐公示</Text>
          <Text className='library__notice-more'>查看 ›</Text>
        </View>
        {/* The corps' honours as figures: beside the notice, so the page grows by nothing. */}
        <View className='library__notice' role='link' data-testid='honours-link' onClick={openHonoursWall}>
          <Text>荣誉墙</Text>
          <Text className='library__notice-more'>查看 ›</Text>
        </View>
      </View>
      <View className='library__sticky'>
        <Tabs tabs={LIBRARIES} value={tier} onChange={setTier} />
        {/* One row — unit and category as buttons opening their choices, the kind as chips — so the
            header stays within a quarter of the screen on a phone and on PC WeChat's short window. */}
        <View className='library__filters'>
          <UnitFilter tier={tier} {...(kind === 'all' ? {} : { kind })} {...(category === 'all' ? {} : { category })} value={unit} onChange={setUnit} />
          <CategoryFilter value={category} onChange={setCategory} />
          <View className='library__kinds'>
            <ChipGroup label='个人或集体' options={KINDS} value={kind} onChange={setKind} />
          </View>
        </View>
      </View>
      {list.status === 'loading' ? (
        <CardSkeleton count={4} variant='exemplar' />
      ) : list.status === 'error' ? (
        <StateView kind='error' error={list.error} onRetry={() => void list.refresh()} />
      ) : list.items.length === 0 ? (
        <StateView kind='empty' title='暂无符合条件的典型' detail='换个筛选条件试试' />
      ) : (
        <View className='library__list'>
          {list.items.map((e) => (
            <ExemplarCard key={e._id} exemplar={e} onOpen={openProfile} />
          ))}
          <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} />
        </View>
      )}
    </View>
  );
}
