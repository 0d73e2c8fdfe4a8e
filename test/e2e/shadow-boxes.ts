/**
 * Boxes of elements inside closed shadow roots, through the DevTools protocol (a page script
 * cannot reach them; a test can). Coordinates are CSS px of the top frame's viewport; tests
 * using this keep the page unscrolled, where page and viewport coordinates agree.
 */
import type { Page } from 'playwright-core';

interface CdpNode {
  nodeId: number;
  nodeType: number;
  localName?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

export interface ShadowBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
  hostTag: string;
}

/** Every `localName` element with class `cls` inside the shadow roots of `hostTag` hosts. */
export async function closedShadowBoxes(page: Page, hostTag: string, localName: string, cls: string): Promise<ShadowBox[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const found: number[] = [];
    const walk = (n: CdpNode, inHost: boolean) => {
      const attrs = n.attributes ?? [];
      const classes = (attrs[attrs.indexOf('class') + 1] ?? '').split(/\s+/);
      if (inHost && n.localName === localName && attrs.includes('class') && classes.includes(cls)) found.push(n.nodeId);
      for (const c of n.children ?? []) walk(c, inHost);
      for (const c of n.shadowRoots ?? []) walk(c, inHost || n.localName === hostTag);
    };
    walk(root, false);
    const out: ShadowBox[] = [];
    for (const nodeId of found) {
      const r = (await cdp.send('DOM.getBoxModel', { nodeId }).catch(() => null)) as { model: { border: number[] } } | null;
      if (!r) continue; // not rendered (display: none)
      const q = r.model.border;
      const xs = [q[0]!, q[2]!, q[4]!, q[6]!];
      const ys = [q[1]!, q[3]!, q[5]!, q[7]!];
      out.push({ left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys), hostTag });
    }
    return out;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
