/**
 * Settings, each saved as soon as it changes (a number when the field is left or Enter is
 * pressed). An invalid value is refused with the store's reason and the field shows the
 * stored value again.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { getSettings, updateSettings, type Settings, type SettingsPatch } from '../../store/settings';
import { useDashboard } from './context';
import { errorText, useAsync } from './useAsync';
import { diagnose } from '../../store/diagnostics';

/** The ranges the store accepts (see SETTING_SCHEMAS), said to the user before asking the store. */
const NUMBER_RANGE = { retentionMonths: [1, 120], halfLifeDays: [1, 3650] } as const;

export function SettingsSection() {
  const { db, version, dataChanged } = useDashboard();
  const loaded = useAsync(() => getSettings(db), [db, version]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  // Bumped when a typed value is refused, so the number fields show the stored value again.
  const [resetKey, setResetKey] = useState(0);
  const ids = { retention: useId(), halfLife: useId(), badge: useId(), privateRec: useId(), paused: useId(), experiments: useId() };

  useEffect(() => {
    if (loaded.status === 'ready') setSettings(loaded.value);
  }, [loaded]);

  if (loaded.status === 'error') return <p class="notice error">Could not read settings: {loaded.error}</p>;
  if (!settings) return <p class="muted">Loading settings…</p>;

  const save = async (patch: SettingsPatch, label: string, shapesTaste = false) => {
    try {
      const res = await updateSettings(db, patch);
      if (res.ok) {
        setSettings(res.settings);
        setStatus({ ok: true, text: `Saved: ${label}.` });
        if (shapesTaste) dataChanged();
      } else {
        setResetKey((k) => k + 1);
        setStatus({ ok: false, text: `Not saved. ${res.error}` });
      }
    } catch (err) {
      diagnose('dashboard/settings', err); // shown to the user below; noted for a problem report
      setStatus({ ok: false, text: `Not saved: ${errorText(err)}` });
    }
  };

  const saveNumber = (key: 'retentionMonths' | 'halfLifeDays', raw: string, label: string, shapesTaste: boolean) => {
    const n = Number(raw);
    const [min, max] = NUMBER_RANGE[key];
    if (raw.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      setResetKey((k) => k + 1);
      setStatus({ ok: false, text: `Not saved: ${label} must be a whole number from ${min} to ${max}.` });
      return;
    }
    if (n === settings[key]) return;
    void save({ [key]: n }, label, shapesTaste);
  };

  return (
    <form onSubmit={(e) => e.preventDefault()} aria-label="Settings">
      <div class="field">
        <label for={ids.retention}>
          Keep history for (months) <span class="hint">Older events are deleted automatically. Default 12.</span>
        </label>
        <input
          id={ids.retention}
          key={`r${settings.retentionMonths}-${resetKey}`}
          type="number"
          min={1}
          max={120}
          step={1}
          style={{ width: '7rem' }}
          data-testid="settings-retention"
          defaultValue={String(settings.retentionMonths)}
          onChange={(e) => saveNumber('retentionMonths', e.currentTarget.value, 'history kept', false)}
        />
      </div>
      <div class="field inline">
        <input
          id={ids.paused}
          type="checkbox"
          data-testid="settings-paused"
          checked={settings.recordingPaused}
          onChange={(e) =>
            void save({ recordingPaused: e.currentTarget.checked }, e.currentTarget.checked ? 'recording paused everywhere' : 'recording resumed')
          }
        />
        <label for={ids.paused}>Pause recording everywhere</label>
      </div>
      <div class="field inline">
        <input
          id={ids.privateRec}
          type="checkbox"
          data-testid="settings-private"
          checked={settings.recordInPrivate}
          onChange={(e) => void save({ recordInPrivate: e.currentTarget.checked }, 'private windows')}
        />
        <label for={ids.privateRec}>Record in private windows</label>
      </div>
      <div class="field">
        <label for={ids.badge}>Match badges on title tiles</label>
        <select
          id={ids.badge}
          data-testid="settings-badge"
          value={settings.badgeMode}
          style={{ width: 'fit-content' }}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (v === 'on' || v === 'hover' || v === 'off') void save({ badgeMode: v }, 'badges');
          }}
        >
          <option value="on">Always show</option>
          <option value="hover">Show on hover</option>
          <option value="off">Off</option>
        </select>
      </div>
      <div class="field">
        <label for={ids.halfLife}>
          Recommendation half-life (days) <span class="hint">An event this many days old counts half as much as one from today.</span>
        </label>
        <input
          id={ids.halfLife}
          key={`h${settings.halfLifeDays}-${resetKey}`}
          type="number"
          min={1}
          max={3650}
          step={1}
          style={{ width: '7rem' }}
          data-testid="settings-half-life"
          defaultValue={String(settings.halfLifeDays)}
          onChange={(e) => saveNumber('halfLifeDays', e.currentTarget.value, 'half-life', true)}
        />
      </div>
      <div class="field inline">
        <input
          id={ids.experiments}
          type="checkbox"
          data-testid="settings-experiments"
          checked={settings.experiments}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            // The Experiments section says whether it runs: let it read again (the engine needs nothing).
            void save({ experiments: on }, on ? 'local experiments on' : 'local experiments off').then(() => dataChanged());
          }}
        />
        <label for={ids.experiments}>
          Local experiments{' '}
          <span class="hint">
            The “Picked for you” panel mixes two rankings and counts, on this computer only, whose picks you start or rate. Results are under
            “Experiments”.
          </span>
        </label>
      </div>
      {settings.pausedSites.length > 0 && (
        <div class="field">
          <span>Paused sites</span>
          <ul class="counts" data-testid="settings-paused-sites">
            {settings.pausedSites.map((s) => (
              <li key={s}>
                {s}{' '}
                <button
                  type="button"
                  class="link"
                  aria-label={`Resume recording on ${s}`}
                  onClick={() => void save({ pausedSites: settings.pausedSites.filter((x) => x !== s) }, `recording resumed on ${s}`)}
                >
                  Resume
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p aria-live="polite" data-testid="settings-status" class={status ? `small ${status.ok ? 'muted' : 'notice error'}` : 'small'}>
        {status?.text}
      </p>
    </form>
  );
}
