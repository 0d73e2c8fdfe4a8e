/**
 * The dashboard page: one calm, scrollable page of sections (see `sections.ts`) with a
 * table of contents. All sections share the store and a data version through context.
 */
import { useCallback, useMemo, useState } from 'preact/hooks';
import type { TastefulDB } from '../../store/db';
import { diagnose } from '../../store/diagnostics';
import { notifyDataChanged } from '../common/messages';
import { DashboardContext, type DashboardEnv } from './context';
import { OnboardingPrompt } from './OnboardingPrompt';
import { SECTIONS, type DashboardSection } from './sections';

export interface DashboardProps {
  readonly db: TastefulDB;
  readonly sections?: readonly DashboardSection[];
  readonly now?: () => number;
  /** Tells the background that data changed; replaceable in tests. */
  readonly onDataChanged?: () => Promise<void> | void;
}

export function Dashboard({ db, sections = SECTIONS, now = Date.now, onDataChanged = notifyDataChanged }: DashboardProps) {
  const [version, setVersion] = useState(0);
  const dataChanged = useCallback(
    (opts?: { notifyEngine?: boolean }) => {
      setVersion((v) => v + 1);
      // The page already shows the change; a failed notice only delays the engine's update, so it is noted.
      if (opts?.notifyEngine !== false) void Promise.resolve(onDataChanged()).catch((err: unknown) => diagnose('dashboard/notify', err));
    },
    [onDataChanged],
  );
  const env = useMemo<DashboardEnv>(() => ({ db, version, dataChanged, now }), [db, version, dataChanged, now]);

  return (
    <DashboardContext.Provider value={env}>
      <div class="dashboard">
        <header>
          <h1>Tasteful</h1>
          <p class="muted">Your recommendations are computed on this computer. Nothing here ever leaves your browser.</p>
          {sections.some((s) => s.id === 'onboarding' && s.component) && <OnboardingPrompt />}
        </header>
        <nav aria-label="Dashboard sections">
          <ul>
            {sections.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <main>
          {sections.map((s) => (
            <SectionFrame key={s.id} section={s} />
          ))}
        </main>
      </div>
    </DashboardContext.Provider>
  );
}

function SectionFrame({ section }: { section: DashboardSection }) {
  const Body = section.component;
  const headingId = `${section.id}-heading`;
  return (
    <section id={section.id} class={Body ? 'card' : 'card slot'} aria-labelledby={headingId} data-section={section.id}>
      <h2 id={headingId}>{section.label}</h2>
      {section.description && <p class="muted">{section.description}</p>}
      {Body ? <Body /> : <p data-testid={`slot-${section.id}`}>Coming soon.</p>}
    </section>
  );
}
