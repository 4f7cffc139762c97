import { useMemo, useState, type ReactNode } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { figuresSentence, HONOR_LEVEL_LABEL, PLACEMENT_LEVEL_LABEL } from '@contract';
import type { FiguresView, Id, KindPair, Me, PlacementLevel, UnitFigures, UnitLevel, UnitNode } from '@contract';
import { ApiFailure, call, toFailure } from '../../lib/api';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import { customPeriod, periodChoices, type PeriodChoice } from './period';
import { openWorkbook } from './open-workbook';
import './figures.scss';

const LEVEL_RANK: Record<UnitLevel, number> = { corps: 0, detachment: 1, battalion: 2, station: 3 };
const PLACEMENT_LEVELS: readonly PlacementLevel[] = ['central', 'regional', 'prefecture', 'county', 'unrated'];

/** The unit the dashboard opens on: the route's, else the highest unit the caller holds a role over. */
export function defaultUnit(me: Me): Id | null {
  const units = [...me.roles.map((r) => r.unit)].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);
  return units[0]?._id ?? null;
}

const pairText = (p: KindPair) => `${p.collectives} 个集体 · ${p.individuals} 名个人`;
const percent = (done: number, total: number) => (total === 0 ? '—' : `${Math.round((done / total) * 100)}%`);

export interface UnitPickerProps {
  units: readonly UnitNode[];
  value: Id;
  onChange: (id: Id) => void;
}

export interface FiguresScreenProps {
  /** The unit tree to pick from (composed by the page: features do not import each other). */
  unitPicker: (p: UnitPickerProps) => ReactNode;
}

interface Column {
  head: string;
  /** Under a group header (two header rows, as the department's tables have). */
  group?: string;
  cell: (r: UnitFigures) => string | number;
}

/** One table: the unit's children as rows (a row opens that unit), the unit's total last. */
function UnitTable({ title, testId, columns, view, onOpen, note }: { title: string; testId: string; columns: readonly Column[]; view: FiguresView; onOpen: (id: Id) => void; note?: string }) {
  const groups: { label: string; span: number }[] = [];
  for (const c of columns) {
    const last = groups[groups.length - 1];
    if (last && c.group && last.label === c.group) last.span += 1;
    else groups.push({ label: c.group ?? '', span: 1 });
  }
  const twoRows = columns.some((c) => c.group);
  return (
    <View className='figures__card' data-testid={testId}>
      <Text className='figures__card-title'>{title}</Text>
      <View className='figures__scroll'>
        <View className='figures__table' role='table' aria-label={title}>
          {twoRows ? (
            <View className='figures__tr figures__tr--head' role='row'>
              <View className='figures__th figures__th--unit' role='columnheader'> </View>
              {groups.map((g, i) => (
                <View key={`${g.label}-${i}`} className={`figures__th figures__th--group figures__th--span${Math.min(g.span, 5)}`} role='columnheader'>
                  {g.label}
                </View>
              ))}
            </View>
          ) : null}
          <View className='figures__tr figures__tr--head' role='row'>
            <View className='figures__th figures__th--unit' role='columnheader'>单位</View>
            {columns.map((c) => (
              <View key={`${c.group ?? ''}${c.head}`} className='figures__th' role='columnheader'>{c.head}</View>
            ))}
          </View>
          {view.children.map((r) => (
            <View key={r.unit._id} className='figures__tr figures__tr--open' role='row' data-testid='figures-row' onClick={() => onOpen(r.unit._id)}>
              <View className='figures__td figures__td--unit' role='rowheader'>{r.unit.shortName} ›</View>
              {columns.map((c) => (
                <View key={`${c.group ?? ''}${c.head}`} className='figures__td' role='cell'>{String(c.cell(r))}</View>
              ))}
            </View>
          ))}
          <View className='figures__tr figures__tr--total' role='row' data-testid='figures-total'>
            <View className='figures__td figures__td--unit' role='rowheader'>合计</View>
            {columns.map((c) => (
              <View key={`${c.group ?? ''}${c.head}`} className='figures__td' role='cell'>{String(c.cell(view.total))}</View>
            ))}
          </View>
        </View>
      </View>
      {note ? <Text className='figures__period'>{note}</Text> : null}
    </View>
  );
}

