/**
 * 同意书核对: signed consent forms in the reviewer's subtree that wait for a check by someone
 * other than their uploader (PIPL art. 25: a paper form counts only once checked). The reviewer
 * opens the scan (every view is recorded in the audit log), compares it with the person, and
 * either confirms it (核对无误: the consent counts, the profile may be published) or returns it
 * with a reason (退回: the form is removed from the profile). Both ask first.
 *
 * One page, list and detail: side by side on a desk-wide window, one after the other on a phone.
 * The list comes one page at a time (oldest upload first), the next when the list's end is reached.
 */
import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { STORY_LIMITS, type ConsentCheckItem, type Id } from '@contract';
import { call, toFailure } from '../../lib/api';
import { formatDateTime } from '../../lib/dates';
import { useResource } from '../../lib/use-resource';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { ScanImage } from '../../components/scan-image';
import { ListFooter } from '../../components/list-footer';
import { ListRow } from '../../components/list-row';
import { CardSkeleton } from '../../components/skeleton';
import { StateView } from '../../components/state-view';
import './consent-check.scss';

type Decision = 'confirm' | 'reject';

function unitName(item: ConsentCheckItem): string {
  return item.unit?.name ?? '所属单位未知';
}

function CheckDetail({ item, onBack, onDone }: { item: ConsentCheckItem; onBack: () => void; onDone: (decision: Decision) => void }) {
  // Each opening of the scan is an audited view: asked once per opened form, not on every render.
  const scan = useResource(() => call('authoring', 'consentScan', { exemplarId: item.exemplarId }), [item.exemplarId]);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function decide(decision: Decision) {
    if (decision === 'reject' && comment.trim() === '') {
      setError('退回时请写明原因');
      return;
    }
    const answer = await Taro.showModal(
      decision === 'confirm'
        ? { title: '核对无误', content: `确认这份同意书由「${item.name}」本人签字，与资料一致？确认后其个人资料可以公开发布。`, confirmText: '核对无误' }
        : { title: '退回同意书', content: `退回后这份同意书将从「${item.name}」的资料中移除，需宣传员重新取得本人同意。确定退回？`, confirmText: '退回' },
    );
    if (!answer.confirm) return;
    setBusy(true);
    setError(null);
    try {
      await call('authoring', 'verifyConsent', { exemplarId: item.exemplarId, decision, comment: comment.trim() });
      void Taro.showToast({ title: decision === 'confirm' ? '已核对' : '已退回', icon: 'success' });
      onDone(decision);
    } catch (err) {
      setError(toFailure(err).message);
    } finally {
      setBusy(false);
    }
  }

  const url = scan.state.status === 'ready' ? scan.state.data.url : null;
  return (
    <View className='consent-check__detail' data-testid='consent-check-detail'>
      <View className='consent-check__back' role='button' onClick={onBack}>
        <Text>‹ 返回列表</Text>
      </View>
      <Text className='consent-check__title'>{item.name}</Text>
      <Text className='consent-check__meta'>{`${unitName(item)} · 上传于 ${formatDateTime(item.recordedAt)}`}</Text>
      <Text className='consent-check__note'>请核对同意书上的姓名和本人签字与该典型一致。每次查看同意书都会记入审计日志。</Text>
      {scan.state.status === 'loading' ? (
        <View className='consent-check__scan consent-check__scan--loading'>
          <Text>正在打开同意书…</Text>
        </View>
      ) : scan.state.status === 'error' ? (
        <StateView kind='error' title='同意书打开失败，点击重试' error={scan.state.error} onRetry={() => void scan.reload()} />
      ) : (
        <View className='consent-check__scan'>
          <ScanImage url={scan.state.data.url} label={`${item.name}的签字同意书`} />
        </View>
      )}
      {returning ? (
        <View className='consent-check__return'>
          <Text className='consent-check__label'>退回原因（必填）</Text>
          <Textarea
            className='consent-check__comment'
            aria-label='退回原因'
            value={comment}
            maxlength={STORY_LIMITS.comment}
            placeholder='如：签字与姓名不符、图片不清晰'
            onInput={(e) => setComment(e.detail.value)}
          />
        </View>
      ) : null}
      {error ? (
        <View className='consent-check__error' role='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
      <View className='consent-check__actions'>
        {returning ? (
          <>
            <Button className='consent-check__button' disabled={busy || undefined} onClick={() => setReturning(false)}>
              取消
            </Button>
            <Button className='consent-check__button' type='warn' disabled={busy || undefined} onClick={() => void decide('reject')}>
              确认退回
            </Button>
          </>
        ) : (
          <>
            <Button className='consent-check__button' disabled={busy || undefined} onClick={() => setReturning(true)}>
              退回
            </Button>
            {/* Nothing is confirmed unseen: the button waits for the scan. */}
            <Button className='consent-check__button' type='primary' disabled={busy || url === null || undefined} onClick={() => void decide('confirm')}>
              核对无误
            </Button>
          </>
        )}
      </View>
    </View>
  );
}

type CheckRow = ConsentCheckItem & { _id: Id };

export function ConsentCheckScreen() {
  const list = usePagedList<CheckRow>(async (cursor) => {
    const page = await call('authoring', 'consentQueue', { cursor });
    return { items: page.items.map((i) => ({ ...i, _id: i.exemplarId })), next: page.next };
  }, []);
  const [selected, setSelected] = useState<Id | null>(null);
  useListPageEvents({ refresh: list.refresh, loadMore: list.loadMore });

  if (list.status === 'loading') return <CardSkeleton count={3} variant='exemplar' />;
  if (list.status === 'error') return <StateView kind='error' error={list.error} onRetry={() => void list.refresh()} />;
  const items = list.items;
  if (items.length === 0) return <StateView kind='empty' title='暂无待核对的同意书' detail='宣传员上传的本人签字同意书会出现在这里' />;
  const current = items.find((i) => i.exemplarId === selected) ?? null;

  return (
    <View className={`page consent-check${current ? ' consent-check--open' : ''}`}>
      <View className='consent-check__list'>
        {/* The count is only known once every page is here. */}
        <Text className='consent-check__count'>{list.done ? `${items.length} 份待核对，先上传的在前` : '待核对的同意书，先上传的在前'}</Text>
        {items.map((i) => (
          <ListRow
            key={i.exemplarId}
            testId='consent-check-row'
            title={i.name}
            badge={i.exemplarId === selected ? { text: '核对中', tone: 'warn' } : undefined}
            meta={[unitName(i), `上传于 ${formatDateTime(i.recordedAt)}`]}
            onTap={() => setSelected(i.exemplarId)}
          />
        ))}
        <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} />
      </View>
      {current ? (
        <CheckDetail
          key={current.exemplarId}
          item={current}
          onBack={() => setSelected(null)}
          onDone={() => {
            setSelected(null);
            void list.refresh();
          }}
        />
      ) : (
        <View className='consent-check__placeholder'>
          <Text>选择一份同意书开始核对</Text>
        </View>
      )}
    </View>
  );
}
