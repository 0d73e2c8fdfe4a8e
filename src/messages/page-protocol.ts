/**
 * Messages from our own extension pages (popup, dashboard, the in-page panel iframe) to the
 * background. They come from the extension origin, but are validated all the same.
 */
import { z } from 'zod';
import { Id, RatingValue, Site } from '../store/records';

export const PageMessage = z.discriminatedUnion('type', [
  /** Rows for the "Picked for you" panel, the popup and the dashboard; `panel`: the panel asks (local experiments apply). */
  z.strictObject({ type: z.literal('picks/get'), site: Site.nullable(), panel: z.boolean().optional() }),
  z.strictObject({ type: z.literal('engine/status') }),
  /** Sent just before a wipe: the engine drops its caches and holds back stale writes. */
  z.strictObject({ type: z.literal('engine/forget') }),
  /** The taste summary for the dashboard. */
  z.strictObject({ type: z.literal('taste/get') }),
  /** A rating given in our own UI on a title already in the catalog. */
  z.strictObject({ type: z.literal('rating/set-by-id'), titleId: Id, value: RatingValue.nullable() }),
]);
export type PageMessage = z.infer<typeof PageMessage>;
