import { declareField, declareProtocol, indexOfByte, latin1, type DissectorTables, type Field, type FieldSink, type PacketContext } from '../core/index.js';
import { dissectData } from './data.js';
import { deferIncompleteHttpMessage } from './http-desegment.js';
import { claimTcpStream, currentTcpStream, streamDissector } from './tcp-conversation.js';

/**
 * HTTP/1.x (RFC 9112): the request or status line, the header lines and the body that is in
 * this segment. Messages split over segments need TCP reassembly (a later task); until then a
 * segment that does not start with an HTTP line is shown as a "Continuation", as Wireshark
 * shows data it cannot place.
 */
export const http = declareProtocol('http', 'Hypertext Transfer Protocol', 'HTTP', {
  en: 'The web\'s request/response protocol: a client asks for a resource with a method and URI, the server answers with a status code, headers and a body.',
  zh: 'Web 的请求/响应协议：客户端用方法和 URI 请求资源，服务器以状态码、首部和正文作答。',
});

const e = (en: string, zh: string) => ({ en, zh });
const header = (abbrev: string, name: string, en: string, zh: string) => declareField(abbrev, name, 'string', { explain: e(en, zh) });

const hf = {
  method: declareField('http.request.method', 'Request Method', 'string', { explain: e('What the client wants done: GET fetches, POST submits, HEAD fetches headers only, PUT and DELETE change resources.', '客户端要执行的操作：GET 获取，POST 提交，HEAD 只取首部，PUT 和 DELETE 修改资源。') }),
  uri: declareField('http.request.uri', 'Request URI', 'string', { explain: e('The path (and query) of the resource on the server.', '服务器上资源的路径（及查询串）。') }),
  requestVersion: declareField('http.request.version', 'Request Version', 'string', { explain: e('The HTTP version the client speaks (HTTP/1.1 nearly always).', '客户端使用的 HTTP 版本（几乎都是 HTTP/1.1）。') }),
  fullUri: declareField('http.request.full_uri', 'Full request URI', 'string', { explain: e('The complete URL: http:// plus the Host header plus the request URI.', '完整 URL：http:// 加 Host 首部加请求 URI。') }),
  responseVersion: declareField('http.response.version', 'Response Version', 'string', { explain: e('The HTTP version the server answers with.', '服务器应答使用的 HTTP 版本。') }),
  code: declareField('http.response.code', 'Status Code', 'uint16', { explain: e('The outcome: 2xx success, 3xx redirect, 4xx client error (404 not found), 5xx server error.', '结果：2xx 成功，3xx 重定向，4xx 客户端错误（404 未找到），5xx 服务器错误。') }),
  codeDescription: declareField('http.response.code.desc', 'Status Code Description', 'string', { explain: e('The standard meaning of the status code.', '状态码的标准含义。') }),
  phrase: declareField('http.response.phrase', 'Response Phrase', 'string', { explain: e('The reason text the server sent after the code (free text, for people).', '服务器在状态码后发送的原因短语（给人看的自由文本）。') }),
  requestLine: declareField('http.request.line', 'Request line', 'string', { explain: e('One header line of a request, "Name: value".', '请求的一行首部，格式为"名称: 值"。') }),
  responseLine: declareField('http.response.line', 'Response line', 'string', { explain: e('One header line of a response, "Name: value".', '响应的一行首部，格式为"名称: 值"。') }),
  host: header('http.host', 'Host', 'Which site the request is for: one server address can host many sites.', '请求针对的网站：同一服务器地址可托管多个网站。'),
  userAgent: header('http.user_agent', 'User-Agent', 'The client software (browser, curl, app) and its version.', '客户端软件（浏览器、curl、应用）及其版本。'),
  accept: header('http.accept', 'Accept', 'Media types the client can use, with preferences (q values).', '客户端可接受的媒体类型及偏好（q 值）。'),
  acceptLanguage: header('http.accept_language', 'Accept-Language', 'Languages the client prefers.', '客户端偏好的语言。'),
  acceptEncoding: header('http.accept_encoding', 'Accept-Encoding', 'Compressions the client can decode (gzip, br, …).', '客户端能解码的压缩方式（gzip、br 等）。'),
  connection: header('http.connection', 'Connection', 'Whether to keep the TCP connection open for more requests (keep-alive) or close it.', '是否保持 TCP 连接以发送更多请求（keep-alive）或关闭它。'),
  contentType: header('http.content_type', 'Content-Type', 'The media type of the body (text/html, application/json, image/png, …).', '正文的媒体类型（text/html、application/json、image/png 等）。'),
  contentLengthHeader: header('http.content_length_header', 'Content-Length', 'The body size in bytes, as the header states it.', '首部声明的正文字节数。'),
  contentLength: declareField('http.content_length', 'Content length', 'uint64', { explain: e('The body size in bytes, as a number.', '正文字节数（数值）。') }),
  server: header('http.server', 'Server', 'The server software.', '服务器软件。'),
  cookie: header('http.cookie', 'Cookie', 'Cookies the client sends back to the site (often session identifiers).', '客户端回传给网站的 cookie（常为会话标识）。'),
  setCookie: header('http.set_cookie', 'Set-Cookie', 'A cookie the server asks the client to store.', '服务器要求客户端保存的 cookie。'),
  referer: header('http.referer', 'Referer', 'The page that linked to this request.', '链接到本请求的页面。'),
  date: header('http.date', 'Date', 'When the message was sent, by the sender\'s clock.', '按发送方时钟的消息发送时间。'),
  lastModified: header('http.last_modified', 'Last-Modified', 'When the resource last changed, for caching.', '资源最后修改时间，用于缓存。'),
  location: header('http.location', 'Location', 'Where a redirect (3xx) sends the client.', '重定向（3xx）让客户端前往的地址。'),
  cacheControl: header('http.cache_control', 'Cache-Control', 'Caching rules for the message.', '消息的缓存规则。'),
  authorization: header('http.authorization', 'Authorization', 'Credentials for the request (Basic is only base64, not encryption).', '请求的凭据（Basic 只是 base64，并非加密）。'),
  transferEncoding: header('http.transfer_encoding', 'Transfer-Encoding', 'How the body is framed, e.g. chunked.', '正文的分帧方式，例如 chunked。'),
  contentEncoding: header('http.content_encoding', 'Content-Encoding', 'Compression applied to the body.', '对正文使用的压缩方式。'),
  request: declareField('http.request', 'Request', 'bool', { explain: e('This message is an HTTP request.', '该消息是 HTTP 请求。') }),
  response: declareField('http.response', 'Response', 'bool', { explain: e('This message is an HTTP response.', '该消息是 HTTP 响应。') }),
  fileData: declareField('http.file_data', 'File Data', 'string', { explain: e('The message body as carried in this segment.', '本报文段中携带的消息正文。') }),
};

