/**
 * A chart on weapp: ECharts draws on a 2D canvas node (queried once it is rendered), measures
 * text with that canvas, and gets taps forwarded to its hit-testing (a mini-program canvas has no
 * DOM events for ECharts to listen to).
 */
import { useEffect, useMemo, useRef } from 'react';
import { Canvas } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { echarts, textScale, type ChartProps } from './echarts-setup';
import './index.scss';

type EChart = ReturnType<typeof echarts.init>;
interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } };
}

let instances = 0;
const noop = () => undefined;

export function Chart({ option, height, label, onSelect, testId }: ChartProps) {
  const id = useMemo(() => `chart-${++instances}`, []);
  const chart = useRef<EChart | null>(null);
  const latest = useRef(option);
  latest.current = option;
  const scale = useRef(1);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    let gone = false;
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: { node?: CanvasNode; width: number; height: number }[] | null) => {
          const hit = res?.[0];
          if (gone || !hit?.node) return;
          const ctx = hit.node.getContext('2d');
          echarts.setPlatformAPI({
            measureText: (text?: string, font?: string) => {
              ctx.font = font ?? '12px sans-serif';
              return ctx.measureText(text ?? '');
            },
          });
          const c = echarts.init(hit.node as unknown as HTMLElement, undefined, { width: hit.width, height: hit.height, devicePixelRatio: Taro.getSystemInfoSync().pixelRatio });
          c.on('click', (p) => select.current?.({ seriesIndex: p.seriesIndex ?? 0, dataIndex: p.dataIndex }));
          scale.current = textScale(hit.width);
          c.setOption(latest.current(scale.current), true);
          chart.current = c;
        });
    });
    return () => {
      gone = true;
      chart.current?.dispose();
      chart.current = null;
    };
  }, [id]);

  useEffect(() => {
    chart.current?.setOption(option(scale.current), true);
  }, [option]);

  const tap = (e: { changedTouches?: { x?: number; y?: number }[] }) => {
    const t = e.changedTouches?.[0];
    const handler = chart.current?.getZr().handler;
    if (!t || t.x === undefined || t.y === undefined || !handler) return;
    const at = { zrX: t.x, zrY: t.y, preventDefault: noop, stopPropagation: noop, stopImmediatePropagation: noop };
    handler.dispatch('mousedown', at);
    handler.dispatch('mouseup', at);
    handler.dispatch('click', at);
  };

  return <Canvas type='2d' id={id} canvasId={id} className='chart' style={{ height: Taro.pxTransform(height) }} aria-label={label} data-testid={testId} onTouchEnd={tap} />;
}
