import Taro from '@tarojs/taro';
import { cloudBase, DEV_OPENID_STORAGE_KEY } from './early-calls';

/**
 * The local cloud's stand-in for WeChat login (h5 only): the chosen identity's OPENID is
 * sent as `x-wx-openid`. Imported only by h5 files, so it never reaches the weapp bundle.
 */

export interface DevIdentity {
  openid: string;
  label: string;
  role: string;
  unitId: string | null;
  unitName: string | null;
}

export function currentDevOpenid(): string | null {
  const value: unknown = Taro.getStorageSync(DEV_OPENID_STORAGE_KEY);
  return typeof value === 'string' && value !== '' ? value : null;
}

export function setDevOpenid(openid: string): void {
  Taro.setStorageSync(DEV_OPENID_STORAGE_KEY, openid);
}

export function cloudUrl(path: string): string {
  return `${cloudBase(process.env.TARO_APP_CLOUD_URL)}${path}`;
}
