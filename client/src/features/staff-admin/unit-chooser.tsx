import { useMemo, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { Id, UnitNode } from '@contract';
import { UNIT_LEVEL_LABEL } from '../../lib/contract-values';

/** Depth-first order with depths, so the tree reads as an indented list. */
function ordered(units: readonly UnitNode[]): { unit: UnitNode; depth: number }[] {
  const children = new Map<Id | null, UnitNode[]>();
  const ids = new Set(units.map((u) => u._id));
  for (const u of units) {
    // The top of an admin's subtree has a parent outside it: treat it as a root here.
    const parent = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: { unit: UnitNode; depth: number }[] = [];
  const walk = (parent: Id | null, depth: number) => {
    for (const u of [...(children.get(parent) ?? [])].sort((a, b) => a.order - b.order)) {
      out.push({ unit: u, depth });
      walk(u._id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Pick one unit of the admin's subtree: type part of a name to narrow the list. */
export function UnitChooser({ units, value, onChange }: { units: readonly UnitNode[]; value: Id | null; onChange: (id: Id) => void }) {
  const [query, setQuery] = useState('');
  const rows = useMemo(() => ordered(units), [units]);
  const q = query.trim();
  const shown = q ? rows.filter((r) => r.unit.name.includes(q) || r.unit.shortName.includes(q)) : rows;
  return (
    <View className='unit-chooser'>
      <Input className='field__input' value={query} placeholder='搜索单位名称' aria-label='搜索单位' onInput={(e) => setQuery(e.detail.value)} />
      <View className='unit-chooser__list' role='radiogroup' aria-label='单位'>
        {shown.slice(0, 60).map(({ unit, depth }) => (
          <View
            key={unit._id}
            className={`unit-chooser__row${unit._id === value ? ' unit-chooser__row--active' : ''}`}
            style={{ paddingLeft: `${16 + (q ? 0 : depth) * 24}rpx` }}
            role='radio'
            aria-checked={unit._id === value}
            onClick={() => onChange(unit._id)}
          >
            <Text>{unit.name}</Text>
            <Text className='unit-chooser__level'>{UNIT_LEVEL_LABEL[unit.level]}</Text>
          </View>
        ))}
        {shown.length === 0 ? <Text className='unit-chooser__none'>没有匹配的单位</Text> : null}
      </View>
    </View>
  );
}
