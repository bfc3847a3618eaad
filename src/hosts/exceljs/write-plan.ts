/**
 * Writes a new year's WorkbookPlan (src/core/newyear) as an .xlsx with
 * exceljs: each cell styled by its role, formulas locked and the sheets
 * protected without a password (审阅 → 撤消工作表保护 opens them), inputs
 * unlocked with a data validation that says in Chinese what to type, frozen
 * header rows, A4 pages fit to width with the header repeated, and the
 * mapping saved as defined names. No Node API: the browser page uses it too.
 */
import ExcelJS from 'exceljs';
import { columnLetters, quoteSheetName } from '../../core/grid/a1';
import type { PlanCell, PlanSheet, WorkbookPlan } from '../../core/newyear/plan';

/** Shown for amounts; formulas hide a zero the way published tables leave an empty figure blank. */
const AMOUNT_FORMAT = '#,##0.00';
const DERIVED_FORMAT = '#,##0.00;-#,##0.00;""';
const FONT = '宋体';

export interface WritePlanOptions {
  /**
   * A formula's result to save as its cached value (what Excel would have
   * calculated); by default its result on a blank workbook, which is what a
   * new workbook holds until the accountant types.
   */
  readonly resultOf?: (sheet: string, row: number, col: number) => number | string | undefined;
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** The style of a role: font, alignment, border, number format, lock. */
function styleCell(cell: ExcelJS.Cell, c: PlanCell, lastCol: boolean): void {
  const framed = c.role !== 'title' && c.role !== 'meta' && c.role !== 'note';
  if (framed) cell.border = THIN;
  switch (c.role) {
    case 'title':
      cell.font = { name: FONT, size: 16, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      break;
    case 'meta':
      cell.font = { name: FONT, size: 10 };
      cell.alignment = { horizontal: lastCol ? 'right' : 'left', vertical: 'middle' };
      break;
    case 'header':
      cell.font = { name: FONT, size: 10, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      break;
    case 'lane':
      cell.font = { name: FONT, size: 10 };
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      break;
    case 'label':
    case 'code':
      cell.font = { name: FONT, size: 10 };
      cell.alignment = { horizontal: 'left', vertical: 'middle' };
      if (c.role === 'code') cell.numFmt = '0';
      break;
    case 'note':
      cell.font = { name: FONT, size: 9 };
      cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
      break;
    case 'text':
      cell.font = { name: FONT, size: 10 };
      cell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
      cell.protection = { locked: false };
      break;
    case 'input':
      cell.font = { name: FONT, size: 10 };
      cell.alignment = { horizontal: 'right', vertical: 'middle' };
      cell.numFmt = c.validation === 'count' ? '0' : AMOUNT_FORMAT;
      cell.protection = { locked: false };
      break;
    case 'formula':
    case 'total':
      cell.font = { name: FONT, size: 10, bold: c.role === 'total' };
      cell.alignment = { horizontal: 'right', vertical: 'middle' };
      cell.numFmt = DERIVED_FORMAT;
      break;
  }
}

/** What an input accepts, checked by Excel as it is typed, with a message in Chinese. */
function validation(c: PlanCell, a1: string): ExcelJS.DataValidation | undefined {
  const prompt = (title: string, text: string, error: string): Partial<ExcelJS.DataValidation> => ({
    allowBlank: true,
    showInputMessage: true,
    promptTitle: title,
    prompt: c.prompt ?? text,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '输入有误',
    error,
  });
  if (c.role === 'input') {
    switch (c.validation ?? 'amount') {
      case 'amount':
        // Two decimals: 万元 as the tables publish them.
        return { type: 'custom', formulae: [`AND(ISNUMBER(${a1}),${a1}>=0,ROUND(${a1},2)=${a1})`], ...prompt('金额（万元）', '填写不小于 0 的金额，单位万元，最多两位小数。', '请填写不小于 0 的数字，单位万元，最多两位小数。') } as ExcelJS.DataValidation;
      case 'signed':
        return { type: 'custom', formulae: [`AND(ISNUMBER(${a1}),ROUND(${a1},2)=${a1})`], ...prompt('金额（万元）', '填写金额，单位万元，最多两位小数；可为负数。', '请填写数字，单位万元，最多两位小数。') } as ExcelJS.DataValidation;
      case 'score':
        // 分值 and 得分 of the 绩效 forms: points, as the forms print them (10, 9.93).
        return { type: 'custom', formulae: [`AND(ISNUMBER(${a1}),${a1}>=0,ROUND(${a1},2)=${a1})`], ...prompt('分值、得分', '填写不小于 0 的分数，最多两位小数。', '请填写不小于 0 的数字，最多两位小数。') } as ExcelJS.DataValidation;
      case 'count':
        return { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], ...prompt('数量', '填写不小于 0 的整数。', '请填写不小于 0 的整数。') } as ExcelJS.DataValidation;
      default:
        return undefined;
    }
  }
  if (c.role === 'text' && c.validation === 'code') {
    return { type: 'whole', operator: 'between', formulae: [1000000, 9999999], ...prompt('功能分类科目编码', '填写 7 位项级科目编码，如 2010301。', '请填写 7 位数字的项级科目编码。') } as ExcelJS.DataValidation;
  }
  return undefined;
}

/**
 * Header rows whose texts wrap get the height of their longest: Excel does not
 * grow a row for wrapped text in merged cells, nor LibreOffice when printing.
 */
function headerRows(s: PlanSheet): Array<{ row: number; height: number }> {
  const out: Array<{ row: number; height: number }> = [];
  for (const [r, row] of s.cells) {
    let lines = 1;
    for (const [c, cell] of row) {
      if (cell.role !== 'header' || typeof cell.value !== 'string') continue;
      const merge = s.merges.find((m) => m.top === r && m.left === c);
      let width = 0;
      for (let k = c; k <= (merge?.right ?? c); k++) width += s.widths[k] ?? 9;
      // A CJK character is about two width units.
      lines = Math.max(lines, Math.ceil(([...cell.value].length * 2) / Math.max(2, width - 1)));
    }
    if (lines > 1) out.push({ row: r, height: lines * 13 + 4 });
  }
  return out;
}

/** A note merged across the table does not grow its row by itself: give it the height its text needs. */
function noteHeight(text: string, widthChars: number): number {
  const perLine = Math.max(10, Math.floor(widthChars / 1.1));
  const lines = Math.max(1, Math.ceil([...text].length / perLine));
  return lines * 13 + 2;
}

function writeSheet(wb: ExcelJS.Workbook, s: PlanSheet, opts: WritePlanOptions): void {
  const ws = wb.addWorksheet(s.name, {
    views: s.freezeRows > 0 ? [{ state: 'frozen', ySplit: s.freezeRows, xSplit: 0 }] : [],
    pageSetup: {
      paperSize: 9, // A4
      orientation: s.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  if (s.freezeRows > 0) ws.pageSetup.printTitlesRow = `1:${s.freezeRows}`;
  s.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const width = s.widths.length;
  const totalWidth = s.widths.reduce((a, b) => a + b, 0);
  for (const [r, row] of s.cells) {
    for (const [c, pc] of row) {
      const cell = ws.getCell(r + 1, c + 1);
      if (pc.formula !== undefined) {
        const result = opts.resultOf?.(s.name, r, c) ?? pc.blankResult ?? 0;
        cell.value = { formula: pc.formula, result } as ExcelJS.CellFormulaValue;
      } else if (pc.value !== undefined) {
        cell.value = pc.value;
      }
      styleCell(cell, pc, c === width - 1 && c > 0);
      const v = validation(pc, `${columnLetters(c)}${r + 1}`);
      if (v) cell.dataValidation = v;
      if (pc.role === 'title') ws.getRow(r + 1).height = 28;
      if (pc.role === 'note' && typeof pc.value === 'string') ws.getRow(r + 1).height = noteHeight(pc.value, totalWidth);
    }
  }
  // Blank cells of a table's grid are ruled too, as the published tables are.
  for (const f of s.frames) {
    for (let r = f.top; r <= f.bottom; r++) for (let c = f.left; c <= f.right; c++) if (!s.cells.get(r)?.has(c)) ws.getCell(r + 1, c + 1).border = THIN;
  }
  for (const r of headerRows(s)) ws.getRow(r.row + 1).height = r.height;
  for (const m of s.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  if (s.protect) {
    // No password: the sheet guards the formulas from a slip, not from the accountant.
    void ws.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      insertRows: true,
      deleteRows: true,
    });
  }
}

/** The plan as an exceljs workbook (call .xlsx.writeBuffer() to save it). */
export function planWorkbook(plan: WorkbookPlan, opts: WritePlanOptions = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '决算公开助手';
  wb.created = new Date(Date.UTC(plan.year + 1, 0, 1));
  // Excel and WPS recalculate every formula when the file opens, whatever the saved results.
  wb.calcProperties = { fullCalcOnLoad: true };
  for (const s of plan.sheets) writeSheet(wb, s, opts);
  for (const n of plan.names) {
    const { top, left, bottom, right } = n.range;
    const a1 = `$${columnLetters(left)}$${top + 1}:$${columnLetters(right)}$${bottom + 1}`;
    wb.definedNames.add(`${quoteSheetName(n.sheet)}!${a1}`, n.name);
  }
  return wb;
}

/** The plan as .xlsx bytes. */
export async function writePlan(plan: WorkbookPlan, opts: WritePlanOptions = {}): Promise<Uint8Array> {
  const buffer = await planWorkbook(plan, opts).xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
