/**
 * 一般公共预算财政拨款基本支出决算（明细）表: blocks of
 * 科目代码 | 科目名称 | 决算数 side by side (three in Hunan, two in the
 * national template), with 人员经费合计 and 公用经费合计 at the foot.
 */
import { readAmountText, readCode } from '../../numbers/parse';
import { ECONOMIC_CODES } from '../../templates/subjects';
import type { TableTemplate } from '../../templates/types';
import { type SheetView, isNoteText } from '../sheet-view';
import type { MappedItem, MappedTotal } from '../types';
import { type ParseResult, type Region, readMeta, readNotes, tableIdentity } from './region';

const KNOWN_ECONOMIC_CODES: ReadonlySet<string> = new Set(ECONOMIC_CODES.map((c) => c.code));

/** The 类 of the 经济分类 a basic-expenditure table prints. */
const ECONOMIC_CLASSES = new Set(['301', '302', '303', '307', '309', '310', '311', '312', '313', '399']);

function economicCode(view: SheetView, r: number, c: number): { code: string; rest: string } | undefined {
  // An amount shown with decimals (306.00) is not a code, even when its value is a whole number.
  if (/[.,]/.test(view.text(r, c))) return undefined;
  const code = readCode(view.cell(r, c));
  if (!code || (code.code.length !== 3 && code.code.length !== 5) || !ECONOMIC_CLASSES.has(code.code.slice(0, 3))) return undefined;
  return code;
}

/** A 款 column beside a 类 column: headed 款, or holding two-digit codes (01 … 99). */
function isKuanColumn(view: SheetView, region: Region, c: number): boolean {
  if (c > region.right) return false;
  let twoDigit = 0;
  for (let r = region.top; r <= region.bottom; r++) {
    const n = view.norm(r, c);
    if (n === '款' && view.norm(r, c - 1) === '类') return true;
    if (/^\d{2}$/.test(n)) twoDigit++;
  }
  return twoDigit >= 2;
}

/**
 * A code written over 类 | 款 (301 | 01 基本工资; 301 | blank 工资福利支出), the 款 row
 * taking the 类 of the row above when its own 类 cell is blank.
 */
function splitEconomicCode(view: SheetView, r: number, clsCol: number, kuanCol: number, lastClass: string | undefined): { code: string; rest: string } | undefined {
  const own = economicCode(view, r, clsCol);
  const kuan = view.norm(r, kuanCol);
  if (own && own.code.length === 5) return own; // the whole code in the 类 column
  const cls = own?.code ?? (view.norm(r, clsCol) === '' ? lastClass : undefined);
  if (!cls) return undefined;
  if (kuan === '') return own ? { code: cls, rest: own.rest } : undefined;
  if (!/^\d{1,2}$/.test(kuan)) return undefined;
  return { code: cls + kuan.padStart(2, '0'), rest: '' };
}

function isNumberCell(view: SheetView, r: number, c: number): boolean {
  const cell = view.cell(r, c);
  if (!cell) return false;
  if (typeof cell.value === 'number') return true;
  const p = readAmountText(view.text(r, c));
  return p !== undefined && p !== 'empty';
}

