/**
 * Workbooks kept with their formulas, as Excel saves them, written part by
 * part with jszip (shared formulas, t="str" / t="b" / t="e" results, sheet
 * parts not numbered in sheet order, an absolute relationship target): used
 * by formula-results.test.ts and by the reader comparison (xlsx-reader.test.ts).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { seed000Xlsx } from '../fixtures';

/**
 * Replaces the cell `ref` of a worksheet part with `<c r=ref s=… {attrs}>{inner}</c>`, keeping its style.
 * Throws when the part has no such cell, so an edit never silently misses.
 */
export function setCell(xml: string, ref: string, attrs: string, inner: string): string {
  const re = new RegExp(`<c r="${ref}"((?: s="\\d+")?)(?: t="\\w+")?(?:/>|>[\\s\\S]*?</c>)`);
  if (!re.test(xml)) throw new Error(`no cell ${ref}`);
  return xml.replace(re, (_m, s: string) => `<c r="${ref}"${s}${attrs}>${inner}</c>`);
}

/** The worksheet part of each sheet name, read from workbook.xml and its rels (as written by exceljs). */
export async function partsByName(zip: JSZip): Promise<Map<string, string>> {
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const target = new Map([...rels.matchAll(/<Relationship Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) out.set(m[1]!, `xl/${target.get(m[2]!)!.replace(/^\/?xl\//, '')}`);
  return out;
}

export async function editSheet(zip: JSZip, part: string, edit: (xml: string) => string): Promise<void> {
  zip.file(part, edit(await zip.file(part)!.async('string')));
}

/**
 * Renumbers the worksheet parts in reverse (sheet1.xml ↔ sheet9.xml …) and points the
 * workbook's relationships at them, one by an absolute target: as in a workbook whose
 * sheets were reordered, deleted or added in Excel, part N is not the N-th sheet.
 */
export async function shuffleParts(zip: JSZip, count: number, absoluteFor: string): Promise<void> {
  const texts = new Map<number, string>();
  for (let n = 1; n <= count; n++) texts.set(n, await zip.file(`xl/worksheets/sheet${n}.xml`)!.async('string'));
  for (const [n, text] of texts) zip.file(`xl/worksheets/sheet${count + 1 - n}.xml`, text);
  const relsPath = 'xl/_rels/workbook.xml.rels';
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const absoluteRid = new RegExp(`name="${absoluteFor}"[^>]*r:id="([^"]+)"`).exec(wb)![1];
  let rels = await zip.file(relsPath)!.async('string');
  rels = rels.replace(/<Relationship Id="([^"]+)"([^>]*)Target="worksheets\/sheet(\d+)\.xml"/g, (_m, id: string, mid: string, n: string) => {
    const part = `worksheets/sheet${count + 1 - Number(n)}.xml`;
    return `<Relationship Id="${id}"${mid}Target="${id === absoluteRid ? `/xl/${part}` : part}"`;
  });
  zip.file(relsPath, rels);
}

export async function zipBytes(zip: JSZip): Promise<Buffer> {
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Seed 000 with its blank amounts typed as 0.00: the plain workbook, as numbers. */
export const plainSeed = () => seed000Xlsx({ blanks: '0.00' });

/**
 * The same workbook kept with formulas as Excel saves them: its zero totals are
 * SUMs with a cached 0 (one plain, a shared formula across a row, formulas in
 * every cell of an empty table), a t="str" formula with the cached text "-",
 * and one formula written by a program with no cached result at all (公开02表 I8).
 */
export async function formulaSeed(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await plainSeed());
  const parts = await partsByName(zip);
  await editSheet(zip, parts.get('公开01表')!, (x) =>
    // 政府性基金预算财政拨款收入 taken from 公开07表, shown as "-" when nothing.
    setCell(x, 'C9', ' t="str"', `<f>IF('公开07表'!D8=0,"-",'公开07表'!D8)</f><v>-</v>`),
  );
  await editSheet(zip, parts.get('公开02表')!, (x) => {
    x = setCell(x, 'E8', '', '<f>SUM(E9:E17)</f><v>0</v>');
    x = setCell(x, 'F8', '', '<f t="shared" ref="F8:H8" si="0">SUM(F9:F17)</f><v>0</v>');
    x = setCell(x, 'G8', '', '<f t="shared" si="0"/><v>0</v>');
    x = setCell(x, 'H8', '', '<f t="shared" si="0"/><v>0</v>');
    // Never calculated: no <v>.
    return setCell(x, 'I8', '', '<f>SUM(I9:I17)</f>');
  });
  await editSheet(zip, parts.get('公开03表')!, (x) => {
    for (const col of ['F', 'G', 'H']) x = setCell(x, `${col}8`, '', `<f>SUM(${col}9:${col}17)</f><v>0</v>`);
    return x;
  });
  await editSheet(zip, parts.get('公开07表')!, (x) => {
    x = setCell(x, 'E8', '', '<f>F8+G8</f><v>0</v>');
    return setCell(x, 'H8', '', '<f>C8+D8-E8</f><v>0</v>');
  });
  await editSheet(zip, parts.get('公开08表')!, (x) => setCell(x, 'C8', '', '<f>D8+E8</f><v>0</v>'));
  await shuffleParts(zip, parts.size, '公开02表');
  return zipBytes(zip);
}

/** One sheet, named with characters XML escapes, whose cells are written as Excel writes them. */
export async function kinds(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const other = wb.addWorksheet('其他');
  other.getCell('A1').value = { formula: 'SUM(B1:B2)', result: 0 };
  const ws = wb.addWorksheet('收&支<1>');
  for (const ref of ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9']) ws.getCell(ref).value = 1;
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const parts = await partsByName(zip);
  // exceljs writes the name escaped; partsByName reads it as written.
  const part = parts.get('收&amp;支&lt;1&gt;')!;
  await editSheet(zip, part, (x) => {
    x = setCell(x, 'A1', '', '<f>SUM(B1:B9)</f><v>0</v>');
    x = setCell(x, 'A2', ' t="str"', '<f>IF(B1=0,"",B1)</f><v></v>');
    x = setCell(x, 'A3', ' t="str"', '<f>IF(B1=0,"",B1)</f><v/>');
    x = setCell(x, 'A4', ' t="b"', '<f>B1&gt;0</f><v>0</v>');
    x = setCell(x, 'A5', ' t="b"', '<f>B1=0</f><v>1</v>');
    x = setCell(x, 'A6', ' t="e"', '<f>1/B1</f><v>#DIV/0!</v>');
    x = setCell(x, 'A7', ' t="str"', '<f>"a&amp;b"</f><v>a&amp;b &lt;c&gt;</v>');
    x = setCell(x, 'A8', '', '<f>B1*2</f>');
    return setCell(x, 'A9', '', '<f>-B1</f><v>-0</v>');
  });
  return zipBytes(zip);
}

