/**
 * Writes the training catalog's mean embedding into a model's manifest (`catalogMean` in
 * model.json): every movie of `--movies`, embedded by that model through the extension's own
 * `buildItemText`. The taste horizon's hub term subtracts a share of each title's projection on
 * it (src/rank/horizons.ts). Run after training/train.py, for the shipped model and for each
 * evaluation encoder alike, since the mean belongs to the encoder's space.
 *
 *   npx tsx training/catalog-mean.ts --movies M [--model-dir models]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { meanVector } from '../src/model/catalog-mean';
import { cliOptions } from './cli';
import { readMovies } from './movielens';
import { embedMovies } from './prior';

const { get } = cliOptions(process.argv.slice(2));
const moviesPath = get('movies');
if (!moviesPath) throw new Error('usage: tsx training/catalog-mean.ts --movies M [--model-dir D]');
const modelDir = get('model-dir') ?? join(fileURLToPath(new URL('..', import.meta.url)), 'models');
const movies = readMovies(moviesPath);
const { vecOf, model } = await embedMovies(movies, modelDir);
const rows = new Float32Array(movies.length * model.dim);
for (const [i, m] of movies.entries()) rows.set(vecOf(m.id) as Float32Array, i * model.dim);
const mean = meanVector(rows, model.dim);
const path = join(modelDir, 'model.json');
const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
manifest.catalogMean = Array.from(mean, (x) => Number(x.toFixed(6)));
writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
let norm = 0;
for (const x of mean) norm += x * x;
process.stderr.write(`catalog mean of ${movies.length} movies (${model.modelVersion}, |m| = ${Math.sqrt(norm).toFixed(4)}) → ${path}\n`);
