import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { HonorGroup, HonorLevel } from '@contract';
import { honorListModel } from './model';
import './index.scss';

export interface HonorListProps {
  groups: HonorGroup[];
  onToggle?: (level: HonorLevel, collapsed: boolean) => void;
}

/**
 * h5 and tests: the React twin of src/native/honor-list (same markup and class names, so
 * one stylesheet reads the same on both).
 */
export function HonorList({ groups, onToggle }: HonorListProps) {
  const model = honorListModel(groups);
  const [collapsed, setCollapsed] = useState<Partial<Record<HonorLevel, boolean>>>({});
  if (model.length === 0) return <Text className='hl-empty'>暂无荣誉记录</Text>;
  return (
    <View className='hl'>
      {model.map((g) => (
        <View key={g.level} className={`hl-group hl-group--${g.level}`} data-testid='honor-group'>
          <View
            className='hl-head'
            role='button'
            aria-expanded={!collapsed[g.level]}
            onClick={() => {
              const next = !collapsed[g.level];
              setCollapsed((c) => ({ ...c, [g.level]: next }));
              onToggle?.(g.level, next);
            }}
          >
            <Text className='hl-level'>{g.label}</Text>
            <Text className='hl-count'>{g.count}项</Text>
            <Text className={`hl-arrow${collapsed[g.level] ? ' hl-arrow--up' : ''}`} aria-hidden>›</Text>
          </View>
          {collapsed[g.level] ? null : (
            <View className='hl-items'>
              {g.honors.map((h) => (
                <View key={h.id} className='hl-item'>
                  <Text className='hl-title'>{h.title}</Text>
                  <Text className='hl-meta'>{`${h.month} · ${h.awardedBy}`}</Text>
                </View>
              ))}
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
