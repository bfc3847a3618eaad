/**
 * The workbook's styles part, added to and never rewritten: a marked cell
 * gets a new cell format that is its own format with the finding's fill (the
 * other cells sharing its format keep theirs), and the new sheets get the few
 * formats they need. Existing fonts, fills, borders, formats and their
 * indices are left exactly as they were, so every cell of the user keeps its
 * look and its number format.
 */
import { decodeXml, escapeXml } from '../xml';

/** A minimal styles part, for a package that has none (every cell then has format 0). */
export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** The collections of a stylesheet, in the order the schema puts them. */
const ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'] as const;
type Collection = (typeof ORDER)[number];
const CHILD: Partial<Record<Collection, string>> = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', borders: 'border', cellStyleXfs: 'xf', cellXfs: 'xf' };

/** A look for a cell of the new sheets; ids are resolved into the workbook's lists. */
export interface CellLook {
  readonly bold?: boolean;
  readonly size?: number;
  /** Font colour, RGB hex. */
  readonly color?: string;
  readonly underline?: boolean;
  /** Solid fill, RGB hex. */
  readonly fill?: string;
  readonly bottomBorder?: boolean;
  /** A built-in number format id (4: #,##0.00). */
  readonly numFmtId?: number;
  readonly wrap?: boolean;
  readonly top?: boolean;
}

export class StylesEdit {
  private xml: string;
  private readonly prefix: string;
  /** Children appended to each collection, not yet in `xml`. */
  private readonly appended = new Map<Collection, string[]>();
  private readonly counts = new Map<Collection, number>();
  private readonly fillIds = new Map<string, number>();
  private readonly fontIds = new Map<string, number>();
  private readonly xfIds = new Map<string, number>();
  private borderId: number | undefined;
  private cellXfs: string[] | undefined;
  private fills: string[] | undefined;

  constructor(xml: string) {
    this.prefix = /<(\w+:)?styleSheet\b/.exec(xml)?.[1] ?? '';
    // An empty stylesheet written as one tag is opened, so that collections can go in it.
    this.xml = xml.replace(/<((?:\w+:)?styleSheet)\b([^>]*?)\s*\/>/, '<$1$2></$1>');
  }

  /** The index of a cell format that is `xf` (an index into cellXfs) with a solid fill of `hex`. */
  withFill(xf: number, hex: string): number {
    const key = `fill ${xf} ${hex}`;
    const known = this.xfIds.get(key);
    if (known !== undefined) return known;
    const base = this.cellXf(xf);
    let tag = setAttribute(base, 'fillId', String(this.fill(hex)));
    tag = setAttribute(tag, 'applyFill', '1');
    const id = this.append('cellXfs', tag);
    this.xfIds.set(key, id);
    return id;
  }

  /**
   * `xf` without its fill when the fill is a solid one of `colors` (RGB hex):
   * the mark an earlier annotation left on a cell no longer marked. Any other
   * format is returned as it is.
   */
  withoutFillOf(xf: number, colors: readonly string[]): number {
    const tag = this.cellXf(xf);
    const fillId = Number(/\sfillId="(\d+)"/.exec(tag.slice(0, tag.indexOf('>') + 1))?.[1] ?? 0);
    if (!this.fills) this.fills = children(sectionOf(this.xml, 'fills') ?? '', 'fill');
    const fill = this.fills[fillId] ?? '';
    const rgb = /<(?:\w+:)?fgColor\b[^>]*\brgb="(?:FF)?([0-9A-Fa-f]{6})"/.exec(fill)?.[1]?.toUpperCase();
    if (!/patternType="solid"/.test(fill) || !rgb || !colors.map((c) => c.toUpperCase()).includes(rgb)) return xf;
    const key = `nofill ${xf}`;
    const known = this.xfIds.get(key);
    if (known !== undefined) return known;
    const id = this.append('cellXfs', setAttribute(setAttribute(tag, 'fillId', '0'), 'applyFill', '0'));
    this.xfIds.set(key, id);
    return id;
  }

