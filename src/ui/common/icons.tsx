/**
 * Inline SVG icons for the badge menu and the panel. Emoji depend on a font the user may not
 * have (a Linux desktop without an emoji font shows empty boxes), SVG paths do not. Every
 * icon is decorative (`aria-hidden`): the control carrying it always has a text label too.
 * Paths are drawn in `currentColor` so they follow the theme and forced-colors mode.
 */
import type { RatingValue } from '../../store/records';

export type IconName = 'thumbs-down' | 'thumbs-up' | 'heart' | 'ban' | 'question' | 'check' | 'sparkle';

const PATHS: Record<IconName, string> = {
  'thumbs-up': 'M2 10h3v10H2zM7 20h9.2a2 2 0 0 0 2-1.6l1.3-6.4A2 2 0 0 0 17.5 9.6H13l.8-4a1.7 1.7 0 0 0-3.1-1.2L7 10z',
  'thumbs-down': 'M22 14h-3V4h3zM17 4H7.8a2 2 0 0 0-2 1.6L4.5 12A2 2 0 0 0 6.5 14.4H11l-.8 4a1.7 1.7 0 0 0 3.1 1.2L17 14z',
  heart: 'M12 20.5 4.2 13A4.9 4.9 0 0 1 11.2 6l.8.8.8-.8a4.9 4.9 0 0 1 7 7z',
  ban: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM5.6 7.1l11.3 11.3M18.4 16.9 7.1 5.6',
  question: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM9.5 9.3a2.6 2.6 0 1 1 3.6 2.4c-.7.3-1.1.9-1.1 1.6v.6M12 17h.01',
  check: 'M4.5 12.5 9.5 17.5 19.5 6.5',
  sparkle: 'M12 3l2 6 6 2-6 2-2 6-2-6-6-2 6-2z',
};

/** Filled shapes; the rest are strokes. */
const FILLED: ReadonlySet<IconName> = new Set(['thumbs-up', 'thumbs-down', 'heart', 'sparkle']);

export const RATING_ICON: Record<RatingValue, IconName> = {
  down: 'thumbs-down',
  up: 'thumbs-up',
  love: 'heart',
  'not-interested': 'ban',
};

export function Icon({ name, size = 16, class: cls }: { name: IconName; size?: number; class?: string }) {
  const filled = FILLED.has(name);
  return (
    <svg
      class={cls ?? 'icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill={filled ? 'currentColor' : 'none'}
      stroke={filled ? 'none' : 'currentColor'}
      stroke-width={filled ? undefined : 2}
      stroke-linecap="round"
      stroke-linejoin="round"
      data-icon={name}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
