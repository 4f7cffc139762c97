/**
 * The wall's figures as charts and as the lists behind them: one place maps a figure (a year's
 * bar, a detachment, an outlet level…) to its chart option, its words for screen readers and the
 * list it opens, so a tap on a bar and a tap on its text row open the same list.
 */
import type { ExemplarKind, HonorLevel, HonourBand, HonoursWallView, PlacementLevel } from '@contract';
import { HONOR_LEVEL_LABEL, HONOR_LEVELS } from '../../lib/contract-values';
import { HONOUR_BAND_LABEL, PLACEMENT_LEVEL_LABEL } from '../../lib/honours-values';
import { routes } from '../../lib/routes';
import type { ChartOption } from './chart/echarts-setup';

export const LEVEL_COLOR: Record<HonorLevel, string> = { national: '#c8102e', regional: '#d9480f', prefecture: '#1864ab', county: '#5c677d' };
export const OUTLET_COLOR: Record<PlacementLevel, string> = { central: '#c8102e', regional: '#d9480f', prefecture: '#1864ab', county: '#5c677d', unrated: '#adb5bd' };

/** A chart for a text scale: 1 on a phone, larger where the page is drawn larger (chart/echarts-setup.ts textScale). */
export type ChartBuild = (scale: number) => ChartOption;

const axis = (s: number) => ({ axisLabel: { color: '#5a6072', fontSize: 12 * s }, axisLine: { lineStyle: { color: '#d5d8e0' } }, axisTick: { show: false } });
const valueAxis = (s: number) => ({ type: 'value', minInterval: 1, axisLabel: { color: '#6a7080', fontSize: 11 * s }, splitLine: { lineStyle: { color: '#eceef2' } } });
const legend = (s: number) => ({ itemWidth: 12 * s, itemHeight: 12 * s, textStyle: { fontSize: 12 * s, color: '#3a4050' } });

/** Distinct exemplars honoured at a level in a year (people and collectives together). */
export function levelTotal(view: HonoursWallView, year: number, level: HonorLevel): number {
  const l = view.byYear.find((y) => y.year === year)?.levels.find((x) => x.level === level);
  return l ? l.individuals + l.collectives : 0;
}

/** 历年受表彰情况: one stacked bar per year, a segment per honour level. */
export function byYearOption(view: HonoursWallView): ChartBuild {
  return (s) => ({
    animation: false,
    grid: { left: 36 * s, right: 12 * s, top: 40 * s, bottom: 28 * s },
    legend: { top: 0, ...legend(s) },
    xAxis: { type: 'category', data: view.byYear.map((y) => `${y.year}年`), ...axis(s) },
    yAxis: valueAxis(s),
    series: HONOR_LEVELS.map((level) => ({
      type: 'bar',
      name: HONOR_LEVEL_LABEL[level],
      stack: 'honoured',
      barMaxWidth: 40 * s,
      itemStyle: { color: LEVEL_COLOR[level] },
      data: view.byYear.map((y) => levelTotal(view, y.year, level)),
    })),
  });
}

/** 受表彰单位: one horizontal bar per detachment, most first. */
export function unitsOption(view: HonoursWallView): ChartBuild {
  const rows = view.units.detachments;
  return (s) => ({
    animation: false,
    grid: { left: 8 * s, right: 32 * s, top: 4 * s, bottom: 4 * s, containLabel: true },
    xAxis: { ...valueAxis(s), show: false },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.unit.shortName), ...axis(s) },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18 * s,
        itemStyle: { color: '#c8102e', borderRadius: [0, 4 * s, 4 * s, 0] },
        label: { show: true, position: 'right', color: '#1f2430', fontSize: 12 * s },
        data: rows.map((r) => r.exemplars),
      },
    ],
  });
}

/** 媒体刊发 by outlet level: a donut of the levels that have placements. */
export function outletLevelOption(view: HonoursWallView): ChartBuild {
  const rows = view.placements.byLevel.filter((l) => l.n > 0);
  return (s) => ({
    animation: false,
    legend: { bottom: 0, ...legend(s) },
    series: [
      {
        type: 'pie',
        radius: ['38%', '66%'],
        center: ['50%', '44%'],
        // The level names are in the legend and the rows below: a slice says only its count, which never clips.
        label: { formatter: '{c}篇', fontSize: 12 * s, color: '#1f2430' },
        data: rows.map((l) => ({ name: PLACEMENT_LEVEL_LABEL[l.level], value: l.n, itemStyle: { color: OUTLET_COLOR[l.level] } })),
      },
    ],
  });
}

/** The outlet levels the donut shows, in its order (a tap names one by index). */
export function outletLevelsShown(view: HonoursWallView): PlacementLevel[] {
  return view.placements.byLevel.filter((l) => l.n > 0).map((l) => l.level);
}

/** 媒体刊发 by year. */
export function placementsByYearOption(view: HonoursWallView): ChartBuild {
  return (s) => ({
    animation: false,
    grid: { left: 36 * s, right: 12 * s, top: 20 * s, bottom: 28 * s },
    xAxis: { type: 'category', data: view.placements.byYear.map((y) => `${y.year}年`), ...axis(s) },
    yAxis: valueAxis(s),
    series: [{ type: 'bar', barMaxWidth: 40 * s, itemStyle: { color: '#14213d' }, label: { show: true, position: 'top', fontSize: 12 * s, color: '#1f2430' }, data: view.placements.byYear.map((y) => y.n) }],
  });
}

// ------------------------------------------------------------------ where a figure leads

export const kindWord = (kind: ExemplarKind, n: number): string => (kind === 'collective' ? `${n}个` : `${n}人`);

export function honouredSince(band: HonourBand, since: number, kind?: ExemplarKind): string {
  return routes.honoured({ band, since: String(since), kind });
}

export function honouredInYear(band: HonourBand, year: number, kind?: ExemplarKind): string {
  return routes.honoured({ band, year: String(year), kind });
}

export function honouredInUnit(since: number, unit: { _id: string; name: string }): string {
  return routes.honoured({ band: 'any', since: String(since), unitId: unit._id, unitName: unit.name });
}

export function libraryList(tier: 'major' | 'reserve', kind: ExemplarKind): string {
  return routes.honoured({ tier, kind });
}

export function placementsOf(q: { since?: number; year?: number; level?: PlacementLevel; outlet?: string }): string {
  return routes.placements({ since: q.since === undefined ? undefined : String(q.since), year: q.year === undefined ? undefined : String(q.year), level: q.level, outlet: q.outlet });
}

/** The headline bands, in the order the corps reports them. */
export const HEADLINE_BANDS: readonly { band: HonourBand; title: string }[] = [
  { band: 'national_regional', title: HONOUR_BAND_LABEL.national_regional },
  { band: 'prefecture', title: HONOUR_BAND_LABEL.prefecture },
  { band: 'county', title: HONOUR_BAND_LABEL.county },
  { band: 'merit', title: '记功（一、二、三等功）' },
];
