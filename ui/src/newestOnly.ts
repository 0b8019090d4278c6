/**
 * Wraps a load so that only the answer to the newest call is applied: an answer to an older
 * call that arrives later (the page's first refresh, slower than an upload's) is dropped
 * instead of putting an older state back.
 */
export function newestOnly<T>(load: () => Promise<T>, apply: (value: T) => void): () => Promise<void> {
  let asked = 0;
  return async () => {
    const ticket = ++asked;
    const value = await load();
    if (ticket === asked) {
      apply(value);
    }
  };
}
