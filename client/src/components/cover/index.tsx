import { View } from '@tarojs/components';
import { Picture } from '../picture';
import './index.scss';

/**
 * A fixed-ratio image box (5:4 for story covers, WeChat's share card ratio) so a card's
 * height is known before the image arrives. Without an image it shows a branded fill.
 * `eager`: the image at the top of a page (its largest paint) loads at once instead of waiting
 * for the lazy loader to see it on screen.
 */
export function Cover({ src, ratio = 0.8, alt, placeholder, eager }: { src: string | null; ratio?: number; alt?: string; placeholder?: string; eager?: boolean }) {
  return (
    <View className='cover' style={{ paddingTop: `${ratio * 100}%` }}>
      {src ? (
        // No alt means decorative (a card's title says what the cover shows): alt="".
        <Picture className='cover__img' src={src} mode='aspectFill' lazyLoad={!eager} alt={alt ?? ''} />
      ) : (
        <View className='cover__placeholder'>{placeholder ?? '身边典型'}</View>
      )}
    </View>
  );
}
