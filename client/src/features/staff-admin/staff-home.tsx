import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { Me, TodoItem, TodoKind, TodoView } from '@contract';
import { call } from '../../lib/api';
import { ROLE_LABEL } from '../../lib/contract-values';
import { formatDate, formatDateTime } from '../../lib/dates';
import { routes } from '../../lib/routes';
import { useResource } from '../../lib/use-resource';
import { CardSkeleton } from '../../components/skeleton';
import { ListRow } from '../../components/list-row';
import { StateView } from '../../components/state-view';
import { tileCount, tilesFor } from './staff-tiles';
import './staff-admin.scss';

interface HomeData {
  me: Me;
  /** What waits for the caller; null when it could not be loaded (the tiles still show). */
  todo: TodoView | null;
}

async function loadHome(): Promise<HomeData> {
  // The counts are a hint on the tiles and a list under them: a failure to load them must not
  // hide the 工作台 itself.
  const [me, todo] = await Promise.all([call('identity', 'me', {}), call('identity', 'todo', {}).catch(() => null)]);
  return { me, todo };
}

/** What a 待办 item is, how its time reads, and the page it opens. */
const TODO_LABEL: Record<TodoKind, { badge: string; tone: 'neutral' | 'warn' | 'danger'; since: (at: number) => string; open: (item: TodoItem) => string }> = {
  story_review: { badge: '事迹待审核', tone: 'neutral', since: (at) => `提交于 ${formatDateTime(at)}`, open: (i) => routes.storyReview({ id: i.id }) },
  nomination_review: { badge: '推荐待审核', tone: 'neutral', since: (at) => `送达于 ${formatDateTime(at)}`, open: (i) => routes.nominationDetail({ id: i.id }) },
  objection: { badge: '公示异议', tone: 'warn', since: (at) => `异议提出于 ${formatDateTime(at)}`, open: () => routes.nominationReview({ tab: 'objections' }) },
  consent_check: { badge: '同意书待核对', tone: 'neutral', since: (at) => `上传于 ${formatDateTime(at)}`, open: () => routes.consentChecks() },
  comment_review: { badge: '留言待精选', tone: 'neutral', since: (at) => `留言于 ${formatDateTime(at)}`, open: () => routes.commentModeration() },
  returned_story: { badge: '事迹被退回', tone: 'warn', since: (at) => `退回于 ${formatDateTime(at)}`, open: (i) => routes.storyEditor({ id: i.id }) },
  returned_nomination: { badge: '推荐被退回', tone: 'warn', since: (at) => `退回于 ${formatDateTime(at)}`, open: (i) => routes.nominationDetail({ id: i.id }) },
  publish_failed: { badge: '发布失败', tone: 'danger', since: (at) => `失败于 ${formatDateTime(at)}`, open: () => routes.publish() },
  library_overdue: { badge: '待复核', tone: 'warn', since: (at) => `应于 ${formatDate(at)} 复核`, open: () => routes.libraryAdmin() },
  // `since` is the due day's start (Asia/Shanghai): past its end the task is overdue.
  plan_due: { badge: '任务到期', tone: 'danger', since: (at) => (at + 86_400_000 <= Date.now() ? `${formatDate(at)} 到期，已逾期` : `${formatDate(at)} 到期`), open: (i) => routes.planTask({ id: i.id }) },
  selection_score: { badge: '评选待评分', tone: 'warn', since: (at) => `发起于 ${formatDate(at)}`, open: (i) => routes.selectionRound({ id: i.id }) },
  pursuit_deadline: { badge: '争创节点', tone: 'warn', since: (at) => `${formatDate(at)} 到期`, open: (i) => routes.pursuit({ id: i.id }) },
};

function TodoList({ todo }: { todo: TodoView | null }) {
  if (!todo) {
    return (
      <View className='section staff__todo' data-testid='todo'>
        <Text className='section-title'>待办</Text>
        <Text className='staff__muted' data-testid='todo-unavailable'>
          待办事项暂时无法加载，下拉可刷新；各项工作仍可从上方进入
        </Text>
      </View>
    );
  }
  const total = Object.values(todo.counts).reduce((a, b) => a + (b ?? 0), 0);
  // An admin (no kind of work is theirs) has no 待办 section at all.
  if (Object.keys(todo.counts).length === 0) return null;
  return (
    <View className='section staff__todo' data-testid='todo'>
      <Text className='section-title'>{total > 0 ? `待办（${total}）` : '待办'}</Text>
      {todo.items.length === 0 ? <Text className='staff__muted'>眼下没有等你处理的事项</Text> : null}
      {todo.items.map((item) => {
        const label = TODO_LABEL[item.kind];
        return (
          <ListRow
            key={`${item.kind}-${item.id}`}
            testId='todo-item'
            title={item.title}
            badge={{ text: label.badge, tone: label.tone }}
            meta={[[item.unit?.shortName, label.since(item.since)].filter(Boolean).join(' · ')]}
            onTap={() => void Taro.navigateTo({ url: label.open(item) })}
          />
        );
      })}
      {todo.items.length < total ? <Text className='staff__muted staff__todo-more'>仅列出每类最早的几项，其余请从上方对应工作进入</Text> : null}
    </View>
  );
}

/** 工作台: one tile per job the caller's roles allow, each with what waits there, and one 待办 list of it all. */
export function StaffHome() {
  const { state, reload } = useResource(loadHome, []);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  // Coming back from a page that changed something (a review done) refreshes the counts.
  useDidShow(() => {
    if (state.status === 'ready') void reload();
  });

  if (state.status === 'loading') return <CardSkeleton count={3} variant='exemplar' />;
  if (state.status === 'error') return <StateView kind='error' error={state.error} onRetry={() => void reload()} />;
  const { me, todo } = state.data;
  const roles = me.roles.map((r) => r.role);
  const tiles = tilesFor(roles);
  if (tiles.length === 0) return <StateView kind='empty' title='你还没有工作人员身份' detail='请向管理员索取邀请码，在「我的」页输入' />;

  return (
    <View className='page staff staff--desk'>
      <View className='section'>
        <Text className='section-title'>我的身份</Text>
        {me.roles.map((r) => (
          <Text key={`${r.role}-${r.unit._id}`} className='staff__role' data-testid='staff-role'>
            {`${ROLE_LABEL[r.role]} · ${r.unit.shortName}`}
          </Text>
        ))}
      </View>
      <View className='staff__tiles'>
        {tiles.map((t) => {
          const count = tileCount(t, todo?.counts ?? null);
          return (
            <View
              key={t.key}
              className={`staff__tile${t.route ? '' : ' staff__tile--closed'}`}
              role='button'
              aria-disabled={t.route ? undefined : true}
              data-testid={`tile-${t.key}`}
              onClick={t.route ? () => void Taro.navigateTo({ url: t.route as string }) : undefined}
            >
              <Text className='staff__tile-title'>{t.title}</Text>
              <Text className='staff__tile-hint'>{t.route ? t.hint : '即将开放'}</Text>
              {count !== null && count > 0 && t.countText ? (
                <Text className='staff__badge' data-testid={`${t.key}-count`}>
                  {t.countText(count)}
                </Text>
              ) : null}
            </View>
          );
        })}
      </View>
      <TodoList todo={todo} />
    </View>
  );
}
