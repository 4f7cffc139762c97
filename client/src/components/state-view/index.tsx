import { Text, View } from '@tarojs/components';
import './index.scss';

export interface StateViewProps {
  kind: 'empty' | 'error';
  /** Headline, e.g. "暂无事迹" or "加载失败，点击重试". */
  title: string;
  /** Secondary line, e.g. the failure's own text. */
  detail?: string;
  onRetry?: () => void;
}

/** The empty and error states every page shares; an error with `onRetry` is tappable as a whole. */
export function StateView({ kind, title, detail, onRetry }: StateViewProps) {
  return (
    <View className={`state-view state-view--${kind}`} onClick={onRetry} role={onRetry ? 'button' : undefined}>
      <View className='state-view__icon'>{kind === 'empty' ? '∅' : '!'}</View>
      <Text className='state-view__title'>{title}</Text>
      {detail ? <Text className='state-view__detail'>{detail}</Text> : null}
    </View>
  );
}
