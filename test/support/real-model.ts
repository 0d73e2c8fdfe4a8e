/**
 * The shipped model (models/) as the engine's ModelPort, run by onnxruntime-web in Node, and the
 * demo site's catalog as page titles: for the tests that rank with the real model.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { CATALOG } from '../../demo/catalog.mjs';
import type { ModelPort } from '../../src/engine/engine';
import type { TitleInput } from '../../src/messages/protocol';
import { Embedder, type ModelManifest } from '../../src/model/embedder';
import { priorIndex } from '../../src/rank/prior';
import { titleRec, type T } from './rank-test-utils';

const root = new URL('../../', import.meta.url);

/** False on a checkout without the model files (the real-model tests are skipped then). */
export const hasModel = existsSync(new URL('models/model.json', root));

/** `prior`: with the shipped models/prior.json (the periods, the short-history prior, the known titles). */
export async function realModel(o: { prior?: boolean } = {}): Promise<ModelPort> {
  ort.env.wasm.numThreads = 1;
  const manifest = JSON.parse(readFileSync(new URL('models/model.json', root), 'utf8')) as ModelManifest;
  const bytes = readFileSync(new URL(`models/${manifest.file}`, root));
  const e = await Embedder.create(ort, () => ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] }), manifest);
  const prior = o.prior && manifest.prior ? priorIndex(JSON.parse(readFileSync(new URL(`models/${manifest.prior}`, root), 'utf8')), manifest) : null;
  return {
    load: async () => ({ modelVersion: manifest.modelVersion, dim: manifest.dim, popWeight: 1 / manifest.training.scoreScale, prior }),
    embed: (texts) => e.embed(texts),
    unload: () => e.release(),
  };
}

/** Every title of the demo site's catalog. */
export const demoTitles: T[] = CATALOG.map((c) => ({ title: c.title, year: c.year, genres: [...c.genres], kind: c.kind }));

/** A title as a page reports it (the demo site's tiles: no description, image or link). */
export const pageInput = (t: T): TitleInput => ({
  siteItemId: titleRec(t).siteItemId,
  title: t.title,
  year: t.year ?? null,
  kind: t.kind ?? 'movie',
  genres: t.genres,
  description: null,
  imageUrl: null,
  url: null,
});
