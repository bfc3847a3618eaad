/**
 * The notes (comments) of a sheet: the comments part holds the text, the
 * legacy VML drawing holds the box Excel shows on hover. A cell that already
 * has a note keeps it — its runs and their formatting — with our reasons
 * after it; reasons an earlier annotation wrote are dropped first, so that
 * annotating a copy again does not repeat them.
 */
import { decodeXml, escapeXml } from '../xml';
import { columnName } from '../cells';
import { children, setAttribute } from './styles-edit';

export interface CellNote {
  readonly row: number;
  readonly col: number;
  readonly text: string;
}

/** Who the notes are by, as Excel shows it above the text. */
export const NOTE_AUTHOR = '决算公开助手';

/** A line an earlier annotation wrote (noteLine: 【错误 R05.row】…). */
const OUR_LINE = /^【(?:错误|提示|尾数误差) [^】\s]+】/;
export const withoutOurLines = (t: string): string =>
  t
    .split('\n')
    .filter((line) => !OUR_LINE.test(line))
    .join('\n')
    .replace(/\s+$/, '');

const COMMENTS_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

const run = (p: string, text: string): string =>
  `<${p}r><${p}rPr><${p}sz val="9"/><${p}rFont val="宋体"/><${p}family val="2"/><${p}charset val="134"/></${p}rPr><${p}t xml:space="preserve">${escapeXml(text)}</${p}t></${p}r>`;

/**
 * The comments part with `notes` written in: appended to a cell's existing
 * note, or a new note. Returns the part and the cells that got a new note
 * (they need a shape in the drawing).
 */
export function commentsWith(existing: string | undefined, notes: readonly CellNote[]): { xml: string; added: CellNote[] } {
  let xml = existing ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${COMMENTS_NS}"><authors></authors><commentList></commentList></comments>`;
  const p = /<(\w+:)?comments\b/.exec(xml)?.[1] ?? '';
  const authorId = ensureAuthor();
  const byRef = new Map(notes.map((n) => [`${columnName(n.col)}${n.row + 1}`, n]));
  const done = new Set<string>();
  // Existing notes on marked cells: ours appended.
  xml = xml.replace(new RegExp(`<${p}comment\\b[^>]*?\\bref="([^"]+)"[^>]*>([\\s\\S]*?)</${p}comment>`, 'g'), (whole, ref: string) => {
    const key = ref.replace(/\$/g, '').toUpperCase();
    const n = byRef.get(key);
    if (!n || done.has(key)) return whole;
    done.add(key);
    return withReasons(whole, p, n.text);
  });
  const added = notes.filter((n) => !done.has(`${columnName(n.col)}${n.row + 1}`));
  const list = added.map((n) => `<${p}comment ref="${columnName(n.col)}${n.row + 1}" authorId="${authorId}"><${p}text>${run(p, n.text)}</${p}text></${p}comment>`).join('');
  const close = `</${p}commentList>`;
  const at = xml.lastIndexOf(close);
  if (at >= 0) xml = xml.slice(0, at) + list + xml.slice(at);
  else {
    const selfClosing = new RegExp(`<${p}commentList\\s*/>`).exec(xml);
    if (selfClosing) xml = `${xml.slice(0, selfClosing.index)}<${p}commentList>${list}</${p}commentList>${xml.slice(selfClosing.index + selfClosing[0].length)}`;
    else xml = xml.replace(new RegExp(`</${p}comments>\\s*$`), `<${p}commentList>${list}</${p}commentList></${p}comments>`);
  }
  return { xml, added };

  function ensureAuthor(): number {
    const section = new RegExp(`<${p}authors\\b[^>]*?(/?)>([\\s\\S]*?)(?:</${p}authors>|$)`).exec(xml);
    const names = section && section[1] !== '/' ? children(section[2]!, 'author').map((a) => decodeXml(a.replace(/<[^>]*>/g, ''))) : [];
    const i = names.indexOf(NOTE_AUTHOR);
    if (i >= 0) return i;
    const element = `<${p}author>${escapeXml(NOTE_AUTHOR)}</${p}author>`;
    if (!section) xml = xml.replace(new RegExp(`(<${p}comments\\b[^>]*>)`), `$1<${p}authors>${element}</${p}authors>`);
    else if (section[1] === '/') xml = xml.replace(new RegExp(`<${p}authors\\b[^>]*/>`), `<${p}authors>${element}</${p}authors>`);
    else {
      const close = `</${p}authors>`;
      const at = xml.indexOf(close);
      xml = xml.slice(0, at) + element + xml.slice(at);
    }
    return names.length;
  }
}

