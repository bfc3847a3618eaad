/**
 * The two sheets the annotated copy adds, written as SpreadsheetML text: the
 * 检查结果 list (the layout of ../../result-table.ts: summary line, legend,
 * header, one row per finding with a link to its cells; frozen header,
 * filters, landscape one page wide) and the drafted 情况说明（生成稿）.
 * Text is written inline, so the workbook's shared strings are not touched.
 */
import type { CellRef } from '../../../core/grid/grid';
import type { Finding } from '../../../core/rules/finding';
import type { Narrative } from '../../../core/narrative/types';
import { cellA1 } from '../../../core/grid/a1';
import { HIGHLIGHT } from '../../highlight-style';
import { NARRATIVE_COLUMN_WIDTH, narrativeLines } from '../../narrative-sheet';
import { NO_FINDINGS, RESULT_COLUMNS, RESULT_HEADER_ROW, RESULT_PRINT, RESULT_WRAPPED_COLUMNS, resultLegend, resultRow, resultSummary } from '../../result-table';
import { columnName } from '../cells';
import { escapeXml } from '../xml';
import type { StylesEdit } from './styles-edit';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The target of an in-workbook link: #'Sheet'!C9 (always quoted, ' doubled). */
export function internalLink(ref: CellRef): string {
  return `#'${ref.sheet.replace(/'/g, "''")}'!${cellA1(ref.row, ref.col)}`;
}

/** A string literal in a formula. */
const formulaString = (s: string): string => `"${s.replace(/"/g, '""')}"`;

type Cell = { readonly text: string } | { readonly number: number } | { readonly formula: string; readonly result: string };

/** A row of cells (by 0-based column) with their formats. */
type Row = ReadonlyArray<readonly [number, Cell, number]>;

function cellXml(row: number, col: number, c: Cell, xf: number): string {
  const r = `${columnName(col)}${row + 1}`;
  const s = xf ? ` s="${xf}"` : '';
  if ('number' in c) return `<c r="${r}"${s}><v>${c.number}</v></c>`;
  if ('formula' in c) return `<c r="${r}"${s} t="str"><f>${escapeXml(c.formula)}</f><v>${escapeXml(c.result)}</v></c>`;
  return `<c r="${r}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(c.text)}</t></is></c>`;
}

/** Width of a text in column-width units: a CJK or full-width character takes two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * A row's height when a wrapped cell needs more than one line: neither
 * LibreOffice nor Excel grows a row on opening a file, so the lines would be
 * cut off. Estimated from the text's width and the column's.
 */
function rowHeight(cells: Row, widths: readonly number[] | undefined): number | undefined {
  if (!widths) return undefined;
  let lines = 1;
  for (const [col, c] of cells) {
    const w = widths[col];
    const text = 'text' in c ? c.text : 'result' in c ? c.result : '';
    if (w) lines = Math.max(lines, ...text.split('\n').map((l) => Math.max(1, Math.ceil(textWidth(l) / (w - 1)))));
  }
  return lines > 1 ? Math.min(409, lines * 15) : undefined;
}

/** The rows; `wrapWidths(i)`: each wrapped column's width in row i (others undefined), for rows that need more than one line. */
function sheetDataXml(rows: readonly Row[], wrapWidths: (row: number) => readonly number[] | undefined = () => undefined): string {
  return rows
    .map((cells, i) => {
      if (!cells.length) return '';
      const ht = rowHeight(cells, wrapWidths(i));
      return `<row r="${i + 1}"${ht ? ` ht="${ht}" customHeight="1"` : ''}>${cells.map(([col, c, xf]) => cellXml(i, col, c, xf)).join('')}</row>`;
    })
    .join('');
}

export interface NewSheet {
  readonly xml: string;
  /** Names local to the sheet (print titles, the filter's range), written with its index once known. */
  readonly localNames: ReadonlyArray<{ readonly name: string; readonly refersTo: (sheetName: string) => string; readonly hidden?: boolean }>;
}

const quoted = (sheet: string): string => `'${sheet.replace(/'/g, "''")}'`;

/**
 * The 检查结果 sheet. `linkable`: the sheets of the copy a link may go to (a
 * finding on a narrative checked from a .docx has cells in no sheet of it:
 * its cells are listed, without a link that would lead nowhere).
 */
