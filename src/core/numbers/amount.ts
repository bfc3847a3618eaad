/**
 * Amounts inside the core are integers in 分 (0.01 元 = 0.000001 万元), held in
 * a JS number. Every published figure of a 部门决算 is at most 2 decimals of 元
 * or of 万元, so 分 represent them exactly, and integer addition below 2^53
 * (9e9 万元) never drifts as binary fractions do.
 */
export type Fen = number;

export const FEN_PER_YUAN = 100;
export const FEN_PER_WAN = 1_000_000;

/** The unit a table's amounts are written in, from its 单位 line. */
export type AmountUnit = '万元' | '元';

export const FEN_PER_UNIT: Record<AmountUnit, number> = { 万元: FEN_PER_WAN, 元: FEN_PER_YUAN };

/** How many decimals of the unit one 分 is: 10^FEN_DECIMALS[unit] === FEN_PER_UNIT[unit]. */
export const FEN_DECIMALS: Record<AmountUnit, number> = { 万元: 6, 元: 2 };

/**
 * A published figure: the value seen in the cell, and how far the true
 * amount may lie from it because the figure was rounded for publication.
 * A figure written with d decimals of its unit stands for
 * [value − ½·10⁻ᵈ, value + ½·10⁻ᵈ]; fewer than 2 decimals count as 2
 * (an accountant who types 1407 in a 万元 table means 1,407.00).
 */
export interface Figure {
  readonly fen: Fen;
  /** Half the width of the interval the figure stands for, in 分 (≥ 0.5). */
  readonly halfWidth: number;
}

/** A blank cell is an exact zero: nothing was rounded. */
export const ZERO_FIGURE: Figure = { fen: 0, halfWidth: 0 };

/** What a cell holds when read as an amount. */
export type AmountReading =
  | { readonly kind: 'empty' }
  | { readonly kind: 'number'; readonly figure: Figure; /** decimals as written/displayed */ readonly decimals: number }
  | { readonly kind: 'text'; readonly text: string };

/** 分 → 万元 as a JS number for output (JSON, messages). Division by 10⁶ of an exact integer gives the nearest double, so 1820230000 → 1820.23. */
export function fenToWan(fen: Fen): number {
  return fen / FEN_PER_WAN;
}
