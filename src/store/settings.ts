/**
 * User settings, one row per setting in the `settings` table. Each value is validated on
 * read: a value that is missing, from an older build or corrupted falls back to its default
 * on its own, without resetting the others.
 */
import { z } from 'zod';
import type { TastefulDB } from './db';
import { guardQuota } from './errors';
import { EXPERIMENT_LOG_KEY, ExperimentLog } from './experiment-log';
import { LIMITS, Site } from './records';
import { BADGE_MODES } from './limits';

/** 50 years: room for any history since the earliest timestamp a record may carry (1990). */
export const MAX_RETENTION_MONTHS = 600;

export const SETTING_SCHEMAS = {
  /** Events older than this are pruned (an import of older history lengthens it: retention.ts). */
  retentionMonths: z.number().int().min(1).max(MAX_RETENTION_MONTHS),
  recordingPaused: z.boolean(),
  pausedSites: z.array(Site).max(1_000),
  recordInPrivate: z.boolean(),
  badgeMode: z.enum(BADGE_MODES),
  /** Recency weighting of the profile: an event this many days old counts half. */
  halfLifeDays: z.number().min(1).max(3_650),
  onboarding: z.strictObject({
    done: z.boolean(),
    genres: z.array(z.string().min(1).max(LIMITS.genre)).max(100),
    titles: z.array(z.string().min(1).max(LIMITS.text)).max(100),
  }),
  /** Local experiments: the "Picked for you" panel interleaves two rankings and counts which one's picks you choose. */
  experiments: z.boolean(),
  /** Free-form note on the shape of stored data (e.g. what a migration did), shown in the dashboard. */
  schemaNote: z.string().max(LIMITS.longText),
} as const;

export const Settings = z.strictObject(SETTING_SCHEMAS);
export type Settings = z.infer<typeof Settings>;
export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(SETTING_SCHEMAS) as SettingKey[];

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  retentionMonths: 12,
  recordingPaused: false,
  pausedSites: [],
  recordInPrivate: false,
  badgeMode: 'on',
  halfLifeDays: 30,
  onboarding: { done: false, genres: [], titles: [] },
  experiments: true,
  schemaNote: '',
});

export const SettingsPatch = Settings.partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_SCHEMAS, key);
}

/**
 * Whether `value` is acceptable for the setting `key` (or the experiment log, which shares the
 * table: experiment-log.ts); unknown keys are not ours to judge.
 */
export function checkSettingValue(key: string, value: unknown): z.ZodSafeParseResult<unknown> | null {
  if (key === EXPERIMENT_LOG_KEY) return ExperimentLog.safeParse(value);
  return isSettingKey(key) ? SETTING_SCHEMAS[key].safeParse(value) : null;
}

export async function getSettings(db: TastefulDB): Promise<Settings> {
  const rows = await db.settings.bulkGet(SETTING_KEYS);
  const out: Record<string, unknown> = {};
  SETTING_KEYS.forEach((key, i) => {
    const parsed = SETTING_SCHEMAS[key].safeParse(rows[i]?.value);
    out[key] = parsed.success ? parsed.data : structuredClone(DEFAULT_SETTINGS[key]);
  });
  return out as Settings;
}

export type SettingsUpdate = { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly error: string };

/** Validates the whole patch first; an invalid patch writes nothing. */
export async function updateSettings(db: TastefulDB, patch: SettingsPatch): Promise<SettingsUpdate> {
  const parsed = SettingsPatch.safeParse(patch);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `Invalid setting ${issue?.path.join('.') || ''}: ${issue?.message ?? 'invalid'}`.replace('  ', ' ') };
  }
  const rows = Object.entries(parsed.data)
    .filter(([, v]) => v !== undefined)
    .map(([key, value]) => ({ key, value }));
  return guardQuota('updateSettings', () =>
    db.transaction('rw', db.settings, async () => {
      await db.settings.bulkPut(rows);
      return { ok: true as const, settings: await getSettings(db) };
    }),
  );
}
