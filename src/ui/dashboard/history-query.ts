/** The history filters as the form holds them, and the store query they mean. Pure. */
import { EVENT_KINDS, type EventKind } from '../../store/event-tables';
import { lastHour, today } from '../../store/delete';
import type { HistoryQuery } from '../../store/history';
import { fromDateTimeLocal } from '../common/format';

export type TimeFilter = 'any' | 'hour' | 'today' | 'week' | 'custom';

export interface HistoryFilters {
  readonly site: string; // '' = all sites
  readonly kind: EventKind | ''; // '' = all kinds
  readonly time: TimeFilter;
  /** datetime-local values, used when time is 'custom'. */
  readonly from: string;
  readonly to: string;
}

export const NO_FILTERS: HistoryFilters = { site: '', kind: '', time: 'any', from: '', to: '' };

const DAY_MS = 86_400_000;

export function isEventKind(v: string): v is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(v);
}

/** `invalid` when a custom range cannot be queried (end before start). */
export function toHistoryQuery(f: HistoryFilters, now: number): { query: HistoryQuery; invalid: string | null } {
  const q: { -readonly [K in keyof HistoryQuery]: HistoryQuery[K] } = {};
  if (f.site) q.site = f.site;
  if (f.kind) q.kinds = [f.kind];
  switch (f.time) {
    case 'hour':
      q.from = lastHour(now).from;
      break;
    case 'today': {
      const r = today(now);
      q.from = r.from;
      q.to = r.to;
      break;
    }
    case 'week':
      q.from = now - 7 * DAY_MS;
      break;
    case 'custom': {
      const from = fromDateTimeLocal(f.from);
      const to = fromDateTimeLocal(f.to);
      if (from !== null) q.from = from;
      if (to !== null) q.to = to;
      if (from !== null && to !== null && !(from < to)) return { query: q, invalid: 'The end of the range must be after its start.' };
      break;
    }
    case 'any':
      break;
  }
  return { query: q, invalid: null };
}
