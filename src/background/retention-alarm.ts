/** The scheduled prune: once a day, events older than the retention window are deleted. */
import { browser } from 'wxt/browser';
import type { TastefulDB } from '../store/db';
import { getSettings } from '../store/settings';
import { pruneOlderThan, retentionCutoff } from '../store/retention';

export const RETENTION_ALARM = 'tasteful-retention';

export async function scheduleRetention(): Promise<void> {
  const existing = await browser.alarms.get(RETENTION_ALARM);
  if (!existing) await browser.alarms.create(RETENTION_ALARM, { delayInMinutes: 1, periodInMinutes: 24 * 60 });
}

export async function runRetention(db: TastefulDB, now = Date.now()): Promise<void> {
  const { retentionMonths } = await getSettings(db);
  // The engine sees the deletions itself (src/engine/store-changes.ts).
  await pruneOlderThan(db, retentionCutoff(now, retentionMonths));
}
