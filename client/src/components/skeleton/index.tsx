import { View } from '@tarojs/components';
import './index.scss';

/** Placeholder cards while the first page loads, shaped like the real ones so nothing jumps. */
export function CardSkeleton({ count = 3, variant = 'story' }: { count?: number; variant?: 'story' | 'exemplar' | 'detail' }) {
  return (
    <View className={`skeleton skeleton--${variant}`} aria-busy='true' aria-label='加载中'>
      {Array.from({ length: count }, (_, i) => (
        <View key={i} className='skeleton__card'>
          {variant === 'exemplar' ? <View className='skeleton__avatar' /> : <View className='skeleton__cover' />}
          <View className='skeleton__lines'>
            <View className='skeleton__line skeleton__line--title' />
            <View className='skeleton__line' />
            <View className='skeleton__line skeleton__line--short' />
          </View>
        </View>
      ))}
    </View>
  );
}
