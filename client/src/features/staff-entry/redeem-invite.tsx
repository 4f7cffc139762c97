import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ApiFailure, call, toFailure } from '../../lib/api';
import { ROLE_LABEL } from '../../lib/contract-values';
import './staff-entry.scss';

/** Why a code was refused, in the user's words (the server names the reason in `fields`). */
export function redeemMessage(failure: ApiFailure): string {
  const reason = failure.fields.find((f) => f.path === 'code')?.message;
  if (failure.code === 'INVALID_ARGUMENT') return '邀请码为 8 位字母或数字，请核对后重试';
  if (reason === 'unknown' || failure.code === 'NOT_FOUND') return '邀请码不存在，请核对后重试';
  if (reason === 'used') return '该邀请码已被使用';
  if (reason === 'expired') return '该邀请码已过期，请向管理员重新索取';
  if (reason === 'revoked') return '该邀请码已被撤销';
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
    if (typed.length !== 8) {
      setError('邀请码为 8 位字母或数字');
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
      <Input className='redeem__input' value={code} maxlength={12} placeholder='8 位邀请码' aria-label='邀请码' onInput={(e) => setCode(e.detail.value)} />
      {error ? (
        <View className='redeem__error' role='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
      <View className='redeem__actions'>
        <Button className='redeem__cancel' onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button className='redeem__submit' disabled={busy} onClick={() => void submit()}>
          {busy ? '正在验证…' : '确认'}
        </Button>
      </View>
    </View>
  );
}
