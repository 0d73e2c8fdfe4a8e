/**
 * Hostile titles for the /hostile page and for escaping tests. They exist to attack our own
 * extension (and the server's escaping); the server always renders them as text.
 */
const LONG = 'An Extremely Long Title '.repeat(Math.ceil(100_000 / 24)).slice(0, 100_000);

/** Entries resolvable at /title/<id>, /watch/<id>, /poster/<id>.svg; listed only on /hostile. */
export const HOSTILE = Object.freeze(
  [
    {
      id: 'hostile-img-onerror',
      title: '<img src=x onerror=alert(1)>',
      year: 2001,
      genres: ['Horror'],
      description: '<b>bold?</b> <img src=x onerror=alert(2)>',
    },
    {
      id: 'hostile-script',
      title: '</script><script>alert(1)</script>',
      year: 2002,
      genres: ['Thriller'],
      description: '</script><!-- <script>alert(3)</script>',
    },
    {
      id: 'hostile-attr-quote',
      title: `"><svg onload=alert(1)> ' onmouseover='alert(1)`,
      year: 2003,
      genres: ['Comedy', '"><b>x</b>'],
      description: `" autofocus onfocus="alert(4)`,
    },
    {
      id: 'hostile-template',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the hostile page shows template syntax as literal text on purpose
      title: '${alert(1)} {{constructor.constructor("alert(1)")()}} `backtick`',
      year: 2004,
      genres: ['Drama'],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: literal template syntax, as above
      description: '{{7*7}} <%= 7*7 %> ${7*7}',
    },
    { id: 'hostile-long', title: LONG, year: 2005, genres: ['Drama'], description: 'A title of 100,000 characters.' },
    {
      id: 'hostile-rtl',
      title: '\u202Eevil\u202C مرحبا بالعالم שלום עולם',
      year: 2006,
      genres: ['Drama'],
      description: 'Right-to-left text with a bidi override: \u202Etxet desrever\u202C.',
    },
    {
      id: 'hostile-emoji',
      title: '🎬🍿 Movie Night 👩‍👩‍👧‍👦 ñ Z̴̡a̷l̸g̶o̵ \u200B\u200Dzero\uFEFFwidth',
      year: 2007,
      genres: ['Comedy'],
      description: '😀 surrogate pairs, ZWJ sequences and combining marks.',
    },
    {
      id: 'hostile-control',
      title: 'Bell\u0007 Back\u0008space Tab\tNew\nLine \u2028LS \u2029PS',
      year: 2008,
      genres: ['Mystery'],
      description: 'Control characters and JS line separators.',
    },
    { id: 'hostile-proto', title: '__proto__', year: 2009, genres: ['constructor', 'toString'], description: 'hasOwnProperty' },
    {
      id: 'hostile-json',
      title: '{"@type":"Movie","name":"not really"}',
      year: 2010,
      genres: ['Sci-Fi'],
      description: ']]></x> <![CDATA[ x ]]> -->',
    },
  ].map((t) => Object.freeze({ kind: 'movie', ...t, genres: Object.freeze(t.genres) })),
);

export const HOSTILE_BY_ID = new Map(HOSTILE.map((t) => [t.id, t]));
