import { describe, expect, it } from 'vitest';
import { fitCount } from './toolbar';

describe('how many toolbar buttons fit', () => {
  it('all, when they fit without the «more» button', () => {
    expect(fitCount([100, 100, 100], 312, 80, 6)).toBe(3);
  });
  it('as many as fit beside the «more» button', () => {
    // 80 + 6 + 100 + 6 + 100 = 292 ≤ 300; a third would need 398.
    expect(fitCount([100, 100, 100, 100], 300, 80, 6)).toBe(2);
    expect(fitCount([100, 100], 150, 80, 6)).toBe(0);
  });
  it('all while not laid out yet', () => {
    expect(fitCount([100, 100], 0, 80, 6)).toBe(2);
  });
});
