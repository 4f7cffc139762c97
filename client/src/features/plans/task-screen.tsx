/**
 * One plan task: what, who, by when, what it serves; once done, the evidence it was ticked off
 * with (对账消号) and who ticked it; every reopened tick with its reason. An admin over the
 * task's owner unit starts it, ticks it off with evidence (a note, photos, or the story or
 * nomination it is linked to) and reopens a wrong tick with a reason; an admin over the plan's
 * unit edits it. 到期提醒 asks WeChat for the one-time due-soon message.
 */
import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PlanTaskDetail } from '@contract';
import { call } from '../../lib/api';
import { PLAN_DUE_TEMPLATE, PLAN_LIMITS, PLAN_LINK_LABEL } from '../../lib/contract-values';
import { formatDateTime } from '../../lib/dates';
import { pickImage } from '../../lib/image-pick';
import { routes } from '../../lib/routes';
import { requestSubscribe } from '../../lib/subscribe';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { ReasonSheet } from '../../components/reason-sheet';
import { dayText, dueText, shanghaiToday, stateBadge } from './labels';
import { PlanPageState } from './parts';
import './plans.scss';
import { useResourcePageEvents } from '../../lib/use-reload-on-return';
import { Picture } from '../../components/picture';

/** The due-soon template: the console's id in production (TARO_APP_TPL_PLAN_DUE), the local one otherwise. */
const DUE_TEMPLATE = process.env.TARO_APP_TPL_PLAN_DUE || PLAN_DUE_TEMPLATE.id;

const REOPEN_PRESETS = ['佐证材料不符', '任务尚未真正完成', '误操作消号'] as const;

function Field({ label, value, danger, testId }: { label: string; value: string; danger?: boolean; testId?: string }) {
  return (
    <View className='plan-field' data-testid={testId}>
      <Text className='plan-field__label'>{label}</Text>
      <Text className={`plan-field__value${danger ? ' plan-field__value--danger' : ''}`}>{value}</Text>
    </View>
  );
}

/** 对账消号: the evidence form. A tick without any is stopped here, with the server's own rule. */
function TickForm({ task, onDone, onCancel }: { task: PlanTaskDetail; onDone: () => void; onCancel: () => void }) {
  const evidenceLink = task.link && (task.link.kind === 'story' || task.link.kind === 'nomination') ? task.link : null;
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<{ fileId: string; preview: string }[]>([]);
  const [useLink, setUseLink] = useState(evidenceLink !== null);
  const [missing, setMissing] = useState(false);
  const upload = useAction();
  const tick = useAction();

  async function addPhoto() {
    const picked = await pickImage({ square: false });
    if (!picked) return;
    const up = await upload.run(() => call('authoring', 'uploadImage', { purpose: 'evidence', base64: picked.base64 }));
    if (up) setPhotos((p) => [...p, { fileId: up.fileId, preview: `data:image/jpeg;base64,${picked.base64}` }]);
  }

  async function submit() {
    const link = useLink && evidenceLink ? { kind: evidenceLink.kind as 'story' | 'nomination', id: evidenceLink.id } : null;
    if (note.trim().length === 0 && photos.length === 0 && !link) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const done = await tick.run(() => call('workboard', 'tickTask', { id: task._id, note: note.trim(), photos: photos.map((p) => p.fileId), link }), '已消号');
    if (done) onDone();
  }

  const error = missing ? '请填写完成说明、上传照片或选择关联记录作为佐证' : (tick.error ?? upload.error)?.message ?? null;
  return (
    <View className='section plan-tick' data-testid='plan-tick-form'>
      <Text className='section-title'>对账消号</Text>
      <Text className='plan-muted'>消号需要佐证：完成情况说明、现场照片，或关联的事迹/推荐。</Text>
      <Text className='plan-form__label'>完成情况说明</Text>
      <Textarea className='plan-form__textarea' aria-label='完成情况说明' value={note} maxlength={PLAN_LIMITS.note} placeholder='如：已于 3 月 5 日完成采写，稿件已报送' onInput={(e) => setNote(e.detail.value)} />
      <View className='plan-photos'>
        {photos.map((p, i) => (
          <Picture key={p.fileId} className='plan-photos__thumb' src={p.preview} mode='aspectFill' alt={`佐证照片 ${i + 1}`} />
        ))}
      </View>
      {photos.length < PLAN_LIMITS.photos ? (
        <Button className='plan-button plan-button--secondary' disabled={upload.busy || undefined} onClick={() => void addPhoto()} data-testid='plan-add-photo'>
          {upload.busy ? '上传中…' : '添加照片'}
        </Button>
      ) : null}
      {evidenceLink ? (
        <View role='checkbox' aria-checked={useLink} className={`plan-check${useLink ? ' plan-check--on' : ''}`} onClick={() => setUseLink((v) => !v)} data-testid='plan-use-link'>
          <Text>{`${useLink ? '☑' : '☐'} 以关联的${PLAN_LINK_LABEL[evidenceLink.kind]}「${evidenceLink.title}」作为佐证`}</Text>
        </View>
      ) : null}
      {error ? (
        <View className='plan-error' role='alert' data-testid='plan-tick-error'>
          <Text>{error}</Text>
        </View>
      ) : null}
      <View className='plan-form__footer'>
        <Button className='plan-button plan-button--secondary' disabled={tick.busy || undefined} onClick={onCancel}>
          取消
        </Button>
        <Button className='plan-button plan-button--primary' disabled={tick.busy || upload.busy || undefined} onClick={() => void submit()} data-testid='plan-tick-submit'>
          {tick.busy ? '提交中…' : '确认消号'}
        </Button>
      </View>
    </View>
  );
}

