/**
 * Keyset cursors: `<sort value>_<id>`.
 *
 * The cursor names the last item a page showed, so the next page starts strictly after it
 * whatever was inserted meanwhile, and the database never has to skip rows. Clients treat
 * it as opaque; the server re-validates everything it decodes because a cursor is input.
 */
import { idSchema } from '@contract';
import type { Id } from '@contract';

export interface Cursor {
  /** The sort key of the last item shown (publishedAt, rank…): an integer. */
  sortValue: number;
  /** Its id: the tie-breaker when several items share a sort value. */
  id: Id;
}

const CURSOR_SHAPE = /^(-?\d{1,16})_([A-Za-z0-9_-]{1,64})$/;

export class CursorError extends Error {
  override readonly name = 'CursorError';
}

/** Encodes the position after `sortValue`/`id`. Throws on values no cursor can carry: that is a data bug, not input. */
export function encodeCursor(sortValue: number, id: Id): string {
  if (!Number.isSafeInteger(sortValue)) throw new CursorError(`sort value ${sortValue} is not a safe integer`);
  if (!idSchema.safeParse(id).success) throw new CursorError(`id ${JSON.stringify(id)} cannot be carried by a cursor`);
  const encoded = `${sortValue}_${id}`;
  if (!CURSOR_SHAPE.test(encoded)) throw new CursorError(`sort value ${sortValue} is too long for a cursor`);
  return encoded;
}

/**
 * Decodes a cursor, or null when it is not one we could have issued (wrong shape, a number
 * that does not survive the round trip such as `007` or `-0`, or beyond the safe integers).
 */
export function decodeCursor(raw: string): Cursor | null {
  const match = CURSOR_SHAPE.exec(raw);
  if (!match) return null;
  const [, digits, id] = match;
  if (digits === undefined || id === undefined) return null;
  const sortValue = Number(digits);
  if (!Number.isSafeInteger(sortValue)) return null;
  // Only the canonical spelling is accepted: equal cursors must be equal strings.
  if (String(sortValue) !== digits) return null;
  return { sortValue, id };
}
