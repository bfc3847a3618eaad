/**
 * Writes a new year's WorkbookPlan (src/core/newyear) as an .xlsx of our
 * own making: SpreadsheetML parts written as text and zipped with fflate.
 * No exceljs, no Node API: the task pane (Excel's webview, ES2017) makes
 * the workbook it opens with Excel.createWorkbook, the browser page the one
 * it downloads, the CLI the file it saves — the same bytes everywhere.
 *
 * What it writes: each cell styled by its role (a handful of cell formats),
 * formulas with their result on a blank workbook (or the one given) so a
 * check before Excel has calculated reads zeros, not "never calculated";
 * inputs unlocked with a data validation whose message says in Chinese what
 * to type; sheets protected without a password (审阅 → 撤消工作表保护), rows
 * may be inserted and deleted; frozen header rows; A4 fit to width, the header
 * repeated on every page; the mapping as defined names; full calculation on
 * load, so Excel and WPS recompute every formula when the file opens.
 */
import { strToU8, zipSync } from 'fflate';
import { escapeXml } from './xml';
import { cellA1, columnLetters } from '../../core/grid/a1';
import type { CellRange } from '../../core/grid/grid';
import type { PlanCell, PlanSheet, WorkbookPlan } from '../../core/newyear/plan';

export interface WritePlanOptions {
  /**
   * A formula's result to save as its cached value (what Excel would have
   * calculated); by default its result on a blank workbook, which is what a
   * new workbook holds until the accountant types.
   */
  readonly resultOf?: (sheet: string, row: number, col: number) => number | string | undefined;
}

// ---------------------------------------------------------------------------
// Styles: a cell's look, by role, as a key; the keys become styles.xml's cellXfs.

interface CellStyle {
  readonly font: 'normal' | 'bold' | 'title' | 'small';
  readonly fill: boolean;
  readonly border: boolean;
  readonly horizontal?: 'left' | 'center' | 'right';
  readonly vertical: 'center' | 'top';
  readonly wrap: boolean;
  /** numFmtId: 0 General, 1 "0", 4 "#,##0.00", 164 amounts hiding a zero. */
  readonly numFmt: 0 | 1 | 4 | 164;
  readonly locked: boolean;
}

/** Shown for derived amounts: a zero left blank, as published tables leave an empty figure. */
const DERIVED_FORMAT = '#,##0.00;-#,##0.00;""';
const FONT = '宋体';

function styleOf(c: PlanCell | undefined, lastCol: boolean): CellStyle {
  const base: CellStyle = { font: 'normal', fill: false, border: true, vertical: 'center', wrap: false, numFmt: 0, locked: true };
  if (!c) return base; // a blank cell of a table's grid: ruled
  const style = roleStyle(c, lastCol, base);
  return c.open ? { ...style, locked: false } : style;
}

function roleStyle(c: PlanCell, lastCol: boolean, base: CellStyle): CellStyle {
  switch (c.role) {
    case 'title':
      return { ...base, font: 'title', border: false, horizontal: 'center' };
    case 'meta':
      return { ...base, border: false, horizontal: lastCol ? 'right' : 'left' };
    case 'header':
      return { ...base, font: 'bold', fill: true, horizontal: 'center', wrap: true };
    case 'lane':
      return { ...base, horizontal: 'center' };
    case 'label':
      return { ...base, horizontal: 'left' };
    case 'code':
      return { ...base, horizontal: 'left', numFmt: 1 };
    case 'note':
      // Open: a note such as 本表无数据 is deleted or rewritten when the table gets figures.
      return { ...base, font: 'small', border: false, horizontal: 'left', vertical: 'top', wrap: true, locked: false };
    case 'text':
      return { ...base, horizontal: 'left', wrap: true, locked: false };
    case 'input':
      // Counts as whole numbers; scores as written (10, 9.93); amounts with two decimals.
      return { ...base, horizontal: 'right', numFmt: c.validation === 'count' ? 1 : c.validation === 'score' ? 0 : 4, locked: false };
    case 'formula':
      return { ...base, horizontal: 'right', numFmt: 164 };
    case 'total':
      return { ...base, font: 'bold', horizontal: 'right', numFmt: 164 };
  }
}

