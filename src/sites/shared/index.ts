/** Helpers every adapter reuses; import from here rather than from the single files. */
export * from './text';
export * from './url';
export * from './year';
export * from './slug';
export * from './jsonld';
export * from './opengraph';
export * from './media';
export * from './search';
export * from './dom';
export * from './ids';
export * from './row';
