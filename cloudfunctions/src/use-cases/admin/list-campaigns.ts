/** `admin.listCampaigns`: campaigns as corps admins manage them (archived ones too), in display order. */
import type { CampaignAdminView } from '@contract';
import { staffUrls } from '../../lib/files';
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
  const rows = await c
    .collection('campaigns')
    .select(['name', 'slug', 'description', 'order', 'storyCount', 'cover', 'startedAt', 'endsAt', 'archived', 'roll'])
    .orderBy('order', 'asc')
    .limit(MAX_UNITS)
    .get();
  // Staff URLs: the admin sees a cover WeChat's image check has not passed yet (readers do not).
  const urls = await staffUrls(ctx, rows.flatMap((r) => (r.cover ? [r.cover] : [])));
  const items: CampaignAdminView[] = rows.map((r) => ({
    _id: r._id,
    name: r.name,
    slug: r.slug,
    description: r.description,
    order: r.order,
    storyCount: r.storyCount,
    cover: r.cover ? { fileId: r.cover, url: urls.get(r.cover) ?? null } : null,
    startedAt: r.startedAt,
    endsAt: r.endsAt ?? null,
    archived: r.archived === true,
    // A selection's results campaign: readers see it for its winners even before it has stories.
    ...(r.roll ? { rollCount: r.roll.length } : {}),
  }));
  return ok({ items });
};
