/** Match badges on title tiles. See badge-layer.tsx. */
export { createBadgeLayer, BADGE_TAG, type BadgeLayer, type BadgeLayerOptions } from './badge-layer';
export type { KnownScores } from './warm-scores';
export { BADGE_TIMINGS_ON, getBadgeTimings, resetBadgeTimings, record as recordBadgeTiming, whenSeen, type BadgeTimings } from './timings';
