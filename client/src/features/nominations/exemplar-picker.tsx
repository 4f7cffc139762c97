/**
 * Pick an exemplar of the reserve library within the nominating unit's subtree (the only ones
 * the server accepts from this unit), searchable by name, title or unit. The subtree's reserve
 * list is read once, page by page up to a bound (a station or detachment holds a few dozen at
 * most), and filtered on the device as the editor types: no server round trip per keystroke.
 */
import { useMemo, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { KIND_LABEL, type ExemplarCard, type ExemplarKind, type Id, type Page, type PostCategory } from '@contract';
import { call } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';

export interface PickedExemplar {
  _id: Id;
  name: string;
  kind: ExemplarKind;
  category: PostCategory;
  unitName: string;
}

/** Pages read at most: 10 × 50 reserve exemplars is far beyond any unit's subtree. */
const MAX_PAGES = 10;
const PAGE = 50;
/** Rows shown at once; typing narrows the rest down. */
const SHOWN = 30;

async function reserveWithin(unitId: Id): Promise<{ items: ExemplarCard[]; complete: boolean }> {
  const items: ExemplarCard[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: Page<ExemplarCard> = await call('content', 'exemplars', { tier: 'reserve', unitId, cursor, limit: PAGE });
    items.push(...page.items);
    cursor = page.next;
    if (!cursor) return { items, complete: true };
  }
  return { items, complete: false };
}

export function matches(e: ExemplarCard, query: string): boolean {
  const q = query.trim();
  if (!q) return true;
  return [e.name, e.title, e.unit?.name ?? '', e.unit?.shortName ?? ''].some((text) => text.includes(q));
}

export function ExemplarPicker({ unitId, onPick }: { unitId: Id; onPick: (picked: PickedExemplar) => void }) {
  const { state, reload } = useResource(() => reserveWithin(unitId), [unitId]);
  const [query, setQuery] = useState('');
  const found = useMemo(() => (state.status === 'ready' ? state.data.items.filter((e) => matches(e, query)) : []), [state, query]);

  return (
    <View className='nom__sheet' data-testid='exemplar-picker'>
      <Text className='nom__muted'>选择本单位及下级的后备典型，推荐升入重大先进典型库</Text>
      <Input className='nom__input' value={query} placeholder='搜索姓名、职务或单位' onInput={(e) => setQuery(e.detail.value)} aria-label='搜索典型' />
      {state.status === 'loading' ? <Text className='nom__muted'>加载中…</Text> : null}
      {state.status === 'error' ? <StateView kind='error' error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' && found.length === 0 ? <Text className='nom__muted'>{query.trim() ? '没有符合的典型' : '本单位暂无后备典型'}</Text> : null}
      {found.slice(0, SHOWN).map((e) => (
        <View
          key={e._id}
          className='nom__choice'
          role='option'
          data-testid='exemplar-option'
          onClick={() => onPick({ _id: e._id, name: e.name, kind: e.kind, category: e.category, unitName: e.unit?.shortName ?? '' })}
        >
          {`${e.name} · ${KIND_LABEL[e.kind]} · ${e.unit?.shortName ?? ''}`}
        </View>
      ))}
      {found.length > SHOWN ? <Text className='nom__muted'>{`还有 ${found.length - SHOWN} 位，请输入关键字缩小范围`}</Text> : null}
      {state.status === 'ready' && !state.data.complete ? <Text className='nom__muted'>只列出了前 {MAX_PAGES * PAGE} 位，请输入关键字</Text> : null}
    </View>
  );
}
