/**
 * The `:host` rule of every element Tasteful puts into a page (badge hosts, the panel host):
 * reset with `all: initial` and pinned with `!important`, so the site's CSS neither leaks in
 * nor moves, hides or resizes the host. The host is a 0×0 anchor; what it shows hangs off it
 * inside its closed shadow root.
 */
export function hostResetCss(position: 'absolute' | 'fixed', zIndex: number): string {
  return `
:host {
  all: initial !important;
  display: block !important;
  position: ${position} !important;
  inset: auto !important;
  top: 0 !important;
  left: 0 !important;
  width: 0 !important;
  height: 0 !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  overflow: visible !important;
  transform: none !important;
  opacity: 1 !important;
  visibility: visible !important;
  pointer-events: none !important;
  z-index: ${zIndex} !important;
  contain: style !important;
}`;
}
