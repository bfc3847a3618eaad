/// <reference types="office-js" />
/**
 * The 检查结果 sheet the add-in writes next to the user's sheets: the counts
 * on its first row, a legend, the header on row 3, one row per finding with
 * its reason and a link to its first cell. The layout is ../result-table.ts's,
 * the same as the annotated copy (src/hosts/xlsx/annotate/new-sheets.ts), and
 * it prints the same way: landscape, one page wide, the header on each page,
 * 说明 and 单元格 wrapped.
 *
 * This is the only sheet whose values the add-in ever writes.
 */
import { RESULT_SHEET_NAME } from '../../core/mapping/detect';
import { cellA1, columnLetters } from '../../core/grid/a1';
import type { Finding } from '../../core/rules/finding';
import type { Severity } from '../../core/rules/types';
import { HIGHLIGHT } from '../highlight-style';
import {
  NO_FINDINGS,
  RESULT_AMOUNT_COLUMNS,
  RESULT_AMOUNT_FORMAT,
  RESULT_COLUMNS,
  RESULT_HEADER_ROW,
  RESULT_PRINT,
  RESULT_WRAPPED_COLUMNS,
  resultLegend,
  resultRow,
  resultSummary,
} from '../result-table';
import { COMMAND_BYTES, type SyncBudget, jsonBytes } from './payload';

export const RESULT_SHEET = RESULT_SHEET_NAME;

const COLUMNS = RESULT_COLUMNS;
export { RESULT_HEADER_ROW };
/** 0-based column of the 单元格 link. */
const CELLS_COL = COLUMNS.length - 1;
/** Column widths are given in characters, as in the exceljs copy; Office.js sets points (about 6 per character of the default font). */
export const POINTS_PER_CHAR = 6;
/** Excel caps a hyperlink's screen tip at 255 characters. */
const SCREEN_TIP_MAX = 255;
/** Rows written per values/numberFormat command (a long list goes in several, each within the sync budget). */
const ROWS_PER_WRITE = 500;

/** The Office.js form of a palette colour. */
export const markColor = (s: Severity): string => `#${HIGHLIGHT[s].fill}`;

/** An in-workbook link target: 'Sheet'!C7, always quoted (with ' doubled), which Excel accepts for any name. */
export function documentReference(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/** The values of the sheet, row by row (0-based rows, header at RESULT_HEADER_ROW − 1), COLUMNS.length wide. */
export function resultRows(findings: readonly Finding[], ignoredCount: number): (string | number)[][] {
  const rows: (string | number)[][] = [[resultSummary(findings, ignoredCount)], [resultLegend('excel')], COLUMNS.map((c) => c.header)];
  for (const f of findings) {
    const r = resultRow(f);
    rows.push([...r.texts, ...r.amounts.map((a) => a ?? ''), r.cells]);
  }
  if (findings.length === 0) rows.push([NO_FINDINGS]);
  return rows.map((r) => Array.from({ length: COLUMNS.length }, (_, c) => r[c] ?? ''));
}

/**
 * Queues the writes of the sheet's content on `sheet` (an empty sheet: new,
 * or cleared earlier in the same batch), syncing through `budget` when the
 * list is long.
 *
 * Every text cell gets the Text format ("@") before its value is written, so
 * a message, a rule or a cell address starting with "=" stays text and never
 * becomes a formula.
 */
export async function queueResultSheet(sheet: Excel.Worksheet, findings: readonly Finding[], ignoredCount: number, budget: SyncBudget): Promise<void> {
  const values = resultRows(findings, ignoredCount);
  const last = columnLetters(COLUMNS.length - 1);
  for (let top = 0; top < values.length; top += ROWS_PER_WRITE) {
    const part = values.slice(top, top + ROWS_PER_WRITE);
    const formats = part.map((r, i) => r.map((_, c) => (top + i >= RESULT_HEADER_ROW && RESULT_AMOUNT_COLUMNS.includes(c) ? RESULT_AMOUNT_FORMAT : '@')));
    await budget.spend(2 * COMMAND_BYTES + jsonBytes(part) + jsonBytes(formats));
    const range = sheet.getRange(`A${top + 1}:${last}${top + part.length}`);
    range.numberFormat = formats;
    range.values = part;
  }

  await budget.spend(30 * COMMAND_BYTES);
  sheet.getRange('A1').format.font.bold = true;
  const header = sheet.getRange(`A${RESULT_HEADER_ROW}:${last}${RESULT_HEADER_ROW}`);
  header.format.font.bold = true;
  header.format.fill.color = '#F2F2F2';
  COLUMNS.forEach((c, i) => {
    const column = sheet.getRange(`${columnLetters(i)}:${columnLetters(i)}`).format;
    column.columnWidth = c.width * POINTS_PER_CHAR;
    column.verticalAlignment = 'Top';
    if (RESULT_WRAPPED_COLUMNS.includes(i)) column.wrapText = true;
  });
  sheet.freezePanes.freezeRows(RESULT_HEADER_ROW);
  const page = sheet.pageLayout;
  page.orientation = RESULT_PRINT.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  page.zoom = { horizontalFitToPages: RESULT_PRINT.fitToWidth, verticalFitToPages: RESULT_PRINT.fitToHeight };
  page.setPrintTitleRows(`$${RESULT_PRINT.titleRows}:$${RESULT_PRINT.titleRows}`);

  for (const [i, f] of findings.entries()) {
    const row = RESULT_HEADER_ROW + 1 + i; // 1-based
    const r = resultRow(f);
    const tip = f.message.length > SCREEN_TIP_MAX ? `${f.message.slice(0, SCREEN_TIP_MAX - 1)}…` : f.message;
    await budget.spend(4 * COMMAND_BYTES + jsonBytes(tip) + jsonBytes(r.cells));
    const level = sheet.getRange(`A${row}`).format;
    level.fill.color = markColor(f.severity);
    level.font.color = `#${HIGHLIGHT[f.severity].font}`;
    if (r.link) {
      sheet.getRange(`${columnLetters(CELLS_COL)}${row}`).hyperlink = {
        documentReference: documentReference(r.link.sheet, cellA1(r.link.row, r.link.col)),
        textToDisplay: r.cells,
        screenTip: tip,
      };
    }
  }
}
