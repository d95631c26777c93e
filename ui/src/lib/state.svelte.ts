// Application state shared by the screens (Svelte 5 runes). Talks to the
// backend through `backend.ts`; components read it and call its methods.
import type { Me } from '../bindings/Me';
import { backend, BackendError, onDataChanged, onOpenTicket, onSyncStatus, toBackendError } from './backend';
import { QUEUE_NAMES, type Directory, type QueueName, type Session, type Settings, type SyncStatus } from './contract';
import { translateNow } from '../i18n';
import { describeError } from './errors';
import { syncOutcome, type Outcome } from './outcomes';
import { DEFAULT_ROUTE, formatRoute, parseRoute, type Route } from './route';
import type { ShortcutAction } from './shortcuts';

export type Toast = { id: number; text: string; kind: 'info' | 'error'; key: string | null };

/** At most this many toasts at once; the oldest gives way. */
const MAX_TOASTS = 2;

class AppState {
  session = $state<Session | null>(null);
  sessionError = $state<BackendError | null>(null);
  sync = $state<SyncStatus | null>(null);
  settings = $state<Settings | null>(null);
  counts = $state<Partial<Record<QueueName, number>>>({});
  toasts = $state<Toast[]>([]);
  route = $state<Route>(DEFAULT_ROUTE);
  /** Bumped on every `data-changed`: views reload what they show. */
  dataVersion = $state(0);
  /** The last ticket opened: the KB's «link to this ticket» targets it. */
  currentTicket = $state<string | null>(null);
  /** Handlers the active screen registers for keyboard shortcuts. */
  keys = $state<Partial<Record<ShortcutAction, () => void>>>({});
  cheatSheet = $state(false);
  /** Groups and users seen in queues: suggestions for assign/escalate. */
  knownGroups = $state<string[]>([]);
  knownUsers = $state<string[]>([]);
  /** Names of groups and staff, from the last sync. */
  directory = $state.raw<Directory | null>(null);

  get me(): Me | null {
    return this.session?.me ?? null;
  }

  private toastSeq = 0;
  private unlisten: (() => void)[] = [];

  /**
   * Shows a message; one with the same `key` (or the same text) replaces
   * the one shown, so an outcome is told once and a later word about the
   * same thing takes its place.
   */
  toast(text: string, kind: Toast['kind'] = 'info', key: string | null = null): void {
    const id = ++this.toastSeq;
    const others = this.toasts.filter((t) => t.text !== text && (key === null || t.key !== key));
    this.toasts = [...others, { id, text, kind, key }].slice(-MAX_TOASTS);
    setTimeout(() => (this.toasts = this.toasts.filter((t) => t.id !== id)), kind === 'error' ? 8000 : 5000);
  }

  /** Tells an outcome (`outcomes.ts`) in the current language. */
  tell(o: Outcome | null): void {
    if (!o) return;
    if (o.message === 'outcome.saved_offline') this.promisedSend = true;
    if (['outcome.all_sent', 'outcome.synced', 'outcome.received', 'outcome.up_to_date'].includes(o.message)) this.promisedSend = false;
    this.toast(translateNow()(o.message, o.params), o.kind, o.key);
  }

  /** The analyst was told changes are saved here and will be sent. */
  private promisedSend = false;

