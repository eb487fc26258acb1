/**
 * Learning aids, pure (no DOM, no Node): value explanations for the explain panel, the display
 * filter as a sentence and as a BPF capture filter, application message framing over a TCP
 * stream ("sticky packets"), and RFC-style header diagrams built from the detail tree.
 * Every text is given in English and Simplified Chinese.
 */
export { line, type Bilingual, type Language } from './text.js';
export type { ValueContext, ExplainedValue } from './context.js';
export { explainValue, explainedAbbrevs } from './explain-value.js';
export { explainNode, contextFromTree, nodeValue } from './explain-tree.js';
export { ipv4Class, ipv4Subnet, netmaskToPrefix, prefixToNetmask, type Ipv4Class, type Ipv4Subnet } from './addresses.js';
export { portRange, type PortRange } from './explain-transport.js';
export { explainFilter, describeFilter } from './filter-sentence.js';
export { filterToBpf, type BpfTranslation } from './filter-bpf.js';
export { frameMessages, type FramingRule, type StreamSegment, type ApplicationMessage, type IncompleteTail, type SegmentMessages, type FramingReport } from './framing.js';
export { headerDiagram, nodeAtPath, cellAtByte, type HeaderDiagram, type DiagramCell, type DiagramRow, type DiagramPiece } from './header-diagram.js';
export { diagramProtocols } from './header-layouts.js';
