/**
 * The official-account pipeline's views (pages-staff/publish). In its own file so parallel
 * slices editing views.ts do not collide with this one.
 */
import type { Id, Millis, PublishJobState } from './entities';

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
  revision: number;
  publishedAt: Millis;
  article: { url: string; publishedAt: Millis } | null;
  /** The job of the current revision, if one exists. */
  job: { _id: Id; state: PublishJobState } | null;
}
