import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { PublishCandidate, PublishJobState, PublishJobView } from '@contract';
import { call, toFailure } from '../../lib/api';
import { copyLink } from '../../lib/clipboard';
import { formatDateTime } from '../../lib/dates';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { ListFooter } from '../../components/list-footer';
import { ListRow, type ListRowProps } from '../../components/list-row';
import { StateView } from '../../components/state-view';
import { PublishPreviewSheet, type PreviewIntent } from './publish-preview-sheet';
import './publish-screen.scss';

export const JOB_STATE_TEXT: Record<PublishJobState, string> = {
  queued: '排队中',
  images_uploaded: '图片已上传',
  draft_created: '草稿已创建',
  submitted: '已提交，等待发布结果',
  published: '已发布',
  failed: '发布失败',
  deleting: '正在删除公众号文章',
  deleted: '公众号文章已删除',
};

const JOB_TONE: Record<PublishJobState, NonNullable<ListRowProps['badge']>['tone']> = {
  queued: 'warn',
  images_uploaded: 'warn',
  draft_created: 'warn',
  submitted: 'warn',
  published: 'ok',
  failed: 'danger',
  deleting: 'warn',
  deleted: 'neutral',
};

/** States a job moves out of by itself within seconds (the page follows them without a pull). */
const MOVING: readonly PublishJobState[] = ['queued', 'images_uploaded', 'draft_created', 'submitted'];

function openArticle(url: string): void {
  // h5 can open the article; a mini-program cannot open an external page, so it copies the link.
  if (process.env.TARO_ENV === 'h5') window.open(url, '_blank', 'noopener');
  else copyLink(url);
}

const ARTICLE_ACTION = process.env.TARO_ENV === 'h5' ? '打开文章' : '复制链接';

/** What the row says about the article on the account: 已发布第 2 版，当前第 3 版. */
export function articleLine(s: PublishCandidate): string | null {
  if (!s.article) return null;
  const when = formatDateTime(s.article.publishedAt);
  if (s.article.revision === s.revision) return `已发布第 ${s.revision} 版（当前版本） · ${when}`;
  // A link recorded before its revision was: which one it shows is not known.
  if (s.article.revision === null) return `已发布（发布时的版本未记录），当前第 ${s.revision} 版 · ${when}`;
  return `已发布第 ${s.article.revision} 版，当前第 ${s.revision} 版 · ${when}`;
}

/** What the publisher may do with a story now: publish it, publish the newer revision again, or nothing (its job is under way or done). */
export function intentOf(s: PublishCandidate): PreviewIntent | null {
  // One job per revision: a failed one is retried from 发布记录, not started again.
  if (s.job) return null;
  if (!s.article) return 'publish';
  return s.article.revision === s.revision ? null : 'republish';
}

function CandidateRow({ story, busy, onPreview }: { story: PublishCandidate; busy: boolean; onPreview: (s: PublishCandidate, intent: PreviewIntent) => void }) {
  const intent = intentOf(story);
  const badge: ListRowProps['badge'] = story.job
    ? { text: JOB_STATE_TEXT[story.job.state], tone: JOB_TONE[story.job.state] }
    : story.article
      ? { text: '已发布', tone: 'ok' }
      : { text: '未发布', tone: 'neutral' };
  const meta = [
    articleLine(story) ?? `第 ${story.revision} 版 · 尚未发布到公众号`,
    story.job?.state === 'failed' ? '发布失败：在“发布记录”中查看原因并重试' : null,
  ];
  return (
    <ListRow
      testId='publish-candidate'
      title={story.title}
      badge={badge}
      meta={meta}
      actions={
        story.article || intent ? (
          <>
            {story.article ? (
              <Button className='publish__secondary' onClick={() => openArticle(story.article!.url)} data-testid='publish-article-open'>
                {ARTICLE_ACTION}
              </Button>
            ) : null}
            {intent === 'publish' ? (
              <Button className='publish__primary' disabled={busy || undefined} onClick={() => onPreview(story, 'publish')} data-testid='publish-button'>
                发布到公众号
              </Button>
            ) : null}
            {intent === 'republish' ? (
              <Button className='publish__primary' disabled={busy || undefined} onClick={() => onPreview(story, 'republish')} data-testid='publish-republish'>
                重新发布
              </Button>
            ) : null}
          </>
        ) : undefined
      }
    />
  );
}

/** A job that failed while deleting its article (its story was taken down) failed to delete, not to publish. */
function badgeText(job: PublishJobView): string {
  if (job.state === 'failed' && job.history.some((h) => h.state === 'deleting')) return '删除文章失败';
  return JOB_STATE_TEXT[job.state];
}

