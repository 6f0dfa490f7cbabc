import { describe, expect, it } from 'vitest';
import { bandForScore } from '../risks/riskMatrix';
import { bandsHighestFirst, deltaText, monthLabel, packDownloadHref } from './packFormat';

const bands = [
  { key: 'low', label: 'Low', min: 1, max: 3, colour: '#007f3b', textColour: '#ffffff' },
  { key: 'moderate', label: 'Moderate', min: 4, max: 6, colour: '#ffeb3b', textColour: '#212b32' },
  { key: 'high', label: 'High', min: 8, max: 12, colour: '#ed8b00', textColour: '#212b32' },
  { key: 'extreme', label: 'Extreme', min: 15, max: 25, colour: '#d5281b', textColour: '#ffffff' },
];

describe('pack formatting', () => {
  it.each([
    [1, 'low'],
    [6, 'moderate'],
    [8, 'high'],
    [12, 'high'],
    [15, 'extreme'],
    [25, 'extreme'],
  ])('puts score %i in the %s band', (score, key) => {
    expect(bandForScore(bands, score)?.key).toBe(key);
  });

  it('reads bands highest first without reordering the pack’s own list', () => {
    expect(bandsHighestFirst(bands).map((b) => b.key)).toEqual(['extreme', 'high', 'moderate', 'low']);
    expect(bands[0]!.key).toBe('low');
  });

  it.each([
    [3, 5, 'Up 2'],
    [5, 3, 'Down 2'],
    [4, 4, 'No change'],
  ])('says the change from %i to %i in words: %s', (then, now, text) => {
    expect(deltaText(then, now)).toBe(text);
  });

  it('names months as a UK reader does', () => {
    expect(monthLabel('2026-11')).toBe('November 2026');
    expect(monthLabel('2026-11', true)).toBe('Nov ’26');
  });

  it('links to the export of the pack as at the date shown', () => {
    expect(packDownloadHref('p1', 'pdf', '2026-11-29')).toBe(
      '/export/programmes/p1/steering-pack.pdf?asAt=2026-11-29',
    );
  });
});
