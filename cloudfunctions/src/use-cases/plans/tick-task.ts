/**
 * `workboard.tickTask` (对账消号): an admin over the task's owner unit marks it done, with
 * evidence — a note, photos they uploaded for it (purpose `evidence`), or a story or nomination
 * that exists inside the plan's subtree. Refused without any. The evidence, the done time, the
 * plan's done count and the audit entry commit together.
 */
import { hasEvidence } from '../../domain/plans';
import { acceptFiles } from '../../lib/files';
import { refuse, type UseCase } from '../../lib/handler';
import { isFailure } from '../../lib/guard';
import { resolveLink } from './save-task';
import { changeStatus } from './shared';

export const tickTask: UseCase<'workboard', 'tickTask'> = async (req, ctx) => {
  if (!hasEvidence(req)) return refuse('INVALID_ARGUMENT', 'evidence_required', 'a tick needs a note, a photo or a linked story or nomination');
  let link: { kind: 'story' | 'nomination'; id: string; title: string } | null = null;
  return changeStatus<'evidence_required' | 'plan_link_invalid' | 'task_already_done' | 'file_not_accepted' | 'file_rejected'>(ctx, req.id, {
    action: 'plan.task_tick',
    detail: req.note ? { note: req.note } : {},
    async precheck(who, t) {
      const files = await acceptFiles(ctx, who, req.photos.map((fileId, i) => ({ fileId, path: `photos.${i}` })), 'evidence');
      if (files) return files;
      if (req.link) {
        const found = await resolveLink(ctx, req.link, t.planUnitId);
        if (isFailure(found)) return found;
        link = { kind: req.link.kind, id: found.id, title: found.title };
      }
      return null;
    },
    decide(t, who, now) {
      if (t.status === 'done') return refuse('FAILED_PRECONDITION', 'task_already_done', `task ${t._id} is already done`);
      return { status: 'done', doneAt: now, evidence: { note: req.note, photos: req.photos, link, by: who.openid, at: now } };
    },
  });
};
