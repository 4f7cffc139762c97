/**
 * The audit log: every staff action writes who did what to which subject, when, with the
 * state before and after. Admins read it in the app. Written after the action succeeded;
 * an audit write failure is reported as the action's failure (INTERNAL) rather than hidden.
 */
import type { AuditEntry } from '@contract';
import type { Cloud } from '../adapters/cloud';

export async function audit(c: Cloud, entry: Omit<AuditEntry, '_id'>): Promise<void> {
  await c.collection('audit').add(entry);
}
