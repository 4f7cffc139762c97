/**
 * The like/salute button's state and the one rule for flipping it, shared by the native
 * weapp component (src/native/like-button), the React twin (h5, tests) and the controller
 * that talks to the server — so what a tap shows is computed the same way everywhere.
 */
export interface LikeView {
  liked: boolean;
  count: number;
}

export type LikeKind = 'story' | 'exemplar';

/** What a tap shows at once: the opposite state, the count moved by one, never below zero. */
export function flipLike(view: LikeView): LikeView {
  const liked = !view.liked;
  return { liked, count: Math.max(0, view.count + (liked ? 1 : -1)) };
}

/**
 * The count to show for a wanted state, derived from what the server last confirmed: the
 * confirmed count plus this user's own difference. Deriving it (instead of adding ±1 per
 * tap) is what keeps a burst of taps from ever counting the user twice.
 */
export function viewFor(confirmed: LikeView, wanted: boolean): LikeView {
  const delta = wanted === confirmed.liked ? 0 : wanted ? 1 : -1;
  return { liked: wanted, count: Math.max(0, confirmed.count + delta) };
}

export const LIKE_LABEL: Record<LikeKind, { on: string; off: string }> = {
  story: { on: '已点赞', off: '点赞' },
  exemplar: { on: '已致敬', off: '致敬' },
};

/** Shown instead of the action in Moments' single-page mode, where nothing can be written. */
export const MOMENTS_LABEL = '前往小程序';

/** Beside the count while a wish made offline waits to be sent (lib/offline-outbox). */
export const PENDING_LABEL = '待同步';