/** Header names (lower case) with their own field; every other header is only a request/response line. */
const headerFields: ReadonlyMap<string, typeof hf.host> = new Map([
  ['host', hf.host], ['user-agent', hf.userAgent], ['accept', hf.accept], ['accept-language', hf.acceptLanguage],
  ['accept-encoding', hf.acceptEncoding], ['connection', hf.connection], ['content-type', hf.contentType],
  ['content-length', hf.contentLengthHeader], ['server', hf.server], ['cookie', hf.cookie], ['set-cookie', hf.setCookie],
  ['referer', hf.referer], ['date', hf.date], ['last-modified', hf.lastModified], ['location', hf.location],
  ['cache-control', hf.cacheControl], ['authorization', hf.authorization], ['transfer-encoding', hf.transferEncoding],
  ['content-encoding', hf.contentEncoding],
]);

const methods = new Set(['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE', 'M-SEARCH', 'REPORT', 'SEARCH']);

const statusDescriptions: Readonly<Record<number, string>> = {
  100: 'Continue', 101: 'Switching Protocols', 200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-authoritative Information',
  204: 'No Content', 205: 'Reset Content', 206: 'Partial Content', 300: 'Multiple Choices', 301: 'Moved Permanently',
  302: 'Found', 303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Time-out', 409: 'Conflict', 410: 'Gone',
  411: 'Length Required', 412: 'Precondition Failed', 413: 'Request Entity Too Large', 414: 'Request-URI Too Long',
  415: 'Unsupported Media Type', 416: 'Requested Range Not Satisfiable', 417: 'Expectation Failed', 418: 'I\'m a teapot',
  421: 'Misdirected Request', 426: 'Upgrade Required', 429: 'Too Many Requests', 500: 'Internal Server Error',
  501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Time-out', 505: 'HTTP Version not supported',
};

/** Where the line starting at `offset` ends (the index of its CR LF or LF), or -1 when no line end is in the segment. */
function lineEnd(data: Uint8Array, offset: number, end: number): number {
  const newline = indexOfByte(data, 10, offset, end);
  if (newline < 0) return -1;
  return newline > offset && data[newline - 1] === 13 ? newline - 1 : newline;
}

/** The line as Wireshark's labels print it: the text then "\r\n" spelled out. */
function shownLine(data: Uint8Array, offset: number, contentEnd: number): string {
  return latin1(data, offset, contentEnd - offset) + (data[contentEnd] === 13 ? '\\r\\n' : '\\n');
}

type FirstLine = 'request' | 'response' | null;

