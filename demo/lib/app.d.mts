// Types for demo/lib/app.mjs (plain ESM, so tests in TypeScript can import it).
import type { CatalogEntry } from '../catalog.mjs';

export const APP_NAME: string;
export interface AppRow {
  name: string;
  items: CatalogEntry[];
}
export function appRows(): { cards: AppRow; posters: AppRow; top: AppRow };
export function appPage(): string;
