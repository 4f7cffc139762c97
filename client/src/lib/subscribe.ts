/**
 * Ask for a one-time subscribe message before a staff action whose outcome arrives later (a
 * nomination's decision, a plan task coming due).
 * h5 (local cloud): the dialog's stand-in is POST /dev/subscribe for the dev identity.
 * Never blocks the action: refusing messages is the user's right (WeChat then answers 43101).
 */
import Taro from '@tarojs/taro';
import { cloudUrl, currentDevOpenid } from './api/dev-identity';

export async function requestSubscribe(templateIds: string[]): Promise<void> {
  const openid = currentDevOpenid();
  if (!openid) return;
  try {
    await Taro.request({ url: cloudUrl('/dev/subscribe'), method: 'POST', data: { templateIds }, header: { 'content-type': 'application/json', 'x-wx-openid': openid } });
  } catch {
    // No messages then; the action goes on.
  }
}
