/** Shared bits of the benchmarks: percentiles, a temp data dir, the figures line. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] ?? NaN;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

/** The last line of every bench: `<name>: key=value …`, read by scripts. */
export function figures(name: string, values: Record<string, number | string>): void {
  console.log(`${name}: ${Object.entries(values).map(([k, v]) => `${k}=${v}`).join(' ')}`);
}

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

/**
 * One call through the local cloud's HTTP gateway, as the h5 client makes it: the answer's raw
 * text (its size is a figure too) and the parsed envelope.
 */
export async function callGateway<T>(gatewayUrl: string, fn: string, action: string, data: unknown, openid = 'bench-reader'): Promise<{ text: string; body: { ok: boolean; data?: T; error?: unknown } }> {
  const res = await fetch(`${gatewayUrl}/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ action, data }),
  });
  const text = await res.text();
  return { text, body: JSON.parse(text) as { ok: boolean; data?: T; error?: unknown } };
}
