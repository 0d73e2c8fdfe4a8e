/**
 * Ranking's one entry point for the engine: build the state from the user's data
 * (`buildRankState`), then answer a badge batch (`scorePage`) or the picks (`pickRows`).
 * Everything that decides what to show and why lives behind it (see README.md).
 */
export { buildRankState, type RankInput, type RankModel, type RankState } from './state';
export { scorePage } from './page';
export { pickRows, PICK_RULES } from './picks';
export type { Embed } from './embed-events';
export { groupCatalog, IMPRESSION_DAYS, type CatalogEntry, type UserData } from './catalog';
export { timeToPick, type TimeToPick } from './time-to-pick';
export type { UserProfile } from './user-profile';
export type { PickItem, PickRow, Picks } from './types';
export { describeLeanings } from './leanings';
export { describePeriod } from './period-pop';
