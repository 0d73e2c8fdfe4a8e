/** Turns a title as a page reported it into the catalog record the store keeps. */
import type { TitleInput } from '../messages/protocol';
import type { TitleRecord } from '../store/records';
import { titleKey } from '../titles/normalize';
import { titleId } from '../titles/title-id';
import { isHttpUrl } from '../store/limits';

export function toTitleRecord(site: string, input: TitleInput, now: number): TitleRecord {
  return {
    id: titleId(site, input.siteItemId),
    site,
    siteItemId: input.siteItemId,
    key: titleKey(input.title, input.year),
    title: input.title,
    year: input.year,
    kind: input.kind,
    genres: input.genres,
    description: input.description,
    imageUrl: httpOrNull(input.imageUrl),
    url: httpOrNull(input.url),
    firstSeen: now,
    lastSeen: now,
  };
}

function httpOrNull(url: string | null): string | null {
  return url && isHttpUrl(url) ? url : null;
}
