/**
 * A chart on h5 (and the tests' jsdom): ECharts draws into the element Taro's View renders, and
 * its own pointer handling reports taps. The chart follows the element's size (ResizeObserver:
 * an h5 page is laid out after its route transition, and PC windows resize).
 */
import { useEffect, useRef } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { echarts, textScale, type ChartProps } from './echarts-setup';
import './index.scss';

type EChart = ReturnType<typeof echarts.init>;

export function Chart({ option, height, label, onSelect, testId }: ChartProps) {
  const host = useRef<HTMLElement | null>(null);
  const chart = useRef<EChart | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const build = useRef(option);
  build.current = option;
  const scale = useRef(1);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => select.current?.({ seriesIndex: p.seriesIndex ?? 0, dataIndex: p.dataIndex }));
    const draw = () => {
      scale.current = textScale(el.clientWidth);
      c.setOption(build.current(scale.current), true);
      c.resize();
    };
    draw();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(draw);
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option(scale.current), true);
  }, [option]);

  return (
    <View
      ref={(el: unknown) => {
        host.current = (el as HTMLElement | null) ?? null;
      }}
      className='chart'
      style={{ height: Taro.pxTransform(height) }}
      role='img'
      aria-label={label}
      data-testid={testId}
    />
  );
}
