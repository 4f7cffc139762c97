import { Text, View } from '@tarojs/components';
import { LIKE_LABEL, MOMENTS_LABEL, PENDING_LABEL, type LikeKind, type LikeView } from './model';
import './index.scss';

export interface LikeButtonProps {
  kind: LikeKind;
  view: LikeView;
  /** Bumped by the owner when the server corrected the view (used by the native twin). */
  rev: number;
  /** Moments' single-page mode: show "前往小程序" and explain on tap. */
  moments: boolean;
  /** Made offline, waiting to be sent: a small 待同步 beside the count. */
  pending?: boolean;
  onWant: (liked: boolean) => void;
  onTip: () => void;
}

/**
 * h5 and tests: the React twin of src/native/like-button (same markup and class names).
 * It draws what its owner says; the owner's controller flips the view at once on a tap.
 */
export function LikeButton({ kind, view, moments, pending, onWant, onTip }: LikeButtonProps) {
  const label = moments ? MOMENTS_LABEL : view.liked ? LIKE_LABEL[kind].on : LIKE_LABEL[kind].off;
  const waiting = pending === true && !moments;
  return (
    <View
      className={`lb lb--${kind}${view.liked && !moments ? ' lb--on' : ''}${moments ? ' lb--moments' : ''}`}
      role='button'
      aria-pressed={moments ? undefined : view.liked}
      aria-label={moments ? MOMENTS_LABEL : `${label} ${view.count}${waiting ? `，${PENDING_LABEL}` : ''}`}
      data-testid={`like-${kind}`}
      onClick={() => (moments ? onTip() : onWant(!view.liked))}
    >
      <Text className='lb-icon'>{kind === 'story' ? '♥' : '敬'}</Text>
      <Text className='lb-label'>{label}</Text>
      {moments ? null : <Text className='lb-count'>{view.count}</Text>}
      {waiting ? <Text className='lb-pending'>{PENDING_LABEL}</Text> : null}
    </View>
  );
}