/** Horizontal CSS bars: one per row, its length the share of the largest. */
function Bars({ title, testId, rows, max: fixedMax }: { title: string; testId: string; rows: { label: string; n: number; note?: string }[]; max?: number }) {
  const max = fixedMax ?? Math.max(1, ...rows.map((r) => r.n));
  return (
    <View className='figures__card' data-testid={testId}>
      <Text className='figures__card-title'>{title}</Text>
      {rows.map((r) => (
        <View key={r.label} className='figures__bar-row' aria-label={`${r.label} ${r.n}${r.note ?? ''}`}>
          <Text className='figures__bar-label'>{r.label}</Text>
          <View className='figures__bar-track'>
            <View className='figures__bar' style={{ width: `${(r.n / max) * 100}%` }} />
          </View>
          <Text className='figures__bar-n'>{`${r.n}${r.note ?? ''}`}</Text>
        </View>
      ))}
    </View>
  );
}

const HONOUR_COLUMNS: Column[] = [
  { group: '国家级或自治区级', head: '集体', cell: (r) => r.honours.nationalRegional.collectives },
  { group: '国家级或自治区级', head: '个人', cell: (r) => r.honours.nationalRegional.individuals },
  { group: '地州市级', head: '集体', cell: (r) => r.honours.prefecture.collectives },
  { group: '地州市级', head: '个人', cell: (r) => r.honours.prefecture.individuals },
  { group: '县市级', head: '集体', cell: (r) => r.honours.county.collectives },
  { group: '县市级', head: '个人', cell: (r) => r.honours.county.individuals },
  { group: '合计', head: '荣誉(项)', cell: (r) => r.honours.awards },
];
const PLACEMENT_COLUMNS: Column[] = [
  ...PLACEMENT_LEVELS.map((l) => ({ head: PLACEMENT_LEVEL_LABEL[l].replace('媒体', ''), cell: (r: UnitFigures) => r.placements[l] })),
  { head: '合计', cell: (r) => r.placements.total },
];
const LIBRARY_COLUMNS: Column[] = [
  { group: '重大典型库', head: '集体', cell: (r) => r.library.major.collectives },
  { group: '重大典型库', head: '个人', cell: (r) => r.library.major.individuals },
  { group: '后备典型库', head: '集体', cell: (r) => r.library.reserve.collectives },
  { group: '后备典型库', head: '个人', cell: (r) => r.library.reserve.individuals },
  { group: '期内变动', head: '升级', cell: (r) => r.library.promoted },
  { group: '期内变动', head: '降级', cell: (r) => r.library.demoted },
  { group: '期内变动', head: '退出', cell: (r) => r.library.retired },
  { group: '期内变动', head: '恢复', cell: (r) => r.library.reinstated },
  { group: '期内变动', head: '入库', cell: (r) => r.library.enrolled },
];
const PLAN_COLUMNS: Column[] = [
  { head: '任务', cell: (r) => r.plans.total },
  { head: '已完成', cell: (r) => r.plans.done },
  { head: '完成率', cell: (r) => percent(r.plans.done, r.plans.total) },
  { head: '逾期', cell: (r) => r.plans.overdue },
];

/**
 * 数据统计 (the leaders' dashboard): the figures the corps reports upward for a period and a unit
 * subtree — the figure sentence, honours by level (per collective and per person), commended
 * units, media placements by outlet level, the libraries and their movements, plan completion —
 * as tables (a row opens that unit) and CSS bars; 导出 Excel makes the department's workbook.
 */
