/**
 * Formatting shared by the dashboard and the popup. Pure functions: every one takes the
 * locale-independent inputs it needs (and `now` where time matters) so tests are stable.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** "0 B", "512 B", "1.5 KB", "12 MB" (1 KB = 1024 B, one decimal below 10). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

/** Seconds of media as "45 s", "23 min", "1 h 5 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** A 0..1 ratio as "54%". */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return `${Math.round(Math.max(0, Math.min(1, ratio)) * 100)}%`;
}

function startOfDay(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** "14:05" local clock time. */
export function formatClock(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "YYYY-MM-DD" of the local calendar day. */
export function localDate(at: number | Date): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "Today, 14:05", "Yesterday, 09:12", else "2025-11-03, 14:05" (local time). */
export function formatWhen(at: number, now: number = Date.now()): string {
  const day = startOfDay(at);
  const today = startOfDay(now);
  const yesterday = startOfDay(today - 12 * 3_600_000);
  if (day === today) return `Today, ${formatClock(at)}`;
  if (day === yesterday) return `Yesterday, ${formatClock(at)}`;
  return `${localDate(at)}, ${formatClock(at)}`;
}

/** Full, unambiguous timestamp for a `<time datetime>` attribute / tooltip. */
export function isoTime(at: number): string {
  return new Date(at).toISOString();
}

/** The export file's name for a given day: tasteful-export-YYYY-MM-DD.json (local date). */
export function exportFilename(at: number | Date = Date.now()): string {
  return `tasteful-export-${localDate(at)}.json`;
}

/** Parses a datetime-local value as local time; null when empty or invalid. */
export function fromDateTimeLocal(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const t = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)).getTime();
  return Number.isFinite(t) ? t : null;
}

/** "1 record" / "3 records". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** UTF-8 size of `s` without encoding it (a 1M-event export is ~250 MB of text). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3; // BMP, or a lone surrogate (encoded as U+FFFD, 3 bytes)
  }
  return n;
}
