/*
 * Score cells as NHS registers write them. A consequence x likelihood pair may be written "4x3=12", "4 x 3",
 * "12 (4x3)", "C4 L3", "L3 C4", "C4xL3", or as a single score ("12", "12 - High"). Which number of a bare
 * "4x3" is the consequence comes from the column heading ("C x L", "Likelihood x Impact"), and the NHS
 * convention (consequence first) when the heading does not say.
 */

export type TScoreOrder = 'CL' | 'LC';

export type TScoreCell =
  | { kind: 'pair'; consequence: number; likelihood: number }
  | { kind: 'score'; score: number }
  | { kind: 'error'; message: string };

const LEVEL = /^[1-5]$/;

/** Which way round a heading writes its pairs: "Likelihood x Consequence", "LxC", "P x I" put likelihood first. */
export function scoreOrderOf(heading: string): TScoreOrder {
  const h = heading.toLowerCase();
  const l = h.search(/likelihood|probability|\bl\b|\bp\b|(?<![a-z])l(?=\s*[x×*])|(?<![a-z])p(?=\s*[x×*])/);
  const c = h.search(/consequence|impact|severity|\bc\b|\bi\b|\bs\b(?!\s*=)|(?<![a-z])[ci](?=\s*[x×*])/);
  return l >= 0 && (c < 0 || l < c) ? 'LC' : 'CL';
}

function pair(a: number, b: number, order: TScoreOrder): TScoreCell {
  return order === 'CL'
    ? { kind: 'pair', consequence: a, likelihood: b }
    : { kind: 'pair', consequence: b, likelihood: a };
}

function checked(p: TScoreCell, stated: number | undefined, text: string): TScoreCell {
  if (p.kind !== 'pair' || stated === undefined) return p;
  return p.consequence * p.likelihood === stated
    ? p
    : {
        kind: 'error',
        message: `“${text}” does not add up: ${p.consequence} × ${p.likelihood} is ${p.consequence * p.likelihood}, not ${stated}`,
      };
}

/** Reads one score cell; an empty cell is null. */
export function parseScoreCell(text: string, order: TScoreOrder = 'CL'): TScoreCell | null {
  const s = text.trim().replace(/[×*]/g, 'x');
  if (!s) return null;
  // "C4 L3", "L3 C4", "C4xL3", "C=4, L=3", "I4 P3"
  const lettered = [...s.matchAll(/(?<![A-WYZa-wyz])([CLIPS])\s*[:=]?\s*([1-5])(?![0-9])/gi)];
  if (lettered.length >= 2) {
    let consequence: number | undefined;
    let likelihood: number | undefined;
    for (const m of lettered) {
      const letter = m[1]!.toUpperCase();
      if (letter === 'C' || letter === 'I' || letter === 'S') consequence ??= Number(m[2]);
      else likelihood ??= Number(m[2]);
    }
    if (consequence !== undefined && likelihood !== undefined) {
      const stated = /(?<![CLIPS]\s*)=\s*(\d{1,2})\s*(?:\(.*\))?$/i.exec(s)?.[1];
      return checked({ kind: 'pair', consequence, likelihood }, stated ? Number(stated) : undefined, text);
    }
  }
  // "4x3=12", "4 x 3", "4x3 = 12 (High)"
  let m = /^([1-5])\s*x\s*([1-5])(?:\s*=\s*(\d{1,2}))?(?:\s*[-–(:].*)?$/i.exec(s);
  if (m) return checked(pair(Number(m[1]), Number(m[2]), order), m[3] ? Number(m[3]) : undefined, text);
  // "12 (4x3)", "12 = 4x3", "12 - 4 x 3"
  m = /^(\d{1,2})\s*[(=:–-]?\s*\(?\s*([1-5])\s*x\s*([1-5])\s*\)?(?:\s.*)?$/i.exec(s);
  if (m) return checked(pair(Number(m[2]), Number(m[3]), order), Number(m[1]), text);
  // "12", "12.0", "12 - High", "High (12)"
  m = /^(\d{1,2})(?:\.0+)?(?:\s*[-–(:].*)?$/.exec(s) ?? /\((\d{1,2})\)\s*$/.exec(s);
  if (m) {
    const score = Number(m[1]);
    if (score < 1 || score > 25) return { kind: 'error', message: `A score runs from 1 to 25, not ${score}` };
    const possible = pairsFor(score);
    if (!possible.length)
      return {
        kind: 'error',
        message: `${score} is not a score on a 5 × 5 matrix (it is not consequence × likelihood)`,
      };
    return { kind: 'score', score };
  }
  if (LEVEL.test(s)) return { kind: 'score', score: Number(s) };
  return {
    kind: 'error',
    message: `“${text}” is not a score: write it as 4x3=12, C4 L3, 12 (4x3), or a number from 1 to 25`,
  };
}

/** Every consequence x likelihood pair on a 5 x 5 matrix giving this score. */
export function pairsFor(score: number): Array<{ consequence: number; likelihood: number }> {
  const out: Array<{ consequence: number; likelihood: number }> = [];
  for (let c = 1; c <= 5; c++)
    for (let l = 1; l <= 5; l++) if (c * l === score) out.push({ consequence: c, likelihood: l });
  return out;
}

/**
 * Consequence and likelihood from a score alone, helped by either level if the file gives one; an ambiguous
 * score ("12": 3 x 4 or 4 x 3) is an error that says how to resolve it.
 */
export function levelsFromScore(
  score: number,
  known: { consequence?: number | undefined; likelihood?: number | undefined },
): { consequence: number; likelihood: number } | { error: string } {
  const fits = pairsFor(score).filter(
    (p) =>
      (known.consequence === undefined || p.consequence === known.consequence) &&
      (known.likelihood === undefined || p.likelihood === known.likelihood),
  );
  if (fits.length === 1) return fits[0]!;
  if (!fits.length)
    return {
      error: `Score ${score} does not match ${known.consequence !== undefined ? `consequence ${known.consequence}` : `likelihood ${known.likelihood}`}`,
    };
  const options = fits.map((p) => `consequence ${p.consequence} × likelihood ${p.likelihood}`).join(' or ');
  return {
    error: `Score ${score} could be ${options}: map the Likelihood or Consequence column too, or write the score as C x L (for example ${fits[0]!.consequence}x${fits[0]!.likelihood}=${score})`,
  };
}
