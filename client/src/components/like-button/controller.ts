import type { ApiFailure } from '../../lib/api';
import { toFailure } from '../../lib/api';
import { viewFor, type LikeKind, type LikeView } from './model';

export type ViewCause = 'tap' | 'server';

export interface LikeControllerOptions {
  kind: LikeKind;
  /** What is known before the server answers (the card's count, not liked). */
  initial: LikeView;
  /** Sends the final wanted state (`engagement.setLike`); resolves with the server's state. */
  send: (liked: boolean) => Promise<LikeView>;
  /**
   * Every change of what the button should show. `tap` views are the optimistic ones the
   * native button already drew itself; `server` views correct or confirm it.
   */
  onView: (view: LikeView, cause: ViewCause) => void;
  /** A Chinese sentence for a toast. */
  onNotice: (text: string) => void;
  /** A wish made earlier and not yet sent (the offline outbox): shown and sent instead of `initial.liked`. */
  wanted?: boolean;
  /**
   * A wish got no answer (no network). Return true when it was kept to be sent later (the view
   * keeps showing it); false when it could not be kept (the view rolls back, and the owner has
   * told the reader). Without this option the view rolls back with the failure's notice.
   */
  onOffline?: (liked: boolean) => boolean;
  /** The server has the wish, or the wish needs nothing sent: nothing is waiting any more. */
  onInSync?: () => void;
  /** Quiet time after the last tap before the state is sent: a burst sends only its end. */
  debounceMs?: number;
  /** First wait after RATE_LIMITED; doubles on each further refusal. */
  retryMs?: number;
  /** RATE_LIMITED retries before giving up and rolling back. */
  maxRetries?: number;
}

export const RATE_LIMITED_TEXT = '操作太频繁，请稍后再试';

export function failureText(kind: LikeKind, failure: ApiFailure): string {
  if (failure.code === 'RATE_LIMITED') return RATE_LIMITED_TEXT;
  // These say something true about the target or the user, so they keep their own words.
  if (failure.code === 'NOT_FOUND' || failure.code === 'PERMISSION_DENIED' || failure.code === 'UNAUTHENTICATED') {
    return failure.message;
  }
  return kind === 'story' ? '点赞失败，请稍后重试' : '致敬失败，请稍后重试';
}

/**
 * One like/salute button's conversation with the server. The user's wish is a state (liked
 * or not), never a toggle command: taps only change `wanted`, and after a quiet period the
 * controller sends `setLike(wanted)` if it differs from what the server last confirmed.
 * That makes bursts cheap (one request), retries safe (setting is idempotent) and the count
 * exact (it is always the confirmed count plus this user's own difference).
 */
export class LikeController {
  private confirmed: LikeView;
  private wanted: boolean;
  /** The user tapped before the server told us their state: their wish wins over it. */
  private touched = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private retries = 0;
  private disposed = false;
  private readonly opts: Required<Omit<LikeControllerOptions, 'wanted' | 'onOffline' | 'onInSync'>> &
    Pick<LikeControllerOptions, 'onOffline' | 'onInSync'>;

  constructor(options: LikeControllerOptions) {
    this.opts = { debounceMs: 400, retryMs: 1500, maxRetries: 3, ...options };
    this.confirmed = { ...options.initial };
    this.wanted = options.wanted ?? options.initial.liked;
    // A wish carried over from before wins over what engagement.status will say.
    this.touched = options.wanted !== undefined;
  }

  /** What the button shows now. */
  get view(): LikeView {
    return viewFor(this.confirmed, this.wanted);
  }

  /** The count the server last confirmed (what every other reader sees). */
  get confirmedCount(): number {
    return this.confirmed.count;
  }

  /** A tap on the React button: flip the wish. */
  toggle(): LikeView {
    return this.want(!this.wanted);
  }

  /** The native button already flipped itself and reports the state it now shows. */
  want(liked: boolean): LikeView {
    this.touched = true;
    this.wanted = liked;
    this.retries = 0;
    const view = this.view;
    this.opts.onView(view, 'tap');
    this.schedule(this.opts.debounceMs);
    return view;
  }

  /** The server's state from `engagement.status` (or any fresher answer). */
  confirm(state: LikeView): void {
    this.confirmed = { ...state };
    if (!this.touched) this.wanted = state.liked;
    this.opts.onView(this.view, 'server');
    if (this.wanted === this.confirmed.liked) this.opts.onInSync?.();
    else if (this.timer === null && !this.inFlight) this.schedule(this.opts.debounceMs);
  }

  /** A kept wish the server refused later (the outbox said why): show the confirmed state again. */
  revert(): void {
    this.rollback();
  }

  /** The page goes away: a wish still waiting for its quiet period is sent now, not dropped. */
  dispose(): void {
    const pending = this.timer !== null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (pending && !this.inFlight && this.wanted !== this.confirmed.liked) {
      const wanted = this.wanted;
      void this.opts.send(wanted).then(
        () => this.opts.onInSync?.(),
        (err: unknown) => {
          const failure = toFailure(err);
          // Gone from the screen is no reason to lose it: kept for later, or the reader is told.
          if (failure.unanswered && this.opts.onOffline?.(wanted)) return;
          this.opts.onNotice(failureText(this.opts.kind, failure));
        },
      );
    }
    this.disposed = true;
  }

  private schedule(ms: number): void {
    if (this.disposed) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  private async flush(): Promise<void> {
    // One request at a time: the answer decides whether another is needed.
    if (this.inFlight || this.disposed) return;
    if (this.wanted === this.confirmed.liked) {
      // The wish came back to what the server has (liked, then unliked offline): nothing to send or keep.
      this.opts.onInSync?.();
      return;
    }
    this.inFlight = true;
    const sent = this.wanted;
    try {
      const state = await this.opts.send(sent);
      this.inFlight = false;
      if (this.disposed) {
        if (state.liked === sent) this.opts.onInSync?.();
        return;
      }
      this.retries = 0;
      this.confirmed = { liked: state.liked, count: state.count };
      this.opts.onView(this.view, 'server');
      // Taps that arrived while the request was out may have changed the wish again.
      if (this.wanted === this.confirmed.liked) this.opts.onInSync?.();
      else if (this.timer === null) this.schedule(this.opts.debounceMs);
    } catch (err) {
      this.inFlight = false;
      const failure = toFailure(err);
      // No answer: the wish is kept to be sent when the network is back, and stays on screen.
      // Checked before `disposed`, so a wish whose page closed while it was out is kept too.
      // When it cannot be kept, the owner has said so: roll back without a second notice.
      const kept = failure.unanswered && this.opts.onOffline ? this.opts.onOffline(this.disposed ? sent : this.wanted) : null;
      if (kept === true || this.disposed) return;
      if (kept === false) {
        this.rollback();
        return;
      }
      if (failure.code === 'RATE_LIMITED' && this.retries < this.opts.maxRetries) {
        // Keep showing the wish and send it again later: the server refused the pace, not the state.
        this.retries += 1;
        this.opts.onNotice(RATE_LIMITED_TEXT);
        if (this.timer === null) this.schedule(this.opts.retryMs * 2 ** (this.retries - 1));
        return;
      }
      this.rollback();
      this.opts.onNotice(failureText(this.opts.kind, failure));
    }
  }

  private rollback(): void {
    this.retries = 0;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.wanted = this.confirmed.liked;
    this.opts.onView(this.view, 'server');
  }
}
