/** `admin.listCampaigns`: campaigns as corps admins manage them, in display order. */
import { isFailure, requireCorpsRole, staffCaller } from '../../lib/guard';
import { ok, type UseCase } from '../../lib/handler';
import { MAX_UNITS } from './views';

export const listCampaigns: UseCase<'admin', 'listCampaigns'> = async (_req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const root = await requireCorpsRole(c, who, 'admin');
  if (isFailure(root)) return root;
  // Campaigns are a handful; the unit bound is far above any real count.
  const rows = await c.collection('campaigns').select(['name', 'slug', 'description', 'order', 'storyCount']).orderBy('order', 'asc').limit(MAX_UNITS).get();
  return ok({ items: rows.map((r) => ({ _id: r._id, name: r.name, slug: r.slug, description: r.description, order: r.order, storyCount: r.storyCount })) });
};
