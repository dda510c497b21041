// Exact rational numbers on BigInt, for the test oracle: every figure of the books is computed without rounding.
//
// A Fraction is always normalised: the denominator is positive and shares no factor with the numerator, so
// two equal values have the same fields and the same toString(). Every finite double is a dyadic rational
// (an integer times a power of two), so Fraction.fromNumber is exact: it decomposes the IEEE-754 bits rather
// than going through a decimal string.

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

function bitLength(x: bigint): number {
  // x >= 0
  return x === 0n ? 0 : x.toString(2).length;
}

export class Fraction {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  /** n / d, normalised. Throws on a zero denominator. */
  static of(n: bigint | number, d: bigint | number = 1n): Fraction {
    const nn = typeof n === 'bigint' ? n : Fraction.integer(n);
    const dd = typeof d === 'bigint' ? d : Fraction.integer(d);
    if (dd === 0n) throw new RangeError('Fraction: zero denominator');
    const sign = dd < 0n ? -1n : 1n;
    const g = gcd(nn, dd);
    if (g === 0n) return new Fraction(0n, 1n);
    return new Fraction((sign * nn) / g, (sign * dd) / g);
  }

  private static integer(x: number): bigint {
    if (!Number.isSafeInteger(x)) throw new RangeError(`Fraction.of: ${x} is not a safe integer (use fromNumber)`);
    return BigInt(x);
  }

  static readonly ZERO = new Fraction(0n, 1n);
  static readonly ONE = new Fraction(1n, 1n);

  /** The exact value of a finite double. -0 gives 0. */
  static fromNumber(x: number): Fraction {
    if (!Number.isFinite(x)) throw new RangeError(`Fraction.fromNumber: ${x} is not finite`);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const hi = view.getUint32(0);
    const lo = view.getUint32(4);
    const negative = hi >>> 31 === 1;
    const exponentBits = (hi >>> 20) & 0x7ff;
    const mantissaBits = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    let mantissa: bigint;
    let exponent: number; // value = mantissa * 2^exponent
    if (exponentBits === 0) {
      mantissa = mantissaBits; // subnormal (or zero)
      exponent = -1074;
    } else {
      mantissa = mantissaBits | (1n << 52n);
      exponent = exponentBits - 1075;
    }
    if (negative) mantissa = -mantissa;
    if (exponent >= 0) return Fraction.of(mantissa << BigInt(exponent), 1n);
    return Fraction.of(mantissa, 1n << BigInt(-exponent));
  }

  /**
   * The exact value of a decimal numeral such as "1.235", "-0.5", "7", "1e-7" or "2.5E+3" (the way JavaScript
   * writes a number with String(x)). Used to read a factor "as it is written".
   */
  static fromDecimalString(text: string): Fraction {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) throw new RangeError(`not a decimal numeral: ${text}`);
    const sign = m[1] === '-' ? -1n : 1n;
    const intPart = m[2] ?? '';
    const fracPart = m[3] ?? '';
    const exp = Number(m[4] ?? '0');
    const digits = BigInt((intPart + fracPart) === '' ? '0' : intPart + fracPart);
    const scale = exp - fracPart.length;
    if (scale >= 0) return Fraction.of(sign * digits * 10n ** BigInt(scale), 1n);
    return Fraction.of(sign * digits, 10n ** BigInt(-scale));
  }

  add(o: Fraction): Fraction {
    return Fraction.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Fraction): Fraction {
    return Fraction.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Fraction): Fraction {
    return Fraction.of(this.num * o.num, this.den * o.den);
  }
  div(o: Fraction): Fraction {
    if (o.num === 0n) throw new RangeError('Fraction: division by zero');
    return Fraction.of(this.num * o.den, this.den * o.num);
  }
  neg(): Fraction {
    return new Fraction(-this.num, this.den);
  }
  abs(): Fraction {
    return this.num < 0n ? this.neg() : this;
  }

  /** -1, 0 or 1. */
  compare(o: Fraction): number {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Fraction): boolean {
    return this.num === o.num && this.den === o.den;
  }
  lt(o: Fraction): boolean {
    return this.compare(o) < 0;
  }
  le(o: Fraction): boolean {
    return this.compare(o) <= 0;
  }
  gt(o: Fraction): boolean {
    return this.compare(o) > 0;
  }
  ge(o: Fraction): boolean {
    return this.compare(o) >= 0;
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  sign(): number {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  static min(a: Fraction, ...rest: Fraction[]): Fraction {
    return rest.reduce((m, x) => (x.lt(m) ? x : m), a);
  }
  static max(a: Fraction, ...rest: Fraction[]): Fraction {
    return rest.reduce((m, x) => (x.gt(m) ? x : m), a);
  }
  static sum(xs: Iterable<Fraction>): Fraction {
    let s = Fraction.ZERO;
    for (const x of xs) s = s.add(x);
    return s;
  }

  /** The largest integer <= this. */
  floor(): bigint {
    const q = this.num / this.den; // truncates toward zero
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }
  /** The smallest integer >= this. */
  ceil(): bigint {
    const q = this.num / this.den;
    return this.num > 0n && q * this.den !== this.num ? q + 1n : q;
  }

  /** The nearest double (round half to even; subnormal results may be rounded twice). */
  toNumber(): number {
    if (this.num === 0n) return 0;
    const negative = this.num < 0n;
    const n = negative ? -this.num : this.num;
    const d = this.den;
    // Choose k so that q = floor(n * 2^k / d) has at least 55 bits; the remainder becomes a sticky bit, so
    // Number(q) rounds exactly as the exact quotient would.
    const k = 55 - (bitLength(n) - bitLength(d));
    const scaledN = k >= 0 ? n << BigInt(k) : n;
    const scaledD = k >= 0 ? d : d << BigInt(-k);
    let q = scaledN / scaledD;
    if (q * scaledD !== scaledN) q |= 1n;
    let result = Number(q);
    // result * 2^-k, in steps that stay within the double range.
    let e = -k;
    while (e > 0) {
      const step = Math.min(e, 1000);
      result *= 2 ** step;
      e -= step;
    }
    while (e < 0) {
      const step = Math.max(e, -1000);
      result *= 2 ** step;
      e -= step;
    }
    return negative ? -result : result;
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

/** Shorthand: a Fraction from an integer, a "p/q" string, a decimal string, or (exactly) a double. */
export function F(x: number | bigint | string, d?: number | bigint): Fraction {
  if (typeof x === 'string') {
    const slash = x.indexOf('/');
    if (slash >= 0) {
      return Fraction.fromDecimalString(x.slice(0, slash)).div(Fraction.fromDecimalString(x.slice(slash + 1)));
    }
    return Fraction.fromDecimalString(x);
  }
  if (d !== undefined) return Fraction.of(typeof x === 'bigint' ? x : BigInt(x), typeof d === 'bigint' ? d : BigInt(d));
  if (typeof x === 'bigint') return Fraction.of(x, 1n);
  return Number.isSafeInteger(x) ? Fraction.of(BigInt(x), 1n) : Fraction.fromNumber(x);
}
