/**
 * V8 flags for every process that runs the engine (desktop utility process, `serve`, `dissect`,
 * the benchmark's children). They must be given at launch: V8 sizes the young generation when
 * the heap is created, so setting them at run time has no effect.
 *
 * A 2 MB semi-space (V8's default grows to 16 MB) keeps the young generation small while an
 * index allocates short-lived objects per packet: peak RSS of the 1M-packet benchmark drops
 * ~40 MB (273 -> 230 MB) with no measurable change in index time. `package.json`'s `serve` and
 * `dissect` scripts spell the same flag out, since npm scripts cannot import it.
 */
export const engineNodeFlags: readonly string[] = ['--max-semi-space-size=2'];
