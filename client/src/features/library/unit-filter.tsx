import { useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import type { ExemplarKind, Id, LibraryUnit, PostCategory } from '@contract';
import { call } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import { FilterButton, FilterSheet } from './filter-sheet';
import './unit-filter.scss';

/** The unit the library is narrowed to (its subtree), as the button names it. */
export interface UnitChoice {
  _id: Id;
  name: string;
  shortName: string;
}

interface Props {
  tier: 'major' | 'reserve';
  kind?: ExemplarKind;
  category?: PostCategory;
  value: UnitChoice | null;
  onChange: (unit: UnitChoice | null) => void;
}

/** 单位 in the library's filters: a button naming the chosen unit, opening the unit tree with counts. */
export function UnitFilter(props: Props) {
  const [open, setOpen] = useState(false);
  const { value } = props;
  return (
    <>
      <FilterButton
        label={value ? value.shortName : '全部单位'}
        active={value !== null}
        ariaLabel={value ? `单位：${value.name}，点击更换` : '按单位筛选'}
        testId='unit-filter'
        onOpen={() => setOpen(true)}
      />
      {open ? (
        <UnitSheet
          {...props}
          onClose={() => setOpen(false)}
          onPick={(u) => {
            setOpen(false);
            props.onChange(u);
          }}
        />
      ) : null}
    </>
  );
}

interface Tree {
  byId: Map<Id, LibraryUnit>;
  children: Map<Id | null, LibraryUnit[]>;
  /** The level the sheet opens on: the one root (总队) when there is one, else the list of roots. */
  top: Id | null;
}

function treeOf(items: readonly LibraryUnit[]): Tree {
  const byId = new Map(items.map((u) => [u._id, u]));
  const children = new Map<Id | null, LibraryUnit[]>();
  for (const u of items) {
    // A unit whose parent is not listed hangs at the top (the server lists ancestors of every unit it lists).
    const parent = u.parentId !== null && byId.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const roots = children.get(null) ?? [];
  // One corps: its level is the whole library, so the sheet starts at its detachments.
  return { byId, children, top: roots.length === 1 ? roots[0]!._id : null };
}

/** The units from the top level down to `id` (not including the top). */
function trail(tree: Tree, id: Id | null): LibraryUnit[] {
  const out: LibraryUnit[] = [];
  let at = id;
  while (at !== null && at !== tree.top) {
    const u = tree.byId.get(at);
    if (!u) break;
    out.unshift(u);
    at = u.parentId;
  }
  return out;
}

function Count({ n }: { n: number | null }) {
  if (n === null) return null;
  return (
    <Text className='filter-row__count' aria-label={`${n} 个典型`}>
      {n}
    </Text>
  );
}

function UnitSheet({ tier, kind, category, value, onPick, onClose }: Props & { onPick: (u: UnitChoice | null) => void; onClose: () => void }) {
  const { state, reload } = useResource(() => call('content', 'libraryUnits', { tier, ...(kind ? { kind } : {}), ...(category ? { category } : {}) }), [tier, kind, category]);
  // The level shown: undefined until the reader moves (then the chosen unit's level, or the top).
  const [at, setAt] = useState<Id | null | undefined>(undefined);

  let body;
  if (state.status === 'loading') {
    body = <Text className='filter-sheet__hint'>正在加载单位…</Text>;
  } else if (state.status === 'error') {
    body = <StateView kind='error' error={state.error} onRetry={() => void reload()} />;
  } else {
    const tree = treeOf(state.data.items);
    const chosen = value ? tree.byId.get(value._id) : undefined;
    const level = at !== undefined ? at : chosen ? (chosen.parentId !== null && tree.byId.has(chosen.parentId) ? chosen.parentId : tree.top) : tree.top;
    const here = level !== null ? tree.byId.get(level) : undefined;
    const rows = tree.children.get(level) ?? [];
    const atTop = level === tree.top || !here;
    const pick = (u: LibraryUnit) => onPick({ _id: u._id, name: u.name, shortName: u.shortName });
    body = (
      <>
        {/* Below the top level: the way back up, one tap per level. */}
        {atTop ? null : (
          <View className='unit-crumbs' role='navigation' aria-label='所在层级'>
            <View className='unit-crumb' role='button' onClick={() => setAt(tree.top)}>
              <Text>全部单位</Text>
            </View>
            {trail(tree, level).map((u) => (
              <View key={u._id} className='unit-crumbs__step'>
                <Text className='unit-crumbs__sep' aria-hidden>
                  ›
                </Text>
                <View className={`unit-crumb${u._id === level ? ' unit-crumb--here' : ''}`} role='button' onClick={() => setAt(u._id)}>
                  <Text>{u.shortName}</Text>
                </View>
              </View>
            ))}
          </View>
        )}
        <ScrollView scrollY className='filter-sheet__list'>
          <View
            className={`filter-row filter-row--all${(atTop ? value === null : value?._id === level) ? ' filter-row--chosen' : ''}`}
            role='button'
            data-testid='unit-row'
            onClick={() => (atTop || !here ? onPick(null) : pick(here))}
          >
            <Text className='filter-row__name'>{atTop || !here ? '全部单位' : `${here.name}（全部）`}</Text>
            <Count n={atTop || !here ? state.data.total : here.count} />
          </View>
          {rows.length === 0 && atTop ? <Text className='filter-sheet__hint'>这个库里还没有符合条件的典型</Text> : null}
          {rows.map((u) => {
            const deeper = (tree.children.get(u._id) ?? []).length > 0;
            return (
              <View
                key={u._id}
                className={`filter-row${value?._id === u._id ? ' filter-row--chosen' : ''}`}
                role='button'
                aria-label={deeper ? `${u.name}，查看下级单位` : u.name}
                data-testid='unit-row'
                onClick={() => (deeper ? setAt(u._id) : pick(u))}
              >
                <Text className='filter-row__name'>{u.name}</Text>
                <Count n={u.count} />
                {deeper ? (
                  <Text className='filter-row__more' aria-hidden>
                    ›
                  </Text>
                ) : null}
              </View>
            );
          })}
        </ScrollView>
      </>
    );
  }

  return (
    <FilterSheet title='按单位筛选' onClose={onClose}>
      {body}
    </FilterSheet>
  );
}
