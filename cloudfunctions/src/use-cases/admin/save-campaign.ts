/** `admin.saveCampaign`: create (no id) or edit a campaign (专题); corps admins only. */
import type { CampaignCard } from '@contract';
import { newId } from '../../lib/context';
import { staffUrls } from '../../lib/files';
import { isFailure, requireCorpsRole, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { transact } from '../../lib/transaction';
import { MAX_UNITS } from './views';

export const saveCampaign: UseCase<'admin', 'saveCampaign'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const c = ctx.cloud();
  const root = await requireCorpsRole(c, who, 'admin');
  if (isFailure(root)) return root;
  const campaigns = c.collection('campaigns');
  const all = await campaigns.select(['slug']).orderBy('order', 'asc').limit(MAX_UNITS).get();
  if (all.some((k) => k.slug === req.slug && k._id !== req.id)) {
    // The field message stays the token the campaigns page matches today.
    return refuse('CONFLICT', 'slug_taken', `slug ${req.slug} is taken`, [{ path: 'slug', message: 'taken', reason: 'slug_taken' }]);
  }
  const fields = { name: req.name, slug: req.slug, description: req.description, order: req.order };
  const editId = req.id;
  if (editId !== undefined) {
    const edited = await transact(ctx, async ({ tx, audit }) => {
      const before = await tx.collection('campaigns').get(editId);
      if (!before) return fail('NOT_FOUND', `no campaign ${editId}`);
      await tx.collection('campaigns').update(editId, fields);
      audit({
        actor: who.openid,
        action: 'admin.saveCampaign',
        subject: { kind: 'campaign', id: editId },
        before: { name: before.name, slug: before.slug, description: before.description, order: before.order },
        after: fields,
      });
      return before;
    });
    if (isFailure(edited)) return edited;
    const cover = edited.cover ? ((await staffUrls(ctx, [edited.cover])).get(edited.cover) ?? null) : null;
    const card: CampaignCard = { _id: editId, name: req.name, slug: req.slug, description: req.description, cover, storyCount: edited.storyCount };
    return ok(card);
  }
  const id = newId(ctx, 'camp');
  const created = await transact(ctx, async ({ tx, audit }) => {
    await tx.collection('campaigns').set(id, { ...fields, cover: null, startedAt: ctx.now(), storyCount: 0 });
    audit({ actor: who.openid, action: 'admin.saveCampaign', subject: { kind: 'campaign', id }, before: null, after: fields });
    return id;
  });
  if (isFailure(created)) return created;
  const card: CampaignCard = { _id: id, name: req.name, slug: req.slug, description: req.description, cover: null, storyCount: 0 };
  return ok(card);
};
