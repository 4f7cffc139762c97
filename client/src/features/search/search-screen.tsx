import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ExemplarHit, StoryHit } from '@contract';
import type { ApiFailure } from '../../lib/api';
import { confirmAction } from '../../lib/confirm';
import { SEARCH_LIMITS } from '../../lib/contract-values';
import { openProfile, openStory } from '../../lib/nav';
import { ExemplarCard } from '../../components/exemplar-card';
import { SearchGlass } from '../../components/search-entry';
import { CardSkeleton } from '../../components/skeleton';
import { StateView } from '../../components/state-view';
import { StoryCard } from '../../components/story-card';
import { HighlightLine } from './highlight';
import { clearRecent, readRecent, rememberSearch } from './recent-searches';
import { DEBOUNCE_MS, useDebounced, useSearch, type GroupView, type HitKind, type SearchView } from './use-search';
import './search-screen.scss';

/** A query handed over in the page URL; WeChat passes query values still URL-encoded. */
function initialQuery(raw: string | undefined): string {
  if (!raw) return '';
  try {
    return /%[0-9a-f]{2}/i.test(raw) ? decodeURIComponent(raw) : raw;
  } catch {
    return raw;
  }
}

/**
 * 搜索: stories and exemplars by any part of a title, a name, a unit, an honour or a campaign,
 * or by the pinyin initials of a name. Results follow the typing (once it settles for 300 ms);
 * recent searches stay on this device until cleared; finding nothing offers what to try instead.
 */
export function SearchScreen() {
  const params = useRouter().params;
  const [text, setText] = useState(() => initialQuery(params.q));
  // A committed query (搜索, a recent, a suggestion, the page's `q`) is searched at once, not after the pause.
  const [committed, setCommitted] = useState<string | null>(() => initialQuery(params.q) || null);
  const debounced = useDebounced(text, DEBOUNCE_MS);
  const query = committed ?? debounced;
  const { view, retry, loadMore } = useSearch(query.trim());
  const [recent, setRecent] = useState<string[]>(readRecent);
  const [now] = useState(() => Date.now());

  const type = (value: string) => {
    setCommitted(null);
    setText(value);
  };
  const commit = (value: string) => {
    const q = value.trim();
    setText(value);
    setCommitted(value);
    if (q) setRecent(rememberSearch(q));
  };
  // The reader chose a result: what they searched for was worth keeping.
  const open = (kind: HitKind, id: string) => {
    if (view.status === 'ready') setRecent(rememberSearch(view.q));
    if (kind === 'story') openStory(id);
    else openProfile(id);
  };
  const clearAll = async () => {
    const ok = await confirmAction({ title: '清除最近搜索', content: '清除这台设备上保存的全部最近搜索？', confirmText: '清除', danger: true });
    if (!ok) return;
    clearRecent();
    setRecent([]);
  };

  return (
    <View className='page search'>
      <View className='search__bar'>
        <View className='search__box'>
          <SearchGlass />
          <Input
            className='search__input'
            value={text}
            focus
            confirmType='search'
            maxlength={SEARCH_LIMITS.queryMaxChars}
            placeholder='人名、单位、荣誉、专题，或拼音首字母'
            aria-label='搜索内容'
            onInput={(e) => type(e.detail.value)}
            onConfirm={(e) => commit(e.detail.value)}
          />
          {text ? (
            <View className='search__clear' role='button' aria-label='清空' onClick={() => type('')}>
              <Text>×</Text>
            </View>
          ) : null}
        </View>
        <View className='search__go' role='button' onClick={() => commit(text)}>
          <Text>搜索</Text>
        </View>
      </View>
      {view.status === 'idle' && !text.trim() ? (
        <Recent items={recent} onPick={commit} onClear={() => void clearAll()} />
      ) : view.status === 'idle' || view.status === 'loading' ? (
        // Typing (the pause not over yet) or the first answer on its way.
        <View className='search__results'>
          <Text className='search__status'>正在搜索“{view.status === 'loading' ? view.q : text.trim()}”…</Text>
          <CardSkeleton count={3} variant='exemplar' />
        </View>
      ) : view.status === 'error' ? (
        <SearchFailed error={view.error} onRetry={retry} />
      ) : (
        <Results view={view} now={now} onOpen={open} onMore={(k) => void loadMore(k)} onPick={commit} />
      )}
    </View>
  );
}

