/**
 * A history and a page that name films alone (a service whose tiles show a poster and a title, a
 * list of titles imported), with the shipped model and prior over the demo catalog's films the
 * model was trained on: they get the badges they get when their years and genres are shown
 * (src/rank/known-titles.ts), where without the known titles half of them were more than a point off.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelPort } from './engine';
import { completeTitle } from '../rank/known-titles';
import { priorIndex, type PriorFile } from '../rank/prior';
import { freshDb } from '../../test/support/store-test-support';
import { DAY, NOW, session, titleRec, type T } from '../../test/support/rank-test-utils';
import { hasModel, demoTitles, pageInput, realModel } from '../../test/support/real-model';
import { createEngine } from './engine';

const bare = (t: T): T => ({ title: t.title, genres: [], kind: t.kind });

describe.skipIf(!hasModel)('films named alone', () => {
  it('get the badges they get with their years and genres shown', async () => {
    const model = await realModel({ prior: true });
    const info = await model.load();
    const known = info.prior?.known ?? null;
    // The demo's films the model knows, shown as the training catalog names them.
    const films = demoTitles.flatMap((t): T[] => {
      if (t.kind !== 'movie') return [];
      const k = completeTitle(known, { ...bare(t), year: null });
      return k.year === null ? [] : [{ ...k, year: k.year, genres: [...k.genres] }];
    });
    expect(films.length).toBeGreaterThan(100);
    const scifi = films.filter((t) => t.genres.includes('Sci-Fi')).slice(0, 20);
    const drama = films.filter((t) => t.genres.includes('Drama') && !t.genres.includes('Sci-Fi')).slice(0, 10);
    const watched = [...scifi, ...drama];
    const badges = async (m: ModelPort, show: (t: T) => T) => {
      const db = await freshDb();
      await db.titles.bulkPut(films.map((t) => titleRec(show(t))));
      await db.watchSessions.bulkPut(watched.map((t, i) => session(show(t), { at: NOW - (watched.length - i) * DAY })));
      const engine = createEngine({ openDb: async () => db, model: () => m, now: () => NOW });
      const page = await engine.rankPage(
        'demo.test',
        films.map((t) => pageInput(show(t))),
      );
      db.close();
      return page.scores.map((s) => s.match);
    };
    const shown = await badges(model, (t) => t);
    const named = await badges(model, bare);
    // The same with the prior file as it was before the known titles: names alone are embedded
    // as they are, and find rows only where one dated key has the name.
    const { known: _, ...before } = JSON.parse(readFileSync(new URL('../../models/prior.json', import.meta.url), 'utf8')) as PriorFile;
    const withoutKnown: ModelPort = { ...model, load: async () => ({ ...info, prior: priorIndex(before, info) }) };
    const unaided = await badges(withoutKnown, bare);
    await model.unload();

    // Within a point: the catalog's order follows the keys (dated or not), and sums in another
    // order round a few badges the other way.
    const near = (a: (number | null)[]) =>
      a.filter((m, i) => (m === null) === (shown[i] === null) && Math.abs((m ?? 0) - (shown[i] ?? 0)) <= 1).length / films.length;
    expect(shown.filter((m) => m !== null).length).toBeGreaterThan(10);
    expect(near(named)).toBeGreaterThan(0.99);
    expect(near(unaided)).toBeLessThan(0.8);
  }, 180_000);
});
