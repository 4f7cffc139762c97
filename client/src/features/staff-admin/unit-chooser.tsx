import { useMemo, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { Id, UnitLevel, UnitNode } from '@contract';
import { UNIT_LEVEL_LABEL } from '../../lib/contract-values';

/** One unit in the tree, with what is under it. */
export interface UnitBranch {
  unit: UnitNode;
  /** 0 for the top of the caller's part of the tree. */
  depth: number;
  children: UnitBranch[];
  /** Every unit below, by level (a detachment: its battalions and stations). */
  below: Partial<Record<UnitLevel, number>>;
}

const LEVELS: readonly UnitLevel[] = ['corps', 'detachment', 'battalion', 'station'];

/**
 * The units as a forest, children in their order. The top of an admin's subtree has a parent
 * outside the list: it is a root here, as is every unit whose parent was filtered out.
 */
export function unitForest(units: readonly UnitNode[]): UnitBranch[] {
  const ids = new Set(units.map((u) => u._id));
  const byParent = new Map<Id | null, UnitNode[]>();
  for (const u of units) {
    const parent = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), u]);
  }
  const grow = (unit: UnitNode, depth: number): UnitBranch => {
    const children = [...(byParent.get(unit._id) ?? [])].sort((a, b) => a.order - b.order).map((c) => grow(c, depth + 1));
    const below: Partial<Record<UnitLevel, number>> = {};
    for (const c of children) {
      below[c.unit.level] = (below[c.unit.level] ?? 0) + 1;
      for (const level of LEVELS) {
        const n = c.below[level];
        if (n) below[level] = (below[level] ?? 0) + n;
      }
    }
    return { unit, depth, children, below };
  };
  return [...(byParent.get(null) ?? [])].sort((a, b) => a.order - b.order).map((u) => grow(u, 0));
}

/** Counting words, shorter than the level names (a row says "6 个站", not "6 个消防救援站"). */
const COUNTED: Record<UnitLevel, string> = { corps: '总队', detachment: '支队', battalion: '大队', station: '站' };

/** "3 个大队 · 6 个站": what a branch holds, for its row. */
export function belowText(below: UnitBranch['below']): string {
  return LEVELS.filter((l) => (below[l] ?? 0) > 0)
    .map((l) => `${below[l]} 个${COUNTED[l]}`)
    .join(' · ');
}

function walk(forest: readonly UnitBranch[], visit: (b: UnitBranch, ancestors: readonly UnitBranch[]) => boolean, ancestors: readonly UnitBranch[] = []): void {
  for (const b of forest) {
    if (visit(b, ancestors)) walk(b.children, visit, [...ancestors, b]);
  }
}

/** Open at first: the top level, and the way down to the chosen unit. */
function initiallyOpen(forest: readonly UnitBranch[], chosen: Id | null): Set<Id> {
  const open = new Set(forest.map((b) => b.unit._id));
  if (chosen) {
    walk(forest, (b, ancestors) => {
      if (b.unit._id === chosen) for (const a of ancestors) open.add(a.unit._id);
      return true;
    });
  }
  return open;
}

/** A search answers at most this many rows; more asks for a longer query (the tree itself is never cut). */
const MAX_MATCHES = 80;

export interface UnitChooserProps {
  units: readonly UnitNode[];
  value: Id | null;
  onChange: (id: Id) => void;
  /** Every unit the names of a row's parents come from (default: `units`), for a list of one level. */
  context?: readonly UnitNode[];
}

/**
 * Pick one unit: the tree indented by level, each branch opened or closed with its arrow and
 * saying what it holds; typing part of a name lists the matches with where each sits.
 */
export function UnitChooser({ units, value, onChange, context }: UnitChooserProps) {
  const [query, setQuery] = useState('');
  const forest = useMemo(() => unitForest(units), [units]);
  const [open, setOpen] = useState<Set<Id>>(() => initiallyOpen(forest, value));
  const names = useMemo(() => new Map((context ?? units).map((u) => [u._id, u])), [context, units]);
  // A list of one level (new parents for a move) has no branches: no room kept for arrows.
  const branches = forest.some((b) => b.children.length > 0);
  const q = query.trim();

  /**
   * "乌鲁木齐支队 › 天山区大队": where a unit sits, for a row shown out of its branch. The corps
   * itself is left out: every unit is under it.
   */
  const where = (unit: UnitNode): string => {
    const parts: string[] = [];
    for (let p = unit.parentId ? names.get(unit.parentId) : undefined; p && p.parentId !== null; p = p.parentId ? names.get(p.parentId) : undefined) parts.unshift(p.shortName);
    return parts.join(' › ');
  };

  const rows: { branch: UnitBranch; flat: boolean }[] = [];
  if (q) {
    walk(forest, (b) => {
      if (b.unit.name.includes(q) || b.unit.shortName.includes(q)) rows.push({ branch: b, flat: true });
      return true;
    });
  } else {
    walk(forest, (b) => {
      rows.push({ branch: b, flat: false });
      return open.has(b.unit._id);
    });
  }
  const shown = q ? rows.slice(0, MAX_MATCHES) : rows;

  const toggle = (id: Id) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <View className='unit-chooser'>
      <Input className='field__input' value={query} placeholder='搜索单位名称' aria-label='搜索单位' onInput={(e) => setQuery(e.detail.value)} />
      <View className='unit-chooser__list' role='radiogroup' aria-label='单位'>
        {shown.map(({ branch, flat }) => {
          const { unit, children, depth } = branch;
          const isOpen = open.has(unit._id);
          const holds = belowText(branch.below);
          // A root whose parent is elsewhere in the corps (or a search match) says where it sits.
          const place = flat || (depth === 0 && unit.parentId !== null) ? where(unit) : '';
          return (
            <View key={unit._id} className={`unit-chooser__row unit-chooser__row--d${flat ? 0 : Math.min(depth, 3)}${unit._id === value ? ' unit-chooser__row--active' : ''}`} data-testid='unit-row'>
              {flat || !branches ? null : children.length > 0 ? (
                <View
                  className='unit-chooser__toggle'
                  role='button'
                  aria-expanded={isOpen}
                  aria-label={`${isOpen ? '收起' : '展开'}${unit.name}`}
                  onClick={() => toggle(unit._id)}
                >
                  <Text>{isOpen ? '▾' : '▸'}</Text>
                </View>
              ) : (
                // A leaf keeps the arrow's room, so names line up by level.
                <View className='unit-chooser__toggle unit-chooser__toggle--leaf' />
              )}
              <View className='unit-chooser__pick' role='radio' aria-checked={unit._id === value} onClick={() => onChange(unit._id)}>
                <Text className='unit-chooser__name'>{unit.name}</Text>
                <Text className='unit-chooser__meta'>{[UNIT_LEVEL_LABEL[unit.level], place, holds].filter(Boolean).join(' · ')}</Text>
              </View>
            </View>
          );
        })}
        {q && rows.length === 0 ? <Text className='unit-chooser__none'>没有匹配的单位</Text> : null}
        {rows.length > shown.length ? <Text className='unit-chooser__none'>{`还有 ${rows.length - shown.length} 个匹配，请输入更完整的名称`}</Text> : null}
      </View>
    </View>
  );
}
