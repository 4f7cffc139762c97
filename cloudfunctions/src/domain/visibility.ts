/**
 * What the public may see. Readers only ever receive published content, and an individual's
 * profile additionally needs the person's separate consent (PIPL art. 25): without consent that
 * counts (domain/consent.ts) the person stays invisible even when staff marked the profile published.
 */
import type { Exemplar, Story } from '@contract';
import { consentHolds } from './consent';

export function isPublicStory(story: Pick<Story, 'state' | 'publishedAt'>): boolean {
  return story.state === 'published' && typeof story.publishedAt === 'number';
}

/**
 * A story readers could see once and that was taken down (撤回): its links say 已撤回 rather than
 * "not found" — its existence was public — but nothing of its content is shown. A draft never
 * published stays indistinguishable from a story that does not exist.
 */
export function isWithdrawnStory(story: Pick<Story, 'state' | 'publishedAt'>): boolean {
  return story.state === 'withdrawn' && typeof story.publishedAt === 'number';
}

export function isPublicExemplar(exemplar: Pick<Exemplar, 'state' | 'kind' | 'consent' | 'name'>): boolean {
  if (exemplar.state !== 'published') return false;
  return consentHolds(exemplar.consent, exemplar);
}