function Recent({ items, onPick, onClear }: { items: string[]; onPick: (q: string) => void; onClear: () => void }) {
  return (
    <View className='search__recent'>
      {items.length > 0 ? (
        <>
          <View className='search__recent-head'>
            <Text className='search__recent-title'>最近搜索</Text>
            <View className='search__recent-clear' role='button' onClick={onClear}>
              <Text>清除</Text>
            </View>
          </View>
          <View className='search__chips' data-testid='recent-searches'>
            {items.map((q) => (
              <View key={q} className='search__chip' role='button' onClick={() => onPick(q)}>
                <Text>{q}</Text>
              </View>
            ))}
          </View>
        </>
      ) : null}
      <View className='search__tips'>
        <Text className='search__tips-title'>可以这样搜</Text>
        <Text className='search__tip'>· 名字或标题中的任意几个字：建军、逆行</Text>
        <Text className='search__tip'>· 单位、荣誉、专题：特勤站、五四奖章、平凡榜样</Text>
        <Text className='search__tip'>· 姓名拼音首字母：wjj 可以找到王建军</Text>
      </View>
    </View>
  );
}

/** No network is said as such (the search needs the server); anything else offers a retry too. */
function SearchFailed({ error, onRetry }: { error: ApiFailure; onRetry: () => void }) {
  const offline = error.code === 'UNAVAILABLE';
  return <StateView kind='error' error={error} title={offline ? '网络不可用，联网后点击重试' : '搜索失败，点击重试'} onRetry={onRetry} />;
}

function Results({
  view,
  now,
  onOpen,
  onMore,
  onPick,
}: {
  view: Extract<SearchView, { status: 'ready' }>;
  now: number;
  onOpen: (kind: HitKind, id: string) => void;
  onMore: (kind: HitKind) => void;
  onPick: (q: string) => void;
}) {
  const { stories, exemplars } = view;
  const nothing = stories.items.length === 0 && exemplars.items.length === 0;
  const unfinished = (stories.items.length === 0 && stories.next !== null) || (exemplars.items.length === 0 && exemplars.next !== null);
  if (nothing && !unfinished) {
    return (
      <View className={`search__results${view.refreshing ? ' search__results--stale' : ''}`}>
        <View className='search__empty' data-testid='search-empty'>
          <Text className='search__empty-title'>没有找到“{view.q}”</Text>
          <Text className='search__empty-detail'>换几个字、少几个字，或用姓名拼音首字母试试</Text>
        </View>
        {view.suggestions.length > 0 ? (
          <View className='search__suggest'>
            <Text className='search__suggest-title'>试试搜索</Text>
            <View className='search__chips' data-testid='search-suggestions'>
              {view.suggestions.map((q) => (
                <View key={q} className='search__chip search__chip--suggest' role='button' onClick={() => onPick(q)}>
                  <Text>{q}</Text>
                </View>
              ))}
            </View>
          </View>
        ) : null}
      </View>
    );
  }
  return (
    <View className={`search__results${view.refreshing ? ' search__results--stale' : ''}`}>
      {view.refreshing ? <Text className='search__status'>正在搜索…</Text> : null}
      <Group
        title='典型'
        group={exemplars}
        kind='exemplar'
        onMore={onMore}
        render={(h: ExemplarHit) => (
          <View key={h.card._id} className='search-hit'>
            <ExemplarCard exemplar={h.card} onOpen={(id) => onOpen('exemplar', id)} />
            <HighlightLine highlight={h.highlight} kind={h.card.kind} />
          </View>
        )}
      />
      <Group
        title='事迹'
        group={stories}
        kind='story'
        onMore={onMore}
        render={(h: StoryHit) => (
          <View key={h.card._id} className='search-hit'>
            <StoryCard story={h.card} now={now} onOpen={(id) => onOpen('story', id)} />
            <HighlightLine highlight={h.highlight} />
          </View>
        )}
      />
    </View>
  );
}

function Group<H>({ title, group, kind, onMore, render }: { title: string; group: GroupView<H>; kind: HitKind; onMore: (kind: HitKind) => void; render: (h: H) => JSX.Element }) {
  if (group.items.length === 0 && group.next === null) return null;
  const more = kind === 'story' ? '事迹' : '典型';
  return (
    <View className='search__group' data-testid={`search-group-${kind}`}>
      <Text className='search__group-title'>{title}</Text>
      {group.items.length === 0 ? <Text className='search__group-note'>暂未找到，可以继续查找</Text> : null}
      {group.items.map(render)}
      {group.moreError ? (
        <View className='search__more search__more--error' role='button' onClick={() => onMore(kind)}>
          <Text>{group.moreError.code === 'UNAVAILABLE' ? '网络不可用，点击重试' : '加载失败，点击重试'}</Text>
        </View>
      ) : group.loadingMore ? (
        <View className='search__more'>
          <Text>加载中…</Text>
        </View>
      ) : group.next ? (
        <View className='search__more' role='button' onClick={() => onMore(kind)}>
          <Text>{group.items.length === 0 ? `继续查找${more}` : `查看更多${more}`}</Text>
        </View>
      ) : null}
    </View>
  );
}
