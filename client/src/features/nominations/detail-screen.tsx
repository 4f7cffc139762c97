/**
 * 推荐详情: one nomination — nominee, unit, category, target library, deeds, pictures, consent,
 * every step of its review with the reviewers' comments (Beijing time), the 公示 end when in
 * notice — and the actions the server says the caller may take now: the nominator revises and
 * resubmits a returned nomination or withdraws one still in review (asked first); a reviewer of
 * the level it waits for decides. Opened from 我的推荐 and from the review queue.
 */
import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { CATEGORY_LABEL, KIND_LABEL, REVIEW_LEVEL_LABEL, TIER_LABEL, type NominationDetail } from '@contract';
import { call } from '../../lib/api';
import { confirmAction } from '../../lib/confirm';
import { formatDateTime } from '../../lib/dates';
import { routes } from '../../lib/routes';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import { DecisionSheet } from './decision-sheet';
import { consentText, lastReturn, STATE_LABEL, STATE_TONE, timelineText } from './labels';
import { ReviseForm } from './revise-form';
import { Picture } from '../../components/picture';
import './nominations.scss';

function Facts({ n }: { n: NominationDetail }) {
  const consent = consentText(n);
  return (
    <View className='nom__card' data-testid='nomination-facts'>
      <View className='nom__head'>
        <Text className='nom__title'>{n.nominee.name}</Text>
        <Text className={`nom__state nom__state--${STATE_TONE[n.state]}`} data-testid='nomination-state'>{STATE_LABEL[n.state]}</Text>
      </View>
      <Text className='nom__fact'>{`${KIND_LABEL[n.nominee.kind]} · ${n.unit?.name ?? '所属单位未知'}`}</Text>
      <Text className='nom__fact'>{`${CATEGORY_LABEL[n.category]} · 拟入${TIER_LABEL[n.targetTier]}`}</Text>
      <Text className='nom__fact'>{`提交于 ${formatDateTime(n.createdAt)}`}</Text>
      {n.waitingFor ? <Text className='nom__fact'>{`等待${REVIEW_LEVEL_LABEL[n.waitingFor]}审核`}</Text> : null}
      {n.state === 'in_notice' && n.noticeEndsAt ? <Text className='nom__fact' data-testid='notice-ends'>{`公示截止 ${formatDateTime(n.noticeEndsAt)}`}</Text> : null}
      {consent ? <Text className={`nom__fact${consent.warn ? ' nom__fact--warn' : ''}`} data-testid='consent-status'>{consent.text}</Text> : null}
      {n.contentHeld ? <Text className='nom__badge'>内容安全提示：请人工仔细核对</Text> : null}
    </View>
  );
}

function Deeds({ n }: { n: NominationDetail }) {
  return (
    <View className='nom__card'>
      <Text className='nom__section'>事迹材料</Text>
      <Text className='nom__body'>{n.deeds}</Text>
      {n.attachments.length > 0 ? (
        <View className='nom__thumbs' data-testid='nomination-attachments'>
          {n.attachments.map((url, i) => (
            <Picture key={url} className='nom__thumb' src={url} mode='aspectFill' alt={`事迹材料图片 ${i + 1}`} onClick={() => void Taro.previewImage({ urls: n.attachments, current: url })} />
          ))}
        </View>
      ) : null}
    </View>
  );
}

function Timeline({ n }: { n: NominationDetail }) {
  return (
    <View className='nom__card'>
      <Text className='nom__section'>审核记录</Text>
      <View className='nom__timeline'>
        {n.timeline.map((e, i) => (
          <View key={i} className='nom__step' data-testid='timeline-entry'>
            <Text className='nom__step-time'>{formatDateTime(e.at)}</Text>
            <Text className='nom__step-text'>{timelineText(e)}</Text>
            {e.comment ? <Text className='nom__step-comment'>{e.comment}</Text> : null}
          </View>
        ))}
      </View>
    </View>
  );
}

function NominatorActions({ n, onRevise, onChanged }: { n: NominationDetail; onRevise: () => void; onChanged: () => void }) {
  const withdraw = useAction();
  async function takeBack() {
    const sure = await confirmAction({ title: '撤回推荐', content: `撤回后「${n.nominee.name}」的推荐将停止审核，且不能恢复。确定撤回？`, confirmText: '撤回', danger: true });
    if (!sure) return;
    if (await withdraw.run(() => call('nominations', 'withdraw', { id: n._id }), '已撤回')) onChanged();
  }
  if (!n.can.revise && !n.can.withdraw) {
    // A returned nomination whose nominator no longer edits for the unit: say why nothing is offered.
    return n.mine && n.state === 'returned' ? <Text className='nom__muted'>你已不是该单位的宣传员，无法修改此推荐</Text> : null;
  }
  return (
    <View className='nom__card'>
      <View className='nom__buttons'>
        {n.can.revise ? <Button className='nom__primary' onClick={onRevise}>修改后重新提交</Button> : null}
        {n.can.withdraw ? (
          <Button className='nom__secondary' disabled={withdraw.busy || undefined} loading={withdraw.busy || undefined} onClick={() => void takeBack()}>撤回推荐</Button>
        ) : null}
      </View>
      {withdraw.error ? <View className='nom__error' role='alert'>{withdraw.error.message}</View> : null}
    </View>
  );
}

export function NominationDetailScreen() {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useResource(() => call('nominations', 'get', { id }), [id]);
  const [revising, setRevising] = useState(false);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (state.status === 'loading') return <Text className='nom__muted nom__loading'>加载中…</Text>;
  // A nomination that is not there (or not the caller's to see) will not appear on a retry.
  if (state.status === 'error') return <StateView kind='error' error={state.error} onRetry={state.error.code === 'NOT_FOUND' ? undefined : () => void reload()} />;
  const n = state.data;
  const returned = lastReturn(n);
  return (
    <View className='page nom nom-detail' data-testid='nomination-page'>
      <View className='nom-detail__main'>
        <Facts n={n} />
        {returned && n.state === 'returned' ? (
          <View className='nom__callout' data-testid='return-comment'>
            <Text className='nom__callout-title'>{`${returned.level ? REVIEW_LEVEL_LABEL[returned.level] : ''}退回意见`}</Text>
            <Text className='nom__body'>{returned.comment}</Text>
          </View>
        ) : null}
        {revising ? (
          <ReviseForm
            nomination={n}
            onCancel={() => setRevising(false)}
            onDone={() => {
              setRevising(false);
              void reload();
            }}
          />
        ) : (
          <Deeds n={n} />
        )}
      </View>
      <View className='nom-detail__side'>
        {revising ? null : <NominatorActions n={n} onRevise={() => setRevising(true)} onChanged={() => void reload()} />}
        {n.can.decide ? (
          <View className='nom__card'>
            <Text className='nom__section'>{`审核决定（${REVIEW_LEVEL_LABEL[n.can.decide]}）`}</Text>
            <DecisionSheet key={`${n._id}-${n.updatedAt}`} item={n} onDone={() => void reload()} />
          </View>
        ) : null}
        {n.state === 'enrolled' && n.enrolledExemplarId ? (
          <Button className='nom__secondary' onClick={() => void Taro.navigateTo({ url: routes.profile({ id: n.enrolledExemplarId as string }) })}>查看典型资料</Button>
        ) : null}
        <Timeline n={n} />
      </View>
    </View>
  );
}
