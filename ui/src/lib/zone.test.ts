import { describe, expect, it } from 'vitest';
import { metricName } from './timeline';
import { translator } from './testing';
import { zoneName } from './zone';

const presets = Object.values(import.meta.glob('../../../crates/domain/presets/*.toml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>);

describe('no raw ids on screen', () => {
  it('every time zone of the built-in policies has a name in every language', () => {
    const zones = new Set(presets.flatMap((p) => [...p.matchAll(/^time_zone\s*=\s*"([^"]+)"/gm)].map((m) => m[1])));
    expect(zones.size).toBeGreaterThan(1);
    for (const lang of ['uk', 'en', 'ru'] as const) {
      const t = translator(lang);
      for (const z of zones) expect(t(`zone.${z}`), `${lang}: ${z}`).not.toBe(`zone.${z}`);
    }
    expect(zoneName(translator('uk'), 'Europe/Kyiv')).toBe('за київським часом');
  });
  it('an unknown zone is named by its city, not its id', () => {
    expect(zoneName(translator('en'), 'America/New_York')).toBe('New York time');
  });
  it('every metric of the built-in policies has a name in every language', () => {
    const metrics = new Set(presets.flatMap((p) => [...p.matchAll(/\[\[metrics\]\]\s*\nname\s*=\s*"([^"]+)"/g)].map((m) => m[1])));
    expect(metrics.has('reaction') && metrics.has('l2_processing')).toBe(true);
    for (const lang of ['uk', 'en', 'ru'] as const) {
      const t = translator(lang);
      for (const m of metrics) expect(metricName(t, m), `${lang}: ${m}`).not.toBe(m);
    }
  });
});
