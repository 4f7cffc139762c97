/**
 * The request side of the cursor codec: every list action turns its `cursor` field into a
 * Cursor here, with the same refusal for anything this server did not issue.
 */
import { decodeCursor, type Cursor } from '../domain/cursor';
import { fail, type Failure } from './handler';

export function requestCursor(raw: string | null | undefined): Cursor | null | Failure<never> {
  if (raw === undefined || raw === null) return null;
  return decodeCursor(raw) ?? fail('INVALID_ARGUMENT', 'invalid cursor', [{ path: 'cursor', message: 'not a cursor this server issued' }]);
}