  /** A cell format of its own for a new sheet's cell. */
  look(l: CellLook): number {
    const key = `look ${JSON.stringify(l)}`;
    const known = this.xfIds.get(key);
    if (known !== undefined) return known;
    const p = this.prefix;
    const fontId = l.bold || l.size || l.color || l.underline ? this.font(l) : 0;
    const fillId = l.fill ? this.fill(l.fill) : 0;
    const borderId = l.bottomBorder ? this.bottomBorder() : 0;
    const numFmtId = l.numFmtId ?? 0;
    const align = l.wrap || l.top ? `<${p}alignment${l.top ? ' vertical="top"' : ''}${l.wrap ? ' wrapText="1"' : ''}/>` : '';
    const applied = [numFmtId ? ' applyNumberFormat="1"' : '', fontId ? ' applyFont="1"' : '', fillId ? ' applyFill="1"' : '', borderId ? ' applyBorder="1"' : '', align ? ' applyAlignment="1"' : ''].join('');
    const attrs = `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}`;
    const id = this.append('cellXfs', align ? `<${p}xf ${attrs}>${align}</${p}xf>` : `<${p}xf ${attrs}/>`);
    this.xfIds.set(key, id);
    return id;
  }

  toXml(): string {
    let xml = this.xml;
    for (const c of ORDER) {
      const items = this.appended.get(c);
      if (!items?.length) continue;
      xml = appendChildren(xml, this.prefix, c, items, this.counts.get(c)!);
    }
    return xml;
  }

  get changed(): boolean {
    return this.appended.size > 0;
  }

  // -------------------------------------------------------------------------

  private fill(hex: string): number {
    const known = this.fillIds.get(hex);
    if (known !== undefined) return known;
    const p = this.prefix;
    const id = this.append('fills', `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="FF${hex}"/></${p}patternFill></${p}fill>`);
    this.fillIds.set(hex, id);
    return id;
  }

  /** The workbook's default font (font 0) made bold, larger, coloured or underlined: same face, so the new sheets look like the rest. */
  private font(l: CellLook): number {
    const key = JSON.stringify([l.bold, l.size, l.color, l.underline]);
    const known = this.fontIds.get(key);
    if (known !== undefined) return known;
    const p = this.prefix;
    const first = children(sectionOf(this.xml, 'fonts') ?? '', 'font')[0] ?? '';
    const raw = (tag: string) => new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*\\bval="([^"]*)"`).exec(first)?.[1];
    const val = (tag: string) => {
      const v = raw(tag);
      return v === undefined ? undefined : decodeXml(v);
    };
    const size = l.size ?? Number(val('sz') ?? 11);
    const name = val('name') ?? '宋体';
    const family = val('family');
    const charset = val('charset');
    const scheme = val('scheme');
    const xml =
      `<${p}font>${l.bold ? `<${p}b/>` : ''}${l.underline ? `<${p}u/>` : ''}<${p}sz val="${size}"/>` +
      (l.color ? `<${p}color rgb="FF${l.color}"/>` : '') +
      `<${p}name val="${escapeXml(name)}"/>` +
      (family ? `<${p}family val="${family}"/>` : '') +
      (charset ? `<${p}charset val="${charset}"/>` : '') +
      (scheme ? `<${p}scheme val="${scheme}"/>` : '') +
      `</${p}font>`;
    const id = this.append('fonts', xml);
    this.fontIds.set(key, id);
    return id;
  }

  private bottomBorder(): number {
    if (this.borderId === undefined) {
      const p = this.prefix;
      this.borderId = this.append('borders', `<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom style="thin"><${p}color auto="1"/></${p}bottom><${p}diagonal/></${p}border>`);
    }
    return this.borderId;
  }

  /** The start tag (or whole element) of cell format `i`; format 0's when `i` is out of range. */
  private cellXf(i: number): string {
    if (!this.cellXfs) this.cellXfs = children(sectionOf(this.xml, 'cellXfs') ?? '', 'xf');
    const p = this.prefix;
    return this.cellXfs[i] ?? this.cellXfs[0] ?? `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
  }

  /**
   * Counts a collection's children the first time it is added to, and pads it
   * with what Excel takes for granted at the start of a list: a fill appended
   * first or second would be read as “none” or “gray125”, a cell format
   * appended first would be every unformatted cell's (and it refers to font,
   * fill and border 0, which must then exist too).
   */
  private ensure(c: Collection): void {
    if (this.counts.has(c)) return;
    const had = children(sectionOf(this.xml, c) ?? '', CHILD[c]!).length;
    this.counts.set(c, had);
    const p = this.prefix;
    const defaults: Partial<Record<Collection, string[]>> = {
      fills: [`<${p}fill><${p}patternFill patternType="none"/></${p}fill>`, `<${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`],
      fonts: [`<${p}font><${p}sz val="11"/><${p}name val="宋体"/><${p}family val="2"/><${p}charset val="134"/></${p}font>`],
      borders: [`<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border>`],
      cellXfs: [`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`],
    };
    const pad = (defaults[c] ?? []).slice(had);
    if (pad.length === 0) return;
    this.appended.set(c, [...pad]);
    if (c === 'cellXfs') for (const d of ['fonts', 'fills', 'borders'] as const) this.ensure(d);
  }

  private append(c: Collection, item: string): number {
    this.ensure(c);
    const list = this.appended.get(c) ?? [];
    this.appended.set(c, list);
    list.push(item);
    return this.counts.get(c)! + list.length - 1;
  }
}

/** The content of `<name>…</name>` (namespace prefix ignored); '' for a self-closing one, undefined when absent. */
function sectionOf(xml: string, name: string): string | undefined {
  const open = new RegExp(`<((?:\\w+:)?${name})\\b[^>]*?(/?)>`).exec(xml);
  if (!open) return undefined;
  if (open[2] === '/') return '';
  const start = open.index + open[0].length;
  const end = xml.indexOf(`</${open[1]}>`, start);
  return end < 0 ? undefined : xml.slice(start, end);
}

/** The direct children `<child …/>` or `<child …>…</child>` of a section, as written. */
export function children(section: string, child: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<((?:\\w+:)?${child})(?=[\\s/>])[^>]*?(/?)>`, 'g');
  for (let m = re.exec(section); m; m = re.exec(section)) {
    if (m[2] === '/') {
      out.push(m[0]);
      continue;
    }
    const close = `</${m[1]}>`;
    const end = section.indexOf(close, re.lastIndex);
    const stop = end < 0 ? section.length : end + close.length;
    out.push(section.slice(m.index, stop));
    re.lastIndex = stop;
  }
  return out;
}

