// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { whenBodyStarts } from './body-start';

/** A document still being parsed, its head done and no body yet. */
function loadingDoc(): Document {
  const doc = document.implementation.createHTMLDocument('x');
  doc.body.remove();
  Object.defineProperty(doc, 'readyState', { value: 'loading', configurable: true });
  return doc;
}

describe('whenBodyStarts', () => {
  it('runs once the parser inserts <body>, and only once', async () => {
    const doc = loadingDoc();
    let calls = 0;
    whenBodyStarts(doc, () => calls++);
    doc.head.append(doc.createElement('meta'));
    await Promise.resolve();
    expect(calls).toBe(0); // still in the head
    doc.documentElement.append(doc.createElement('body'));
    await Promise.resolve();
    expect(calls).toBe(1);
    doc.body.append(doc.createElement('div'));
    await Promise.resolve();
    expect(calls).toBe(1);
  });

  it('runs at once when the body is already there', () => {
    let calls = 0;
    whenBodyStarts(document, () => calls++);
    expect(calls).toBe(1);
  });

  it('a document that never gets a body is let go once parsed', async () => {
    const doc = loadingDoc();
    let calls = 0;
    whenBodyStarts(doc, () => calls++);
    Object.defineProperty(doc, 'readyState', { value: 'interactive', configurable: true });
    doc.head.append(doc.createElement('meta'));
    await Promise.resolve();
    expect(calls).toBe(1);
  });
});
