/** `engagement.share`: counts a share of a story, a profile or a campaign, in total and by channel. */
import { SHARE_POLICY, shareChannelField } from '../../domain/engagement';
import { isFailure, signedIn } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { admit } from '../../lib/rate-limit';
import { notFound, publicShareCollection } from './shared';

export const share: UseCase<'engagement', 'share'> = async (req, ctx) => {
  const openid = signedIn(ctx);
  if (isFailure(openid)) return openid;
  const limited = await admit(ctx, 'share', openid, SHARE_POLICY);
  if (limited) return limited;
  const { target } = req;
  const collection = await publicShareCollection(ctx, target);
  if (!collection) return notFound(target);
  // One atomic update moves the total and the channel together; null: deleted since the check.
  const after = await ctx
    .cloud()
    .collection(collection)
    .doc(target.id)
    .select(['shareCount'])
    .increment({ shareCount: 1, [shareChannelField(req.channel)]: 1 });
  if (!after) return notFound(target);
  return ok({ shareCount: Math.max(1, Number(after.shareCount ?? 1)) });
};
