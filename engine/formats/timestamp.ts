import { FormatProblem } from './errors';

const TWO_TO_32 = 4294967296;

/**
 * Converts a pcapng 64-bit timestamp (two 32-bit halves, in units of 1/`unitsPerSecond`
 * seconds) to seconds + nanoseconds exactly as wiretap does:
 * `secs = ts / units + tsoffset; nsecs = (ts % units) * 1e9 / units` (integer division).
 * The common resolutions (10^k for k ≤ 9, 2^k for k ≤ 32) use exact double arithmetic with
 * no allocation; anything else falls back to BigInt.
 */
export class TimestampConverter {
  readonly unitsPerSecond: number;
  private readonly divisor: number;
  /** For 10^k resolutions: nanoseconds per unit (an integer); else 0. */
  private readonly nanosecondsPerUnit: number;
  /** For 2^k resolutions with k > 9: floor(rem * 1e9 / 2^k) = floor(rem * 5^9 / 2^(k-9)). */
  private readonly binaryShiftDivisor: number;
  private readonly exact: boolean;
  private readonly bigDivisor: bigint;
  seconds = 0;
  nanoseconds = 0;

  constructor(tsresol: number, private readonly tsoffset: number) {
    const exponent = tsresol & 0x7f;
    const binary = (tsresol & 0x80) !== 0;
    const big = binary ? 1n << BigInt(exponent) : 10n ** BigInt(exponent);
    if (big >= 1n << 64n) throw new FormatProblem('unsupported', `pcapng: if_tsresol 0x${tsresol.toString(16)} is too large`);
    this.bigDivisor = big;
    this.unitsPerSecond = Number(big);
    this.divisor = this.unitsPerSecond;
    this.nanosecondsPerUnit = !binary && exponent <= 9 ? 10 ** (9 - exponent) : 0;
    this.binaryShiftDivisor = binary && exponent > 9 && exponent <= 32 ? 2 ** (exponent - 9) : 0;
    this.exact = this.nanosecondsPerUnit > 0 || (binary && exponent <= 32);
  }

  /** Sets `seconds` and `nanoseconds` from the timestamp halves. */
  convert(high: number, low: number): void {
    if (!this.exact) {
      this.convertBig(high, low);
      return;
    }
    const divisor = this.divisor;
    let seconds: number;
    let remainder: number;
    if (high < 0x200000) {
      // ts < 2^53: exact as a double; the floored quotient may be off by one, fix it.
      const ts = high * TWO_TO_32 + low;
      seconds = Math.floor(ts / divisor);
      remainder = ts - seconds * divisor;
      if (remainder < 0) {
        seconds -= 1;
        remainder += divisor;
      } else if (remainder >= divisor) {
        seconds += 1;
        remainder -= divisor;
      }
    } else {
      // Long division in 16-bit digits: every intermediate stays below divisor * 2^16 < 2^53.
      const highQuotient = Math.floor(high / divisor);
      let rest = high - highQuotient * divisor;
      let current = rest * 65536 + (low >>> 16);
      const middleQuotient = Math.floor(current / divisor);
      rest = current - middleQuotient * divisor;
      current = rest * 65536 + (low & 0xffff);
      const lowQuotient = Math.floor(current / divisor);
      remainder = current - lowQuotient * divisor;
      seconds = highQuotient * TWO_TO_32 + middleQuotient * 65536 + lowQuotient;
    }
    this.seconds = seconds + this.tsoffset;
    if (this.nanosecondsPerUnit > 0) this.nanoseconds = remainder * this.nanosecondsPerUnit;
    else if (this.binaryShiftDivisor > 0) this.nanoseconds = Math.floor((remainder * 1953125) / this.binaryShiftDivisor);
    else this.nanoseconds = Math.floor((remainder * 1e9) / divisor);
  }

  private convertBig(high: number, low: number): void {
    const ts = (BigInt(high) << 32n) | BigInt(low);
    const units = this.bigDivisor;
    this.seconds = Number(ts / units) + this.tsoffset;
    // wiretap multiplies in 64 bits; the remainder * 1e9 product can wrap there.
    this.nanoseconds = Number(BigInt.asIntN(32, BigInt.asUintN(64, (ts % units) * 1_000_000_000n) / units));
  }
}
