import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

export interface ListRowProps {
  title: string;
  /** Lines under the title (unit, status, time…), each on its own line. */
  meta?: readonly (string | null | false | undefined)[];
  /** A short status chip beside the title (待审核, 已撤销…). */
  badge?: { text: string; tone?: 'neutral' | 'warn' | 'ok' | 'danger' };
  /** Buttons for the row: they keep their own width and wrap under the text on a narrow screen. */
  actions?: ReactNode;
  /** Folded detail, shown under the row (audit entries' before/after, a comment). */
  children?: ReactNode;
  /** The whole row opens something (a detail page). */
  onTap?: () => void;
  testId?: string;
}

/**
 * The one row every staff list uses. The text column takes the room and never shrinks below a
 * readable width: actions sit at its right when there is space and move below it when there is
 * not, so a row never collapses to one character per line.
 */
export function ListRow({ title, meta, badge, actions, children, onTap, testId }: ListRowProps) {
  const lines = (meta ?? []).filter((m): m is string => typeof m === 'string' && m.length > 0);
  return (
    <View className={`list-row${onTap ? ' list-row--tappable' : ''}`} data-testid={testId} onClick={onTap} role={onTap ? 'button' : undefined}>
      <View className={`list-row__body${actions ? '' : ' list-row__body--plain'}`}>
        <View className='list-row__main'>
          <View className='list-row__head'>
            <Text className='list-row__title'>{title}</Text>
            {badge ? <Text className={`list-row__badge list-row__badge--${badge.tone ?? 'neutral'}`}>{badge.text}</Text> : null}
          </View>
          {lines.map((line, i) => (
            <Text key={i} className='list-row__meta'>
              {line}
            </Text>
          ))}
        </View>
        {actions ? (
          <View className='list-row__actions' onClick={(e) => e.stopPropagation()}>
            {actions}
          </View>
        ) : null}
        {onTap && !actions ? <Text className='list-row__chevron' aria-hidden>›</Text> : null}
      </View>
      {children ? <View className='list-row__detail'>{children}</View> : null}
    </View>
  );
}
