/**
 * Tables of 科目 rows: 功能分类科目编码 | 科目名称 | amounts, with a 合计 row
 * first or last; codes in one column or split 类 | 款 | 项; 项 rows only
 * (Hunan) or 类/款/项 subtotal rows (national).
 */
import { readAmountText, readCode } from '../../numbers/parse';
import type { TableTemplate } from '../../templates/types';
import { EXPENSE_CLASSES } from '../../templates/subjects';
import { isLaneRow, lanesOf, matchColumns, readColumnHeaders } from '../headers';
import { type SheetView, isNoteText } from '../sheet-view';
import type { MappedColumn, MappedItem, MappedTotal } from '../types';
import { type ParseResult, type Region, readMeta, readNotes, tableIdentity } from './region';

const TOTAL_LABELS = new Set(['合计', '总计', '合计数']);
const CODE_HEADERS = new Set(['功能分类科目编码', '科目编码', '科目代码', '编码', '功能分类科目代码', '支出功能分类科目编码', '代码']);
const NAME_HEADERS = new Set(['科目名称', '名称', '项目名称']);
/** The sub-labels over split code columns. */
const SUB_LABELS = new Set(['类', '款', '项']);

const CLASS_CODES: ReadonlySet<string> = new Set(EXPENSE_CLASSES.map((c) => c.code));

/**
 * A 功能分类 code: 3, 5 or 7 digits under one of the 类 (201 … 234). An amount is none, even a whole
 * one: 280 is no 类, and 212.00 or 2,120,801 are shown as amounts are.
 */
function functionalCode(view: SheetView, r: number, c: number): { code: string; rest: string } | undefined {
  const cell = view.cell(r, c);
  if (typeof cell?.value === 'number' && /[.,]/.test(view.text(r, c))) return undefined;
  const code = readCode(cell);
  if (!code || !CLASS_CODES.has(code.code.slice(0, 3))) return undefined;
  return code;
}

interface CodeColumns {
  /** One column holding the whole code. */
  readonly single?: number;
  /** Split 类 | 款 | 项 columns. */
  readonly split?: { readonly lei: number; readonly kuan: number; readonly xiang: number };
}

/** Reads the code of row r; for split columns joins 201 | 03 | 01. */
function codeAt(view: SheetView, r: number, cc: CodeColumns): { code: string; rest: string } | undefined {
  if (cc.single !== undefined) return functionalCode(view, r, cc.single);
  if (!cc.split) return undefined;
  const lei = view.norm(r, cc.split.lei);
  const kuan = view.norm(r, cc.split.kuan);
  const xiang = view.norm(r, cc.split.xiang);
  if (!/^2\d\d$/.test(lei)) {
    // Some units write the full code in the 项 column.
    return functionalCode(view, r, cc.split.xiang) ?? functionalCode(view, r, cc.split.lei);
  }
  if (kuan === '' ) return { code: lei, rest: '' };
  if (!/^\d{1,2}$/.test(kuan)) return undefined;
  const k = kuan.padStart(2, '0');
  if (xiang === '') return { code: lei + k, rest: '' };
  if (!/^\d{1,2}$/.test(xiang)) return undefined;
  return { code: lei + k + xiang.padStart(2, '0'), rest: '' };
}

function findCodeColumns(view: SheetView, region: Region): CodeColumns | undefined {
  // Split columns announce themselves in the header: 类 款 项 side by side.
  for (let r = region.top; r <= Math.min(region.bottom, region.top + 12); r++) {
    for (let c = region.left; c + 2 <= region.right; c++) {
      if (view.shownNorm(r, c) === '类' && view.shownNorm(r, c + 1) === '款' && view.shownNorm(r, c + 2) === '项') {
        return { split: { lei: c, kuan: c + 1, xiang: c + 2 } };
      }
    }
  }
  // Otherwise the column, among the first few, with most codes; one headed 编码/代码 goes first, and a
  // column left of the names before one right of them (amounts stand right of the names).
  let best: { col: number; n: number } | undefined;
  const lastCol = Math.min(region.right, region.left + 5);
  const headed = (c: number) => {
    for (let r = region.top; r <= Math.min(region.bottom, region.top + 12); r++) if (CODE_HEADERS.has(view.shownNorm(r, c))) return true;
    return false;
  };
  for (let c = region.left; c <= lastCol; c++) {
    let n = 0;
    for (let r = region.top; r <= region.bottom; r++) if (functionalCode(view, r, c)) n++;
    if (n > 0 && headed(c)) return { single: c };
    if (n > 0 && (!best || n > best.n)) best = { col: c, n };
  }
  if (best) return { single: best.col };
  // An empty table has no codes: its code column is the one headed 科目编码, or where 合计 stands.
  for (let r = region.top; r <= region.bottom; r++) {
    for (let c = region.left; c <= lastCol; c++) {
      if (CODE_HEADERS.has(view.shownNorm(r, c))) return { single: c };
    }
  }
  return undefined;
}

