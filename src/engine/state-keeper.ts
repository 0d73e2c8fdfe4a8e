/**
 * The ranking state for the current data version: built on demand (and ahead of demand
 * when the version moves, `warm`), kept until the version moves again. Store changes from
 * any context move the version (store-changes.ts → change-strength.ts → data-version.ts)
 * and tell the user-data cache which rows to read again.
 */
import { buildRankState, type RankState } from '../rank';
import type { TastefulDB } from '../store/db';
import { changeStrength } from './change-strength';
import { DataVersion } from './data-version';
import type { ModelSession } from './model-session';
import { observeStore } from './store-changes';
import { UserDataCache } from './user-data-cache';

/** A rebuild shortly after the version moves, so the next page's badges do not wait for it. */
export const WARM_DELAY_MS = 250;

export class StateKeeper {
  private state: { version: number; p: Promise<RankState> } | null = null;
  private readonly userData = new UserDataCache();
  readonly version: DataVersion;
  private observed: string | null = null;
  private stopObserving: (() => void) | null = null;
  private warmTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly rating = new Set<Promise<unknown>>();

  constructor(private readonly o: { db: () => Promise<TastefulDB>; model: ModelSession; clock: () => number }) {
    this.version = new DataVersion(o.clock, () => this.scheduleWarm());
  }

  /** Subscribes to the store's changes before the first read, so none is missed. */
  private async store(): Promise<TastefulDB> {
    const db = await this.o.db();
    if (this.observed !== db.name) {
      this.stopObserving?.();
      this.observed = db.name;
      this.stopObserving = observeStore(db.name, (changes) => {
        this.userData.noteChanged(changes);
        const rating = changeStrength(db, changes).then(
          (s) => s && this.version.note(s),
          // The rows could not be read to rate the change: count it as strong, never miss it.
          () => this.version.note('strong'),
        );
        this.rating.add(rating);
        void rating.finally(() => this.rating.delete(rating));
      });
    }
    return db;
  }

  /** Every change observed so far has been rated and counted in the version (tests, bench). */
  async settled(): Promise<void> {
    while (this.rating.size) await Promise.all([...this.rating]);
  }

  get(): Promise<RankState> {
    const version = this.version.current();
    if (!this.state || this.state.version !== version) {
      const p = this.build();
      this.state = { version, p };
      p.catch(() => {
        // A failed build is not kept: the next call tries again.
        if (this.state?.p === p) this.state = null;
      });
    }
    return this.state.p;
  }

  private async build(): Promise<RankState> {
    const t0 = this.o.clock();
    const db = await this.store();
    const cache = await this.o.model.cache();
    const info = this.o.model.info as NonNullable<ModelSession['info']>;
    const data = await this.userData.load(db, t0);
    const st = await buildRankState({ data, model: info, now: t0, embed: (texts) => cache.get(texts) });
    this.version.lastBuildMs = Math.max(0, this.o.clock() - t0);
    return st;
  }

  private scheduleWarm(): void {
    clearTimeout(this.warmTimer);
    // Never build just for this: only an engine that has answered before keeps a warm state.
    if (!this.state) return;
    // A failed warm-up is not lost: the next call builds again and reports its error.
    this.warmTimer = setTimeout(() => void this.get().catch(() => undefined), WARM_DELAY_MS);
    (this.warmTimer as { unref?: () => void }).unref?.();
  }

  /** Drop the state; with `reads`, also every row read (a wipe), so the next call reads the store whole. */
  drop(o: { reads: boolean }): void {
    clearTimeout(this.warmTimer);
    this.state = null;
    if (o.reads) this.userData.drop();
  }
}
