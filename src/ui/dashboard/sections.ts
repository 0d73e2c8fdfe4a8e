/**
 * The dashboard's sections, in page order. Adding a section is one line here: an id (the
 * anchor), a label (nav and heading) and a component rendered inside the section.
 * A `null` component is a reserved slot: it renders a placeholder until someone fills it.
 */
import type { ComponentType } from 'preact';
import { CountsSection } from './CountsSection';
import { DeleteSection } from './DeleteSection';
import { ExperimentSection } from './ExperimentSection';
import { DiagnosticsSection } from './DiagnosticsSection';
import { ExportSection } from './ExportSection';
import { HistorySection } from './HistorySection';
import { ImportSection } from './ImportSection';
import { OnboardingSection } from './OnboardingSection';
import { PicksSection } from './PicksSection';
import { SettingsSection } from './SettingsSection';
import { TasteSection } from './TasteSection';
import { WipeSection } from './WipeSection';

export interface DashboardSection {
  readonly id: string;
  readonly label: string;
  /** One sentence under the heading. */
  readonly description?: string;
  readonly component: ComponentType | null;
}

export const SECTIONS: readonly DashboardSection[] = [
  { id: 'overview', label: 'What is stored', description: 'Everything Tasteful keeps lives in this browser only.', component: CountsSection },
  {
    id: 'taste-profile',
    label: 'Taste profile',
    description: 'What Tasteful has learned about what you like, from your own viewing.',
    component: TasteSection as ComponentType,
  },
  {
    id: 'picks',
    label: 'Your picks, explained',
    description: 'What Tasteful would pick for you now, and why.',
    component: PicksSection as ComponentType,
  },
  {
    id: 'experiments',
    label: 'Experiments',
    description: 'Two rankings compared on what you start and rate, on this computer only.',
    component: ExperimentSection,
  },
  { id: 'onboarding', label: 'Onboarding', description: 'Pick a few genres and titles to start from.', component: OnboardingSection },
  { id: 'history', label: 'History', description: 'What Tasteful recorded, newest first.', component: HistorySection as ComponentType },
  { id: 'delete', label: 'Delete', description: 'Forget part of your history.', component: DeleteSection },
  { id: 'export', label: 'Export', description: 'Save everything to a JSON file you can import again.', component: ExportSection },
  { id: 'import', label: 'Import', description: 'Load an export file. Nothing changes until you choose.', component: ImportSection },
  { id: 'wipe', label: 'Wipe everything', description: 'Delete all data, settings and caches.', component: WipeSection },
  { id: 'settings', label: 'Settings', component: SettingsSection },
  {
    id: 'diagnostics',
    label: 'Diagnostics',
    description: 'Problems Tasteful noted lately, kept on this computer only, to copy into a problem report.',
    component: DiagnosticsSection,
  },
];
