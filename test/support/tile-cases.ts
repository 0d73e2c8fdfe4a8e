/**
 * The table-of-pages harness of the generic adapter's real-app tests: each case is a fixture
 * page and every title tile expected on it, in document order, with its exact title and id
 * (and year, row and kind where given). Anything else found fails the case.
 */
import { expect } from 'vitest';
import { genericAdapter as g } from '../../src/sites/generic';
import type { TileInfo } from '../../src/sites/types';
import type { TitleKind } from '../../src/store/records';
import { loadFixture } from './load-fixture';

export interface WantTile {
  title: string;
  id: string;
  year?: number | null;
  row?: string | null;
  kind?: TitleKind;
}

export interface TileCase {
  name: string;
  file: string;
  url: string;
  tiles: WantTile[];
}

export const want = (title: string, id: string, year?: number | null, row?: string | null, kind?: TitleKind): WantTile => ({
  title,
  id,
  year,
  row,
  kind,
});

/** The case's page (fixtures beside `testUrl`, the test file's `import.meta.url`) and what the adapter finds on it. */
export function readCase(testUrl: string, c: TileCase): { tiles: Element[]; infos: TileInfo[] } {
  const doc = loadFixture(testUrl, c.file, c.url);
  const tiles = g.findTiles(doc);
  const infos = tiles.map((t) => g.readTile(t)).filter((i): i is TileInfo => i !== null);
  return { tiles, infos };
}

export function expectCase(testUrl: string, c: TileCase): void {
  const { tiles, infos } = readCase(testUrl, c);
  expect(infos.length, 'every tile found is readable').toBe(tiles.length);
  expect(infos.map((i) => ({ title: i.title, id: i.siteItemId }))).toEqual(c.tiles.map((t) => ({ title: t.title, id: t.id })));
  for (const [i, t] of c.tiles.entries()) {
    if (t.year !== undefined) expect(infos[i]?.year, `${t.title} year`).toBe(t.year);
    if (t.row !== undefined && t.row !== null) expect(g.readRow(tiles[i]!), `${t.title} row`).toBe(t.row);
    if (t.kind !== undefined) expect(infos[i]?.kind, `${t.title} kind`).toBe(t.kind);
  }
}
