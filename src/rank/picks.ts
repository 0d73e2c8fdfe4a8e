/**
 * The "Picked for you" rows for one site: catalog + the site's last page, scored with the
 * context habits active now, plus what this site showed most in the last days (trending).
 */
import type { TitleInput } from '../messages/protocol';
import { titleId } from '../titles/title-id';
import type { CatalogEntry } from './catalog';
import { catalogWithPage, type PageTitle } from './candidates';
import { activeHabits } from './context';
import { cowatchedWith } from './horizons';
import type { Embed } from './embed-events';
import { buildRows, type ItemBase } from './rows';
import { nowContext, recentScores, type RankState } from './state';
import type { Picks } from './types';
import { CURRENT_EXPERIMENT } from './experiment/registry';
import { runExperiment } from './experiment/run';

export const PICK_RULES = { trendingDays: 7 } as const;

/** This site's most shown titles in the last `trendingDays` (one count per impression record), most first. */
function trendingOn(st: RankState, site: string | null, now: number): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  if (site) {
    const since = now - PICK_RULES.trendingDays * 86_400_000;
    for (const im of st.data.impressions) if (im.site === site && im.at >= since) counts.set(im.titleKey, (counts.get(im.titleKey) ?? 0) + 1);
  }
  return [...counts.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count);
}

const http = (u: string | null): string | null => (u && /^https?:\/\//i.test(u) ? u : null);

/** Candidate `i` as a pick: a catalog title (its record on this site if any), or a page title. */
function describer(st: RankState, site: string | null, extra: readonly PageTitle[]): (i: number) => ItemBase {
  const n = st.catalog.length;
  return (i) => {
    if (i >= n) {
      const x = extra[i - n] as PageTitle;
      const t = x.input;
      return {
        titleId: titleId(site ?? '', t.siteItemId),
        titleKey: x.key,
        title: t.title,
        year: t.year,
        kind: t.kind,
        genres: t.genres,
        imageUrl: http(t.imageUrl),
        url: http(t.url),
        site: site ?? '',
      };
    }
    const e = st.catalog[i] as CatalogEntry;
    const rec = e.records.find((r) => r.site === site) ?? (e.records[0] as CatalogEntry['records'][number]);
    return {
      titleId: rec.id,
      titleKey: e.key,
      title: rec.title,
      year: rec.year ?? e.year,
      kind: rec.kind,
      genres: rec.genres,
      imageUrl: rec.imageUrl,
      url: rec.url,
      site: rec.site,
    };
  };
}

export async function pickRows(
  st: RankState,
  site: string | null,
  page: readonly TitleInput[],
  o: { now: number; embed: Embed; interleave?: { seed: number } },
): Promise<Picks> {
  const { cands, extra } = await catalogWithPage(st, site, page, o.embed);
  const habits = activeHabits(st.profile.habits, nowContext(st, o.now));
  const scored = recentScores(st, cands, habits);
  // Local experiment (the panel only): the top row interleaves two rankings (./experiment/).
  const exp = o.interleave
    ? runExperiment(
        CURRENT_EXPERIMENT,
        {
          profile: st.profile,
          taste: st.taste,
          scored,
          block: st.block,
          sigma: st.cal.sigma,
          popWeight: st.model.popWeight,
          habits,
          onboardingGenres: st.onboardingGenres,
          onboardingDone: st.data.settings.onboarding.done,
          now: o.now,
        },
        cands,
        o.interleave.seed,
      )
    : null;
  const rows = buildRows({
    ...(exp ? { topPicks: exp.order } : {}),
    profile: st.profile,
    cands,
    scored,
    cal: st.cal,
    popWeight: st.model.popWeight,
    block: st.block,
    continueWatching: st.continueWatching,
    trending: trendingOn(st, site, o.now),
    seenKeys: st.seenKeys,
    habits,
    onboardingGenres: st.onboardingGenres,
    popularAt: st.popularAt,
    describe: describer(st, site, extra),
    watchedWith: (key) => cowatchedWith(st.recent, key),
  });
  // The picks speak for the recent horizon; badges for the taste one.
  const spoken = rows.map((r) => ({ ...r, items: r.items.map((it) => ({ ...it, horizon: 'recent' as const })) }));
  return { rows: spoken, evidence: st.profile.evidence, generatedAt: o.now, ...(exp ? { interleaved: exp.shown } : {}) };
}
