import { Text, View } from '@tarojs/components';
import { isPermissionRefusal, toFailure, type ApiFailure } from '../../lib/api';
import './index.scss';

export type StateViewProps =
  | {
      kind: 'empty';
      /** Headline, e.g. "暂无事迹". */
      title: string;
      /** Secondary line. */
      detail?: string;
    }
  | {
      kind: 'error';
      /** What failed: its text is the secondary line, and its code decides whether a retry is offered (null: an unknown failure). */
      error: ApiFailure | null;
      /** Headline for a failure that may pass on retry; default "加载失败，点击重试" (or "加载失败" without onRetry). */
      title?: string;
      /** Headline for a permission refusal, e.g. "仅宣传员可以撰写事迹"; default "无权查看". */
      deniedTitle?: string;
      onRetry?: () => void;
    };

/**
 * The empty and error states every page shares. An error with `onRetry` is tappable as a
 * whole — except a permission refusal (PERMISSION_DENIED, UNAUTHENTICATED), which trying again
 * cannot change: it says why and offers nothing to tap, whatever the page passed.
 */
export function StateView(props: StateViewProps) {
  if (props.kind === 'empty') return <Frame kind='empty' title={props.title} detail={props.detail} />;
  const { title, deniedTitle, onRetry } = props;
  const error = props.error ?? toFailure(new Error('no failure recorded'));
  if (isPermissionRefusal(error)) return <Frame kind='denied' title={deniedTitle ?? '无权查看'} detail={error.message} />;
  return <Frame kind='error' title={title ?? (onRetry ? '加载失败，点击重试' : '加载失败')} detail={error.message} onRetry={onRetry} />;
}

function Frame({ kind, title, detail, onRetry }: { kind: 'empty' | 'error' | 'denied'; title: string; detail?: string; onRetry?: () => void }) {
  return (
    <View className={`state-view state-view--${kind}`} onClick={onRetry} role={onRetry ? 'button' : undefined} data-testid={`state-${kind}`}>
      <View className='state-view__icon'>{kind === 'empty' ? '∅' : '!'}</View>
      <Text className='state-view__title'>{title}</Text>
      {detail ? <Text className='state-view__detail'>{detail}</Text> : null}
    </View>
  );
}
