import { Text, View } from '@tarojs/components';
import './index.scss';

/** The magnifying glass, drawn in CSS (no icon font or image in the main package): the entry's and the search page's. */
export function SearchGlass() {
  return <View className='search-entry__glass' />;
}

/** The search bar at the top of the feed and the library: it looks like a box and opens the search page. */
export function SearchEntry({ onOpen, hint = '搜索事迹、典型、单位、荣誉' }: { onOpen: () => void; hint?: string }) {
  return (
    <View className='search-entry' role='button' aria-label='搜索' onClick={onOpen} data-testid='search-entry'>
      <SearchGlass />
      <Text className='search-entry__hint'>{hint}</Text>
    </View>
  );
}
