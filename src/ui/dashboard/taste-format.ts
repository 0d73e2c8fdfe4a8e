/** Small pure helpers for the taste profile's charts (kept apart so tests can check them directly). */
import { formatDuration } from '../common/format';

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
/** Display order of the heatmap's rows: Monday first (values are JS weekdays, 0 = Sunday). */
export const WEEKDAYS_MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0] as const;

export const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** "42 min", "1 h 5 min", "0 min" for nothing. */
export function minutesText(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '0 min';
  if (seconds < 60) return 'under 1 min';
  return formatDuration(seconds);
}

/** The seconds at [weekday][hour], 0 for a short or malformed grid. */
export function cellSeconds(grid: readonly (readonly number[])[], weekday: number, hour: number): number {
  const v = grid[weekday]?.[hour];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
}

/**
 * 0..1 colour intensity of a cell relative to the busiest cell. Square-root scaled so a few
 * long evenings do not wash out everything else; strictly increasing in `seconds`.
 */
export function intensity(seconds: number, max: number): number {
  if (seconds <= 0 || max <= 0) return 0;
  return Math.round(Math.sqrt(Math.min(1, seconds / max)) * 1000) / 1000;
}

/** Signed affinity as text: "+0.82" / "−0.40". */
export function affinityText(a: number): string {
  const v = Math.abs(a).toFixed(2);
  return a < 0 ? `−${v}` : `+${v}`;
}
