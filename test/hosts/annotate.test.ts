/**
 * The annotated copy (annotateWorkbook): on seed 000 with a typed error, the
 * copy is re-opened with exceljs and compared cell by cell with the original.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip'; // exceljs's own zip library, to look at the written XML
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { type CheckResult, checkWorkbook } from '../../src/core/check';
import { parseRefA1 } from '../../src/core/grid/a1';
import type { CellRef } from '../../src/core/grid/grid';
import { type Finding, SEVERITY_ZH } from '../../src/core/rules/finding';
import type { Severity } from '../../src/core/rules/types';
import { RESULT_HEADER_ROW, RESULT_SHEET, annotateWorkbook, noteLine } from '../../src/hosts/xlsx/annotate/annotate';
import { loadWorkbookGrid } from '../../src/hosts/exceljs/exceljs-grid';
import { HIGHLIGHT, SEVERITY_RANK } from '../../src/hosts/highlight-style';
import { findingKey } from '../../src/hosts/host';
import { cellsText } from '../../src/hosts/result-table';
import { seed000Xlsx, variantXlsx, variants } from '../fixtures';

const HEADERS = ['级别', '规则', '表', '说明', '应为', '实为', '差额', '单元格'];
const LINK = /^HYPERLINK\("#((?:[^"]|"")*)","((?:[^"]|"")*)"\)$/;

async function load(bytes: Uint8Array | Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const keyOf = (r: CellRef) => `${r.sheet}!${r.row}!${r.col}`;

/** Every cell exceljs knows on a sheet (styled empty cells included), by address. */
function cellsOf(ws: ExcelJS.Worksheet): Map<string, ExcelJS.Cell> {
  const m = new Map<string, ExcelJS.Cell>();
  ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => void m.set(cell.address, cell)));
  return m;
}

function noteText(note: string | ExcelJS.Comment | undefined): string {
  if (note === undefined || note === null) return '';
  return typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('');
}