const methodBytes: readonly Uint8Array[] = [...methods].map((method) => Uint8Array.from(method, (c) => c.charCodeAt(0)));
const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;

/** "HTTP/d.d" at `offset` (bytes, no string made). */
function isVersion(data: Uint8Array, offset: number): boolean {
  return data[offset] === 0x48 && data[offset + 1] === 0x54 && data[offset + 2] === 0x54 && data[offset + 3] === 0x50
    && data[offset + 4] === 0x2f && isDigit(data[offset + 5]) && data[offset + 6] === 0x2e && isDigit(data[offset + 7]);
}

/**
 * Whether the line `data[offset, lineEnd)` looks like an HTTP request ("GET / HTTP/1.1") or a
 * status line ("HTTP/1.1 200 OK"). Read from the bytes: it runs on every TCP payload the
 * heuristic sees, so it makes no string.
 */
function classifyFirstLine(data: Uint8Array, offset: number, lineEnd: number): FirstLine {
  const length = lineEnd - offset;
  if (length >= 12 && isVersion(data, offset) && data[offset + 8] === 0x20 && isDigit(data[offset + 9]) && isDigit(data[offset + 10]) && isDigit(data[offset + 11])) return 'response';
  if (length < 10 || data[lineEnd - 9] !== 0x20 || !isVersion(data, lineEnd - 8)) return null;
  const space = indexOfByte(data, 0x20, offset, Math.min(lineEnd, offset + 16));
  if (space <= offset) return null;
  return isMethod(data, offset, space) ? 'request' : null;
}

/** A cheap necessary condition for `classifyFirstLine`: "HTTP/d.d" or a method and a space at `offset`. */
function startsLikeMessage(data: Uint8Array, offset: number, available: number): boolean {
  if (isVersion(data, offset)) return true;
  const space = indexOfByte(data, 0x20, offset, Math.min(available, offset + 16));
  return space > offset && isMethod(data, offset, space);
}

function isMethod(data: Uint8Array, offset: number, end: number): boolean {
  // Plain loops: this runs on body segments too, where callbacks per call would add up.
  for (const method of methodBytes) {
    if (method.length !== end - offset) continue;
    let index = 0;
    while (index < method.length && data[offset + index] === method[index]) index++;
    if (index === method.length) return true;
  }
  return false;
}

/** Fields with text values: building them costs strings, so the summary path skips them unless a sink wants one. */
const textFields: readonly Field[] = [
  hf.method, hf.uri, hf.requestVersion, hf.fullUri, hf.responseVersion, hf.codeDescription, hf.phrase,
  hf.requestLine, hf.responseLine, hf.contentLength, hf.fileData, ...headerFields.values(),
];

function wantsText(sink: FieldSink): boolean {
  for (const field of textFields) if (sink.wants(field)) return true;
  return false;
}

