/**
 * The one finding type every check produces, and the sentences that explain
 * it: Chinese (the contract of `juesuan check --json`, the marks, the result
 * sheet) and English (the task pane for English users). Amounts are 万元
 * numbers; cells are Excel addresses.
 */
import type { CellRef } from '../grid/grid';
import { refA1 } from '../grid/a1';
import { fenToWan } from '../numbers/amount';
import { formatWan } from '../numbers/parse';
import type { Severity } from './types';

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** The same in English (Chinese names of tables, 科目 and rows kept where they are the real names). */
  readonly messageEn: string;
  /** What the other figures say the checked figure should be (万元), or null. */
  readonly expected: number | null;
  /** The checked figure (万元), or null. */
  readonly actual: number | null;
  /** |actual − expected| (万元), or null. */
  readonly difference: number | null;
  /**
   * When expected, actual and difference are not 万元: '%' for a rate (99.32
   * is 99.32 %, the difference in percentage points), '分' for a score.
   */
  readonly unit?: FigureUnit;
  /** 'max' when `expected` is an upper limit (不超过), not the value the figure should have. */
  readonly bound?: 'max';
  /** Every cell involved, the checked one first: 公开02表!C7. */
  readonly cells: readonly string[];
  readonly refs: readonly CellRef[];
  /** Tables involved, by the profile's ids. */
  readonly tables: readonly string[];
}

/**
 * A rule's id as users read it: R13, not R13.total — the part after the dot tells the relations of one
 * rule apart for the program (and the JSON), not for the accountant.
 */
export function ruleLabel(rule: string): string {
  return rule.split('.')[0]!;
}

/** The unit of a finding's figures when they are not 万元. */
export type FigureUnit = '%' | '分' | '辆';

export const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '提示', rounding: '尾数误差' };

/** What 尾数误差 means, in the one wording the terminal, the task pane, the result sheet and the README use. */
export const ROUNDING_MEANS = {
  zh: '尾数误差是各数以万元保留两位小数、分别四舍五入造成的差额，不是计算错误；公开时可以保留，建议核实。',
  en: 'Rounding: each figure is rounded to two decimals of 万元 on its own, so sums may differ by a few 0.01 万元; it is no computing error and may stay in the publication, but please check it.',
} as const;

/** A figure in 万元 with the decimals it has (2 at least): a difference of 1 元 is 0.0001, not 0.00. */
const wan = (fen: number) => {
  const s = formatWan(fen, { decimals: 6, trimZeros: true });
  return (s.split('.')[1] ?? '').length >= 2 ? s : formatWan(fen);
};
/** A tolerance shown exactly (0.005, 0.015, 0.03): at least 2 decimals, no more than it has. */
const tol = (halfFen: number) => {
  const s = formatWan(Math.round(halfFen), { decimals: 6, trimZeros: true });
  const frac = s.split('.')[1] ?? '';
  return frac.length >= 2 ? s : formatWan(Math.round(halfFen));
};

/** “涉及的 6 个数各自可有 ±0.005 万元的舍入”, or, when the figures differ in precision, without a common width. */
function roundingReason(n: number, halfWidths: readonly number[]): string {
  const widths = [...new Set(halfWidths)];
  if (widths.length === 1) {
    const w = widths[0]!;
    const yuan = w < 5000 ? `${(w / 100).toString()} 元` : `${tol(w)} 万元`;
    return `涉及的 ${n} 个数各自可有 ±${yuan}的舍入`;
  }
  return `涉及的 ${n} 个数各自按其小数位数可有舍入`;
}

/** “the 6 figures involved may each be off by ±0.005 万元”, or, when the figures differ in precision, without a common width. */
function roundingReasonEn(n: number, halfWidths: readonly number[]): string {
  const widths = [...new Set(halfWidths)];
  const figures = n === 1 ? 'the 1 figure involved' : `the ${n} figures involved`;
  if (widths.length === 1) {
    const w = widths[0]!;
    const yuan = w < 5000 ? `${(w / 100).toString()} 元` : `${tol(w)} 万元`;
    return `${figures} may each be off by ±${yuan}`;
  }
  return `${figures} may each be rounded to their own decimals`;
}

export function relationMessage(a: {
  rule: string;
  severity: Severity;
  title: string;
  titleEn: string;
  subject: string;
  subjectEn: string;
  tables: string[];
  kind: 'eq' | 'le';
  expectedFen: number;
  actualFen: number;
  toleranceFen: number;
  roundedTerms: number;
  /** The rounding half-width of each printed figure, in 分. */
  halfWidths?: readonly number[];
  refs: CellRef[];
}): Finding {
  const diff = Math.abs(a.actualFen - a.expectedFen);
  const where = a.subject ? `（${a.subject}）` : '';
  const relation =
    a.kind === 'eq'
      ? `表中为 ${wan(a.actualFen)}，按相关数计算应为 ${wan(a.expectedFen)}，相差 ${wan(diff)} 万元`
      : `表中为 ${wan(a.actualFen)}，超过上限 ${wan(a.expectedFen)}，超出 ${wan(diff)} 万元`;
  const verdict =
    a.severity === 'rounding'
      ? `。属尾数误差：${roundingReason(a.roundedTerms, a.halfWidths ?? [])}，差额不超过 ${tol(a.toleranceFen)} 万元`
      : a.severity === 'error'
        ? a.toleranceFen > 0
          ? `。超出尾数误差范围（最多 ${tol(a.toleranceFen)} 万元），不是舍入造成的，请核对`
          : '。请核对'
        : '。两者通常一致，请核对';
  const whereEn = a.subjectEn ? ` [${a.subjectEn}]` : '';
  const relationEn =
    a.kind === 'eq'
      ? `the table shows ${wan(a.actualFen)}, the related figures give ${wan(a.expectedFen)}, a difference of ${wan(diff)} 万元`
      : `the table shows ${wan(a.actualFen)}, above the limit of ${wan(a.expectedFen)} by ${wan(diff)} 万元`;
  const verdictEn =
    a.severity === 'rounding'
      ? `. Rounding: ${roundingReasonEn(a.roundedTerms, a.halfWidths ?? [])}; the difference is at most ${tol(a.toleranceFen)} 万元`
      : a.severity === 'error'
        ? a.toleranceFen > 0
          ? `. This is more than rounding can explain (at most ${tol(a.toleranceFen)} 万元); please check`
          : '. Please check'
        : '. The two usually agree; please check';
  return {
    rule: a.rule,
    severity: a.severity,
    message: `${a.title}${where}：${relation}${verdict}。`,
    messageEn: `${a.titleEn}${whereEn}: ${relationEn}${verdictEn}.`,
    expected: fenToWan(a.expectedFen),
    actual: fenToWan(a.actualFen),
    difference: fenToWan(diff),
    ...(a.kind === 'le' ? { bound: 'max' as const } : {}),
    cells: a.refs.map(refA1),
    refs: a.refs,
    tables: a.tables,
  };
}

/** A finding's sentence in both languages. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** A finding that is not an amount relation (names, missing tables, text in amount cells). */
export function plainFinding(rule: string, severity: Severity, message: Bilingual, refs: readonly CellRef[], tables: readonly string[]): Finding {
  return { rule, severity, message: message.zh, messageEn: message.en, expected: null, actual: null, difference: null, cells: refs.map(refA1), refs, tables };
}
