/**
 * Native like (story) / salute (exemplar) button for weapp. A tap draws the new state with
 * exactly one small setData inside this component — the page's data is not re-sent — and
 * raises `like` with the state it now shows; the page's controller debounces and sends it.
 * The page pushes corrections (server answer, rollback) through `sync`, whose `rev` changes
 * each time, so the same values can be re-applied after the button drew something else.
 */
import { flipLike, LIKE_LABEL, MOMENTS_LABEL, PENDING_LABEL, type LikeKind } from '../../components/like-button/model';

interface Sync {
  liked: boolean;
  count: number;
  rev: number;
  /** Made offline and waiting to be sent (absent from older owners: not pending). */
  pending?: boolean;
}

interface Data {
  on: boolean;
  n: number;
  label: string;
  /** 待同步 beside the count, or '' for none. */
  wait: string;
}

interface Props {
  kind: LikeKind;
  sync: Sync;
  moments: boolean;
}

function labelOf(kind: LikeKind, on: boolean, moments: boolean): string {
  if (moments) return MOMENTS_LABEL;
  const l = LIKE_LABEL[kind] ?? LIKE_LABEL.story;
  return on ? l.on : l.off;
}

Component<Data, Props, { onTap(): void; onSync(sync: Sync | null): void }>({
  options: { styleIsolation: 'isolated' },
  properties: {
    kind: { type: String, value: 'story' },
    sync: { type: Object, value: null, observer: 'onSync' },
    moments: { type: Boolean, value: false },
  },
  data: { on: false, n: 0, label: LIKE_LABEL.story.off, wait: '' },
  methods: {
    onSync(sync) {
      if (!sync || typeof sync.count !== 'number') return;
      const on = sync.liked === true;
      const wait = sync.pending === true && !this.data.moments ? PENDING_LABEL : '';
      this.setData({ on, n: Math.max(0, sync.count), label: labelOf(this.data.kind, on, this.data.moments), wait });
    },
    onTap() {
      // Single-page mode cannot write: the page explains instead of the button pretending.
      if (this.data.moments) {
        this.triggerEvent('tip', {});
        return;
      }
      const next = flipLike({ liked: this.data.on, count: this.data.n });
      this.setData({ on: next.liked, n: next.count, label: labelOf(this.data.kind, next.liked, false) });
      this.triggerEvent('like', { liked: next.liked });
    },
  },
});
