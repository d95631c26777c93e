import { describe, expect, it } from 'vitest';
import { TOOLBAR } from './actions';
import { ACTION_KEYS, BINDINGS, bindingMessage, isEditableTarget, keyToken, ShortcutMatcher } from './shortcuts';
import { translator } from './testing';

describe('shortcuts', () => {
  it('two-key sequences for navigation', () => {
    const m = new ShortcutMatcher();
    expect(m.handle({ key: 'g', code: 'KeyG' }, 0)).toBeNull();
    expect(m.waiting).toBe('g');
    expect(m.handle({ key: 'm', code: 'KeyM' }, 100)).toBe('go-mine');
    expect(m.handle({ key: 'g', code: 'KeyG' }, 200)).toBeNull();
    expect(m.handle({ key: 'g', code: 'KeyG' }, 300)).toBe('go-group');
    m.handle({ key: 'g', code: 'KeyG' }, 400);
    expect(m.handle({ key: 'u', code: 'KeyU' }, 500)).toBe('go-unassigned');
    m.handle({ key: 'g', code: 'KeyG' }, 600);
    expect(m.handle({ key: 'k', code: 'KeyK' }, 700)).toBe('go-kb');
  });
  it('a sequence times out; the second key then acts alone', () => {
    const m = new ShortcutMatcher(undefined, 1000);
    m.handle({ key: 'g', code: 'KeyG' }, 0);
    expect(m.handle({ key: 'k', code: 'KeyK' }, 5000)).toBe('prev');
  });
  it('single keys', () => {
    const m = new ShortcutMatcher();
    expect(m.handle({ key: 'j', code: 'KeyJ' })).toBe('next');
    expect(m.handle({ key: 'k', code: 'KeyK' })).toBe('prev');
    expect(m.handle({ key: 'Enter', code: 'Enter' })).toBe('open');
    expect(m.handle({ key: 't', code: 'KeyT' })).toBe('act:take');
    expect(m.handle({ key: 'c', code: 'KeyC' })).toBe('act:comment');
    expect(m.handle({ key: 'r', code: 'KeyR' })).toBe('act:resolve');
    expect(m.handle({ key: '/', code: 'Slash' })).toBe('search');
    expect(m.handle({ key: '?', code: 'Slash', shiftKey: true })).toBe('help');
    expect(m.handle({ key: 'S', code: 'KeyS', shiftKey: true })).toBe('sync');
    expect(m.handle({ key: 'P', code: 'KeyP', shiftKey: true })).toBe('act:set_priority');
    expect(m.handle({ key: 'y', code: 'KeyY' })).toBeNull();
  });
  it('match the key by its place: the same keys in the Ukrainian and Russian layouts', () => {
    const m = new ShortcutMatcher();
    // The T key types «е» in both; the G and M keys «п» and «ь».
    expect(m.handle({ key: 'е', code: 'KeyT' })).toBe('act:take');
    m.handle({ key: 'п', code: 'KeyG' }, 0);
    expect(m.handle({ key: 'ь', code: 'KeyM' }, 100)).toBe('go-mine');
    // Shift+/ is «,» in the Ukrainian layout, «?» in the English one: help either way.
    expect(m.handle({ key: ',', code: 'Slash', shiftKey: true })).toBe('help');
    // The «.» key of the Ukrainian layout sits where the English «/» is.
    expect(m.handle({ key: '.', code: 'Slash' })).toBe('search');
    // Shift+S types «І» in Ukrainian, «Ы» in Russian.
    expect(m.handle({ key: 'І', code: 'KeyS', shiftKey: true })).toBe('sync');
    expect(m.handle({ key: 'Ы', code: 'KeyS', shiftKey: true })).toBe('sync');
    // A Cyrillic letter typed where an English one has no binding does nothing.
    expect(m.handle({ key: 'н', code: 'KeyY' })).toBeNull();
  });
  it('without a code (some synthetic events) a Latin character still works, a Cyrillic one does not guess', () => {
    expect(keyToken({ key: 't' })).toBe('t');
    expect(keyToken({ key: 'T', shiftKey: true })).toBe('Shift+T');
    expect(keyToken({ key: 'Escape', code: 'Escape' })).toBe('Escape');
    expect(new ShortcutMatcher().handle({ key: 'е' })).toBeNull();
  });
  it('ignored while typing (except Escape) and with modifiers', () => {
    const m = new ShortcutMatcher();
    expect(m.handle({ key: 't', code: 'KeyT', editable: true })).toBeNull();
    expect(m.handle({ key: 'Escape', code: 'Escape', editable: true })).toBe('escape');
    expect(m.handle({ key: 'r', code: 'KeyR', ctrlKey: true })).toBeNull();
    m.handle({ key: 'g', code: 'KeyG' });
    expect(m.handle({ key: 'm', code: 'KeyM', editable: true })).toBeNull();
  });
  it('every action of the toolbar has a key of its own, and every binding a name on the cheat sheet', () => {
    for (const id of TOOLBAR) expect(ACTION_KEYS[id], id).toBeTruthy();
    const keys = BINDINGS.map((b) => b.keys);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    // A sequence's first key is not a key of its own.
    const prefixes = new Set(keys.filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]));
    expect(keys.filter((k) => prefixes.has(k))).toEqual([]);
    for (const lang of ['uk', 'en', 'ru'] as const) {
      const t = translator(lang);
      for (const b of BINDINGS) expect(t(bindingMessage(b)), `${lang}: ${b.action}`).not.toBe(bindingMessage(b));
    }
  });
  it('knows what is editable', () => {
    expect(isEditableTarget({ tagName: 'TEXTAREA' } as never)).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT', type: 'search' } as never)).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT', type: 'checkbox' } as never)).toBe(false);
    expect(isEditableTarget({ tagName: 'DIV', isContentEditable: false } as never)).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});
