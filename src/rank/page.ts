/**
 * Badges for one page: match % (only when the profile is confident and the title is not
 * disliked or a near-duplicate of a disliked title) and the "why" lines.
 */
import type { TitleInput } from '../messages/protocol';
import type { PageScore } from '../messages/replies';
import { pageCandidates } from './candidates';
import { activeHabits } from './context';
import type { Embed } from './embed-events';
import { explain } from './explain';
import { badgeScores, cowatchedWith, horizonScores } from './horizons';
import { badge } from './match';
import { isBlocked } from './recommend';
import { nowContext, recentScores, type RankState } from './state';
import { row as vrow } from './vec';

export async function scorePage(
  st: RankState,
  site: string,
  titles: readonly TitleInput[],
  o: { now: number; embed: Embed },
): Promise<{ scores: PageScore[]; evidence: number }> {
  const habits = activeHabits(st.profile.habits, nowContext(st, o.now));
  const ogen = st.onboardingGenres;
  const sub = await pageCandidates(st, site, titles, o.embed);
  // Badges speak for the long-term taste (horizons.ts), plus a share of the recent horizon that
  // fades as the history grows (`badgeMixFor`).
  const recent = st.badgeMix ? recentScores(st, sub).scores : new Float32Array(0);
  const scores = badgeScores(horizonScores(st.taste, sub, { habits, onboardingGenres: ogen }).scores, recent, st.badgeMix);
  const out: PageScore[] = titles.map((t, ti) => {
    const j = sub.rowOf[ti] as number;
    const key = sub.keys[j] as string;
    const disliked = st.disliked.has(key) || isBlocked(sub, j, { keys: new Set(), vectors: st.block.vectors });
    const match = badge(st.tasteCal, scores[j] as number, { confident: st.profile.confident, disliked });
    const why = disliked
      ? []
      : explain({
          profile: st.taste.profile.global ? st.taste.profile : null,
          vector: vrow(sub.vectors, sub.dim, j),
          genres: sub.genres?.[j] ?? [],
          key,
          title: t.title,
          popular: (sub.popularity?.[j] ?? 0) >= st.popularAt,
          habits,
          onboardingGenres: ogen,
          watchedWith: cowatchedWith(st.taste, key),
        });
    return { siteItemId: t.siteItemId, match, why, horizon: 'taste' as const };
  });
  return { scores: out, evidence: st.profile.evidence };
}
