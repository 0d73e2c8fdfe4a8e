/** Shared set-up for the dashboard's DOM tests: a seeded in-memory store and a context to render sections in. */
import type { ComponentChildren } from 'preact';
import { useCallback, useMemo, useState } from 'preact/hooks';
import type { TastefulDB } from '../../store/db';
import type { TitleRecord, WatchSessionRecord } from '../../store/records';
import { DashboardContext, type DashboardEnv } from './context';
import { titleKey } from '../../titles/normalize';

export const NOW = new Date(2025, 5, 10, 15, 0).getTime();
const MIN = 60_000;

export function title(i: number, name: string, site = 'netflix.com'): TitleRecord {
  return {
    id: `${site}:t${i}`,
    site,
    siteItemId: `t${i}`,
    key: titleKey(name, 2000 + i), // as the recorder keys it (an import recomputes it so)
    title: name,
    year: 2000 + i,
    kind: 'movie',
    genres: [],
    description: null,
    imageUrl: null,
    url: null,
    firstSeen: NOW - 10 * 86_400_000,
    lastSeen: NOW - 10 * MIN,
  };
}

const ctx = (site: string) => ({ hour: 12, weekday: 2, device: 'desktop' as const, site });

export function session(id: string, t: TitleRecord, startedAt: number, secondsWatched: number, duration: number | null): WatchSessionRecord {
  return {
    id,
    titleId: t.id,
    titleKey: t.key,
    site: t.site,
    startedAt,
    endedAt: startedAt + secondsWatched * 1000,
    secondsWatched,
    duration,
    completion: duration ? secondsWatched / duration : 0,
    pauses: 0,
    seeks: 0,
    rewatch: false,
    state: 'closed',
    ctx: ctx(t.site),
  };
}

/** Three titles on two sites, five events of four kinds, newest: the rating. */
export async function seed(db: TastefulDB): Promise<{ alien: TitleRecord; amelie: TitleRecord; clip: TitleRecord }> {
  const alien = title(1, 'Alien');
  const amelie = title(2, 'Amélie');
  const clip = title(3, 'Cat video', 'youtube.com');
  await db.titles.bulkPut([alien, amelie, clip]);
  // 23 min of a 42.6 min film: 54%.
  await db.watchSessions.bulkPut([session('w1', alien, NOW - 120 * MIN, 23 * 60, 2556), session('w2', clip, NOW - 200 * MIN, 95, null)]);
  await db.searches.put({
    id: 's1',
    site: 'netflix.com',
    query: 'space horror',
    at: NOW - 125 * MIN,
    openedTitleId: alien.id,
    ctx: ctx('netflix.com'),
  });
  await db.skips.put({
    id: 'k1',
    titleId: amelie.id,
    titleKey: amelie.key,
    site: amelie.site,
    at: NOW - 60 * MIN,
    reason: 'abandoned',
    secondsWatched: 40,
    ctx: ctx('netflix.com'),
  });
  await db.ratings.put({ titleKey: alien.key, titleId: alien.id, site: alien.site, value: 'love', at: NOW - 30 * MIN });
  return { alien, amelie, clip };
}

/** Renders children inside a live dashboard context; `onChanged` counts dataChanged() calls. */
export function TestDashboard({ db, children, onChanged }: { db: TastefulDB; children: ComponentChildren; onChanged?: () => void }) {
  const [version, setVersion] = useState(0);
  const dataChanged = useCallback(() => {
    setVersion((v) => v + 1);
    onChanged?.();
  }, [onChanged]);
  const env = useMemo<DashboardEnv>(() => ({ db, version, dataChanged, now: () => NOW }), [db, version, dataChanged]);
  return <DashboardContext.Provider value={env}>{children}</DashboardContext.Provider>;
}
