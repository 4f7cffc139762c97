import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ApiFailure, call, fieldErrors, toFailure } from '../../lib/api';
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH, INVITE_CODE_NEVER_USED, normalizeInviteCode, ROLE_LABEL } from '../../lib/contract-values';
import { NAME_INPUT_MAX, nameProblem } from './person-name';
import './staff-entry.scss';

/** Room for a code copied with spaces or dashes between its groups: they are dropped before it is checked. */
const INPUT_MAX = INVITE_CODE_LENGTH * 3;

const NEVER_USED = INVITE_CODE_NEVER_USED.join('、');
/** The rule, said once under the field: which characters a code never has, and what does not matter. */
export const INVITE_CODE_RULE = `${INVITE_CODE_LENGTH} 位字母和数字，不含 ${NEVER_USED} 等易混字符；不分大小写，空格和短横线可忽略`;

/**
 * What is wrong with a typed code before it is sent, read as the server reads it (lower case,
 * spaces and dashes do not matter): a character codes never use is named, so "1" reads as
 * "not a 1 — look again", not as a wrong length.
 */
export function inviteCodeProblem(typed: string): string | null {
  const code = normalizeInviteCode(typed);
  if (code.length === 0) return `请输入 ${INVITE_CODE_LENGTH} 位邀请码`;
  const never = [...new Set([...code].filter((ch) => INVITE_CODE_NEVER_USED.includes(ch)))];
  if (never.length > 0) return `邀请码里没有${never.map((ch) => `「${ch}」`).join('')}：邀请码不使用 ${NEVER_USED} 等易混字符，请对照邀请码再核对一遍`;
  if ([...code].some((ch) => !INVITE_CODE_ALPHABET.includes(ch))) return '邀请码只由字母和数字组成，请核对后重新输入';
  if (code.length !== INVITE_CODE_LENGTH) return `邀请码为 ${INVITE_CODE_LENGTH} 位，现在是 ${code.length} 位，请核对`;
  return null;
}

/**
 * Why a code was refused, in the user's words: the server's refusal reason (unknown, used,
 * revoked, expired, its creator's authority lost) reads from the one table; a code the schema
 * refused before any lookup (an older page let it through) reads as the rule.
 */
export function redeemMessage(failure: ApiFailure): string {
  if (!failure.reason && failure.code === 'INVALID_ARGUMENT' && failure.fields.some((f) => f.path === 'code')) return `邀请码为 ${INVITE_CODE_RULE}`;
  return failure.message;
}

/**
 * 输入邀请码: any user types the code an admin gave them and becomes staff. Someone without a
 * profile yet (`askName`) also gives their name, so they appear by name from their first action.
 */
export function RedeemInvite({ askName, onRedeemed }: { askName: boolean; onRedeemed: () => void }) {
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const problem = inviteCodeProblem(code) ?? (askName ? nameProblem(name) : null);
    if (problem) {
      setError(problem);
      return;
    }
    const typed = normalizeInviteCode(code);
    setBusy(true);
    setError(null);
    try {
      const role = await call('admin', 'redeem', askName ? { code: typed, name: name.trim() } : { code: typed });
      void Taro.showToast({ title: `已成为${ROLE_LABEL[role.role]}`, icon: 'success' });
      setOpen(false);
      setCode('');
      setName('');
      onRedeemed();
    } catch (err) {
      const failure = toFailure(err);
      setError(fieldErrors(failure).name ?? redeemMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <View className='redeem__entry' role='button' onClick={() => setOpen(true)}>
        <Text>输入邀请码</Text>
        <Text className='redeem__hint'>工作人员凭管理员发放的邀请码开通权限</Text>
      </View>
    );
  }
  return (
    <View className='section redeem'>
      <Text className='section-title'>输入邀请码</Text>
      <Input className='redeem__input' value={code} maxlength={INPUT_MAX} placeholder={`${INVITE_CODE_LENGTH} 位邀请码`} aria-label='邀请码' onInput={(e) => setCode(e.detail.value)} />
      <Text className='redeem__rule' data-testid='invite-code-rule'>{`邀请码为 ${INVITE_CODE_RULE}`}</Text>
      {askName ? (
        <View className='redeem__name'>
          <Text className='redeem__label'>你的姓名</Text>
          <Input className='redeem__name-input' value={name} maxlength={NAME_INPUT_MAX} placeholder='如：王磊' aria-label='你的姓名' onInput={(e) => setName(e.detail.value)} />
          <Text className='redeem__rule'>授权、审核和操作记录中将显示你的姓名，可在「我的」中修改。</Text>
        </View>
      ) : null}
      {error ? (
        <View className='redeem__error' role='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
      <View className='redeem__actions'>
        <Button className='redeem__cancel' onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button className='redeem__submit' disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在验证…' : '确认'}
        </Button>
      </View>
    </View>
  );
}