/** Sets an attribute on an element's start tag (replacing its value, or adding it). */
export function setAttribute(element: string, name: string, value: string): string {
  const startEnd = element.indexOf('>');
  const start = element.slice(0, startEnd + 1);
  const rest = element.slice(startEnd + 1);
  const re = new RegExp(`(\\s${name}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(start)) return start.replace(re, `$1"${value}"`) + rest;
  const selfClosing = start.endsWith('/>');
  const head = start.slice(0, selfClosing ? -2 : -1).replace(/\s+$/, '');
  return `${head} ${name}="${value}"${selfClosing ? '/>' : '>'}${rest}`;
}

/** Appends children to a collection (creating it in its place when absent) and sets its count. */
function appendChildren(xml: string, p: string, c: Collection, items: readonly string[], had: number): string {
  const count = had + items.length;
  const open = new RegExp(`<((?:\\w+:)?${c})\\b([^>]*?)(/?)>`).exec(xml);
  if (open) {
    const attrs = setAttribute(`<x${open[2]}>`, 'count', String(count)).slice(2, -1);
    if (open[3] === '/') return `${xml.slice(0, open.index)}<${open[1]}${attrs}>${items.join('')}</${open[1]}>${xml.slice(open.index + open[0].length)}`;
    const close = `</${open[1]}>`;
    const end = xml.indexOf(close, open.index);
    return `${xml.slice(0, open.index)}<${open[1]}${attrs}>${xml.slice(open.index + open[0].length, end)}${items.join('')}${xml.slice(end)}`;
  }
  // Absent: before the first collection that comes after it, else before the end of the stylesheet.
  const element = `<${p}${c} count="${count}">${items.join('')}</${p}${c}>`;
  for (const later of ORDER.slice(ORDER.indexOf(c) + 1)) {
    const m = new RegExp(`<(?:\\w+:)?${later}\\b`).exec(xml);
    if (m) return xml.slice(0, m.index) + element + xml.slice(m.index);
  }
  const end = new RegExp(`</(?:\\w+:)?styleSheet>`).exec(xml);
  return end ? xml.slice(0, end.index) + element + xml.slice(end.index) : xml;
}
