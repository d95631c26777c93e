// The portal's calls to the HELP DESK API on the same origin (/api/v1).
// Every failure becomes a PortalError with the server's code, which the
// pages translate; the sign-in token lives in this tab's session storage.
import type { Availability } from '../../src/bindings/Availability';
import type { LoginResponse } from '../../src/bindings/LoginResponse';
import type { NewTicket } from '../../src/bindings/NewTicket';
import type { Op } from '../../src/bindings/Op';
import type { TicketList } from '../../src/bindings/TicketList';
import type { TicketView } from '../../src/bindings/TicketView';
import type { PortalForm } from '../../src/bindings/portal/PortalForm';

export type { Availability, NewTicket, Op, PortalForm, TicketList, TicketView };

export class PortalError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The request's fields the server names (JSON paths), for the form to mark. */
    readonly fields: string[] = [],
    /** The values the error's sentence names (the op, the status, the field…). */
    readonly params: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A file stored by the server, to cite in a registration. */
export type Uploaded = { name: string; sha256: string; size: number };

const TOKEN_KEY = 'helpdesk.portal.token';
const NAME_KEY = 'helpdesk.portal.name';
const ID_KEY = 'helpdesk.portal.id';

/** The signed-in requester's user id (their own comments are theirs). */
export function myId(): string | null {
  return sessionStorage.getItem(ID_KEY);
}

export function signedInName(): string | null {
  return sessionStorage.getItem(TOKEN_KEY) ? sessionStorage.getItem(NAME_KEY) : null;
}

async function call<T>(method: string, path: string, body?: unknown, file?: File): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (file) headers['Content-Type'] = file.type || 'application/octet-stream';
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, body: file ?? (body === undefined ? undefined : JSON.stringify(body)) });
  } catch {
    throw new PortalError('offline', 'the server cannot be reached');
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    if (response.status === 401) sessionStorage.removeItem(TOKEN_KEY);
    throw new PortalError(data?.code ?? (response.status === 413 ? 'too_large' : 'internal'), data?.message ?? response.statusText, data?.fields ?? [], data?.params ?? {});
  }
  return data as T;
}

export async function signIn(username: string, password: string): Promise<string> {
  const answer = await call<LoginResponse>('POST', '/auth/login', { username, password });
  sessionStorage.setItem(TOKEN_KEY, answer.token);
  sessionStorage.setItem(NAME_KEY, answer.me.display_name);
  sessionStorage.setItem(ID_KEY, answer.me.id);
  return answer.me.display_name;
}

export async function signOut(): Promise<void> {
  try {
    await call('POST', '/auth/logout');
  } finally {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(NAME_KEY);
    sessionStorage.removeItem(ID_KEY);
  }
}

export const myTickets = () => call<TicketList>('GET', '/tickets?limit=200');
export const ticket = (number: string) => call<TicketView>('GET', `/tickets/${encodeURIComponent(number)}`);
export const actions = (number: string) => call<Availability[]>('GET', `/tickets/${encodeURIComponent(number)}/actions`);
export const act = (number: string, op: Op, baseVersion: number) =>
  call<TicketView>('POST', `/tickets/${encodeURIComponent(number)}/ops`, { op, base_version: baseVersion });
export const register = (form: NewTicket) => call<TicketView>('POST', '/tickets', form);

export function form(type: string, service: string, kind: string): Promise<PortalForm> {
  const q = new URLSearchParams({ type });
  if (service) q.set('service', service);
  if (kind) q.set('kind', kind);
  return call<PortalForm>('GET', `/portal/form?${q}`);
}

/** Stores `file` on the server (`POST /attachments`); the registration cites its hash. */
export async function upload(file: File): Promise<Uploaded> {
  const stored = await call<{ sha256: string; size: number }>('POST', '/attachments', undefined, file);
  return { name: file.name, sha256: stored.sha256, size: stored.size };
}

/** The attachment's bytes, for a link the requester can open. */
export async function download(sha256: string): Promise<Blob> {
  const headers: Record<string, string> = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`/api/v1/attachments/${encodeURIComponent(sha256)}`, { headers });
  if (!response.ok) throw new PortalError(response.status === 404 ? 'not_found' : 'internal', response.statusText);
  return response.blob();
}

/** When the answer to a proposed reclassification is due (002 §7.3.4), by the server's rule. */
export const reclassificationDue = (number: string) => call<{ due: string | null }>('GET', `/tickets/${encodeURIComponent(number)}/reclassification-due`);
