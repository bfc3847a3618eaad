/**
 * Edits of a worksheet part made in its text, everything else of it kept as
 * written: the format index of the marked cells (a cell that does not exist
 * yet — a blank the check wants filled — is added with the format the row or
 * column gave it), the selected-tab flag, and the link to the comments'
 * drawing. Values, formulas, data validation, conditional formats, hyperlinks,
 * drawings and the rest of the part are not touched.
 */
import { columnName, parseCellRef } from '../cells';
import { attributes } from '../xml';
import { children, setAttribute } from './styles-edit';

/** What a marked cell's new format is, given the format it has (or would have, for a cell not yet in the file). */
export type Restyle = (baseXf: number) => number;

/** The marks of a sheet: 0-based row → 0-based column → its restyle. */
export type SheetMarks = ReadonlyMap<number, ReadonlyMap<number, Restyle>>;

/** The index just past the '>' that ends the tag starting at `lt` (quotes respected); -1 when it never ends. */
function tagEnd(xml: string, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < xml.length; i++) {
    const ch = xml.charCodeAt(i);
    if (quote) {
      if (ch === quote) quote = 0;
    } else if (ch === 62) return i + 1;
    else if (ch === 34 || ch === 39) quote = ch;
  }
  return -1;
}

/** The namespace prefix the part writes its elements with ("" or "x:"). */
export function prefixOf(xml: string): string {
  return /<(\w+:)?worksheet\b/.exec(xml)?.[1] ?? '';
}

/** Each column's default format, from <cols>. */
function columnStyles(xml: string): (col: number) => number | undefined {
  const cols = /<(?:\w+:)?cols\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cols>/.exec(xml)?.[1] ?? '';
  const ranges = children(cols, 'col')
    .map((c) => attributes(c.slice(0, c.indexOf('>'))))
    .filter((a) => a.style !== undefined)
    .map((a) => ({ min: Number(a.min) - 1, max: Number(a.max) - 1, style: Number(a.style) }));
  return (col) => ranges.find((r) => col >= r.min && col <= r.max)?.style;
}

interface Element {
  readonly start: number;
  /** Just past the start tag. */
  readonly tagEnd: number;
  /** Just past the element. */
  readonly end: number;
  readonly selfClosing: boolean;
  readonly attrs: Record<string, string>;
}

/** The elements `<p+name …>` from `from` to `to`, in order (they do not nest in each other). */
function* elements(xml: string, p: string, name: string, from: number, to: number): Generator<Element> {
  const re = new RegExp(`<${p}${name}(?=[\\s/>])`, 'g');
  re.lastIndex = from;
  for (let m = re.exec(xml); m && m.index < to; m = re.exec(xml)) {
    const te = tagEnd(xml, m.index);
    if (te < 0 || te > to) return;
    const selfClosing = xml.charCodeAt(te - 2) === 47;
    let end = te;
    if (!selfClosing) {
      const close = xml.indexOf(`</${p}${name}>`, te);
      end = close < 0 || close > to ? to : close + `</${p}${name}>`.length;
    }
    yield { start: m.index, tagEnd: te, end, selfClosing, attrs: attributes(xml.slice(m.index + 1 + p.length + name.length, selfClosing ? te - 2 : te - 1)) };
    re.lastIndex = end;
  }
}

/** Sets the format of the marked cells, adding the cells (and rows) that are not in the part. */
export function restyleCells(xml: string, marks: SheetMarks): string {
  if (marks.size === 0) return xml;
  const p = prefixOf(xml);
  const colStyle = columnStyles(xml);
  let open = new RegExp(`<${p}sheetData\\b[^>]*?(/?)>`).exec(xml);
  if (!open) throw new Error('工作表部件中没有 sheetData');
  if (open[1] === '/') {
    xml = `${xml.slice(0, open.index)}<${p}sheetData></${p}sheetData>${xml.slice(open.index + open[0].length)}`;
    open = new RegExp(`<${p}sheetData\\b[^>]*?>`).exec(xml)!;
  }
  const contentStart = open.index + open[0].length;
  const contentEnd = xml.indexOf(`</${p}sheetData>`, contentStart);
  const pending = [...marks.keys()].sort((a, b) => a - b);
  let next = 0;
  const newRow = (row: number) => {
    const cells = [...marks.get(row)!.entries()].sort((a, b) => a[0] - b[0]);
    return `<${p}row r="${row + 1}">${cells.map(([col, restyle]) => newCell(p, row, col, restyle(colStyle(col) ?? 0))).join('')}</${p}row>`;
  };

  let out = xml.slice(0, contentStart);
  let at = contentStart;
  let row = -1;
  for (const r of elements(xml, p, 'row', contentStart, contentEnd)) {
    row = r.attrs.r !== undefined ? Number(r.attrs.r) - 1 : row + 1;
    // Marked rows the part does not have, before this one.
    out += xml.slice(at, r.start);
    while (next < pending.length && pending[next]! < row) out += newRow(pending[next++]!);
    at = r.end;
    const cells = marks.get(row);
    if (!cells || pending[next] !== row) {
      out += xml.slice(r.start, r.end);
      continue;
    }
    next++;
    const rowXf = r.attrs.customFormat === '1' || r.attrs.customFormat === 'true' ? Number(r.attrs.s ?? 0) : undefined;
    out += restyleRow(xml, p, r, row, cells, (col) => rowXf ?? colStyle(col) ?? 0);
  }
  out += xml.slice(at, contentEnd);
  while (next < pending.length) out += newRow(pending[next++]!);
  return out + xml.slice(contentEnd);
}

