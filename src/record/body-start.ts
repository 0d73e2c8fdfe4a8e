/**
 * When a loading document's `<body>` starts: its head is parsed (an adapter's page checks,
 * which read `<meta>` tags, work) and the parser is about to insert the first content. The
 * content script starts reading tiles there on named sites (see entrypoints/content).
 */
export function whenBodyStarts(doc: Document, fn: () => void): void {
  if (doc.body || doc.readyState !== 'loading') {
    fn();
    return;
  }
  const mo = new MutationObserver(() => {
    // A document without a body (XML) is let go once parsed; the DOM-ready path starts the scan.
    if (!doc.body && doc.readyState === 'loading') return;
    mo.disconnect();
    fn();
  });
  mo.observe(doc, { childList: true, subtree: true });
}