const FONTS: Record<CellStyle['font'], string> = {
  normal: `<font><sz val="10"/><name val="${FONT}"/><family val="3"/><charset val="134"/></font>`,
  bold: `<font><b/><sz val="10"/><name val="${FONT}"/><family val="3"/><charset val="134"/></font>`,
  title: `<font><b/><sz val="16"/><name val="${FONT}"/><family val="3"/><charset val="134"/></font>`,
  small: `<font><sz val="9"/><name val="${FONT}"/><family val="3"/><charset val="134"/></font>`,
};
const FONT_IDS: Record<CellStyle['font'], number> = { normal: 1, bold: 2, title: 3, small: 4 };

/** The distinct styles of a workbook, numbered as styles.xml lists them (0 is Excel's default). */
class StyleTable {
  private readonly ids = new Map<string, number>();
  private readonly list: CellStyle[] = [];
  id(s: CellStyle): number {
    const key = JSON.stringify(s);
    let id = this.ids.get(key);
    if (id === undefined) {
      this.list.push(s);
      id = this.list.length; // after the default xf 0
      this.ids.set(key, id);
    }
    return id;
  }
  xml(): string {
    const xf = (s: CellStyle) => {
      const align = `<alignment${s.horizontal ? ` horizontal="${s.horizontal}"` : ''} vertical="${s.vertical}"${s.wrap ? ' wrapText="1"' : ''}/>`;
      const protection = s.locked ? '' : '<protection locked="0"/>';
      return `<xf numFmtId="${s.numFmt}" fontId="${FONT_IDS[s.font]}" fillId="${s.fill ? 2 : 0}" borderId="${s.border ? 1 : 0}" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1" applyProtection="1">${align}${protection}</xf>`;
    };
    const thin = '<left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/>';
    return (
      XML_HEAD +
      `<styleSheet xmlns="${MAIN_NS}">` +
      `<numFmts count="1"><numFmt numFmtId="164" formatCode="${escapeXml(DERIVED_FORMAT)}"/></numFmts>` +
      `<fonts count="5"><font><sz val="11"/><name val="${FONT}"/><family val="3"/><charset val="134"/></font>${FONTS.normal}${FONTS.bold}${FONTS.title}${FONTS.small}</fonts>` +
      '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill></fills>' +
      `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>${thin}</border></borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.list.length + 1}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>${this.list.map(xf).join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

// ---------------------------------------------------------------------------
// Data validation: what an input accepts, checked by Excel as it is typed.

interface Validation {
  readonly type: 'custom' | 'whole';
  readonly operator?: 'greaterThanOrEqual' | 'between';
  readonly formulas: readonly string[];
  readonly promptTitle: string;
  readonly prompt: string;
  readonly error: string;
}

export function validationOf(c: PlanCell, a1: string): Validation | undefined {
  const message = (promptTitle: string, prompt: string, error: string) => ({ promptTitle, prompt: c.prompt ?? prompt, error });
  if (c.role === 'input') {
    switch (c.validation ?? 'amount') {
      case 'amount':
        // Two decimals: 万元 as the tables publish them.
        return { type: 'custom', formulas: [`AND(ISNUMBER(${a1}),${a1}>=0,ROUND(${a1},2)=${a1})`], ...message('金额（万元）', '填写不小于 0 的金额，单位万元，最多两位小数。', '请填写不小于 0 的数字，单位万元，最多两位小数。') };
      case 'signed':
        return { type: 'custom', formulas: [`AND(ISNUMBER(${a1}),ROUND(${a1},2)=${a1})`], ...message('金额（万元）', '填写金额，单位万元，最多两位小数；可为负数。', '请填写数字，单位万元，最多两位小数。') };
      case 'score':
        // 分值 and 得分 of the 绩效 forms: points, as the forms print them (10, 9.93).
        return { type: 'custom', formulas: [`AND(ISNUMBER(${a1}),${a1}>=0,ROUND(${a1},2)=${a1})`], ...message('分值、得分', '填写不小于 0 的分数，最多两位小数。', '请填写不小于 0 的数字，最多两位小数。') };
      case 'count':
        return { type: 'whole', operator: 'greaterThanOrEqual', formulas: ['0'], ...message('数量', '填写不小于 0 的整数。', '请填写不小于 0 的整数。') };
      default:
        return undefined;
    }
  }
  if (c.role === 'text' && c.validation === 'code') {
    return { type: 'whole', operator: 'between', formulas: ['1000000', '9999999'], ...message('功能分类科目编码', '填写 7 位项级科目编码，如 2010301。', '请填写 7 位数字的项级科目编码。') };
  }
  return undefined;
}

function validationXml(v: Validation, sqref: string): string {
  const attrs = `type="${v.type}"${v.operator ? ` operator="${v.operator}"` : ''} allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="输入有误" error="${escapeXml(v.error)}" promptTitle="${escapeXml(v.promptTitle)}" prompt="${escapeXml(v.prompt)}" sqref="${sqref}"`;
  return `<dataValidation ${attrs}>${v.formulas.map((f, i) => `<formula${i + 1}>${escapeXml(f)}</formula${i + 1}>`).join('')}</dataValidation>`;
}

// ---------------------------------------------------------------------------
// Sheets

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';


/** A value cell: a number, or inline text (kept with its spaces). */
function valueXml(ref: string, style: number, value: string | number): string {
  if (typeof value === 'number') return `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
}

function formulaXml(ref: string, style: number, formula: string, result: number | string): string {
  if (typeof result === 'number') return `<c r="${ref}" s="${style}"><f>${escapeXml(formula)}</f><v>${result}</v></c>`;
  return `<c r="${ref}" s="${style}" t="str"><f>${escapeXml(formula)}</f><v>${escapeXml(result)}</v></c>`;
}

/**
 * Header rows whose texts wrap get the height of their longest: Excel does not
 * grow a row for wrapped text in merged cells, nor LibreOffice when printing.
 * Notes merged across the table likewise.
 */
function rowHeights(s: PlanSheet): Map<number, number> {
  const out = new Map<number, number>();
  const totalWidth = s.widths.reduce((a, b) => a + b, 0);
  for (const [r, row] of s.cells) {
    let height = 0;
    for (const [c, cell] of row) {
      if (typeof cell.value !== 'string') continue;
      if (cell.role === 'title') height = Math.max(height, 28);
      if (cell.role === 'note') height = Math.max(height, Math.max(1, Math.ceil(([...cell.value].length * 2) / Math.max(20, totalWidth - 2))) * 13 + 2);
      if (cell.role === 'header') {
        const merge = s.merges.find((m) => m.top === r && m.left === c);
        let width = 0;
        for (let k = c; k <= (merge?.right ?? c); k++) width += s.widths[k] ?? 9;
        // A CJK character is about two width units.
        const lines = Math.ceil(([...cell.value].length * 2) / Math.max(2, width - 1));
        if (lines > 1) height = Math.max(height, lines * 13 + 4);
      }
    }
    if (height > 0) out.set(r, height);
  }
  return out;
}

function sheetXml(s: PlanSheet, styles: StyleTable, opts: WritePlanOptions): string {
  const width = s.widths.length;
  const framed = (r: number, c: number) => s.frames.some((f) => r >= f.top && r <= f.bottom && c >= f.left && c <= f.right);
  const rows = new Set<number>(s.cells.keys());
  for (const f of s.frames) for (let r = f.top; r <= f.bottom; r++) rows.add(r);
  const heights = rowHeights(s);
  const validations: string[] = [];
  const body: string[] = [];
  let lastRow = 0;
  let lastCol = 0;
  for (const r of [...rows].sort((a, b) => a - b)) {
    const cells: string[] = [];
    const planned = s.cells.get(r);
    const cols = new Set<number>(planned?.keys() ?? []);
    for (const f of s.frames) if (r >= f.top && r <= f.bottom) for (let c = f.left; c <= f.right; c++) cols.add(c);
    for (const c of [...cols].sort((a, b) => a - b)) {
      const pc = planned?.get(c);
      if (!pc && !framed(r, c)) continue;
      const ref = cellA1(r, c);
      const style = styles.id(styleOf(pc, c === width - 1 && c > 0));
      if (pc?.formula !== undefined) cells.push(formulaXml(ref, style, pc.formula, opts.resultOf?.(s.name, r, c) ?? pc.blankResult ?? 0));
      else if (pc?.value !== undefined) cells.push(valueXml(ref, style, pc.value));
      else cells.push(`<c r="${ref}" s="${style}"/>`);
      if (pc) {
        const v = validationOf(pc, ref);
        if (v) validations.push(validationXml(v, ref));
      }
      lastCol = Math.max(lastCol, c);
    }
    const h = heights.get(r);
    body.push(`<row r="${r + 1}"${h ? ` ht="${h}" customHeight="1"` : ''}>${cells.join('')}</row>`);
    lastRow = Math.max(lastRow, r);
  }
  const pane = s.freezeRows > 0 ? `<pane ySplit="${s.freezeRows}" topLeftCell="A${s.freezeRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${s.freezeRows + 1}" sqref="A${s.freezeRows + 1}"/>` : '';
  const cols = s.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  // sheetProtection's attributes name what is protected: "0" allows it.
  const protection = s.protect ? '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0" insertRows="0" deleteRows="0"/>' : '';
  const merges = s.merges.length ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${rangeRef(m)}"/>`).join('')}</mergeCells>` : '';
  const dv = validations.length ? `<dataValidations count="${validations.length}">${validations.join('')}</dataValidations>` : '';
  return (
    XML_HEAD +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${cellA1(lastRow, Math.max(lastCol, width - 1))}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="14.25"/>' +
    `<cols>${cols}</cols>` +
    `<sheetData>${body.join('')}</sheetData>` +
    protection +
    merges +
    dv +
    '<printOptions horizontalCentered="1"/>' +
    '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="${s.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>` +
    '</worksheet>'
  );
}

const rangeRef = (m: CellRange) => `${cellA1(m.top, m.left)}:${cellA1(m.bottom, m.right)}`;
const absRange = (m: CellRange) => `$${columnLetters(m.left)}$${m.top + 1}:$${columnLetters(m.right)}$${m.bottom + 1}`;
const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

function workbookXml(plan: WorkbookPlan): string {
  const sheets = plan.sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const names = [
    // The header rows printed again on every page.
    ...plan.sheets.flatMap((s, i) => (s.freezeRows > 0 ? [`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`${quoted(s.name)}!$1:$${s.freezeRows}`)}</definedName>`] : [])),
    ...plan.names.map((n) => `<definedName name="${escapeXml(n.name)}">${escapeXml(`${quoted(n.sheet)}!${absRange(n.range)}`)}</definedName>`),
  ];
  return (
    XML_HEAD +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<workbookPr/>' +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${sheets}</sheets>` +
    (names.length ? `<definedNames>${names.join('')}</definedNames>` : '') +
    // Excel and WPS recalculate every formula when the file opens, whatever the saved results.
    '<calcPr calcId="191029" fullCalcOnLoad="1"/>' +
    '</workbook>'
  );
}

/** The plan as .xlsx bytes. */
export function writePlan(plan: WorkbookPlan, opts: WritePlanOptions = {}): Uint8Array {
  const styles = new StyleTable();
  const files: Record<string, Uint8Array> = {};
  plan.sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s, styles, opts))));
  files['xl/workbook.xml'] = strToU8(workbookXml(plan));
  files['xl/styles.xml'] = strToU8(styles.xml());
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    XML_HEAD +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      plan.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${plan.sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
      '</Relationships>',
  );
  files['_rels/.rels'] = strToU8(
    XML_HEAD +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '</Relationships>',
  );
  files['docProps/core.xml'] = strToU8(
    XML_HEAD +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:title>${plan.year}年度部门决算公开</dc:title><dc:creator>决算公开助手</dc:creator>` +
      '</cp:coreProperties>',
  );
  files['[Content_Types].xml'] = strToU8(
    XML_HEAD +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      plan.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '</Types>',
  );
  return zipSync(files, { level: 6 });
}
