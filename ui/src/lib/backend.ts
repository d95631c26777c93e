// The ONLY module that reaches Tauri (invoke + listen). Components and the
// rest of `lib/` call the typed functions below.
//
// Demo mode (UI development and screenshots only): when the page is NOT
// inside Tauri (`window.__TAURI_INTERNALS__` is absent) AND its URL carries
// `?demo`, every command is answered by an in-memory fake backend with
// Ukrainian sample data (`demo-data.ts`, loaded lazily so it never weighs on
// the real app). `?demo&lang=en` picks the language, `?demo=big` loads
// 10,000 tickets, `?demo=offline` starts offline, `?demo=signedout` shows
// the sign-in screen. Outside Tauri and without `?demo`, every call fails
// with `{code: "no_backend"}`.
import { invoke as tauriInvoke } from '@tauri-apps/api/core';
import { listen as tauriListen, type UnlistenFn } from '@tauri-apps/api/event';
import type { Article } from '../bindings/Article';
import type { ArticleInput } from '../bindings/ArticleInput';
import type { ArticleStatus } from '../bindings/ArticleStatus';
import type { ArticleUsage } from '../bindings/ArticleUsage';
import type { KbComment } from '../bindings/KbComment';
import type { KpiSeries } from '../bindings/KpiSeries';
import type { ReviewDue } from '../bindings/ReviewDue';
import type { RevisionOutcome } from '../bindings/RevisionOutcome';
import type { EditorialItem } from '../bindings/client/EditorialItem';
import type { KbEdit } from '../bindings/client/KbEdit';
import type { ReportRequest } from '../bindings/client/ReportRequest';
import type { RevisionView } from '../bindings/client/RevisionView';
import type { Me } from '../bindings/Me';
import type { Op } from '../bindings/Op';
import type {
  AttentionItem,
  BackendErrorShape,
  Dashboard,
  Directory,
  QueueCounts,
  QueueItem,
  QueueName,
  SearchHit,
  Session,
  Settings,
  SyncReport,
  SyncStatus,
  TicketDetail,
} from './contract';

export class BackendError extends Error implements BackendErrorShape {
  code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Normalises whatever a rejected invoke carries into `{code, message}`. */
export function toBackendError(e: unknown): BackendError {
  if (e instanceof BackendError) return e;
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    const o = e as { code: string; message?: unknown };
    return new BackendError(o.code, typeof o.message === 'string' ? o.message : o.code);
  }
  if (typeof e === 'string') {
    try {
      return toBackendError(JSON.parse(e));
    } catch {
      return new BackendError('internal', e);
    }
  }
  return new BackendError('internal', e instanceof Error ? e.message : String(e));
}

type Invoke = (cmd: string, args?: Record<string, unknown>) => Promise<unknown>;
type Listen = (event: string, handler: (payload: unknown) => void) => Promise<() => void>;

export interface Transport {
  invoke: Invoke;
  listen: Listen;
}

function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

export function demoMode(): string | null {
  if (typeof window === 'undefined' || inTauri()) return null;
  const p = new URLSearchParams(window.location.search);
  return p.has('demo') ? p.get('demo') || 'on' : null;
}

const tauriTransport: Transport = {
  invoke: (cmd, args) => tauriInvoke(cmd, args),
  listen: async (event, handler) => {
    const un: UnlistenFn = await tauriListen(event, (e) => handler(e.payload));
    return un;
  },
};

const noTransport: Transport = {
  invoke: async () => {
    throw new BackendError('no_backend', 'Not running inside the desktop app (add ?demo to the URL for sample data).');
  },
  listen: async () => () => {},
};

let transportPromise: Promise<Transport> | null = null;

