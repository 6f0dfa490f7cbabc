import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZPassword } from './access.schema';
import {
  loadPasswordProblems,
  passwordProblems,
  passwordProblemsWith,
  personalWords,
  type TPasswordProblems,
} from './password-policy';

let problems: TPasswordProblems;
beforeAll(async () => {
  problems = await loadPasswordProblems();
}, 30_000);

const HELEN = ['helen.marsh@severnvale-icb.example', 'Helen Marsh', 'NHS Severn Vale ICB'];

describe('password rule', () => {
  it.each([
    ['a common password, made long', 'password1234'],
    ['a keyboard walk', 'qwertyuiopasdf'],
    ['a repeated character', 'aaaaaaaaaaaaaaaa'],
    ['a sequence', 'abcdefghijklmnop'],
    ['a common phrase', 'iloveyou12345'],
  ])('refuses %s (%s)', (_what, password) => {
    expect(problems(password).length).toBeGreaterThan(0);
  });

  it.each([
    ['their own email, name and a year', 'helen.marsh2026!'],
    ['their name, capitalised', 'Helen.Marsh2026!'],
    ['their name run together', 'helenmarsh2026!'],
    ['their email address itself', 'helen.marsh@severnvale-icb.example'],
  ])('refuses a password built from the person’s own details: %s', (_what, password) => {
    const found = problems(password, HELEN);
    expect(found).toContain('Avoid your own name, email address or organisation.');
  });

  it.each([
    'correct horse battery staple',
    'a long enough passphrase',
    'quiet-otter-lantern-91',
    'Xk9#mQ2$vL7pWz',
    randomBytes(18).toString('base64url'),
  ])('accepts %s', (password) => {
    expect(problems(password, HELEN)).toEqual([]);
  });

  it('says what is wrong and what to do, in plain English', () => {
    expect(problems('password1234')).toEqual([
      'This is similar to a commonly used password.',
      'Add another word or two. Uncommon words are better.',
    ]);
  });

  it('keeps 12 characters as the minimum and 200 as the maximum, saying only that while the length is wrong', () => {
    expect(problems('Xk9#mQ2$vL7')).toEqual(['Use at least 12 characters.']);
    expect(problems('x'.repeat(201))).toEqual(['Use at most 200 characters.']);
    expect(ZPassword.safeParse('Xk9#mQ2$vL7').success).toBe(false);
    expect(ZPassword.safeParse('Xk9#mQ2$vL7p').success).toBe(true);
    expect(ZPassword.safeParse('x'.repeat(201)).success).toBe(false);
  });

  it('has an async form that loads the estimator once', async () => {
    expect(await passwordProblems('password1234')).not.toEqual([]);
    expect(await loadPasswordProblems()).toBe(problems);
  });
});

describe('the rule around any estimator', () => {
  const fixed =
    (score: number, warning: string | null = null, suggestions: string[] = []) =>
    () => ({ score, warning, suggestions });

  it('passes at score 3 and above, refuses below', () => {
    expect(passwordProblemsWith(fixed(3), 'long enough password')).toEqual([]);
    expect(passwordProblemsWith(fixed(4), 'long enough password')).toEqual([]);
    expect(passwordProblemsWith(fixed(2), 'long enough password')).toEqual([
      'This password would be easy to guess.',
      'Add another word or two. Uncommon words are better.',
    ]);
  });

  it('hands the estimator the person’s words, split as a guesser would', () => {
    let seen: string[] = [];
    passwordProblemsWith(
      (_p, inputs) => ((seen = inputs), { score: 4, warning: null, suggestions: [] }),
      'long enough password',
      ['Helen.Marsh@Severnvale-ICB.example', 'Helen Marsh'],
    );
    expect(seen).toEqual(personalWords(['Helen.Marsh@Severnvale-ICB.example', 'Helen Marsh']));
    expect(seen).toEqual(
      expect.arrayContaining(['baton', 'helen.marsh', 'helen', 'marsh', 'helenmarsh', 'severnvale', 'icb']),
    );
  });
});
