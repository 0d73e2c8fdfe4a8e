/** Words the dashboard uses for tables and event kinds. */
import type { EventKind } from '../../store/event-tables';
import type { UserTable } from '../../store/records';

export const KIND_LABEL: { readonly [K in EventKind]: string } = {
  watch: 'Watched',
  search: 'Searched',
  skip: 'Skipped',
  impression: 'Seen, not opened',
  rating: 'Rated',
};

/** Filter options, in menu order. */
export const KIND_FILTER_LABEL: { readonly [K in EventKind]: string } = {
  watch: 'Watched',
  search: 'Searched',
  skip: 'Skipped',
  impression: 'Impressions',
  rating: 'Rated',
};

export const TABLE_LABEL: { readonly [T in UserTable | 'embeddings']: string } = {
  titles: 'Titles',
  watchSessions: 'Watch sessions',
  searches: 'Searches',
  skips: 'Skips',
  impressions: 'Impressions',
  ratings: 'Ratings',
  settings: 'Settings',
  embeddings: 'Cached embeddings',
};
