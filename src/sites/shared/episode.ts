/**
 * Episode codes in a line of text: "S2:E4", "S1 · E1", "Season 1, Ep. 3", "Episode 4", in
 * English, French, German and Spanish. Players, media sessions and document titles write a
 * series and what of it plays on one line ("Hell's Kitchen S01:E03 - Day 3"); the profile
 * learns the series.
 */
import type { TitleKind } from '../../store/records';

/** An episode's number in a line: "S2:E4", "S1 · E1", "Season 1, Ep. 3", "Episode 4", "E4". */
export const EPISODE_MARK =
  /(?<![\p{L}\p{N}])(?:S\d{1,2}\s*[:.,·]?\s*E\d{1,3}|(?:season|series|saison|staffel|temporada)\s+\d{1,2}\s*[,:·-]?\s*(?:episode|ep\.?|épisode|folge|episodio)\s*\d{1,3}|(?:episode|ep\.|épisode|folge|episodio)\s*\d{1,3}|E\d{1,3})(?![\p{L}\p{N}])/iu;
/** A season without an episode: "Season 1", "S2". */
export const SEASON_MARK = /(?<![\p{L}\p{N}])(?:S\d{1,2}|(?:season|saison|staffel|temporada)\s+\d{1,2})(?![\p{L}\p{N}])/iu;
/** Splits "Hell's Kitchen S01:E03 - Day 3" into the series and its episode line. */
export function splitEpisode(text: string): { title: string; episode: string | null; kind: TitleKind | null } {
  const mark = EPISODE_MARK.exec(text) ?? SEASON_MARK.exec(text);
  if (!mark || mark.index === 0) return { title: text, episode: null, kind: null };
  const before = text.slice(0, mark.index);
  // A code ("S01:E03") is never part of a name; a word ("Season 2") is unless a separator comes first: "Hunting Season 2".
  if (!/^[SE]\d/i.test(mark[0]) && !/[-–—:|·,(]\s*$/.test(before)) return { title: text, episode: null, kind: null };
  const head = before.replace(/[\s\-–—:|·,(]+$/, '').trim();
  if (!head) return { title: text, episode: null, kind: null };
  const tail = text.slice(mark.index).trim();
  return { title: head, episode: tail, kind: EPISODE_MARK.test(tail) ? 'episode' : 'series' };
}
