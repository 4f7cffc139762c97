/**
 * `content.profile`: a public exemplar with honours and the first page of its stories (and the
 * cursor content.exemplarStories goes on from); the photo and covers in one URL call.
 */
import { PAGE_SIZE } from '@contract';
import { groupHonors, HONOR_FIELDS } from '../../domain/honors';
import { EXEMPLAR_PROFILE_FIELDS, toExemplarProfile } from '../../domain/projections';
import { isPublicExemplar } from '../../domain/visibility';
import { fail, ok, type UseCase } from '../../lib/handler';
import { MAX_ROWS, storyPage } from './shared';

export const profile: UseCase<'content', 'profile'> = async (req, ctx) => {
  const c = ctx.cloud();
  const row = await c.collection('exemplars').doc(req.id).select(EXEMPLAR_PROFILE_FIELDS).get();
  // Unpublished, or a person whose consent does not count (never given, unverified, withdrawn,
  // given under another name): exactly like a profile that does not exist.
  if (!row || !isPublicExemplar(row)) return fail('NOT_FOUND', `exemplar ${req.id} not found`);
  const [honors, stories] = await Promise.all([
    c.collection('honors').select(HONOR_FIELDS).where({ exemplarId: row._id }).orderBy('date', 'desc').limit(MAX_ROWS).get(),
    // Served by stories.exemplar_feed; the photo and the profile's unit ride in the cards' join calls.
    storyPage(ctx, { exemplarIds: row._id, state: 'published' }, null, PAGE_SIZE.profileStories, { files: row.photo ? [row.photo] : [], unitIds: [row.unitId] }),
  ]);
  return ok({ ...toExemplarProfile(row, groupHonors(honors), stories.items, stories.units, stories.urls), storiesNext: stories.next });
};
