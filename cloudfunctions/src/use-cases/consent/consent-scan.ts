/** `authoring.consentScan`: the scan of a signed form, for a reviewer of the person's unit subtree; each view is audited. */
import { consentScanUrl } from '../../lib/files';
import { isFailure, staffCaller } from '../../lib/guard';
import { fail, ok, type UseCase } from '../../lib/handler';

export const consentScan: UseCase<'authoring', 'consentScan'> = async (req, ctx) => {
  const who = await staffCaller(ctx);
  if (isFailure(who)) return who;
  const ex = await ctx.cloud().collection('exemplars').doc(req.exemplarId).select(['unitPath', 'consent']).get();
  if (!ex) return fail('NOT_FOUND', `exemplar ${req.exemplarId} not found`);
  const scan = ex.consent?.method === 'signed_form' ? ex.consent.evidence : null;
  const res = await consentScanUrl(ctx, who, { fileId: scan, unitPath: ex.unitPath, subject: { kind: 'exemplar', id: ex._id } });
  if (isFailure(res)) return res;
  return ok(res);
};
