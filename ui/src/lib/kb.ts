// Knowledge-base helpers: the search snippet's «…» marks, a debounce for
// search-as-you-type.

export type SnippetPart = { text: string; mark: boolean };

/** Splits a snippet whose matches are marked «like this» into parts. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const re = /«([^«»]*)»/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index), mark: false });
    if (m[1]) parts.push({ text: m[1], mark: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), mark: false });
  return parts;
}

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
