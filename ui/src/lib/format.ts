// Dates and times in the user's locale (Intl); deadlines in the ticket's
// calendar time zone.
import type { Language } from './contract';

const LOCALES: Record<Language, string> = { uk: 'uk-UA', en: 'en-GB', ru: 'ru-RU' };

export function intlLocale(lang: string): string {
  return LOCALES[lang as Language] ?? lang;
}

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: string, timeZone: string | undefined, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone ?? ''}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(intlLocale(lang), { ...opts, timeZone });
    } catch {
      f = new Intl.DateTimeFormat(intlLocale(lang), opts);
    }
    cache.set(key, f);
  }
  return f;
}

function toDate(v: string | Date): Date | null {
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** «пн 14.04.2025, 09:30» — a moment, optionally in a given zone. */
export function formatDateTime(v: string | Date | null | undefined, lang: string, timeZone?: string): string {
  if (v == null) return '—';
  const d = toDate(v);
  if (!d) return String(v);
  return formatter(lang, timeZone, { weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** A compact moment for lists: time today, else day and month. */
export function formatShort(v: string | Date | null | undefined, lang: string, now: Date = new Date(), timeZone?: string): string {
  if (v == null) return '—';
  const d = toDate(v);
  if (!d) return String(v);
  const dayFmt = formatter(lang, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  if (dayFmt.format(d) === dayFmt.format(now)) return formatter(lang, timeZone, { hour: '2-digit', minute: '2-digit' }).format(d);
  return formatter(lang, timeZone, { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** A calendar date (`2025-04-14`, no zone: it is already a local date of the calendar). */
export function formatDate(v: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) {
    const d = toDate(v);
    return d ? formatter(lang, undefined, { weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d) : v;
  }
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], 12));
  return formatter(lang, 'UTC', { weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** A week's first day as a short label for charts: «14.04». */
export function formatWeek(v: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (!m) return v;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], 12));
  return formatter(lang, 'UTC', { day: '2-digit', month: '2-digit' }).format(d);
}

export function formatPercent(share: number | null | undefined, lang: string): string {
  if (share == null || Number.isNaN(share)) return '—';
  return new Intl.NumberFormat(intlLocale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A number with one decimal in the locale's way (`26,0` in Ukrainian). */
export function formatDecimal(n: number, lang: string): string {
  return new Intl.NumberFormat(intlLocale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}