function newCell(p: string, row: number, col: number, xf: number): string {
  return `<${p}c r="${columnName(col)}${row + 1}" s="${xf}"/>`;
}

/** One marked row, its marked cells restyled and the missing ones added in column order. */
function restyleRow(xml: string, p: string, r: Element, row: number, marks: ReadonlyMap<number, Restyle>, emptyXf: (col: number) => number): string {
  const wanted = [...marks.keys()].sort((a, b) => a - b);
  let next = 0;
  let added = false;
  const insertUpTo = (limit: number): string => {
    let s = '';
    while (next < wanted.length && wanted[next]! < limit) {
      const col = wanted[next++]!;
      s += newCell(p, row, col, marks.get(col)!(emptyXf(col)));
      added = true;
    }
    return s;
  };
  let body = '';
  if (!r.selfClosing) {
    const contentEnd = r.end - `</${p}row>`.length;
    let at = r.tagEnd;
    let col = -1;
    for (const c of elements(xml, p, 'c', r.tagEnd, contentEnd)) {
      const ref = c.attrs.r !== undefined ? parseCellRef(c.attrs.r) : undefined;
      col = ref ? ref.col : col + 1;
      body += xml.slice(at, c.start) + insertUpTo(col);
      at = c.end;
      const restyle = marks.get(col);
      if (restyle && wanted[next] === col) {
        next++;
        const tag = xml.slice(c.start, c.tagEnd);
        body += setAttribute(tag, 's', String(restyle(Number(c.attrs.s ?? 0)))) + xml.slice(c.tagEnd, c.end);
      } else body += xml.slice(c.start, c.end);
    }
    body += xml.slice(at, contentEnd);
  }
  body += insertUpTo(Infinity);
  let start = xml.slice(r.start, r.tagEnd);
  if (r.selfClosing) start = `${start.slice(0, -2).replace(/\s+$/, '')}>`;
  // A row's spans only hint at where its cells are; one outside them is dropped from the hint rather than contradicting it.
  if (added) start = start.replace(/\sspans\s*=\s*("[^"]*"|'[^']*')/, '');
  return `${start}${body}</${p}row>`;
}

/** The part with no sheet view selected (the new 检查结果 sheet is the one shown; two would be group editing). */
export function withoutTabSelected(xml: string): string {
  return xml.replace(/(<(?:\w+:)?sheetView\b[^>]*?)\s+tabSelected\s*=\s*("(?:1|true)"|'(?:1|true)')/g, '$1');
}

/** Elements that come after legacyDrawing in a worksheet, in schema order. */
const AFTER_LEGACY_DRAWING = ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * The prefix the root element `<local>` binds to the relationships namespace,
 * declaring it there when it is not (OpenXML SDK declares it on each element
 * that uses it, where an element we add cannot see it).
 */
export function rootRelPrefix(xml: string, local: string): { xml: string; prefix: string } {
  const root = new RegExp(`<(?:\\w+:)?${local}\\b[^>]*>`).exec(xml);
  if (!root) throw new Error(`找不到 <${local}> 元素`);
  const declared = new RegExp(`\\sxmlns:(\\w+)\\s*=\\s*["']${REL_NS.replace(/[./]/g, '\\$&')}["']`).exec(root[0]);
  if (declared) return { xml, prefix: declared[1]! };
  let prefix = 'r';
  for (let n = 2; new RegExp(`\\sxmlns:${prefix}\\s*=`).test(root[0]); n++) prefix = `r${n}`;
  return { xml: xml.slice(0, root.index) + setAttribute(root[0], `xmlns:${prefix}`, REL_NS) + xml.slice(root.index + root[0].length), prefix };
}

/** Adds <legacyDrawing r:id="…"/> (the comments' shapes) in its place in the schema's order. */
export function withLegacyDrawing(sheetXml: string, rid: string): string {
  const p = prefixOf(sheetXml);
  const { xml, prefix: r } = rootRelPrefix(sheetXml, 'worksheet');
  const element = `<${p}legacyDrawing ${r}:id="${rid}"/>`;
  for (const later of AFTER_LEGACY_DRAWING) {
    const m = new RegExp(`<(?:\\w+:)?${later}\\b`).exec(xml);
    if (m) return xml.slice(0, m.index) + element + xml.slice(m.index);
  }
  const end = /<\/(?:\w+:)?worksheet>\s*$/.exec(xml);
  if (!end) throw new Error('工作表部件不完整');
  return xml.slice(0, end.index) + element + xml.slice(end.index);
}

/** The r:id of the sheet's <legacyDrawing>, if it has one. */
export function legacyDrawingId(xml: string): string | undefined {
  const m = /<(?:\w+:)?legacyDrawing\b([^>]*)>/.exec(xml);
  return m ? attributes(m[1]!).id : undefined;
}