export function TaskScreen({ id }: { id: string }) {
  const { state, reload } = useResource(() => call('workboard', 'task', { id }), [id]);
  const [sheet, setSheet] = useState<'tick' | 'reopen' | null>(null);
  const action = useAction();
  useResourcePageEvents(reload);

  if (state.status === 'loading' || state.status === 'error') {
    return <PlanPageState loading={state.status === 'loading' || undefined} lines={3} error={state.status === 'error' ? state.error : null} deniedTitle='无权查看该任务' onRetry={() => void reload()} />;
  }
  const t = state.data;
  const today = shanghaiToday();
  const badge = stateBadge(t.state);
  const photos = t.evidence?.photos.filter((p): p is { fileId: string; url: string } => p.url !== null) ?? [];

  async function start() {
    if (await action.run(() => call('workboard', 'startTask', { id: t._id }), '已开始')) void reload();
  }

  return (
    <View className='page plans'>
      <View className={`section plan-detail plan-detail--${t.state}`} data-testid='plan-task-detail' data-state={t.state}>
        <View className='plan-detail__head'>
          <Text className='plan-head__title'>{t.title}</Text>
          <Text className={`plan-badge plan-badge--${badge.tone}`} data-testid='plan-task-state'>{badge.text}</Text>
        </View>
        <View role='link' className='plan-detail__plan' onClick={() => void Taro.navigateTo({ url: routes.planBoard({ planId: t.plan._id }) })}>
          <Text>{`${t.plan.title} ›`}</Text>
        </View>
        <Field label='责任单位' value={t.unit?.name ?? '（已删除的单位）'} />
        <Field label='责任人' value={t.responsible} />
        <Field label='完成时限' value={dueText(t.due, t.state, today)} danger={t.state === 'overdue'} testId='plan-task-due' />
        {t.link ? <Field label={`关联${PLAN_LINK_LABEL[t.link.kind]}`} value={t.link.title} /> : null}
        {t.doneAt ? <Field label='消号时间' value={formatDateTime(t.doneAt)} /> : null}
      </View>

      {t.evidence ? (
        <View className='section' data-testid='plan-evidence'>
          <Text className='section-title'>消号佐证</Text>
          <Text className='plan-muted'>{`${t.evidence.by.name} 于 ${formatDateTime(t.evidence.at)} 对账消号`}</Text>
          {t.evidence.note ? <Text className='plan-evidence__note'>{t.evidence.note}</Text> : null}
          {t.evidence.link ? <Text className='plan-muted'>{`关联${PLAN_LINK_LABEL[t.evidence.link.kind]}：${t.evidence.link.title}`}</Text> : null}
          {photos.length > 0 ? (
            <View className='plan-photos'>
              {photos.map((p, i) => (
                <Picture
                  key={p.fileId}
                  className='plan-photos__thumb'
                  src={p.url}
                  mode='aspectFill'
                  alt={`佐证照片 ${i + 1}`}
                  onClick={() => void Taro.previewImage({ urls: photos.map((x) => x.url), current: p.url })}
                />
              ))}
            </View>
          ) : null}
        </View>
      ) : null}

      {t.reopens.length > 0 ? (
        <View className='section' data-testid='plan-reopens'>
          <Text className='section-title'>重新打开记录</Text>
          {t.reopens.map((r, i) => (
            <Text key={i} className='plan-muted'>{`${formatDateTime(r.at)} ${r.by.name}：${r.reason}`}</Text>
          ))}
        </View>
      ) : null}

      {sheet === 'tick' ? (
        <TickForm
          task={t}
          onCancel={() => setSheet(null)}
          onDone={() => {
            setSheet(null);
            void reload();
          }}
        />
      ) : sheet === 'reopen' ? (
        <View className='plan-sheet'>
          <ReasonSheet
            title='重新打开任务'
            hint='消号将被撤销，任务回到进行中；原佐证和原因记入重新打开记录。'
            label='原因（必填）'
            requiredText='请填写重新打开的原因'
            maxLength={PLAN_LIMITS.reason}
            presets={REOPEN_PRESETS}
            actionText='重新打开'
            confirm={{ title: '重新打开该任务？', content: '消号将被撤销，此操作会记入审计日志。' }}
            danger
            busy={action.busy}
            error={action.error?.message ?? null}
            onCancel={() => setSheet(null)}
            onSubmit={async (reason) => {
              if (await action.run(() => call('workboard', 'reopenTask', { id: t._id, reason }), '已重新打开')) {
                setSheet(null);
                void reload();
              }
            }}
            testId='plan-reopen-sheet'
          />
        </View>
      ) : (
        <View className='section plan-actions'>
          {action.error ? (
            <View className='plan-error' role='alert'>
              <Text>{action.error.message}</Text>
            </View>
          ) : null}
          {t.canAct && t.status === 'not_started' ? (
            <Button className='plan-button plan-button--secondary' disabled={action.busy || undefined} onClick={() => void start()} data-testid='plan-start'>
              开始推进
            </Button>
          ) : null}
          {t.canAct && t.status !== 'done' ? (
            <Button className='plan-button plan-button--primary' onClick={() => setSheet('tick')} data-testid='plan-tick'>
              对账消号
            </Button>
          ) : null}
          {t.canAct && t.status === 'done' ? (
            <Button className='plan-button plan-button--warn' onClick={() => setSheet('reopen')} data-testid='plan-reopen'>
              重新打开
            </Button>
          ) : null}
          {t.canAct && t.status !== 'done' ? (
            <Button className='plan-button plan-button--secondary' onClick={() => void requestSubscribe([DUE_TEMPLATE]).then(() => Taro.showToast({ title: '到期前将提醒你', icon: 'none' }))} data-testid='plan-subscribe'>
              {`到期提醒（${dayText(t.due)}前）`}
            </Button>
          ) : null}
          {t.canEdit ? (
            <Button className='plan-button plan-button--secondary' onClick={() => void Taro.navigateTo({ url: routes.planEditor({ planId: t.plan._id, id: t._id }) })} data-testid='plan-edit'>
              编辑任务
            </Button>
          ) : null}
        </View>
      )}
    </View>
  );
}
