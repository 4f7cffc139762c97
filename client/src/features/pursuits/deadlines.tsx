/**
 * 争创节点: the honour pursuits' dates within the next 30 days (nomination deadlines, reports to
 * the awarding body, results) of the caller's subtrees, soonest first. Exported for the pages that
 * show it: the pursuits list and the plan board. Each row opens its pursuit.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { HONOR_LEVEL_LABEL, PURSUIT_LIMITS } from '../../lib/contract-values';
import { call } from '../../lib/api';
import { routes } from '../../lib/routes';
import { useResource } from '../../lib/use-resource';
import { ListRow } from '../../components/list-row';
import { StateView } from '../../components/state-view';
import { dateText, daysText } from './labels';
import './pursuits.scss';

/** `standalone`: shown above another screen (the plan board), it keeps that screen's desk-wide column. */
export function PursuitDeadlines({ title = '近期争创节点', standalone = false }: { title?: string; standalone?: boolean }) {
  const { state, reload } = useResource(() => call('workboard', 'pursuitDeadlines', {}), []);
  const section = (
    <View className='section pursuit-deadlines' data-testid='pursuit-deadlines'>
      <Text className='section-title'>{title}</Text>
      {state.status === 'loading' ? (
        <View className='pursuit-skeleton' aria-busy>
          <View className='pursuit-skeleton__line' />
          <View className='pursuit-skeleton__line pursuit-skeleton__line--short' />
        </View>
      ) : state.status === 'error' ? (
        <StateView kind='error' error={state.error} onRetry={() => void reload()} />
      ) : state.data.items.length === 0 ? (
        <Text className='pursuit-muted' data-testid='pursuit-deadlines-empty'>{`未来 ${PURSUIT_LIMITS.deadlineDays} 天内没有争创节点`}</Text>
      ) : (
        state.data.items.map((d) => (
          <ListRow
            key={`${d.pursuitId}-${d.kind}-${d.label}-${d.date}`}
            testId='pursuit-deadline'
            title={`${d.pursuitName} · ${d.label}`}
            badge={{ text: daysText(d.daysLeft), tone: d.daysLeft <= 3 ? 'danger' : 'warn' }}
            meta={[[dateText(d.date), HONOR_LEVEL_LABEL[d.level], d.unit?.shortName].filter(Boolean).join(' · ')]}
            onTap={() => void Taro.navigateTo({ url: routes.pursuit({ id: d.pursuitId }) })}
          />
        ))
      )}
    </View>
  );
  // Above another screen, it brings the page's own background with it (h5's page container is white).
  return standalone ? <View className='pursuit-deadlines-band'>{section}</View> : section;
}
