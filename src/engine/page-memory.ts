/** The last page's titles per site (most recent sites kept), so the picks can include what the page shows. */
import type { TitleInput } from '../messages/protocol';
import { Lru } from './lru';

export const PAGE_MEMORY = { titles: 300, sites: 20 } as const;

export class PageMemory {
  private readonly pages = new Lru<string, TitleInput[]>(PAGE_MEMORY.sites);

  remember(site: string, titles: readonly TitleInput[]): void {
    this.pages.set(site, titles.slice(0, PAGE_MEMORY.titles));
  }

  of(site: string | null): TitleInput[] {
    return site ? (this.pages.peek(site) ?? []) : [];
  }

  clear(): void {
    this.pages.clear();
  }
}
