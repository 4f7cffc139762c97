import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { call } from '../../lib/api';
import { publishLikeCount } from '../../lib/like-counts';
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
  /** The state the user wants now (the native button reports it after a tap). */
  onWant: (liked: boolean) => void;
  /** A tap in Moments' single-page mode. */
  onTip: () => void;
}

/**
 * A like (story) or salute (exemplar) button's state for a page: starts from the count the
 * page already has, asks `engagement.status` for the user's own state, and lets the
 * controller send the final wish. Notices become toasts.
 */
export function useLike(kind: LikeKind, id: string, knownCount: number, buttonDrawsTaps: boolean = BUTTON_DRAWS_TAPS): LikeBinding {
  const [moments] = useState(isMomentsSinglePage);
  const [shown, setShown] = useState<{ view: LikeView; rev: number }>({ view: { liked: false, count: knownCount }, rev: 0 });
  const controller = useRef<LikeController | null>(null);
  const drawsTaps = useRef(buttonDrawsTaps);

  useEffect(() => {
    const c = new LikeController({
      kind,
      initial: { liked: false, count: knownCount },
      send: (liked) => call('engagement', 'setLike', { target: { kind, id }, liked }),
      onView: (view, cause) => {
        // Lists under this page show the confirmed count when the reader returns to them.
        if (cause === 'server' && kind === 'story') publishLikeCount(id, c.confirmedCount);
        if (cause === 'tap' && drawsTaps.current) return;
        setShown((s) => ({ view, rev: cause === 'server' ? s.rev + 1 : s.rev }));
      },
      onNotice: (title) => void Taro.showToast({ title, icon: 'none' }),
    });
    controller.current = c;
    setShown((s) => ({ view: c.view, rev: s.rev + 1 }));
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
      c.dispose();
      controller.current = null;
    };
    // knownCount only seeds a new target; a later change of it must not reset the user's wish.
  }, [kind, id, moments]);

  const onWant = useCallback((liked: boolean) => {
    controller.current?.want(liked);
  }, []);
  const onTip = useCallback(() => showMomentsTip(kind === 'story' ? '点赞' : '致敬'), [kind]);

  return { kind, view: shown.view, rev: shown.rev, moments, onWant, onTip };
}
