/**
 * Formula results read from the sheet XML as Excel saved them, for the cells
 * exceljs loads without one.
 *
 * exceljs keeps a formula's cached result only when its <v> has text: a
 * cached empty string (t="str" with <v></v> or <v/>, what IF(…,"",…) saves)
 * comes out as "no result", the same as a formula written by a program and
 * never calculated (no <v> at all). Only the XML tells the two apart. This is
 * read only for the sheets that have such a cell, only after exceljs has
 * loaded the file, so a workbook whose formulas all carry results costs
 * nothing more.
 *
 * No Node API: the browser page uses it too. The worksheet of each sheet name
 * is found as Excel does, through the package relationships (_rels/.rels →
 * workbook part → its rels), never by assuming sheetN.xml is the N-th sheet.
 */
import JSZip from 'jszip';

/** A cached result as stored: t="str" / t="e" text, t="b" boolean, otherwise a number. */
export type CachedResult = string | number | boolean;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export function xmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m),
  );
}

/** The attributes of a start tag's attribute text, by name as written (r:id keeps its prefix), values decoded. */
function attributes(s: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of s.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1]!, xmlText(m[2] ?? m[3] ?? ''));
  return out;
}

/** An attribute by its local name, whatever its namespace prefix (r:id, x:id …); prefixed ones only when `prefixed`. */
function attr(attrs: Map<string, string>, local: string, prefixed = false): string | undefined {
  for (const [k, v] of attrs) {
    const i = k.indexOf(':');
    if (prefixed ? i > 0 && k.slice(i + 1) === local : k === local) return v;
  }
  return undefined;
}

/** A zip entry by path, ignoring a leading "/" and, failing an exact match, letter case (some writers differ). */
function entry(zip: JSZip, path: string): JSZip.JSZipObject | null {
  const p = path.replace(/^\/+/, '');
  const exact = zip.file(p);
  if (exact) return exact;
  const lower = p.toLowerCase();
  const name = Object.keys(zip.files).find((n) => n.toLowerCase() === lower);
  return name ? zip.file(name) : null;
}

/** A relationship target resolved against the folder of the part that owns the rels ("" for the package root). */
function resolve(folder: string, target: string): string {
  const parts = target.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

async function relationships(zip: JSZip, relsPath: string): Promise<Array<{ id: string; type: string; target: string; external: boolean }>> {
  const f = entry(zip, relsPath);
  if (!f) return [];
  const xml = await f.async('string');
  const out: Array<{ id: string; type: string; target: string; external: boolean }> = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const a = attributes(m[1]!);
    out.push({ id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: a.get('Target') ?? '', external: a.get('TargetMode') === 'External' });
  }
  return out;
}

const folderOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);
const relsOf = (path: string) => `${folderOf(path)}_rels/${path.slice(path.lastIndexOf('/') + 1)}.rels`;

/** Sheet name → path of its worksheet part, through the package and workbook relationships. */
export async function worksheetParts(zip: JSZip): Promise<Map<string, string>> {
  const root = await relationships(zip, '_rels/.rels');
  const office = root.find((r) => /\/officeDocument$/.test(r.type) && !r.external);
  const workbookPath = office ? resolve('', office.target) : 'xl/workbook.xml';
  const wbFile = entry(zip, workbookPath);
  const out = new Map<string, string>();
  if (!wbFile) return out;
  const rels = new Map((await relationships(zip, relsOf(workbookPath))).filter((r) => !r.external).map((r) => [r.id, resolve(folderOf(workbookPath), r.target)]));
  const xml = await wbFile.async('string');
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const a = attributes(m[1]!);
    const name = attr(a, 'name');
    const rid = attr(a, 'id', true);
    const part = rid === undefined ? undefined : rels.get(rid);
    if (name !== undefined && part !== undefined) out.set(name, part);
  }
  return out;
}

function cachedOf(t: string | undefined, v: string): CachedResult | undefined {
  switch (t) {
    case 'str':
    case 'e':
      return xmlText(v);
    case 'b':
      return v.trim() === '1' || v.trim().toLowerCase() === 'true';
    case 's':
    case 'inlineStr':
      // Not what a spreadsheet writes for a formula; the value is not a result we can read here.
      return undefined;
    default: {
      if (v.trim() === '') return undefined;
      const n = Number(v);
      return Number.isFinite(n) ? n : undefined;
    }
  }
}

/**
 * The cached results of the cells `wanted` (A1 addresses) in a worksheet's XML:
 * address → result, absent when the cell has no <v> (never calculated) or no
 * result that can be read. Stops once every wanted cell has been seen.
 */
export function cachedResultsOfSheetXml(xml: string, wanted: ReadonlySet<string>): Map<string, CachedResult> {
  const out = new Map<string, CachedResult>();
  let left = wanted.size;
  const cellRe = /<(?:[\w.-]+:)?c(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>)/g;
  for (let m = cellRe.exec(xml); m && left > 0; m = cellRe.exec(xml)) {
    const a = attributes(m[1]!);
    const ref = a.get('r');
    if (ref === undefined || !wanted.has(ref)) continue;
    left--;
    const inner = m[2];
    if (inner === undefined) continue;
    const v = /<(?:[\w.-]+:)?v(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?v>)/.exec(inner);
    if (!v) continue;
    const r = cachedOf(a.get('t'), v[1] ?? '');
    if (r !== undefined) out.set(ref, r);
  }
  return out;
}

/**
 * The cached results of the given cells, by sheet name then A1 address, read
 * from the file's bytes. Only the worksheet parts of the sheets named are read.
 */
export async function readCachedResults(
  data: ArrayBuffer | Uint8Array,
  wanted: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<Map<string, Map<string, CachedResult>>> {
  const out = new Map<string, Map<string, CachedResult>>();
  if (wanted.size === 0) return out;
  const zip = await JSZip.loadAsync(data);
  const parts = await worksheetParts(zip);
  for (const [sheet, cells] of wanted) {
    const path = parts.get(sheet);
    const f = path === undefined ? null : entry(zip, path);
    if (!f) continue;
    out.set(sheet, cachedResultsOfSheetXml(await f.async('string'), cells));
  }
  return out;
}
