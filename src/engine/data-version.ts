/**
 * The engine's data version: it moves when something the profile depends on was committed
 * to the store (store-changes.ts observes it, change-strength.ts rates it), and the engine
 * rebuilds its state when the version differs from the one it was built at. A rebuild is the
 * slow part of scoring a page, so changes come in two strengths:
 * - strong: the next answer must reflect it, so the version moves at once;
 * - weak: shifts the profile by little, so it is folded into the version at most once every
 *   `weakFoldMs()` (VERSION_RULES.weakFoldMs, longer when rebuilds are slow: the engine spends at most
 *   ~1/FOLD_COST_FACTOR of a core on weak changes).
 * Each move calls `onMove` (the engine warms its state shortly after).
 */
import type { ChangeStrength } from './change-strength';

export const VERSION_RULES = { weakFoldMs: 30_000, foldCostFactor: 20, maxWeakFoldMs: 5 * 60_000 } as const;

export class DataVersion {
  private version = 0;
  private weakSince: number | null = null;
  private foldTimer: ReturnType<typeof setTimeout> | undefined;
  /** Duration of the last rebuild (ms), measured by the engine. */
  lastBuildMs = 0;

  constructor(
    private readonly clock: () => number,
    private readonly onMove: () => void,
  ) {}

  /** How long weak changes may wait. */
  weakFoldMs(): number {
    return Math.min(VERSION_RULES.maxWeakFoldMs, Math.max(VERSION_RULES.weakFoldMs, VERSION_RULES.foldCostFactor * this.lastBuildMs));
  }

  note(strength: ChangeStrength): void {
    if (strength === 'strong') {
      this.move();
    } else if (this.weakSince === null) {
      this.weakSince = this.clock();
      // Fold on time even if nobody asks, so the state is warm when someone does.
      clearTimeout(this.foldTimer);
      this.foldTimer = setTimeout(() => this.current(), this.weakFoldMs());
      (this.foldTimer as { unref?: () => void }).unref?.();
    }
  }

  /** The version to answer at: weak changes older than `weakFoldMs()` are folded in. */
  current(): number {
    if (this.weakSince !== null && this.clock() - this.weakSince >= this.weakFoldMs()) this.move();
    return this.version;
  }

  private move(): void {
    this.version++;
    this.weakSince = null;
    clearTimeout(this.foldTimer);
    this.onMove();
  }
}
