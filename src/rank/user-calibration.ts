/**
 * The user's calibration (match.ts) from base scores: the reference set is every candidate
 * that is not one of their own strong positives; labels are their strong positives and
 * their negative events.
 */
import type { TitleEvent } from './events';
import { calibrate, type Calibration } from './match';

export function calibrateOnHistory(keys: readonly string[], history: ReadonlyMap<string, TitleEvent>, base: Float32Array): Calibration {
  const ref: number[] = [];
  const labelled: { score: number; positive: boolean }[] = [];
  keys.forEach((k, j) => {
    const e = history.get(k);
    const s = base[j] as number;
    const positive = !!e && e.weight > 0 && e.strong;
    if (!positive) ref.push(s);
    if (positive) labelled.push({ score: s, positive: true });
    else if (e && e.weight < 0) labelled.push({ score: s, positive: false });
  });
  return calibrate(ref, labelled);
}
