/** How one history event reads in the list: pure, so it is tested without a DOM. */
import type { HistoryItem } from '../../store/history';
import { formatDuration, formatPercent } from '../common/format';

const RATING_TEXT = { down: 'Thumbs down', up: 'Thumbs up', love: 'Love', 'not-interested': 'Not interested' } as const;

/** The headline: the title's name (with year), or the search query. */
export function itemHeadline(item: HistoryItem): string {
  if (item.kind === 'search') return `“${item.record.query}”`;
  if (item.title) return item.title.year ? `${item.title.title} (${item.title.year})` : item.title.title;
  return 'Unknown title';
}

/** The detail line, e.g. "23 min watched · 54%". */
export function itemDetails(item: HistoryItem): string {
  switch (item.kind) {
    case 'watch': {
      const r = item.record;
      const parts = [`${formatDuration(r.secondsWatched)} watched`];
      if (r.duration !== null) parts.push(formatPercent(r.completion));
      if (r.rewatch) parts.push('rewatch');
      if (r.state === 'open') parts.push('still playing');
      return parts.join(' · ');
    }
    case 'search':
      return item.title ? `Opened ${item.title.title}` : 'Nothing opened from it';
    case 'skip': {
      const r = item.record;
      const after = r.secondsWatched === null ? '' : ` after ${formatDuration(r.secondsWatched)}`;
      if (r.reason === 'not-interested') return 'Marked not interested';
      if (r.reason === 'preview') return `Preview left${after}`;
      return `Stopped${after}`;
    }
    case 'impression':
      return item.record.row ? `On screen in “${item.record.row}”, not opened` : 'On screen, not opened';
    case 'rating':
      return RATING_TEXT[item.record.value];
  }
}

/** The site the event happened on. */
export function itemSite(item: HistoryItem): string {
  return item.record.site;
}

/** The title key a "Delete this title" acts on; null when the event names no title (a search nothing was opened from). */
export function itemTitleKey(item: HistoryItem): string | null {
  if (item.kind === 'search') return item.title?.key ?? null;
  return item.record.titleKey;
}
