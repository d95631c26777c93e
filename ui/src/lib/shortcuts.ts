// Keyboard shortcuts: single keys and two-key sequences (`g m`), matched by
// the key's physical position (`KeyboardEvent.code`), so they work the same
// in the Ukrainian, Russian and English layouts; ignored while typing in a
// field (except Escape), no modifiers but Shift.
//
// A binding's keys are tokens: `a`…`z`, `0`…`9`, `/`, `Enter`, `Escape`, and
// `Shift+A` or `?` (Shift with a letter or the slash), named after the US
// layout printed on the key.

export type NavAction =
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
  | 'search'
  | 'sync'
  | 'help'
  | 'escape';

/** `act:<action>`: a ticket action; the ticket view answers those the domain allows now. */
export type ShortcutAction = NavAction | `act:${string}`;

export type Binding = { keys: string; action: ShortcutAction };

/** Navigation and the app's own commands, in the cheat sheet's order. */
export const NAV_BINDINGS: Binding[] = [
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
  { keys: '/', action: 'search' },
  { keys: 'Shift+S', action: 'sync' },
  { keys: '?', action: 'help' },
  { keys: 'Escape', action: 'escape' },
];

/**
 * The key of each ticket action (by the action's op name). Which actions a
 * ticket offers is the domain's answer; this only says which key runs each.
 */
export const ACTION_KEYS: Record<string, string> = {
  take: 't',
  comment: 'c',
  resolve: 'r',
  request_info: 'i',
  info_received: 'Shift+I',
  postpone: 'p',
  resume: 'u',
  escalate: 'e',
  assign: 'a',
  set_priority: 'Shift+P',
  set_complexity: 'Shift+C',
  change_type: 'Shift+T',
  give_workaround: 'w',
  grant_paper_permission: 'b',
  request_timeline_clarification: 'l',
  give_timeline_conclusion: 'Shift+L',
  propose_reclassification: 'm',
  answer_reclassification: 'Shift+M',
  request_confirmation: 'q',
  reopen: 'o',
  close: 'x',
  reject: 'd',
  add_co_executor: 'h',
  extend_deadline: 'Shift+D',
  link_ticket: 'n',
  rate: 'Shift+R',
};

export const ACTION_BINDINGS: Binding[] = Object.entries(ACTION_KEYS).map(([id, keys]) => ({ keys, action: `act:${id}` as const }));

/** Every binding: navigation first, then the ticket actions. */
export const BINDINGS: Binding[] = [...NAV_BINDINGS, ...ACTION_BINDINGS];

/** The key of an action, as the cheat sheet and the toolbar show it. */
export function actionKey(id: string): string | null {
  return ACTION_KEYS[id] ?? null;
}

/** How a key token is printed: `Esc`, `Shift+P`, `t`. */
export function keyLabel(token: string): string {
  return token === 'Escape' ? 'Esc' : token;
}

/** Keys other than letters and digits, by position: unshifted and with Shift. */
const PUNCTUATION: Record<string, [string, string]> = {
  Slash: ['/', '?'],
  Period: ['.', '>'],
  Comma: [',', '<'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backquote: ['`', '~'],
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  Backslash: ['\\', '|'],
};

export type KeyInput = { key: string; code?: string; shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; editable?: boolean };

/**
 * The token of a key press, by the key's position when the event says it
 * (`code`); else (no `code`: some synthetic events) by the Latin character.
 */
export function keyToken(e: KeyInput): string {
  const code = e.code ?? '';
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return e.shiftKey ? `Shift+${letter[1]}` : letter[1].toLowerCase();
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code);
  if (digit) return e.shiftKey ? `Shift+${digit[1]}` : digit[1];
  const punct = PUNCTUATION[code];
  if (punct) return punct[e.shiftKey ? 1 : 0];
  if (code === 'NumpadEnter') return 'Enter';
  if (code === 'NumpadDivide') return '/';
  const k = e.key;
  if (/^[a-z]$/.test(k)) return k;
  if (/^[A-Z]$/.test(k)) return `Shift+${k}`;
  return k;
}

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
    const key = keyToken(e);
    if (e.editable) {
      this.pending = null;
      return key === 'Escape' ? 'escape' : null;
    }
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

/** The message id that names a binding's action on the cheat sheet. */
export function bindingMessage(b: Binding): string {
  return b.action.startsWith('act:') ? `action.${b.action.slice(4)}` : `shortcuts.${b.action}`;
}
