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

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2.x contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
