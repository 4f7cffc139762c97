/** 公示: nominations the corps approved, readable by anyone, each with a way to file an objection. */
import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CATEGORY_LABEL, KIND_LABEL, NOMINATION_LIMITS, TIER_LABEL, nominationSchemas, type NoticeItem } from '@contract';
import { call, toFailure } from '../../lib/api';
import { formatDateTime } from '../../lib/dates';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import './nominations.scss';

function ObjectionForm({ item, onDone }: { item: NoticeItem; onDone: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function send() {
    const parsed = nominationSchemas.object.safeParse({ id: item._id, text });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请检查异议内容');
      return;
    }
    setSending(true);
    setError(null);
    try {
      await call('nominations', 'object', parsed.data);
      void Taro.showToast({ title: '异议已提交', icon: 'success' });
      onDone();
    } catch (err) {
      setError(toFailure(err).message);
    } finally {
      setSending(false);
    }
  }

  return (
    <View className='nom__sheet' data-testid='objection-form'>
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
  );
}

export function NoticeScreen() {
  const { state, reload } = useResource(() => call('nominations', 'notice', {}), []);
  const [objecting, setObjecting] = useState<string | null>(null);

  if (state.status === 'loading') return <Text className='nom__muted'>加载中…</Text>;
  if (state.status === 'error') return <StateView kind='error' error={state.error} onRetry={() => void reload()} />;
  if (state.data.items.length === 0) return <StateView kind='empty' title='当前没有公示中的推荐' />;
  return (
    <View className='page page--phone nom'>
      {state.data.items.map((item) => (
        <View key={item._id} className='nom__card' data-testid='notice-item'>
          <Text className='nom__title'>{item.nomineeName}</Text>
          <Text className='nom__muted'>{`${KIND_LABEL[item.kind]} · ${item.unitName} · ${CATEGORY_LABEL[item.category]} · 拟入${TIER_LABEL[item.targetTier]}`}</Text>
          <Text className='nom__body'>{item.deeds}</Text>
          <Text className='nom__muted'>{item.noticeEndsAt > Date.now() ? `公示截止 ${formatDateTime(item.noticeEndsAt)}` : '公示期已满，待入库'}</Text>
          {item.noticeEndsAt > Date.now() ? (
            objecting === item._id ? (
              <ObjectionForm item={item} onDone={() => setObjecting(null)} />
            ) : (
              <Button className='nom__secondary' onClick={() => setObjecting(item._id)}>提出异议</Button>
            )
          ) : null}
        </View>
      ))}
    </View>
  );
}