export function resultSheet(findings: readonly Finding[], ignoredCount: number, styles: StylesEdit, linkable: (sheet: string) => boolean): NewSheet {
  const top = styles.look({ top: true });
  const wrap = styles.look({ top: true, wrap: true });
  const header = (i: number) => styles.look({ bold: true, fill: 'F2F2F2', bottomBorder: true, top: true, wrap: RESULT_WRAPPED_COLUMNS.includes(i) });
  const amount = styles.look({ top: true, numFmtId: 4 });
  const link = styles.look({ top: true, wrap: true, color: '0563C1', underline: true });
  const lastCol = RESULT_COLUMNS.length - 1;

  const rows: Row[] = [
    [[0, { text: resultSummary(findings, ignoredCount) }, styles.look({ bold: true, size: 12 })]],
    [[0, { text: resultLegend('copy') }, 0]],
    RESULT_COLUMNS.map((c, i) => [i, { text: c.header }, header(i)] as const),
  ];
  for (const f of findings) {
    const r = resultRow(f);
    const level = styles.look({ top: true, fill: HIGHLIGHT[f.severity].fill, color: HIGHLIGHT[f.severity].font });
    const row: Array<readonly [number, Cell, number]> = r.texts.map((t, k) => [k, { text: t }, k === 0 ? level : RESULT_WRAPPED_COLUMNS.includes(k) ? wrap : top] as const);
    r.amounts.forEach((v, k) => {
      if (v !== null) row.push([4 + k, { number: v }, amount]);
    });
    // A HYPERLINK formula, not a hyperlink element: it opens the cell in Excel, WPS and LibreOffice alike.
    if (r.link && linkable(r.link.sheet)) row.push([lastCol, { formula: `HYPERLINK(${formulaString(internalLink(r.link))},${formulaString(r.cells)})`, result: r.cells }, link]);
    else if (r.cells) row.push([lastCol, { text: r.cells }, wrap]);
    rows.push(row);
  }
  if (findings.length === 0) rows.push([[0, { text: NO_FINDINGS }, 0]]);

  const lastRow = rows.length;
  const h = RESULT_HEADER_ROW;
  // Finding rows grow to show a long 说明 or 单元格 whole; the summary and legend run on across the row.
  const wrapWidths = RESULT_COLUMNS.map((c, i) => (RESULT_WRAPPED_COLUMNS.includes(i) ? c.width : 0));
  const cols = RESULT_COLUMNS.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1" style="${RESULT_WRAPPED_COLUMNS.includes(i) ? wrap : top}"/>`).join('');
  const filter = `A${h}:${columnName(lastCol)}${Math.max(h, lastRow)}`;
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<dimension ref="A1:${columnName(lastCol)}${lastRow}"/>` +
    `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="${h}" topLeftCell="A${h + 1}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="A${h + 1}" sqref="A${h + 1}"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols>` +
    `<sheetData>${sheetDataXml(rows, (i) => (i >= h ? wrapWidths : undefined))}</sheetData>` +
    `<autoFilter ref="${filter}"/>` +
    `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `<pageSetup paperSize="9" orientation="${RESULT_PRINT.orientation}" fitToWidth="${RESULT_PRINT.fitToWidth}" fitToHeight="${RESULT_PRINT.fitToHeight}"/>` +
    `</worksheet>`;
  const abs = (a1: string) => a1.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  return {
    xml,
    localNames: [
      { name: '_xlnm._FilterDatabase', refersTo: (s) => `${quoted(s)}!${abs(filter.split(':')[0]!)}:${abs(filter.split(':')[1]!)}`, hidden: true },
      { name: '_xlnm.Print_Titles', refersTo: (s) => `${quoted(s)}!$${RESULT_PRINT.titleRows}:$${RESULT_PRINT.titleRows}` },
    ],
  };
}

/**
 * The drafted narrative: one paragraph per row, headings bold, nothing
 * coloured (a placeholder is the 【…】 in the text, and no cell of the draft
 * looks like a finding).
 */
export function narrativeSheet(n: Narrative, styles: StylesEdit): NewSheet {
  const plain = styles.look({ top: true, wrap: true });
  const bold = styles.look({ top: true, wrap: true, bold: true });
  const rows: Row[] = narrativeLines(n, { highlight: false }).map((l) => [[0, { text: l.text }, l.bold ? bold : plain]]);
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<dimension ref="A1:A${Math.max(1, rows.length)}"/>` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    `<cols><col min="1" max="1" width="${NARRATIVE_COLUMN_WIDTH}" customWidth="1" style="${plain}"/></cols>` +
    `<sheetData>${sheetDataXml(rows, () => [NARRATIVE_COLUMN_WIDTH])}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  return { xml, localNames: [] };
}
