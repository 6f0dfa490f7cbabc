import { z } from 'zod';
import { AA_TEXT_CONTRAST, contrastRatio } from '../shared/contrast';
import { APPETITE_LEVELS, bandCoverageProblem, type TLevel } from './risk.matrix';

/* The schemas of the risk matrix, apart from its rules (risk.matrix.ts): a screen that only reads a matrix does
 * not download the validation library. */

export const ZLevel = z
  .number({ error: 'Choose a level from 1 to 5' })
  .int('Choose a whole number from 1 to 5')
  .min(1, 'Choose a level from 1 to 5')
  .max(5, 'Choose a level from 1 to 5')
  .transform((n) => n as TLevel);

export const ZAssessment = z.object({ consequence: ZLevel, likelihood: ZLevel });

const ZColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #d5281b');

export const ZBand = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,23}$/, 'Use lower-case letters, digits and underscores'),
  label: z.string().trim().min(1).max(40),
  min: z.number().int().min(1).max(25),
  max: z.number().int().min(1).max(25),
  colour: ZColour,
  /** Text colour that reads at AA contrast on the band colour. */
  textColour: ZColour,
  reviewEveryDays: z
    .number()
    .int()
    .min(1, 'Review at least every day')
    .max(365, 'Review at least once a year'),
});
export type TBand = z.infer<typeof ZBand>;

export const ZRiskCategory = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lower-case letters, digits and underscores'),
  label: z.string().trim().min(1).max(60),
  /** The highest target score the programme accepts for a risk of this category (its appetite). */
  tolerance: z.number().int().min(1).max(25),
  /** The appetite in the Orange Book's words (absent in matrices set before it was recorded). */
  appetite: z.enum(APPETITE_LEVELS).optional(),
});
export type TRiskCategory = z.infer<typeof ZRiskCategory>;

export const ZRiskMatrix = z
  .object({
    bands: z.array(ZBand).min(2, 'Define at least two bands').max(6, 'Define at most six bands'),
    escalationThreshold: z.number().int().min(1).max(25),
    categories: z.array(ZRiskCategory).min(1, 'Define at least one category').max(30),
  })
  .superRefine((m, ctx) => {
    const problem = bandCoverageProblem(m.bands);
    if (problem) ctx.addIssue({ code: 'custom', path: ['bands'], message: problem });
    const keys = new Set<string>();
    m.categories.forEach((c, i) => {
      if (keys.has(c.key))
        ctx.addIssue({
          code: 'custom',
          path: ['categories', i, 'key'],
          message: 'Category keys must be unique',
        });
      keys.add(c.key);
    });
  });
export type TRiskMatrix = z.infer<typeof ZRiskMatrix>;

/** A matrix as an admin sets it: as stored, and each band's text must read at AA contrast on its colour. */
export const ZRiskMatrixUpdate = ZRiskMatrix.superRefine((m, ctx) => {
  m.bands.forEach((b, i) => {
    const ratio = contrastRatio(b.colour, b.textColour);
    if (ratio < AA_TEXT_CONTRAST)
      ctx.addIssue({
        code: 'custom',
        path: ['bands', i, 'textColour'],
        message: `Text on “${b.label}” reads at ${ratio.toFixed(1)}:1; it needs ${AA_TEXT_CONTRAST}:1 (try ${contrastRatio(b.colour, '#ffffff') >= contrastRatio(b.colour, '#212b32') ? 'white' : 'near-black'})`,
      });
  });
});
