// Keyboard shortcuts: single keys and two-key sequences (`g m`), ignored
// while typing in a field (except Escape), no modifiers but Shift.
export type ShortcutAction =
  | 'go-mine'
  | 'go-group'
  | 'go-unassigned'
  | 'go-breaching'
  | 'go-awaiting'
  | 'go-recent'
  | 'go-kb'
  | 'go-attention'
  | 'go-dashboard'
  | 'go-settings'
  | 'next'
  | 'prev'
  | 'open'
  | 'take'
  | 'comment'
  | 'resolve'
  | 'search'
  | 'sync'
  | 'help'
  | 'escape';

export type Binding = { keys: string; action: ShortcutAction };

/** The cheat sheet shows these, in this order. */
export const BINDINGS: Binding[] = [
  { keys: 'g m', action: 'go-mine' },
  { keys: 'g g', action: 'go-group' },
  { keys: 'g u', action: 'go-unassigned' },
  { keys: 'g b', action: 'go-breaching' },
  { keys: 'g w', action: 'go-awaiting' },
  { keys: 'g r', action: 'go-recent' },
  { keys: 'g k', action: 'go-kb' },
  { keys: 'g a', action: 'go-attention' },
  { keys: 'g d', action: 'go-dashboard' },
  { keys: 'g s', action: 'go-settings' },
  { keys: 'j', action: 'next' },
  { keys: 'k', action: 'prev' },
  { keys: 'Enter', action: 'open' },
  { keys: 't', action: 'take' },
  { keys: 'c', action: 'comment' },
  { keys: 'r', action: 'resolve' },
  { keys: '/', action: 'search' },
  { keys: 'S', action: 'sync' },
  { keys: '?', action: 'help' },
  { keys: 'Escape', action: 'escape' },
];

export type KeyInput = { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; editable?: boolean };

export class ShortcutMatcher {
  private pending: string | null = null;
  private pendingAt = 0;
  private map = new Map<string, ShortcutAction>();
  private prefixes = new Set<string>();

  constructor(
    bindings: Binding[] = BINDINGS,
    private timeoutMs = 1500,
  ) {
    for (const b of bindings) {
      this.map.set(b.keys, b.action);
      const parts = b.keys.split(' ');
      if (parts.length > 1) this.prefixes.add(parts[0]);
    }
  }

  /** Feeds one key press; returns the action it completes, if any. */
  handle(e: KeyInput, now: number = Date.now()): ShortcutAction | null {
    if (e.ctrlKey || e.metaKey || e.altKey) {
      this.pending = null;
      return null;
    }
    if (e.editable) {
      this.pending = null;
      return e.key === 'Escape' ? 'escape' : null;
    }
    const key = e.key;
    if (this.pending && now - this.pendingAt <= this.timeoutMs) {
      const seq = `${this.pending} ${key}`;
      this.pending = null;
      const a = this.map.get(seq);
      if (a) return a;
    }
    this.pending = null;
    if (this.prefixes.has(key)) {
      this.pending = key;
      this.pendingAt = now;
      return null;
    }
    return this.map.get(key) ?? null;
  }

  /** A sequence has begun (e.g. `g` pressed): the UI may hint at it. */
  get waiting(): string | null {
    return this.pending;
  }

  reset(): void {
    this.pending = null;
  }
}

/** True for targets where keys are text, not commands. */
export function isEditableTarget(el: EventTarget | null): boolean {
  if (!el || typeof (el as HTMLElement).tagName !== 'string') return false;
  const h = el as HTMLElement;
  const tag = h.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') {
    const type = ((h as HTMLInputElement).type || 'text').toLowerCase();
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
  }
  return h.isContentEditable === true;
}
