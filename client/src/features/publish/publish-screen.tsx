import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { PublishCandidate, PublishJobState, PublishJobView } from '@contract';
import { call, toFailure } from '../../lib/api';
import { copyLink } from '../../lib/clipboard';
import { usePagedList } from '../../lib/use-paged-list';
import { useListPageEvents } from '../../lib/use-list-page-events';
import { ListFooter } from '../../components/list-footer';
import { StateView } from '../../components/state-view';
import './publish-screen.scss';

export const JOB_STATE_TEXT: Record<PublishJobState, string> = {
  queued: '排队中',
  images_uploaded: '图片已上传',
  draft_created: '草稿已创建',
  submitted: '已提交，等待发布结果',
  published: '已发布',
  failed: '发布失败',
};

function time(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function openArticle(url: string): void {
  // h5 can open the article; a mini-program cannot open an external page, so it copies the link.
  if (process.env.TARO_ENV === 'h5') window.open(url, '_blank', 'noopener');
  else copyLink(url);
}

function JobCard({ job, onRetry, busy }: { job: PublishJobView; onRetry: (id: string) => void; busy: boolean }) {
  return (
    <View className='publish__job' data-testid='publish-job' data-state={job.state}>
      <View className='publish__row'>
        <Text className='publish__title'>{job.title}</Text>
        <Text className={`publish__state publish__state--${job.state}`} data-testid='publish-job-state'>
          {JOB_STATE_TEXT[job.state]}
        </Text>
      </View>
      <View className='publish__timeline' data-testid='publish-timeline'>
        {job.history.map((h, i) => (
          <Text key={`${h.state}-${h.at}-${i}`} className='publish__step'>
            {`${time(h.at)}  ${JOB_STATE_TEXT[h.state]}${h.note ? `（${h.note}）` : ''}`}
          </Text>
        ))}
      </View>
      {job.failure ? (
        <Text className='publish__failure' data-testid='publish-failure'>
          {`${job.failure.message}（代码 ${job.failure.code}）`}
        </Text>
      ) : null}
      {job.lastError && job.state !== 'failed' ? <Text className='publish__muted'>{`暂时受阻：${job.lastError.message}`}</Text> : null}
      <View className='publish__actions'>
        {job.articleUrl ? (
          <Text className='publish__link' data-testid='publish-article-link' onClick={() => openArticle(job.articleUrl!)}>
            查看公众号文章 ›
          </Text>
        ) : null}
        {job.canRetry ? (
          <Button className='publish__retry' size='mini' disabled={busy || undefined} onClick={() => onRetry(job._id)} data-testid='publish-retry'>
            重试
          </Button>
        ) : null}
      </View>
    </View>
  );
}

/** 公众号发布: published stories to send to 火焰蓝e党建, and every job with its timeline. */
export function PublishScreen() {
  const [tab, setTab] = useState<'stories' | 'jobs'>('stories');
  const [busy, setBusy] = useState(false);
  const candidates = usePagedList((cursor) => call('publish', 'candidates', { cursor }), []);
  const jobs = usePagedList((cursor) => call('publish', 'jobs', { cursor }), []);
  const active = tab === 'stories' ? candidates : jobs;
  useListPageEvents({ refresh: active.refresh, loadMore: active.loadMore });

  // A submitted job finishes when WeChat's event arrives: follow it on screen without a pull.
  const inFlight = tab === 'jobs' && jobs.items.some((j) => j.state !== 'published' && j.state !== 'failed' && !j.canRetry);
  const refreshJobs = jobs.refresh;
  useEffect(() => {
    if (!inFlight) return undefined;
    const timer = setInterval(() => void refreshJobs(), 2000);
    return () => clearInterval(timer);
  }, [inFlight, refreshJobs]);

  const publish = useCallback(
    async (story: PublishCandidate) => {
      const answer = await Taro.showModal({ title: '确认发布到公众号？', content: `《${story.title}》将发布到公众号“火焰蓝e党建”。发布后不会通知粉丝。`, confirmText: '发布' });
      if (!answer.confirm) return;
      setBusy(true);
      try {
        const job = await call('publish', 'start', { storyId: story._id });
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
        <Text className={`publish__tab ${tab === 'stories' ? 'publish__tab--on' : ''}`} onClick={() => setTab('stories')} data-testid='publish-tab-stories'>
          可发布事迹
        </Text>
        <Text className={`publish__tab ${tab === 'jobs' ? 'publish__tab--on' : ''}`} onClick={() => setTab('jobs')} data-testid='publish-tab-jobs'>
          发布记录
        </Text>
      </View>
      {active.status === 'loading' ? <Text className='publish__muted'>加载中…</Text> : null}
      {active.status === 'error' ? <StateView kind='error' error={active.error} onRetry={() => void active.refresh()} /> : null}
      {active.status === 'ready' && active.items.length === 0 ? <StateView kind='empty' title={tab === 'stories' ? '暂无已发布的事迹' : '还没有发布记录'} /> : null}
      {active.status === 'ready' && tab === 'stories'
        ? candidates.items.map((s) => (
            <View key={s._id} className='publish__job' data-testid='publish-candidate'>
              <Text className='publish__title'>{s.title}</Text>
              <View className='publish__row'>
                <Text className='publish__muted'>
                  {s.job ? `第 ${s.revision} 版 · ${JOB_STATE_TEXT[s.job.state]}` : s.article ? `第 ${s.revision} 版 · 曾发布到公众号` : `第 ${s.revision} 版 · 未发布`}
                </Text>
                {/* One job per revision: a failed one is retried from 发布记录, not started again. */}
                {s.job ? null : (
                  <Button className='publish__go' size='mini' disabled={busy || undefined} onClick={() => void publish(s)} data-testid='publish-button'>
                    发布到公众号
                  </Button>
                )}
              </View>
            </View>
          ))
        : null}
      {active.status === 'ready' && tab === 'jobs' ? jobs.items.map((j) => <JobCard key={j._id} job={j} busy={busy} onRetry={(id) => void retry(id)} />) : null}
      {active.status === 'ready' ? <ListFooter loadingMore={active.loadingMore} done={active.done} moreError={active.moreError} onRetry={() => void active.loadMore()} /> : null}
    </View>
  );
}
