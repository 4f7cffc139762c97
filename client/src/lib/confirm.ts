import Taro from '@tarojs/taro';

/** WeChat truncates (and on some versions refuses) modal buttons longer than 4 characters. */
const MAX_BUTTON = 4;

export interface ConfirmOptions {
  title: string;
  content: string;
  /** At most 4 characters (撤销, 确认发布…). */
  confirmText: string;
  /** A destructive action: the confirm button is red. */
  danger?: boolean;
}

/**
 * Ask before an irreversible action; true when the person confirmed. Every irreversible action
 * in the app goes through here, so none is one tap.
 */
export async function confirmAction({ title, content, confirmText, danger }: ConfirmOptions): Promise<boolean> {
  if ([...confirmText].length > MAX_BUTTON) throw new Error(`confirm button "${confirmText}" is longer than ${MAX_BUTTON} characters`);
  const answer = await Taro.showModal({ title, content, confirmText, cancelText: '取消', confirmColor: danger ? '#c8102e' : '#1a7f37' });
  return answer.confirm === true;
}
