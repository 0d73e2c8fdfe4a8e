// Types for demo/lib/wc.mjs (plain ESM, so tests in TypeScript can import it).
export const WC_NAME: string;
export interface WcItem {
  id: string;
  title: string;
  year: number;
  genres: string[];
}
export interface WcRow {
  name: string;
  kind: 'cards' | 'links';
  items: WcItem[];
}
export function wcRows(): WcRow[];
export function wcPage(): string;
