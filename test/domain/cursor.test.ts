import { decodeCursor, encodeCursor, CursorError } from '../../cloudfunctions/src/domain/cursor';
import { cursorSchema } from '@contract';

describe('keyset cursors', () => {
  it('round-trip a sort value and an id', () => {
    const raw = encodeCursor(1764460800000, 'story_01');
    expect(raw).toBe('1764460800000_story_01');
    expect(decodeCursor(raw)).toEqual({ sortValue: 1764460800000, id: 'story_01' });
  });

  it('round-trip negative and zero sort values (ranks may be below zero)', () => {
    expect(decodeCursor(encodeCursor(-42, 'e1'))).toEqual({ sortValue: -42, id: 'e1' });
    expect(decodeCursor(encodeCursor(0, 'e1'))).toEqual({ sortValue: 0, id: 'e1' });
  });

  it('split at the first underscore, so ids containing underscores survive', () => {
    expect(decodeCursor(encodeCursor(7, '_a_b_'))).toEqual({ sortValue: 7, id: '_a_b_' });
  });

  it('are accepted by the shared request schema', () => {
    expect(cursorSchema.safeParse(encodeCursor(Number.MAX_SAFE_INTEGER, 'x'.repeat(64))).success).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['no separator', '1764460800000'],
    ['no id', '1764460800000_'],
    ['no sort value', '_abc'],
    ['letters in the sort value', '17a4_abc'],
    ['a fraction', '1.5_abc'],
    ['a leading zero (non-canonical)', '0017_abc'],
    ['negative zero', '-0_abc'],
    ['beyond safe integers', '9999999999999999_abc'],
    ['17 digits', '12345678901234567_abc'],
    ['forbidden characters in the id', '17_ab/c'],
    ['a space', '17_ab c'],
    ['an id of 65 characters', `17_${'a'.repeat(65)}`],
  ])('reject a tampered cursor: %s', (_label, raw) => {
    expect(decodeCursor(raw)).toBeNull();
  });

  it('refuse to encode what no cursor can carry', () => {
    expect(() => encodeCursor(1.5, 'a')).toThrow(CursorError);
    expect(() => encodeCursor(Number.NaN, 'a')).toThrow(CursorError);
    expect(() => encodeCursor(2 ** 60, 'a')).toThrow(CursorError);
    expect(() => encodeCursor(1, 'bad id')).toThrow(CursorError);
    expect(() => encodeCursor(1, '')).toThrow(CursorError);
  });
});
