/*
 * The heat map's shades: NHS blue, lighter for less complete, darker for more. Each shade names the text colour
 * that reads on it at 4.5:1 or more (heat.test.ts checks), and every cell also shows its number, so the colour
 * is never the only carrier of meaning.
 */

export interface HeatShade {
  /** Lowest percent (inclusive) this shade covers. */
  min: number;
  max: number;
  background: string;
  color: string;
}

const DARK = '#212b32';
const WHITE = '#ffffff';

export const HEAT_SHADES: readonly HeatShade[] = [
  { min: 0, max: 19, background: '#e8f1fa', color: DARK },
  { min: 20, max: 39, background: '#9fc3e9', color: DARK },
  { min: 40, max: 59, background: '#6ea4dd', color: DARK },
  { min: 60, max: 79, background: '#1a73c4', color: WHITE },
  { min: 80, max: 100, background: '#003087', color: WHITE },
];

export function heatShade(percent: number): HeatShade {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  return HEAT_SHADES.find((s) => p >= s.min && p <= s.max) ?? HEAT_SHADES[0]!;
}

/** WCAG 2.x contrast ratio of two #rrggbb colours (one rule, in the domain). */
export { contrastRatio } from '@baton/domain';
