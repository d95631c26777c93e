// How many of a row's buttons fit beside a «more» button. No Svelte here.

/**
 * The count of `widths` (in order, `gap` apart) that fit in `available`;
 * all of them when they fit alone, else as many as fit with `moreWidth`
 * after them. Not laid out yet (`available` 0): all.
 */
export function fitCount(widths: number[], available: number, moreWidth: number, gap: number): number {
  if (available <= 0) return widths.length;
  const total = widths.reduce((sum, w, i) => sum + w + (i > 0 ? gap : 0), 0);
  if (total <= available) return widths.length;
  let used = moreWidth;
  let n = 0;
  for (const w of widths) {
    if (used + gap + w > available) break;
    used += gap + w;
    n++;
  }
  return n;
}
