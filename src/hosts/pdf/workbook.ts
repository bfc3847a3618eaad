/**
 * The rebuilt workbook: one grid sheet per table, in document order — its
 * caption lines (title, 公开NN表, 单位, 部门) above it, its notes under it —
 * and the narrative (第三部分, the 绩效自评报告 after it) as a sheet of
 * paragraphs, one per row, as a narrative pasted into a sheet is. Every row
 * remembers the page it came from, for findings that say where to look.
 */
import { type CellRange, type GridCell, type SheetGrid, type WorkbookGrid, SparseSheet } from '../../core/grid/grid';
import type { DocTable, PdfDocument } from './document';
import type { TextLine } from './lines';
import { type Paragraph, paragraphs } from './paragraphs';

/** The sheet the narrative's paragraphs go to (the name the 表文 check looks at first). */
export const PDF_NARRATIVE_SHEET = '情况说明';

export interface PdfSheetInfo {
  readonly kind: 'table' | 'narrative';
  /** The page of each row of the sheet. */
  readonly rowPages: readonly number[];
  /** For a table: the pages it runs over, and the sheet rows its grid takes (first, last). */
  readonly pages: readonly number[];
  readonly gridRows?: readonly [number, number];
  /** The widths of its columns on the page, in points (for the rebuilt .xlsx). */
  readonly colWidths?: readonly number[];
}

/** A workbook read from a PDF: the grid the core checks, and where each row is in the PDF. */
export interface PdfWorkbook extends WorkbookGrid {
  readonly source: 'pdf';
  readonly pageCount: number;
  readonly info: ReadonlyMap<string, PdfSheetInfo>;
  /** What the reader could not read, in Chinese (tables as pictures, text without rulings …). */
  readonly notices: readonly string[];
}

export function isPdfWorkbook(g: WorkbookGrid | undefined): g is PdfWorkbook {
  return !!g && (g as Partial<PdfWorkbook>).source === 'pdf';
}

/** The page a cell of a PdfWorkbook's sheet is on. */
export function pageOf(g: PdfWorkbook, sheet: string, row: number): number | undefined {
  const info = g.info.get(sheet);
  if (!info) return undefined;
  return info.rowPages[Math.min(row, info.rowPages.length - 1)];
}

const AMOUNT = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * A cell as the PDF shows it: an amount (decimals, or thousands separators)
 * is a number whose text is exactly what the PDF prints, with the format that
 * prints it so; anything else — codes, 行次, 201 | 06 | 01, percentages — is text.
 */
export function pdfCell(text: string): GridCell | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const m = AMOUNT.exec(t);
  if (m && (m[3] !== undefined || m[2]!.includes(','))) {
    const decimals = m[3]?.length ?? 0;
    const value = Number(`${m[1]}${m[2]!.replace(/,/g, '')}${m[3] !== undefined ? `.${m[3]}` : ''}`);
    // A format that prints it back as shown: separators only where the PDF has them (1820.23 stays 0.00).
    const grouped = m[2]!.includes(',') || m[2]!.replace(/^0+/, '').length <= 3;
    const numberFormat = `${grouped ? '#,##0' : '0'}${decimals ? `.${'0'.repeat(decimals)}` : ''}`;
    return { value: Object.is(value, -0) ? 0 : value, text: t, numberFormat };
  }
  return { value: t, text: t };
}

/** A sheet name Excel accepts, unique in the workbook. */
function sheetName(base: string, taken: Set<string>): string {
  let name = base.replace(/[\\/?*[\]:：]/g, ' ').replace(/\s+/g, '').replace(/^'+|'+$/g, '').slice(0, 31) || '表';
  if (taken.has(name.toLowerCase())) {
    for (let i = 2; ; i++) {
      const suffix = `(${i})`;
      const candidate = name.slice(0, 31 - suffix.length) + suffix;
      if (!taken.has(candidate.toLowerCase())) {
        name = candidate;
        break;
      }
    }
  }
  taken.add(name.toLowerCase());
  return name;
}

/** What the sheet of a table is called: its title without the year (收入支出决算总表), else its 表号, else 表N. */
function tableName(t: DocTable, i: number): string {
  const label = t.caption.map((l) => /公开\s*\d+\s*表/.exec(l.text.replace(/\s/g, ''))?.[0]).find(Boolean);
  // Without the year, the unit's name before it, 公开NN表 or an ordinal: 收入支出决算总表.
  const title = t.title?.text
    .replace(/\s/g, '')
    .replace(/^.*?\d{4}年度?/, '')
    .replace(/^公开\d+表[:：、.]?/, '')
    .replace(/^[一二三四五六七八九十]+、/, '')
    .replace(/^(部门|单位)(?=.+表)/, '');
  if (title && /表/.test(title)) return title;
  return label ?? (title || `表${i + 1}`);
}

interface Row {
  cells: Map<number, GridCell>;
  page: number;
}

function captionRow(t: DocTable, l: TextLine, last: number): { row: Row; merge?: [number, number] } {
  const cells = new Map<number, GridCell>();
  const width = t.x1 - t.x0;
  const centre = (t.x0 + t.x1) / 2;
  if (l === t.title || (l.chunks.length === 1 && Math.abs((l.x0 + l.x1) / 2 - centre) < width * 0.08 && l.x0 > t.x0 + l.size)) {
    // A centred line (the title) over the whole width.
    cells.set(0, pdfCell(l.text)!);
    return { row: { cells, page: l.page }, ...(last > 0 ? { merge: [0, last] as [number, number] } : {}) };
  }
  for (const ch of l.chunks) {
    let col: number;
    if (ch.x0 > centre && ch.x1 >= t.x1 - 4 * l.size) col = last;
    else {
      col = 0;
      while (col < last && ch.x0 >= t.colEdges[col + 1]! - 1) col++;
    }
    const prev = cells.get(col);
    cells.set(col, pdfCell(prev ? `${String(prev.value)} ${ch.text}` : ch.text)!);
  }
  return { row: { cells, page: l.page } };
}

