/**
 * A rule is data: which figures must add up (or not exceed) which others,
 * named by table role, row key and column key, with loops over rows,
 * columns, 类 or 科目 codes. The engine turns each into relations over the
 * mapped cells and gives each a verdict by interval reasoning.
 *
 * Placeholders in keys: $row (each row of a loop), $col (each column),
 * $cls (each 类 code), $code (each 科目 code).
 */
import type { TableRole } from '../templates/types';

export type Severity = 'error' | 'warning' | 'rounding';

/** A figure, or figures summed. */
export type Ref =
  /** One cell by row and column key. */
  | { readonly t: 'cell'; readonly table: TableRole; readonly row: string; readonly col: string }
  /** The top-level 科目 rows of a code-list table (what its 合计 sums). */
  | { readonly t: 'top'; readonly table: TableRole; readonly col: string }
  /** The rows directly under row $row (款 under 类, 项 under 款). */
  | { readonly t: 'children'; readonly table: TableRole; readonly row: string; readonly col: string }
  /** The rows that together stand for a code prefix: the prefix's own row if printed, else its highest rows below. */
  | { readonly t: 'cover'; readonly table: TableRole; readonly prefix: string; readonly col: string }
  /** Every labelled row whose key starts with a prefix (cls: for the 类 rows of 总表). */
  | { readonly t: 'keyed'; readonly table: TableRole; readonly keyPrefix: string; readonly col: string };

export interface Term {
  readonly ref: Ref;
  readonly sign?: 1 | -1;
}

export type Loop =
  /** Each data row of a table (合计 and 科目 rows; 'parents': rows that have rows under them). */
  | { readonly over: 'rows'; readonly table: TableRole; readonly which: 'all' | 'parents' }
  | { readonly over: 'cols'; readonly cols: readonly string[] }
  /** Each 类 printed in either table or holding 科目 in it. */
  | { readonly over: 'classes'; readonly tables: readonly TableRole[] }
  /** Each 科目 code of a table. */
  | { readonly over: 'codes'; readonly table: TableRole };

export interface RuleDef {
  /** Never changes: findings, tests and the documentation use it. */
  readonly id: string;
  /** What must hold, in Chinese, shown in every finding. */
  readonly title: string;
  /** The same in English, for the task pane of English users (Chinese table and row names kept where they are the real names). */
  readonly titleEn: string;
  readonly kind: 'eq' | 'le';
  /** error for relations that must hold; warning for those that usually do. */
  readonly severity: 'error' | 'warning';
  readonly each?: readonly Loop[];
  readonly lhs: readonly Term[];
  readonly rhs: readonly Term[];
  /** Every term must be found (otherwise the relation is skipped). Default: the left side and at least one right term. */
  readonly strict?: boolean;
  /** A missing left-side row counts as 0 (a 类 the 总表 left out although it has 科目). */
  readonly lhsMissingAsZero?: boolean;
  /** A missing right-side row counts as 0 (a 科目 of 公开05表 that 公开03表 does not list). */
  readonly rhsMissingAsZero?: boolean;
}
