/**
 * `nominations.get`: one nomination for its detail page — to its nominator (whatever roles they
 * hold now: it is their history) or to a reviewer of its unit subtree, with what the caller may
 * do with it now. Anyone else is told it does not exist, as revise and withdraw tell them.
 */
import * as machine from '../../domain/nomination';
import { REVIEW_LADDER } from '../../domain/review-ladder';
import { staffUrls } from '../../lib/files';
import { holdsRoleAt, isFailure, requireRole, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';
import { oneView } from './shared';

export const get: UseCase<'nominations', 'get'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const nom = await ctx.cloud().collection('nominations').doc(req.id).get();
  const mine = nom !== null && nom.nominatedBy === who.openid;
  if (!nom || (!mine && requireRole(who, 'reviewer', nom.unitPath) !== null)) return fail('NOT_FOUND', `nomination ${req.id} not found`);
  // Like revise and withdraw: the nominator acts only while they still edit for the unit.
  const nominatorActs = mine && requireRole(who, 'editor', nom.unitPath) === null;
  const step = REVIEW_LADDER.stepWaitingIn(nom.state);
  const decides = step !== null && !mine && holdsRoleAt(who, 'reviewer', REVIEW_LADDER.levelUnit(nom.unitPath, step.level));
  const urls = await staffUrls(ctx, nom.attachments);
  return ok({
    ...(await oneView(ctx, nom, urls)),
    mine,
    can: {
      revise: nominatorActs && machine.revise(nom.state, nom.unitPath).ok,
      withdraw: nominatorActs && machine.withdraw(nom.state).ok,
      decide: decides && step ? step.level : null,
    },
    // File ids go to the nominator only: their revise form keeps the attachments by id.
    attachmentFiles: mine ? nom.attachments.map((fileId) => ({ fileId, url: urls.get(fileId) ?? null })) : [],
  });
};
