/**
 * One 岗位标兵 round. Everyone who sees it reads its criteria, quota, committee (by name, with how
 * many candidates each has scored — never what they gave) and the tie rule. Units put
 * candidates forward here within their quota; a committee member opens each candidate's score
 * sheet and sees only their own scores; the round's admin closes scoring (the ranking is then
 * shown to all) and publishes the results as a campaign. A winner not yet in the major library
 * can be proposed for a library in one step: the page composes that with the nomination form.
 */
import { useMemo, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { PERSON_NAME_LIMITS, type SelectionCandidateView, type SelectionRoundView } from '@contract';
import { call } from '../../lib/api';
import { confirmAction } from '../../lib/confirm';
import { formatDateTime } from '../../lib/dates';
import { routes } from '../../lib/routes';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { CardSkeleton } from '../../components/skeleton';
import { ListRow } from '../../components/list-row';
import { StateView } from '../../components/state-view';
import { Choices, STATE_LABEL } from './choices';
import './selections.scss';

/** What a winner may be proposed for: the reserve library, or from it to the major one. */
export type ProposeTarget = 'reserve' | 'major';

export function proposeTargetOf(c: SelectionCandidateView): ProposeTarget | null {
  if (!c.result?.winner) return null;
  if (c.tier === 'reserve') return 'major';
  if (c.tier === 'major') return null;
  return 'reserve';
}

function PutForward({ round, onDone }: { round: SelectionRoundView; onDone: (next: SelectionRoundView) => void }) {
  const [mode, setMode] = useState<'exemplar' | 'person'>(round.nomineeOptions.exemplars.length > 0 ? 'exemplar' : 'person');
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [unitId, setUnitId] = useState<string | null>(round.nomineeOptions.units[0]?._id ?? null);
  const act = useAction();
  const found = useMemo(() => round.nomineeOptions.exemplars.filter((e) => !query.trim() || e.name.includes(query.trim()) || (e.unit?.name ?? '').includes(query.trim())).slice(0, 30), [round, query]);

  async function submit() {
    const nominee = mode === 'exemplar' ? (picked ? { exemplarId: picked } : null) : name.trim() && unitId ? { name: name.trim(), unitId } : null;
    if (!nominee) return;
    const next = await act.run(() => call('workboard', 'putForward', { roundId: round._id, nominee }), '已推荐');
    if (next) {
      setPicked(null);
      setName('');
      onDone(next);
    }
  }

  return (
    <View className='sel__card' data-testid='put-forward'>
      <Text className='sel__section'>推荐候选人</Text>
      <Text className='sel__muted'>{`每个下级单位限推荐 ${round.quota} 名`}</Text>
      {round.quotaUse.map((q) => (
        <Text key={q.unit?._id ?? 'unit'} className='sel__fact'>{`${q.unit?.shortName ?? '本单位'}：已推荐 ${q.used} / ${q.quota} 名`}</Text>
      ))}
      <Choices label='推荐对象' value={mode} options={[['exemplar', '典型库中的人员'], ['person', '其他人员']] as const} onChange={setMode} />
      {mode === 'exemplar' ? (
        <>
          <Input className='sel__input' value={query} placeholder='搜索姓名或单位' aria-label='搜索候选人' onInput={(e) => setQuery(e.detail.value)} />
          <View className='sel__picker' role='radiogroup' aria-label='候选人'>
            {found.length === 0 ? <Text className='sel__muted'>没有可推荐的典型</Text> : null}
            {found.map((e) => (
              <View key={e._id} className={`sel__pick${picked === e._id ? ' sel__pick--on' : ''}`} role='radio' aria-checked={picked === e._id} data-testid='nominee-option' onClick={() => setPicked(e._id)}>
                <Text>{e.name}</Text>
                <Text className='sel__unit'>{e.unit?.shortName ?? ''}</Text>
              </View>
            ))}
          </View>
        </>
      ) : (
        <>
          <Input className='sel__input' value={name} maxlength={PERSON_NAME_LIMITS.max} placeholder='姓名' aria-label='候选人姓名' onInput={(e) => setName(e.detail.value)} />
          <Choices label='所在单位' value={unitId} options={round.nomineeOptions.units.map((u) => [u._id, u.shortName] as const)} onChange={setUnitId} />
        </>
      )}
      {act.error ? <View className='sel__error' role='alert'>{act.error.message}</View> : null}
      <Button className='sel__primary' disabled={act.busy || (mode === 'exemplar' ? !picked : !name.trim() || !unitId) || undefined} onClick={() => void submit()}>推荐</Button>
    </View>
  );
}

function candidateMeta(round: SelectionRoundView, c: SelectionCandidateView): string[] {
  const lines = [[c.unit?.shortName, `${c.putForwardBy.name} 推荐`, formatDateTime(c.putForwardAt)].filter(Boolean).join(' · ')];
  if (c.result) lines.push(`总分 ${c.result.total.toFixed(2)} · ${round.criteria.map((k, i) => `${k.name} ${(c.result?.means[i] ?? 0).toFixed(2)}`).join(' · ')}`);
  else if (c.myScores) lines.push(`我的评分：${round.criteria.map((k, i) => `${k.name} ${c.myScores?.[i] ?? '-'}`).join(' · ')}`);
  else if (round.member && round.state === 'open' && !c.mayScore) lines.push('由你推荐，按规定回避评分');
  return lines;
}

function candidateBadge(c: SelectionCandidateView): { text: string; tone: 'neutral' | 'warn' | 'ok' | 'danger' } | undefined {
  if (c.result) return c.result.winner ? { text: `第 ${c.result.rank} 名 · 评出`, tone: 'ok' } : { text: `第 ${c.result.rank} 名`, tone: 'neutral' };
  if (c.mayScore) return c.myScores ? { text: '已评分', tone: 'ok' } : { text: '待评分', tone: 'danger' };
  return undefined;
}

export function RoundScreen({ onPropose }: { onPropose: (round: SelectionRoundView, candidate: SelectionCandidateView, target: ProposeTarget) => void }) {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useResource(() => call('workboard', 'selectionRound', { id }), [id]);
  const [fresh, setFresh] = useState<SelectionRoundView | null>(null);
  const act = useAction();
  usePullDownRefresh(() => {
    setFresh(null);
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
  // Back from a score sheet: the round shows the scores just given.
  useDidShow(() => {
    if (state.status === 'ready') {
      setFresh(null);
      void reload();
    }
  });

  if (state.status === 'loading') return <View className='page sel'><CardSkeleton variant='detail' /></View>;
  if (state.status === 'error') return <View className='page sel'><StateView kind='error' error={state.error} onRetry={() => void reload()} /></View>;
  const round = fresh ?? state.data;
  const scoredByMe = round.candidates.filter((c) => c.mayScore && c.myScores).length;
  const toScore = round.candidates.filter((c) => c.mayScore).length;

  async function close() {
    const unscored = round.committee.filter((m) => m.scored < round.candidates.length).map((m) => m.person.name);
    const sure = await confirmAction({
      title: '结束评分',
      content: `结束后不能再推荐或评分，将按评分标准计算名次。${unscored.length ? `尚有评委未评完：${unscored.join('、')}。` : '评委均已评完。'}`,
      confirmText: '结束',
    });
    if (!sure) return;
    const next = await act.run(() => call('workboard', 'closeSelectionRound', { id: round._id }), '已结束评分');
    if (next) setFresh(next);
  }

  async function publish() {
    const sure = await confirmAction({ title: '公布结果', content: '将以专题形式公布评出人员名单，读者可从专题页查看，公布后不能撤回。', confirmText: '公布' });
    if (!sure) return;
    const next = await act.run(() => call('workboard', 'publishSelectionRound', { id: round._id }), '结果已公布');
    if (next) setFresh(next);
  }

  return (
    <View className='page sel' data-testid='selection-round'>
      <View className='sel__card'>
        <View className='sel__head'>
          <Text className='sel__title'>{round.title}</Text>
          <Text className={`sel__state sel__state--${STATE_LABEL[round.state].tone}`}>{STATE_LABEL[round.state].text}</Text>
        </View>
        <Text className='sel__fact'>{`组织单位：${round.unit?.name ?? ''}`}</Text>
        <Text className='sel__fact'>{`评分标准：${round.criteria.map((k) => `${k.name}（权重 ${k.weight}，满分 ${k.maxScore}）`).join('；')}`}</Text>
        <Text className='sel__fact'>{`每个下级单位推荐 ${round.quota} 名，评出 ${round.places} 名`}</Text>
        <Text className='sel__rule' data-testid='tie-rule'>{`并列规则：${round.tieRuleText}`}</Text>
      </View>

      <View className='sel__card' data-testid='committee'>
        <Text className='sel__section'>评审委员会</Text>
        <Text className='sel__muted'>评委独立评分，评分结束前每位评委只能看到自己的评分。</Text>
        <View className='sel__progress'>
          {round.committee.map((m, i) => (
            <Text key={i} className='sel__fact'>{`${m.person.name}${m.self ? '（我）' : ''}${m.person.unit ? ` · ${m.person.unit.shortName}` : ''} · 已评 ${m.scored}`}</Text>
          ))}
        </View>
        {round.member && round.state === 'open' ? <Text className='sel__fact' data-testid='my-progress'>{`我已评 ${scoredByMe} / ${toScore} 名`}</Text> : null}
      </View>

      {round.may.putForward ? <PutForward round={round} onDone={setFresh} /> : null}

      <View className='sel__head' style={{ margin: '0 0 12px' }}>
        <Text className='sel__section'>{round.state === 'open' ? `候选人（${round.candidates.length}）` : '评选结果'}</Text>
      </View>
      {round.candidates.length === 0 ? (
        <StateView kind='empty' title='尚无候选人' detail='各单位在名额内推荐后，候选人显示在这里' />
      ) : (
        <View className='sel__list'>
          {round.candidates.map((c) => {
            const target = round.state === 'published' ? proposeTargetOf(c) : null;
            return (
              <ListRow
                key={c._id}
                testId='candidate-row'
                title={c.name}
                badge={candidateBadge(c)}
                meta={candidateMeta(round, c)}
                onTap={c.mayScore ? () => void Taro.navigateTo({ url: routes.selectionScore({ roundId: round._id, candidateId: c._id }) }) : undefined}
                actions={
                  target ? (
                    <Button className='sel__small' data-testid='propose' onClick={() => onPropose(round, c, target)}>
                      {target === 'major' ? '推荐升入重大库' : '推荐入后备库'}
                    </Button>
                  ) : c.result?.winner && c.exemplarId ? (
                    <Button className='sel__small' onClick={() => void Taro.navigateTo({ url: routes.profile({ id: c.exemplarId as string }) })}>查看</Button>
                  ) : undefined
                }
              />
            );
          })}
        </View>
      )}

      {act.error ? <View className='sel__error' role='alert'>{act.error.message}</View> : null}
      {round.may.close || round.may.publish || round.campaignId ? (
        <View className='sel__buttons' style={{ marginTop: '24px' }}>
          {round.may.close ? <Button className='sel__primary' data-testid='close-round' disabled={act.busy || undefined} onClick={() => void close()}>结束评分并排名</Button> : null}
          {round.may.publish ? <Button className='sel__primary' data-testid='publish-round' disabled={act.busy || undefined} onClick={() => void publish()}>以专题公布结果</Button> : null}
          {round.campaignId ? (
            <Button className='sel__secondary' data-testid='results-campaign' onClick={() => void Taro.navigateTo({ url: routes.campaign({ id: round.campaignId as string }) })}>查看结果专题</Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
