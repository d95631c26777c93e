import { describe, expect, it } from 'vitest';
import { contrastRatio, TEXT_PAIRS, tokensOf } from './contrast';

// The stylesheet's text, as written (a plain import would be processed as CSS).
const css = Object.values(import.meta.glob('../app.css', { query: '?raw', import: 'default', eager: true }) as Record<string, string>)[0];
const light = tokensOf(css, ':root');
const dark = { ...light, ...tokensOf(css, ":root[data-theme='dark']") };

describe('theme contrast (WCAG AA, 4.5:1 for text)', () => {
  it('computes ratios as WCAG defines them', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
  for (const [name, tokens] of [['light', light], ['dark', dark]] as const) {
    it(`every text colour on its background in the ${name} theme`, () => {
      const low: string[] = [];
      for (const [fg, bg] of TEXT_PAIRS) {
        expect(tokens[fg], `${name}: ${fg}`).toBeDefined();
        expect(tokens[bg], `${name}: ${bg}`).toBeDefined();
        const ratio = contrastRatio(tokens[fg], tokens[bg]);
        if (ratio < 4.5) low.push(`${fg} on ${bg}: ${ratio.toFixed(2)}`);
      }
      expect(low).toEqual([]);
    });
  }
});
