/**
 * Where the layer's scores come from: the page's warm scores (warm-scores.ts, known before
 * the tiles) first, else the score batcher (one `rank/page` round trip). Timings of the
 * batches go to the bench recorder. The batcher's interface is used as it is.
 */
import type { TitleInput } from '../../messages/protocol';
import type { PageScore } from '../../messages/replies';
import type { Send } from '../../record/types';
import { createScoreBatcher } from './score-batcher';
import { record } from './timings';
import type { KnownScores } from './warm-scores';

export interface ScoreSource {
  get(siteItemId: string): PageScore | undefined;
  want(title: TitleInput): void;
  /** `title` has a score: if it is a stale warm one, ask for a fresh one (painted when it comes). */
  refresh(title: TitleInput): void;
  /** The page's warm scores arrived (after the layer started). */
  setKnown(known: KnownScores): void;
  /** The user's data changed: warm scores no longer hold and cached ones are dropped. */
  invalidate(): void;
  stop(): void;
}

export function createScoreSource(o: {
  send: Send;
  delayMs?: number;
  known?: KnownScores;
  onScores(scores: ReadonlyMap<string, PageScore>): void;
}): ScoreSource {
  let known = o.known;
  const batcher = createScoreBatcher({
    send: (m) => {
      record.milestone('firstRequest');
      const t0 = performance.now();
      const reply = o.send(m);
      record.sendSync(performance.now() - t0);
      return reply;
    },
    delayMs: o.delayMs,
    onBatch: (t) => {
      record.milestone('firstReply');
      record.batch(t);
    },
    onScores: o.onScores,
  });
  return {
    get: (id) => batcher.get(id) ?? known?.(id),
    want: (title) => batcher.want(title),
    refresh(title) {
      if (known?.stale && !batcher.get(title.siteItemId)) batcher.want(title);
    },
    setKnown(k) {
      known = k;
    },
    invalidate() {
      known = undefined;
      batcher.invalidate();
    },
    stop: () => batcher.stop(),
  };
}
