/**
 * `nominations.consentScan`: the nominee's signed consent form, for a reviewer of the
 * nomination's unit subtree — the person who must confirm it is this person's before approving.
 * Every view is audited before the URL is issued (lib/files.ts consentScanUrl). The reviewer
 * role is checked before the lookup, so someone without it learns nothing about nominations.
 */
import { consentScanUrl } from '../../lib/files';
import { isFailure, requireRole, requireRoleAnywhere, staffCaller } from '../../lib/guard';
import { fail, ok, refuse, type UseCase } from '../../lib/handler';

export const consentScan: UseCase<'nominations', 'consentScan'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const anywhere = requireRoleAnywhere(who, 'reviewer');
  if (anywhere) return anywhere;
  const nom = await ctx.cloud().collection('nominations').doc(req.id).select(['unitPath', 'consent']).get();
  if (!nom) return fail('NOT_FOUND', `nomination ${req.id} not found`);
  const denied = requireRole(who, 'reviewer', nom.unitPath);
  if (denied) return denied;
  if (!nom.consent || nom.consent.method !== 'signed_form') return refuse('NOT_FOUND', 'no_signed_form', `nomination ${req.id} has no signed consent form`);
  const scan = await consentScanUrl(ctx, who, { fileId: nom.consent.evidence, unitPath: nom.unitPath, subject: { kind: 'nomination', id: req.id } });
  if (isFailure(scan)) return scan;
  return ok({ url: scan.url });
};
