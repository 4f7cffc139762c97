/** `content.resolveProfileCode`: the exemplar a profile poster's code names (engagement.posterCode wrote it), if readers may see it. */
import { EXEMPLAR_REF_FIELDS } from '../../domain/projections';
import { isPublicExemplar } from '../../domain/visibility';
import { fail, ok, type UseCase } from '../../lib/handler';

export const resolveProfileCode: UseCase<'content', 'resolveProfileCode'> = async (req, ctx) => {
  const c = ctx.cloud();
  const record = await c.collection('profile_codes').doc(req.code).get();
  if (!record) return fail('NOT_FOUND', `no profile poster has code ${req.code}`);
  // A poster outlives consent: a profile no longer public resolves to nothing, like an unknown code.
  const row = await c.collection('exemplars').doc(record.exemplarId).select(EXEMPLAR_REF_FIELDS).get();
  if (!row || !isPublicExemplar(row)) return fail('NOT_FOUND', `the exemplar of profile code ${req.code} is not public`);
  return ok({ exemplarId: row._id });
};
