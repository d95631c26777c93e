// The ONLY module that reaches Tauri (invoke + listen). Components and the
// rest of `lib/` call the typed functions below.
//
// Outside the desktop app every call fails with `{code: "no_backend"}`:
// the UI has no data or rules of its own (the Rust client decides), so
// there is no in-browser stand-in for it. Work on the UI inside the app:
// `.ci/start` runs a demo server and the app signed in to it.
import { invoke as tauriInvoke } from '@tauri-apps/api/core';
import { listen as tauriListen, type UnlistenFn } from '@tauri-apps/api/event';
import type { ArticleInput } from '../bindings/ArticleInput';
import type { ArticleStatus } from '../bindings/ArticleStatus';
import type { ReportRequest } from '../bindings/client/ReportRequest';
import type { Op } from '../bindings/Op';
import type { Channel } from '../bindings/Channel';
import type { NewTicket } from '../bindings/NewTicket';
import type { RequesterKind } from '../bindings/RequesterKind';
import type { TicketType } from '../bindings/TicketType';
import type { ErrorCode } from '../bindings/client/ErrorCode';
import type { CommandName, Commands, EventName, Events } from '../bindings/client/ipc';
import type { BackendErrorShape, Settings, SyncStatus } from './contract';
import type { QueueQuery } from '../bindings/client/QueueQuery';

/**
 * An error of the backend: `code` is one of the codes declared in Rust
 * (`ErrorCode`), or a UI-side one (`no_backend`, `internal`); `message` is
 * English, for logs only — the UI shows `describeError` (`errors.ts`).
 */
export class BackendError extends Error {
  code: ErrorCode | UiErrorCode | (string & {});
  params: Record<string, unknown>;
  constructor(code: string, message: string, params: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.params = params;
  }
}

/** Errors the UI raises itself, without a backend. */
export type UiErrorCode = 'no_backend' | 'internal';

/** Normalises whatever a rejected invoke carries into `{code, message, params}`. */
export function toBackendError(e: unknown): BackendError {
  if (e instanceof BackendError) return e;
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    const o = e as Partial<BackendErrorShape> & { code: string; message?: unknown; params?: unknown };
    const params = o.params && typeof o.params === 'object' ? (o.params as Record<string, unknown>) : {};
    return new BackendError(o.code, typeof o.message === 'string' ? o.message : o.code, params);
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

const tauriTransport: Transport = {
  invoke: (cmd, args) => tauriInvoke(cmd, args),
  listen: async (event, handler) => {
    const un: UnlistenFn = await tauriListen(event, (e) => handler(e.payload));
    return un;
  },
};

const noTransport: Transport = {
  invoke: async () => {
    throw new BackendError('no_backend', 'Not running inside the desktop app.');
  },
  listen: async () => () => {},
};

let transportPromise: Promise<Transport> | null = null;

function transport(): Promise<Transport> {
  if (!transportPromise) {
    if (inTauri()) transportPromise = Promise.resolve(tauriTransport);
    else transportPromise = Promise.resolve(noTransport);
  }
  return transportPromise;
}

async function call<K extends CommandName>(cmd: K, ...rest: keyof Commands[K]['args'] extends never ? [] : [Commands[K]['args']]): Promise<Commands[K]['result']> {
  const t = await transport();
  try {
    return (await t.invoke(cmd, rest[0])) as Commands[K]['result'];
  } catch (e) {
    throw toBackendError(e);
  }
}

// Every command of the IPC contract (`helpdesk_client::ipc`, generated into
// `../bindings/client/ipc.ts`): a command or argument renamed in Rust fails
// the type check here.
export const backend = {
  sessionGet: () => call('session_get'),
  login: (server: string, username: string, password: string) => call('login', { server, username, password }),
  logout: () => call('logout'),
  syncNow: () => call('sync_now'),
  syncStatus: () => call('sync_status'),
  queueWindow: (query: QueueQuery) => call('queue_window', { query }),
  queueCounts: () => call('queue_counts'),
  directory: () => call('directory'),
  ticket: (number: string) => call('ticket', { number }),
  act: (number: string, op: Op) => call('act', { number, op }),
  kbSearch: (query: string) => call('kb_search', { query }),
  kbArticle: (id: string) => call('kb_article', { id }),
  kbSuggest: (number: string) => call('kb_suggest', { number }),
  ticketSearch: (query: string) => call('ticket_search', { query }),
  attentionList: () => call('attention_list'),
  attentionRetry: (seq: number, text: string | null = null) => call('attention_retry', { seq, text }),
  attentionDiscard: (seq: number) => call('attention_discard', { seq }),
  settingsGet: () => call('settings_get'),
  settingsSet: (settings: Settings) => call('settings_set', { settings }),
  dashboard: () => call('dashboard'),
  // The knowledge base's editorial cycle and the group report: online.
  kbEditorialList: (statuses: ArticleStatus[], query: string | null) => call('kb_editorial_list', { statuses, query }),
  kbCreate: (input: ArticleInput) => call('kb_create', { input }),
  kbEdit: (id: string, input: ArticleInput, baseVersion: number | null) => call('kb_edit', { id, input, base_version: baseVersion }),
  kbMove: (id: string, to: ArticleStatus, comment: string | null) => call('kb_move', { id, to, comment }),
  kbRevision: (id: string) => call('kb_revision', { id }),
  kbRevisionMove: (id: string, to: ArticleStatus, comment: string | null) => call('kb_revision_move', { id, to, comment }),
  kbReviewed: (id: string, nextReview: string | null, comment: string | null) =>
    call('kb_reviewed', { id, next_review: nextReview, comment }),
  kbReviewDue: (mine: boolean) => call('kb_review_due', { mine }),
  kbComments: (id: string) => call('kb_comments', { id }),
  kbComment: (id: string, text: string) => call('kb_comment', { id, text }),
  kbUsage: (id: string) => call('kb_usage', { id }),
  kpiSeries: (request: ReportRequest) => call('kpi_series', { request }),
  kpiExportCsv: (request: ReportRequest) => call('kpi_export_csv', { request }),
  // L1 registration from the desk: the form's fields and matrix come from the domain.
  registrationForm: (ticketType: TicketType, channel: Channel, kind: RequesterKind | null) =>
    call('registration_form', { ticket_type: ticketType, channel, kind }),
  registerTicket: (ticket: NewTicket) => call('register_ticket', { ticket }),
  refusedRegistrations: () => call('refused_registrations'),
  discardRegistration: (seq: number) => call('discard_registration', { seq }),
  resendRegistration: (seq: number, ticket: NewTicket) => call('resend_registration', { seq, ticket }),
} satisfies Record<string, (...args: never[]) => Promise<unknown>>;

export type Backend = typeof backend;

/** Listens to an event of the IPC contract with its payload's type. */
async function on<E extends EventName>(event: E, h: (payload: Events[E]) => void): Promise<() => void> {
  return (await transport()).listen(event, (p) => h(p as Events[E]));
}

/** Backend events: `sync-status`, `data-changed`, `open-ticket` (declared in `helpdesk_client::ipc`). */
export async function onSyncStatus(h: (s: SyncStatus) => void): Promise<() => void> {
  return on('sync-status', h);
}
export async function onDataChanged(h: () => void): Promise<() => void> {
  return on('data-changed', () => h());
}
export async function onOpenTicket(h: (number: string) => void): Promise<() => void> {
  return on('open-ticket', (p) => {
    const n = p?.number;
    if (typeof n === 'string') h(n);
  });
}
