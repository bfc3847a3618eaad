/**
 * An annotated copy of a checked workbook, for people who open it in Excel,
 * WPS or LibreOffice: each cell of a finding gets its severity's fill and a
 * note with the reasons, and a first sheet 检查结果 lists every finding with
 * links to its cells.
 *
 * Only the finding cells' fill and note change (each such cell gets a style
 * object of its own first: cells read from a file share style objects, and a
 * fill set on one would recolour them all). Values, formulas, number formats
 * and every other cell stay as they were. The input bytes are not modified.
 *
 * No Node API is used (only exceljs), so the browser page can call it with the
 * file the user opened.
 */
import { RESULT_SHEET_NAME } from '../../core/mapping/detect';
import ExcelJS from 'exceljs';
import type { Narrative } from '../../core/narrative/types';
import { NARRATIVE_COLUMN_WIDTH, freeGeneratedNarrativeName, narrativeLines } from '../narrative-sheet';
import type { CheckResult } from '../../core/check';
import { cellA1 } from '../../core/grid/a1';
import type { CellRef } from '../../core/grid/grid';
import type { Finding } from '../../core/rules/finding';
import type { Severity } from '../../core/rules/types';
import { HIGHLIGHT, SEVERITY_RANK } from '../highlight-style';
import { findingKey } from '../host';
import { noteLine, planMarks } from '../marks';
import {
  NO_FINDINGS,
  RESULT_AMOUNT_FORMAT,
  RESULT_COLUMNS,
  RESULT_HEADER_ROW,
  RESULT_NAME_RE,
  RESULT_PRINT,
  RESULT_WRAPPED_COLUMNS,
  freeResultName,
  resultLegend,
  resultRow,
  resultSummary,
} from '../result-table';

/**
 * The sheet the findings are listed in; the mapping never reads it. A 检查结果
 * an earlier annotation wrote is replaced; a sheet of the user's with that
 * name is kept, and the findings go to 检查结果(2) (or the next free name).
 */
export const RESULT_SHEET = RESULT_SHEET_NAME;

export interface AnnotateOptions {
  /** Findings the user acknowledged (忽略), by findingKey(): left out of the copy. */
  readonly ignored?: readonly string[];
  /** The narrative drafted from the figures: written to a new sheet of the copy, 情况说明（生成稿）. */
  readonly narrative?: Narrative;
}


const COLUMNS = RESULT_COLUMNS;
export { RESULT_HEADER_ROW };
const CELLS_COL = COLUMNS.length; // 1-based column of the 单元格 link

const argb = (hex: string): string => `FF${hex}`;
const solidFill = (hex: string): ExcelJS.FillPattern => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } });

/** "【错误 R05.row】收入决算表（…）：…" — the line a finding adds to a cell's note. */
export { noteLine };

/** The target of an in-workbook link: #'Sheet'!C9 (always quoted, ' doubled). */
export function internalLink(ref: CellRef): string {
  return `#'${ref.sheet.replace(/'/g, "''")}'!${cellA1(ref.row, ref.col)}`;
}

/** A string literal in a formula. */
const formulaString = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/**
 * Loads the workbook's bytes and returns an annotated copy (the bytes of a new
 * .xlsx). Findings whose findingKey() is in opts.ignored are left out.
 */
export async function annotateWorkbook(
  data: ArrayBuffer | Uint8Array | Buffer,
  result: CheckResult,
  opts?: AnnotateOptions,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  // As in exceljs-grid.ts: exceljs declares its own Buffer type; JSZip takes all three. JSZip only reads the input.
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);

  const ignored = new Set(opts?.ignored ?? []);
  const findings = result.findings.filter((f) => !ignored.has(findingKey(f)));

  markCells(workbook, findings);
  addResultSheet(workbook, findings, result.findings.length - findings.length);
  if (opts?.narrative) addNarrativeSheet(workbook, opts.narrative);

  const out: unknown = await workbook.xlsx.writeBuffer();
  // Node gives a Buffer, the browser build an ArrayBuffer-backed buffer: hand back a plain view either way.
  return out instanceof Uint8Array ? new Uint8Array(out.buffer, out.byteOffset, out.byteLength) : new Uint8Array(out as ArrayBuffer);
}

