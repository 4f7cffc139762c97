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

export async function findPublished(oa: OfficialAccount, cardPath: string): Promise<string | null> {
  for (let offset = 0; offset < 40; offset += 20) {
    const page = await oa.batchGetPublished(offset, 20);
    for (const a of page.item) {
      const hit = a.content.news_item.find((n) => carriesCard(n.content, cardPath));
      if (hit) return hit.url;
    }
    if (offset + page.item_count >= page.total_count) break;
  }
  return null;
}
