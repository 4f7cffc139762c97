/**
 * Finding a job's draft or article on the account by the story card path the article carries:
 * how a runner that lost the answer of draft/add or freepublish/submit (a crash, a timeout) learns
 * whether the call took effect, instead of making it again.
 */
import type { PublishJob } from '@contract';
import type { OfficialAccount } from '../../adapters/official-account';
import { escapeHtml, storyCardPath } from '../../domain/article';

/** The article's card names the story and revision; the content holds it HTML-escaped. */
function carriesCard(content: string, cardPath: string): boolean {
  return content.includes(`data-miniprogram-path="${escapeHtml(cardPath)}"`);
}

export function cardPathOf(job: Pick<PublishJob, 'storyId' | 'revision'>): string {
  return storyCardPath(job.storyId, job.revision);
}

export async function findDraft(oa: OfficialAccount, cardPath: string): Promise<string | null> {
  // New drafts come first; an intent is minutes old, so the newest 40 are plenty.
  for (let offset = 0; offset < 40; offset += 20) {
    const page = await oa.batchGetDrafts(offset, 20);
    for (const d of page.item) if (d.content.news_item.some((n) => carriesCard(n.content, cardPath))) return d.media_id;
    if (offset + page.item_count >= page.total_count) break;
  }
  return null;
}

/** A published article as the account lists it. */
export interface FoundArticle {
  articleId: string;
  url: string;
  /** The account lists it as deleted (is_deleted). */
  deleted: boolean;
}

/**
 * Walk the published list (newest first, 20 a call) for the article that carries `cardPath` or
 * has `url`, reading at most `maxItems`. `complete` says the whole list was read: then an
 * article not found is not on the account.
 */
export async function searchPublished(oa: OfficialAccount, match: { cardPath: string; url?: string | null }, maxItems: number): Promise<{ found: FoundArticle | null; complete: boolean }> {
  for (let offset = 0; offset < maxItems; offset += 20) {
    const page = await oa.batchGetPublished(offset, 20);
    for (const a of page.item) {
      const hit = a.content.news_item.find((n) => carriesCard(n.content, match.cardPath) || (match.url ? n.url === match.url : false));
      if (hit) return { found: { articleId: a.article_id, url: hit.url, deleted: a.content.news_item.every((n) => n.is_deleted === true) }, complete: true };
    }
    if (offset + page.item_count >= page.total_count || page.item_count === 0) return { found: null, complete: true };
  }
  return { found: null, complete: false };
}

/** The article a job published, when a crash lost the answer that said so (an intent is minutes old: the newest 40 are plenty). */
export async function findPublished(oa: OfficialAccount, cardPath: string): Promise<FoundArticle | null> {
  return (await searchPublished(oa, { cardPath }, 40)).found;
}
