// Settings form helpers: thresholds as percentages, quiet hours.
import type { Settings } from './contract';

/** Shares → whole percents for the form: [0.75, 0.9, 1] → [75, 90, 100]. */
export function toPercents(shares: number[]): number[] {
  return shares.map((s) => Math.round(s * 100));
}

/** Percents from the form → sorted unique shares in (0, 1]; junk dropped. */
export function toShares(percents: (number | string)[]): number[] {
  const out = new Set<number>();
  for (const p of percents) {
    const n = typeof p === 'string' ? Number(p.replace(',', '.')) : p;
    if (Number.isFinite(n) && n > 0 && n <= 100) out.add(Math.round(n) / 100);
  }
  return [...out].sort((a, b) => a - b);
}

export function isTime(v: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(v);
}

export function normalizeSettings(s: Settings): Settings {
  const thresholds = toShares(toPercents(s.thresholds));
  const quiet = s.quiet_hours && isTime(s.quiet_hours.from) && isTime(s.quiet_hours.to) ? s.quiet_hours : null;
  return { ...s, thresholds: thresholds.length ? thresholds : [0.75, 0.9, 1], quiet_hours: quiet };
}
