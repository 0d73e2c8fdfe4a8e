/** What ranking hands out: the "Picked for you" rows (the engine answers `picks` with these). */

export interface PickItem {
  titleId: string;
  titleKey: string;
  title: string;
  year: number | null;
  kind: string;
  genres: string[];
  imageUrl: string | null;
  url: string | null;
  site: string;
  match: number | null;
  why: string[];
  /** Which profile spoke: 'recent' (what next) for picks, 'taste' (long-term) for badges. */
  horizon?: 'taste' | 'recent';
}

export interface PickRow {
  id: string;
  label: string;
  items: PickItem[];
}

export interface Picks {
  rows: PickRow[];
  /** How much of the user's own behaviour the profile rests on (weighted events). */
  evidence: number;
  generatedAt: number;
  /** When the top row is a local experiment's interleaved list: each pick's team (src/rank/experiment/). */
  interleaved?: { experiment: string; picks: { titleKey: string; team: 'baseline' | 'candidate' }[] };
}
