/**
 * The `nomination-timer` function: enrols nominations whose public notice is over. Runs from its
 * timer trigger; a call carrying a user's OPENID is refused (any client can invoke any function
 * by name, and enrolment is not a user's action). Never throws at WeChat.
 */
import { randomBytes } from 'node:crypto';
import type { Result } from '@contract';
import { cloud } from '../../adapters/cloud';
import { miniprogramState, templates } from '../nominations/config';
import { enrolDue, type EnrolReport } from './enrol';

export async function main(_event: unknown, context?: { request_id?: string }): Promise<Result<EnrolReport>> {
  const requestId = context?.request_id ?? randomBytes(8).toString('hex');
  try {
    if (cloud().identity().openid) {
      return { ok: false, error: { code: 'PERMISSION_DENIED', message: 'nomination-timer runs from its timer trigger only' } };
    }
    const report = await enrolDue({
      cloud,
      now: () => Date.now(),
      decisionTemplate: () => templates().decision,
      miniprogramState,
      log: (entry) => console.log(JSON.stringify(entry)),
    });
    console.log(JSON.stringify({ level: 'info', fn: 'nomination-timer', requestId, ...report }));
    return { ok: true, data: report };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    console.error(JSON.stringify({ level: 'error', fn: 'nomination-timer', requestId, message: err.message, stack: err.stack }));
    return { ok: false, error: { code: 'INTERNAL', message: 'internal error', requestId } };
  }
}
