/**
 * The local calendar day of a time, as "YYYY-MM-DD": the impression daily cap is keyed on it
 * (stored records, validated by records.ts) and the page counts a day's impressions by it.
 * No schema library here: the content script uses it too.
 */
export function localDay(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
