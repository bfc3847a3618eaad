/**
 * Our own .xlsx reader: the package's bytes → the core's WorkbookGrid, reading
 * only what the check needs — sheet names and order (through the package
 * relationships, as Excel finds them), cell values, shared strings (rich text
 * joined, phonetic runs left out), inline strings, number formats (for the
 * displayed text, dates and percentages), formulas (shared ones moved to each
 * cell) with their cached results, error cells, merged areas, and the defined
 * names. Styles other than number formats, drawings, comments and everything
 * else are never inflated.
 *
 * It gives the grid exceljs gives (test/hosts/xlsx-reader.test.ts compares the
 * two on every fixture) at a fraction of the time and memory. No Node API: the
 * inflate function is passed in (./inflate.ts for the browser, ./inflate-node.ts
 * for the CLI).
 *
 * A package that lacks a part it names (a sheet, the shared strings its cells
 * use) is damaged: ZipError('damaged'), never a workbook with fewer sheets.
 */
import { type CellRange, type GridCell, type RangeName, SparseSheet, type WorkbookGrid } from '../../core/grid/grid';
import { parseSheetRange } from '../../core/grid/a1';
import { BUILTIN_FORMATS, type Scalar, gridCell, isDateFormat, parseCellRef, serialDateText, slideFormula } from './cells';
import { Tok, attributes, decodeOoxmlEscapes, decodeXml, scanXml, textOf } from './xml';
import { DEFAULT_LIMITS, type Inflate, ZipError, type ZipLimits, ZipPackage } from './zip';

export interface DefinedName {
  readonly name: string;
  /** What it refers to, as written ("'公开01表'!$A$1:$F$40"). */
  readonly refersTo: string;
  /** The 0-based sheet it is local to, if any. */
  readonly localSheet?: number;
  readonly hidden?: boolean;
}

export interface XlsxWorkbook extends WorkbookGrid {
  readonly definedNames: readonly DefinedName[];
  /** Each sheet's state ('visible', 'hidden', 'veryHidden'), in sheet order. */
  readonly states: readonly string[];
}

export interface ReadXlsxOptions {
  readonly inflate: Inflate;
  readonly limits?: ZipLimits;
}

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;

