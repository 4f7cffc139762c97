import { useMemo } from 'react';
import type { LikeButtonProps } from './index';

/**
 * weapp: the native custom component (src/native/like-button). A tap is drawn inside the
 * component; this wrapper only forwards its events and, when the server corrects the view
 * (`rev` changes), hands it a new `sync` object. The page that renders this must list the
 * component in usingComponents.
 */
export function LikeButton({ kind, view, rev, moments, pending, onWant, onTip }: LikeButtonProps) {
  // Only a new rev makes a new object, so re-renders for other reasons send nothing to the button
  // (the owner bumps rev whenever 待同步 changes, too).
  const sync = useMemo(() => ({ liked: view.liked, count: view.count, rev, pending: pending === true }), [rev]);
  return (
    <like-button
      kind={kind}
      sync={sync}
      moments={moments}
      onLike={(e: { detail: { liked: boolean } }) => onWant(e.detail.liked)}
      onTip={onTip}
    />
  );
}
