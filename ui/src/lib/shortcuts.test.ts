import { describe, expect, it } from 'vitest';
import { isEditableTarget, ShortcutMatcher } from './shortcuts';

describe('shortcuts', () => {
  it('two-key sequences for navigation', () => {
    const m = new ShortcutMatcher();
    expect(m.handle({ key: 'g' }, 0)).toBeNull();
    expect(m.waiting).toBe('g');
    expect(m.handle({ key: 'm' }, 100)).toBe('go-mine');
    expect(m.handle({ key: 'g' }, 200)).toBeNull();
    expect(m.handle({ key: 'g' }, 300)).toBe('go-group');
    m.handle({ key: 'g' }, 400);
    expect(m.handle({ key: 'u' }, 500)).toBe('go-unassigned');
    m.handle({ key: 'g' }, 600);
    expect(m.handle({ key: 'k' }, 700)).toBe('go-kb');
  });
  it('a sequence times out; the second key then acts alone', () => {
    const m = new ShortcutMatcher(undefined, 1000);
    m.handle({ key: 'g' }, 0);
    expect(m.handle({ key: 'k' }, 5000)).toBe('prev');
  });
  it('single keys', () => {
    const m = new ShortcutMatcher();
    expect(m.handle({ key: 'j' })).toBe('next');
    expect(m.handle({ key: 'k' })).toBe('prev');
    expect(m.handle({ key: 'Enter' })).toBe('open');
    expect(m.handle({ key: 't' })).toBe('take');
    expect(m.handle({ key: 'c' })).toBe('comment');
    expect(m.handle({ key: 'r' })).toBe('resolve');
    expect(m.handle({ key: '/' })).toBe('search');
    expect(m.handle({ key: '?' })).toBe('help');
    expect(m.handle({ key: 'x' })).toBeNull();
  });
  it('ignored while typing (except Escape) and with modifiers', () => {
    const m = new ShortcutMatcher();
    expect(m.handle({ key: 't', editable: true })).toBeNull();
    expect(m.handle({ key: 'Escape', editable: true })).toBe('escape');
    expect(m.handle({ key: 'r', ctrlKey: true })).toBeNull();
    m.handle({ key: 'g' });
    expect(m.handle({ key: 'm', editable: true })).toBeNull();
  });
  it('knows what is editable', () => {
    expect(isEditableTarget({ tagName: 'TEXTAREA' } as never)).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT', type: 'search' } as never)).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT', type: 'checkbox' } as never)).toBe(false);
    expect(isEditableTarget({ tagName: 'DIV', isContentEditable: false } as never)).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});
