/** Typed-array constructors the store uses; all grow by doubling. */
export type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

/** Returns `array`, or a copy of exactly `capacity` elements when it is shorter (callers choose the growth policy). */
export function ensureCapacity<T extends TypedArray>(array: T, capacity: number, type: TypedArrayConstructor<T>): T {
  if (capacity <= array.length) return array;
  const grown = new type(capacity);
  grown.set(array as never);
  return grown;
}
