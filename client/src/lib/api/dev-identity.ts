import Taro from '@tarojs/taro';

/**
 * The local cloud's stand-in for WeChat login (h5 only): the chosen identity's OPENID is
 * sent as `x-wx-openid`. Imported only by h5 files, so it never reaches the weapp bundle.
 */
const STORAGE_KEY = 'dev.openid';

export interface DevIdentity {
  openid: string;
  label: string;
  role: string;
  unitId: string | null;
  unitName: string | null;
}

export function currentDevOpenid(): string | null {
  const value: unknown = Taro.getStorageSync(STORAGE_KEY);
  return typeof value === 'string' && value !== '' ? value : null;
}

export function setDevOpenid(openid: string): void {
  Taro.setStorageSync(STORAGE_KEY, openid);
}

export function cloudUrl(path: string): string {
  const base = (process.env.TARO_APP_CLOUD_URL ?? '').replace(/\/+$/, '');
  return `${base}${path}`;
}
