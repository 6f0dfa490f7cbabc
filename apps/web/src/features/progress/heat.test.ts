import { describe, expect, it } from 'vitest';
import { contrastRatio, HEAT_SHADES, heatShade } from './heat';

describe('heat map shades', () => {
  it('cover 0 to 100 without gaps or overlaps', () => {
    for (let p = 0; p <= 100; p++) {
      expect(HEAT_SHADES.filter((s) => p >= s.min && p <= s.max)).toHaveLength(1);
    }
  });

  it('give every shade text at 4.5:1 or more (WCAG 1.4.3)', () => {
    for (const s of HEAT_SHADES) expect(contrastRatio(s.background, s.color)).toBeGreaterThanOrEqual(4.5);
  });

  it('darken as work completes, and clamp out-of-range values', () => {
    expect(heatShade(0).background).toBe('#e8f1fa');
    expect(heatShade(37).background).toBe('#9fc3e9');
    expect(heatShade(100).background).toBe('#003087');
    expect(heatShade(-5)).toBe(heatShade(0));
    expect(heatShade(140)).toBe(heatShade(100));
  });

  it('measures contrast like WCAG', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
  });
});