  /** A new sync status: kept, and its change told when it is an outcome. */
  setSync(s: SyncStatus): void {
    const prev = this.sync;
    this.sync = s;
    this.tell(syncOutcome(prev, s, this.promisedSend));
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  navigate(r: Route): void {
    const h = formatRoute(r);
    if (typeof location !== 'undefined' && location.hash !== h) location.hash = h;
    this.route = r;
  }

  syncRouteFromHash(): void {
    this.route = parseRoute(typeof location !== 'undefined' ? location.hash : '');
  }

  async start(): Promise<void> {
    this.syncRouteFromHash();
    // Asked together: each is a round trip to the app's core.
    const [session, settings, ...unlisten] = await Promise.all([
      backend.sessionGet().catch((e: unknown) => {
        this.sessionError = toBackendError(e);
        return { server: null, me: null };
      }),
      backend.settingsGet().catch(() => null),
      onSyncStatus((s) => {
        this.setSync(s);
        if (s.connectivity === 'sign_in_required' && this.session?.me) this.session = { ...this.session, me: null };
      }),
      onDataChanged(() => {
        this.dataVersion++;
        void this.refreshCounts();
        void this.refreshDirectory();
      }),
      onOpenTicket((number) => this.navigate({ screen: 'ticket', number })),
    ]);
    performance.mark('helpdesk:session');
    this.session = session;
    this.settings = settings;
    this.unlisten.push(...unlisten);
    if (this.me) await this.afterSignIn();
  }

  /** The status bar first; the sidebar's counts follow without holding up the window. */
  async afterSignIn(): Promise<void> {
    await this.refreshSync();
    void this.refreshCounts();
    void this.refreshDirectory();
  }

  async refreshDirectory(): Promise<void> {
    if (!this.me) return;
    try {
      this.directory = await backend.directory();
    } catch (e) {
      this.handleError(e);
    }
  }

  /** Groups to hand a ticket to: the directory's, else those seen. */
  groupChoices(): { id: string; label: string }[] {
    const ids = new Set([...(this.directory?.groups.map((g) => g.id) ?? []), ...this.knownGroups, ...(this.me?.groups.map((g) => g.id) ?? [])]);
    return [...ids].map((id) => ({ id, label: this.groupName(id) })).sort((a, b) => a.label.localeCompare(b.label));
  }

  /** Active staff to assign a ticket to: the directory's, else those seen. */
  userChoices(): { id: string; label: string }[] {
    const listed = this.directory?.users.filter((u) => u.active) ?? [];
    const ids = new Set([...listed.map((u) => u.id), ...(listed.length ? [] : this.knownUsers)]);
    return [...ids].map((id) => ({ id, label: this.userName(id) })).sort((a, b) => a.label.localeCompare(b.label));
  }

  async refreshSync(): Promise<void> {
    try {
      this.setSync(await backend.syncStatus());
    } catch (e) {
      this.handleError(e);
    }
  }

  async refreshCounts(): Promise<void> {
    if (!this.me) return;
    try {
      const c = await backend.queueCounts();
      this.counts = Object.fromEntries(QUEUE_NAMES.map((q) => [q, c[q]]));
    } catch (e) {
      this.handleError(e);
    }
  }

  /** Groups and users seen in a queue: suggestions for assign/escalate. */
  noteSeen(seenGroups: string[], owners: string[]): void {
    const groups = new Set(this.knownGroups);
    const users = new Set(this.knownUsers);
    for (const g of this.me?.groups ?? []) groups.add(g.id);
    for (const g of seenGroups) groups.add(g);
    for (const o of owners) users.add(o);
    if (groups.size !== this.knownGroups.length) this.knownGroups = [...groups].sort();
    if (users.size !== this.knownUsers.length) this.knownUsers = [...users].sort();
  }

  /** Branches on the error code; returns true when it was handled quietly. */
  handleError(e: unknown): boolean {
    const err = toBackendError(e);
    if (err.code === 'not_signed_in' || err.code === 'sign_in_required') {
      if (this.session) this.session = { ...this.session, me: null };
      return true;
    }
    if (err.code === 'offline' || err.code === 'network') return true; // shown in the status bar
    this.toast(describeError(translateNow(), err), 'error');
    return false;
  }

  async signedOut(): Promise<void> {
    try {
      await backend.logout();
    } finally {
      this.session = { server: this.session?.server ?? null, me: null };
    }
  }

  groupName(id: string): string {
    return this.directory?.groups.find((g) => g.id === id)?.name ?? this.me?.groups.find((g) => g.id === id)?.name ?? id;
  }

  userName(id: string | null): string {
    if (!id) return '—';
    if (this.me && (id === this.me.id || id === this.me.username)) return this.me.display_name;
    return this.directory?.users.find((u) => u.id === id || u.username === id)?.display_name ?? id;
  }
}

export const app = new AppState();
