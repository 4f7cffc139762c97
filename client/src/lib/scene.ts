import Taro from '@tarojs/taro';

/** WeChat's scene value for a page opened from Moments (朋友圈) in single-page mode. */
export const MOMENTS_SINGLE_PAGE_SCENE = 1154;

interface EnterOptions {
  scene?: number;
}

/**
 * True when the page runs in Moments' single-page mode: no login, no writes, no navigation.
 * The enter options are read first because a warm app entered from Moments keeps its launch
 * scene; h5 has neither API, and anything unexpected reads as "not Moments".
 */
export function isMomentsSinglePage(): boolean {
  const api = Taro as unknown as { getEnterOptionsSync?: () => EnterOptions; getLaunchOptionsSync?: () => EnterOptions };
  for (const read of [api.getEnterOptionsSync, api.getLaunchOptionsSync]) {
    if (typeof read !== 'function') continue;
    try {
      const scene = Number(read.call(Taro)?.scene);
      if (Number.isFinite(scene) && scene > 0) return scene === MOMENTS_SINGLE_PAGE_SCENE;
    } catch {
      // h5 stubs may throw "not supported"; that is not Moments.
    }
  }
  return false;
}

/** The tip shown instead of an action that cannot work in single-page mode. */
export function momentsTip(action: string): string {
  return `请点击下方「前往小程序」后${action}`;
}

export function showMomentsTip(action: string): void {
  void Taro.showToast({ title: momentsTip(action), icon: 'none' });
}
