/**
 * `admin.saveCampaign`: create (no id) or edit a campaign (专题) — its name, link, description,
 * order, cover, period and archive state; corps admins only. A cover is accepted only when the
 * caller uploaded it as a campaign cover, or it is already the campaign's. Fields left out of an
 * edit keep their value (a new campaign starts now, open-ended, not archived). A rename rewrites
 * the search keys of the campaign's stories once it commits (lib/search-index.ts).
 */
import type { Campaign, CampaignCard } from '@contract';
import { toCampaignCard } from '../../domain/projections';
import { newId } from '../../lib/context';
import { acceptFiles, staffUrls } from '../../lib/files';
import { isFailure, requireCorpsRole, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';
import { rekeyCampaign } from '../../lib/search-index';
import { transact } from '../../lib/transaction';
import { MAX_UNITS } from './views';

type Editable = Pick<Campaign, 'name' | 'slug' | 'description' | 'order' | 'cover' | 'startedAt'> & { endsAt: number | null; archived: boolean };

/** What the audit entry records of a campaign: everything an admin edits. */
function editable(c: Campaign): Editable {
  return { name: c.name, slug: c.slug, description: c.description, order: c.order, cover: c.cover, startedAt: c.startedAt, endsAt: c.endsAt ?? null, archived: c.archived === true };
}

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
  const editId = req.id;
  const current = editId !== undefined ? await campaigns.doc(editId).get() : null;
  if (editId !== undefined && !current) return fail('NOT_FOUND', `no campaign ${editId}`);
  if (req.cover) {
    const refused = await acceptFiles(ctx, who, [{ fileId: req.cover, path: 'cover' }], 'cover', current?.cover ? [current.cover] : []);
    if (refused) return refused;
  }
  const now = ctx.now();
  /** The campaign as this save leaves it: what the request names, the rest as it was. */
  const next = (before: Campaign | null): Editable => ({
    name: req.name,
    slug: req.slug,
    description: req.description,
    order: req.order,
    cover: req.cover !== undefined ? req.cover : (before?.cover ?? null),
    startedAt: req.startedAt ?? before?.startedAt ?? now,
    endsAt: req.endsAt !== undefined ? req.endsAt : (before?.endsAt ?? null),
    archived: req.archived ?? before?.archived ?? false,
  });
  const periodRefusal = (f: Editable) =>
    f.endsAt !== null && f.endsAt < f.startedAt
      ? refuse('INVALID_ARGUMENT', 'campaign_period_invalid', 'the campaign ends before it starts', [{ path: 'endsAt', message: 'before startedAt', reason: 'campaign_period_invalid' }])
      : null;

  const id = editId ?? newId(ctx, 'camp');
  const saved = await transact(ctx, async ({ tx, audit }) => {
    const before = editId !== undefined ? await tx.collection('campaigns').get(editId) : null;
    if (editId !== undefined && !before) return fail('NOT_FOUND', `no campaign ${editId}`);
    // Checked on what is stored now: an edit naming only the end is checked against the start it keeps.
    const fields = next(before ? { ...before, _id: id } : null);
    const bad = periodRefusal(fields);
    if (bad) return bad;
    const after: Campaign = before ? { ...before, ...fields, _id: id } : { _id: id, ...fields, storyCount: 0 };
    if (before) await tx.collection('campaigns').update(id, fields);
    else await tx.collection('campaigns').set(id, { ...fields, storyCount: 0 });
    audit({ actor: who.openid, action: 'admin.saveCampaign', subject: { kind: 'campaign', id }, before: before ? editable({ ...before, _id: id }) : null, after: fields });
    return after;
  });
  if (isFailure(saved)) return saved;
  // Its published stories are searched by its name. Every edit walks them (only stale ones are
  // written), so saving again completes a walk a failure cut short.
  if (editId !== undefined) await rekeyCampaign(c, id);
  // The admin sees the cover they chose at once, while WeChat's image check is still looking at it.
  const urls = saved.cover ? await staffUrls(ctx, [saved.cover]) : new Map<string, string>();
  const card: CampaignCard = toCampaignCard(saved, urls);
  return ok(card);
};
