/**
 * `authoring.storyContext`: what a reader will see around a story's text once its working
 * revision is approved (or around the published story when nothing is being edited) — campaign,
 * exemplars with whether readers may see each (isPublicExemplar: the reader's page leaves the
 * others off), unit — and what readers see of the story now: published with its article, taken
 * down with its reason, or nothing. For the story's editors and reviewers, like authoring.draft.
 */
import type { StoryContext } from '@contract';
import { CAMPAIGN_REF_FIELDS, EXEMPLAR_REF_FIELDS, toExemplarRef, toUnitRef, UNIT_REF_FIELDS } from '../../domain/projections';
import { isPublicExemplar } from '../../domain/visibility';
import { isFailure, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { byIds } from '../../lib/reads';

export const storyContext: UseCase<'authoring', 'storyContext'> = async (req, ctx) => {
  const c = ctx.cloud();
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const [rev, story] = await Promise.all([c.collection('story_revisions').doc(req.storyId).get(), c.collection('stories').doc(req.storyId).get()]);
  const shown = rev ?? story;
  if (!shown) return fail('NOT_FOUND', `story ${req.storyId} not found`);
  const denied = requireRole(who, ['editor', 'reviewer'], shown.unitPath) ?? (story && rev ? requireRole(who, ['editor', 'reviewer'], story.unitPath) : null);
  if (denied) return denied;
  const [campaigns, exemplars, units] = await Promise.all([
    byIds(() => c.collection('campaigns').select(CAMPAIGN_REF_FIELDS), c.command, shown.campaignId ? [shown.campaignId] : []),
    byIds(() => c.collection('exemplars').select(EXEMPLAR_REF_FIELDS), c.command, shown.exemplarIds),
    byIds(() => c.collection('units').select(UNIT_REF_FIELDS), c.command, [shown.unitId]),
  ]);
  const campaign = shown.campaignId ? campaigns.get(shown.campaignId) : undefined;
  const unit = units.get(shown.unitId);
  const view: StoryContext = {
    storyId: req.storyId,
    campaign: campaign ? { _id: campaign._id, name: campaign.name } : null,
    exemplars: [...new Set(shown.exemplarIds)].flatMap((id) => {
      const e = exemplars.get(id);
      return e ? [{ ...toExemplarRef(e), shown: isPublicExemplar(e) }] : [];
    }),
    unit: unit ? toUnitRef(unit) : null,
    current:
      story && (story.state === 'published' || story.state === 'withdrawn')
        ? {
            state: story.state,
            revision: story.revision,
            article: story.article ? { url: story.article.url } : null,
            withdrawal: story.state === 'withdrawn' && story.withdrawal ? { reason: story.withdrawal.reason, at: story.withdrawal.at } : null,
          }
        : null,
  };
  return ok(view);
};
