/** Typed-array constructors the store uses; all grow by doubling. */
export type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

/** Returns `array`, or a copy twice as large (at least `needed`) when it is too small. */
export function ensureCapacity<T extends TypedArray>(array: T, needed: number, type: TypedArrayConstructor<T>): T {
  if (needed <= array.length) return array;
  let capacity = Math.max(array.length * 2, 1024);
  while (capacity < needed) capacity *= 2;
  const grown = new type(capacity);
  grown.set(array as never);
  return grown;
}
