/**
 * The "Picked for you" panel: an extension page shown in an iframe inside the site. It asks
 * the background for picks over `browser.runtime`, renders rows of up to ten titles, and
 * sends ratings by title id. It never listens to `window` messages.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PickItem, PickRow, Picks } from '../../engine/api';
import type { RatingValue } from '../../store/records';
import { Icon, RATING_ICON } from '../common/icons';
import { askHostToClose, loadPicks, rateById } from './api';
import { httpUrl, imageUrl } from './guard';

export const MAX_ITEMS_PER_ROW = 10;
/** A background that does not answer within this long counts as unavailable (the user can retry). */
export const PICKS_TIMEOUT_MS = 15_000;

function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(fallback), ms);
    void p.then((v) => {
      clearTimeout(t);
      resolve(v);
    });
  });
}

type Load = { state: 'loading' } | { state: 'ready'; picks: Picks } | { state: 'error'; error: string };

export interface PanelAppProps {
  site: string | null;
  /** Whether this page sits in an iframe of a site (Escape then asks the host to close). */
  embedded: boolean;
  /**
   * Show http(s) posters. Off by default: the extension CSP allows only our own and `data:`
   * images, and a remote poster would be a network request made by the extension.
   */
  remotePosters?: boolean;
}

// Inline SVG icon + visible text on every button: an emoji-only button is blank without an emoji font.
const RATINGS: { value: RatingValue; testid: string; label: string; done: string }[] = [
  { value: 'down', testid: 'panel-rate-down', label: 'Thumbs down', done: 'Rated thumbs down' },
  { value: 'up', testid: 'panel-rate-up', label: 'Thumbs up', done: 'Rated thumbs up' },
  { value: 'love', testid: 'panel-rate-love', label: 'Love', done: 'Rated love' },
  { value: 'not-interested', testid: 'panel-not-interested', label: 'Not interested', done: 'Marked not interested' },
];

export function PanelApp({ site, embedded, remotePosters = false }: PanelAppProps) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const seq = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    setLoad((l) => (l.state === 'error' ? { state: 'loading' } : l));
    const reply = await withTimeout(loadPicks(site, PICKS_TIMEOUT_MS), PICKS_TIMEOUT_MS, { ok: false as const, error: 'timed out' });
    if (mine !== seq.current) return; // a newer refresh is under way
    if (reply.ok && reply.value && Array.isArray(reply.value.rows)) setLoad({ state: 'ready', picks: reply.value });
    else setLoad({ state: 'error', error: reply.ok ? 'bad reply' : reply.error });
  }, [site]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Land keyboard users on the heading once the frame has focus.
  useEffect(() => {
    const focusHeading = () => headingRef.current?.focus({ preventScroll: true });
    if (document.hasFocus()) focusHeading();
    else window.addEventListener('focus', focusHeading, { once: true });
    return () => window.removeEventListener('focus', focusHeading);
  }, []);

  // Escape closes the panel: the host in the page cannot see key presses inside this frame.
  useEffect(() => {
    if (!embedded) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) void askHostToClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [embedded]);

  const rate = async (item: PickItem, r: (typeof RATINGS)[number]) => {
    if (busy) return;
    setBusy(item.titleId);
    setStatus('');
    const reply = await rateById(item.titleId, r.value);
    if (reply.ok) {
      setStatus(`${r.done}: ${item.title}. Updating picks…`);
      await refresh();
      setStatus(`${r.done}: ${item.title}.`);
    } else {
      setStatus(`Could not save the rating for ${item.title}.`);
    }
    setBusy(null);
  };

  return (
    <main class="panel">
      <header class="panel-head">
        <h1 ref={headingRef} tabIndex={-1}>
          Picked for you
        </h1>
        <p class="sub">Chosen on this device from what you watch. Nothing leaves your browser.</p>
      </header>
      <div class="status" role="status" aria-live="polite">
        {status}
      </div>
      {load.state === 'loading' && <p class="note">Loading your picks…</p>}
      {load.state === 'error' && (
        <div class="note error" role="alert">
          <p>The recommendation engine is unavailable right now.</p>
          <button type="button" class="btn" onClick={() => void refresh()}>
            Try again
          </button>
        </div>
      )}
      {load.state === 'ready' && <Rows rows={load.picks.rows} busy={busy} remotePosters={remotePosters} onRate={rate} />}
    </main>
  );
}

function Rows(props: { rows: PickRow[]; busy: string | null; remotePosters: boolean; onRate(item: PickItem, r: (typeof RATINGS)[number]): void }) {
  const rows = props.rows.filter((r) => Array.isArray(r.items) && r.items.length > 0);
  if (rows.length === 0) return <p class="note empty">Tasteful is still learning — watch a few things</p>;
  return (
    <>
      {rows.map((row, i) => (
        <section key={row.id} class="row" data-testid="panel-row" data-row-id={row.id} aria-labelledby={`row-${i}`}>
          <h2 id={`row-${i}`}>{row.label}</h2>
          <ul class="items">
            {row.items.slice(0, MAX_ITEMS_PER_ROW).map((item) => (
              <Item key={item.titleId} item={item} busy={props.busy !== null} remotePosters={props.remotePosters} onRate={props.onRate} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function Item(props: { item: PickItem; busy: boolean; remotePosters: boolean; onRate(item: PickItem, r: (typeof RATINGS)[number]): void }) {
  const { item, busy, onRate } = props;
  const href = httpUrl(item.url);
  const poster = imageUrl(item.imageUrl, props.remotePosters);
  const [posterFailed, setPosterFailed] = useState(false);
  const why = Array.isArray(item.why) ? item.why : [];
  const titleText = (
    <>
      <span class="title">{item.title}</span>
      {item.year !== null && <span class="year"> ({item.year})</span>}
    </>
  );
  return (
    <li class="item" data-testid="panel-item">
      <div class="poster" aria-hidden="true">
        <span class="initial">{item.title.trim().charAt(0).toUpperCase()}</span>
        {poster && !posterFailed && (
          <img src={poster} alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" onError={() => setPosterFailed(true)} />
        )}
      </div>
      <div class="body">
        <h3 class="name">
          {href ? (
            <a href={href} target="_top" rel="noopener noreferrer">
              {titleText}
            </a>
          ) : (
            titleText
          )}
        </h3>
        {typeof item.match === 'number' && <p class="match">{Math.round(item.match)}% match</p>}
        <details class="why" data-testid="panel-why">
          <summary>Why this?</summary>
          {why.length > 0 ? (
            <ul>
              {why.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          ) : (
            <p>No specific reason yet.</p>
          )}
        </details>
        {/* biome-ignore lint/a11y/useSemanticElements: a labelled group of three buttons, not a form: <fieldset> would need a <legend> the design shows as the buttons' own labels */}
        <div class="rate" role="group" aria-label={`Rate ${item.title}`}>
          {RATINGS.map((r) => (
            <button
              key={r.value}
              type="button"
              class="btn icon"
              data-testid={r.testid}
              aria-label={`${r.label}: ${item.title}`}
              disabled={busy}
              onClick={() => onRate(item, r)}
            >
              <Icon name={RATING_ICON[r.value]} size={14} />
              <span>{r.label}</span>
            </button>
          ))}
        </div>
      </div>
    </li>
  );
}