/** Every finding cell: the most severe finding's fill, and a note with all its findings' reasons. */
function markCells(workbook: ExcelJS.Workbook, findings: readonly Finding[]): void {
  // A reference into a merged area marks the area's top-left cell, the one Excel shows (exceljs: cell.master).
  const mergeAt = (ref: CellRef) => {
    const master = workbook.getWorksheet(ref.sheet)?.getCell(ref.row + 1, ref.col + 1).master;
    return master ? { top: Number(master.row) - 1, left: Number(master.col) - 1, bottom: Number(master.row) - 1, right: Number(master.col) - 1 } : undefined;
  };
  for (const mark of planMarks(findings, [], mergeAt)) {
    const ws = workbook.getWorksheet(mark.ref.sheet);
    if (!ws) continue;
    const cell = ws.getCell(mark.ref.row + 1, mark.ref.col + 1);
    // A style object of its own (deep copy), so that no other cell sharing the loaded style changes with it.
    cell.style = { ...structuredClone(cell.style ?? {}), fill: solidFill(HIGHLIGHT[mark.severity].fill) };
    cell.note = withNote(cell.note, mark.findings.map(noteLine).join('\n'));
  }
}

/** A line an earlier annotation wrote (annotating an annotated copy must not repeat it). */
const OUR_LINE = /^【(?:错误|提示|尾数误差) [^】\s]+】/;
const withoutOurLines = (t: string): string =>
  t
    .split('\n')
    .filter((line) => !OUR_LINE.test(line))
    .join('\n')
    .replace(/\s+$/, '');

/** Our reasons after any note the cell already had (kept, with its formatting; earlier reasons of ours dropped). */
function withNote(existing: string | ExcelJS.Comment | undefined, text: string): string | ExcelJS.Comment {
  if (existing === undefined || existing === null) return text;
  if (typeof existing === 'string') {
    const own = withoutOurLines(existing);
    return own === '' ? text : `${own}\n\n${text}`;
  }
  // Our earlier reasons were appended as a run of their own.
  const ours = (t: string) => t.trim() !== '' && withoutOurLines(t).trim() === '';
  const runs = (existing.texts ?? []).filter((run) => !ours(run.text ?? ''));
  if (runs.every((run) => (run.text ?? '').trim() === '')) return text;
  return { ...existing, texts: [...runs, { text: `\n\n${text}` }] };
}

/**
 * One paragraph per row, headings bold, on a new sheet after the user's:
 * 情况说明（生成稿）, or 情况说明（生成稿）2 … when that name is taken (a copy
 * annotated again keeps its first draft, which the user may have edited). The
 * user's own 情况说明 stays as it is. Nothing is coloured: a placeholder
 * (【请填写原因】) is in the text, and no cell of the draft looks like a finding.
 */
function addNarrativeSheet(workbook: ExcelJS.Workbook, n: Narrative): void {
  const ws = workbook.addWorksheet(freeGeneratedNarrativeName(workbook.worksheets.map((w) => w.name)));
  ws.getColumn(1).width = NARRATIVE_COLUMN_WIDTH;
  for (const l of narrativeLines(n, { highlight: false })) {
    const cell = ws.addRow([l.text]).getCell(1);
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (l.bold) cell.font = { bold: true };
  }
}

/** A findings sheet written by an earlier annotation or by the add-in: its name, summary line and column headers. */
function isOurResultSheet(ws: ExcelJS.Worksheet): boolean {
  if (!RESULT_NAME_RE.test(ws.name)) return false;
  const summary = ws.getCell(1, 1).value;
  if (typeof summary !== 'string' || !summary.startsWith(`${RESULT_SHEET}：`)) return false;
  const header = ws.getRow(RESULT_HEADER_ROW);
  return COLUMNS.every((c, i) => header.getCell(i + 1).value === c.header);
}

