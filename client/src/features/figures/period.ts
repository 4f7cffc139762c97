/** The dashboard's period choices: what each asks the server for and how its chip reads. */

export interface PeriodChoice {
  key: string;
  label: string;
  from: number | string;
  to?: number | string;
}

/** 自2022年以来 first (the corps reports from 2022), then this year, last year, each earlier year back to 2022. */
export function periodChoices(thisYear: number): PeriodChoice[] {
  const out: PeriodChoice[] = [{ key: 'since-2022', label: '自2022年以来', from: 2022 }];
  out.push({ key: `y-${thisYear}`, label: `${thisYear}年`, from: thisYear });
  for (let y = thisYear - 1; y >= 2022; y--) out.push({ key: `y-${y}`, label: `${y}年`, from: y, to: y });
  return out;
}

const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A custom period from two typed dates; a message when they do not make one. */
export function customPeriod(from: string, to: string): PeriodChoice | string {
  const f = from.trim();
  const t = to.trim();
  if (!DATE_RE.test(f) || (t !== '' && !DATE_RE.test(t))) return '日期格式如 2024-01-01';
  if (t !== '' && t < f) return '结束日期不能早于开始日期';
  return { key: 'custom', label: t ? `${f} 至 ${t}` : `${f} 起`, from: f, ...(t ? { to: t } : {}) };
}
