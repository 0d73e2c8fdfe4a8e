/**
 * The user's calibration (match.ts) from base scores: the reference set is every candidate
 * that is not one of their own strong positives; labels are their strong positives and
 * the negatives they decided (abandoned, thumbs down, not interested). A title only scrolled
 * past (impressions alone) or previewed once is not a label: dozens of them a page outweigh every other label, and
 * a fit of "watched" against "shown" put nearly every new title below 50 % — on a page of
 * 100 with 30 titles of history, 4 badges of 100 and none on the real next title for 43 % of
 * users (scripts/badge-check.ts --impressions; models/MODEL_CARD.md, "Session 7").
 */
import { RULES, type TitleEvent } from './events';
import { calibrate, type Calibration } from './match';

/**
 * A negative the user decided: abandoned or "not interested" (a skip weighing at least an
 * abandon: one preview left is not, three of the same title are), or a thumbs down / not
 * interested rating.
 */
function isDecidedAgainst(e: TitleEvent): boolean {
  return e.skip <= RULES.skip.abandoned || (e.rating !== null && e.weight < 0);
}

export function calibrateOnHistory(keys: readonly string[], history: ReadonlyMap<string, TitleEvent>, base: Float32Array): Calibration {
  const ref: number[] = [];
  const labelled: { score: number; positive: boolean }[] = [];
  keys.forEach((k, j) => {
    const e = history.get(k);
    const s = base[j] as number;
    const positive = !!e && e.weight > 0 && e.strong;
    if (!positive) ref.push(s);
    if (positive) labelled.push({ score: s, positive: true });
    else if (e && e.weight < 0 && isDecidedAgainst(e)) labelled.push({ score: s, positive: false });
  });
  return calibrate(ref, labelled);
}
