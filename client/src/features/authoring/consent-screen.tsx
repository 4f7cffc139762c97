import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { KIND_LABEL, STORY_LIMITS } from '@contract';
import { ApiFailure, call, toFailure } from '../../lib/api';
import { formatDateTime } from '../../lib/dates';
import { isId } from '../../lib/ids';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import './authoring.scss';

/**
 * The link's code: `code` from the card the editor sent in WeChat chat, or `scene` from the
 * printed mini-program code (WeChat hands the scene over URL-encoded).
 */
export function consentCodeOf(params: Partial<Record<string, string>>): string {
  if (params.code) return params.code;
  const scene = params.scene ?? '';
  try {
    return decodeURIComponent(scene);
  } catch {
    // Not percent-encoded after all: use it as it came.
    return scene;
  }
}

/**
 * 本人确认: the person a profile is about reads what will be published and agrees with their
 * own WeChat identity (PIPL art. 25); the server refuses the editor who asked. The same page
 * lets them withdraw that consent later (the same WeChat, the same link): the profile leaves
 * public view at once.
 */
export function ConsentScreen() {
  const code = consentCodeOf(useRouter().params);
  const { state, reload } = useResource(() => {
    if (!isId(code)) return Promise.reject(new ApiFailure('NOT_FOUND', 'bad consent code'));
    return call('authoring', 'consentInfo', { code });
  }, [code]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [withdrawn, setWithdrawn] = useState(false);

  if (state.status === 'error') {
    if (state.error.code === 'NOT_FOUND') return <StateView kind='empty' title='确认链接无效' detail='请联系所在单位的宣传员重新发起确认' />;
    return <StateView kind='error' error={state.error} onRetry={() => void reload()} />;
  }
  if (state.status === 'loading') return <View className='authoring authoring--loading'>加载中…</View>;
  const info = state.data;
  const expired = info.expiresAt <= Date.now();

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('authoring', 'confirmConsent', { code });
      // Read the link again: it now says the consent is theirs, which offers the withdrawal.
      await reload();
    } catch (err) {
      setError(toFailure(err).message);
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async () => {
    const answer = await Taro.showModal({
      title: '撤回同意',
      content: '撤回后，你的个人资料和相关事迹将立即停止在「身边典型」中公开。确定撤回？',
      confirmText: '撤回',
    });
    if (!answer.confirm) return;
    setBusy(true);
    setError(null);
    try {
      await call('authoring', 'withdrawMyConsent', { code, reason: reason.trim() });
      setWithdrawn(true);
    } catch (err) {
      setError(toFailure(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='authoring consent page--phone'>
      <Text className='authoring__preview-title'>同意公开个人事迹</Text>
      <Text className='authoring__hint'>
        {KIND_LABEL[info.kind]}典型 · {info.unitName}
      </Text>
      <View className='authoring__banner'>
        <Text>
          {info.name}：{info.summary}
        </Text>
      </View>
      {withdrawn || info.withdrawnByMe ? null : <Text className='authoring__hint'>确认后，你的姓名、照片、荣誉和事迹将在「身边典型」中公开展示。你可以随时在本页撤回同意，撤回后资料立即停止公开。</Text>}
      {withdrawn || info.withdrawnByMe ? (
        <View className='authoring__consent authoring__consent--waiting' role='status' data-testid='consent-withdrawn'>
          <Text>已撤回，你的资料已不再公开</Text>
        </View>
      ) : info.mine ? (
        <>
          <View className='authoring__consent authoring__consent--ok' role='status'>
            <Text>你已同意公开，感谢你的支持</Text>
          </View>
          {withdrawing ? (
            <View className='authoring__section' data-testid='withdraw-sheet'>
              <Text className='authoring__label'>撤回原因（选填）</Text>
              <Textarea
                className='authoring__comment'
                aria-label='撤回原因'
                value={reason}
                maxlength={STORY_LIMITS.comment}
                placeholder='可以简单说明原因，也可以不填'
                onInput={(e) => setReason(e.detail.value)}
              />
              <View className='authoring__actions'>
                <Button className='authoring__action' disabled={busy || undefined} onClick={() => setWithdrawing(false)}>
                  取消
                </Button>
                <Button className='authoring__action' type='warn' disabled={busy || undefined} onClick={() => void withdraw()}>
                  确认撤回
                </Button>
              </View>
            </View>
          ) : (
            <View className='authoring__actions'>
              <Button className='authoring__action' onClick={() => setWithdrawing(true)}>
                撤回同意
              </Button>
            </View>
          )}
        </>
      ) : info.confirmed ? (
        // Confirmed with another WeChat, or withdrawn earlier: either way this link has done its job.
        <Text className='authoring__issue'>此确认链接已使用。如需帮助，请联系所在单位的宣传员。</Text>
      ) : expired ? (
        <Text className='authoring__issue'>{`链接已于 ${formatDateTime(info.expiresAt)} 过期，请联系宣传员重新发起`}</Text>
      ) : (
        <View className='authoring__actions'>
          <Button className='authoring__action' type='primary' disabled={busy || undefined} onClick={() => void confirm()}>
            我本人同意公开
          </Button>
        </View>
      )}
      {error ? (
        <View className='authoring__issue' role='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
    </View>
  );
}
