/**
 * 评分: a committee member's sheet for one candidate — a whole-number score per criterion, from
 * 0 to its maximum, saved together (a second save replaces the first). The member sees only
 * their own scores; after saving, the sheet moves on to the next candidate they have not scored.
 */
import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { SelectionRoundView } from '@contract';
import { call } from '../../lib/api';
import { routes } from '../../lib/routes';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { CardSkeleton } from '../../components/skeleton';
import { StateView } from '../../components/state-view';
import './selections.scss';

export function ScoreScreen() {
  const params = useRouter().params;
  const roundId = params.roundId ?? '';
  const candidateId = params.candidateId ?? '';
  const { state, reload } = useResource(() => call('workboard', 'selectionRound', { id: roundId }), [roundId]);
  const [scores, setScores] = useState<(number | null)[]>([]);
  const save = useAction();
  const round: SelectionRoundView | null = state.status === 'ready' ? state.data : null;
  const candidate = round?.candidates.find((c) => c._id === candidateId) ?? null;

  useEffect(() => {
    if (round && candidate) setScores(round.criteria.map((_, i) => candidate.myScores?.[i] ?? null));
  }, [round, candidate]);

  if (state.status === 'loading') return <View className='page sel'><CardSkeleton variant='detail' /></View>;
  if (state.status === 'error') return <View className='page sel'><StateView kind='error' error={state.error} onRetry={() => void reload()} /></View>;
  if (!round || !candidate) return <View className='page sel'><StateView kind='empty' title='该候选人不在本次评选中' /></View>;
  if (!candidate.mayScore) {
    const why = !round.member ? '只有评审委员会成员才能评分' : round.state !== 'open' ? '该评选已结束评分' : '由你推荐的候选人，按规定回避评分';
    return <View className='page sel'><StateView kind='empty' title={why} /></View>;
  }
  const complete = scores.length === round.criteria.length && scores.every((s) => s !== null);
  const set = (i: number, v: number) => setScores(scores.map((s, j) => (j === i ? v : s)));

  async function submit() {
    if (!round || !complete) return;
    const next = await save.run(() => call('workboard', 'scoreCandidate', { roundId, candidateId, scores: scores as number[] }), '评分已保存');
    if (!next) return;
    // On to the next candidate the member has not scored, or to the round when none is left. Not
    // "back": a member who opened a sheet from the 待办 list or a link has the earlier sheets
    // behind them in h5's history, and back would land on one already scored.
    const after = next.candidates.find((c) => c.mayScore && !c.myScores);
    void Taro.redirectTo({ url: after ? routes.selectionScore({ roundId, candidateId: after._id }) : routes.selectionRound({ id: roundId }) });
  }

  return (
    <View className='page sel' data-testid='score-sheet'>
      <View className='sel__card'>
        <Text className='sel__muted'>{round.title}</Text>
        <Text className='sel__title'>{candidate.name}</Text>
        <Text className='sel__fact'>{[candidate.unit?.name, `${candidate.putForwardBy.name} 推荐`].filter(Boolean).join(' · ')}</Text>
        <Text className='sel__muted'>请独立评分：评分结束前，其他评委看不到你的评分，你也看不到他们的。</Text>
      </View>
      <View className='sel__card'>
        {round.criteria.map((k, i) => {
          const value = scores[i] ?? null;
          return (
            <View key={k.name} className='sel__criterion' data-testid='score-criterion'>
              <Text className='sel__label'>{`${k.name}（满分 ${k.maxScore}）`}</Text>
              <View className='sel__stepper'>
                <View className='sel__step' role='button' aria-label={`${k.name}减一分`} onClick={() => set(i, Math.max(0, (value ?? 1) - 1))}>−</View>
                <Text className='sel__score' data-testid='score-value'>{value === null ? '—' : String(value)}</Text>
                <View className='sel__step' role='button' aria-label={`${k.name}加一分`} onClick={() => set(i, Math.min(k.maxScore, (value ?? -1) + 1))}>＋</View>
                <View className='sel__step' role='button' aria-label={`${k.name}满分`} onClick={() => set(i, k.maxScore)}>满</View>
              </View>
            </View>
          );
        })}
        {save.error ? <View className='sel__error' role='alert'>{save.error.message}</View> : null}
        {!complete ? <Text className='sel__muted'>每项标准都打分后才能保存</Text> : null}
        <Button className='sel__primary' data-testid='save-score' disabled={save.busy || !complete || undefined} onClick={() => void submit()}>保存评分</Button>
      </View>
    </View>
  );
}
