/**
 * Template profiles describe the nine disclosure tables as data: titles,
 * columns, labelled rows. The mapping reads them to recognise tables in a
 * workbook; the rules refer to their keys. A new province's layout is a new
 * profile file, not new code.
 */

/** What a table is, whatever its number in a given profile. Rules refer to roles. */
export type TableRole =
  | 'summary' // 收入支出决算总表
  | 'income' // 收入决算表
  | 'expense' // 支出决算表
  | 'fiscalSummary' // 财政拨款收入支出决算总表
  | 'gpbExpense' // 一般公共预算财政拨款支出决算表
  | 'gpbBasic' // 一般公共预算财政拨款基本支出决算（明细）表
  | 'fund' // 政府性基金预算财政拨款收入支出决算表
  | 'soe' // 国有资本经营预算财政拨款（收入）支出决算表
  | 'threePublic'; // 财政拨款“三公”经费支出决算表

/**
 * How a table is laid out, which decides how it is read:
 * - code-list: rows of 科目编码 | 科目名称 | amounts, with a 合计 row;
 * - two-sided: 收入 panel and 支出 panel side by side, rows named by label;
 * - economic-blocks: repeated 科目代码 | 科目名称 | 决算数 blocks (公开06表);
 * - matrix: one data row under a multi-level header (三公经费).
 */
export type TableLayout = 'code-list' | 'two-sided' | 'economic-blocks' | 'matrix';

/**
 * A column, recognised by its header texts. `match` lists alternatives;
 * each alternative is a set of normalised texts that must all appear in the
 * column's header (its own cell and the cells above it that span it).
 */
export interface ColumnSpec {
  readonly key: string;
  readonly match: ReadonlyArray<ReadonlyArray<string>>;
  /** 栏次 of this column in the profile, when it has one. */
  readonly lane?: number;
}

/** A labelled row of a two-sided table. */
export interface RowSpec {
  readonly key: string;
  /** Accepted labels, normalised, without ordinal prefixes (一、 （一） 1.). */
  readonly names: readonly string[];
  /** Only matches after the row with this key (年初/年末 breakdown rows repeat fund names). */
  readonly after?: string;
  /**
   * Breakdown rows whose label cell may be blank: they take the rows that
   * follow `after` in order.
   */
  readonly positional?: boolean;
  /** 行次 in the profile, when it has one. */
  readonly lineNo?: number;
}

export interface PanelSpec {
  readonly key: 'income' | 'expense';
  /** The group header above the panel (收入 / 支出). */
  readonly groupNames: readonly string[];
  readonly rows: readonly RowSpec[];
  readonly columns: readonly ColumnSpec[];
}

export interface EconomicSpec {
  /** The 经济分类 codes the profile prints, with their names. */
  readonly codes: ReadonlyArray<{ readonly code: string; readonly name: string }>;
  readonly totals: ReadonlyArray<{ readonly key: string; readonly names: readonly string[] }>;
}

export interface TableTemplate {
  /** The profile's own id: 公开01表 … */
  readonly id: string;
  readonly role: TableRole;
  readonly title: string;
  /** Other titles units give the same table. */
  readonly titleAliases: readonly string[];
  readonly layout: TableLayout;
  /** code-list and matrix layouts. */
  readonly columns?: readonly ColumnSpec[];
  /** two-sided layout. */
  readonly panels?: readonly PanelSpec[];
  /** economic-blocks layout. */
  readonly economic?: EconomicSpec;
  /** Where the 合计 row of a code-list table stands in this profile. */
  readonly totalRow?: 'first' | 'last';
  /** May be published empty with a 说明 (本表无数据). */
  readonly mayBeEmpty?: boolean;
  /** What the table's note says when it is empty (for the narrative and the empty-table check). */
  readonly emptyNote?: string;
}

export type ProfileId = 'hunan-2024' | 'national-2024';

export interface Profile {
  readonly id: ProfileId;
  readonly name: string;
  /** Does the profile print 公开NN表 labels above its tables? */
  readonly hasTableLabels: boolean;
  /** Does the profile print a 栏次 row under its headers? */
  readonly printsLanes: boolean;
  readonly tables: readonly TableTemplate[];
  /** When a line's change from last year wants a reason (check --previous): above this share and this amount (分). Default 10 % and 1 万元. */
  readonly yearOverYear?: { readonly rate: number; readonly amount: number };
}
