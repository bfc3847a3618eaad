/**
 * Workbooks kept with their formulas, as Excel saves them: <c><f>SUM(…)</f><v>0</v></c>.
 * The cached result is what the checks read; a zero total is a result like any
 * other, and only a formula with no <v> at all has none (M02).
 *
 * The files are written part by part with jszip, the way Excel lays them out
 * (shared formulas, t="str" / t="b" / t="e" results, sheet parts not numbered
 * in sheet order), not through exceljs's writer, which never produces them.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { checkWorkbook } from '../../src/core/check';
import type { Finding } from '../../src/core/rules/finding';
import type { SheetGrid, WorkbookGrid } from '../../src/core/grid/grid';
import { loadWorkbookGrid } from '../../src/hosts/exceljs/exceljs-grid';
import { seed000Xlsx } from '../fixtures';

function sheet(grid: WorkbookGrid, name: string): SheetGrid {
  const s = grid.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** A1 → 0-based [row, col] (single letters are enough here). */
function at(a1: string): [number, number] {
  const m = /^([A-Z])(\d+)$/.exec(a1);
  if (!m) throw new Error(a1);
  return [Number(m[2]) - 1, m[1]!.charCodeAt(0) - 65];
}

function cellOf(grid: WorkbookGrid, sheetName: string, a1: string) {
  const [r, c] = at(a1);
  return sheet(grid, sheetName).cell(r, c);
}

/**
 * Replaces the cell `ref` of a worksheet part with `<c r=ref s=… {attrs}>{inner}</c>`, keeping its style.
 * Throws when the part has no such cell, so an edit never silently misses.
 */
function setCell(xml: string, ref: string, attrs: string, inner: string): string {
  const re = new RegExp(`<c r="${ref}"((?: s="\\d+")?)(?: t="\\w+")?(?:/>|>[\\s\\S]*?</c>)`);
  if (!re.test(xml)) throw new Error(`no cell ${ref}`);
  return xml.replace(re, (_m, s: string) => `<c r="${ref}"${s}${attrs}>${inner}</c>`);
}

