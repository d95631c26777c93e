// WCAG 2.x contrast of two sRGB colours, and the theme's colour pairs that
// carry text. No Svelte here.

/** `#rgb` or `#rrggbb` → [r, g, b] in 0…255. */
export function parseHex(hex: string): [number, number, number] {
  const h = hex.trim().replace(/^#/, '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`not a hex colour: ${hex}`);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The contrast ratio (1…21) of two colours. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(parseHex(a)), luminance(parseHex(b))].sort((x, y) => y - x);
  return (la + 0.05) / (lb + 0.05);
}

/**
 * Text colour on background, as the stylesheet pairs them (a token or a
 * literal colour): every pair must reach WCAG AA for normal text (4.5:1).
 */
export const TEXT_PAIRS: [string, string][] = [
  ['--text', '--bg'],
  ['--text', '--panel'],
  ['--text', '--panel-2'],
  ['--muted', '--bg'],
  ['--muted', '--panel'],
  ['--muted', '--panel-2'],
  ['--accent', '--panel'],
  ['--accent', '--bg'],
  ['--accent', '--accent-weak'],
  ['--on-accent', '--accent'],
  ['--nav-text', '--nav-bg'],
  ['--nav-text', '--nav-active'],
  ['--amber', '--amber-bg'],
  ['--amber', '--panel'],
  ['--orange', '--orange-bg'],
  ['--red', '--red-bg'],
  ['--red', '--panel'],
  ['--on-red', '--red'],
  ['--green', '--green-bg'],
  ['--green', '--panel'],
  ['--green', '--panel-2'],
  ['--text', '--note-bg'],
  ['--text', '--reply-bg'],
  ['--on-note', '--note-border'],
];

/** The custom properties of one rule of a stylesheet (`:root { … }`). */
export function tokensOf(css: string, selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no rule ${selector}`);
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
  const out: Record<string, string> = {};
  for (const m of body.matchAll(/(--[a-z0-9-]+)\s*:\s*(#[0-9a-f]{3,6})\s*;/gi)) out[m[1]] = m[2];
  return out;
}
