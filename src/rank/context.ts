/**
 * Context habits: does this user watch different genres at certain times or on certain
 * devices? Learned from the user's own watch sessions only, used only when strong.
 *
 * Contexts (families): `<weekday|weekend>:<daypart>`, `day:<0-6>:<daypart>` and
 * `device:<class>`; dayparts: night 22–4 h, morning 5–11, afternoon 12–16, evening 17–21.
 *
 * Per genre g: overall share p_g = Σ_s w_s [g ∈ s] / Σ_s w_s over qualifying sessions
 * (w_s = the session's watch weight). In context x, with shrinkage toward p_g:
 *   p_xg = (Σ_{s∈x} w_s [g ∈ s] + 4 · p_g) / (Σ_{s∈x} w_s + 4)
 *
 * The rule (a habit is strong, and used, only when ALL hold):
 *   - ≥ 10 qualifying sessions in total and ≥ 5 in context x,
 *   - p_xg ≥ 1.5 · p_g (clear relative lift) and p_xg − p_g ≥ 0.2 (clear absolute deviation).
 * A strong habit adds boost = 0.1 · min(1, (p_xg − p_g) / 0.3) to the score of titles of
 * genre g when the current context is x (max over the matching habits, not summed).
 */
import type { DeviceClass, EventContext } from '../store/records';
import { genrePhrase } from './genres';

export const CONTEXT_RULES = { minSessions: 10, minInContext: 5, prior: 4, minLift: 1.5, minDelta: 0.2, maxBoost: 0.1, fullDelta: 0.3 } as const;

export type Daypart = 'night' | 'morning' | 'afternoon' | 'evening';

export function daypart(hour: number): Daypart {
  if (hour >= 22 || hour < 5) return 'night';
  if (hour < 12) return 'morning';
  if (hour < 17) return 'afternoon';
  return 'evening';
}

export interface NowContext {
  hour: number;
  weekday: number;
  device: DeviceClass | null;
}

export function contextKeys(c: NowContext): string[] {
  const dp = daypart(c.hour);
  const dayType = c.weekday === 0 || c.weekday === 6 ? 'weekend' : 'weekday';
  const keys = [`${dayType}:${dp}`, `day:${c.weekday}:${dp}`];
  if (c.device) keys.push(`device:${c.device}`);
  return keys;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DP_PLURAL: Record<Daypart, string> = { night: 'nights', morning: 'mornings', afternoon: 'afternoons', evening: 'evenings' };
const DEVICE: Record<DeviceClass, string> = { desktop: 'on your computer', tablet: 'on your tablet', phone: 'on your phone', tv: 'on your TV' };

/** "on Friday nights", "on weekend evenings", "on your TV". */
export function contextPhrase(key: string): string {
  const p = key.split(':');
  if (p[0] === 'device') return DEVICE[p[1] as DeviceClass] ?? `on your ${p[1]}`;
  if (p[0] === 'day') return `on ${DAYS[Number(p[1])] ?? 'some'} ${DP_PLURAL[p[2] as Daypart]}`;
  return `on ${p[0]} ${DP_PLURAL[p[1] as Daypart]}`;
}

export interface ContextSession {
  ctx: Pick<EventContext, 'hour' | 'weekday' | 'device'>;
  genres: readonly string[];
  weight: number;
}

export interface Habit {
  context: string;
  genre: string;
  /** p_xg / p_g */
  lift: number;
  share: number;
  baseShare: number;
  sessions: number;
  boost: number;
  /** "You often watch comedies on Friday nights" */
  text: string;
}

export function learnHabits(sessions: readonly ContextSession[]): Habit[] {
  const R = CONTEXT_RULES;
  const qual = sessions.filter((s) => s.weight > 0);
  if (qual.length < R.minSessions) return [];
  let total = 0;
  const overall = new Map<string, number>();
  const ctxW = new Map<string, { w: number; n: number; g: Map<string, number> }>();
  for (const s of qual) {
    total += s.weight;
    const genres = new Set(s.genres);
    for (const g of genres) overall.set(g, (overall.get(g) ?? 0) + s.weight);
    for (const key of contextKeys({ hour: s.ctx.hour, weekday: s.ctx.weekday, device: s.ctx.device })) {
      let c = ctxW.get(key);
      if (!c) ctxW.set(key, (c = { w: 0, n: 0, g: new Map() }));
      c.w += s.weight;
      c.n++;
      for (const g of genres) c.g.set(g, (c.g.get(g) ?? 0) + s.weight);
    }
  }
  const habits: Habit[] = [];
  for (const [key, c] of ctxW) {
    if (c.n < R.minInContext) continue;
    for (const [g, wg] of c.g) {
      const pg = (overall.get(g) ?? 0) / total;
      const pxg = (wg + R.prior * pg) / (c.w + R.prior);
      const delta = pxg - pg;
      if (pxg < R.minLift * pg || delta < R.minDelta) continue;
      habits.push({
        context: key,
        genre: g,
        lift: pxg / pg,
        share: pxg,
        baseShare: pg,
        sessions: c.n,
        boost: R.maxBoost * Math.min(1, delta / R.fullDelta),
        text: `You often watch ${genrePhrase(g)} ${contextPhrase(key)}`,
      });
    }
  }
  return habits.sort((a, b) => b.boost - a.boost || b.lift - a.lift || a.context.localeCompare(b.context) || a.genre.localeCompare(b.genre));
}

/** The habits that apply now, strongest first. */
export function activeHabits(habits: readonly Habit[], now: NowContext): Habit[] {
  const keys = new Set(contextKeys(now));
  return habits.filter((h) => keys.has(h.context));
}
