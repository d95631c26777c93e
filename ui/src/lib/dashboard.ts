// Dashboard series from the weekly stats, and the group report's series from
// the server's KPI report. Figures come from Rust (the client's dashboard,
// the server's report); this module only lines them up for the charts and
// converts seconds to hours for display.
import type { KpiReport } from '../bindings/KpiReport';
import type { KpiRow } from '../bindings/KpiRow';
import type { KpiSeries } from '../bindings/KpiSeries';
import type { Dashboard, WeekStat } from './contract';
import { formatDate, formatWeek } from './format';

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

const hours = (seconds: number | null) => (seconds == null ? null : seconds / 3600);

/** The row of `group` (or the total, `all`) of one period of the report. */
export function rowOf(report: KpiReport, group: string): KpiRow {
  return group === 'all' ? report.total : (report.rows.find((r) => r.group === group) ?? report.total);
}

/** The report's periods as chart columns for one group (or `all`). */
export function reportSeries(s: KpiSeries, group: string, lang: string) {
  const rows = s.periods.map((p) => rowOf(p, group));
  return {
    labels: s.periods.map((p) => formatDate(p.from.slice(0, 10), lang)),
    withinSla: rows.map((r) => r.share_within_sla),
    mttrHours: rows.map((r) => hours(r.mttr_seconds)),
    mtbfHours: rows.map((r) => hours(r.mtbf_seconds)),
    meanAnswerHours: rows.map((r) => hours(r.mean_answer_seconds)),
    answered: rows.map((r) => r.answered),
    answeredFromKb: rows.map((r) => r.answered_from_kb),
    breached: rows.map((r) => r.breached),
  };
}

export { hours as secondsToHours };
