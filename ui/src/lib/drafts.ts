// Drafts of comments and dialog texts, kept in localStorage so that closing
// the app (or a crash) loses nothing. Keyed by ticket and field.
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

type Stored = { text: string; at: number; extra?: Record<string, string> };

export const DRAFT_PREFIX = 'helpdesk.draft.';
export const DRAFT_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

export class Drafts {
  constructor(
    private storage: KeyValueStore | null,
    private now: () => number = () => Date.now(),
  ) {}

  private key(ticket: string, field: string): string {
    return `${DRAFT_PREFIX}${ticket}.${field}`;
  }

  get(ticket: string, field: string): string {
    return this.read(ticket, field)?.text ?? '';
  }

  /** Extra values kept with a draft (e.g. a dialog's chosen reason). */
  getExtra(ticket: string, field: string): Record<string, string> {
    return this.read(ticket, field)?.extra ?? {};
  }

  private read(ticket: string, field: string): Stored | null {
    if (!this.storage) return null;
    try {
      const raw = this.storage.getItem(this.key(ticket, field));
      if (!raw) return null;
      const v = JSON.parse(raw) as Stored;
      return typeof v?.text === 'string' ? v : null;
    } catch {
      return null;
    }
  }

  /** Saves (empty text and no extras → removes). */
  set(ticket: string, field: string, text: string, extra?: Record<string, string>): void {
    if (!this.storage) return;
    const hasExtra = extra && Object.values(extra).some((v) => v !== '');
    try {
      if (!text.trim() && !hasExtra) this.storage.removeItem(this.key(ticket, field));
      else this.storage.setItem(this.key(ticket, field), JSON.stringify({ text, at: this.now(), extra: hasExtra ? extra : undefined }));
    } catch {
      /* storage full or unavailable: drafts are best effort */
    }
  }

  clear(ticket: string, field: string): void {
    this.storage?.removeItem(this.key(ticket, field));
  }

  /** The ticket numbers with a draft. */
  tickets(): string[] {
    const out = new Set<string>();
    for (const k of this.keys()) {
      const rest = k.slice(DRAFT_PREFIX.length);
      const dot = rest.lastIndexOf('.');
      if (dot > 0) out.add(rest.slice(0, dot));
    }
    return [...out].sort();
  }

  /** Forgets drafts older than `maxAge` (run at start-up). Returns how many. */
  prune(maxAge = DRAFT_MAX_AGE_MS): number {
    if (!this.storage) return 0;
    let n = 0;
    for (const k of this.keys()) {
      try {
        const v = JSON.parse(this.storage.getItem(k) ?? 'null') as Stored | null;
        if (!v || this.now() - v.at > maxAge) {
          this.storage.removeItem(k);
          n++;
        }
      } catch {
        this.storage.removeItem(k);
        n++;
      }
    }
    return n;
  }

  private keys(): string[] {
    if (!this.storage) return [];
    const out: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const k = this.storage.key(i);
      if (k?.startsWith(DRAFT_PREFIX)) out.push(k);
    }
    return out;
  }
}

export function browserDrafts(): Drafts {
  let storage: KeyValueStore | null = null;
  try {
    storage = typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    storage = null;
  }
  return new Drafts(storage);
}
