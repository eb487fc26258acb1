import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Browser mode's defences. The server binds 127.0.0.1, yet any web page the user visits can
 * still reach it: the token stops pages that cannot read our URL, the Host check stops DNS
 * rebinding (evil.example resolving to 127.0.0.1), the Origin check stops cross-site WebSockets
 * (which browsers do not subject to CORS).
 */
export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison, so response timing does not leak the token byte by byte. */
export function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const expectedBytes = Buffer.from(expected);
  const givenBytes = Buffer.from(given);
  return expectedBytes.length === givenBytes.length && timingSafeEqual(expectedBytes, givenBytes);
}

/** The Host header values a browser sends for our own pages: 127.0.0.1:PORT or localhost:PORT. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** WebSocket upgrades must come from our own page. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** No inline script or style, no plugins, no framing; the page may talk only to this server. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    // The token is in the page URL: never send it anywhere as a referrer.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
  };
}
