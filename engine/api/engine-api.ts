import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { compileFilter, FilterError } from '../../dissectors/filter/index.js';
import { registry } from '../../dissectors/index.js';
import { runFilter } from '../filter/run-filter.js';
import { CaptureSession } from '../session/capture-session.js';
import type { CaptureSummary, EngineEvent, FilterResult, PacketDetail, PacketLensApi, PacketRow, SortOrder } from './contract.js';
import { ColoringRules } from './coloring.js';
import { defaultRules, RowMaker } from './rows.js';
import { fileProperties } from './file-properties.js';
import { findPacket } from './find.js';
import { inversePermutation, SortKeyCache, sortFrames } from './sorting.js';
import { statisticsApi } from './statistics-api.js';
import { learnApi } from './learn-api.js';
import { createCaptureApi } from '../capture/capture-api.js';
import { resolveFields, UnknownFieldError } from '../session/field-text-sink.js';
import { exportFrames } from '../session/export.js';
import { InvalidArgumentError, requireBytes, requireInteger, requireIntegerList, requireOneOf, requireString } from './validate.js';

/** Largest upload browser mode accepts in one message. */
const maxUploadBytes = 1024 * 1024 * 1024;
const maxRowsPerRequest = 2000;
const maxColoringRules = 100;
const maxColoringRuleText = 1000;
/** Progress events are throttled to this interval (DESIGN.md: at most ~10 per second). */
const progressIntervalMs = 100;

export interface EngineApi extends PacketLensApi {
  onEvent(listener: (event: EngineEvent) => void): () => void;
  dispose(): Promise<void>;
}

interface OpenCapture {
  readonly session: CaptureSession;
  readonly name: string;
  readonly rows: RowMaker;
  /** Frame numbers of the displayed packets in view order; null when every frame is shown. */
  view: Uint32Array | null;
  filter: string;
  /** The filter run in progress, cancelled when a newer one starts. */
  filterRun: AbortController | null;
  /** The view sorted by `sort` (frame numbers in display order), or null for frame order. */
  order: Uint32Array | null;
  sort: SortOrder | null;
  /** Displayed index by frame number for a sorted view, made when first asked. */
  inverse: Int32Array | null;
  sortRun: AbortController | null;
  readonly sortKeys: SortKeyCache;
  customColumns: string[];
  marked: number;
  loading: boolean;
  /** A temporary directory to remove on close (uploads). */
  temporaryDirectory: string | null;
}