export function FiguresScreen({ unitPicker }: FiguresScreenProps) {
  const routeUnit = useRouter().params.unitId;
  const thisYear = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
  const choices = useMemo(() => periodChoices(thisYear), [thisYear]);
  const [period, setPeriod] = useState<PeriodChoice>(choices[0] as PeriodChoice);
  const [custom, setCustom] = useState<{ open: boolean; from: string; to: string; problem: string | null }>({ open: false, from: '', to: '', problem: null });
  const [unitId, setUnitId] = useState<Id | null>(routeUnit || null);
  const [picking, setPicking] = useState(false);
  const [exporting, setExporting] = useState(false);

  const { state, reload } = useResource(async () => {
    let unit = unitId;
    if (!unit) {
      unit = defaultUnit(await call('identity', 'me', {}));
      // A reader holds no role: the same refusal the server would give.
      if (!unit) throw new ApiFailure('PERMISSION_DENIED', 'no staff role', undefined, [], 'role_required');
      setUnitId(unit);
    }
    return call('workboard', 'figures', { unitId: unit, from: period.from, ...(period.to === undefined ? {} : { to: period.to }) });
  }, [unitId, period.key, period.from, period.to]);

  usePullDownRefresh(() => {
    void reload().finally(() => void Taro.stopPullDownRefresh());
  });

  const exportExcel = async (v: FiguresView) => {
    setExporting(true);
    try {
      const file = await call('workboard', 'exportFigures', { unitId: v.unit._id, from: v.from, to: v.to });
      await openWorkbook(file);
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message || '导出失败', icon: 'none' });
    } finally {
      setExporting(false);
    }
  };

  const applyCustom = () => {
    const p = customPeriod(custom.from, custom.to);
    if (typeof p === 'string') setCustom({ ...custom, problem: p });
    else {
      setCustom({ ...custom, open: false, problem: null });
      setPeriod(p);
    }
  };

  const header = (
    <View className='figures__controls'>
      <View className='figures__chips' role='radiogroup' aria-label='统计时段'>
        {choices.map((c) => (
          <View key={c.key} role='radio' aria-checked={period.key === c.key} className={`figures__chip${period.key === c.key ? ' figures__chip--on' : ''}`} onClick={() => setPeriod(c)}>
            {c.label}
          </View>
        ))}
        <View role='radio' aria-checked={period.key === 'custom'} className={`figures__chip${period.key === 'custom' ? ' figures__chip--on' : ''}`} onClick={() => setCustom({ ...custom, open: !custom.open })}>
          {period.key === 'custom' ? period.label : '自定义日期'}
        </View>
      </View>
      {custom.open ? (
        <View className='figures__custom' data-testid='figures-custom'>
          <Input className='figures__input' aria-label='开始日期' placeholder='开始 2024-01-01' value={custom.from} onInput={(e) => setCustom({ ...custom, from: e.detail.value })} />
          <Input className='figures__input' aria-label='结束日期' placeholder='结束（空为今天）' value={custom.to} onInput={(e) => setCustom({ ...custom, to: e.detail.value })} />
          <Button className='figures__button' onClick={applyCustom}>确定</Button>
          {custom.problem ? <Text className='figures__problem'>{custom.problem}</Text> : null}
        </View>
      ) : null}
    </View>
  );

  if (state.status === 'loading') {
    return (
      <View className='page figures'>
        {header}
        <View className='figures__skeleton' data-testid='figures-loading' aria-busy='true'>
          <View className='figures__skeleton-line' />
          <View className='figures__skeleton-line figures__skeleton-line--short' />
          <View className='figures__skeleton-block' />
        </View>
      </View>
    );
  }
  if (state.status === 'error') {
    return (
      <View className='page figures'>
        {header}
        <StateView kind='error' error={state.error} deniedTitle='无权查看该单位的数据' onRetry={() => void reload()} />
      </View>
    );
  }

  const v = state.data;
  const t = v.total;
  const parentInScope = v.scope.find((u) => u._id === (v.scope.find((x) => x._id === v.unit._id)?.parentId ?? ''));
  const empty = t.honours.awards === 0 && t.placements.total === 0 && t.library.major.collectives + t.library.major.individuals + t.library.reserve.collectives + t.library.reserve.individuals === 0 && t.plans.total === 0;

  return (
    <View className='page figures'>
      {header}
      <View className='figures__unit'>
        <Text className='figures__unit-name' data-testid='figures-unit'>{v.unit.name}</Text>
        <View className='figures__unit-actions'>
          {parentInScope ? (
            <View className='figures__link' role='button' onClick={() => setUnitId(parentInScope._id)}>{`返回${parentInScope.shortName}`}</View>
          ) : null}
          <View className='figures__link' role='button' aria-expanded={picking} onClick={() => setPicking(!picking)}>{picking ? '收起' : '选择单位'}</View>
        </View>
      </View>
      {picking ? (
        <View className='figures__picker'>
          {unitPicker({
            units: v.scope,
            value: v.unit._id,
            onChange: (id) => {
              setPicking(false);
              setUnitId(id);
            },
          })}
        </View>
      ) : null}

      <Text className='figures__note' data-testid='figures-note'>
        内部统计：含本单位及下级单位全部典型（含未公开发布、未取得本人公开同意的个人），仅供工作使用，不得对外公开个人信息。
      </Text>

      <View className='figures__card figures__card--sentence'>
        <Text className='figures__sentence' data-testid='figures-sentence'>{figuresSentence(v)}</Text>
        <Text className='figures__period'>{`统计时段：${v.from} 至 ${v.to}`}</Text>
        <Button className='figures__button figures__button--primary' data-testid='figures-export' disabled={exporting || undefined} onClick={() => void exportExcel(v)}>
          {exporting ? '正在生成…' : '导出 Excel'}
        </Button>
      </View>

      {empty ? <StateView kind='empty' title='该时段暂无数据' detail='换一个时段或单位看看' /> : null}

      <View className='figures__tiles'>
        <View className='figures__tile'>
          <Text className='figures__tile-label'>国家级或自治区级表彰</Text>
          <Text className='figures__tile-value'>{pairText(t.honours.nationalRegional)}</Text>
        </View>
        <View className='figures__tile'>
          <Text className='figures__tile-label'>地州市级表彰</Text>
          <Text className='figures__tile-value'>{pairText(t.honours.prefecture)}</Text>
        </View>
        <View className='figures__tile'>
          <Text className='figures__tile-label'>县级以上记功单位</Text>
          <Text className='figures__tile-value'>{`${t.commendedUnits} 个`}</Text>
        </View>
        <View className='figures__tile'>
          <Text className='figures__tile-label'>媒体刊发</Text>
          <Text className='figures__tile-value'>{`${t.placements.total} 篇次`}</Text>
        </View>
        <View className='figures__tile'>
          <Text className='figures__tile-label'>重大 / 后备典型库（现有）</Text>
          <Text className='figures__tile-value'>{`${t.library.major.collectives + t.library.major.individuals} / ${t.library.reserve.collectives + t.library.reserve.individuals}`}</Text>
        </View>
        <View className='figures__tile'>
          <Text className='figures__tile-label'>工作任务完成</Text>
          <Text className='figures__tile-value'>{`${t.plans.done}/${t.plans.total}，逾期 ${t.plans.overdue}`}</Text>
        </View>
      </View>

      <UnitTable title='获表彰情况（按单位，集体/个人各计一次）' testId='table-honours' columns={HONOUR_COLUMNS} view={v} onOpen={setUnitId} />

      <View className='figures__card' data-testid='table-years'>
        <Text className='figures__card-title'>获表彰情况（按年度）</Text>
        <View className='figures__scroll'>
          <View className='figures__table' role='table' aria-label='获表彰情况（按年度）'>
            <View className='figures__tr figures__tr--head' role='row'>
              <View className='figures__th figures__th--unit' role='columnheader'>年度</View>
              {(['national', 'regional', 'prefecture', 'county'] as const).map((l) => (
                <View key={l} className='figures__th figures__th--wide' role='columnheader'>{`${HONOR_LEVEL_LABEL[l]}（集体/个人）`}</View>
              ))}
            </View>
            {v.byYear.map((y) => (
              <View key={y.year} className='figures__tr' role='row'>
                <View className='figures__td figures__td--unit' role='rowheader'>{`${y.year}年`}</View>
                {y.levels.map((l) => (
                  <View key={l.level} className='figures__td figures__th--wide' role='cell'>{`${l.collectives} / ${l.individuals}`}</View>
                ))}
              </View>
            ))}
          </View>
        </View>
      </View>

      <UnitTable title='县级以上记功单位' testId='table-commended' columns={[{ head: '记功单位(个)', cell: (r) => r.commendedUnits }]} view={v} onOpen={setUnitId} />
      {v.commendations.length > 0 ? (
        <View className='figures__card' data-testid='commendations'>
          <Text className='figures__card-title'>{`记功单位名单（${v.commendations.length} 项）`}</Text>
          {v.commendations.map((c) => (
            <View key={`${c.exemplarId}-${c.date}-${c.title}`} className='figures__list-row'>
              <Text className='figures__list-main'>{`${c.name} · ${c.title}`}</Text>
              <Text className='figures__list-meta'>{`${HONOR_LEVEL_LABEL[c.level]} · ${c.date} · ${c.awardedBy}`}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <Bars title='媒体刊发（按媒体级别）' testId='bars-outlets' rows={PLACEMENT_LEVELS.filter((l) => l !== 'unrated' || t.placements.unrated > 0).map((l) => ({ label: PLACEMENT_LEVEL_LABEL[l], n: t.placements[l] }))} />
      <Bars title='媒体刊发（按年度）' testId='bars-years' rows={v.byYear.map((y) => ({ label: `${y.year}年`, n: y.placements.total }))} />
      <UnitTable title='媒体刊发（按单位，篇次）' testId='table-placements' columns={PLACEMENT_COLUMNS} view={v} onOpen={setUnitId} />

      <UnitTable title='典型库（现有人数与期内变动）' testId='table-library' columns={LIBRARY_COLUMNS} view={v} onOpen={setUnitId} note='升级：升入重大典型库；降级：调入后备典型库；恢复：恢复入后备典型库；入库：推荐公示后入库' />

      <Bars title='工作任务完成率' testId='bars-plans' max={100} rows={[...v.children, t].filter((r) => r.plans.total > 0).map((r) => ({ label: r === t ? '合计' : r.unit.shortName, n: Math.round((r.plans.done / r.plans.total) * 100), note: `%（${r.plans.done}/${r.plans.total}）` }))} />
      <UnitTable title='工作任务完成（期内到期）' testId='table-plans' columns={PLAN_COLUMNS} view={v} onOpen={setUnitId} />
    </View>
  );
}
