/**
 * One spelling per value: JSON with object keys sorted. Export uses it so identical stores
 * give byte-identical files whatever order fields were written in; import preview uses it to
 * tell an identical record from a conflicting one.
 */

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = sortKeys(v);
  }
  return out;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}
