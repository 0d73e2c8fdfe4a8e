import { describe, expect, it } from 'vitest';
import { exportFilename, formatBytes, formatDuration, formatPercent, formatWhen, fromDateTimeLocal, utf8Length } from './format';

describe('format', () => {
  it('formats bytes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(formatBytes(42 * 1024 * 1024)).toBe('42 MB');
  });

  it('formats durations and ratios', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(23 * 60 + 10)).toBe('23 min');
    expect(formatDuration(65 * 60)).toBe('1 h 5 min');
    expect(formatDuration(120 * 60)).toBe('2 h');
    expect(formatPercent(0.536)).toBe('54%');
  });

  it('names the export file by local date', () => {
    expect(exportFilename(new Date(2025, 0, 9, 23, 30))).toBe('tasteful-export-2025-01-09.json');
  });

  it('says today and yesterday', () => {
    const now = new Date(2025, 5, 10, 15, 0).getTime();
    expect(formatWhen(new Date(2025, 5, 10, 9, 5).getTime(), now)).toBe('Today, 09:05');
    expect(formatWhen(new Date(2025, 5, 9, 22, 0).getTime(), now)).toBe('Yesterday, 22:00');
    expect(formatWhen(new Date(2025, 4, 1, 8, 0).getTime(), now)).toBe('2025-05-01, 08:00');
  });

  it('reads datetime-local values as local time', () => {
    expect(fromDateTimeLocal('2025-03-30T01:45')).toBe(new Date(2025, 2, 30, 1, 45).getTime());
    expect(fromDateTimeLocal('2025-03-30T01:45:30')).toBe(new Date(2025, 2, 30, 1, 45, 30).getTime());
    expect(fromDateTimeLocal('')).toBeNull();
    expect(fromDateTimeLocal('nonsense')).toBeNull();
  });
});

describe('utf8Length', () => {
  it('matches TextEncoder on ASCII, accents, CJK, emoji and lone surrogates', () => {
    for (const s of ['', 'plain', 'Amélie', '千と千尋の神隠し', 'popcorn 🍿 night', 'lone \ud800 high', 'lone \udc00 low', '\ud83c']) {
      expect(utf8Length(s), s).toBe(new TextEncoder().encode(s).byteLength);
    }
  });
});
