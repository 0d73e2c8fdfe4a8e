// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  absoluteHttpUrl,
  cleanGenres,
  cleanText,
  findMainMedia,
  idFromUrl,
  nearestRowHeading,
  parseYear,
  readJsonLd,
  readOpenGraph,
  readSearchParam,
  slugId,
  backgroundUrl,
  imgUrl,
} from '.';
import { parseHtml } from '../../../test/support/load-fixture';

describe('cleanText', () => {
  it('equals the full rewrite (invisible → space, collapse, trim, cap) on every string, whether or not it needs cleaning', () => {
    const reference = (raw: string, max: number): string | null => {
      const t = raw
        .slice(0, max * 4)
        .replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      return t ? (t.length > max ? t.slice(0, max).trimEnd() : t) : null;
    };
    const pool = ['a', 'Z', 'é', '7', ' ', ' ', '  ', '\t', '\n', '\u00a0', '\u200b', '\u200d', '\u202e', '\u3000', '\u0007', '\ufeff', '😀', '-'];
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 5000; i++) {
      const len = Math.floor(next() * 14);
      const raw = Array.from({ length: len }, () => pool[Math.floor(next() * pool.length)]).join('');
      const max = 1 + Math.floor(next() * 8);
      expect(cleanText(raw, max), JSON.stringify({ raw, max })).toBe(reference(raw, max));
    }
  });

  it('collapses whitespace, drops invisible characters and caps', () => {
    expect(cleanText('  The\n\t Matrix\u200b  ')).toBe('The Matrix');
    expect(cleanText('x'.repeat(600))).toHaveLength(500);
    expect(cleanText('y'.repeat(3000), 2000)).toHaveLength(2000);
    expect(cleanText('   ')).toBeNull();
    expect(cleanText(null)).toBeNull();
  });
  it('drops bidi overrides but keeps emoji joiners', () => {
    expect(cleanText('\u202eevil\u202c name')).toBe('evil name');
    expect(cleanText('👩\u200d👩\u200d👧')).toBe('👩\u200d👩\u200d👧');
  });
  it('keeps markup as inert text', () => {
    expect(cleanText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('cleanGenres', () => {
  it('splits delimited strings, de-duplicates and caps count and length', () => {
    expect(cleanGenres(['Drama, Sci-Fi · Thriller', 'drama'])).toEqual(['Drama', 'Sci-Fi', 'Thriller']);
    const many = Array.from({ length: 40 }, (_, i) => `Genre ${'x'.repeat(i)}`);
    const out = cleanGenres([...many, 'z'.repeat(100)]);
    expect(out).toHaveLength(16);
    expect(cleanGenres(['z'.repeat(100)])[0]).toHaveLength(64);
  });
});

describe('absoluteHttpUrl', () => {
  it('resolves relative URLs and keeps only http(s)', () => {
    expect(absoluteHttpUrl('/movie/603', 'https://example.com/a/b')).toBe('https://example.com/movie/603');
    expect(absoluteHttpUrl('javascript:alert(1)', 'https://example.com/')).toBeNull();
    expect(absoluteHttpUrl(' JaVaScRiPt:alert(1)', 'https://example.com/')).toBeNull();
    expect(absoluteHttpUrl('data:image/png;base64,AAAA', 'https://example.com/')).toBeNull();
    expect(absoluteHttpUrl('//cdn.example.com/p.jpg', 'https://example.com/')).toBe('https://cdn.example.com/p.jpg');
    expect(absoluteHttpUrl('/x', null)).toBeNull();
    expect(absoluteHttpUrl(`/${'a'.repeat(3000)}`, 'https://example.com/')).toBeNull();
  });
});

describe('parseYear', () => {
  it.each([
    ['(1999)', 1999],
    ['1999 · 2h 16m', 1999],
    ['Blade Runner 2049 (2017)', 2017],
    ['2019–2022 · 3 Seasons', 2019],
    ['Released 12 May 2004', 2004],
    ['4K 2160p HDR', null],
    ['S2024 E1', null],
    ['1080 views', null],
    ['no year', null],
    ['(1850)', null],
  ])('%s → %s', (text, year) => {
    expect(parseYear(text)).toBe(year);
  });
});

describe('slugId', () => {
  it('slugs the title with the year and strips accents', () => {
    expect(slugId('Amélie & Co.', 2001)).toBe('slug:amelie-and-co-2001');
    expect(slugId('The Matrix')).toBe('slug:the-matrix');
    expect(slugId('!!!')).toBe('slug:untitled');
  });
});

describe('idFromUrl', () => {
  const id = (u: string) => idFromUrl(new URL(u));
  it('reads site ids from common URL shapes', () => {
    expect(id('https://www.imdb.com/title/tt0133093/?ref_=nv')?.id).toBe('tt0133093');
    expect(id('https://www.themoviedb.org/movie/603-the-matrix')).toEqual({ id: 'movie/603', kind: 'movie' });
    expect(id('https://www.themoviedb.org/tv/1399-game-of-thrones')).toEqual({ id: 'tv/1399', kind: 'series' });
    expect(id('https://video.example/watch?v=dQw4w9WgXcQ')).toEqual({ id: 'v:dQw4w9WgXcQ', kind: 'video' });
    expect(id('https://site.example/video/x8abc12')?.id).toBe('video/x8abc12');
    expect(id('https://site.example/catalog/12345')?.id).toBe('catalog/12345');
    expect(id('https://blog.example/2024/03/dune-part-two-trailer/')?.id).toBe('dune-part-two-trailer');
  });
  it("reads the catalogue's id after a slug, not the slug (namesakes share a slug)", () => {
    expect(id('https://www.primevideo.com/detail/The-Boys/0KRGHGZCHKS920ZQGY5LBRF7MA/ref=atv_hm_hom_c_8pZiqd_2_1')?.id).toBe(
      'detail/0KRGHGZCHKS920ZQGY5LBRF7MA',
    );
    expect(id('https://www.primevideo.com/detail/0KRGHGZCHKS920ZQGY5LBRF7MA/ref=atv_sr_def_c_unkc__1_1_1')?.id).toBe(
      'detail/0KRGHGZCHKS920ZQGY5LBRF7MA',
    );
    expect(id('https://www.disneyplus.com/movies/the-lion-king/1HqwiEcje6Nj')).toEqual({ id: 'movies/1HqwiEcje6Nj', kind: 'movie' });
    expect(id('https://tv.apple.com/us/movie/dune/umc.cmc.5h7hf3n3gd1cwf0f8ufs8sn2')?.id).toBe('movie/umc.cmc.5h7hf3n3gd1cwf0f8ufs8sn2');
    expect(id('https://play.max.com/movie/dune/4e2a3b1c-2f4d-4e8a-9b6c-1d2e3f4a5b6c')?.id).toBe('movie/4e2a3b1c-2f4d-4e8a-9b6c-1d2e3f4a5b6c');
    expect(id('https://www.hulu.com/movie/dune-part-two-7a3e5b1c-2f4d-4e8a-9b6c-1d2e3f4a5b6c')?.id).toBe(
      'movie/7a3e5b1c-2f4d-4e8a-9b6c-1d2e3f4a5b6c',
    );
    expect(id('https://films.example/movie/the-matrix/603')?.id).toBe('movie/603');
    // An id first keeps its slug out: "/series/GRDV0VK0Y/naruto".
    expect(id('https://www.crunchyroll.com/series/GRDV0VK0Y/naruto')?.id).toBe('series/GRDV0VK0Y');
    // What follows a slug and is no id: a year, an episode code, a page.
    expect(id('https://films.example/movie/dune/2021')?.id).toBe('movie/dune');
    expect(id('https://tv.example/series/dark/s01e01')?.id).toBe('series/dark');
    expect(id('https://films.example/movie/heat/trailer')?.id).toBe('movie/heat');
  });
  it('returns null for pages that are not titles', () => {
    expect(id('https://site.example/')).toBeNull();
    expect(id('https://site.example/search')).toBeNull();
    expect(id('https://site.example/static/logo.png')).toBeNull();
    expect(id('https://site.example/details')).toBeNull();
  });
  it('reads single-page apps from their hash route, not from the app shell', () => {
    expect(id('https://media.example/web/index.html#!/details?id=a1f3c2&serverId=5f')).toEqual({ id: 'id:a1f3c2', kind: null });
    expect(id('https://app.example/desktop/#!/server/3f9a/details?key=%2Flibrary%2Fmetadata%2F4521&context=x')?.id).toBe(
      'key:/library/metadata/4521',
    );
    expect(id('https://app.example/#/movie/603')).toEqual({ id: 'movie/603', kind: 'movie' });
    // An in-page anchor is not a route; a route without an id leaves the path to speak.
    expect(id('https://site.example/movie/603#comments')?.id).toBe('movie/603');
    expect(id('https://site.example/movie/603#/')?.id).toBe('movie/603');
  });
});

describe('readSearchParam', () => {
  it('reads the usual names from the query and from a hash route', () => {
    expect(readSearchParam(new URL('https://a.example/results?search_query=the+matrix'))).toBe('the matrix');
    expect(readSearchParam(new URL('https://a.example/s?k=dune'))).toBe('dune');
    expect(readSearchParam(new URL('https://a.example/?searchTerm=%20alien%20'))).toBe('alien');
    expect(readSearchParam(new URL('https://a.example/web/#/search.html?query=heat'))).toBe('heat');
    expect(readSearchParam(new URL('https://a.example/browse?genre=1'))).toBeNull();
  });
});

describe('readJsonLd', () => {
  it('reads @graph and ItemList entries, flags listed ones and survives broken blocks', () => {
    const doc = parseHtml(
      `<html><head>
      <script type="application/ld+json">{ broken</script>
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebPage","name":"Page"},
        {"@type":"Movie","name":"The Matrix","datePublished":"1999-03-31","genre":["Action","Sci-Fi"],
         "image":{"@type":"ImageObject","url":"/img/matrix.jpg"},"url":"/movie/603","description":"A hacker learns."}]}</script>
      <script type="application/ld+json">{"@type":"ItemList","itemListElement":[
        {"@type":"ListItem","position":1,"item":{"@type":"TVSeries","name":"Dark","startDate":"2017-12-01"}},
        {"@type":"ListItem","position":2,"item":{"@type":["VideoObject"],"name":"Clip","uploadDate":"2020-01-02T00:00:00Z","thumbnailUrl":["https://i.example/t.jpg"]}}]}</script>
      </head><body></body></html>`,
      'https://films.example/list',
    );
    const entries = readJsonLd(doc);
    expect(entries.map((e) => [e.title, e.kind, e.year, e.listed])).toEqual([
      ['The Matrix', 'movie', 1999, false],
      ['Dark', 'series', 2017, true],
      ['Clip', 'video', 2020, true],
    ]);
    expect(entries[0]).toMatchObject({
      genres: ['Action', 'Sci-Fi'],
      imageUrl: 'https://films.example/img/matrix.jpg',
      url: 'https://films.example/movie/603',
      description: 'A hacker learns.',
    });
    expect(entries[2]?.imageUrl).toBe('https://i.example/t.jpg');
  });
});

describe('readOpenGraph', () => {
  it('reads the first og:/video: values', () => {
    const doc = parseHtml(
      `<html><head><meta property="og:type" content="video.movie"><meta property="og:title" content="Heat">
       <meta property="og:title" content="Other"><meta property="video:release_date" content="1995-12-15">
       <meta name="description" content="ignored"></head></html>`,
      'https://films.example/heat',
    );
    const og = readOpenGraph(doc);
    expect(og.get('og:type')).toBe('video.movie');
    expect(og.get('og:title')).toBe('Heat');
    expect(og.get('video:release_date')).toBe('1995-12-15');
    expect(og.has('description')).toBe(false);
  });
});

describe('findMainMedia', () => {
  it('prefers a visible, non-muted element over muted previews and hidden ones', () => {
    const doc = parseHtml(
      `<body><video id="preview" muted></video><div hidden><video id="hidden"></video></div>
       <video id="main"></video><audio id="audio"></audio></body>`,
      'https://films.example/watch/1',
    );
    (doc.getElementById('preview') as HTMLVideoElement).muted = true;
    expect(findMainMedia(doc)?.id).toBe('main');
  });
  it('falls back to a muted one and returns null without media', () => {
    const doc = parseHtml(`<body><video id="only" muted></video></body>`, 'https://films.example/');
    (doc.getElementById('only') as HTMLVideoElement).muted = true;
    expect(findMainMedia(doc)?.id).toBe('only');
    expect(findMainMedia(parseHtml('<body><p>x</p></body>', 'https://films.example/'))).toBeNull();
  });
});

describe('images', () => {
  it('reads lazy image attributes and inline background images as absolute http(s) URLs', () => {
    const doc = parseHtml(
      `<body><img id="a" src="data:image/gif;base64,R0lGOD" data-src="/p/a.jpg">
       <img id="b" srcset="/p/b-1x.jpg 1x, /p/b-2x.jpg 2x">
       <div id="c" style="background-image: url('/p/c.jpg')"></div>
       <div id="d" style="background-image: url(javascript:alert(1))"></div></body>`,
      'https://films.example/',
    );
    expect(imgUrl(doc.getElementById('a')!)).toBe('https://films.example/p/a.jpg');
    expect(imgUrl(doc.getElementById('b')!)).toBe('https://films.example/p/b-1x.jpg');
    expect(backgroundUrl(doc.getElementById('c')!)).toBe('https://films.example/p/c.jpg');
    expect(backgroundUrl(doc.getElementById('d')!)).toBeNull();
  });
});

describe('nearestRowHeading', () => {
  it('takes the heading before the row, not a neighbour card title', () => {
    const doc = parseHtml(
      `<body><section><h2>Trending now</h2><div class="row">
        <div class="card"><h3>A</h3></div><div class="card"><h3>B</h3></div><div class="card" id="t"><h3>C</h3></div>
       </div></section><ul aria-label="Because you watched Heat"><li id="l"><h3>D</h3></li></ul></body>`,
      'https://films.example/',
    );
    expect(nearestRowHeading(doc.getElementById('t')!)).toBe('Trending now');
    expect(nearestRowHeading(doc.getElementById('l')!)).toBe('Because you watched Heat');
  });
});
