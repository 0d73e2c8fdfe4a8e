/** Primary keys of the user tables, shared by export (page order) and import (duplicate and conflict checks). */
import type { UserTable } from './records';

export const PRIMARY_KEY: { readonly [T in UserTable]: 'id' | 'titleKey' | 'key' } = {
  titles: 'id',
  watchSessions: 'id',
  searches: 'id',
  skips: 'id',
  impressions: 'id',
  ratings: 'titleKey',
  settings: 'key',
};

export function primaryKeyOf(table: UserTable, record: object): string {
  return String((record as Record<string, unknown>)[PRIMARY_KEY[table]]);
}
