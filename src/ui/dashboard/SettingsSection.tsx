/**
 * Settings, each saved as soon as it changes (a number when the field is left or Enter is
 * pressed). An invalid value is refused with the store's reason and the field shows the
 * stored value again.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { getSettings, MAX_RETENTION_MONTHS, updateSettings, type Settings, type SettingsPatch } from '../../store/settings';
import { useDashboard } from './context';
import { errorText, useAsync } from './useAsync';
import { diagnose } from '../../store/diagnostics';

/** The ranges the store accepts (see SETTING_SCHEMAS), said to the user before asking the store. */
const NUMBER_RANGE = { retentionMonths: [1, MAX_RETENTION_MONTHS], halfLifeDays: [1, 3650] } as const;

type NumberKey = keyof typeof NUMBER_RANGE;

interface NumberSettingProps {
  readonly id: string;
  readonly settingKey: NumberKey;
  /** Part of the input's key: with the stored value and the reset count, it remounts the field to show the stored value. */
  readonly keyPrefix: string;
  readonly value: number;
  readonly resetKey: number;
  readonly testId: string;
  readonly onCommit: (raw: string) => void;
  readonly children: ComponentChildren;
}

function NumberSetting({ id, settingKey, keyPrefix, value, resetKey, testId, onCommit, children }: NumberSettingProps) {
  const [min, max] = NUMBER_RANGE[settingKey];
  return (
    <div class="field">
      <label for={id}>{children}</label>
      <input
        id={id}
        key={`${keyPrefix}${value}-${resetKey}`}
        type="number"
        min={min}
        max={max}
        step={1}
        style={{ width: '7rem' }}
        data-testid={testId}
        defaultValue={String(value)}
        onChange={(e) => onCommit(e.currentTarget.value)}
      />
    </div>
  );
}

interface CheckboxSettingProps {
  readonly id: string;
  readonly testId: string;
  readonly checked: boolean;
  readonly onToggle: (checked: boolean) => void;
  readonly children: ComponentChildren;
}

function CheckboxSetting({ id, testId, checked, onToggle, children }: CheckboxSettingProps) {
  return (
    <div class="field inline">
      <input id={id} type="checkbox" data-testid={testId} checked={checked} onChange={(e) => onToggle(e.currentTarget.checked)} />
      <label for={id}>{children}</label>
    </div>
  );
}

function BadgeModeSetting({ id, value, onPick }: { id: string; value: Settings['badgeMode']; onPick: (v: Settings['badgeMode']) => void }) {
  return (
    <div class="field">
      <label for={id}>Match badges on title tiles</label>
      <select
        id={id}
        data-testid="settings-badge"
        value={value}
        style={{ width: 'fit-content' }}
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (v === 'on' || v === 'hover' || v === 'off') onPick(v);
        }}
      >
        <option value="on">Always show</option>
        <option value="hover">Show on hover</option>
        <option value="off">Off</option>
      </select>
    </div>
  );
}

function PausedSites({ sites, onResume }: { sites: readonly string[]; onResume: (site: string) => void }) {
  return (
    <div class="field">
      <span>Paused sites</span>
      <ul class="counts" data-testid="settings-paused-sites">
        {sites.map((s) => (
          <li key={s}>
            {s}{' '}
            <button type="button" class="link" aria-label={`Resume recording on ${s}`} onClick={() => onResume(s)}>
              Resume
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

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

  const saveNumber = (key: NumberKey, raw: string, label: string, shapesTaste: boolean) => {
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
      <NumberSetting
        id={ids.retention}
        settingKey="retentionMonths"
        keyPrefix="r"
        value={settings.retentionMonths}
        resetKey={resetKey}
        testId="settings-retention"
        onCommit={(raw) => saveNumber('retentionMonths', raw, 'history kept', false)}
      >
        Keep history for (months) <span class="hint">Older events are deleted automatically. Default 12.</span>
      </NumberSetting>
      <CheckboxSetting
        id={ids.paused}
        testId="settings-paused"
        checked={settings.recordingPaused}
        onToggle={(on) => void save({ recordingPaused: on }, on ? 'recording paused everywhere' : 'recording resumed')}
      >
        Pause recording everywhere
      </CheckboxSetting>
      <CheckboxSetting
        id={ids.privateRec}
        testId="settings-private"
        checked={settings.recordInPrivate}
        onToggle={(on) => void save({ recordInPrivate: on }, 'private windows')}
      >
        Record in private windows
      </CheckboxSetting>
      <BadgeModeSetting id={ids.badge} value={settings.badgeMode} onPick={(v) => void save({ badgeMode: v }, 'badges')} />
      <NumberSetting
        id={ids.halfLife}
        settingKey="halfLifeDays"
        keyPrefix="h"
        value={settings.halfLifeDays}
        resetKey={resetKey}
        testId="settings-half-life"
        onCommit={(raw) => saveNumber('halfLifeDays', raw, 'half-life', true)}
      >
        Recommendation half-life (days) <span class="hint">A title watched this many days before your latest one counts half as much.</span>
      </NumberSetting>
      <CheckboxSetting
        id={ids.experiments}
        testId="settings-experiments"
        checked={settings.experiments}
        // The Experiments section says whether it runs: let it read again (the engine needs nothing).
        onToggle={(on) => void save({ experiments: on }, on ? 'local experiments on' : 'local experiments off').then(() => dataChanged())}
      >
        Local experiments{' '}
        <span class="hint">
          The “Picked for you” panel mixes two rankings and counts, on this computer only, whose picks you start or rate. Results are under
          “Experiments”.
        </span>
      </CheckboxSetting>
      {settings.pausedSites.length > 0 && (
        <PausedSites
          sites={settings.pausedSites}
          onResume={(s) => void save({ pausedSites: settings.pausedSites.filter((x) => x !== s) }, `recording resumed on ${s}`)}
        />
      )}
      <p aria-live="polite" data-testid="settings-status" class={status ? `small ${status.ok ? 'muted' : 'notice error'}` : 'small'}>
        {status?.text}
      </p>
    </form>
  );
}