function addResultSheet(workbook: ExcelJS.Workbook, findings: readonly Finding[], ignoredCount: number): void {
  for (const old of workbook.worksheets.filter(isOurResultSheet)) workbook.removeWorksheet(old.id);
  const firstOrder = Math.min(0, ...workbook.worksheets.map(orderOf));
  // The sheet goes first and is the one shown on opening. Two selected tabs would put
  // Excel in group editing: exceljs 4.4 drops tabSelected when it reads a file, and
  // should it ever keep it, the others are deselected here (the flag is not in its typings).
  for (const ws of workbook.worksheets) {
    for (const v of (ws.views ?? []) as Array<{ tabSelected?: boolean }>) if (v.tabSelected) v.tabSelected = false;
  }
  const frozen = { state: 'frozen', xSplit: 0, ySplit: RESULT_HEADER_ROW, topLeftCell: `A${RESULT_HEADER_ROW + 1}`, activeCell: `A${RESULT_HEADER_ROW + 1}`, tabSelected: true };
  const ws = workbook.addWorksheet(freeResultName(workbook.worksheets), { views: [frozen as Partial<ExcelJS.WorksheetView>] });
  // exceljs orders sheets by orderNo (not in its typings); there is no public way to insert a sheet first.
  (ws as unknown as { orderNo: number }).orderNo = firstOrder - 1;
  const view = workbook.views?.[0];
  workbook.views = [
    { x: 0, y: 0, width: 12000, height: 8000, visibility: 'visible', ...(view ?? {}), firstSheet: 0, activeTab: 0 },
    ...(workbook.views ?? []).slice(1),
  ];

  // Printed as in Excel (../result-table.ts): landscape, one page wide, the header on every page.
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: RESULT_PRINT.orientation,
    fitToPage: true,
    fitToWidth: RESULT_PRINT.fitToWidth,
    fitToHeight: RESULT_PRINT.fitToHeight,
    printTitlesRow: `${RESULT_PRINT.titleRows}:${RESULT_PRINT.titleRows}`,
  };

  const title = ws.getCell(1, 1);
  title.value = resultSummary(findings, ignoredCount);
  title.font = { bold: true, size: 12 };
  ws.getCell(2, 1).value = resultLegend('copy');

  const header = ws.getRow(RESULT_HEADER_ROW);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = solidFill('F2F2F2');
    cell.border = { bottom: { style: 'thin' } };
    const column = ws.getColumn(i + 1);
    column.width = c.width;
    column.alignment = RESULT_WRAPPED_COLUMNS.includes(i) ? { wrapText: true, vertical: 'top' } : { vertical: 'top' };
  });

  findings.forEach((f, i) => {
    const r = resultRow(f);
    const row = ws.getRow(RESULT_HEADER_ROW + 1 + i);
    r.texts.forEach((t, k) => {
      const cell = row.getCell(1 + k);
      cell.value = t;
      if (RESULT_WRAPPED_COLUMNS.includes(k)) cell.alignment = { wrapText: true, vertical: 'top' };
    });
    const level = row.getCell(1);
    level.fill = solidFill(HIGHLIGHT[f.severity].fill);
    level.font = { color: { argb: argb(HIGHLIGHT[f.severity].font) } };
    r.amounts.forEach((v, k) => {
      if (v === null) return;
      const cell = row.getCell(5 + k);
      cell.value = v;
      cell.numFmt = RESULT_AMOUNT_FORMAT;
    });
    if (r.link) {
      const cell = row.getCell(CELLS_COL);
      // A HYPERLINK formula rather than exceljs's hyperlink value: exceljs writes an
      // internal link with an external relationship as well, which Excel and WPS
      // open as a file path. HYPERLINK("#'Sheet'!A1") works in all of them.
      cell.value = { formula: `HYPERLINK(${formulaString(internalLink(r.link))},${formulaString(r.cells)})`, result: r.cells };
      cell.font = { color: { argb: 'FF0563C1' }, underline: true };
      cell.alignment = { wrapText: true, vertical: 'top' };
    }
  });
  if (findings.length === 0) ws.getCell(RESULT_HEADER_ROW + 1, 1).value = NO_FINDINGS;
  ws.autoFilter = { from: { row: RESULT_HEADER_ROW, column: 1 }, to: { row: RESULT_HEADER_ROW, column: CELLS_COL } };
}

function orderOf(ws: ExcelJS.Worksheet): number {
  const n = (ws as unknown as { orderNo?: number }).orderNo;
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}
