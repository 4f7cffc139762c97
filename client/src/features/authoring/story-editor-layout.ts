import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';

/** From this window width (px) the editor and its live preview sit side by side (PC WeChat, a desk browser). */
export const SIDE_BY_SIDE_MIN_WIDTH = 1024;

function windowWidth(): number {
  // getWindowInfo needs base library 2.20.1; an older one answers the same through getSystemInfoSync.
  try {
    return typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo().windowWidth : Taro.getSystemInfoSync().windowWidth;
  } catch {
    return 0;
  }
}

/**
 * True while the window is at least `minWidth` px wide, following resizes (PC WeChat lets the
 * user resize a mini-program window). The layout itself is CSS; this decides what to render:
 * a live preview pane costs a preview call per pause in typing, which a phone should not pay.
 */
export function useWideWindow(minWidth = SIDE_BY_SIDE_MIN_WIDTH): boolean {
  const [wide, setWide] = useState(() => windowWidth() >= minWidth);
  useEffect(() => {
    if (typeof Taro.onWindowResize !== 'function') return undefined;
    // The window is measured again rather than read from the event: Taro's h5 event carries the
    // screen's size in another shape ({windowWidth}, no `size`), which read as `res.size` throws.
    const onResize: Taro.onWindowResize.Callback = () => setWide(windowWidth() >= minWidth);
    Taro.onWindowResize(onResize);
    return () => {
      // Taro types offWindowResize's callback loosely; it takes the same function back.
      if (typeof Taro.offWindowResize === 'function') Taro.offWindowResize(onResize as unknown as Taro.offWindowResize.Callback);
    };
  }, [minWidth]);
  return wide;
}
