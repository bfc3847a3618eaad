/**
 * The exceljs host: an .xlsx file's bytes → the core's WorkbookGrid.
 *
 * No Node API is used here (only exceljs, and jszip in ./cached-results.ts), so
 * the same code can run in the browser page; reading from disk and classifying
 * bad files is in ./read-file.ts.
 */
import ExcelJS from 'exceljs';
import { type CellRange, type GridCell, type RangeName, type SheetGrid, type WorkbookGrid, SparseSheet } from '../../core/grid/grid';
import { parseSheetRange } from '../../core/grid/a1';
import { formatWithNumberFormat } from '../../core/numbers/parse';


/**
 * A formula cell exceljs loaded without a result: its cached value, if the file
 * has one, is looked up in the sheet XML once every sheet has been read.
 */
interface Unresolved {
  readonly address: string;
  readonly row: number;
  readonly col: number;
  readonly formula: string | undefined;
  readonly numFmt: string | undefined;
}

interface SheetParts {
  readonly name: string;
  readonly rows: Array<Array<GridCell | undefined> | undefined>;
  readonly ranges: CellRange[];
  readonly rowCount: number;
  readonly colCount: number;
  readonly unresolved: Unresolved[];
}

/** Loads an .xlsx workbook (every sheet, hidden ones included) into the host-neutral grid. */
export async function loadWorkbookGrid(data: ArrayBuffer | Uint8Array | Buffer): Promise<WorkbookGrid> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares load(buffer: Buffer) with its own Buffer type; JSZip underneath takes all three.
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  const sheets = workbook.worksheets.map(readSheet);
  // Formulas exceljs has no result for: a cached "" (which exceljs drops) or truly never calculated (no <v>).
  // Only the XML tells them apart; it is read again only in that case and only for those sheets.
  const wanted = new Map<string, Set<string>>();
  for (const s of sheets) if (s.unresolved.length > 0) wanted.set(s.name, new Set(s.unresolved.map((u) => u.address)));
  if (wanted.size > 0) {
    const { readCachedResults } = await import('./cached-results');
    const cached = await readCachedResults(data, wanted);
    for (const s of sheets) {
      const found = cached.get(s.name);
      if (!found) continue;
      for (const u of s.unresolved) {
        const v = found.get(u.address);
        if (v !== undefined) s.rows[u.row]![u.col] = gridCell(v, u.formula, u.numFmt);
      }
    }
  }
  return { sheets: sheets.map((s) => new SparseSheet(s.name, s.rows, s.ranges, s.rowCount, s.colCount)), rangeNames: rangeNames(workbook) };
}

/** The workbook's names of one range each (the add-in saves its mapping in some). */
function rangeNames(workbook: ExcelJS.Workbook): RangeName[] {
  const model = (workbook.definedNames as unknown as { model?: Array<{ name: string; ranges?: string[] }> }).model ?? [];
  const out: RangeName[] = [];
  for (const n of model) {
    if (n.ranges?.length !== 1) continue;
    const at = parseSheetRange(n.ranges[0]!);
    if (at) out.push({ name: n.name, ...at });
  }
  return out;
}

function readSheet(ws: ExcelJS.Worksheet): SheetParts {
  const rows: Array<Array<GridCell | undefined> | undefined> = [];
  const unresolved: Unresolved[] = [];
  // Merged areas keyed by their master's 0-based position, grown from the slave cells exceljs reports.
  const merges = new Map<number, { top: number; left: number; bottom: number; right: number }>();
  let rowCount = 0;
  let colCount = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = colNumber - 1;
      if (cell.type === ExcelJS.ValueType.Merge) {
        // A slave of a merged area: exceljs points it at the top-left master. The
        // public cell API is used rather than worksheet.model.merges, whose getter
        // rebuilds the model of every row of the sheet.
        const master = cell.master;
        const top = Number(master.row) - 1;
        const left = Number(master.col) - 1;
        const key = top * 16_384 + left; // 16384 = Excel's column limit
        const m = merges.get(key);
        if (m) {
          m.bottom = Math.max(m.bottom, r);
          m.right = Math.max(m.right, c);
        } else {
          merges.set(key, { top, left, bottom: Math.max(top, r), right: Math.max(left, c) });
        }
        return;
      }
      const g = toGridCell(cell);
      if (!g) return;
      if (g.formula !== undefined && g.value === null) unresolved.push({ address: cell.address, row: r, col: c, formula: g.formula, numFmt: g.numberFormat });
      let cells = rows[r];
      if (!cells) rows[r] = cells = [];
      cells[c] = g;
      if (r + 1 > rowCount) rowCount = r + 1;
      if (c + 1 > colCount) colCount = c + 1;
    });
  });
  const ranges: CellRange[] = [...merges.values()].sort((a, b) => a.top - b.top || a.left - b.left);
  for (const m of ranges) {
    if (m.bottom + 1 > rowCount) rowCount = m.bottom + 1;
    if (m.right + 1 > colCount) colCount = m.right + 1;
  }
  return { name: ws.name, rows, ranges, rowCount, colCount, unresolved };
}

type Scalar = string | number | boolean | null;

/** yyyy-mm-dd (with hh:mm:ss when there is a time of day). exceljs gives dates as UTC instants of the serial date. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const day = `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const mi = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h || mi || s ? `${day} ${p(h)}:${p(mi)}:${p(s)}` : day;
}

function richTextOf(v: unknown): string | undefined {
  if (v && typeof v === 'object' && Array.isArray((v as { richText?: unknown }).richText)) {
    return (v as ExcelJS.CellRichTextValue).richText.map((run) => run.text ?? '').join('');
  }
  return undefined;
}

/** A plain value, a formula's cached result or a hyperlink's text → the grid's scalar. */
function scalarOf(v: unknown): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateText(v);
  if (typeof v === 'object') {
    const rich = richTextOf(v);
    if (rich !== undefined) return rich;
    const o = v as { error?: unknown; text?: unknown };
    if (typeof o.error === 'string') return o.error;
    if (o.text !== undefined) return scalarOf(o.text); // hyperlink: text may itself be rich text
  }
  return null;
}

function toGridCell(cell: ExcelJS.Cell): GridCell | undefined {
  let value: Scalar;
  let formula: string | undefined;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return undefined;
    case ExcelJS.ValueType.Formula: {
      const fv = cell.value as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
      // For a shared formula's other cells exceljs translates the master's formula to this cell.
      formula = cell.formula || ('formula' in fv ? fv.formula : undefined) || undefined;
      // The cached result from exceljs's own model: cell.value is a copy that drops every falsy
      // result (a cached 0, FALSE, -0), so a zero total would read as never calculated.
      // A formula never calculated (written by a program, not by Excel) has none: null here,
      // and a cached "" is looked up in the XML afterwards (exceljs keeps neither).
      value = scalarOf(cell.result);
      break;
    }
    default:
      value = scalarOf(cell.value);
  }
  if (value === '' && formula === undefined) return undefined;
  return gridCell(value, formula, cell.numFmt || undefined);
}

function gridCell(value: Scalar, formula: string | undefined, numFmt: string | undefined): GridCell {
  const text =
    typeof value === 'number'
      ? formatWithNumberFormat(value, numFmt)
      : typeof value === 'boolean'
        ? value
          ? 'TRUE'
          : 'FALSE'
        : value ?? undefined;
  const out: { -readonly [K in keyof GridCell]: GridCell[K] } = { value };
  if (text !== undefined) out.text = text;
  if (numFmt !== undefined) out.numberFormat = numFmt;
  if (formula !== undefined) out.formula = formula;
  return out;
}