/** The API implementation over the engine: one open capture at a time. */
export function createEngineApi(): EngineApi {
  const listeners = new Set<(event: EngineEvent) => void>();
  let current: OpenCapture | null = null;
  /** The user's colouring rules, kept across captures. */
  let coloring: ColoringRules = defaultRules();

  const emit = (event: EngineEvent): void => {
    for (const listener of listeners) listener(event);
  };

  const summaryOf = (capture: OpenCapture): CaptureSummary => ({
    name: capture.name,
    path: capture.temporaryDirectory ? null : capture.session.path,
    frames: capture.session.frameCount,
    displayed: displayedCount(capture),
    marked: capture.marked,
    loading: capture.loading,
    filter: capture.filter,
    warning: capture.session.fileWarning,
    sort: capture.sort,
    customColumns: capture.customColumns,
  });

  const requireCapture = (): OpenCapture => {
    if (!current) throw new InvalidArgumentError('no capture is open');
    return current;
  };

  function* selectedFrames(capture: OpenCapture, selection: 'all' | 'displayed' | 'marked'): Generator<number> {
    const count = capture.session.frameCount;
    if (selection === 'displayed' && capture.view) {
      yield* capture.view;
      return;
    }
    for (let frame = 1; frame <= count; frame++) {
      if (selection !== 'marked' || capture.session.store.isMarked(frame - 1)) yield frame;
    }
  }

  const frameAt = (capture: OpenCapture, displayedIndex: number): number =>
    capture.order ? capture.order[displayedIndex] : capture.view ? capture.view[displayedIndex] : displayedIndex + 1;
  // A sorted view holds the frames it was sorted with; frames captured since join at the next sort.
  const displayedCount = (capture: OpenCapture): number => (capture.order ? capture.order.length : capture.view ? capture.view.length : capture.session.frameCount);

  /** Orders the view by `capture.sort` (a newer sort or filter cancels it); false when cancelled. */
  async function reorder(capture: OpenCapture): Promise<boolean> {
    capture.sortRun?.abort();
    capture.inverse = null;
    const sort = capture.sort;
    if (!sort) {
      capture.order = null;
      return true;
    }
    const run = new AbortController();
    capture.sortRun = run;
    const frames = capture.view ?? Uint32Array.from({ length: capture.session.frameCount }, (_, index) => index + 1);
    const framesAtStart = capture.session.frameCount;
    let lastProgress = 0;
    const order = await sortFrames(capture.session, frames, sort.column, sort.ascending, (frame) => capture.rows.row(frame, 0), capture.sortKeys, {
      signal: run.signal,
      onProgress: (fraction) => {
        const now = Date.now();
        if (now - lastProgress < progressIntervalMs && fraction < 1) return;
        lastProgress = now;
        emit({ type: 'sortProgress', payload: { column: sort.column, fraction } });
      },
    });
    if (order === null || run.signal.aborted) return false;
    capture.sortRun = null;
    capture.order = order;
    // Frames a loading file indexed while this ran join the order (a filter re-sorts its own view).
    if (!capture.loading && capture.view === null && capture.session.frameCount > framesAtStart) return reorder(capture);
    return true;
  }

  async function closeCurrent(): Promise<void> {
    const previous = current;
    current = null;
    if (!previous) return;
    await previous.session.dispose();
    if (previous.temporaryDirectory) rmSync(previous.temporaryDirectory, { recursive: true, force: true });
  }

  /** Makes `session` the open capture (closing the previous one), still loading. */
  async function adopt(session: CaptureSession, name: string, temporaryDirectory: string | null): Promise<OpenCapture> {
    await closeCurrent();
    const capture: OpenCapture = {
      session, name, rows: new RowMaker(session, coloring), view: null, filter: '', filterRun: null, marked: 0, loading: true, temporaryDirectory,
      order: null, sort: null, inverse: null, sortRun: null, sortKeys: new SortKeyCache(), customColumns: [],
    };
    current = capture;
    return capture;
  }

  // Live capture: its growing temporary file becomes the open capture and is indexed as it grows.
  let lastCaptureUpdate = 0;
  let trailingCaptureUpdate: NodeJS.Timeout | null = null;
  const capturing = createCaptureApi({
    emit: (event) => emit(event),
    adopt: async (session, name, temporaryDirectory) => {
      await adopt(session, name, temporaryDirectory);
      emit({ type: 'summary', payload: summaryOf(current!) });
    },
    changed: function captureChanged(session, done) {
      const capture = current;
      if (!capture || capture.session !== session) return;
      capture.loading = !done;
      const now = Date.now();
      const wait = progressIntervalMs - (now - lastCaptureUpdate);
      if (!done && wait > 0) {
        // Frames indexed within the interval still reach the UI: one more update at its end.
        trailingCaptureUpdate ??= setTimeout(() => {
          trailingCaptureUpdate = null;
          captureChanged(session, false);
        }, wait);
        return;
      }
      if (trailingCaptureUpdate) clearTimeout(trailingCaptureUpdate);
      trailingCaptureUpdate = null;
      lastCaptureUpdate = now;
      // New frames join a filtered view by running the filter again (columns make that cheap).
      if (capture.filter !== '') void applyFilterTo(capture, capture.filter);
      else if (capture.sort) void reorder(capture).then((complete) => complete && emit({ type: 'summary', payload: summaryOf(capture) }));
      emit({ type: 'summary', payload: summaryOf(capture) });
    },
  });

  /** Applies a display filter to the open capture (a newer call cancels an older one). */
  async function applyFilterTo(capture: OpenCapture, text: string): Promise<FilterResult> {
    const started = performance.now();
    // A newer filter cancels the one still running (typing a new filter must never wait).
    capture.filterRun?.abort();
    const elapsed = () => performance.now() - started;
    if (text === '') {
      capture.view = null;
      capture.filter = '';
      await reorder(capture);
      emit({ type: 'summary', payload: summaryOf(capture) });
      return { error: null, displayed: capture.session.frameCount, elapsedMs: elapsed() };
    }
    let compiled;
    try {
      compiled = compileFilter(text);
    } catch (error) {
      if (!(error instanceof FilterError)) throw error;
      const message = error.suggestion ? `${error.message} ${error.suggestion}` : error.message;
      return { error: { message, start: error.start, end: error.end }, displayed: summaryOf(capture).displayed, elapsedMs: elapsed() };
    }
    const run = new AbortController();
    capture.filterRun = run;
    const framesAtStart = capture.session.frameCount;
    let lastProgress = 0;
    const result = await runFilter(capture.session, compiled, {
      signal: run.signal,
      onProgress: (fraction) => {
        const now = Date.now();
        if (now - lastProgress < progressIntervalMs) return;
        lastProgress = now;
        emit({ type: 'filterProgress', payload: { filter: text, fraction } });
      },
    });
    if (!result.complete || run.signal.aborted) {
      return { error: { message: 'Cancelled by a newer filter.', start: 0, end: 0 }, displayed: summaryOf(capture).displayed, elapsedMs: elapsed() };
    }
    capture.filterRun = null;
    // A loading file indexed more frames while this ran, and is loaded now: filter them all.
    if (!capture.loading && capture.session.frameCount > framesAtStart) return applyFilterTo(capture, text);
    capture.view = result.frames;
    capture.filter = text;
    await reorder(capture);
    emit({ type: 'summary', payload: summaryOf(capture) });
    return { error: null, displayed: result.frames.length, elapsedMs: elapsed() };
  }

  async function open(path: string, name: string, temporaryDirectory: string | null): Promise<CaptureSummary> {
    await capturing.stopCapture();
    const session = await CaptureSession.open(path);
    const capture = await adopt(session, name, temporaryDirectory);
    let lastProgress = 0;
    const result = await session.index({
      onProgress: ({ frames, bytesRead, totalBytes }) => {
        const now = Date.now();
        if (now - lastProgress < progressIntervalMs) return;
        lastProgress = now;
        emit({ type: 'progress', payload: { frames, bytesRead, totalBytes, done: false } });
        // The frames indexed so far are final (one in-order pass): the list may show them now.
        if (current === capture) emit({ type: 'summary', payload: summaryOf(capture) });
      },
    });
    capture.loading = false;
    emit({ type: 'progress', payload: { frames: result.frames, bytesRead: 0, totalBytes: 0, done: true } });
    if (result.warning) emit({ type: 'problem', payload: { message: result.warning } });
    // A filter or sort applied while loading saw only the frames indexed then (one still
    // running sees that it is stale when it ends, and runs again).
    const inFlight = (run: AbortController | null) => run !== null && !run.signal.aborted;
    if (current === capture && capture.filter !== '' && !inFlight(capture.filterRun)) await applyFilterTo(capture, capture.filter);
    else if (current === capture && capture.filter === '' && capture.sort && !inFlight(capture.sortRun)) await reorder(capture);
    const summary = summaryOf(capture);
    emit({ type: 'summary', payload: summary });
    return summary;
  }

  return {
    ...statisticsApi(() => requireCapture().session),
    ...learnApi(() => requireCapture().session, (path, name) => open(path, name, null)),
    interfaces: () => capturing.interfaces(),
    checkCaptureFilter: (filter, interfaceName) => capturing.checkCaptureFilter(filter, interfaceName),
    startCapture: (options) => capturing.startCapture(options),
    stopCapture: () => capturing.stopCapture(),
    setUpCapturePermissions: () => capturing.setUpCapturePermissions(),

    onEvent(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },

    async dispose() {
      await capturing.dispose();
      await closeCurrent();
      listeners.clear();
    },

    async openFile(path) {
      const checked = requireString(path, 'path');
      return open(checked, basename(checked), null);
    },

    async openUpload(name, bytes) {
      const safeName = basename(requireString(name, 'name', 255)).replace(/[^\w.-]/g, '_') || 'upload.pcapng';
      const data = requireBytes(bytes, 'bytes', maxUploadBytes);
      const directory = mkdtempSync(join(tmpdir(), 'packetlens-upload-'));
      const path = join(directory, safeName);
      writeFileSync(path, data);
      try {
        return await open(path, safeName, directory);
      } catch (error) {
        rmSync(directory, { recursive: true, force: true });
        throw error;
      }
    },

    async summary() {
      return current ? summaryOf(current) : null;
    },

    async rows(start, count): Promise<PacketRow[]> {
      const capture = requireCapture();
      const displayed = displayedCount(capture);
      const first = requireInteger(start, 'start', 0, Number.MAX_SAFE_INTEGER);
      const wanted = requireInteger(count, 'count', 0, maxRowsPerRequest);
      const rows: PacketRow[] = [];
      for (let index = first; index < Math.min(displayed, first + wanted); index++) rows.push(capture.rows.row(frameAt(capture, index), index));
      return rows;
    },

    async detail(frame): Promise<PacketDetail> {
      const capture = requireCapture();
      const number = requireInteger(frame, 'frame', 1, capture.session.frameCount);
      const { tree } = capture.session.tree(number);
      return { frame: number, tree: tree.roots, sources: tree.sources };
    },

    async applyFilter(filter) {
      return applyFilterTo(requireCapture(), requireString(filter, 'filter').trim());
    },

    async displayedIndexOf(frame) {
      const capture = requireCapture();
      const number = requireInteger(frame, 'frame', 1, Number.MAX_SAFE_INTEGER);
      if (capture.order) {
        capture.inverse ??= inversePermutation(capture.order, capture.session.frameCount);
        return number < capture.inverse.length ? capture.inverse[number] : -1;
      }
      if (!capture.view) return number <= capture.session.frameCount ? number - 1 : -1;
      // The view is in frame order, so binary search.
      let low = 0;
      let high = capture.view.length - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        if (capture.view[middle] === number) return middle;
        if (capture.view[middle] < number) low = middle + 1;
        else high = middle - 1;
      }
      return -1;
    },

    async setMarked(frames, marked) {
      const capture = requireCapture();
      const list = requireIntegerList(frames, 'frames', 1, capture.session.frameCount, 10_000_000);
      if (typeof marked !== 'boolean') throw new InvalidArgumentError('marked must be true or false');
      const store = capture.session.store;
      for (const frame of list) {
        const before = store.isMarked(frame - 1);
        if (before === marked) continue;
        store.setMarked(frame - 1, marked);
        capture.marked += marked ? 1 : -1;
      }
      const summary = summaryOf(capture);
      emit({ type: 'summary', payload: summary });
      return summary;
    },

    async fields() {
      return registry.all().map(({ id, abbrev, name, type, protocol }) => ({ id, abbrev, name, type, protocol }));
    },

    async sortView(order) {
      const capture = requireCapture();
      const started = performance.now();
      let sort: SortOrder | null = null;
      if (order !== null) {
        if (typeof order !== 'object' || typeof order.ascending !== 'boolean') throw new InvalidArgumentError('order must be a column and a direction');
        const column = requireString(order.column, 'column', 16);
        const custom = /^custom(\d+)$/.exec(column);
        if (custom ? Number(custom[1]) >= capture.customColumns.length : !['number', 'time', 'source', 'destination', 'protocol', 'length', 'info'].includes(column)) {
          throw new InvalidArgumentError(`no column ${column} to sort by`);
        }
        sort = { column: column as SortOrder['column'], ascending: order.ascending };
      }
      const previous = capture.sort;
      capture.sort = sort;
      const complete = await reorder(capture);
      if (!complete) {
        if (capture.sort === sort) capture.sort = previous;
        return { complete: false, elapsedMs: performance.now() - started };
      }
      emit({ type: 'summary', payload: summaryOf(capture) });
      return { complete: true, elapsedMs: performance.now() - started };
    },

    async setCustomColumns(abbrevs) {
      const capture = requireCapture();
      if (!Array.isArray(abbrevs) || abbrevs.length > 32) throw new InvalidArgumentError('fields must be a list of at most 32 field names');
      const names = abbrevs.map((abbrev, index) => requireString(abbrev, `fields[${index}]`, 200));
      let fields;
      try {
        fields = resolveFields(names);
      } catch (error) {
        if (error instanceof UnknownFieldError) throw new InvalidArgumentError(error.message);
        throw error;
      }
      capture.rows.setCustomFields(fields);
      capture.customColumns = names;
      capture.sortKeys.forget();
      if (capture.sort?.column.startsWith('custom')) {
        capture.sort = null;
        await reorder(capture);
      }
      emit({ type: 'summary', payload: summaryOf(capture) });
    },

    async findPacket(request) {
      const capture = requireCapture();
      if (request === null || typeof request !== 'object') throw new InvalidArgumentError('request must be an object');
      const checked = {
        kind: requireOneOf(request.kind, 'kind', ['filter', 'hex', 'string', 'regex'] as const),
        text: requireString(request.text, 'text', 1000),
        target: requireOneOf(request.target, 'target', ['list', 'details', 'bytes'] as const),
        caseSensitive: request.caseSensitive === true,
        backward: request.backward === true,
        from: request.from === null ? null : requireInteger(request.from, 'from', 0, Math.max(0, displayedCount(capture) - 1)),
      };
      return findPacket(capture.session, displayedCount(capture), (index) => frameAt(capture, index), checked, {
        rowOf: (frame) => capture.rows.row(frame, 0),
      });
    },

    async fileProperties() {
      const capture = requireCapture();
      // Uploads live in a private temporary directory: their path means nothing to the user.
      return { ...fileProperties(capture.session, capture.name, displayedCount(capture), capture.marked), path: capture.temporaryDirectory ? null : capture.session.path };
    },

    async cancelFilter() {
      current?.filterRun?.abort();
    },

    async setColoringRules(rules) {
      if (!Array.isArray(rules) || rules.length > maxColoringRules) throw new InvalidArgumentError(`rules must be a list of at most ${maxColoringRules} colouring rules`);
      const checked = rules.map((rule: unknown, index) => {
        if (rule === null || typeof rule !== 'object') throw new InvalidArgumentError(`rules[${index}] must be an object`);
        const { name, filter, enabled } = rule as Record<string, unknown>;
        requireString(name, `rules[${index}].name`, maxColoringRuleText);
        if (typeof enabled !== 'boolean') throw new InvalidArgumentError(`rules[${index}].enabled must be true or false`);
        return { filter: requireString(filter, `rules[${index}].filter`, maxColoringRuleText), enabled };
      });
      coloring = new ColoringRules(checked);
      // Rows made from now on carry indexes into the new list; the page fetches its rows again.
      current?.rows.setColoringRules(coloring);
    },

    async exportPackets(selection, format, path) {
      const capture = requireCapture();
      const which = requireOneOf(selection, 'selection', ['all', 'displayed', 'marked'] as const);
      const fileFormat = requireOneOf(format, 'format', ['pcap', 'pcapng'] as const);
      const target = path === null ? null : requireString(path, 'path');
      const frames = selectedFrames(capture, which);
      // Browser mode downloads: write to a private temporary file and hand back its bytes.
      const directory = target === null ? mkdtempSync(join(tmpdir(), 'packetlens-export-')) : null;
      const outputPath = target ?? join(directory!, `export.${fileFormat}`);
      try {
        const packets = exportFrames(capture.session, frames, outputPath, fileFormat);
        return { path: target, bytes: target === null ? new Uint8Array(readFileSync(outputPath)) : null, packets };
      } finally {
        if (directory) rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}
