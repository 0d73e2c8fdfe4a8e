export interface HostileEntry {
  readonly id: string;
  readonly title: string;
  readonly year: number;
  readonly kind: 'movie';
  readonly genres: readonly string[];
  readonly description: string;
}
export const HOSTILE: readonly HostileEntry[];
export const HOSTILE_BY_ID: ReadonlyMap<string, HostileEntry>;
