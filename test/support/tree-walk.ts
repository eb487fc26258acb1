/** Tree helpers for engine tests (re-exported so engine tests need not reach into dissector test support). */
export { registry } from '../../dissectors/index.js';
export { walk } from './tree.js';
