/**
 * The PacketLens API: the one contract between the UI and the engine. Both transports
 * (Electron MessagePort and the browser-mode WebSocket) and the in-memory test transport carry
 * exactly these operations and events, so the renderer cannot tell them apart.
 *
 * Types only (plus the operation name list): the renderer imports this module, so it must stay
 * free of Node and engine code. Every argument is validated by the engine (validate.ts), never
 * trusted because the type says so.
 */

import type { TreeNode } from '../../dissectors/core/tree.js';

/** One row of the packet list, made only for rows on screen. */
export interface PacketRow {
  /** Index in the current (filtered, sorted) view, from 0. */
  displayedIndex: number;
  /** Frame number in the file, from 1. */
  frame: number;
  /** Seconds, formatted by the renderer according to the chosen time format. */
  timeEpoch: number;
  timeRelative: number;
  timeDelta: number;
  source: string;
  destination: string;
  protocol: string;
  length: number;
  info: string;
  /** Index into the colouring rules, or -1. */
  colorRule: number;
  marked: boolean;
  /** Values of the custom columns, in the order they were set. */
  custom: string[];
}

/** One line of the detail tree: the dissectors' own TreeNode, plain data that crosses IPC as is. */
export type TreeItem = TreeNode;

export interface PacketDetail {
  frame: number;
  tree: TreeItem[];
  /** Sources of bytes: [0] is the frame; others are reassembled buffers ("Reassembled TCP"). */
  sources: Array<{ name: string; bytes: Uint8Array }>;
}

export interface CaptureSummary {
  /** Display name (file name, or "Capturing from lo"). */
  name: string;
  path: string | null;
  frames: number;
  displayed: number;
  marked: number;
  /** True while the file is still being indexed or a capture is running. */
  loading: boolean;
  filter: string;
  warning: string | null;
  /** The view's order; absent or null: frame order. */
  sort?: SortOrder | null;
  /** Custom column fields, in order. */
  customColumns?: string[];
}

export interface FilterResult {
  /** Null when the filter was applied; otherwise why not (position and message). */
  error: { message: string; start: number; end: number } | null;
  displayed: number;
  /** Milliseconds the engine spent. */
  elapsedMs: number;
}

export interface FieldInfo {
  id: number;
  abbrev: string;
  name: string;
  type: string;
  protocol: string;
}

export type PacketSelection = 'all' | 'displayed' | 'marked';
export type CaptureFormat = 'pcap' | 'pcapng';

export interface EngineEvents {
  /** Indexing or capture progress; at most ~10 per second. */
  progress: { frames: number; bytesRead: number; totalBytes: number; done: boolean };
  /** The summary changed (frames added, filter applied, marks). */
  summary: CaptureSummary;
  /** A long filter run's progress (0..1). */
  filterProgress: { filter: string; fraction: number };
  /** A sort by a text column dissecting the view (0..1). */
  sortProgress: { column: SortColumn; fraction: number };
  /** A problem the user must see (corrupt file, capture permission). */
  problem: { message: string; detail?: string };
  /** Live capture counters, at most 10 per second. */
  captureStatus: CaptureStatus;
}

export type EngineEvent = { [K in keyof EngineEvents]: { type: K; payload: EngineEvents[K] } }[keyof EngineEvents];

/** Operations. Every one is async because it may cross a process boundary. */
export interface PacketLensApi extends PacketListApi, StatisticsApi, CaptureApi, LearnApi {
  openFile(path: string): Promise<CaptureSummary>;
  /** Browser mode: a file chosen or dropped in the page, uploaded whole. */
  openUpload(name: string, bytes: Uint8Array): Promise<CaptureSummary>;
  summary(): Promise<CaptureSummary | null>;
  rows(start: number, count: number): Promise<PacketRow[]>;
  detail(frame: number): Promise<PacketDetail>;
  applyFilter(filter: string): Promise<FilterResult>;
  /** Displayed index of a frame in the current view, or -1 when it is filtered out. */
  displayedIndexOf(frame: number): Promise<number>;
  setMarked(frames: number[], marked: boolean): Promise<CaptureSummary>;
  /** Writes packets to a path (desktop) and returns it; browser mode downloads the bytes instead. */
  exportPackets(selection: PacketSelection, format: CaptureFormat, path: string | null): Promise<{ path: string | null; bytes: Uint8Array | null; packets: number }>;
  /**
   * Every field the engine's registry knows. TreeItem.field ids are the engine's; the renderer
   * maps them to abbrevs here (its own registry bundle may number fields differently).
   */
  fields(): Promise<FieldInfo[]>;
}

