import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { KIND_LABEL } from '@contract';
import { ApiFailure, call, toFailure } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import './authoring.scss';

const VALID_CODE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * 本人确认: the person a profile is about reads what will be published and agrees with their
 * own WeChat identity (PIPL art. 25). The server refuses the editor who asked.
 */
export function ConsentScreen() {
  const code = useRouter().params.code ?? '';
  const { state, reload } = useResource(() => {
    if (!VALID_CODE.test(code)) return Promise.reject(new ApiFailure('NOT_FOUND', 'bad consent code'));
    return call('authoring', 'consentInfo', { code });
  }, [code]);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  if (state.status === 'error') return <StateView kind='error' title={state.error.code === 'NOT_FOUND' ? '确认链接无效' : '加载失败，点击重试'} detail={state.error.message} onRetry={() => void reload()} />;
  if (state.status === 'loading') return <View className='authoring authoring--loading'>加载中…</View>;
  const info = state.data;
  const expired = info.expiresAt <= Date.now();

  const confirm = async () => {
    setBusy(true);
    try {
      await call('authoring', 'confirmConsent', { code });
      setDone(true);
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='authoring'>
      <Text className='authoring__preview-title'>同意公开个人事迹</Text>
      <Text className='authoring__hint'>{KIND_LABEL[info.kind]}典型 · {info.unitName}</Text>
      <View className='authoring__banner'>
        <Text>
          {info.name}：{info.summary}
        </Text>
      </View>
      <Text className='authoring__hint'>确认后，你的姓名、照片、荣誉和事迹将在「身边典型」中公开展示。你可以随时联系所在单位撤下。</Text>
      {info.confirmed || done ? (
        <View className='authoring__status' role='status'>已确认，感谢你的同意</View>
      ) : expired ? (
        <Text className='authoring__issue'>链接已过期，请联系宣传员重新发起</Text>
      ) : (
        <Button type='primary' disabled={busy || undefined} onClick={() => void confirm()}>
          我本人同意公开
        </Button>
      )}
    </View>
  );
}