/** A <comment> with our reasons after what the user wrote (their runs and formatting kept, our earlier lines left out). */
function withReasons(comment: string, p: string, reasons: string): string {
  const m = new RegExp(`(<${p}text\\b[^>]*>)([\\s\\S]*?)(</${p}text>)`).exec(comment);
  if (!m) return comment.replace(new RegExp(`</${p}comment>$`), `<${p}text>${run(p, reasons)}</${p}text></${p}comment>`);
  const pieces = textPieces(m[2]!, p);
  const runs = withoutOurText(pieces.filter((x) => x.text !== undefined));
  const anyText = runs.some((x) => x.text!.trim() !== '');
  // Runs must follow a plain <t>; rPh and phoneticPr come last.
  const tail = pieces.filter((x) => x.text === undefined).map((x) => x.element);
  const ours = run(p, anyText ? `\n\n${reasons}` : reasons);
  const inner = `${anyText ? runs.map((x) => x.element).join('') : ''}${ours}${tail.join('')}`;
  return comment.slice(0, m.index) + m[1] + inner + m[3] + comment.slice(m.index + m[0].length);
}

interface TextPiece {
  readonly element: string;
  /** The text of a <t> or a run <r>; undefined for rPh and phoneticPr. */
  readonly text: string | undefined;
  /** The <t> inside the element, as written. */
  readonly t: string | undefined;
}

/** The children of a note's <text>: plain <t>, runs <r>, phonetic runs. */
function textPieces(body: string, p: string): TextPiece[] {
  const out: TextPiece[] = [];
  const re = new RegExp(`<(${p}(?:t|r|rPh|phoneticPr))(?=[\\s/>])[^>]*?(/?)>`, 'g');
  for (let e = re.exec(body); e; e = re.exec(body)) {
    let end = re.lastIndex;
    if (e[2] !== '/') {
      const close = `</${e[1]}>`;
      const c = body.indexOf(close, end);
      end = c < 0 ? body.length : c + close.length;
    }
    re.lastIndex = end;
    const element = body.slice(e.index, end);
    const local = e[1]!.slice(p.length);
    if (local !== 't' && local !== 'r') {
      out.push({ element, text: undefined, t: undefined });
      continue;
    }
    const t = new RegExp(`<${p}t\\b[^>]*>([\\s\\S]*?)</${p}t>|<${p}t\\b[^>]*/>`).exec(element);
    out.push({ element, text: t?.[1] !== undefined ? decodeXml(t[1]) : '', t: t?.[0] });
  }
  return out;
}

/**
 * The runs with the lines an earlier annotation wrote taken out, and the
 * whitespace before them. The lines are found in the note's whole text, not
 * run by run: LibreOffice and WPS split a run wherever the script changes
 * (【错误 | R05.row | 】…), so one of our lines may span several runs.
 */
