// Knowledge-base helpers: a debounce for search-as-you-type.

/** Calls `fn` once `ms` after the last call; `cancel` drops a pending call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const d = (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  d.cancel = () => clearTimeout(timer);
  return d;
}

/**
 * Runs searches so that only the latest query's answer is shown, even when
 * answers arrive out of order.
 */
export function latestOnly<T>(): (p: Promise<T>) => Promise<{ stale: boolean; value: T }> {
  let seq = 0;
  return async (p) => {
    const mine = ++seq;
    const value = await p;
    return { stale: mine !== seq, value };
  };
}

export const KB_DEBOUNCE_MS = 80;
