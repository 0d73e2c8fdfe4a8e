/**
 * Reads text inside closed shadow roots through the DevTools protocol, which sees every
 * shadow root. Only a test can do this: a page script has no such access (that is the point).
 */
import type { Page } from 'playwright-core';

interface CdpNode {
  nodeType: number;
  localName?: string;
  nodeValue?: string;
  children?: CdpNode[];
  shadowRoots?: (CdpNode & { shadowRootType?: string })[];
  contentDocument?: CdpNode;
}

function textOf(n: CdpNode): string {
  if (n.nodeType === 3) return n.nodeValue ?? '';
  if (n.localName === 'style' || n.localName === 'script') return '';
  return [...(n.shadowRoots ?? []), ...(n.children ?? [])].map(textOf).join('');
}

/** The text of each element named `tag` (with its closed shadow content), document order. */
export async function closedShadowTexts(page: Page, tag: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const out: string[] = [];
    const walk = (n: CdpNode) => {
      if (n.localName === tag) out.push(textOf(n).replace(/\s+/g, ' ').trim());
      for (const c of n.children ?? []) walk(c);
      for (const c of n.shadowRoots ?? []) walk(c);
    };
    walk(root);
    return out;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
