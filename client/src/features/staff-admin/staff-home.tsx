import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { Me } from '@contract';
import { call } from '../../lib/api';
import { ROLE_LABEL } from '../../lib/contract-values';
import { hasRole, resolvesObjections } from '../../lib/roles';
import { useResource } from '../../lib/use-resource';
import { CardSkeleton } from '../../components/skeleton';
import { StateView } from '../../components/state-view';
import { tilesFor } from './staff-tiles';
import './staff-admin.scss';

interface HomeData {
  me: Me;
  /** Overdue library reviews, for publishers only. */
  overdue: number | null;
  /** Nominations waiting at the reviewer's level(s) plus open objections, for reviewers only. */
  toReview: number | null;
  /** Signed consent forms waiting for the reviewer's check, for reviewers only. */
  toCheck: number | null;
}

async function loadHome(): Promise<HomeData> {
  const me = await call('identity', 'me', {});
  const publisher = hasRole(me, 'publisher');
  const reviewer = hasRole(me, 'reviewer');
  const [overdue, toReview, toCheck] = await Promise.all([
    publisher ? call('library', 'overdue', {}).then((r) => r.total) : null,
    // The count is a hint on the tile: a failed count must not hide the 工作台 itself.
    // Objections wait only for the corps reviewer, who alone may resolve them.
    reviewer
      ? call('nominations', 'queue', { tab: 'review' }).then((r) => r.counts.review + (resolvesObjections(me) ? r.counts.objections : 0), () => null)
      : null,
    reviewer ? call('authoring', 'consentQueue', {}).then((r) => r.items.length, () => null) : null,
  ]);
  return { me, overdue, toReview, toCheck };
}

/** 工作台: one tile per job the caller's roles allow, with what needs attention. */
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
  const { me, overdue, toReview, toCheck } = state.data;
  const roles = me.roles.map((r) => r.role);
  const tiles = tilesFor(roles);
  if (tiles.length === 0) return <StateView kind='empty' title='你还没有工作人员身份' detail='请向管理员索取邀请码，在「我的」页输入' />;

  return (
    <View className='page staff'>
      <View className='section'>
        <Text className='section-title'>我的身份</Text>
        {me.roles.map((r) => (
          <Text key={`${r.role}-${r.unit._id}`} className='staff__role' data-testid='staff-role'>
            {`${ROLE_LABEL[r.role]} · ${r.unit.shortName}`}
          </Text>
        ))}
      </View>
      <View className='staff__tiles'>
        {tiles.map((t) => (
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
            {t.key === 'library' && overdue !== null && overdue > 0 ? (
              <Text className='staff__badge' data-testid='overdue-count'>{`${overdue} 项待复核`}</Text>
            ) : null}
            {t.key === 'review' && toReview !== null && toReview > 0 ? (
              <Text className='staff__badge' data-testid='review-count'>{`${toReview} 项待处理`}</Text>
            ) : null}
            {t.key === 'consent-check' && toCheck !== null && toCheck > 0 ? (
              <Text className='staff__badge' data-testid='consent-check-count'>{`${toCheck} 份待核对`}</Text>
            ) : null}
          </View>
        ))}
      </View>
    </View>
  );
}