export function dissectHttp(ctx: PacketContext, data: Uint8Array, offset: number, end: number): void {
  const { sink, columns } = ctx;
  const available = Math.min(end, data.length);
  // Most segments of a stream are body bytes: look for the end of the line only when the
  // bytes start like a message (the line end matters only for a message).
  const firstEnd = startsLikeMessage(data, offset, available) ? lineEnd(data, offset, available) : -1;
  const kind = firstEnd < 0 ? null : classifyFirstLine(data, offset, firstEnd);
  // Like Wireshark, bytes that do not start an HTTP message are a "Continuation" only in a
  // stream that has carried HTTP before; otherwise HTTP declines them and they stay data.
  if (kind === null && streamDissector(ctx, currentTcpStream(ctx)) !== dissectHttp) return dissectData(ctx, data, offset, end);
  if (kind !== null) claimTcpStream(ctx, dissectHttp);
  if (kind !== null && deferIncompleteHttpMessage(ctx, data, offset, available, firstEnd)) return;
  if (kind !== null && columns === null && !sink.detailed && !wantsText(sink)) {
    // Summary path: the protocol, the kind of message and the status code, no strings.
    const depth = sink.depth;
    sink.open(http, offset, available - offset);
    if (kind === 'response') sink.add(hf.code, offset + 9, 3, (data[offset + 9] - 0x30) * 100 + (data[offset + 10] - 0x30) * 10 + (data[offset + 11] - 0x30));
    sink.add(kind === 'request' ? hf.request : hf.response, offset, 0, true);
    sink.unwindTo(depth);
    return;
  }
  const firstLine = firstEnd < 0 ? '' : latin1(data, offset, firstEnd - offset);
  columns?.setProtocol('HTTP');
  const depth = sink.depth;
  sink.open(http, offset, available - offset, undefined, sink.detailed ? 'Hypertext Transfer Protocol' : undefined);
  if (kind === null) {
    columns?.setInfo('Continuation');
    sink.text('Data', offset, available - offset);
    sink.unwindTo(depth);
    return;
  }
  columns?.setInfo(`${firstLine} `);
  const firstStop = data[firstEnd] === 13 ? firstEnd + 2 : firstEnd + 1;
  sink.openText(sink.detailed ? shownLine(data, offset, firstEnd) : '', offset, firstStop - offset);
  const parts = firstLine.split(' ');
  if (kind === 'request') {
    sink.add(hf.method, offset, parts[0].length, parts[0]);
    const uri = parts.slice(1, -1).join(' ');
    sink.add(hf.uri, offset + parts[0].length + 1, uri.length, uri);
    sink.add(hf.requestVersion, firstEnd - parts[parts.length - 1].length, parts[parts.length - 1].length, parts[parts.length - 1]);
  } else {
    const code = Number(parts[1]);
    const phrase = parts.slice(2).join(' ');
    sink.add(hf.responseVersion, offset, parts[0].length, parts[0]);
    sink.add(hf.code, offset + parts[0].length + 1, 3, code);
    const description = statusDescriptions[code];
    if (description !== undefined) sink.add(hf.codeDescription, offset + parts[0].length + 1, 3, description);
    sink.add(hf.phrase, offset + parts[0].length + 5, phrase.length, phrase);
  }
  sink.close();

  let position = firstStop;
  let host: string | undefined;
  let contentType: string | undefined;
  let contentLength = 0;
  const lineField = kind === 'request' ? hf.requestLine : hf.responseLine;
  let headersEnd = -1;
  while (position < available) {
    const stop = lineEnd(data, position, available);
    if (stop < 0) break;
    const next = data[stop] === 13 ? stop + 2 : stop + 1;
    if (stop === position) {
      sink.text('\\r\\n', position, next - position);
      headersEnd = next;
      break;
    }
    const line = latin1(data, position, stop - position);
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).toLowerCase() : '';
    const value = colon > 0 ? line.slice(colon + 1).trim() : '';
    const shown = sink.detailed ? shownLine(data, position, stop) : undefined;
    sink.open(lineField, position, next - position, `${line}\r\n`, shown);
    const field = headerFields.get(name);
    if (field !== undefined) {
      sink.add(field, position, stop - position, value, sink.detailed ? line : undefined);
      if (name === 'content-length' && /^\d+$/.test(value)) sink.add(hf.contentLength, position, stop - position, BigInt(value));
    }
    sink.close();
    if (name === 'host') host = value;
    if (name === 'content-type') contentType = value;
    if (name === 'content-length') contentLength = Number(value) || 0;
    position = next;
  }
  if (kind === 'request' && host !== undefined) {
    const uri = parts.slice(1, -1).join(' ');
    const full = uri.startsWith('/') ? `http://${host}${uri}` : uri;
    sink.add(hf.fullUri, offset, 0, full, sink.detailed ? `[Full request URI: ${full}]` : undefined);
  }
  sink.add(kind === 'request' ? hf.request : hf.response, offset, 0, true);
  const bodyLength = headersEnd >= 0 ? available - headersEnd : 0;
  // Wireshark names the media type only for a message with a body (not a 204 or a bare 302).
  if (contentType !== undefined && (bodyLength > 0 || contentLength > 0)) columns?.appendInfo(`(${contentType.split(';')[0].trim()})`);
  if (bodyLength > 0) {
    // The body as a string only for a sink that keeps it (a filter on http.method skips it).
    if (sink.wants(hf.fileData)) sink.add(hf.fileData, headersEnd, bodyLength, latin1(data, headersEnd, bodyLength), sink.detailed ? `File Data: ${bodyLength} bytes` : undefined);
  }
  sink.unwindTo(depth);
}

/** Claims TCP payloads on any port that start like an HTTP request or response (Wireshark's http_tcp heuristic). */
function httpHeuristic(ctx: PacketContext, data: Uint8Array, offset: number, end: number): boolean {
  const available = Math.min(end, data.length);
  const stop = lineEnd(data, offset, Math.min(available, offset + 2048));
  if (stop < 0 || classifyFirstLine(data, offset, stop) === null) return false;
  dissectHttp(ctx, data, offset, end);
  return true;
}

/** Wireshark 4.0's default HTTP TCP port range. */
const httpTcpPorts = [80, 3128, 3132, 5985, 8080, 8088, 11371, 1900, 2869, 2710];

export function handoff(tables: DissectorTables): void {
  for (const port of httpTcpPorts) tables.tcpPort.add(port, dissectHttp);
  tables.tcpPort.addHeuristic(httpHeuristic);
}