function tableSheet(t: DocTable, name: string): { sheet: SheetGrid; info: PdfSheetInfo } {
  const rows: Row[] = [];
  const merges: CellRange[] = [];
  const last = Math.max(0, t.colCount - 1);
  for (const l of t.caption) {
    const { row, merge } = captionRow(t, l, last);
    if (merge) merges.push({ top: rows.length, left: merge[0], bottom: rows.length, right: merge[1] });
    rows.push(row);
  }
  const top = rows.length;
  for (let r = 0; r < t.rowCount; r++) rows.push({ cells: new Map(), page: t.rowPages[r]! });
  for (const c of t.cells) {
    const cell = pdfCell(c.text);
    if (cell) rows[top + c.row]!.cells.set(c.col, cell);
    if (c.rowSpan > 1 || c.colSpan > 1) merges.push({ top: top + c.row, left: c.col, bottom: top + c.row + c.rowSpan - 1, right: c.col + c.colSpan - 1 });
  }
  for (const n of t.notes) rows.push({ cells: new Map([[0, pdfCell(n.text)!]]), page: n.page });
  const grid = rows.map((r) => {
    const out: (GridCell | undefined)[] = [];
    for (const [c, v] of r.cells) out[c] = v;
    return out;
  });
  const colCount = Math.max(t.colCount, ...grid.map((r) => r.length));
  const colWidths = t.colEdges.slice(1).map((e, i) => e - t.colEdges[i]!);
  return {
    sheet: new SparseSheet(name, grid, merges.sort((a, b) => a.top - b.top || a.left - b.left), rows.length, colCount),
    info: { kind: 'table', rowPages: rows.map((r) => r.page), pages: t.pages, gridRows: [top, top + t.rowCount - 1], colWidths },
  };
}

const PART_THREE = /^第三部分/;
const HEADING = /^[一二三四五六七八九十]+、\S*(说明|情况)$/;

/**
 * Where the narrative starts: the 第三部分 (or, without one, the 决算情况说明
 * title or the first section heading) that is followed by figures — not the
 * 目录 line that names it.
 */
function narrativeStart(ps: readonly Paragraph[]): number {
  const withFigures = (i: number) => {
    let n = 0;
    for (let k = i + 1; k < ps.length && k < i + 40; k++) {
      const t = ps[k]!.text.replace(/\s/g, '');
      if (/^第[四五六七]部分/.test(t)) break;
      if (/\d+(\.\d+)?万元/.test(t)) n++;
    }
    return n >= 2;
  };
  const tests = [(t: string) => PART_THREE.test(t), (t: string) => /\d{4}年度?.*决算情况说明$/.test(t), (t: string) => HEADING.test(t), (t: string) => /绩效自评报告$/.test(t)];
  for (const test of tests) {
    for (let i = 0; i < ps.length; i++) if (test(ps[i]!.text.replace(/\s/g, '')) && withFigures(i)) return i;
  }
  return -1;
}

export function buildWorkbook(doc: PdfDocument): PdfWorkbook {
  const taken = new Set<string>();
  const sheets: SheetGrid[] = [];
  const info = new Map<string, PdfSheetInfo>();
  const notices: string[] = [];
  taken.add(PDF_NARRATIVE_SHEET.toLowerCase());
  doc.tables.forEach((t, i) => {
    const { sheet, info: si } = tableSheet(t, sheetName(tableName(t, i), taken));
    sheets.push(sheet);
    info.set(sheet.name, si);
  });
  const ps = paragraphs(doc.flow);
  const start = narrativeStart(ps);
  if (start >= 0) {
    const kept = ps.slice(start);
    sheets.push(new SparseSheet(PDF_NARRATIVE_SHEET, kept.map((p) => [{ value: p.text, text: p.text }]), [], kept.length, 1));
    info.set(PDF_NARRATIVE_SHEET, { kind: 'narrative', rowPages: kept.map((p) => p.page), pages: [...new Set(kept.flatMap((p) => [p.page, p.lastPage]))] });
  }
  // A picture for a cover (page 1 of a longer document) is no scanned content.
  const scanned = doc.imagePages.filter((p) => p > 1 || doc.pageCount < 3);
  if (scanned.length) notices.push(`第 ${pageList(scanned)} 页是图片（扫描件或截图），没有可读的文字，其中的表格和文字未能检查。`);
  for (const u of doc.unruled) notices.push(`第 ${u.page} 页${u.title ? `的“${u.title}”` : '有表格'}没有框线，无法可靠地确定单元格，未读取、未检查${u.title ? '' : '（其中的数字）'}。`);
  return { source: 'pdf', sheets, pageCount: doc.pageCount, info, notices };
}

/** 3、5–7、9 */
export function pageList(pages: readonly number[]): string {
  const s = [...new Set(pages)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    out.push(j > i ? `${s[i]}–${s[j]}` : String(s[i]));
    i = j;
  }
  return out.join('、');
}
