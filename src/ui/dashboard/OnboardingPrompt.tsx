/**
 * A friendly nudge at the top of the dashboard: shown while onboarding is not done and no
 * viewing has been recorded yet, linking to the onboarding section.
 */
import { getSettings } from '../../store/settings';
import { useDashboard } from './context';
import { useAsync } from './useAsync';

export function OnboardingPrompt() {
  const { db, version } = useDashboard();
  const state = useAsync(async () => {
    const [settings, sessions] = await Promise.all([getSettings(db), db.watchSessions.count()]);
    return !settings.onboarding.done && sessions === 0;
  }, [db, version]);
  if (state.status !== 'ready' || !state.value) return null;
  return (
    <aside class="notice tf-onboarding-prompt" data-testid="onboarding-prompt" aria-label="Getting started">
      <strong>New here?</strong> Tasteful has not seen you watch anything yet. <a href="#onboarding">Pick a few genres and titles you like</a> and
      your first picks will start from there.
    </aside>
  );
}
