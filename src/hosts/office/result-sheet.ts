/// <reference types="office-js" />
/**
 * The 检查结果 sheet the add-in writes next to the user's sheets: one row per
 * finding with its reason and links to its cells. Laid out like the exceljs
 * annotated copy (src/hosts/exceljs/annotate.ts): a summary line, a legend,
 * the header on row 3, the findings below it.
 *
 * This is the only sheet whose values the add-in ever writes.
 */
import { RESULT_SHEET_NAME } from '../../core/mapping/detect';
import { cellA1, columnLetters } from '../../core/grid/a1';
import { type Finding, SEVERITY_ZH } from '../../core/rules/finding';
import type { Severity } from '../../core/rules/types';
import { HIGHLIGHT } from '../highlight-style';
import { RESULT_COLUMNS, RESULT_HEADER_ROW, resultLegend, resultSummary } from '../result-table';

export const RESULT_SHEET = RESULT_SHEET_NAME;

const COLUMNS = RESULT_COLUMNS;
export { RESULT_HEADER_ROW };
/** 0-based column of the first 单元格 link; a finding's further cells continue to the right. */
const FIRST_CELL_COL = COLUMNS.length - 1;
/** 0-based columns holding amounts (应为, 实为, 差额). */
const AMOUNT_COLS = new Set([4, 5, 6]);
const AMOUNT_FORMAT = '#,##0.00';
/** Column widths are given in characters, as in the exceljs copy; Office.js sets points (about 6 per character of the default font). */
export const POINTS_PER_CHAR = 6;
/** Excel caps a hyperlink's screen tip at 255 characters. */
const SCREEN_TIP_MAX = 255;

/** The Office.js form of a palette colour. */
export const markColor = (s: Severity): string => `#${HIGHLIGHT[s].fill}`;

/** An in-workbook link target: 'Sheet'!C7, always quoted (with ' doubled), which Excel accepts for any name. */
export function documentReference(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/** The values of the sheet, row by row (0-based rows, header at RESULT_HEADER_ROW − 1). */
export function resultRows(findings: readonly Finding[], ignoredCount: number): (string | number)[][] {
  const rows: (string | number)[][] = [
    [resultSummary(findings, ignoredCount)],
    [resultLegend('excel')],
    COLUMNS.map((c) => c.header),
  ];
  for (const f of findings) {
    rows.push([
      SEVERITY_ZH[f.severity],
      f.rule,
      f.tables.join('、'),
      f.message,
      f.expected ?? '',
      f.actual ?? '',
      f.difference ?? '',
      ...f.refs.map((ref, k) => f.cells[k] ?? `${ref.sheet}!${cellA1(ref.row, ref.col)}`),
    ]);
  }
  if (findings.length === 0) rows.push(['未发现问题。']);
  return rows;
}

/**
 * Queues the writes of the sheet's content on `sheet` (an empty sheet: new,
 * or cleared earlier in the same batch).
 *
 * Every text cell gets the Text format ("@") before its value is written, so
 * a message, a rule or a cell address starting with "=" stays text and never
 * becomes a formula.
 */
export function queueResultSheet(sheet: Excel.Worksheet, findings: readonly Finding[], ignoredCount: number): void {
  const rows = resultRows(findings, ignoredCount);
  const width = Math.max(COLUMNS.length, ...rows.map((r) => r.length));
  const values = rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
  const formats = values.map((r, i) => r.map((_, c) => (i >= RESULT_HEADER_ROW && AMOUNT_COLS.has(c) ? AMOUNT_FORMAT : '@')));
  const all = sheet.getRange(`A1:${columnLetters(width - 1)}${rows.length}`);
  all.numberFormat = formats;
  all.values = values;

  sheet.getRange('A1').format.font.bold = true;
  const header = sheet.getRange(`A${RESULT_HEADER_ROW}:${columnLetters(COLUMNS.length - 1)}${RESULT_HEADER_ROW}`);
  header.format.font.bold = true;
  header.format.fill.color = '#F2F2F2';
  COLUMNS.forEach((c, i) => {
    sheet.getRange(`${columnLetters(i)}:${columnLetters(i)}`).format.columnWidth = c.width * POINTS_PER_CHAR;
  });
  for (let c = COLUMNS.length; c < width; c++) {
    sheet.getRange(`${columnLetters(c)}:${columnLetters(c)}`).format.columnWidth = COLUMNS[FIRST_CELL_COL]!.width * POINTS_PER_CHAR;
  }
  sheet.getRange('D:D').format.wrapText = true;

  findings.forEach((f, i) => {
    const row = RESULT_HEADER_ROW + 1 + i; // 1-based
    const level = sheet.getRange(`A${row}`);
    level.format.fill.color = markColor(f.severity);
    level.format.font.color = `#${HIGHLIGHT[f.severity].font}`;
    const tip = f.message.length > SCREEN_TIP_MAX ? `${f.message.slice(0, SCREEN_TIP_MAX - 1)}…` : f.message;
    f.refs.forEach((ref, k) => {
      const text = f.cells[k] ?? `${ref.sheet}!${cellA1(ref.row, ref.col)}`;
      sheet.getRange(`${columnLetters(FIRST_CELL_COL + k)}${row}`).hyperlink = {
        documentReference: documentReference(ref.sheet, cellA1(ref.row, ref.col)),
        textToDisplay: text,
        screenTip: tip,
      };
    });
  });
  sheet.freezePanes.freezeRows(RESULT_HEADER_ROW);
}
