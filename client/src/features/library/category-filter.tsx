import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { PostCategory } from '@contract';
import { CATEGORY_LABEL } from '../../lib/contract-values';
import { FilterButton, FilterSheet } from './filter-sheet';

const OPTIONS: { value: PostCategory | 'all'; label: string }[] = [
  { value: 'all', label: '全部类别' },
  ...(Object.keys(CATEGORY_LABEL) as PostCategory[]).map((c) => ({ value: c, label: CATEGORY_LABEL[c] })),
];

/** 类别 in the library's filter row: a button naming the post category, opening the five choices. */
export function CategoryFilter({ value, onChange }: { value: PostCategory | 'all'; onChange: (v: PostCategory | 'all') => void }) {
  const [open, setOpen] = useState(false);
  const label = value === 'all' ? '全部类别' : CATEGORY_LABEL[value];
  return (
    <>
      <FilterButton label={label} active={value !== 'all'} ariaLabel={value === 'all' ? '按类别筛选' : `类别：${label}，点击更换`} testId='category-filter' onOpen={() => setOpen(true)} />
      {open ? (
        <FilterSheet title='按类别筛选' onClose={() => setOpen(false)}>
          <View role='radiogroup' aria-label='类别'>
            {OPTIONS.map((o) => (
              <View
                key={o.value}
                className={`filter-row${o.value === 'all' ? ' filter-row--all' : ''}${o.value === value ? ' filter-row--chosen' : ''}`}
                role='radio'
                aria-checked={o.value === value}
                onClick={() => {
                  setOpen(false);
                  onChange(o.value);
                }}
              >
                <Text className='filter-row__name'>{o.label}</Text>
                {o.value === value ? (
                  <Text className='filter-row__check' aria-hidden>
                    ✓
                  </Text>
                ) : null}
              </View>
            ))}
          </View>
        </FilterSheet>
      ) : null}
    </>
  );
}
