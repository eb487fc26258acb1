/** Typed-array constructors the store uses; all grow by doubling. */
export type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

/** Returns `array`, or a copy of exactly `capacity` elements of the same type when it is shorter (callers choose the growth policy). */
export function ensureCapacity<T extends TypedArray>(array: T, capacity: number): T {
  if (capacity <= array.length) return array;
  const grown = new (array.constructor as TypedArrayConstructor<T>)(capacity);
  grown.set(array as never);
  return grown;
}

/** A copy of `array` (same length) in a wider type, for a column whose next value does not fit. */
export function widened<T extends TypedArray>(array: TypedArray, type: TypedArrayConstructor<T>): T {
  const wide = new type(array.length);
  wide.set(array as never);
  return wide;
}
