import { Text, View } from '@tarojs/components';
import { isPermissionRefusal, type ApiFailure } from '../../lib/api';
import './index.scss';

export interface ListFooterProps {
  loadingMore: boolean;
  done: boolean;
  moreError: ApiFailure | null;
  onRetry: () => void;
}

/** The bottom of an infinite list: loading, the end, or a failed next page with retry (never for a permission refusal). */
export function ListFooter({ loadingMore, done, moreError, onRetry }: ListFooterProps) {
  if (moreError && isPermissionRefusal(moreError)) {
    return (
      <View className='list-footer list-footer--error'>
        <Text>{moreError.message}</Text>
      </View>
    );
  }
  if (moreError) {
    return (
      <View className='list-footer list-footer--error' onClick={onRetry}>
        <Text>加载失败，点击重试</Text>
      </View>
    );
  }
  if (loadingMore) {
    return (
      <View className='list-footer'>
        <View className='list-footer__spinner' />
        <Text>加载中…</Text>
      </View>
    );
  }
  if (done) {
    return (
      <View className='list-footer list-footer--done'>
        <Text>没有更多了</Text>
      </View>
    );
  }
  return <View className='list-footer list-footer--idle' />;
}
