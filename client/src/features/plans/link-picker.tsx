/**
 * The task form's picker for a nomination or a published story to link: the server lists those
 * inside the plan's subtree (the scope saveTask accepts), newest first, by name or title; typing
 * asks again for what matches. Loading, empty and error states in place.
 */
import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { PlanLinkOption } from '@contract';
import { call } from '../../lib/api';
import { PLAN_LIMITS } from '../../lib/contract-values';
import { useResource } from '../../lib/use-resource';
import { ListRow } from '../../components/list-row';
import { StateView } from '../../components/state-view';

export type PickableKind = 'nomination' | 'story';

const TEXT: Record<PickableKind, { title: string; search: string; none: string; noMatch: string; more: string }> = {
  nomination: { title: '选择推荐', search: '按被推荐人姓名查找', none: '本计划范围内还没有推荐', noMatch: '没有姓名相符的推荐', more: '输入姓名查找更早的推荐' },
  story: { title: '选择事迹', search: '按事迹标题查找', none: '本计划范围内还没有已发布的事迹', noMatch: '没有标题相符的事迹', more: '输入标题查找更早的事迹' },
};

/** Typing pauses this long before the list is asked for again (one request per word, not per key). */
const TYPING_PAUSE_MS = 300;

export function LinkPicker({ planId, kind, onPick, onClose }: { planId: string; kind: PickableKind; onPick: (o: PlanLinkOption) => void; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const { state, reload } = useResource(() => call('workboard', 'linkOptions', { planId, kind, ...(q ? { q } : {}) }), [planId, kind, q]);
  const text = TEXT[kind];
  return (
    <View className='plan-picker' data-testid='plan-link-picker'>
      <View className='plan-picker__head'>
        <Text className='plan-picker__title'>{text.title}</Text>
        <View role='button' className='plan-picker__close' onClick={onClose} data-testid='plan-link-picker-close'>
          <Text>收起</Text>
        </View>
      </View>
      <Input className='plan-form__input' value={typed} maxlength={PLAN_LIMITS.linkQuery} aria-label={text.search} placeholder={text.search} onInput={(e) => setTyped(e.detail.value)} />
      {state.status === 'loading' ? (
        <View className='plan-picker__loading' aria-busy='true' aria-label='加载中'>
          <View className='plan-skeleton__line' />
          <View className='plan-skeleton__line plan-skeleton__line--short' />
        </View>
      ) : state.status === 'error' ? (
        <StateView kind='error' title='候选记录加载失败，点击重试' error={state.error} onRetry={() => void reload()} />
      ) : state.data.items.length === 0 ? (
        <Text className='plan-muted' data-testid='plan-link-empty'>
          {q ? text.noMatch : text.none}
        </Text>
      ) : (
        <View className='plan-picker__list'>
          {state.data.items.map((o) => (
            <ListRow key={o.id} testId='plan-link-option' title={o.title} meta={[o.subtitle]} onTap={() => onPick(o)} />
          ))}
          {state.data.items.length >= PLAN_LIMITS.linkOptions ? <Text className='plan-muted'>{`仅列出最新 ${PLAN_LIMITS.linkOptions} 条，${text.more}`}</Text> : null}
        </View>
      )}
    </View>
  );
}
