/*
 * The password rule, one place for the server (which enforces it wherever a password is set) and the web
 * app (which shows the same feedback while the person types).
 *
 * - 12 to 200 characters;
 * - and not guessable: the zxcvbn-ts strength estimator (common passwords, names, English words, keyboard
 *   patterns, dates, repeats, l33t, and the person's own name, email and organisation) must give a score of
 *   at least 3 of 4, i.e. an estimated 10^8 guesses or more.
 *
 * The estimator's dictionaries weigh about a megabyte, so they are loaded on first use (a dynamic import:
 * the web app fetches them only on the pages that set a password). Once loaded, the check is a pure function.
 * Sign-in never re-checks strength: a password set before this rule (or the demo's) keeps working.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn's scale: 0 too guessable ... 4 very unguessable. 3 is "safely unguessable" (about 10^8 guesses). */
export const PASSWORD_MIN_SCORE = 3;

export const PASSWORD_TOO_SHORT = `Use at least ${PASSWORD_MIN_LENGTH} characters`;
export const PASSWORD_TOO_LONG = `Use at most ${PASSWORD_MAX_LENGTH} characters`;

/** What is wrong with a password, in plain English: empty when it may be used. */
export type TPasswordProblems = (password: string, userInputs?: readonly string[]) => string[];

/** The estimator's answer, as much of it as the rule reads. */
export interface TPasswordEstimate {
  score: number;
  warning: string | null;
  suggestions: string[];
}
export type TPasswordEstimator = (password: string, userInputs: string[]) => TPasswordEstimate;

const GENERIC_WARNING = 'This password would be easy to guess.';
const GENERIC_SUGGESTION = 'Add another word or two. Uncommon words are better.';

/**
 * The words a guesser would try first for this person: each of their details whole, and split into words
 * ("helen.marsh@severnvale-icb.example" gives helen.marsh, helen, marsh, helenmarsh, severnvale, icb ...), so
 * "Helen.Marsh2026!" counts as built from their own name. Always includes the product's name.
 */
export function personalWords(details: readonly (string | null | undefined)[]): string[] {
  const words = new Set<string>(['baton']);
  for (const raw of details) {
    const d = raw?.trim().toLowerCase();
    if (!d) continue;
    words.add(d);
    const [local, domain] = d.split('@');
    const parts = [local ?? '', domain ?? ''].filter(Boolean);
    for (const part of parts) {
      words.add(part);
      const tokens = part.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length >= 3);
      for (const t of tokens) words.add(t);
      if (tokens.length > 1) words.add(tokens.join(''));
    }
  }
  return [...words];
}

/** The rule itself, pure: length first (while too short or too long nothing else is said), then strength. */
export function passwordProblemsWith(
  estimate: TPasswordEstimator,
  password: string,
  userInputs: readonly string[] = [],
): string[] {
  if (password.length < PASSWORD_MIN_LENGTH) return [`${PASSWORD_TOO_SHORT}.`];
  if (password.length > PASSWORD_MAX_LENGTH) return [`${PASSWORD_TOO_LONG}.`];
  const r = estimate(password, personalWords(userInputs));
  if (r.score >= PASSWORD_MIN_SCORE) return [];
  const suggestions = r.suggestions.length > 0 ? r.suggestions : [GENERIC_SUGGESTION];
  return [...new Set([r.warning ?? GENERIC_WARNING, ...suggestions])];
}

/** zxcvbn's English messages, with a few reworded for people who are not security specialists. */
const PLAIN_ENGLISH = {
  warnings: {
    userInputs: 'Avoid your own name, email address or organisation.',
    pwned: 'This password has appeared in a data breach.',
  },
  suggestions: {
    anotherWord: 'Add another word or two. Uncommon words are better.',
    useWords: 'Use several unrelated words, not a common phrase.',
    noNeed: 'You do not need symbols, numbers or capitals: length and unusual words matter more.',
    pwned: 'If you use this password anywhere else, change it there too.',
  },
};

let loading: Promise<TPasswordProblems> | undefined;

/** Loads the estimator and its dictionaries once (later calls share the first load). */
export function loadPasswordProblems(): Promise<TPasswordProblems> {
  loading ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: {
        ...en.translations,
        warnings: { ...en.translations.warnings, ...PLAIN_ENGLISH.warnings },
        suggestions: { ...en.translations.suggestions, ...PLAIN_ENGLISH.suggestions },
      },
    });
    const estimate: TPasswordEstimator = (password, userInputs) => {
      const r = zxcvbn.check(password, userInputs);
      return { score: r.score, warning: r.feedback.warning, suggestions: r.feedback.suggestions };
    };
    return (password, userInputs) => passwordProblemsWith(estimate, password, userInputs);
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * What is wrong with this password for this person (their email, name, organisation...): empty when it may
 * be used. The first call loads the estimator.
 */
export async function passwordProblems(
  password: string,
  userInputs: readonly string[] = [],
): Promise<string[]> {
  return (await loadPasswordProblems())(password, userInputs);
}
