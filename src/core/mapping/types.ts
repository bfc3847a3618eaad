/**
 * A mapping says, for each table of a profile, where it sits in the
 * workbook and what each of its rows and columns was matched to. It is plain
 * JSON: a host saves it in the workbook, the task pane lets the user correct
 * a table's range, and the next check maps inside that range.
 */
import type { AmountUnit } from '../numbers/amount';
import type { ProfileId, TableLayout, TableRole } from '../templates/types';

export interface MappedColumn {
  /** The template's column key (本年收入合计, 预算.合计, 金额 …). */
  readonly key: string;
  /** Which side, for two-sided tables. */
  readonly panel?: 'income' | 'expense';
  readonly col: number;
  /** For a table whose figures each have their own row (a vertical 三公 table). */
  readonly row?: number;
  /** The header text found, as the user wrote it. */
  readonly header: string;
}

/** A labelled row of a two-sided table (总表). */
export interface MappedRow {
  readonly key: string;
  readonly panel: 'income' | 'expense';
  readonly row: number;
  readonly label: string;
}

/** A 科目 row of a code-list table, or a 经济分类 cell of the basic-expenditure table. */
export interface MappedItem {
  readonly code: string;
  readonly name: string;
  readonly row: number;
  /** Where the name was read (for the name checks). */
  readonly nameCol: number;
  /** economic-blocks: the amount column of this item's block. */
  readonly amountCol?: number;
}

/** A 合计/总计 line: the 合计 row of a list, or 人员经费合计 / 公用经费合计. */
export interface MappedTotal {
  readonly key: string;
  readonly row: number;
  readonly label: string;
  /** economic-blocks: where its amount is (it may sit on the next line or another block). */
  readonly amountCol?: number;
  readonly amountRow?: number;
}

export interface MappedTable {
  readonly id: string;
  readonly role: TableRole;
  readonly layout: TableLayout;
  readonly title: string;
  readonly sheet: string;
  /** The table's whole extent, 0-based inclusive. */
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  /** How it was found. */
  readonly foundBy: 'title' | 'label' | 'header' | 'user';
  readonly unit: AmountUnit;
  /** The 单位 line as written, when there is one. */
  readonly unitText?: string;
  readonly department?: { readonly name: string; readonly row: number; readonly col: number };
  readonly columns: readonly MappedColumn[];
  readonly rows: readonly MappedRow[];
  readonly items: readonly MappedItem[];
  readonly totals: readonly MappedTotal[];
  /** Other places that also look like this table (a copy, last year's version): the user should confirm. */
  readonly alternatives?: ReadonlyArray<{ readonly sheet: string; readonly range: string }>;
  /** Columns holding amounts that no template column was matched to (a header worded differently). */
  readonly unmatchedColumns?: ReadonlyArray<{ readonly col: number; readonly header: string }>;
  /** Rows of a code-list/matrix table that hold data (matrix: its one data row). */
  readonly dataRows: readonly number[];
  /** The 栏次 row, when printed. */
  readonly laneRow?: number;
  /** 说明/注 lines under the table. */
  readonly notes: ReadonlyArray<{ readonly text: string; readonly row: number; readonly col: number }>;
  /** Rows the mapping could not place, with why (shown to the user). */
  readonly unplaced: ReadonlyArray<{ readonly row: number; readonly col: number; readonly text: string; readonly why: string }>;
}

export interface Mapping {
  readonly profile: ProfileId;
  /** Why this profile (detected from content, or named by the user). */
  readonly profileReason: string;
  readonly tables: Readonly<Record<string, MappedTable>>;
  /** Template ids that were not found. */
  readonly missing: readonly string[];
}

/** What the user (or a saved mapping) fixes before detection. */
export interface MappingOverrides {
  readonly profile?: ProfileId;
  /** A table's sheet and range, e.g. { 公开03表: { sheet: '支出', range: 'B3:H20' } }. */
  readonly ranges?: Readonly<Record<string, { readonly sheet: string; readonly range: string }>>;
}
