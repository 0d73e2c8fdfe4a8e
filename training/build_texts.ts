/**
 * Writes the model text of every MovieLens movie, built by the extension's own text
 * construction (src/model/text.ts), so training sees exactly what pages will produce.
 * Called by train.py:  npx tsx training/build_texts.ts <movies.csv> <out.json>
 */
import { writeFileSync } from 'node:fs';
import { buildItemText } from '../src/model/text';
import { readMovies } from './movielens';

const [moviesPath, outPath] = process.argv.slice(2);
if (!moviesPath || !outPath) throw new Error('usage: build_texts.ts <movies.csv> <out.json>');
const texts = readMovies(moviesPath).map((m) => ({
  id: m.id,
  text: buildItemText({ title: m.title, genres: m.genres, kind: 'movie' }),
}));
writeFileSync(outPath, JSON.stringify(texts));
console.error(`build_texts: ${texts.length} movies`);