export function parseEconomicBlocks(region: Region, template: TableTemplate): ParseResult | undefined {
  const view = region.view;
  const spec = template.economic;
  if (!spec) return undefined;

  // Code columns: those holding several 经济分类 codes, or a 类 code (a block that lists only its rows with figures).
  const codeCols: number[] = [];
  for (let c = region.left; c <= region.right; c++) {
    let n = 0;
    let cls = false;
    for (let r = region.top; r <= region.bottom && n < 3; r++) {
      const code = economicCode(view, r, c);
      if (code) {
        n++;
        if (code.code.length === 3) cls = true;
      }
    }
    if (n >= 3 || (n >= 1 && cls)) codeCols.push(c);
  }
  if (codeCols.length === 0) return undefined;

  const items: MappedItem[] = [];
  let firstRow = Number.POSITIVE_INFINITY;
  let lastRow = -1;
  const blocks = codeCols.map((c, i) => {
    const next = codeCols[i + 1] ?? region.right + 1;
    const kuanCol = isKuanColumn(view, region, c + 1) ? c + 1 : undefined;
    const nameCol = (kuanCol ?? c) + 1;
    // The amount column is headed 决算数; without a header it is the column after the name.
    // The block's own 决算数 column: the first one after its code column.
    let amountCol = Math.min(nameCol + 1, next - 1);
    search: for (let r = region.top; r <= region.bottom; r++) {
      for (let k = c + 1; k < next; k++) {
        if (view.shownNorm(r, k) === '决算数') {
          amountCol = k;
          break search;
        }
      }
    }
    return { codeCol: c, kuanCol, nameCol, amountCol, end: next - 1 };
  });
  for (const b of blocks) {
    let cls: string | undefined;
    for (let r = region.top; r <= region.bottom; r++) {
      if (isNoteText(view.norm(r, region.left))) break;
      const code = b.kuanCol === undefined ? economicCode(view, r, b.codeCol) : splitEconomicCode(view, r, b.codeCol, b.kuanCol, cls);
      if (!code) continue;
      cls = code.code.slice(0, 3);
      const nameText = b.nameCol < b.amountCol ? view.text(r, b.nameCol).trim() : '';
      items.push({ code: code.code, name: (nameText || code.rest).replace(/\s+/g, ''), row: r, nameCol: nameText ? b.nameCol : b.codeCol, amountCol: b.amountCol });
      firstRow = Math.min(firstRow, r);
      lastRow = Math.max(lastRow, r);
    }
  }

  // 人员经费合计 / 公用经费合计: the amount is the first number right of the
  // label on its row, before the next label; a table pasted from a PDF puts
  // it on the line below.
  const totals: MappedTotal[] = [];
  const labelCells: Array<{ key: string; row: number; col: number; text: string }> = [];
  // Anywhere in the table: at the foot (Hunan, national) or above the list (some units' single-block layout).
  for (let r = region.top; r <= Math.min(region.bottom, lastRow + 6); r++) {
    for (const cell of view.rowCells(r, region.left, region.right)) {
      const t = spec.totals.find((x) => x.names.includes(cell.norm) && /合计|小计|总计/.test(cell.norm));
      if (t && !labelCells.some((l) => l.key === t.key)) labelCells.push({ key: t.key, row: r, col: cell.col, text: cell.text.trim() });
    }
  }
  labelCells.sort((a, b) => a.row - b.row || a.col - b.col);
  for (const [i, l] of labelCells.entries()) {
    const sameRowNext = labelCells.find((x, k) => k > i && x.row === l.row);
    const until = sameRowNext ? sameRowNext.col - 1 : region.right;
    let at: { row: number; col: number } | undefined;
    for (const r of [l.row, l.row + 1]) {
      for (let c = l.col + 1; c <= until && !at; c++) if (isNumberCell(view, r, c)) at = { row: r, col: c };
      if (at) break;
    }
    if (!at) {
      // A blank total: point at the amount column of the label's block.
      const block = [...blocks].reverse().find((b) => b.codeCol <= l.col) ?? blocks[0]!;
      at = { row: l.row, col: sameRowNext ? block.amountCol : Math.max(...blocks.filter((b) => b.codeCol >= l.col).map((b) => b.amountCol), block.amountCol) };
    }
    totals.push({ key: l.key, row: l.row, label: l.text, amountRow: at.row, amountCol: at.col });
    lastRow = Math.max(lastRow, at.row, l.row);
  }

  const { notes, lastRow: notesEnd } = readNotes(region, lastRow + 1);
  const meta = readMeta(region, firstRow - 1);
  // Any code of the 经济分类 counts, not only those the profile prints: the classification is one for every province.
  const known = KNOWN_ECONOMIC_CODES;
  const score = items.filter((i) => known.has(i.code)).length + totals.length * 3 + (region.title ? 5 : 0);
  return {
    score,
    table: {
      ...tableIdentity(region, template, meta),
      top: region.foundBy === 'header' ? Math.max(region.top, firstRow - 2) : region.top,
      left: blocks[0]!.codeCol,
      bottom: Math.max(lastRow, notesEnd),
      right: Math.max(...blocks.map((b) => b.amountCol)),
      columns: blocks.map((b, i) => ({ key: `决算数#${i + 1}`, col: b.amountCol, header: view.text(firstRow - 1, b.amountCol).trim() || '决算数' })),
      rows: [],
      items,
      totals,
      dataRows: [...new Set(items.map((i) => i.row))].sort((a, b) => a - b),
      notes,
      unplaced: [],
    },
  };
}
