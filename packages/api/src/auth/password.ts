import { passwordProblems, RuleViolationError } from '@baton/domain';
import { hash, verify } from '@node-rs/argon2';

/** argon2id (the library's default algorithm) with OWASP's minimum cost: 19 MiB, 2 passes. */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A real hash to check against when the email is unknown, so a miss takes as long as a hit. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy-password-that-matches-nothing');
  return decoy;
}

/**
 * Hashes a password someone is choosing now (accepting an invitation, creating an administrator), after
 * checking it against the password rule for this person (`userInputs`: their email, name, organisation...).
 * Throws RuleViolationError with the estimator's warning and suggestions, on the `password` field.
 * Sign-in never calls this: a password set before the rule keeps working.
 */
export async function hashNewPassword(password: string, userInputs: readonly string[]): Promise<string> {
  const problems = await passwordProblems(password, userInputs);
  if (problems.length > 0)
    throw new RuleViolationError(`This password is too easy to guess. ${problems.join(' ')}`, {
      password: problems,
    });
  return hashPassword(password);
}