interface Rel {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

/** Reads a package (already known to be a zip) into the grid. Throws ZipError when it is damaged or hostile. */
export function readXlsx(bytes: Uint8Array, opts: ReadXlsxOptions): XlsxWorkbook {
  const zip = new ZipPackage(bytes, opts.inflate, opts.limits ?? DEFAULT_LIMITS);
  return readPackage(zip);
}

export function readPackage(zip: ZipPackage): XlsxWorkbook {
  const workbookPath = workbookPart(zip);
  const wbXml = zip.text(workbookPath);
  if (wbXml === undefined) throw new ZipError('damaged', zip.entries.some((e) => /^\/?\[Content_Types\]\.xml$/i.test(e.name)) ? `缺少工作簿部件 ${workbookPath}` : '不是 Office 文档（缺少工作簿部件）');
  const rels = relationships(zip, relsPathOf(workbookPath));
  const folder = folderOf(workbookPath);
  const book = parseWorkbookXml(wbXml);

  const sharedRel = rels.find((r) => REL_SHARED_STRINGS.test(r.type) && !r.external);
  const sharedPath = sharedRel ? resolvePath(folder, sharedRel.target) : undefined;
  let shared: string[] | undefined;
  let sharedMissing = false;
  if (sharedPath !== undefined) {
    const xml = zip.text(sharedPath);
    if (xml === undefined) sharedMissing = true;
    else shared = parseSharedStrings(xml);
  }
  const stylesRel = rels.find((r) => REL_STYLES.test(r.type) && !r.external);
  const stylesXml = stylesRel ? zip.text(resolvePath(folder, stylesRel.target)) : undefined;
  const formats = stylesXml === undefined ? [] : parseCellFormats(stylesXml);

  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SparseSheet[] = [];
  const states: string[] = [];
  for (const s of book.sheets) {
    const rel = s.rid === undefined ? undefined : byId.get(s.rid);
    if (!rel) throw new ZipError('damaged', `工作表“${s.name}”在工作簿中登记了，却找不到它的部件（关系 ${s.rid ?? '缺失'}）`);
    // Chart sheets, dialog and macro sheets hold no cells to check.
    if (!REL_WORKSHEET.test(rel.type) || rel.external) continue;
    const path = resolvePath(folder, rel.target);
    const xml = zip.text(path);
    if (xml === undefined) throw new ZipError('damaged', `缺少工作表“${s.name}”的部件 ${path}`);
    const ctx: SheetContext = {
      shared: shared ?? [],
      sharedMissing: sharedMissing || shared === undefined,
      formats,
      date1904: book.date1904,
      sheetName: s.name,
    };
    const sheet = parseSheetXml(s.name, xml, ctx);
    // The checks look at every position of a sheet's used range: one stray value at XFD1048576 would make
    // a sheet of seventeen billion positions. A range no disclosure comes near is refused, not checked for minutes.
    if (sheet.rowCount * sheet.colCount > MAX_SHEET_EXTENT) {
      throw new ZipError(
        'hostile',
        `工作表“${s.name}”的已用范围异常大（${sheet.rowCount.toLocaleString('en-US')} 行 × ${sheet.colCount.toLocaleString('en-US')} 列，超过 ${MAX_SHEET_EXTENT.toLocaleString('en-US')} 个单元格），多为远处残留的零星内容；请删除后另存再检查`,
      );
    }
    sheets.push(sheet);
    states.push(s.state);
  }
  return { sheets, definedNames: book.definedNames, rangeNames: rangeNamesOf(book.definedNames), states };
}

/** The workbook-level names that refer to one range (the add-in's saved mapping among them). */
function rangeNamesOf(names: readonly DefinedName[]): RangeName[] {
  const out: RangeName[] = [];
  for (const n of names) {
    if (n.localSheet !== undefined) continue;
    const at = parseSheetRange(n.refersTo);
    if (at) out.push({ name: n.name, ...at });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Package structure

function workbookPart(zip: ZipPackage): string {
  const root = relationships(zip, '_rels/.rels');
  const doc = root.find((r) => REL_OFFICE_DOCUMENT.test(r.type) && !r.external);
  if (doc) return resolvePath('', doc.target);
  return 'xl/workbook.xml';
}

export function folderOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? `_rels/${part}.rels` : `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

/** A relationship target resolved against the folder of its source part ("/xl/…" is from the package root). */
export function resolvePath(folder: string, target: string): string {
  const t = target.trim().replace(/\\/g, '/');
  const parts = t.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.map((p) => (p.includes('%') ? safeDecodeURI(p) : p)).join('/');
}

function safeDecodeURI(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function relationships(zip: ZipPackage, path: string): Rel[] {
  const xml = zip.text(path);
  if (xml === undefined) return [];
  return parseRelationships(xml);
}

export function parseRelationships(xml: string): Rel[] {
  const out: Rel[] = [];
  scanXml(xml, (tok, name, body) => {
    if (tok === Tok.Open && name === 'Relationship') {
      const a = attributes(body);
      if (a.Id !== undefined && a.Target !== undefined) out.push({ id: a.Id, type: a.Type ?? '', target: a.Target, external: a.TargetMode === 'External' });
    }
  });
  return out;
}

interface BookInfo {
  sheets: Array<{ name: string; rid?: string; state: string }>;
  definedNames: DefinedName[];
  date1904: boolean;
}

function parseWorkbookXml(xml: string): BookInfo {
  const out: BookInfo = { sheets: [], definedNames: [], date1904: false };
  let name: { name: string; localSheet?: number; hidden?: boolean } | undefined;
  let text = '';
  scanXml(xml, (tok, tag, body, _self, cdata) => {
    if (tok === Tok.Open) {
      if (tag === 'sheet') {
        const a = attributes(body);
        out.sheets.push({ name: a.name ?? '', ...(a.id !== undefined ? { rid: a.id } : {}), state: a.state ?? 'visible' });
      } else if (tag === 'workbookPr') {
        const a = attributes(body);
        out.date1904 = a.date1904 === '1' || a.date1904 === 'true';
      } else if (tag === 'definedName') {
        const a = attributes(body);
        name = { name: a.name ?? '' };
        if (a.localSheetId !== undefined) name.localSheet = Number(a.localSheetId);
        if (a.hidden === '1' || a.hidden === 'true') name.hidden = true;
        text = '';
      }
    } else if (tok === Tok.Text) {
      if (name) text += textOf(body, cdata);
    } else if (tag === 'definedName' && name) {
      out.definedNames.push({ ...name, refersTo: text });
      name = undefined;
    }
  });
  return out;
}

// ---------------------------------------------------------------------------
// Shared strings and number formats

/** Each <si>: its text (runs joined; phonetic runs <rPh> left out, as Excel shows the cell). */
export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let text = '';
  scanXml(xml, (tok, tag, body, _self, cdata) => {
    if (tok === Tok.Text) {
      if (inT && phonetic === 0) text += textOf(body, cdata);
      return;
    }
    if (tok === Tok.Open) {
      if (tag === 'si') {
        inSi = true;
        text = '';
      } else if (tag === 't' && inSi) inT = true;
      else if (tag === 'rPh') phonetic++;
      return;
    }
    if (tag === 't') inT = false;
    else if (tag === 'rPh') phonetic = Math.max(0, phonetic - 1);
    else if (tag === 'si') {
      out.push(decodeOoxmlEscapes(text));
      inSi = false;
    }
  });
  return out;
}

/** The number format of each cell format (cellXfs), by its index; undefined for General and unknown ids. */
export function parseCellFormats(xml: string): Array<string | undefined> {
  const custom = new Map<number, string>();
  const out: Array<string | undefined> = [];
  let inCellXfs = false;
  scanXml(xml, (tok, tag, body) => {
    if (tok === Tok.Open) {
      if (tag === 'numFmt') {
        const a = attributes(body);
        // As exceljs reads it: backslash escapes dropped ("0.00\ " → "0.00 ").
        if (a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(parseInt(a.numFmtId, 10), a.formatCode.replace(/[\\](.)/g, '$1'));
      } else if (tag === 'cellXfs') inCellXfs = true;
      else if (tag === 'xf' && inCellXfs) {
        const id = parseInt(attributes(body).numFmtId ?? '0', 10);
        out.push(id ? (custom.get(id) ?? BUILTIN_FORMATS[id]) : undefined);
      }
    } else if (tok === Tok.Close && tag === 'cellXfs') inCellXfs = false;
  });
  return out;
}

// ---------------------------------------------------------------------------
// Worksheets

interface SheetContext {
  readonly shared: readonly string[];
  readonly sharedMissing: boolean;
  readonly formats: ReadonlyArray<string | undefined>;
  readonly date1904: boolean;
  readonly sheetName: string;
}

/** Most positions (rows × columns of the used range) a sheet may span: 100,000 rows of 30 columns. */
export const MAX_SHEET_EXTENT = 3_000_000;

/** Most cells a sheet's merged areas may make us visit (a hostile file of overlapping whole-sheet merges). */
const MERGE_WORK_LIMIT = 50_000_000;

export function parseSheetXml(name: string, xml: string, ctx: SheetContext): SparseSheet {
  const rows: Array<Array<GridCell | undefined> | undefined> = [];
  const merges: CellRange[] = [];
  const sharedMasters = new Map<string, { formula: string; row: number; col: number }>();
  let rowCount = 0;
  let colCount = 0;

  let row = -1;
  let col = -1;
  // The cell being read.
  let inCell = false;
  let cRow = 0;
  let cCol = 0;
  let cType: string | undefined;
  let cStyle = 0;
  let what: 'v' | 'f' | 't' | undefined;
  let v: string | undefined;
  let f: string | undefined;
  let fAttrs: Record<string, string> | undefined;
  let inline: string | undefined;
  let phonetic = 0;
  let inSheetData = false;

  const finish = (): void => {
    inCell = false;
    let value: Scalar;
    let formula: string | undefined;
    const numFmt = ctx.formats[cStyle];
    const isFormula = (f !== undefined && f !== '') || (fAttrs !== undefined && fAttrs.t !== undefined);
    if (isFormula) {
      formula = f || undefined;
      if (fAttrs?.t === 'shared' && fAttrs.si !== undefined) {
        if (fAttrs.ref !== undefined && formula !== undefined) sharedMasters.set(fAttrs.si, { formula, row: cRow, col: cCol });
        else if (formula === undefined) {
          const m = sharedMasters.get(fAttrs.si);
          if (m) formula = slideFormula(m.formula, m, { row: cRow, col: cCol });
        }
      }
      value = formulaResult(cType, v, numFmt, ctx.date1904);
    } else {
      // An empty <v></v> is no value (as an XML reader sees it: no text at all).
      if ((v === undefined || v === '') && (inline === undefined || inline === '')) return;
      switch (cType) {
        case 's': {
          if (ctx.sharedMissing) throw new ZipError('damaged', `工作表“${ctx.sheetName}”引用了共享字符串，但文件中缺少共享字符串部件（sharedStrings）`);
          const i = Number(v);
          const s = ctx.shared[i];
          if (s === undefined) throw new ZipError('damaged', `工作表“${ctx.sheetName}”引用了第 ${v} 个共享字符串，而文件中只有 ${ctx.shared.length} 个`);
          value = s;
          break;
        }
        case 'inlineStr':
          value = decodeOoxmlEscapes(inline ?? v ?? '');
          break;
        case 'str':
          value = v ?? '';
          break;
        case 'b':
          value = parseInt(v ?? '', 10) !== 0;
          break;
        case 'e':
          value = v ?? '';
          break;
        case 'd':
          value = isoDateText(v ?? '');
          break;
        default: {
          if (v === undefined || v === '') return;
          const n = parseFloat(v);
          value = isDateFormat(numFmt) ? serialDateText(n, ctx.date1904) : n;
        }
      }
      if (value === '') return;
    }
    let cells = rows[cRow];
    if (!cells) rows[cRow] = cells = [];
    cells[cCol] = gridCell(value, formula, numFmt);
    if (cRow + 1 > rowCount) rowCount = cRow + 1;
    if (cCol + 1 > colCount) colCount = cCol + 1;
  };

  scanXml(xml, (tok, tag, body, _self, cdata) => {
    if (tok === Tok.Text) {
      if (!inCell || what === undefined || phonetic > 0) return;
      const t = textOf(body, cdata);
      if (what === 'v') v = (v ?? '') + t;
      else if (what === 'f') f = (f ?? '') + t;
      else inline = (inline ?? '') + t;
      return;
    }
    if (tok === Tok.Open) {
      switch (tag) {
        case 'sheetData':
          inSheetData = true;
          return;
        case 'row': {
          if (!inSheetData) return;
          const r = attr(body, 'r');
          row = r !== undefined && /^\d+$/.test(r) ? Number(r) - 1 : row + 1;
          col = -1;
          return;
        }
        case 'c': {
          if (!inSheetData) return;
          inCell = true;
          const a = cellAttributes(body);
          const ref = a.r === undefined ? undefined : parseCellRef(a.r);
          if (ref) {
            cRow = ref.row;
            cCol = ref.col;
            row = ref.row;
          } else {
            cRow = Math.max(row, 0);
            cCol = col + 1;
          }
          col = cCol;
          cType = a.t;
          cStyle = a.s === undefined ? 0 : parseInt(a.s, 10) || 0;
          v = f = inline = undefined;
          fAttrs = undefined;
          what = undefined;
          phonetic = 0;
          return;
        }
        case 'v':
          if (inCell) {
            what = 'v';
            v ??= '';
          }
          return;
        case 'f':
          if (inCell) {
            what = 'f';
            fAttrs = attributes(body);
          }
          return;
        case 't':
          if (inCell) {
            what = 't';
            inline ??= '';
          }
          return;
        case 'rPh':
          if (inCell) phonetic++;
          return;
        case 'mergeCell': {
          const ref = attr(body, 'ref');
          const parts = ref?.split(':');
          const a = parts?.[0] === undefined ? undefined : parseCellRef(parts[0]);
          const b = parts?.[1] === undefined ? a : parseCellRef(parts[1]);
          if (a && b) {
            const m = { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
            // One cell is no merged area (exceljs, which finds merges from the cells they cover, sees none).
            if (m.bottom > m.top || m.right > m.left) merges.push(m);
          }
          return;
        }
        default:
          return;
      }
    }
    // Closing tags.
    switch (tag) {
      case 'c':
        if (inCell) finish();
        return;
      case 'v':
      case 'f':
      case 't':
        what = undefined;
        return;
      case 'rPh':
        if (phonetic > 0) phonetic--;
        return;
      case 'sheetData':
        inSheetData = false;
        return;
      default:
        return;
    }
  });

  // A merged area keeps its value on its top-left cell only; the cells it covers are empty.
  merges.sort((a, b) => a.top - b.top || a.left - b.left);
  const unique: CellRange[] = [];
  let work = 0;
  for (const m of merges) {
    const last = unique[unique.length - 1];
    if (last && last.top === m.top && last.left === m.left && last.bottom === m.bottom && last.right === m.right) continue;
    unique.push(m);
    const lastRow = Math.min(m.bottom, rows.length - 1);
    for (let r = m.top; r <= lastRow; r++) {
      const cells = rows[r];
      if (!cells) continue;
      const lastCol = Math.min(m.right, cells.length - 1);
      work += Math.max(0, lastCol - m.left + 1);
      if (work > MERGE_WORK_LIMIT) throw new ZipError('hostile', `工作表“${name}”的合并单元格异常（相互重叠、覆盖整张表），疑为恶意构造的文件`);
      for (let c = m.left; c <= lastCol; c++) if ((r !== m.top || c !== m.left) && cells[c] !== undefined) cells[c] = undefined;
    }
  }
  // Rows and columns actually used: a value, a formula, or a merged area.
  rowCount = 0;
  colCount = 0;
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    if (!cells) continue;
    for (let c = cells.length - 1; c >= 0; c--) {
      if (cells[c] !== undefined) {
        rowCount = r + 1;
        if (c + 1 > colCount) colCount = c + 1;
        break;
      }
    }
  }
  for (const m of unique) {
    if (m.bottom + 1 > rowCount) rowCount = m.bottom + 1;
    if (m.right + 1 > colCount) colCount = m.right + 1;
  }
  return new SparseSheet(name, rows, unique, rowCount, colCount);
}

/** The cached result of a formula as stored: t="str"/"e" text, t="b" boolean, else a number; null when none was saved. */
function formulaResult(t: string | undefined, v: string | undefined, numFmt: string | undefined, date1904: boolean): Scalar {
  if (v === undefined) return null;
  switch (t) {
    case 'str':
    case 'e':
      return v;
    case 'b':
      return v.trim() === '1' || v.trim().toLowerCase() === 'true';
    case 's':
    case 'inlineStr':
      return null;
    default: {
      if (v.trim() === '') return null;
      const n = parseFloat(v);
      return isDateFormat(numFmt) ? serialDateText(n, date1904) : n;
    }
  }
}

function isoDateText(v: string): string {
  const m = /^(\d{4}-\d\d-\d\d)(?:T(\d\d:\d\d:\d\d))?/.exec(v.trim());
  if (!m) return v;
  return m[2] && m[2] !== '00:00:00' ? `${m[1]} ${m[2]}` : m[1]!;
}

/** One attribute of a start tag's text, by its exact name (no prefix), quickly. */
function attr(body: string, name: string): string | undefined {
  const i = body.indexOf(` ${name}=`);
  const j = i >= 0 ? i : body.indexOf(`\t${name}=`) >= 0 ? body.indexOf(`\t${name}=`) : body.indexOf(`\n${name}=`);
  if (j < 0) return undefined;
  const q = body.charAt(j + name.length + 2);
  if (q !== '"' && q !== "'") return attributes(body)[name];
  const end = body.indexOf(q, j + name.length + 3);
  return end < 0 ? undefined : decodeXml(body.slice(j + name.length + 3, end));
}

/** r, s and t of a <c>: the common shape (r="A1" s="3" t="s") read without a regular expression. */
function cellAttributes(body: string): { r?: string; s?: string; t?: string } {
  const out: { r?: string; s?: string; t?: string } = {};
  const r = attr(body, 'r');
  if (r !== undefined) out.r = r;
  const s = attr(body, 's');
  if (s !== undefined) out.s = s;
  const t = attr(body, 't');
  if (t !== undefined) out.t = t;
  return out;
}
