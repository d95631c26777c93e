// A message catalogue (nested JSON) as a flat map of dotted ids to
// messages, for the tests that compare catalogues across languages.

export type Tree = { [k: string]: string | Tree };

export function flatten(t: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}
