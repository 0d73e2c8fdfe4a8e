/**
 * Cold start: pick a few genres and titles so picks have something to go on before the
 * user's own history takes over. Saved as the `onboarding` setting (titles as "Title (Year)");
 * saving or resetting tells the engine the data changed.
 */
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, getSettings, updateSettings, type Settings } from '../../store/settings';
import { useDashboard } from './context';
import { ONBOARDING_GENRES, STARTER_TITLES, titleLabel } from './onboarding-titles';
import { errorText, useAsync } from './useAsync';
import { diagnose } from '../../store/diagnostics';

/** Enough to go on; more would stop being "a few". */
export const MAX_ONBOARDING_TITLES = 30;
const MAX_OPTIONS = 12;
const STORE_TITLE_SCAN = 1_000;

export interface TitleOption {
  readonly label: string;
  readonly detail: string;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Titles met on streaming sites (most recent first), then the built-in starters; one per label. */
export function titleOptions(
  stored: readonly { title: string; year: number | null; kind: string; genres: readonly string[]; site: string }[],
): TitleOption[] {
  const out: TitleOption[] = [];
  const seen = new Set<string>();
  const add = (label: string, detail: string) => {
    const k = fold(label);
    if (!label || seen.has(k)) return;
    seen.add(k);
    out.push({ label, detail });
  };
  for (const t of stored)
    if (t.kind !== 'episode' && t.kind !== 'video') add(titleLabel(t.title, t.year), [`seen on ${t.site}`, ...t.genres.slice(0, 3)].join(' · '));
  for (const t of STARTER_TITLES) add(titleLabel(t.title, t.year), [t.kind === 'series' ? 'series' : 'film', ...t.genres.slice(0, 3)].join(' · '));
  return out;
}

export function filterOptions(options: readonly TitleOption[], query: string, limit = MAX_OPTIONS): TitleOption[] {
  const q = fold(query.trim());
  const hits = q ? options.filter((o) => fold(o.label).includes(q)) : options;
  return hits.slice(0, limit);
}

type Onboarding = Settings['onboarding'];

interface Ids {
  readonly search: string;
  readonly genres: string;
  readonly titles: string;
  readonly options: string;
}

function GenreChips({ ids, genres, onToggle }: { ids: Ids; genres: readonly string[]; onToggle: (g: string) => void }) {
  return (
    <fieldset class="tf-fieldset">
      <legend id={ids.genres}>Genres you enjoy</legend>
      <ul class="tf-chips" aria-labelledby={ids.genres}>
        {ONBOARDING_GENRES.map((g) => (
          <li key={g}>
            <button
              type="button"
              class="tf-chip-button"
              data-testid="onboarding-genre"
              data-genre={g}
              aria-pressed={genres.includes(g)}
              onClick={() => onToggle(g)}
            >
              {g}
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

interface TitleChooserProps {
  readonly ids: Ids;
  readonly query: string;
  readonly onQuery: (q: string) => void;
  readonly shown: readonly TitleOption[];
  readonly titles: readonly string[];
  readonly onToggle: (t: string) => void;
}

function TitleChooser({ ids, query, onQuery, shown, titles, onToggle }: TitleChooserProps) {
  const full = titles.length >= MAX_ONBOARDING_TITLES;
  return (
    <fieldset class="tf-fieldset">
      <legend>Titles you liked</legend>
      <div class="field">
        <label for={ids.search}>
          Search titles <span class="hint">Titles you have come across on streaming sites, and some well-known ones.</span>
        </label>
        <input
          id={ids.search}
          type="search"
          autocomplete="off"
          data-testid="onboarding-title-search"
          aria-controls={ids.options}
          value={query}
          onInput={(e) => onQuery(e.currentTarget.value)}
        />
      </div>
      <ul id={ids.options} class="tf-title-options" aria-label={query.trim() ? `Titles matching “${query.trim()}”` : 'Suggested titles'}>
        {shown.map((o) => {
          const on = titles.includes(o.label);
          return (
            <li key={o.label}>
              <button
                type="button"
                class="tf-title-option"
                data-testid="onboarding-title-option"
                data-title={o.label}
                aria-pressed={on}
                disabled={!on && full}
                onClick={() => onToggle(o.label)}
              >
                <span class="tf-title-name">{o.label}</span>
                <span class="small muted">{o.detail}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {shown.length === 0 && <p class="muted small">No title matches “{query.trim()}”.</p>}
      {full && <p class="small muted">That is plenty: {MAX_ONBOARDING_TITLES} titles at most.</p>}
      {titles.length > 0 && (
        <div>
          <p class="small" id={ids.titles}>
            Chosen titles ({titles.length}):
          </p>
          <ul class="tf-chips" aria-labelledby={ids.titles} data-testid="onboarding-chosen-titles">
            {titles.map((t) => (
              <li key={t} class="tf-chip">
                {t}{' '}
                <button type="button" class="link" aria-label={`Remove ${t}`} onClick={() => onToggle(t)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </fieldset>
  );
}

function SavedOnboarding({ saved }: { saved: Onboarding }) {
  return (
    <div class="notice ok small" data-testid="onboarding-saved" data-genres={saved.genres.join('|')} data-titles={saved.titles.join('|')}>
      <p>
        <strong>Saved.</strong> Genres: {saved.genres.length > 0 ? saved.genres.join(', ') : 'none'}.
      </p>
      <p>Titles: {saved.titles.length > 0 ? saved.titles.join('; ') : 'none'}.</p>
    </div>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function OnboardingSection() {
  const { db, version, dataChanged } = useDashboard();
  const loaded = useAsync(async () => {
    const [settings, stored] = await Promise.all([getSettings(db), db.titles.orderBy('lastSeen').reverse().limit(STORE_TITLE_SCAN).toArray()]);
    return { onboarding: settings.onboarding, options: titleOptions(stored) };
  }, [db, version]);
  const [saved, setSaved] = useState<Onboarding | null>(null);
  const [genres, setGenres] = useState<string[]>([]);
  const [titles, setTitles] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const ids: Ids = { search: useId(), genres: useId(), titles: useId(), options: useId() };

  useEffect(() => {
    if (loaded.status !== 'ready') return;
    const o = loaded.value.onboarding;
    setSaved(o);
    if (o.done) {
      setGenres(o.genres);
      setTitles(o.titles);
    }
  }, [loaded]);

  const options = loaded.status === 'ready' ? loaded.value.options : [];
  const shown = useMemo(() => filterOptions(options, query), [options, query]);

  if (loaded.status === 'error') return <p class="notice error">Could not read your onboarding choices: {loaded.error}</p>;
  if (loaded.status === 'loading' && !saved) return <p class="muted">Loading…</p>;

  const toggleGenre = (g: string) => setGenres((cur) => (cur.includes(g) ? cur.filter((x) => x !== g) : [...cur, g]));
  const toggleTitle = (t: string) =>
    setTitles((cur) => (cur.includes(t) ? cur.filter((x) => x !== t) : cur.length >= MAX_ONBOARDING_TITLES ? cur : [...cur, t]));

  const write = async (value: Onboarding, okText: string) => {
    setBusy(true);
    try {
      const res = await updateSettings(db, { onboarding: value });
      if (res.ok) {
        setSaved(res.settings.onboarding);
        setStatus({ ok: true, text: okText });
        dataChanged();
      } else setStatus({ ok: false, text: `Not saved. ${res.error}` });
    } catch (err) {
      diagnose('dashboard/onboarding', err); // shown to the user below; noted for a problem report
      setStatus({ ok: false, text: `Not saved: ${errorText(err)}` });
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    if (genres.length === 0 && titles.length === 0) {
      setStatus({ ok: false, text: 'Pick at least one genre or title first.' });
      return;
    }
    void write(
      { done: true, genres: [...genres], titles: [...titles] },
      `Saved ${plural(genres.length, 'genre', 'genres')} and ${plural(titles.length, 'title', 'titles')}. Your picks will use them.`,
    );
  };
  const reset = () => {
    setGenres([]);
    setTitles([]);
    setQuery('');
    void write(structuredClone(DEFAULT_SETTINGS.onboarding), 'Onboarding choices cleared.');
  };

  return (
    <div class="tf-onboarding" data-testid="onboarding-section">
      <p>Tell Tasteful a little about what you like, so your first picks are not a guess. Your own viewing takes over as it grows.</p>

      <GenreChips ids={ids} genres={genres} onToggle={toggleGenre} />
      <TitleChooser ids={ids} query={query} onQuery={setQuery} shown={shown} titles={titles} onToggle={toggleTitle} />

      <div class="button-row">
        <button type="button" class="primary" data-testid="onboarding-save" disabled={busy} onClick={save}>
          Save
        </button>
        <button
          type="button"
          data-testid="onboarding-reset"
          disabled={busy || (!saved?.done && genres.length === 0 && titles.length === 0)}
          onClick={reset}
        >
          Reset
        </button>
      </div>
      <p aria-live="polite" role="status" data-testid="onboarding-status" class={status ? `small ${status.ok ? 'muted' : 'notice error'}` : 'small'}>
        {status?.text}
      </p>

      {saved?.done && <SavedOnboarding saved={saved} />}
    </div>
  );
}
