/**
 * Story drafts are never lost on a bad network: every edit is written to local storage at once,
 * and the local copy stays until the server has confirmed a save of exactly that content. Saves
 * name the server version they edited (`baseVersion`), so a second device's newer save surfaces
 * as a conflict instead of being overwritten.
 */
import Taro from '@tarojs/taro';
import { toFailure, type ApiFailure } from '../../lib/api';

export interface DraftFields {
  title: string;
  summary: string;
  cover: string | null;
  campaignId: string | null;
  exemplarIds: string[];
  unitId: string;
  author: string;
  markdown: string;
}

export interface LocalDraft {
  storyId: string;
  fields: DraftFields;
  /** The server version these edits started from. */
  baseVersion: number;
  /** Local clock when last edited, shown in the restore prompt. */
  editedAt: number;
}

const KEY_PREFIX = 'authoring:draft:';
/** Ids of every local copy, so a draft whose first save never reached the server can still be listed. */
const INDEX_KEY = 'authoring:drafts';

function readIndex(): string[] {
  const raw = Taro.getStorageSync(INDEX_KEY) as unknown;
  return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
}

/** Local copies on this device (newest edit first), including ones the server has never seen. */
export function listLocalDrafts(): LocalDraft[] {
  return readIndex()
    .map((id) => readLocalDraft(id))
    .filter((d): d is LocalDraft => d !== null)
    .sort((a, b) => b.editedAt - a.editedAt);
}

export function readLocalDraft(storyId: string): LocalDraft | null {
  const raw = Taro.getStorageSync(KEY_PREFIX + storyId) as unknown;
  if (!raw || typeof raw !== 'object') return null;
  const d = raw as Partial<LocalDraft>;
  if (d.storyId !== storyId || typeof d.baseVersion !== 'number' || !d.fields || typeof d.fields.markdown !== 'string') return null;
  return d as LocalDraft;
}

export function writeLocalDraft(draft: LocalDraft): void {
  Taro.setStorageSync(KEY_PREFIX + draft.storyId, draft);
  const index = readIndex();
  if (!index.includes(draft.storyId)) Taro.setStorageSync(INDEX_KEY, [...index, draft.storyId]);
}

export function clearLocalDraft(storyId: string): void {
  Taro.removeStorageSync(KEY_PREFIX + storyId);
  const index = readIndex();
  if (index.includes(storyId)) Taro.setStorageSync(INDEX_KEY, index.filter((id) => id !== storyId));
}

export function sameFields(a: DraftFields, b: DraftFields): boolean {
  return (
    a.title === b.title &&
    a.summary === b.summary &&
    a.cover === b.cover &&
    a.campaignId === b.campaignId &&
    a.unitId === b.unitId &&
    a.author === b.author &&
    a.markdown === b.markdown &&
    a.exemplarIds.length === b.exemplarIds.length &&
    a.exemplarIds.every((id, i) => id === b.exemplarIds[i])
  );
}

/**
 * new: a new story nothing was typed into yet (nothing to save, nothing saved) · saved: the
 * server has it · pending: local only, a save is scheduled · offline: the last save failed,
 * retrying · conflict: the server moved on · frozen: a refusal the user must act on.
 */
export type SyncStatus = 'new' | 'saved' | 'pending' | 'saving' | 'offline' | 'conflict' | 'frozen';

export interface DraftSyncOptions {
  storyId: string;
  fields: DraftFields;
  /** The server version `fields` correspond to (0 = nothing on the server yet). */
  version: number;
  /** 'new' for a blank new story (default 'saved': `fields` are what the server has). */
  status?: 'new' | 'saved';
  save: (req: DraftFields & { storyId: string; baseVersion: number }) => Promise<{ version: number }>;
  onStatus: (status: SyncStatus, version: number) => void;
  /** Quiet time after the last keystroke before saving. */
  delayMs?: number;
  /** Retry delay after a network failure (doubles up to 30 s). */
  retryMs?: number;
  now?: () => number;
}

