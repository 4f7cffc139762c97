import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ApiFailure, call, toFailure } from '../../lib/api';
import { INVITE_CODE_LENGTH, ROLE_LABEL } from '../../lib/contract-values';
import './staff-entry.scss';

/** Room for spaces pasted around the code: it is trimmed before it is checked. */
const INPUT_MAX = INVITE_CODE_LENGTH + 4;

/**
 * Why a code was refused, in the user's words: the server's refusal reason (unknown, used,
 * revoked, expired, its creator's authority lost) reads from the one table; a code the schema
 * refused before any lookup reads as the format rule.
 */
export function redeemMessage(failure: ApiFailure): string {
  if (!failure.reason && failure.code === 'INVALID_ARGUMENT') return `邀请码为 ${INVITE_CODE_LENGTH} 位字母或数字，请核对后重试`;
  return failure.message;
}

/** 输入邀请码: any user types the code an admin gave them and becomes staff. */
export function RedeemInvite({ onRedeemed }: { onRedeemed: () => void }) {
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const typed = code.trim().toUpperCase();
    if (typed.length !== INVITE_CODE_LENGTH) {
      setError(`邀请码为 ${INVITE_CODE_LENGTH} 位字母或数字`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const role = await call('admin', 'redeem', { code: typed });
      void Taro.showToast({ title: `已成为${ROLE_LABEL[role.role]}`, icon: 'success' });
      setOpen(false);
      setCode('');
      onRedeemed();
    } catch (err) {
      setError(redeemMessage(toFailure(err)));
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
