/**
 * Tiny, dependency-free HTML templating with escaping by default.
 * Every value interpolated into `html`...`` is escaped unless it is itself the result of
 * `html` (or `raw`), so page code cannot forget to escape a title.
 */

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escape text for HTML element content and (quoted) attribute values. */
export function escapeHtml(value) {
  return String(value).replace(/[&<>"'`]/g, (c) => ESC[c]);
}

/** Escape text for XML (SVG) content and attributes. */
export function escapeXml(value) {
  // Drop characters that are not allowed in XML 1.0 at all (control chars, lone surrogates).
  const clean = String(value).replace(
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
  return clean.replace(/[&<>"']/g, (c) => ESC[c]);
}

export class SafeHtml {
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

/** Mark a string as already-safe HTML. Use only for constant markup or our own output. */
export const raw = (text) => new SafeHtml(String(text));

function renderValue(value) {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  return escapeHtml(value);
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`. */
export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += renderValue(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/**
 * Serialise data for a `<script type="application/ld+json">` block. `<`, `>`, `&` and the
 * JS line separators are written as \u escapes, so no title can close the script element
 * or open a comment, and the JSON still parses to exactly the same value.
 */
export function jsonForScript(data) {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
