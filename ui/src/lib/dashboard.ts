// Dashboard series and summaries from the weekly stats.
import type { Dashboard, WeekStat } from './contract';
import { formatWeek } from './format';

export function chartSeries(d: Dashboard, lang: string) {
  const weeks = [...new Set([...d.mine, ...d.groups].map((w) => w.starts))].sort();
  const by = (list: WeekStat[]) => new Map(list.map((w) => [w.starts, w]));
  const mine = by(d.mine);
  const groups = by(d.groups);
  const col = <K extends keyof WeekStat>(m: Map<string, WeekStat>, k: K) => weeks.map((w) => (m.get(w)?.[k] ?? null) as number | null);
  return {
    labels: weeks.map((w) => formatWeek(w, lang)),
    within: { mine: col(mine, 'share_within_sla'), groups: col(groups, 'share_within_sla') },
    breaches: { mine: col(mine, 'breaches'), groups: col(groups, 'breaches') },
    mttr: { mine: col(mine, 'mttr_hours'), groups: col(groups, 'mttr_hours') },
    resolved: { mine: col(mine, 'resolved'), groups: col(groups, 'resolved') },
  };
}

/** Totals over the period; the share is within/resolved, MTTR weighted by tickets resolved. */
export function summarize(weeks: WeekStat[]): { resolved: number; breaches: number; withinShare: number | null; mttrHours: number | null } {
  let resolved = 0;
  let breaches = 0;
  let within = 0;
  let wMttr = 0;
  let nMttr = 0;
  for (const w of weeks) {
    resolved += w.resolved;
    breaches += w.breaches;
    within += w.within_sla;
    if (w.mttr_hours != null) {
      wMttr += w.mttr_hours * w.resolved;
      nMttr += w.resolved;
    }
  }
  return { resolved, breaches, withinShare: resolved ? within / resolved : null, mttrHours: nMttr ? wMttr / nMttr : null };
}
