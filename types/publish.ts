/**
 * The official-account pipeline's views (pages-staff/publish). In its own file so parallel
 * slices editing views.ts do not collide with this one.
 */
import type { Id, MediaUrl, Millis, PublishJobState } from './entities';

/** A publish job as the publisher sees it (pages-staff/publish). */
export interface PublishJobView {
  _id: Id;
  storyId: Id;
  revision: number;
  title: string;
  state: PublishJobState;
  history: { state: PublishJobState; at: Millis; note?: string }[];
  /** Why it failed: the WeChat code and a Chinese explanation. */
  failure: { code: number; message: string } | null;
  /** A transient problem the job is waiting out (busy, network). */
  lastError: { code: number; message: string } | null;
  articleUrl: string | null;
  canRetry: boolean;
  createdAt: Millis;
  updatedAt: Millis;
}

/** A published story the publisher may send to the official account. */
export interface PublishCandidate {
  _id: Id;
  title: string;
  /** The story's current revision (what 发布 / 重新发布 would send). */
  revision: number;
  publishedAt: Millis;
  /**
   * The article on the account, with the story revision it shows (null when that was not
   * recorded: an article linked before revisions were): 已发布第 2 版，当前第 3 版.
   */
  article: { url: string; publishedAt: Millis; revision: number | null } | null;
  /** The job of the current revision, if one exists. */
  job: { _id: Id; state: PublishJobState } | null;
}

/**
 * publish.preview: the article exactly as draft/add would receive it (the same renderer, the
 * same theme), with image URLs a staff page can load in place of the account's uploadimg URLs,
 * and the mini-program card drawn as the reader sees it. `html` is the renderer's inline-styled
 * section/p/img/a markup only: pages show it in a sandboxed container (h5) or rich-text (weapp).
 */
export interface PublishPreview {
  storyId: Id;
  revision: number;
  /** Title, author and digest as the account will show them (cut to its limits). */
  title: string;
  author: string;
  digest: string;
  /** The cover the message card shows (the first inline image when the story has no cover). */
  cover: MediaUrl | null;
  /** null when the story cannot be published as it is: `problem` says why. */
  html: string | null;
  problem: string | null;
}

/** authoring.takeDown: the story left public view; the article jobs that will now delete its articles on the account. */
export interface TakeDownResult {
  storyId: Id;
  state: 'withdrawn';
  withdrawnAt: Millis;
  /** Jobs moved to deleting (or set to delete once their publish completes): the publish timer runs them. */
  articleJobs: Id[];
}
