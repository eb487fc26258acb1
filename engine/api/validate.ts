/**
 * Argument checks for every API operation: the engine trusts nothing a renderer sends, whatever
 * the TypeScript types say (a compromised renderer can send anything over IPC).
 */
export class InvalidArgumentError extends Error {}

export function requireString(value: unknown, name: string, maxLength = 4096): string {
  if (typeof value !== 'string') throw new InvalidArgumentError(`${name} must be a string`);
  if (value.length > maxLength) throw new InvalidArgumentError(`${name} is longer than ${maxLength} characters`);
  return value;
}

export function requireInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

export function requireBytes(value: unknown, name: string, maxLength: number): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new InvalidArgumentError(`${name} must be bytes`);
  if (value.length > maxLength) throw new InvalidArgumentError(`${name} is larger than ${maxLength} bytes`);
  return value;
}

export function requireOneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new InvalidArgumentError(`${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function requireIntegerList(value: unknown, name: string, min: number, max: number, maxLength: number): number[] {
  if (!Array.isArray(value) || value.length > maxLength) throw new InvalidArgumentError(`${name} must be a list of at most ${maxLength} numbers`);
  return value.map((item, index) => requireInteger(item, `${name}[${index}]`, min, max));
}
