/**
 * A stable fallback id for titles whose page shows no site id: a slug of the title plus
 * the year, so "The Matrix" (1999) and its 2021 namesake stay apart.
 */
import { CAPS } from './text';

export function slugId(title: string, year: number | null = null): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const slug = (base || 'untitled').slice(0, CAPS.id - 12);
  return `slug:${slug}${year ? `-${year}` : ''}`;
}
