import { useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { ExemplarKind, HonoursWallView } from '@contract';
import { call } from '../../lib/api';
import { HONOR_LEVEL_LABEL, HONOR_LEVELS, TIER_LABEL } from '../../lib/contract-values';
import { PLACEMENT_LEVEL_LABEL } from '../../lib/honours-values';
import { formatDateTime } from '../../lib/dates';
import { useResource } from '../../lib/use-resource';
import { ChipGroup } from '../../components/chip-group';
import { CardSkeleton } from '../../components/skeleton';
import { StateView } from '../../components/state-view';
import { Chart } from './chart';
import {
  byYearOption,
  HEADLINE_BANDS,
  honouredInUnit,
  honouredInYear,
  honouredSince,
  kindWord,
  LEVEL_COLOR,
  levelTotal,
  libraryList,
  outletLevelOption,
  outletLevelsShown,
  OUTLET_COLOR,
  placementsByYearOption,
  placementsOf,
  unitsOption,
} from './figures';
import './honours-wall-screen.scss';

const open = (url: string) => void Taro.navigateTo({ url });

/**
 * 荣誉墙: the corps' honours and media placements as figures read at a glance — counted by the
 * server from the data (never typed in), since a year the reader picks. Every number and every
 * bar opens the list behind it; every chart has its numbers beside it as text.
 */
export function HonoursWallScreen() {
  const [since, setSince] = useState<number | null>(null);
  const { state, reload } = useResource<HonoursWallView>(() => call('content', 'honoursWall', since === null ? {} : { since }), [since]);
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (state.status === 'loading') {
    return (
      <View className='page honours-wall'>
        <View className='honours-wall__hero honours-wall__hero--loading' />
        <CardSkeleton count={3} variant='detail' />
      </View>
    );
  }
  if (state.status === 'error') {
    return (
      <View className='page honours-wall'>
        <StateView kind='error' error={state.error} onRetry={() => void reload()} />
      </View>
    );
  }
  const view = state.data;
  if (view.since === null) {
    return (
      <View className='page honours-wall'>
        <StateView kind='empty' title='暂无可统计的荣誉' detail='典型的荣誉和媒体刊发录入后，这里会自动汇总' />
      </View>
    );
  }
  return <Wall view={view} since={view.since} onSince={setSince} />;
}

function Wall({ view, since, onSince }: { view: HonoursWallView; since: number; onSince: (y: number) => void }) {
  const any = view.honoured.find((b) => b.band === 'any');
  const honouredTotal = any ? any.individuals + any.collectives : 0;
  const years = view.years.map((y) => ({ value: String(y), label: `自${y}年` }));
  const charts = useMemo(
    () => ({ byYear: byYearOption(view), units: unitsOption(view), outletLevels: outletLevelOption(view), placementsByYear: placementsByYearOption(view) }),
    [view],
  );
  const shownLevels = outletLevelsShown(view);

  return (
    <View className='page honours-wall'>
      <View className='honours-wall__hero'>
        <Text className='honours-wall__title'>荣誉墙</Text>
        <Text className='honours-wall__period'>{`自${since}年以来 · 随荣誉录入自动更新`}</Text>
        <View className='honours-wall__totals'>
          <Total value={honouredTotal} unit='' label='受表彰典型' onTap={() => open(honouredSince('any', since))} />
          <Total value={view.awards} unit='项' label='各级荣誉' onTap={() => open(honouredSince('any', since))} />
          <Total value={view.placements.total} unit='篇' label='媒体刊发' onTap={() => open(placementsOf({ since }))} />
        </View>
      </View>

      <View className='honours-wall__period-chips'>
        <ChipGroup label='统计起始年份' options={years} value={String(since)} onChange={(v) => onSince(Number(v))} />
      </View>

      <View className='section' data-testid='wall-honoured'>
        <Text className='section-title'>受表彰典型</Text>
        <View className='honours-wall__bands'>
          {HEADLINE_BANDS.map(({ band, title }) => {
            const b = view.honoured.find((x) => x.band === band);
            return (
              <View key={band} className='honours-wall__band'>
                <Text className='honours-wall__band-title'>{title}</Text>
                <View className='honours-wall__band-figures'>
                  {(['collective', 'individual'] as const).map((kind) => (
                    <Figure
                      key={kind}
                      testId={`figure-${band}-${kind}`}
                      value={kind === 'collective' ? (b?.collectives ?? 0) : (b?.individuals ?? 0)}
                      kind={kind}
                      caption={band === 'merit' ? (kind === 'collective' ? '记功单位' : '记功个人') : kind === 'collective' ? '集体' : '个人'}
                      sentence={`自${since}年以来${title}${kind === 'collective' ? '受表彰集体' : '受表彰个人'}`}
                      onTap={() => open(honouredSince(band, since, kind))}
                    />
                  ))}
                </View>
              </View>
            );
          })}
        </View>
        <Text className='honours-wall__note'>同一典型在统计期内多次获得同一级别荣誉，只计一次。</Text>
      </View>

      {view.byYear.length > 0 ? (
        <View className='section' data-testid='wall-by-year'>
          <Text className='section-title'>历年受表彰情况</Text>
          <Chart
            option={charts.byYear}
            height={440}
            label={`历年各级受表彰典型柱状图，${view.byYear.map((y) => `${y.year}年${HONOR_LEVELS.map((l) => `${HONOR_LEVEL_LABEL[l]}${levelTotal(view, y.year, l)}`).join('、')}`).join('；')}`}
            onSelect={({ seriesIndex, dataIndex }) => {
              const level = HONOR_LEVELS[seriesIndex];
              const year = view.byYear[dataIndex]?.year;
              if (level && year !== undefined) open(honouredInYear(level, year));
            }}
            testId='chart-by-year'
          />
          <View className='honours-wall__rows'>
            {view.byYear.map((y) => (
              <View key={y.year} className='honours-wall__year'>
                <Text className='honours-wall__year-label'>{`${y.year}年`}</Text>
                <View className='honours-wall__year-levels'>
                  {HONOR_LEVELS.map((level) => {
                    const n = levelTotal(view, y.year, level);
                    return (
                      <View
                        key={level}
                        className='honours-wall__pill'
                        role='button'
                        aria-label={`${y.year}年${HONOR_LEVEL_LABEL[level]}受表彰典型${n}个（人），查看名单`}
                        data-testid={`year-${y.year}-${level}`}
                        onClick={() => open(honouredInYear(level, y.year))}
                      >
                        <View className='honours-wall__dot' style={{ background: LEVEL_COLOR[level] }} />
                        <Text>{`${HONOR_LEVEL_LABEL[level]} ${n}`}</Text>
                      </View>
                    );
                  })}
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}

      <View className='section' data-testid='wall-libraries'>
        <Text className='section-title'>典型库</Text>
        <View className='honours-wall__bands'>
          {view.libraries.map((l) => (
            <View key={l.tier} className='honours-wall__band'>
              <Text className='honours-wall__band-title'>{TIER_LABEL[l.tier]}</Text>
              <View className='honours-wall__band-figures'>
                {(['collective', 'individual'] as const).map((kind) => (
                  <Figure
                    key={kind}
                    testId={`figure-${l.tier}-${kind}`}
                    value={kind === 'collective' ? l.collectives : l.individuals}
                    kind={kind}
                    caption={kind === 'collective' ? '集体' : '个人'}
                    sentence={`${TIER_LABEL[l.tier]}${kind === 'collective' ? '集体' : '个人'}`}
                    onTap={() => open(libraryList(l.tier, kind))}
                  />
                ))}
              </View>
            </View>
          ))}
        </View>
      </View>

      <View className='section' data-testid='wall-units'>
        <Text className='section-title'>受表彰单位</Text>
        <Text className='honours-wall__lead'>
          {`自${since}年以来，共有 `}
          <Text className='honours-wall__lead-number'>{view.units.total}</Text>
          {' 个单位的典型受到表彰'}
        </Text>
        {view.units.detachments.length > 0 ? (
          <>
            <Chart
              option={charts.units}
              height={Math.max(160, view.units.detachments.length * 56 + 16)}
              label={`各支队受表彰典型条形图，${view.units.detachments.map((d) => `${d.unit.shortName}${d.exemplars}`).join('、')}`}
              onSelect={({ dataIndex }) => {
                const d = view.units.detachments[dataIndex];
                if (d) open(honouredInUnit(since, d.unit));
              }}
              testId='chart-units'
            />
            <View className='honours-wall__rows honours-wall__rows--grid'>
              {view.units.detachments.map((d) => (
                <View
                  key={d.unit._id}
                  className='honours-wall__row'
                  role='button'
                  aria-label={`${d.unit.name}受表彰典型${d.exemplars}个（人），查看名单`}
                  data-testid={`unit-${d.unit._id}`}
                  onClick={() => open(honouredInUnit(since, d.unit))}
                >
                  <Text className='honours-wall__row-name'>{d.unit.shortName}</Text>
                  <Text className='honours-wall__row-value'>{d.exemplars}</Text>
                </View>
              ))}
            </View>
          </>
        ) : null}
      </View>

      <View className='section' data-testid='wall-placements'>
        <Text className='section-title'>媒体刊发</Text>
        {view.placements.total === 0 ? (
          <Text className='honours-wall__note'>{`自${since}年以来暂无媒体刊发记录`}</Text>
        ) : (
          <>
            <Text className='honours-wall__sub'>按媒体级别</Text>
            <Chart
              option={charts.outletLevels}
              height={420}
              label={`媒体刊发按级别环形图，${view.placements.byLevel.map((l) => `${PLACEMENT_LEVEL_LABEL[l.level]}${l.n}篇`).join('、')}`}
              onSelect={({ dataIndex }) => {
                const level = shownLevels[dataIndex];
                if (level) open(placementsOf({ since, level }));
              }}
              testId='chart-outlet-levels'
            />
            <View className='honours-wall__rows honours-wall__rows--grid'>
              {view.placements.byLevel.map((l) => (
                <View
                  key={l.level}
                  className='honours-wall__row'
                  role='button'
                  aria-label={`${PLACEMENT_LEVEL_LABEL[l.level]}刊发${l.n}篇，查看列表`}
                  data-testid={`outlet-level-${l.level}`}
                  onClick={() => open(placementsOf({ since, level: l.level }))}
                >
                  <View className='honours-wall__row-name'>
                    <View className='honours-wall__dot' style={{ background: OUTLET_COLOR[l.level] }} />
                    <Text>{PLACEMENT_LEVEL_LABEL[l.level]}</Text>
                  </View>
                  <Text className='honours-wall__row-value'>{`${l.n}篇`}</Text>
                </View>
              ))}
            </View>

            <Text className='honours-wall__sub'>按年份</Text>
            <Chart
              option={charts.placementsByYear}
              height={360}
              label={`历年媒体刊发柱状图，${view.placements.byYear.map((y) => `${y.year}年${y.n}篇`).join('、')}`}
              onSelect={({ dataIndex }) => {
                const y = view.placements.byYear[dataIndex];
                if (y) open(placementsOf({ year: y.year }));
              }}
              testId='chart-placements-by-year'
            />
            <View className='honours-wall__rows honours-wall__rows--grid'>
              {view.placements.byYear.map((y) => (
                <View
                  key={y.year}
                  className='honours-wall__row'
                  role='button'
                  aria-label={`${y.year}年媒体刊发${y.n}篇，查看列表`}
                  data-testid={`placement-year-${y.year}`}
                  onClick={() => open(placementsOf({ year: y.year }))}
                >
                  <Text className='honours-wall__row-name'>{`${y.year}年`}</Text>
                  <Text className='honours-wall__row-value'>{`${y.n}篇`}</Text>
                </View>
              ))}
            </View>

            <Text className='honours-wall__sub'>主要刊发媒体</Text>
            <View className='honours-wall__rows'>
              {view.placements.outlets.map((o) => (
                <View
                  key={o.outlet}
                  className='honours-wall__row honours-wall__row--outlet'
                  role='button'
                  aria-label={`${o.outlet}（${PLACEMENT_LEVEL_LABEL[o.level]}）刊发${o.n}篇，查看列表`}
                  data-testid='outlet-row'
                  onClick={() => open(placementsOf({ since, outlet: o.outlet }))}
                >
                  <View className='honours-wall__row-name'>
                    <Text>{o.outlet}</Text>
                    <Text className='honours-wall__tag'>{PLACEMENT_LEVEL_LABEL[o.level]}</Text>
                  </View>
                  <View className='honours-wall__meter'>
                    <View className='honours-wall__meter-fill' style={{ width: `${Math.round((o.n / (view.placements.outlets[0]?.n || 1)) * 100)}%` }} />
                  </View>
                  <Text className='honours-wall__row-value'>{`${o.n}篇`}</Text>
                </View>
              ))}
            </View>
          </>
        )}
      </View>

      {view.updatedAt !== null ? <Text className='honours-wall__updated'>{`数据更新于 ${formatDateTime(view.updatedAt)}`}</Text> : null}
    </View>
  );
}

function Total({ value, unit, label, onTap }: { value: number; unit: string; label: string; onTap: () => void }) {
  return (
    <View className='honours-wall__total' role='button' aria-label={`${label}${value}${unit}，查看`} onClick={onTap}>
      <View className='honours-wall__total-value'>
        <Text className='honours-wall__total-number'>{value}</Text>
        {unit ? <Text className='honours-wall__total-unit'>{unit}</Text> : null}
      </View>
      <Text className='honours-wall__total-label'>{label}</Text>
    </View>
  );
}

function Figure({ value, kind, caption, sentence, onTap, testId }: { value: number; kind: ExemplarKind; caption: string; sentence: string; onTap: () => void; testId: string }) {
  return (
    <View className='honours-wall__figure' role='button' aria-label={`${sentence}${kindWord(kind, value)}，查看名单`} data-testid={testId} onClick={onTap}>
      <View className='honours-wall__figure-value'>
        <Text className='honours-wall__figure-number'>{value}</Text>
        <Text className='honours-wall__figure-unit'>{kind === 'collective' ? '个' : '人'}</Text>
      </View>
      <Text className='honours-wall__figure-caption'>{caption}</Text>
    </View>
  );
}
