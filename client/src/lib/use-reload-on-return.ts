import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';

/**
 * Coming back to the page from another (a detail revised, a task ticked, a message moderated)
 * shows the new state at once. The first show is the page's first load, so it never loads twice.
 */
export function useReloadOnReturn(reload: () => unknown): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
}

/**
 * A page that shows one resource: pull-to-refresh reloads it (the spinner stops however the load
 * ends) and coming back to the page reloads it too.
 */
export function useResourcePageEvents(reload: () => Promise<unknown>): void {
  usePullDownRefresh(() => {
    void reload().finally(() => void Taro.stopPullDownRefresh());
  });
  useReloadOnReturn(reload);
}
