import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './filter-sheet.scss';

/**
 * The library's filter panel: a sheet from the bottom (above h5's tab bar; the library is a tab
 * page), in the page's phone column on a wide window, closed by its 关闭 or by tapping outside it.
 */
export function FilterSheet({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  return (
    <View className={process.env.TARO_ENV === 'h5' ? 'filter-sheet filter-sheet--h5' : 'filter-sheet'} role='dialog' aria-modal aria-label={title} catchMove>
      <View className='filter-sheet__mask' onClick={onClose} />
      <View className='filter-sheet__panel'>
        <View className='filter-sheet__head'>
          <Text className='filter-sheet__title'>{title}</Text>
          <View className='filter-sheet__close' role='button' onClick={onClose}>
            <Text>关闭</Text>
          </View>
        </View>
        {children}
      </View>
    </View>
  );
}

/** A button in the filter row naming the current choice; it opens that filter's sheet. */
export function FilterButton({ label, active, ariaLabel, testId, onOpen }: { label: string; active: boolean; ariaLabel: string; testId: string; onOpen: () => void }) {
  return (
    <View className={`filter-button${active ? ' filter-button--active' : ''}`} role='button' aria-haspopup='dialog' aria-label={ariaLabel} data-testid={testId} onClick={onOpen}>
      <Text className='filter-button__label'>{label}</Text>
      <Text className='filter-button__caret' aria-hidden>
        ▾
      </Text>
    </View>
  );
}
