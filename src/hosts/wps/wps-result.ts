/**
 * The 检查结果 sheet in WPS: the same layout as in Excel and in the annotated
 * copy (../result-table.ts, the rows of ../office/result-sheet.ts): the
 * counts on row 1, the legend on row 2, the header on row 3, one row per
 * finding with a link (Hyperlinks.Add with a SubAddress inside the workbook)
 * from its 单元格 to the finding's first cell. Prints landscape, one page
 * wide, the header row on every page, 说明 and 单元格 wrapped.
 *
 * Every cell is formatted as text ("@") before the values are written, the
 * amounts (应为, 实为, 差额) as "#,##0.00", so that nothing written becomes a
 * formula or a date. The values go in one assignment of a 2-D array.
 */
import { cellA1, columnLetters } from '../../core/grid/a1';
import type { Finding } from '../../core/rules/finding';
import type { Severity } from '../../core/rules/types';
import { HIGHLIGHT } from '../highlight-style';
import { documentReference, resultRows } from '../office/result-sheet';
import { RESULT_AMOUNT_COLUMNS, RESULT_AMOUNT_FORMAT, RESULT_COLUMNS, RESULT_HEADER_ROW, RESULT_PRINT, RESULT_WRAPPED_COLUMNS, resultRow } from '../result-table';
import { type EtApplication, type EtWorksheet, XL_LANDSCAPE, XL_SHEET_VISIBLE, XL_TOP } from './et';
import { longOfHex } from './wps-fill';

/** Excel and WPS cap a hyperlink's screen tip at 255 characters. */
const SCREEN_TIP_MAX = 255;
const CELLS_COL = RESULT_COLUMNS.length - 1;
const HEADER_FILL = '#F2F2F2';

/** The severity colour as the mark writes it. */
export const markHex = (s: Severity): string => `#${HIGHLIGHT[s].fill}`;

/**
 * Writes the sheet's content on `ws`, an empty sheet (new, or cleared just
 * before). Freezing the header needs the sheet's window: the sheet is made
 * active for it, and `restore` (when given) is made active again afterwards;
 * a sheet the user has hidden cannot be activated, and keeps its panes.
 */
export function writeResultSheet(app: EtApplication, ws: EtWorksheet, findings: readonly Finding[], ignoredCount: number, restore: EtWorksheet | undefined): void {
  const values = resultRows(findings, ignoredCount);
  const last = columnLetters(RESULT_COLUMNS.length - 1);
  const n = values.length;
  ws.Range(`A1:${last}${n}`).NumberFormat = '@';
  if (n > RESULT_HEADER_ROW) {
    for (const c of RESULT_AMOUNT_COLUMNS) ws.Range(`${columnLetters(c)}${RESULT_HEADER_ROW + 1}:${columnLetters(c)}${n}`).NumberFormat = RESULT_AMOUNT_FORMAT;
  }
  ws.Range(`A1:${last}${n}`).Value2 = values;

  ws.Range('A1').Font.Bold = true;
  const header = ws.Range(`A${RESULT_HEADER_ROW}:${last}${RESULT_HEADER_ROW}`);
  header.Font.Bold = true;
  header.Interior.Color = longOfHex(HEADER_FILL);
  RESULT_COLUMNS.forEach((c, i) => {
    const column = ws.Range(`${columnLetters(i)}:${columnLetters(i)}`);
    column.ColumnWidth = c.width; // in characters, as the layout gives it
    column.VerticalAlignment = XL_TOP;
    if (RESULT_WRAPPED_COLUMNS.includes(i)) column.WrapText = true;
  });

  // 级别: the severity's colours, one range per run of rows of the same severity.
  let start = 0;
  for (let i = 1; i <= findings.length; i++) {
    const s = findings[start]?.severity;
    if (s === undefined) break;
    if (i < findings.length && findings[i]!.severity === s) continue;
    const level = ws.Range(`A${RESULT_HEADER_ROW + 1 + start}:A${RESULT_HEADER_ROW + i}`);
    level.Interior.Color = longOfHex(markHex(s));
    level.Font.Color = longOfHex(`#${HIGHLIGHT[s].font}`);
    start = i;
  }

  const links = ws.Hyperlinks;
  findings.forEach((f, i) => {
    const r = resultRow(f);
    if (!r.link) return;
    const row = RESULT_HEADER_ROW + 1 + i;
    const tip = f.message.length > SCREEN_TIP_MAX ? `${f.message.slice(0, SCREEN_TIP_MAX - 1)}…` : f.message;
    links.Add(ws.Range(`${columnLetters(CELLS_COL)}${row}`), '', documentReference(r.link.sheet, cellA1(r.link.row, r.link.col)), tip, r.cells);
  });

  const page = ws.PageSetup;
  if (RESULT_PRINT.orientation === 'landscape') page.Orientation = XL_LANDSCAPE;
  page.Zoom = false; // FitToPages… take effect only without a zoom
  page.FitToPagesWide = RESULT_PRINT.fitToWidth;
  page.FitToPagesTall = RESULT_PRINT.fitToHeight === 0 ? false : RESULT_PRINT.fitToHeight;
  page.PrintTitleRows = `$${RESULT_PRINT.titleRows}:$${RESULT_PRINT.titleRows}`;

  // The header stays in view: panes are frozen on the sheet's window.
  if (ws.Visible !== XL_SHEET_VISIBLE) return;
  ws.Activate();
  const win = app.ActiveWindow;
  if (win) {
    win.FreezePanes = false;
    win.SplitColumn = 0;
    win.SplitRow = RESULT_HEADER_ROW;
    win.FreezePanes = true;
  }
  if (restore) restore.Activate();
}
