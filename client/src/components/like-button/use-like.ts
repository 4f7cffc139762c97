import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { call } from '../../lib/api';
import { publishLikeCount } from '../../lib/like-counts';
import { forgetWish, queuedWish, queueWish, subscribeOutbox } from '../../lib/offline-outbox';
import { isMomentsSinglePage, showMomentsTip } from '../../lib/scene';
import { LikeController } from './controller';
import type { LikeKind, LikeView } from './model';

/**
 * On weapp the native button draws a tap itself (one setData inside the component); the
 * page must not re-render for it, or the page's data would be re-sent on every tap.
 */
export const BUTTON_DRAWS_TAPS = process.env.TARO_ENV === 'weapp';

export interface LikeBinding {
  kind: LikeKind;
  view: LikeView;
  /** Changes whenever the server corrects or confirms the view (the native button re-applies it). */
  rev: number;
  moments: boolean;
  /** The wish shown was made offline and waits in the outbox (the button says 待同步). */
  pending: boolean;
  /** The state the user wants now (the native button reports it after a tap). */
  onWant: (liked: boolean) => void;
  /** A tap in Moments' single-page mode. */
  onTip: () => void;
}

/** What the reader is told when a wish is kept for later, and when even that failed. */
export const QUEUED_TEXT: Record<LikeKind, string> = {
  story: '网络已断开，点赞将在联网后自动同步',
  exemplar: '网络已断开，致敬将在联网后自动同步',
};
export const NOT_KEPT_TEXT: Record<LikeKind, string> = {
  story: '网络已断开，点赞未能保存，请联网后重试',
  exemplar: '网络已断开，致敬未能保存，请联网后重试',
};

/**
 * A like (story) or salute (exemplar) button's state for a page: starts from the count the
 * page already has, asks `engagement.status` for the user's own state, and lets the
 * controller send the final wish. Notices become toasts. A wish that gets no answer waits in
 * the offline outbox (shown as 待同步) and is sent when the network is back; a wish still
 * waiting from before is shown when the page opens.
 */
export function useLike(kind: LikeKind, id: string, knownCount: number, buttonDrawsTaps: boolean = BUTTON_DRAWS_TAPS): LikeBinding {
  const [moments] = useState(isMomentsSinglePage);
  const [shown, setShown] = useState<{ view: LikeView; rev: number; pending: boolean }>(() => ({
    view: { liked: false, count: knownCount },
    rev: 0,
    pending: false,
  }));
  const controller = useRef<LikeController | null>(null);
  const drawsTaps = useRef(buttonDrawsTaps);

  useEffect(() => {
    const target = { kind, id };
    const carried = moments ? null : queuedWish(target);
    const c = new LikeController({
      kind,
      initial: { liked: false, count: knownCount },
      ...(carried === null ? {} : { wanted: carried }),
      send: (liked) => call('engagement', 'setLike', { target, liked }),
      onView: (view, cause) => {
        // Lists under this page show the confirmed count when the reader returns to them.
        if (cause === 'server' && kind === 'story') publishLikeCount(id, c.confirmedCount);
        if (cause === 'tap' && drawsTaps.current) return;
        setShown((s) => ({ ...s, view, rev: cause === 'server' ? s.rev + 1 : s.rev }));
      },
      onNotice: (title) => void Taro.showToast({ title, icon: 'none' }),
      onOffline: (liked) => {
        const kept = queueWish(target, liked);
        void Taro.showToast({ title: kept ? QUEUED_TEXT[kind] : NOT_KEPT_TEXT[kind], icon: 'none' });
        return kept;
      },
      onInSync: () => forgetWish(target),
    });
    controller.current = c;
    setShown((s) => ({ view: c.view, rev: s.rev + 1, pending: carried !== null }));
    // The outbox sends queued wishes on its own; its outcome corrects this button, and a change
    // of 待同步 re-syncs the native button with what the controller shows now.
    const offOutbox = subscribeOutbox((event) => {
      if (event.target.kind !== kind || event.target.id !== id) return;
      if (event.outcome === 'synced') c.confirm({ liked: event.state.liked, count: event.state.count });
      if (event.outcome === 'dropped') c.revert();
      setShown((s) => ({ view: c.view, rev: s.rev + 1, pending: queuedWish(target) !== null }));
    });
    let live = true;
    // Single-page mode has no identity to ask about; the page's count is all there is.
    if (!moments) {
      call('engagement', 'status', { targets: [{ kind, id }] }).then(
        (res) => {
          const mine = res.items.find((i) => i.target.kind === kind && i.target.id === id);
          if (live && mine) c.confirm({ liked: mine.liked, count: mine.count });
        },
        // Without the user's state the button still works from the page's count; a tap sends a state, not a toggle.
        () => undefined,
      );
    }
    return () => {
      live = false;
      offOutbox();
      c.dispose();
      controller.current = null;
    };
    // knownCount only seeds a new target; a later change of it must not reset the user's wish.
  }, [kind, id, moments]);

  const onWant = useCallback((liked: boolean) => {
    controller.current?.want(liked);
  }, []);
  const onTip = useCallback(() => showMomentsTip(kind === 'story' ? '点赞' : '致敬'), [kind]);

  return { kind, view: shown.view, rev: shown.rev, pending: shown.pending, moments, onWant, onTip };
}
