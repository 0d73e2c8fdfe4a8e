/**
 * What every dashboard section shares: the open store, a version number that moves whenever
 * the user's data changes (sections re-read when it does), and the one way to announce a
 * change (bumps the version and tells the background to drop the engine's caches).
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { TastefulDB } from '../../store/db';

export interface DashboardEnv {
  readonly db: TastefulDB;
  /** Increments after every import, delete, wipe or settings change made from this page. */
  readonly version: number;
  /** Call after changing stored data, so the sections read it again. */
  readonly dataChanged: () => void;
  /** Clock, injectable for tests. */
  readonly now: () => number;
}

export const DashboardContext = createContext<DashboardEnv | null>(null);

export function useDashboard(): DashboardEnv {
  const env = useContext(DashboardContext);
  if (!env) throw new Error('useDashboard() outside <DashboardContext.Provider>');
  return env;
}
