/**
 * Test helper (not used by adapters): turns declarative shadow DOM (`<template
 * shadowrootmode="open">` inside a host, as server-rendered web components ship it) into real
 * shadow roots, for DOMs (happy-dom, DOMParser) that leave such templates inert. Returns every
 * shadow root attached, outermost first.
 */
export function attachDeclarativeShadows(root: ParentNode): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  for (const template of Array.from(root.querySelectorAll('template[shadowrootmode]'))) {
    const host = template.parentElement;
    if (!host || host.shadowRoot) continue;
    const mode = template.getAttribute('shadowrootmode') === 'closed' ? 'closed' : 'open';
    const shadow = host.attachShadow({ mode });
    shadow.appendChild((template as HTMLTemplateElement).content);
    template.remove();
    out.push(shadow);
    out.push(...attachDeclarativeShadows(shadow));
  }
  return out;
}
