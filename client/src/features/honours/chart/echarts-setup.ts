/**
 * ECharts, registered with only what the wall draws (bars, a donut, a grid and a legend on a
 * canvas): `echarts/core` plus these parts keeps the pages-honours subpackage near 500 KB, where
 * the full build would not fit WeChat's budget for it. Imported only by the honours feature, so
 * the chart library never reaches the main package.
 */
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, CanvasRenderer]);

export { echarts };
export type { EChartsCoreOption as ChartOption } from 'echarts/core';

/** What a tap on a chart hit: the series and the data point within it. */
export interface ChartHit {
  seriesIndex: number;
  dataIndex: number;
}

/** How much larger than on a phone the chart's text should be: the chart's width over a phone chart's, within [1, 2]. */
export function textScale(width: number): number {
  return Math.min(2, Math.max(1, width / 340));
}

export interface ChartProps {
  /** The chart for a text scale (1 on a phone; larger where the page is drawn larger, PC windows). */
  option: (scale: number) => import('echarts/core').EChartsCoreOption;
  /** Height on the 750 design width (Taro turns it into rpx / rem). */
  height: number;
  /** What the chart shows, for screen readers (the numbers themselves are listed beside it as text). */
  label: string;
  onSelect?: (hit: ChartHit) => void;
  testId?: string;
}