const fillOf = (s: Severity) => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${HIGHLIGHT[s].fill}` } });
/**
 * exceljs writes a style that has only a fill with the workbook's default font
 * (font 0) and no border, and reads them back explicitly: the same look as a
 * cell without a style. This is the default font of workbooks exceljs writes.
 */
const DEFAULT_FONT = { color: { theme: 1 }, family: 2, name: 'Calibri', scheme: 'minor', size: 11 };
const withoutFill = (style: Partial<ExcelJS.Style>) => {
  const { fill: _fill, ...rest } = style;
  const out: Record<string, unknown> = { ...rest };
  if (out.border && Object.keys(out.border).length === 0) delete out.border;
  if (isDeepStrictEqual(out.font, DEFAULT_FONT)) delete out.font;
  return out;
};

/** The finding cells (by 0-based ref key) and the findings touching each. */
function findingCells(findings: readonly Finding[]): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of findings) for (const r of f.refs) m.set(keyOf(r), [...(m.get(keyOf(r)) ?? []), f]);
  return m;
}

/**
 * Compares every cell of every original sheet with the copy: values, formulas,
 * number formats and notes identical everywhere, styles identical except the
 * fill of the finding cells, which is the most severe finding's.
 */
function expectOnlyFindingCellsChanged(original: ExcelJS.Workbook, copy: ExcelJS.Workbook, findings: readonly Finding[]): number {
  const marked = findingCells(findings);
  let checked = 0;
  for (const ows of original.worksheets) {
    const cws = copy.getWorksheet(ows.name)!;
    expect(cws).toBeDefined();
    const oc = cellsOf(ows);
    const cc = cellsOf(cws);
    const addresses = new Set([...oc.keys(), ...cc.keys()]);
    for (const address of addresses) {
      const o = ows.getCell(address);
      const c = cws.getCell(address);
      const where = `${ows.name}!${address}`;
      expect([where, c.type, c.value, c.formula, c.numFmt]).toEqual([where, o.type, o.value, o.formula, o.numFmt]);
      const fs = marked.get(keyOf({ sheet: ows.name, row: Number(c.row) - 1, col: Number(c.col) - 1 }));
      if (!fs) {
        expect([where, c.style]).toEqual([where, o.style]);
        expect([where, c.note]).toEqual([where, o.note]);
      } else {
        const worst = [...fs].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])[0]!.severity;
        expect([where, c.fill]).toEqual([where, fillOf(worst)]);
        expect([where, withoutFill(c.style)]).toEqual([where, withoutFill(o.style)]);
        const note = noteText(c.note);
        for (const f of fs) {
          expect(note).toContain(f.rule);
          expect(note).toContain(f.message);
          expect(note).toContain(noteLine(f));
        }
      }
      checked++;
    }
    expect(cws.model.merges.sort()).toEqual(ows.model.merges.sort());
    expect(cws.columns?.map((c) => c.width)).toEqual(ows.columns?.map((c) => c.width));
  }
  // Every finding cell was looked at (each is a real cell of the copy).
  for (const k of marked.keys()) {
    const [sheet, row, col] = k.split('!');
    expect(copy.getWorksheet(sheet!)!.getCell(Number(row) + 1, Number(col) + 1).fill).toBeDefined();
  }
  return checked;
}

/** The rows of 检查结果 under the header: one per finding. */
function resultRows(copy: ExcelJS.Workbook): ExcelJS.Row[] {
  const ws = copy.getWorksheet(RESULT_SHEET)!;
  const rows: ExcelJS.Row[] = [];
  for (let r = RESULT_HEADER_ROW + 1; r <= ws.rowCount; r++) rows.push(ws.getRow(r));
  return rows;
}

/** The links of a 检查结果 row, in order: target ref and shown text. */
function linksOf(row: ExcelJS.Row): Array<{ ref: CellRef; text: string }> {
  const out: Array<{ ref: CellRef; text: string }> = [];
  for (let c = HEADERS.length; c <= row.cellCount; c++) {
    const cell = row.getCell(c);
    if (cell.type === ExcelJS.ValueType.Null) break;
    const m = LINK.exec(cell.formula);
    expect(m).not.toBeNull();
    const ref = parseRefA1(m![1]!.replace(/""/g, '"'));
    expect(ref).toBeDefined();
    out.push({ ref: ref!, text: m![2]!.replace(/""/g, '"') });
    expect((cell.value as ExcelJS.CellFormulaValue).result).toBe(out[out.length - 1]!.text);
  }
  return out;
}

let original: Buffer;
let result: CheckResult;
let copyBytes: Uint8Array;
let copy: ExcelJS.Workbook;
let originalBook: ExcelJS.Workbook;

beforeAll(async () => {
  // Seed 000 with an accountant's typo (公开02表 2010301 财政拨款收入 289.41 for 298.41),
  // a note already on the typed cell, and a sheet of formulas (one shared) that must survive.
  const wb = await load(await seed000Xlsx());
  const ws = wb.getWorksheet('公开02表')!;
  let hit = false;
  ws.eachRow((row) => {
    if (String(row.getCell(1).value) === '2010301') {
      row.getCell(4).value = 289.41;
      row.getCell(4).note = '会计：已与财务系统核对';
      row.getCell(3).note = { texts: [{ text: '审核：', font: { bold: true } }, { text: '待复核' }] };
      hit = true;
    }
  });
  expect(hit).toBe(true);
  const extra = wb.addWorksheet('附注');
  extra.getCell('A1').value = '计算';
  extra.getCell('B1').value = 1.5;
  extra.getCell('B2').value = { formula: 'B1*2', result: 3 };
  extra.getCell('B3').value = { sharedFormula: 'B2', result: 6 };
  extra.getCell('B2').numFmt = '0.000';
  extra.getCell('C2').value = { formula: '公开02表!C9-公开02表!D9', result: 9 };
  original = Buffer.from(await wb.xlsx.writeBuffer());

  result = checkWorkbook(await loadWorkbookGrid(original));
  const before = sha(original);
  copyBytes = await annotateWorkbook(original, result);
  expect(sha(original)).toBe(before);
  copy = await load(copyBytes);
  originalBook = await load(original);
});

test('the typo gives an error, warnings or rounding findings too: a real mix to annotate', () => {
  expect(result.summary.error).toBeGreaterThan(0);
  expect(result.summary.rounding).toBeGreaterThan(0);
  const f = result.findings.find((x) => x.rule === 'R05.row')!;
  expect(f.cells).toEqual(expect.arrayContaining(['公开02表!C9', '公开02表!D9']));
});

test('exactly the finding cells get the fill of their most severe finding; nothing else changes', () => {
  const checked = expectOnlyFindingCellsChanged(originalBook, copy, result.findings);
  expect(checked).toBeGreaterThan(500);
  // The shared-style pitfall: in the loaded original the typed cell shares its style
  // object with other cells; in the copy it is red and they are not.
  const ows = originalBook.getWorksheet('公开02表')!;
  const ws = copy.getWorksheet('公开02表')!;
  const marked = findingCells(result.findings);
  const sharing = [...cellsOf(ows).values()].filter(
    (c) => c.address !== 'D9' && c.style === ows.getCell('D9').style && !marked.has(keyOf({ sheet: '公开02表', row: Number(c.row) - 1, col: Number(c.col) - 1 })),
  );
  expect(sharing.length).toBeGreaterThan(5);
  expect(ws.getCell('D9').fill).toEqual(fillOf('error'));
  for (const c of sharing) expect(ws.getCell(c.address).fill).toEqual(c.fill);
  expect(ws.getCell('D9').numFmt).toBe(ows.getCell('D9').numFmt);
});

test('a cell in findings of several severities takes the most severe fill and lists every reason', () => {
  const marked = findingCells(result.findings);
  const mixed = [...marked.entries()].find(([, fs]) => new Set(fs.map((f) => f.severity)).size > 1);
  if (!mixed) {
    // No mixed cell in this workbook: at least one cell is in several findings.
    expect([...marked.values()].some((fs) => fs.length > 1)).toBe(true);
    return;
  }
  const [k, fs] = mixed;
  const [sheet, row, col] = k.split('!');
  const cell = copy.getWorksheet(sheet!)!.getCell(Number(row) + 1, Number(col) + 1);
  const worst = fs.map((f) => f.severity).sort((a, b) => SEVERITY_RANK[a] - SEVERITY_RANK[b])[0]!;
  expect(cell.fill).toEqual(fillOf(worst));
  for (const f of fs) expect(noteText(cell.note)).toContain(`【${SEVERITY_ZH[f.severity]} ${f.rule}】`);
});

test('a note already on a finding cell is kept (rich text too), with the reasons after it', () => {
  const note = noteText(copy.getWorksheet('公开02表')!.getCell('D9').note);
  expect(note.startsWith('会计：已与财务系统核对')).toBe(true);
  expect(note).toContain('【错误 R05.row】');
  const rich = copy.getWorksheet('公开02表')!.getCell('C9').note as ExcelJS.Comment;
  expect(rich.texts?.[0]).toMatchObject({ text: '审核：', font: { bold: true } });
  expect(noteText(rich)).toMatch(/^审核：待复核\n\n【错误 R05\.row】/);
});

test('检查结果 comes first and is the active sheet; the original sheets keep their order', async () => {
  expect(copy.worksheets.map((w) => w.name)).toEqual([RESULT_SHEET, ...originalBook.worksheets.map((w) => w.name)]);
  expect(copy.views[0]?.activeTab).toBe(0);
  // exceljs does not read tabSelected back: look at the XML. Exactly one selected tab (no group editing), ours.
  const zip = await JSZip.loadAsync(copyBytes);
  const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
  expect(/<sheet [^>]*name="([^"]+)"/.exec(workbookXml)?.[1]).toBe(RESULT_SHEET);
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const targetOf = (id: string) => new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"|<Relationship [^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels);
  const selected: string[] = [];
  for (const m of workbookXml.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const t = targetOf(m[2]!);
    const path = `xl/${(t?.[1] ?? t?.[2] ?? '').replace(/^\/?xl\//, '')}`;
    const xml = await zip.file(path)!.async('string');
    if (/<sheetView [^>]*tabSelected="1"/.test(xml)) selected.push(m[1]!);
  }
  expect(selected).toEqual([RESULT_SHEET]);
  const ws = copy.getWorksheet(RESULT_SHEET)!;
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: RESULT_HEADER_ROW });
});

