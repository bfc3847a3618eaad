/**
 * How the narrative writes numbers, as the published texts do, with the
 * differences between units as settings: seed 000 drops trailing zeros
 * (23.6, 1407) and writes percentages with one decimal (19%, 12.8%); other
 * units keep two decimals (840.70) or write 61.54%.
 */
import type { Fen } from '../numbers/amount';
import { formatWan } from '../numbers/parse';
import { B0, B1, B10, B100, B2 } from '../numbers/big';

export interface NumberStyle {
  /** Drop trailing zeros of amounts: 1407 rather than 1407.00. */
  readonly trimAmounts: boolean;
  /** Thousands separators in amounts (the published narratives write none). */
  readonly thousands: boolean;
  /** Decimals of percentages. */
  readonly percentDecimals: number;
  /** Drop trailing zeros of percentages: 19% rather than 19.0%. */
  readonly trimPercents: boolean;
}

export function amountText(fen: Fen, s: NumberStyle): string {
  return formatWan(fen, { thousands: s.thousands, decimals: 2, trimZeros: s.trimAmounts });
}

/** part / whole × 100, rounded half up at the style's decimals, exactly (integers, no float). */
export function percentText(part: Fen, whole: Fen, s: NumberStyle): string {
  return scaledPercentText(scaledPercent(part, whole, s.percentDecimals), s);
}

/** The percentage in units of 10^-decimals %, rounded half away from zero. */
export function scaledPercent(part: Fen, whole: Fen, decimals: number): bigint {
  const num = BigInt(part) * B100 * B10 ** BigInt(decimals);
  const den = BigInt(whole);
  if (den === B0) return B0;
  const neg = num < B0 !== den < B0;
  const a = num < B0 ? -num : num;
  const d = den < B0 ? -den : den;
  const q = (B2 * a + d) / (B2 * d);
  return neg ? -q : q;
}

export function scaledPercentText(v: bigint, s: NumberStyle): string {
  const neg = v < B0;
  const digits = (neg ? -v : v).toString().padStart(s.percentDecimals + 1, '0');
  const int = digits.slice(0, digits.length - s.percentDecimals);
  let frac = digits.slice(digits.length - s.percentDecimals);
  if (s.trimPercents) frac = frac.replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/**
 * Shares of a whole that must add up to 100 %: each rounded down, then the
 * units left over go to the largest remainders (Hamilton's method).
 */
export function sharesText(parts: readonly Fen[], whole: Fen, s: NumberStyle): string[] {
  const total = parts.reduce((a, b) => a + b, 0);
  if (whole === 0 || total !== whole || parts.some((p) => p < 0)) return parts.map((p) => percentText(p, whole, s));
  const scale = B100 * B10 ** BigInt(s.percentDecimals);
  const w = BigInt(whole);
  const floors = parts.map((p) => (BigInt(p) * scale) / w);
  const rema = parts.map((p, i) => BigInt(p) * scale - floors[i]! * w);
  let left = Number(scale - floors.reduce((a, b) => a + b, B0));
  const order = parts.map((_, i) => i).sort((a, b) => (rema[b]! > rema[a]! ? 1 : rema[b]! < rema[a]! ? -1 : a - b));
  const out = [...floors];
  for (const i of order) {
    if (left <= 0) break;
    if (rema[i]! > B0) {
      out[i] = out[i]! + B1;
      left--;
    }
  }
  return out.map((v) => scaledPercentText(v, s));
}

/** 增加/减少 and 增长/下降 from the sign of a change; 持平 when there is none. */
export function direction(delta: Fen): { change: '增加' | '减少' | '持平'; rate: '增长' | '下降' | '持平' } {
  if (delta > 0) return { change: '增加', rate: '增长' };
  if (delta < 0) return { change: '减少', rate: '下降' };
  return { change: '持平', rate: '持平' };
}
