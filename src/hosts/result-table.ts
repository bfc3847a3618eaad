/**
 * The 检查结果 sheet, one layout in Excel (Office.js, ./office/result-sheet.ts)
 * and in the annotated copy (./xlsx/annotate/new-sheets.ts): its columns,
 * where its header sits, its opening lines, what each finding's row holds,
 * and how it prints.
 *
 * Printed, it is a list a reviewer can read on paper: landscape, every column
 * on one page wide (as many pages tall as the list needs), the header row
 * repeated on each page, 说明 and 单元格 wrapped. The 单元格 column is one
 * column: each finding's cells are listed in it, and the cell links to the
 * first of them (a cell holds one link).
 */
import { RESULT_SHEET_NAME } from '../core/mapping/detect';
import { cellA1 } from '../core/grid/a1';
import type { CellRef } from '../core/grid/grid';
import { type Finding, SEVERITY_ZH } from '../core/rules/finding';
import type { Severity } from '../core/rules/types';

/** The columns, widths in characters. */
export const RESULT_COLUMNS: ReadonlyArray<{ readonly header: string; readonly width: number }> = [
  { header: '级别', width: 8 },
  { header: '规则', width: 9 },
  { header: '表', width: 12 },
  { header: '说明', width: 70 },
  { header: '应为', width: 12 },
  { header: '实为', width: 12 },
  { header: '差额', width: 12 },
  { header: '单元格', width: 24 },
];

/** 1-based row of the column headers: below the summary line and the legend. */
export const RESULT_HEADER_ROW = 3;

/** 0-based columns that wrap: 说明 and 单元格. */
export const RESULT_WRAPPED_COLUMNS: readonly number[] = [3, 7];

/** 0-based columns holding amounts (应为, 实为, 差额), and their format. */
export const RESULT_AMOUNT_COLUMNS: readonly number[] = [4, 5, 6];
export const RESULT_AMOUNT_FORMAT = '#,##0.00';

/**
 * Page setup: landscape; fit to one page wide, any number of pages tall (0:
 * "automatic", as the file format's fitToHeight means it); the header row
 * printed at the top of each page.
 */
export const RESULT_PRINT = { orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, titleRows: RESULT_HEADER_ROW } as const;

/** One finding's row. */
export interface ResultRow {
  readonly severity: Severity;
  /** 级别, 规则, 表, 说明. */
  readonly texts: readonly [string, string, string, string];
  /** 应为, 实为, 差额 (null: none). */
  readonly amounts: readonly [number | null, number | null, number | null];
  /** 单元格: every cell of the finding, the sheet named once for cells on the same sheet ("公开01表!F34、F8、F9"). */
  readonly cells: string;
  /** Where the 单元格 link goes: the finding's first cell. */
  readonly link: CellRef | undefined;
}

/**
 * A text in a formula (the copy's HYPERLINK) may not pass 255 characters; the
 * 单元格 text keeps within it in both hosts, so they show the same.
 */
export const CELLS_TEXT_MAX = 255;

/**
 * The cells of a finding as the 单元格 column lists them: "公开01表!F34、F8、F9",
 * the sheet named once for consecutive cells on the same sheet; past
 * CELLS_TEXT_MAX characters the rest is counted ("… 等 40 处").
 */
export function cellsText(refs: readonly CellRef[]): string {
  let sheet: string | undefined;
  const parts = refs.map((r) => {
    const a = cellA1(r.row, r.col);
    if (r.sheet === sheet) return a;
    sheet = r.sheet;
    return `${r.sheet}!${a}`;
  });
  const all = parts.join('、');
  if (all.length <= CELLS_TEXT_MAX) return all;
  const tail = ` … 等 ${refs.length} 处`;
  let text = '';
  for (const p of parts) {
    const next = text === '' ? p : `${text}、${p}`;
    if (next.length + tail.length > CELLS_TEXT_MAX) break;
    text = next;
  }
  return `${text}${tail}`;
}

export function resultRow(f: Finding): ResultRow {
  return {
    severity: f.severity,
    texts: [SEVERITY_ZH[f.severity], f.rule, f.tables.join('、'), f.message],
    amounts: [f.expected ?? null, f.actual ?? null, f.difference ?? null],
    cells: cellsText(f.refs),
    link: f.refs[0],
  };
}

/** The line a sheet without findings shows below its header. */
export const NO_FINDINGS = '未发现问题。';

/** The name for a new 检查结果 sheet: 检查结果, or 检查结果(2), (3)… when a sheet (a user's) has it. */
export function freeResultName(sheets: readonly { readonly name: string }[]): string {
  const taken = new Set(sheets.map((s) => s.name.toLowerCase()));
  if (!taken.has(RESULT_SHEET_NAME.toLowerCase())) return RESULT_SHEET_NAME;
  for (let i = 2; ; i++) {
    const name = `${RESULT_SHEET_NAME}(${i})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** A sheet name the findings may have been written under: 检查结果, 检查结果(2) … */
export const RESULT_NAME_RE = new RegExp(`^${RESULT_SHEET_NAME}(?:\\(\\d+\\))?$`);

/** “检查结果：错误 N 项，提示 N 项，尾数误差 N 项。” */
export function resultSummary(findings: readonly Finding[], ignoredCount: number): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return `检查结果：错误 ${count('error')} 项，提示 ${count('warning')} 项，尾数误差 ${count('rounding')} 项${ignoredCount > 0 ? `（另有 ${ignoredCount} 项已忽略，未列出）` : ''}。`;
}

/** What the colours mean and what the add-in did, for the reader of the sheet. */
export function resultLegend(where: 'excel' | 'copy'): string {
  return where === 'excel'
    ? '原工作表中，有问题的单元格已标色（红色为错误，黄色为提示，蓝色为尾数误差）；点“单元格”列可跳到该项的第一个单元格。数值未作任何改动；“清除标记”恢复原来的底色并删除本表。'
    : '原工作表中，有问题的单元格已标色（红色为错误，黄色为提示，蓝色为尾数误差），批注写明原因；点“单元格”列可跳到该项的第一个单元格。数值未作任何改动。';
}