export class DraftSync {
  private fields: DraftFields;
  private version: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private retryMs: number;
  private status: SyncStatus;
  private stopped = false;
  /** The text of the last refusal that stopped autosaving. */
  failure: string | null = null;
  /** The last refusal that stopped autosaving (its fields say which input it is about). */
  refusal: ApiFailure | null = null;

  constructor(private readonly opts: DraftSyncOptions) {
    this.fields = opts.fields;
    this.version = opts.version;
    this.status = opts.status ?? 'saved';
    this.retryMs = opts.retryMs ?? 2000;
  }

  get current(): { fields: DraftFields; version: number; status: SyncStatus } {
    return { fields: this.fields, version: this.version, status: this.status };
  }

  private setStatus(status: SyncStatus): void {
    this.status = status;
    this.opts.onStatus(status, this.version);
  }

  /** Record an edit: local storage now, the server after a quiet moment. */
  edit(fields: DraftFields): void {
    if (this.stopped) return;
    this.fields = fields;
    writeLocalDraft({ storyId: this.opts.storyId, fields, baseVersion: this.version, editedAt: (this.opts.now ?? Date.now)() });
    if (this.status === 'conflict') return;
    if (this.status === 'frozen') {
      // A refusal about an input (a file not accepted, a field too long) may be fixed by this
      // very edit: try again. Any other refusal (permission, state) would only repeat.
      if (!this.refusal || this.refusal.fields.length === 0) return;
      this.failure = null;
      this.refusal = null;
    }
    this.setStatus('pending');
    this.schedule(this.opts.delayMs ?? 1500);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  /** Save now (before submit, when leaving the page). Resolves when this round is settled. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    // One save at a time; edits made while one was in flight get their own save after it.
    while (this.inFlight) await this.inFlight;
    // A blank new story is not saved: opening the editor and leaving creates nothing.
    if (this.stopped || this.status === 'new' || this.status === 'saved' || this.status === 'conflict' || this.status === 'frozen') return;
    const sent = this.fields;
    this.setStatus('saving');
    this.inFlight = (async () => {
      try {
        const res = await this.opts.save({ storyId: this.opts.storyId, baseVersion: this.version, ...sent });
        this.version = res.version;
        this.retryMs = this.opts.retryMs ?? 2000;
        if (sameFields(sent, this.fields)) {
          // Confirmed exactly what is on screen: the local copy has done its job.
          clearLocalDraft(this.opts.storyId);
          this.setStatus('saved');
        } else {
          writeLocalDraft({ storyId: this.opts.storyId, fields: this.fields, baseVersion: this.version, editedAt: (this.opts.now ?? Date.now)() });
          this.setStatus('pending');
          this.schedule(0);
        }
      } catch (err) {
        const failure = toFailure(err);
        if (failure.code === 'CONFLICT') this.setStatus('conflict');
        else if (failure.code === 'FAILED_PRECONDITION') this.setStatus('frozen');
        else if (failure.code === 'UNAVAILABLE' || failure.code === 'INTERNAL' || failure.code === 'RATE_LIMITED') {
          this.setStatus('offline');
          this.schedule(this.retryMs);
          this.retryMs = Math.min(this.retryMs * 2, 30_000);
        } else {
          // A refusal the user must act on (permission, bad input): keep the local copy, stop retrying.
          this.failure = failure.message;
          this.refusal = failure;
          this.setStatus('frozen');
        }
      } finally {
        this.inFlight = null;
      }
    })();
    await this.inFlight;
  }

  /** After a conflict the user chose to keep their text: adopt the server's version and save over it. */
  overwrite(serverVersion: number): Promise<void> {
    this.version = serverVersion;
    this.failure = null;
    this.refusal = null;
    this.setStatus('pending');
    return this.flush();
  }

  /** The server state moved (submitted, approved): adopt its version without saving. */
  adopt(version: number, status: SyncStatus = 'saved'): void {
    this.version = version;
    this.failure = null;
    this.refusal = null;
    this.setStatus(status);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** A new story's id, chosen on the device so its local copy has a name before the server knows it. */
export function newStoryId(now: number = Date.now(), random: () => number = Math.random): string {
  const rand = Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0');
  return `s${now.toString(36)}${rand}`;
}