function JobRow({ job, onRetry, busy }: { job: PublishJobView; onRetry: (id: string) => void; busy: boolean }) {
  const showArticle = job.articleUrl && job.state === 'published';
  return (
    <ListRow
      testId='publish-job'
      title={job.title}
      badge={{ text: badgeText(job), tone: JOB_TONE[job.state] }}
      meta={[`第 ${job.revision} 版 · ${formatDateTime(job.createdAt)} 开始`]}
      actions={
        showArticle || job.canRetry ? (
          <>
            {showArticle ? (
              <Button className='publish__secondary' onClick={() => openArticle(job.articleUrl!)} data-testid='publish-article-link'>
                查看文章
              </Button>
            ) : null}
            {job.canRetry ? (
              <Button className='publish__primary' disabled={busy || undefined} onClick={() => onRetry(job._id)} data-testid='publish-retry'>
                重试
              </Button>
            ) : null}
          </>
        ) : undefined
      }
    >
      <View className='publish__detail' data-state={job.state}>
        <View className='publish__timeline' data-testid='publish-timeline'>
          {job.history.map((h, i) => (
            <Text key={`${h.state}-${h.at}-${i}`} className='publish__step'>
              {`${formatDateTime(h.at)}  ${JOB_STATE_TEXT[h.state]}${h.note ? `（${h.note}）` : ''}`}
            </Text>
          ))}
        </View>
        {job.failure ? (
          <Text className='publish__failure' data-testid='publish-failure'>
            {`${job.failure.message}（代码 ${job.failure.code}）`}
          </Text>
        ) : null}
        {job.lastError && job.state !== 'failed' ? <Text className='publish__muted'>{`暂时受阻：${job.lastError.message}，稍后自动重试`}</Text> : null}
        {job.state === 'deleting' && !job.lastError ? <Text className='publish__muted'>撤回事迹时要求删除：几分钟内由后台删除</Text> : null}
      </View>
    </ListRow>
  );
}

/** 公众号发布: published stories to send to 火焰蓝e党建 (previewed first), and every job with its timeline. */
export function PublishScreen() {
  const [tab, setTab] = useState<'stories' | 'jobs'>('stories');
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ story: PublishCandidate; intent: PreviewIntent } | null>(null);
  const candidates = usePagedList((cursor) => call('publish', 'candidates', { cursor }), []);
  const jobs = usePagedList((cursor) => call('publish', 'jobs', { cursor }), []);
  const active = tab === 'stories' ? candidates : jobs;
  useListPageEvents({ refresh: active.refresh, loadMore: active.loadMore });

  // A submitted job finishes when WeChat's event arrives: follow it on screen without a pull.
  const inFlight = tab === 'jobs' && jobs.items.some((j) => MOVING.includes(j.state) && !j.canRetry);
  const refreshJobs = jobs.refresh;
  useEffect(() => {
    if (!inFlight) return undefined;
    const timer = setInterval(() => void refreshJobs(), 2000);
    return () => clearInterval(timer);
  }, [inFlight, refreshJobs]);

  const publish = useCallback(
    async (story: PublishCandidate) => {
      setBusy(true);
      try {
        const job = await call('publish', 'start', { storyId: story._id });
        setPreview(null);
        void Taro.showToast({ title: job.state === 'failed' ? '发布失败' : '已提交发布', icon: 'none' });
        setTab('jobs');
        await Promise.all([jobs.refresh(), candidates.refresh()]);
      } catch (e) {
        void Taro.showToast({ title: toFailure(e).message, icon: 'none' });
      } finally {
        setBusy(false);
      }
    },
    [jobs, candidates],
  );

  // Each tab shows the list as it is now: a job that finished meanwhile changes what a story offers.
  const show = (next: 'stories' | 'jobs') => {
    setTab(next);
    if (next !== tab) void (next === 'stories' ? candidates : jobs).refresh();
  };

  const retry = useCallback(
    async (id: string) => {
      setBusy(true);
      try {
        await call('publish', 'retry', { id });
        await jobs.refresh();
      } catch (e) {
        void Taro.showToast({ title: toFailure(e).message, icon: 'none' });
      } finally {
        setBusy(false);
      }
    },
    [jobs],
  );

  return (
    <View className='page publish'>
      <View className='publish__tabs'>
        <Text className={`publish__tab ${tab === 'stories' ? 'publish__tab--on' : ''}`} onClick={() => show('stories')} data-testid='publish-tab-stories'>
          可发布事迹
        </Text>
        <Text className={`publish__tab ${tab === 'jobs' ? 'publish__tab--on' : ''}`} onClick={() => show('jobs')} data-testid='publish-tab-jobs'>
          发布记录
        </Text>
      </View>
      <View className='publish__list'>
        {active.status === 'loading' ? <Text className='publish__muted'>加载中…</Text> : null}
        {active.status === 'error' ? <StateView kind='error' error={active.error} onRetry={() => void active.refresh()} /> : null}
        {active.status === 'ready' && active.items.length === 0 ? <StateView kind='empty' title={tab === 'stories' ? '暂无已发布的事迹' : '还没有发布记录'} /> : null}
        {active.status === 'ready' && tab === 'stories'
          ? candidates.items.map((s) => <CandidateRow key={s._id} story={s} busy={busy} onPreview={(story, intent) => setPreview({ story, intent })} />)
          : null}
        {active.status === 'ready' && tab === 'jobs' ? jobs.items.map((j) => <JobRow key={j._id} job={j} busy={busy} onRetry={(id) => void retry(id)} />) : null}
        {active.status === 'ready' ? <ListFooter loadingMore={active.loadingMore} done={active.done} moreError={active.moreError} onRetry={() => void active.loadMore()} /> : null}
      </View>
      {preview ? (
        <PublishPreviewSheet story={preview.story} intent={preview.intent} busy={busy} onClose={() => setPreview(null)} onConfirm={() => void publish(preview.story)} />
      ) : null}
    </View>
  );
}
