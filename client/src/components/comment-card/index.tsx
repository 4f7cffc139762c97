import { Text, View } from '@tarojs/components';
import './index.scss';

export interface CommentCardProps {
  /** Who wrote it as readers may know (读者 3f9a, 我). */
  byline: string;
  /** When, already formatted (lib/dates). */
  time: string;
  text: string;
  /** 作者回复 under it, as official accounts show it. */
  reply?: { text: string; time?: string } | null;
  /** A line about its state (仅自己可见，精选后公开; 未精选; 已精选). */
  note?: { text: string; tone?: 'muted' | 'warn' | 'ok' } | null;
  /** The writer's own message: 删除 at the end of the head line (the caller asks before deleting). */
  onDelete?: () => void;
  testId?: string;
}

/** What a reader's own message that is not featured says about where it stands (story page, 我的留言). */
export const OWN_COMMENT_NOTE = {
  pending: { text: '仅自己可见，精选后公开', tone: 'muted' },
  hidden: { text: '未精选，仅自己可见', tone: 'warn' },
} as const satisfies Record<string, NonNullable<CommentCardProps['note']>>;

/** One 留言 as readers read it: who and when, the message, the author's reply in a grey box. */
export function CommentCard({ byline, time, text, reply, note, onDelete, testId }: CommentCardProps) {
  return (
    <View className='comment-card' data-testid={testId}>
      <View className='comment-card__head'>
        <Text className='comment-card__by'>{byline}</Text>
        <Text className='comment-card__time'>{time}</Text>
        {onDelete ? (
          <View className='comment-card__delete' role='button' onClick={onDelete}>
            删除
          </View>
        ) : null}
      </View>
      <Text className='comment-card__text' userSelect>
        {text}
      </Text>
      {note ? <Text className={`comment-card__note comment-card__note--${note.tone ?? 'muted'}`}>{note.text}</Text> : null}
      {reply ? (
        <View className='comment-card__reply' data-testid='comment-reply'>
          <Text className='comment-card__reply-label'>作者回复{reply.time ? ` · ${reply.time}` : ''}</Text>
          <Text className='comment-card__reply-text' userSelect>
            {reply.text}
          </Text>
        </View>
      ) : null}
    </View>
  );
}