/** The worksheet part of each sheet name, read from workbook.xml and its rels (as written by exceljs). */
async function partsByName(zip: JSZip): Promise<Map<string, string>> {
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const target = new Map([...rels.matchAll(/<Relationship Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) out.set(m[1]!, `xl/${target.get(m[2]!)!.replace(/^\/?xl\//, '')}`);
  return out;
}

async function editSheet(zip: JSZip, part: string, edit: (xml: string) => string): Promise<void> {
  zip.file(part, edit(await zip.file(part)!.async('string')));
}

/**
 * Renumbers the worksheet parts in reverse (sheet1.xml ↔ sheet9.xml …) and points the
 * workbook's relationships at them, one by an absolute target: as in a workbook whose
 * sheets were reordered, deleted or added in Excel, part N is not the N-th sheet.
 */
async function shuffleParts(zip: JSZip, count: number, absoluteFor: string): Promise<void> {
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

async function zipBytes(zip: JSZip): Promise<Buffer> {
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Seed 000 with its blank amounts typed as 0.00: the plain workbook, as numbers. */
const plainSeed = () => seed000Xlsx({ blanks: '0.00' });

/**
 * The same workbook kept with formulas as Excel saves them: its zero totals are
 * SUMs with a cached 0 (one plain, a shared formula across a row, formulas in
 * every cell of an empty table), a t="str" formula with the cached text "-",
 * and one formula written by a program with no cached result at all (公开02表 I8).
 */
async function formulaSeed(): Promise<Buffer> {
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

const key = (f: Finding) => `${f.rule} ${f.severity} ${f.cells.join(' ')} ${f.message}`;

describe('formulas with cached results (a workbook saved by Excel with its formulas)', () => {
  let plain: WorkbookGrid;
  let formulas: WorkbookGrid;
  beforeAll(async () => {
    plain = await loadWorkbookGrid(await plainSeed());
    formulas = await loadWorkbookGrid(await formulaSeed());
  });

  test('a cached 0 is the formula’s result', () => {
    expect(cellOf(formulas, '公开02表', 'E8')).toEqual({ value: 0, text: '0.00', numberFormat: '#,##0.00', formula: 'SUM(E9:E17)' });
    expect(cellOf(formulas, '公开07表', 'H8')).toEqual({ value: 0, text: '0.00', numberFormat: '#,##0.00', formula: 'C8+D8-E8' });
    expect(cellOf(formulas, '公开08表', 'C8')?.value).toBe(0);
    for (const col of ['F', 'G', 'H']) expect(cellOf(formulas, '公开03表', `${col}8`)?.value).toBe(0);
  });

  test('a shared formula’s cells keep their cached 0 and their own formula', () => {
    expect(cellOf(formulas, '公开02表', 'F8')).toEqual({ value: 0, text: '0.00', numberFormat: '#,##0.00', formula: 'SUM(F9:F17)' });
    expect(cellOf(formulas, '公开02表', 'G8')).toEqual({ value: 0, text: '0.00', numberFormat: '#,##0.00', formula: 'SUM(G9:G17)' });
    expect(cellOf(formulas, '公开02表', 'H8')).toEqual({ value: 0, text: '0.00', numberFormat: '#,##0.00', formula: 'SUM(H9:H17)' });
  });

  test('a t="str" result is its text; a formula without <v> has no result', () => {
    expect(cellOf(formulas, '公开01表', 'C9')).toMatchObject({ value: '-', text: '-', formula: `IF('公开07表'!D8=0,"-",'公开07表'!D8)` });
    expect(cellOf(formulas, '公开02表', 'I8')).toEqual({ value: null, numberFormat: '#,##0.00', formula: 'SUM(I9:I17)' });
  });

  test('every other cell reads as in the workbook without formulas (parts found through the relationships)', () => {
    const edited = new Set(['公开01表!C9', '公开02表!E8', '公开02表!F8', '公开02表!G8', '公开02表!H8', '公开02表!I8', '公开03表!F8', '公开03表!G8', '公开03表!H8', '公开07表!E8', '公开07表!H8', '公开08表!C8']);
    expect(formulas.sheets.map((s) => s.name)).toEqual(plain.sheets.map((s) => s.name));
    for (const p of plain.sheets) {
      const f = sheet(formulas, p.name);
      expect([f.rowCount, f.colCount]).toEqual([p.rowCount, p.colCount]);
      for (let r = 0; r < p.rowCount; r++) {
        for (let c = 0; c < p.colCount; c++) {
          if (edited.has(`${p.name}!${String.fromCharCode(65 + c)}${r + 1}`)) continue;
          expect([p.name, r, c, f.cell(r, c)]).toEqual([p.name, r, c, p.cell(r, c)]);
        }
      }
    }
  });

  test('checkWorkbook: no M02 for the cached zeros, one for the formula never calculated; otherwise the same findings', () => {
    const before = checkWorkbook(plain);
    const after = checkWorkbook(formulas);
    // All nine tables found in both.
    expect(Object.keys(after.mapping.tables).sort()).toEqual(Object.keys(before.mapping.tables).sort());
    const m02 = after.findings.filter((f) => f.rule === 'M02');
    expect(m02.map((f) => f.cells)).toEqual([['公开02表!I8']]);
    expect(m02[0]!.message).toContain('没有保存它的计算结果');
    expect(m02[0]!.message).toContain('=SUM(I9:I17)');
    expect(before.findings.filter((f) => f.rule === 'M02')).toEqual([]);
    // I8's true value is 0, so with it read as 0 every other check comes out as before.
    expect(after.findings.filter((f) => f.rule !== 'M02').map(key).sort()).toEqual(before.findings.map(key).sort());
  });
});

describe('cached results of every kind', () => {
  /** One sheet, named with characters XML escapes, whose cells are written as Excel writes them. */
  async function kinds(): Promise<Buffer> {
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

  test('0, "", FALSE, TRUE, an error and an escaped text are kept as what they are; no <v> is no result', async () => {
    const g = await loadWorkbookGrid(await kinds());
    const s = sheet(g, '收&支<1>');
    expect(s.cell(0, 0)).toEqual({ value: 0, text: '0', formula: 'SUM(B1:B9)' });
    expect(s.cell(1, 0)).toEqual({ value: '', text: '', formula: 'IF(B1=0,"",B1)' });
    expect(s.cell(2, 0)).toEqual({ value: '', text: '', formula: 'IF(B1=0,"",B1)' });
    expect(s.cell(3, 0)).toEqual({ value: false, text: 'FALSE', formula: 'B1>0' });
    expect(s.cell(4, 0)).toEqual({ value: true, text: 'TRUE', formula: 'B1=0' });
    expect(s.cell(5, 0)).toEqual({ value: '#DIV/0!', text: '#DIV/0!', formula: '1/B1' });
    expect(s.cell(6, 0)).toEqual({ value: 'a&b <c>', text: 'a&b <c>', formula: '"a&b"' });
    expect(s.cell(7, 0)).toEqual({ value: null, formula: 'B1*2' });
    expect(s.cell(8, 0)?.value).toBe(-0);
    expect(sheet(g, '其他').cell(0, 0)).toEqual({ value: 0, text: '0', formula: 'SUM(B1:B2)' });
  });

  test('the file is not read a second time when every formula has its result', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    ws.getCell('A1').value = { formula: 'SUM(B1:B2)', result: 0 };
    ws.getCell('A2').value = { formula: 'B1>0', result: false };
    ws.getCell('A3').value = { formula: 'B1*2', result: 5 };
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const spy = jest.spyOn(JSZip, 'loadAsync');
    try {
      const g = await loadWorkbookGrid(bytes);
      expect(sheet(g, '表').cell(0, 0)?.value).toBe(0);
      expect(sheet(g, '表').cell(1, 0)?.value).toBe(false);
      // exceljs's own load, and nothing more.
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