/** A cell holding a number (not blank, not text). */
function isAmountCell(view: SheetView, r: number, c: number): boolean {
  const cell = view.cell(r, c);
  if (!cell) return false;
  if (typeof cell.value === 'number') return cell.value !== 0;
  const p = readAmountText(view.text(r, c));
  return p !== undefined && p !== 'empty' && /[1-9]/.test(p.intDigits + p.fracDigits);
}

/** Small whole numbers running down the rows (1, 2, 3 …): a 行次 column without its header. */
function isLineNumbers(view: SheetView, c: number, rows: readonly number[]): boolean {
  const ns = rows.map((r) => view.norm(r, c)).filter((t) => t !== '');
  return ns.length >= 3 && ns.every((t, i) => /^\d{1,3}$/.test(t) && (i === 0 || Number(t) > Number(ns[i - 1])));
}

function isTotalLabel(norm: string): boolean {
  return TOTAL_LABELS.has(norm);
}

export function parseCodeList(region: Region, template: TableTemplate): ParseResult | undefined {
  const view = region.view;
  const specs = template.columns ?? [];
  const cc = findCodeColumns(view, region);
  if (!cc) return sentenceOnly(region, template);
  const codeCol = cc.single ?? cc.split!.lei;
  const lastCodeCol = cc.single ?? cc.split!.xiang;

  // The first data row: a code, or 合计 in the code or name column.
  let firstData = -1;
  for (let r = region.top; r <= region.bottom && firstData < 0; r++) {
    if (codeAt(view, r, cc)) firstData = r;
    else
      for (let c = codeCol; c <= Math.min(lastCodeCol + 1, region.right); c++) {
        if (isTotalLabel(view.norm(r, c))) {
          firstData = r;
          break;
        }
      }
  }
  if (firstData < 0) return sentenceOnly(region, template);

  // Header rows: between the title lines and the first data row, without the 栏次 row.
  let laneRow: number | undefined;
  const headerRows: number[] = [];
  for (let r = region.top; r < firstData; r++) {
    if (region.titleRow !== undefined && r <= region.titleRow) continue;
    if (isLaneRow(view, r, region.left, region.right)) {
      laneRow = r;
      continue;
    }
    headerRows.push(r);
  }

  // The name column: headed 科目名称, else right of the code.
  let nameCol = lastCodeCol + 1;
  for (const r of headerRows) {
    for (let c = codeCol; c <= Math.min(region.right, lastCodeCol + 3); c++) {
      if (NAME_HEADERS.has(view.shownNorm(r, c))) nameCol = c;
    }
  }
  // Code and name in one cell: the column after the code is already an amount column.
  if (!headerRows.some((r) => NAME_HEADERS.has(view.shownNorm(r, nameCol)))) {
    const next = readColumnHeaders(view, headerRows, nameCol, nameCol)[0];
    if (next && specs.some((sp) => sp.match.some((alt) => alt.every((t) => next.texts.includes(t))))) nameCol = lastCodeCol;
  }
  const headers = readColumnHeaders(view, headerRows, nameCol + 1, region.right);
  const matched = matchColumns(specs, headers);
  // Columns the header did not name may still carry their 栏次.
  if (laneRow !== undefined && matched.size < specs.length) {
    const lanes = lanesOf(view, laneRow, nameCol + 1, region.right);
    const usedCols = new Set([...matched.values()].map((h) => h.col));
    for (const spec of specs) {
      if (matched.has(spec.key) || spec.lane === undefined) continue;
      const col = lanes.get(spec.lane);
      const h = headers.find((x) => x.col === col);
      if (h && !usedCols.has(h.col)) {
        matched.set(spec.key, h);
        usedCols.add(h.col);
      }
    }
  }
  if (matched.size === 0) return undefined;
  const columns: MappedColumn[] = specs
    .filter((s) => matched.has(s.key))
    .map((s) => ({ key: s.key, col: matched.get(s.key)!.col, header: matched.get(s.key)!.display }));
  const amountCols = columns.map((c) => c.col);
  const maxCol = Math.max(...amountCols);
  const ownHeaderTexts = new Set(headers.flatMap((h) => h.texts));
  for (const r of headerRows) for (let c = region.left; c <= region.right; c++) if (view.shownNorm(r, c)) ownHeaderTexts.add(view.shownNorm(r, c));

  const items: MappedItem[] = [];
  const totals: MappedTotal[] = [];
  const dataRows: number[] = [];
  const unplaced: Array<{ row: number; col: number; text: string; why: string }> = [];
  let lastRow = firstData;
  let blanks = 0;
  let r = firstData;
  for (; r <= region.bottom; r++) {
    const cells = view.rowCells(r, region.left, region.right);
    if (cells.length === 0) {
      if (++blanks >= 5) break;
      continue;
    }
    blanks = 0;
    if (isNoteText(cells[0]!.norm)) break;
    const code = codeAt(view, r, cc);
    const nameText = nameCol === lastCodeCol ? '' : view.text(r, nameCol).trim();
    if (code) {
      const name = (nameText || code.rest).replace(/\s+/g, '');
      items.push({ code: code.code, name, row: r, nameCol: nameText ? nameCol : codeCol });
      dataRows.push(r);
      lastRow = r;
      continue;
    }
    // A 合计 row may carry the header's 类 | 款 | 项 in its code cells (the header's last row and the 合计 row are one).
    const label = [codeCol, lastCodeCol, nameCol].map((c) => view.norm(r, c)).find((t) => t !== '' && !SUB_LABELS.has(t)) ?? '';
    if (isTotalLabel(label)) {
      totals.push({ key: 'total', row: r, label });
      dataRows.push(r);
      lastRow = r;
      continue;
    }
    // Text in the amount columns: this table's header repeated (a page break pasted from a PDF) is
    // skipped; any other is the header of the next table (stacked tables without titles).
    const texts = amountCols.map((c) => view.norm(r, c)).filter((t) => t !== '' && readAmountText(t) === undefined);
    if (texts.length > 0 && cells.length >= 2) {
      if (texts.every((t) => ownHeaderTexts.has(t)) || isLaneRow(view, r, region.left, region.right)) continue;
      break;
    }
    // Zeros on a row without a code or a name are a blank row with formulas in it (a spare row of a template), not an amount to place.
    const hasAmount = amountCols.some((c) => {
      const t = view.norm(r, c);
      const n = t === '' ? 'empty' : readAmountText(t);
      return n !== 'empty' && (n === undefined || /[1-9]/.test(n.intDigits + n.fracDigits));
    });
    if (!hasAmount) {
      // A line of text under the table that is not a note ends it.
      if (items.length + totals.length > 0 && cells.every((x) => x.col > maxCol || x.col <= nameCol)) {
        const t = cells.map((x) => x.text.trim()).join(' ');
        if (/故本表无数据|本表无数据|无此项|本单位无|没有/.test(t)) break;
      }
      continue;
    }
    unplaced.push({ row: r, col: cells[0]!.col, text: cells.map((x) => x.text.trim()).join(' '), why: '有金额但没有科目编码' });
    lastRow = r;
  }
  const { notes, lastRow: notesEnd } = readNotes(region, lastRow + 1);
  const meta = readMeta(region, firstData - 1);
  // Columns with amounts that no template column took: a header worded otherwise (财政补助收入 for 财政拨款收入).
  const unmatchedColumns = headers
    .filter((h) => !amountCols.includes(h.col) && h.col <= region.right)
    // A 行次 column numbers the rows: no amounts there.
    .filter((h) => !h.texts.includes('行次') && !isLineNumbers(view, h.col, dataRows))
    .filter((h) => dataRows.some((r) => isAmountCell(view, r, h.col)))
    .map((h) => ({ col: h.col, header: h.display }));

  const score =
    columns.length * 2 +
    items.length +
    totals.length * 2 +
    (region.title ? 5 : 0) -
    unplaced.length;
  return {
    score,
    table: {
      ...tableIdentity(region, template, meta),
      top: region.foundBy === 'header' ? (headerRows[0] ?? firstData) : region.top,
      left: Math.min(codeCol, ...amountCols),
      bottom: Math.max(lastRow, notesEnd),
      right: Math.max(maxCol, region.left),
      columns,
      rows: [],
      items,
      totals,
      dataRows,
      ...(unmatchedColumns.length ? { unmatchedColumns } : {}),
      ...(laneRow !== undefined ? { laneRow } : {}),
      notes,
      unplaced,
    },
  };
}

/**
 * 公开07表/08表 published as a title and one sentence (本单位无政府性基金…，故本表无数据。):
 * the table is there, and empty.
 */
function sentenceOnly(region: Region, template: TableTemplate): ParseResult | undefined {
  if (!template.mayBeEmpty || region.titleRow === undefined) return undefined;
  const view = region.view;
  for (let r = region.titleRow + 1; r <= Math.min(region.bottom, region.titleRow + 8); r++) {
    for (const cell of view.rowCells(r, region.left, region.right)) {
      if (!/本表无数据|故本表无|本单位(本年度)?(无|没有)/.test(cell.norm)) continue;
      const meta = readMeta(region, r - 1);
      return {
        score: 3,
        table: {
          ...tableIdentity(region, template, meta),
          top: region.top,
          left: region.left,
          bottom: r,
          right: Math.max(region.left, cell.col),
          columns: [],
          rows: [],
          items: [],
          totals: [],
          dataRows: [],
          notes: [{ text: cell.text.trim(), row: r, col: cell.col }],
          unplaced: [],
        },
      };
    }
  }
  return undefined;
}
