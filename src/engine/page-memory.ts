/** The last page's titles per site (most recent sites kept), so the picks can include what the page shows. */
import type { TitleInput } from '../messages/protocol';

export const PAGE_MEMORY = { titles: 300, sites: 20 } as const;

export class PageMemory {
  private readonly pages = new Map<string, TitleInput[]>();

  remember(site: string, titles: readonly TitleInput[]): void {
    this.pages.delete(site);
    this.pages.set(site, titles.slice(0, PAGE_MEMORY.titles));
    while (this.pages.size > PAGE_MEMORY.sites) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) break;
      this.pages.delete(oldest);
    }
  }

  of(site: string | null): TitleInput[] {
    return site ? (this.pages.get(site) ?? []) : [];
  }

  clear(): void {
    this.pages.clear();
  }
}
