/**
 * Ask for a one-time subscribe message (wx.requestSubscribeMessage) before a staff action whose
 * outcome arrives later. It must run in the tap's handler; a refusal never blocks the action.
 */
import Taro from '@tarojs/taro';

export async function requestSubscribe(templateIds: string[]): Promise<void> {
  try {
    await Taro.requestSubscribeMessage({ tmplIds: templateIds, entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option);
  } catch {
    // Refused or unsupported: the action goes on without a message.
  }
}
