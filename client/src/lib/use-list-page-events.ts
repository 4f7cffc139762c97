import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { ApiFailure } from './api';

/**
 * Wires a list page to the platform: pull-to-refresh reloads from the first page (and stops
 * the spinner however it ends), reaching the bottom asks for the next page.
 */
export function useListPageEvents(handlers: {
  refresh: () => Promise<ApiFailure | null | void>;
  loadMore: () => Promise<void>;
}): void {
  usePullDownRefresh(() => {
    void handlers
      .refresh()
      .then((failure) => {
        if (failure) void Taro.showToast({ title: failure.message, icon: 'none' });
      })
      .finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    void handlers.loadMore();
  });
}
