/**
 * 提出异议: a reader's objection to a nomination in 公示. Its own page in a subpackage (see
 * NOTICE_PACKAGE in lib/routes): the contract's schema validates the text before it is sent, and
 * the schema brings zod, which the main package's 公示 page must not carry.
 */
import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { NOMINATION_LIMITS, nominationSchemas } from '@contract';
import { call, toFailure } from '../../lib/api';
import { routes } from '../../lib/routes';
import './nominations.scss';

/** WeChat hands a page its query still encoded; h5 has decoded it already (then this is a no-op). */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function ObjectionScreen() {
  const params = useRouter().params;
  const id = params.id ?? '';
  const name = decoded(params.name ?? '');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function send() {
    const parsed = nominationSchemas.object.safeParse({ id, text });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请检查异议内容');
      return;
    }
    setSending(true);
    setError(null);
    try {
      await call('nominations', 'object', parsed.data);
      void Taro.showToast({ title: '异议已提交', icon: 'success' });
      // Back to 公示; opened on its own (a forwarded link), there is nothing to go back to.
      void Taro.navigateBack().catch(() => Taro.redirectTo({ url: routes.notice() }));
    } catch (err) {
      setError(toFailure(err).message);
    } finally {
      setSending(false);
    }
  }

  return (
    <View className='page page--phone nom'>
      <View className='nom__card' data-testid='objection-form'>
        {name ? <Text className='nom__title'>{`对「${name}」的推荐提出异议`}</Text> : null}
        <Text className='nom__muted'>异议仅由审核人员查看，请如实填写。</Text>
        <Textarea
          className='nom__textarea'
          value={text}
          maxlength={NOMINATION_LIMITS.objectionMax}
          placeholder={`请写明异议事实（${NOMINATION_LIMITS.objectionMin}–${NOMINATION_LIMITS.objectionMax} 字）`}
          onInput={(e) => setText(e.detail.value)}
          aria-label='异议内容'
        />
        {error ? <View className='nom__error' role='alert'>{error}</View> : null}
        <Button className='nom__primary' disabled={sending || undefined} loading={sending || undefined} onClick={() => void send()}>提交异议</Button>
      </View>
    </View>
  );
}
