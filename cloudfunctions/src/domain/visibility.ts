/**
 * What the public may see. Readers only ever receive published content, and an individual's
 * profile additionally needs the person's separate consent (PIPL art. 25): without a consent
 * record the person stays invisible even when staff marked the profile published.
 */
import type { Exemplar, Story } from '@contract';

export function isPublicStory(story: Pick<Story, 'state' | 'publishedAt'>): boolean {
  return story.state === 'published' && typeof story.publishedAt === 'number';
}

export function isPublicExemplar(exemplar: Pick<Exemplar, 'state' | 'kind' | 'consent'>): boolean {
  if (exemplar.state !== 'published') return false;
  if (exemplar.kind === 'individual' && !exemplar.consent) return false;
  return true;
}
