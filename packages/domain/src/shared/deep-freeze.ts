/**
 * Freezes a value and everything it holds. For answers a process keeps and shares between requests: a caller
 * that tried to change one would fail loudly rather than change everyone's copy.
 */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
