export * from './fields.js';
export * from './sink.js';
export * from './bytes.js';
export * from './tables.js';
export * from './context.js';
export * from './format.js';
export * from './field-text.js';
export * from './protocol-path.js';
