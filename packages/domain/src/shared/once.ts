/** A value made on first use and kept: for things that cost far more to make than to use (Intl formatters). */
export function once<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}