function withoutOurText(runs: readonly TextPiece[]): TextPiece[] {
  const full = runs.map((r) => r.text!).join('');
  const drop = new Uint8Array(full.length);
  let start = 0;
  for (const line of full.split('\n')) {
    const end = start + line.length;
    if (OUR_LINE.test(line)) drop.fill(1, start > 0 ? start - 1 : start, end);
    start = end + 1;
  }
  if (!drop.includes(1)) return [...runs];
  // What is left ends where the user's own text ends: the blank lines before our block go too.
  let last = full.length;
  while (last > 0 && (drop[last - 1] === 1 || /\s/.test(full[last - 1]!))) last--;
  drop.fill(1, last);
  const out: TextPiece[] = [];
  let at = 0;
  for (const r of runs) {
    const text = r.text!;
    let kept = '';
    for (let i = 0; i < text.length; i++) if (!drop[at + i]) kept += text[i];
    at += text.length;
    if (kept === '') continue;
    if (kept === text || r.t === undefined) out.push(r);
    else {
      const t = r.t.replace(/^<([^\s>/]+)[\s\S]*$/, '$1');
      out.push({ element: r.element.replace(r.t, `<${t} xml:space="preserve">${escapeXml(kept)}</${t}>`), text: kept, t: r.t });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// The drawing: a hidden note box per new note

const VML_HEAD = (idBlock: number) =>
  '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
  `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idBlock}"/></o:shapelayout>` +
  SHAPE_TYPE;

const SHAPE_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

/** The box of a note: four columns wide, as many rows tall as its text wants (within reason), hidden until hovered. */
function noteShape(id: number, n: CellNote): string {
  const tall = Math.min(24, Math.max(3, Math.ceil(n.text.length / 20) + 1));
  const top = Math.max(0, n.row - 1);
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:220pt;height:${tall * 14}pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${n.col + 1}, 15, ${top}, 10, ${n.col + 5}, 15, ${top + tall}, 4</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${n.row}</x:Row><x:Column>${n.col}</x:Column></x:ClientData></v:shape>`
  );
}

/** The largest id block any drawing of the package uses, by its idmap or by its shapes' ids (LibreOffice writes no idmap). */
export function usedIdBlocks(vmls: readonly string[]): number {
  let max = 0;
  for (const v of vmls) {
    for (const m of v.matchAll(/idmap\b[^>]*\bdata="([^"]*)"/g)) for (const n of m[1]!.split(/[\s,]+/)) if (Number(n) > max) max = Number(n);
    for (const m of v.matchAll(/_x0000_s(\d+)/g)) max = Math.max(max, Math.ceil(Number(m[1]) / 1024));
  }
  return max;
}

/** A new drawing with a box for each note. */
export function newVml(notes: readonly CellNote[], idBlock: number): string {
  return `${VML_HEAD(idBlock)}${notes.map((n, i) => noteShape(idBlock * 1024 + 1 + i, n)).join('')}</xml>`;
}

const VML_NAMESPACES: Readonly<Record<string, string>> = {
  v: 'urn:schemas-microsoft-com:vml',
  o: 'urn:schemas-microsoft-com:office:office',
  x: 'urn:schemas-microsoft-com:office:excel',
};

/**
 * An existing drawing with boxes for the new notes after its shapes. Shape ids
 * must be unique in the workbook (Excel repairs a file where two drawings share
 * one): a drawing without an idmap of its own (LibreOffice's) gets a fresh block.
 */
export function vmlWith(existing: string, notes: readonly CellNote[], nextIdBlock: () => number): string {
  if (notes.length === 0) return existing;
  let xml = existing;
  const root = /<xml\b[^>]*>/.exec(xml);
  if (root) {
    let tag = root[0];
    for (const [prefix, ns] of Object.entries(VML_NAMESPACES)) if (!new RegExp(`\\sxmlns:${prefix}\\s*=`).test(tag)) tag = setAttribute(tag, `xmlns:${prefix}`, ns);
    xml = xml.slice(0, root.index) + tag + xml.slice(root.index + root[0].length);
  }
  let first: number;
  const block = /idmap\b[^>]*\bdata="(\d+)/.exec(xml)?.[1];
  if (block === undefined) {
    const fresh = nextIdBlock();
    const layout = `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${fresh}"/></o:shapelayout>`;
    const at = /<xml\b[^>]*>/.exec(xml);
    xml = at ? xml.slice(0, at.index + at[0].length) + layout + xml.slice(at.index + at[0].length) : layout + xml;
    first = fresh * 1024 + 1;
  } else {
    let max = 0;
    for (const m of xml.matchAll(/_x0000_s(\d+)/g)) max = Math.max(max, Number(m[1]));
    first = Math.max(max, Number(block) * 1024) + 1;
  }
  const shapes = (xml.includes('_x0000_t202') ? '' : SHAPE_TYPE) + notes.map((n, i) => noteShape(first + i, n)).join('');
  const at = xml.lastIndexOf('</xml>');
  return at < 0 ? xml + shapes : xml.slice(0, at) + shapes + xml.slice(at);
}

// ---------------------------------------------------------------------------
// An earlier annotation's notes on cells no longer marked

/**
 * The comments part with our earlier reasons taken out of the notes of cells
 * not in `keep` (cells marked again get theirs replaced by commentsWith). A
 * note left with nothing of the user's is removed. Returns the cells that had
 * our reasons (their mark is an earlier annotation's) and those whose note
 * went.
 */
export function withoutEarlierReasons(xml: string, keep: ReadonlySet<string>): { xml: string; hadReasons: CellNote[]; removed: CellNote[] } {
  const p = /<(\w+:)?comments\b/.exec(xml)?.[1] ?? '';
  const hadReasons: CellNote[] = [];
  const removed: CellNote[] = [];
  const out = xml.replace(new RegExp(`<${p}comment\\b[^>]*?\\bref="([^"]+)"[^>]*>([\\s\\S]*?)</${p}comment>`, 'g'), (whole, ref: string) => {
    const key = ref.replace(/\$/g, '').toUpperCase();
    if (keep.has(key)) return whole;
    const m = new RegExp(`(<${p}text\\b[^>]*>)([\\s\\S]*?)(</${p}text>)`).exec(whole);
    if (!m) return whole;
    const pieces = textPieces(m[2]!, p);
    const runs = pieces.filter((x) => x.text !== undefined);
    const full = runs.map((r) => r.text!).join('');
    if (!full.split('\n').some((line) => OUR_LINE.test(line))) return whole;
    const at = cellAt(key);
    if (!at) return whole;
    hadReasons.push(at);
    const left = withoutOurText(runs);
    if (!left.some((x) => x.text!.trim() !== '')) {
      removed.push(at);
      return '';
    }
    const tail = pieces.filter((x) => x.text === undefined).map((x) => x.element);
    return whole.slice(0, m.index) + m[1] + left.map((x) => x.element).join('') + tail.join('') + m[3] + whole.slice(m.index + m[0].length);
  });
  return { xml: out, hadReasons, removed };
}

function cellAt(a1: string): CellNote | undefined {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(a1);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1, text: '' };
}

/** The drawing without the note boxes of these cells. */
export function vmlWithout(vml: string, cells: readonly CellNote[]): string {
  if (cells.length === 0) return vml;
  const gone = new Set(cells.map((c) => `${c.row},${c.col}`));
  return vml.replace(/<v:shape\b[\s\S]*?<\/v:shape>/g, (shape) => {
    if (!/ObjectType="Note"/.test(shape)) return shape;
    const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(shape)?.[1];
    const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(shape)?.[1];
    return row !== undefined && col !== undefined && gone.has(`${row},${col}`) ? '' : shape;
  });
}