function transport(): Promise<Transport> {
  if (!transportPromise) {
    if (inTauri()) transportPromise = Promise.resolve(tauriTransport);
    else if (demoMode()) transportPromise = import('./demo-data').then((m) => m.createDemoTransport(demoMode() ?? 'on'));
    else transportPromise = Promise.resolve(noTransport);
  }
  return transportPromise;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  const t = await transport();
  try {
    return (await t.invoke(cmd, args)) as T;
  } catch (e) {
    throw toBackendError(e);
  }
}

export const backend = {
  sessionGet: () => call<Session>('session_get'),
  login: (server: string, username: string, password: string) => call<Me>('login', { server, username, password }),
  logout: () => call<void>('logout'),
  syncNow: () => call<SyncReport>('sync_now'),
  syncStatus: () => call<SyncStatus>('sync_status'),
  queue: (name: QueueName) => call<QueueItem[]>('queue', { name }),
  queueCounts: () => call<QueueCounts>('queue_counts'),
  directory: () => call<Directory>('directory'),
  ticket: (number: string) => call<TicketDetail>('ticket', { number }),
  act: (number: string, op: Op) => call<TicketDetail>('act', { number, op }),
  kbSearch: (query: string) => call<SearchHit[]>('kb_search', { query }),
  kbArticle: (id: string) => call<Article>('kb_article', { id }),
  kbSuggest: (number: string) => call<SearchHit[]>('kb_suggest', { number }),
  attentionList: () => call<AttentionItem[]>('attention_list'),
  attentionRetry: (seq: number) => call<void>('attention_retry', { seq }),
  attentionDiscard: (seq: number) => call<void>('attention_discard', { seq }),
  settingsGet: () => call<Settings>('settings_get'),
  settingsSet: (settings: Settings) => call<void>('settings_set', { settings }),
  dashboard: () => call<Dashboard>('dashboard'),
  // The knowledge base's editorial cycle and the group report: online (src-tauri/src/editorial.rs).
  kbEditorialList: (statuses: ArticleStatus[], query: string | null) => call<EditorialItem[]>('kb_editorial_list', { statuses, query }),
  kbCreate: (input: ArticleInput) => call<Article>('kb_create', { input }),
  kbEdit: (id: string, input: ArticleInput, baseVersion: number | null) => call<KbEdit>('kb_edit', { id, input, baseVersion }),
  kbMove: (id: string, to: ArticleStatus, comment: string | null) => call<Article>('kb_move', { id, to, comment }),
  kbRevision: (id: string) => call<RevisionView | null>('kb_revision', { id }),
  kbRevisionMove: (id: string, to: ArticleStatus, comment: string | null) => call<RevisionOutcome>('kb_revision_move', { id, to, comment }),
  kbReviewed: (id: string, nextReview: string | null, comment: string | null) => call<Article>('kb_reviewed', { id, nextReview, comment }),
  kbReviewDue: (mine: boolean) => call<ReviewDue[]>('kb_review_due', { mine }),
  kbComments: (id: string) => call<KbComment[]>('kb_comments', { id }),
  kbComment: (id: string, text: string) => call<KbComment>('kb_comment', { id, text }),
  kbUsage: (id: string) => call<ArticleUsage>('kb_usage', { id }),
  kpiSeries: (request: ReportRequest) => call<KpiSeries>('kpi_series', { request }),
  kpiExportCsv: (request: ReportRequest) => call<string>('kpi_export_csv', { request }),
};

export type Backend = typeof backend;

/** Backend events: `sync-status`, `data-changed`, `open-ticket`. */
export async function onSyncStatus(h: (s: SyncStatus) => void): Promise<() => void> {
  return (await transport()).listen('sync-status', (p) => h(p as SyncStatus));
}
export async function onDataChanged(h: () => void): Promise<() => void> {
  return (await transport()).listen('data-changed', () => h());
}
export async function onOpenTicket(h: (number: string) => void): Promise<() => void> {
  return (await transport()).listen('open-ticket', (p) => {
    const n = (p as { number?: unknown })?.number;
    if (typeof n === 'string') h(n);
  });
}
