/** The dissectors layer's public surface: pure TypeScript, runs in Node, workers and the browser. */
export * from './core/index.js';
export * from './core/tree.js';
export * from './proto/index.js';
export * from './dissect.js';
