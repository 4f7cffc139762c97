import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { STORY_LIMITS } from '@contract';
import { call, toFailure } from '../../lib/api';
import { hasRole } from '../../lib/roles';
import { routes } from '../../lib/routes';
import { useResource } from '../../lib/use-resource';

/** The reason an admin records most often; the field stays free text (a date, a file number). */
const PRESETS = ['依本人书面申请'];

/**
 * 撤回本人同意（管理员）: PIPL lets the person withdraw their consent; one who asks in writing
 * rather than through the app has it withdrawn by an admin of their unit, with the reason on
 * record. The profile leaves public view at once, so the page goes back afterwards.
 *
 * Offered to any admin: the profile view does not carry the unit path, so whether the person's
 * unit is in this admin's subtree is the server's to say (outside_scope, shown here).
 */
export function AdminConsentWithdrawal({ exemplarId, name }: { exemplarId: string; name: string }) {
  // Asked only on an individual's profile; a failure just means no admin action is offered.
  const me = useResource(() => call('identity', 'me', {}), []);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (me.state.status !== 'ready' || !hasRole(me.state.data, 'admin')) return null;

  async function withdraw() {
    if (reason.trim() === '') {
      setError('请填写撤回原因');
      return;
    }
    const answer = await Taro.showModal({
      title: '撤回本人同意',
      content: `撤回后「${name}」的资料将立即停止公开，再次公开须重新取得本人同意。操作人和原因将记入审计日志。确定撤回？`,
      confirmText: '撤回',
    });
    if (!answer.confirm) return;
    setBusy(true);
    setError(null);
    try {
      await call('authoring', 'withdrawConsent', { exemplarId, reason: reason.trim() });
      void Taro.showToast({ title: '已撤回，资料不再公开', icon: 'none' });
      // The profile is no longer public: leave it (to the library when it was the first page).
      void Taro.navigateBack().catch(() => Taro.switchTab({ url: routes.library() }));
    } catch (err) {
      setError(toFailure(err).message);
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <View className='profile__admin'>
        <View className='profile__admin-link' role='button' onClick={() => setOpen(true)}>
          <Text>撤回本人同意（管理员）</Text>
        </View>
      </View>
    );
  }
  return (
    <View className='section profile__withdraw' data-testid='withdraw-consent-sheet'>
      <Text className='section-title'>撤回本人同意</Text>
      <Text className='profile__withdraw-hint'>本人书面申请撤回同意时，由所在单位的管理员在此登记。撤回后资料立即停止公开。</Text>
      <Text className='profile__withdraw-label'>撤回原因（必填）</Text>
      <View className='profile__withdraw-presets'>
        {PRESETS.map((p) => (
          <View key={p} className={`profile__withdraw-preset${reason === p ? ' profile__withdraw-preset--on' : ''}`} role='button' onClick={() => setReason(p)}>
            <Text>{p}</Text>
          </View>
        ))}
      </View>
      <Textarea
        className='profile__withdraw-reason'
        aria-label='撤回原因'
        value={reason}
        maxlength={STORY_LIMITS.comment}
        placeholder='如：依本人 2024 年 6 月 1 日书面申请'
        onInput={(e) => setReason(e.detail.value)}
      />
      {error ? (
        <View className='profile__withdraw-error' role='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
      <View className='profile__withdraw-actions'>
        <Button className='profile__withdraw-button' disabled={busy || undefined} onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button className='profile__withdraw-button' type='warn' disabled={busy || undefined} onClick={() => void withdraw()}>
          确认撤回
        </Button>
      </View>
    </View>
  );
}