test('检查结果 has a summary line, a bold header and one row per finding with a link to its cells; it prints landscape, one page wide', () => {
  const ws = copy.getWorksheet(RESULT_SHEET)!;
  expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${RESULT_HEADER_ROW}:${RESULT_HEADER_ROW}` });
  expect([4, 8].map((c) => ws.getColumn(c).alignment?.wrapText)).toEqual([true, true]);
  const s = result.summary;
  expect(String(ws.getCell('A1').value)).toContain(`错误 ${s.error} 项，提示 ${s.warning} 项，尾数误差 ${s.rounding} 项`);
  const header = ws.getRow(RESULT_HEADER_ROW);
  expect(HEADERS.map((_, i) => header.getCell(i + 1).value)).toEqual(HEADERS);
  for (let i = 1; i <= HEADERS.length; i++) {
    expect(header.getCell(i).font?.bold).toBe(true);
    expect(ws.getColumn(i).width).toBeGreaterThan(5);
  }
  const rows = resultRows(copy);
  expect(rows).toHaveLength(result.findings.length);
  rows.forEach((row, i) => {
    const f = result.findings[i]!;
    expect(row.getCell(1).value).toBe(SEVERITY_ZH[f.severity]);
    expect(row.getCell(1).fill).toEqual(fillOf(f.severity));
    expect(row.getCell(2).value).toBe(f.rule);
    expect(String(row.getCell(3).value)).toBe(f.tables.join('、'));
    expect(row.getCell(4).value).toBe(f.message);
    const amounts = [5, 6, 7].map((c) => row.getCell(c).value);
    expect(amounts).toEqual([f.expected, f.actual, f.difference]);
    // One 单元格 column (the same layout as in Excel): every cell listed, the link to the first.
    const links = linksOf(row);
    expect(links.map((l) => l.ref)).toEqual([{ sheet: f.refs[0]!.sheet, row: f.refs[0]!.row, col: f.refs[0]!.col }]);
    expect(links.map((l) => l.text)).toEqual([cellsText(f.refs)]);
    // Each link lands on a real sheet of the copy, on the cell that carries the finding's mark.
    for (const l of links) {
      const target = copy.getWorksheet(l.ref.sheet);
      expect(target).toBeDefined();
      expect(noteText(target!.getCell(l.ref.row + 1, l.ref.col + 1).note)).toContain(`${f.rule}】`);
    }
  });
});

test('the copy re-checks to the same mapping and the same findings: 检查结果 disturbs nothing', async () => {
  const again = checkWorkbook(await loadWorkbookGrid(copyBytes));
  expect(again.mapping).toEqual(result.mapping);
  expect(again.findings).toEqual(result.findings);
});

test('ignored findings are left out: no mark, no row, counted in the summary line', async () => {
  const f = result.findings.find((x) => x.rule === 'R05.row')!;
  const bytes = await annotateWorkbook(original, result, { ignored: [findingKey(f)] });
  const wb = await load(bytes);
  const kept = result.findings.filter((x) => x !== f);
  expectOnlyFindingCellsChanged(originalBook, wb, kept);
  expect(resultRows(wb)).toHaveLength(kept.length);
  expect(String(wb.getWorksheet(RESULT_SHEET)!.getCell('A1').value)).toContain('另有 1 项已忽略');
});

test('annotating an annotated copy replaces 检查结果 and does not repeat the reasons in the notes', async () => {
  const again = checkWorkbook(await loadWorkbookGrid(copyBytes));
  const twice = await load(await annotateWorkbook(copyBytes, again));
  expect(twice.worksheets.map((w) => w.name)).toEqual(copy.worksheets.map((w) => w.name));
  expect(resultRows(twice)).toHaveLength(result.findings.length);
  const note = noteText(twice.getWorksheet('公开02表')!.getCell('D9').note);
  expect(note.split('【错误 R05.row】')).toHaveLength(2);
  expect(note.startsWith('会计：已与财务系统核对')).toBe(true);
  const rich = twice.getWorksheet('公开02表')!.getCell('C9').note as ExcelJS.Comment;
  expect(rich.texts?.slice(0, 2)).toEqual([{ text: '审核：', font: { bold: true } }, { text: '待复核' }].map((t) => expect.objectContaining(t)));
  expect(noteText(rich).split('【错误 R05.row】')).toHaveLength(2);
  expectOnlyFindingCellsChanged(copy, twice, []); // same fills, same notes: nothing new
});

test('a missing table (M01, no cells) only appears in 检查结果, and the copy still maps the same', async () => {
  const wb = await load(await seed000Xlsx());
  wb.removeWorksheet(wb.getWorksheet('公开09表')!.id);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const r = checkWorkbook(await loadWorkbookGrid(bytes));
  const m01 = r.findings.filter((f) => f.rule === 'M01');
  expect(m01.length).toBeGreaterThan(0);
  expect(m01.every((f) => f.refs.length === 0)).toBe(true);
  const out = await annotateWorkbook(bytes, r);
  const annotated = await load(out);
  expectOnlyFindingCellsChanged(await load(bytes), annotated, r.findings);
  const rows = resultRows(annotated);
  const i = r.findings.findIndex((f) => f.rule === 'M01');
  expect(rows[i]!.getCell(2).value).toBe('M01');
  expect(linksOf(rows[i]!)).toEqual([]);
  const again = checkWorkbook(await loadWorkbookGrid(out));
  expect(again.mapping).toEqual(r.mapping);
  expect(again.findings).toEqual(r.findings);
});

test('no findings: 检查结果 says so and the sheets are untouched', async () => {
  const bytes = await seed000Xlsx();
  const r = checkWorkbook(await loadWorkbookGrid(bytes));
  const none: CheckResult = { ...r, findings: [], summary: { error: 0, warning: 0, rounding: 0 } };
  const wb = await load(await annotateWorkbook(bytes, none));
  expectOnlyFindingCellsChanged(await load(bytes), wb, []);
  expect(String(wb.getWorksheet(RESULT_SHEET)!.getCell('A1').value)).toContain('错误 0 项，提示 0 项，尾数误差 0 项');
});

test('takes an ArrayBuffer and a Uint8Array as well as a Buffer', async () => {
  const ab = original.buffer.slice(original.byteOffset, original.byteOffset + original.byteLength) as ArrayBuffer;
  for (const input of [ab, new Uint8Array(ab)]) {
    const out = await annotateWorkbook(input, result);
    expect(out).toBeInstanceOf(Uint8Array);
    const wb = await load(out);
    expect(wb.worksheets[0]!.name).toBe(RESULT_SHEET);
  }
});

describe('every layout variant: the copy maps and checks exactly as the original', () => {
  test.each(variants().map((v) => [v.name, v] as const))('%s', async (_name, v) => {
    const bytes = await variantXlsx(v);
    const r = checkWorkbook(await loadWorkbookGrid(bytes));
    const out = await annotateWorkbook(bytes, r);
    const again = checkWorkbook(await loadWorkbookGrid(out));
    expect(again.mapping).toEqual(r.mapping);
    expect(again.findings).toEqual(r.findings);
    const wb = await load(out);
    expectOnlyFindingCellsChanged(await load(bytes), wb, r.findings);
    // Links on quoted sheet names ("O'Brien 表") resolve too.
    for (const row of resultRows(wb)) for (const l of linksOf(row)) expect(wb.getWorksheet(l.ref.sheet)).toBeDefined();
  });
});

test('the drafted narrative goes to a new 情况说明（生成稿） sheet of the copy, and the copy checks exactly the same', async () => {
  const { generateNarrative } = await import('../../src/core/narrative/generate');
  const { HUNAN_2024_NARRATIVE } = await import('../../src/core/narrative/patterns/hunan-2024');
  const { readTables } = await import('../../src/core/rules/table-values');
  const { mapWorkbook } = await import('../../src/core/mapping/detect');
  const { checkWorkbook } = await import('../../src/core/check');
  const { loadWorkbookGrid } = await import('../../src/hosts/exceljs/exceljs-grid');
  const { seed000Xlsx } = await import('../fixtures');
  const bytes = await seed000Xlsx();
  const grid = await loadWorkbookGrid(bytes);
  const result = checkWorkbook(grid);
  const narrative = generateNarrative(readTables(grid, mapWorkbook(grid)), HUNAN_2024_NARRATIVE, { year: 2024 });
  const out = await annotateWorkbook(bytes, result, { narrative });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(out as unknown as ArrayBuffer);
  expect(wb.getWorksheet('情况说明')).toBeUndefined();
  const ws = wb.getWorksheet('情况说明（生成稿）')!;
  const texts: string[] = [];
  ws.eachRow((row) => texts.push(String(row.getCell(1).value)));
  expect(texts).toContain('二、收入决算情况说明');
  expect(texts.some((t) => t.startsWith('2024年度收入合计1820.23万元'))).toBe(true);
  // The draft is not the unit's written narrative: no 表文 finding on it, the same findings as the original.
  const again = checkWorkbook(await loadWorkbookGrid(out));
  expect(again.findings).toEqual(result.findings);
});