/** Names of the operations, for transports that dispatch by name. */
export const apiOperations = [
  'openFile',
  'openUpload',
  'summary',
  'rows',
  'detail',
  'applyFilter',
  'displayedIndexOf',
  'setMarked',
  'exportPackets',
  'fields',
  // PacketListApi
  'sortView',
  'setCustomColumns',
  'findPacket',
  'fileProperties',
  'cancelFilter',
  'setColoringRules',
  // StatisticsApi (statisticsOperations below)
  'followStream',
  'protocolHierarchy',
  'conversations',
  'endpoints',
  'ioStatistics',
  'expertSummary',
  // CaptureApi
  'interfaces',
  'checkCaptureFilter',
  'startCapture',
  'stopCapture',
  'setUpCapturePermissions',
  // LearnApi (learnOperations below)
  'tcpConversation',
  'sampleCaptures',
  'openSample',
] as const satisfies ReadonlyArray<keyof PacketLensApi>;

export type ApiOperation = (typeof apiOperations)[number];

/** What the API client adds on top of the operations: typed engine events. */
export interface PacketLensClient extends PacketLensApi {
  /** Calls `listener` for every engine event until the returned function is called. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
}

/** Commands the desktop shell's menu sends to the page (Wireshark's shortcuts). */
export type ShellCommand =
  | { type: 'open'; path: string }
  | { type: 'save' }
  | { type: 'exportDisplayed' }
  | { type: 'toggleCapture' }
  | { type: 'captureOptions' }
  | { type: 'goToPacket' }
  | { type: 'find' }
  | { type: 'focusFilter' }
  | { type: 'previousPacket' }
  | { type: 'nextPacket' };

/**
 * The desktop shell's own bridge (`window.packetLensShell`): native dialogs and menu commands.
 * Absent in browser mode, where the page uploads and downloads instead.
 */
export interface DesktopShell {
  /** Native open dialog; null when cancelled. */
  chooseOpenPath(): Promise<string | null>;
  /** Native save dialog; null when cancelled. */
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** The local path of a file dropped on the page (Electron's webUtils), or null. */
  pathForFile(file: unknown): string | null;
  onCommand(listener: (command: ShellCommand) => void): () => void;
}

// ---- Follow Stream and Statistics (issue 4), part of PacketLensApi. ----

/** One side of a followed conversation. */
export interface FollowEndpoint {
  address: string;
  port: number;
}

/**
 * One piece of a followed stream, as Wireshark's Follow Stream keeps them: the new bytes one
 * frame added in one direction. TCP segments come in sequence order with retransmitted or
 * overlapping bytes removed, so segment boundaries ("sticky packets") stay visible.
 */
export interface FollowSegment {
  frame: number;
  /** False: sent by the client (Node 0, who sent the stream's first packet); true: by the server. */
  fromServer: boolean;
  /** Where the bytes start in this direction's byte stream, from 0. */
  offset: number;
  bytes: Uint8Array;
  /** True for tshark's "[N bytes missing in capture file]" placeholder (acknowledged but not captured). */
  missing: boolean;
}

export type FollowRequest =
  | { protocol: 'tcp' | 'udp'; stream: number }
  | { protocol: 'tcp' | 'udp'; endpoints: [FollowEndpoint, FollowEndpoint] };

export interface FollowResult {
  protocol: 'tcp' | 'udp';
  /** The display filter that selects the stream ("tcp.stream eq 0"). */
  filter: string;
  /** Null when no packet matched. */
  client: FollowEndpoint | null;
  server: FollowEndpoint | null;
  segments: FollowSegment[];
  clientBytes: number;
  serverBytes: number;
}

export interface ProtocolHierarchyNode {
  /** Filter name of the protocol ("eth", "ip", "tcp"). */
  protocol: string;
  frames: number;
  bytes: number;
  children: ProtocolHierarchyNode[];
}

export interface ProtocolHierarchy {
  frames: number;
  bytes: number;
  roots: ProtocolHierarchyNode[];
}

export type ConversationKind = 'eth' | 'ip' | 'ipv6' | 'tcp' | 'udp';

/** A conversation: A is the source of its first packet. Ports are null for eth/ip/ipv6. */
export interface Conversation {
  addressA: string;
  portA: number | null;
  addressB: string;
  portB: number | null;
  /** tcp.stream / udp.stream, or -1. */
  stream: number;
  framesAToB: number;
  bytesAToB: number;
  framesBToA: number;
  bytesBToA: number;
  /** Seconds from the first frame of the capture to the conversation's first frame. */
  start: number;
  duration: number;
}

export interface Endpoint {
  address: string;
  port: number | null;
  txFrames: number;
  txBytes: number;
  rxFrames: number;
  rxBytes: number;
}

export interface IoStatisticsRow {
  /** Seconds from the first frame. */
  start: number;
  end: number;
  /** Per column (one per filter; the first, '', is all frames). */
  frames: number[];
  bytes: number[];
}

export interface IoStatistics {
  interval: number;
  /** Seconds from the first to the last frame. */
  duration: number;
  filters: string[];
  rows: IoStatisticsRow[];
}

export type ExpertSeverityName = 'error' | 'warn' | 'note' | 'chat' | 'comment';

export interface ExpertEntry {
  severity: ExpertSeverityName;
  /** Wireshark's group name: "Sequence", "Malformed", … */
  group: string;
  /** Protocol short name ("TCP"). */
  protocol: string;
  summary: string;
  count: number;
  /** The first frame with this item. */
  firstFrame: number;
}

export interface ExpertSummary {
  entries: ExpertEntry[];
}

/** Follow Stream and the Statistics menu. */
export interface StatisticsApi {
  followStream(request: FollowRequest): Promise<FollowResult>;
  protocolHierarchy(): Promise<ProtocolHierarchy>;
  conversations(kind: ConversationKind): Promise<Conversation[]>;
  endpoints(kind: ConversationKind): Promise<Endpoint[]>;
  /** Frames and bytes per `interval` seconds; each filter adds a column. */
  ioStatistics(interval: number, filters: string[]): Promise<IoStatistics>;
  expertSummary(): Promise<ExpertSummary>;
}

export const statisticsOperations = [
  'followStream',
  'protocolHierarchy',
  'conversations',
  'endpoints',
  'ioStatistics',
  'expertSummary',
] as const satisfies ReadonlyArray<keyof StatisticsApi>;

/** Live capture (engine/capture/capture-api.ts): to merge into PacketLensApi and apiOperations. */
export interface CaptureInterfaceInfo {
  name: string;
  /** libpcap's description, or null. */
  description: string | null;
  addresses: Array<{ family: 'IPv4' | 'IPv6'; address: string; prefixLength: number | null }>;
  /** IFF_UP / IFF_RUNNING; null for pseudo-devices (any, nflog…). */
  up: boolean | null;
  running: boolean | null;
  loopback: boolean;
  /** LINKTYPE_* libpcap will use, or null when unknown. */
  linkType: number | null;
  hardwareAddress: string | null;
  /** Packets per second since the previous interfaces() call (null on the first): poll it for a sparkline. */
  packetsPerSecond: number | null;
}

export interface CaptureOptions {
  interfaceName: string;
  /** BPF capture filter (libpcap syntax); '' for none. */
  filter?: string;
  /** Default 262144. */
  snapLength?: number;
  /** Default true. */
  promiscuous?: boolean;
  stopAfterPackets?: number | null;
  stopAfterSeconds?: number | null;
  stopAfterMegabytes?: number | null;
  /** A ring of files: a new one before the current passes `megabytes` MB, only the newest `files` kept; the open capture follows the newest. */
  ringBuffer?: { files: number; megabytes: number } | null;
}

export interface CaptureFilterCheck {
  valid: boolean;
  /** libpcap's own error text when invalid. */
  message: string | null;
  /** 'interface': compiled on the interface; 'link-type': offline for its link type; 'unchecked': no way to check here. */
  checkedBy: 'interface' | 'link-type' | 'unchecked';
}

export interface CaptureStatus {
  interfaceName: string;
  /** 'cap' (libpcap binding) or 'dumpcap' (Wireshark's, the fallback). */
  source: 'cap' | 'dumpcap';
  running: boolean;
  packets: number;
  /** Bytes written to the capture file. */
  bytes: number;
  /** Packets dropped by libpcap/the kernel; null when the source cannot tell. */
  dropped: number | null;
  elapsedSeconds: number;
  stopReason: 'packets' | 'duration' | 'filesize' | 'stopped' | 'error' | null;
  error: string | null;
  /** How timestamps were taken, options the source could not honour. */
  notes: string[];
}

export interface CaptureApi {
  interfaces(): Promise<CaptureInterfaceInfo[]>;
  checkCaptureFilter(filter: string, interfaceName: string): Promise<CaptureFilterCheck>;
  /** Starts capturing into a temporary file that becomes the open capture; rejects with a readable message (permissions: the fix). */
  startCapture(options: CaptureOptions): Promise<CaptureStatus>;
  /** Stops the running capture (the file stays open); null when none ran. */
  stopCapture(): Promise<CaptureStatus | null>;
  /** Linux: grants the capture helper the capture capabilities through pkexec (a password prompt); elsewhere 'unsupported' with the fix. */
  setUpCapturePermissions(): Promise<CapturePermissionSetup>;
}

/** What "Set up capture permissions" did; `message` is for the user (English, complete). */
export interface CapturePermissionSetup {
  outcome: 'done' | 'cancelled' | 'unavailable' | 'failed' | 'unsupported';
  message: string;
}

export const captureOperations = [
  'interfaces',
  'checkCaptureFilter',
  'startCapture',
  'stopCapture',
  'setUpCapturePermissions',
] as const satisfies ReadonlyArray<keyof CaptureApi>;

/** Capture events: to merge into EngineEvents. `captureStatus` comes at most 10 times per second. */
export interface CaptureEvents {
  captureStatus: CaptureStatus;
}

// ---- Packet list and file operations (issue 5): sorting, custom columns, find, file properties. ----

/** A packet-list column to sort by; `customN` is the N-th custom column (from 0). */
export type SortColumn = 'number' | 'time' | 'source' | 'destination' | 'protocol' | 'length' | 'info' | `custom${number}`;

export interface SortOrder {
  column: SortColumn;
  ascending: boolean;
}

export interface SortResult {
  /** False when a newer sort or filter cancelled this one (the view is unchanged). */
  complete: boolean;
  elapsedMs: number;
}

/**
 * Edit › Find Packet. `from` is the displayed index to search after (before, when `backward`),
 * or null to start at the top (bottom). `target` says where strings and regexes look.
 */
export interface FindRequest {
  kind: 'filter' | 'hex' | 'string' | 'regex';
  text: string;
  target: 'list' | 'details' | 'bytes';
  caseSensitive: boolean;
  backward: boolean;
  from: number | null;
}

export interface FindResult {
  /** Why the request cannot be searched for (a bad filter, odd hex digits), else null. */
  error: string | null;
  /** -1 when no displayed packet matches. */
  displayedIndex: number;
  frame: number;
  /** True when the search went past the end of the view and on from the other end. */
  wrapped: boolean;
}

/** Capture File Properties (Wireshark) / `capinfos`. Times in seconds since 1970; null when unknown. */
export interface FileProperties {
  name: string;
  /** Null for an uploaded file (browser mode). */
  path: string | null;
  format: 'pcap' | 'pcapng';
  formatVersion: string;
  byteOrder: 'little-endian' | 'big-endian';
  compressed: boolean;
  /** capinfos' "File encapsulation": one link type's name, or "Per packet". */
  encapsulation: string;
  snapLength: number | null;
  resolution: 'microsecond' | 'nanosecond' | 'other';
  fileSize: number;
  packets: number;
  displayed: number;
  marked: number;
  /** Sum of the packets' original lengths (capinfos' "Data size"). */
  dataSize: number;
  firstTime: number | null;
  lastTime: number | null;
  elapsed: number | null;
  byteRate: number | null;
  bitRate: number | null;
  averagePacketSize: number | null;
  packetRate: number | null;
  interfaces: Array<{
    name: string | null;
    description: string | null;
    encapsulation: string;
    linkType: number;
    snapLength: number;
    filter: string | null;
    os: string | null;
    packets: number;
    comments: string[];
  }>;
  /** Section (capture file) comments. */
  comments: string[];
  hardware: string | null;
  os: string | null;
  application: string | null;
}

export interface PacketListApi {
  /** Orders the current view by a column (null: frame order); kept across filters until changed. */
  sortView(order: SortOrder | null): Promise<SortResult>;
  /** Custom columns by field abbrev ("Apply as Column"); rows then carry their texts in `custom`. */
  setCustomColumns(fields: string[]): Promise<void>;
  findPacket(request: FindRequest): Promise<FindResult>;
  fileProperties(): Promise<FileProperties>;
  /** Stops a running filter; the previous view stays (its applyFilter answers "cancelled"). */
  cancelFilter(): Promise<void>;
  /**
   * The user's colouring rules, in order (at most 100): rows' `colorRule` is then an index into
   * this list. Kept for every capture opened afterwards. A rule whose filter does not compile
   * never matches, as Wireshark disables it.
   */
  setColoringRules(rules: ColoringRuleSpec[]): Promise<void>;
}

/** A colouring rule as the engine sees it; its colours stay in the page. */
export interface ColoringRuleSpec {
  name: string;
  filter: string;
  enabled: boolean;
}

// ---- Learning (issue 7): the conversation stepper and the sample captures. ----

/** RFC 9293 connection states, spelled as the course spells them. */
export type TcpStateName =
  | 'CLOSED' | 'LISTEN' | 'SYN_SENT' | 'SYN_RCVD' | 'ESTABLISHED' | 'FIN_WAIT_1' | 'FIN_WAIT_2'
  | 'CLOSE_WAIT' | 'CLOSING' | 'LAST_ACK' | 'TIME_WAIT';

export type TcpPhaseName = 'handshake' | 'data' | 'teardown' | 'reset';

/** One segment of a TCP connection, with both endpoints' states before and after it. */
export interface TcpConversationStep {
  frame: number;
  /** Seconds since the connection's first captured segment. */
  time: number;
  fromClient: boolean;
  /** The 12 TCP flag bits, and as Wireshark lists them ("SYN, ACK"). */
  flags: number;
  flagsText: string;
  /** Relative sequence and acknowledgment numbers (ack 0 without the ACK flag); payload bytes; window in bytes. */
  relSeq: number;
  relAck: number;
  len: number;
  window: number;
  clientBefore: TcpStateName;
  clientAfter: TcpStateName;
  serverBefore: TcpStateName;
  serverAfter: TcpStateName;
  phase: TcpPhaseName;
  /** True when the capture missed the connection's start: the states are guesses. */
  inferred: boolean;
  /** Why the states changed (or not), in both UI languages. */
  why: { en: string; zh: string };
}

export interface TcpConversation {
  stream: number;
  /** The side that sent the first SYN (without one: the higher port); null for an unknown stream. */
  client: FollowEndpoint | null;
  server: FollowEndpoint | null;
  steps: TcpConversationStep[];
}

/** A capture shipped with PacketLens for learning (test/fixtures/index.json). */
export interface SampleCapture {
  /** The name openSample takes. */
  file: string;
  title: { en: string; zh: string };
  lesson: { en: string; zh: string };
  /** Display filters that show the lesson's packets. */
  shows: string[];
}

export interface LearnApi {
  /** Every segment of TCP stream `stream` (tcp.stream) with both endpoints' states. */
  tcpConversation(stream: number): Promise<TcpConversation>;
  /** The sample captures the welcome screen offers ([] when the app ships none). */
  sampleCaptures(): Promise<SampleCapture[]>;
  /** Opens a sample by its `file` name; only names from sampleCaptures() are accepted. */
  openSample(file: string): Promise<CaptureSummary>;
}

export const learnOperations = [
  'tcpConversation',
  'sampleCaptures',
  'openSample',
] as const satisfies ReadonlyArray<keyof LearnApi>;
