/**
 * MovieLens readers shared by the training text builder and scripts/eval.ts.
 * Handles ml-latest(-small) CSV (CRLF, quoted commas) and ML-1M/10M `::` .dat files
 * (ML-1M is latin-1; .dat files are decoded as latin-1 unless they are valid UTF-8).
 */
import { readFileSync } from 'node:fs';

export interface Movie {
  id: number;
  title: string;
  genres: string[];
}

export interface Rating {
  user: number;
  item: number;
  rating: number;
  ts: number;
  /** Line order in the file: the stable tie-break for equal timestamps. */
  order: number;
}

function decode(path: string): string {
  const buf = readFileSync(path);
  if (!path.endsWith('.dat')) return buf.toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('latin1').decode(buf);
  }
}

/** RFC-4180-ish CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function rowsOf(path: string): string[][] {
  const text = decode(path);
  if (path.endsWith('.dat')) {
    return text
      .split(/\r?\n/u)
      .filter((l) => l.trim() !== '')
      .map((l) => l.split('::'));
  }
  const rows = parseCsv(text);
  // Drop the header row of CSV files.
  return rows.length && Number.isNaN(Number(rows[0]?.[0])) ? rows.slice(1) : rows;
}

export function readMovies(path: string): Movie[] {
  return rowsOf(path).map((r) => ({
    id: Number(r[0]),
    title: (r[1] ?? '').trim(),
    genres: (r[2] ?? '')
      .trim()
      .split('|')
      .filter((g) => g && g !== '(no genres listed)'),
  }));
}

export function readRatings(path: string): Rating[] {
  return rowsOf(path).map((r, order) => ({
    user: Number(r[0]),
    item: Number(r[1]),
    rating: Number(r[2]),
    ts: Number(r[3]),
    order,
  }));
}

/** Each user's ratings sorted by time, ties kept in file order. */
export function sequences(ratings: readonly Rating[]): Map<number, Rating[]> {
  const byUser = new Map<number, Rating[]>();
  for (const r of ratings) {
    const list = byUser.get(r.user);
    if (list) list.push(r);
    else byUser.set(r.user, [r]);
  }
  for (const list of byUser.values()) list.sort((a, b) => a.ts - b.ts || a.order - b.order);
  return byUser;
}
