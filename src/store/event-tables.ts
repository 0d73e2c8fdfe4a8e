/**
 * How each event table is laid out: its kind tag, primary key, time field and indexes.
 * History, deletion, retention and export all walk events through this one description,
 * so adding an event table means adding one entry here.
 */
import type { ImpressionRecord, RatingRecord, SearchRecord, SkipRecord, WatchSessionRecord } from './records';

export type EventKind = 'watch' | 'search' | 'skip' | 'impression' | 'rating';
export const EVENT_KINDS: readonly EventKind[] = ['watch', 'search', 'skip', 'impression', 'rating'];

export interface EventRecordOf {
  watch: WatchSessionRecord;
  search: SearchRecord;
  skip: SkipRecord;
  impression: ImpressionRecord;
  rating: RatingRecord;
}

export interface EventTable<K extends EventKind = EventKind> {
  readonly kind: K;
  readonly table: 'watchSessions' | 'searches' | 'skips' | 'impressions' | 'ratings';
  readonly pk: 'id' | 'titleKey';
  /** The field (and index) holding the event's time. */
  readonly time: 'at' | 'startedAt';
  /** Compound `[site+time]` index. */
  readonly siteTime: string;
  /** Index on the referenced title's id, and the field holding it. */
  readonly titleIdField: 'titleId' | 'openedTitleId';
  /** Index on the title key, when the table has one. */
  readonly titleKeyIndex: 'titleKey' | null;
}

export const EVENT_TABLES: { readonly [K in EventKind]: EventTable<K> } = {
  watch: {
    kind: 'watch',
    table: 'watchSessions',
    pk: 'id',
    time: 'startedAt',
    siteTime: '[site+startedAt]',
    titleIdField: 'titleId',
    titleKeyIndex: 'titleKey',
  },
  search: {
    kind: 'search',
    table: 'searches',
    pk: 'id',
    time: 'at',
    siteTime: '[site+at]',
    titleIdField: 'openedTitleId',
    titleKeyIndex: null,
  },
  skip: { kind: 'skip', table: 'skips', pk: 'id', time: 'at', siteTime: '[site+at]', titleIdField: 'titleId', titleKeyIndex: 'titleKey' },
  impression: {
    kind: 'impression',
    table: 'impressions',
    pk: 'id',
    time: 'at',
    siteTime: '[site+at]',
    titleIdField: 'titleId',
    titleKeyIndex: 'titleKey',
  },
  rating: { kind: 'rating', table: 'ratings', pk: 'titleKey', time: 'at', siteTime: '[site+at]', titleIdField: 'titleId', titleKeyIndex: 'titleKey' },
};

export const EVENT_TABLE_LIST: readonly EventTable[] = EVENT_KINDS.map((k) => EVENT_TABLES[k]);

/** The time of an event, whichever field its table keeps it in. */
export function eventTime(kind: EventKind, record: EventRecordOf[EventKind]): number {
  return kind === 'watch' ? (record as WatchSessionRecord).startedAt : (record as { at: number }).at;
}

export function eventPk(kind: EventKind, record: EventRecordOf[EventKind]): string {
  return kind === 'rating' ? (record as RatingRecord).titleKey : (record as { id: string }).id;
}
