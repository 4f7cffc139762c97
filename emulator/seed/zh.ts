/** Small helpers for writing Chinese text: numerals and pronouns. */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 0–99 in Chinese numerals, as used in prose ("十六年", "二十二年"). */
export function zhNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`zhNumber: ${n} out of range`);
  if (n < 10) return DIGITS[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

export function pronoun(kind: 'individual' | 'collective', gender?: 'm' | 'f'): string {
  if (kind === 'collective') return '他们';
  return gender === 'f' ? '她' : '他';
}

/** Wrap text in Chinese double quotes, turning quotes inside it into single ones as house style requires. */
export function quoted(text: string): string {
  return `“${text.replace(/“/g, '‘').replace(/”/g, '’')}”`;
}
