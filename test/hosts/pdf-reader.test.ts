/**
 * The PDF reader on PDFs LibreOffice exported from the fixture workbooks
 * (test/fixtures/pdf, `npm run fixtures:pdf`): the rebuilt workbook is the
 * source workbook cell for cell — amounts as printed, codes as text, empty
 * cells empty, merged cells merged, a table continued over a page break one
 * table without its repeated header, its notes under it, the narrative one
 * paragraph per row — and the check finds on it what it finds on the
 * workbook: the same rules, severities, figures and (mapped) cells.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkWorkbook } from '../../src/core/check';
import { readWrittenNarrative } from '../../src/core/narrative/check-text';
import type { SheetGrid, WorkbookGrid } from '../../src/core/grid/grid';
import type { Finding } from '../../src/core/rules/finding';
import { closePdfReader } from '../../src/hosts/pdf/node-pdfjs';
import { readPdfFile } from '../../src/hosts/pdf/read-file';
import { type PdfWorkbook, pageOf } from '../../src/hosts/pdf/workbook';
import { type FixtureManifest, NARRATIVE, SCANNED, fixtureHash, pdfFixture, pdfFixtures, scannedHash } from '../fixtures/pdf/specs';
import { specToGrid } from '../fixtures/workbook-spec';

const DIR = path.join(__dirname, '..', 'fixtures', 'pdf');

afterAll(() => closePdfReader());

const cache = new Map<string, Promise<PdfWorkbook>>();
function read(name: string): Promise<PdfWorkbook> {
  let p = cache.get(name);
  if (!p) cache.set(name, (p = readPdfFile(path.join(DIR, `${name}.pdf`))));
  return p;
}

const shown = (s: SheetGrid, r: number, c: number): string => {
  const cell = s.cell(r, c);
  if (!cell) return '';
  return cell.text !== undefined && cell.text !== '' ? cell.text : String(cell.value);
};

/** Every cell that differs, as 'sheet!R1C1: source | pdf'. */
function cellDiffs(src: WorkbookGrid, pdf: WorkbookGrid, paragraphSheets: ReadonlySet<string>): string[] {
  const out: string[] = [];
  src.sheets.forEach((s, i) => {
    const p = pdf.sheets[i];
    if (!p) {
      out.push(`${s.name}: no sheet in the PDF`);
      return;
    }
    if (s.rowCount !== p.rowCount) out.push(`${s.name}: ${s.rowCount} rows, PDF ${p.rowCount}`);
    for (let r = 0; r < Math.max(s.rowCount, p.rowCount); r++) {
      for (let c = 0; c < Math.max(s.colCount, p.colCount); c++) {
        // A paragraph's text without spaces: where the PDF breaks a line, a space of the source is not printed.
        const text = (sheet: SheetGrid) => (paragraphSheets.has(s.name) ? shown(sheet, r, c).replace(/\s+/g, '') : shown(sheet, r, c));
        const a = text(s);
        const b = text(p);
        if (a !== b) out.push(`${s.name}!R${r + 1}C${c + 1}: ${a} | ${b}`);
      }
    }
    const key = (m: { top: number; left: number; bottom: number; right: number }) => `${m.top},${m.left}:${m.bottom},${m.right}`;
    const a = s.merges.map(key).sort();
    const b = p.merges.map(key).sort();
    if (a.join(' ') !== b.join(' ')) out.push(`${s.name} merges: ${a.join(' ')} | ${b.join(' ')}`);
  });
  return out;
}

/** A finding as compared across the two readings: its cells named by the source's sheets. */
function comparable(f: Finding, sheetOf: (s: string) => string): string {
  return JSON.stringify([f.rule, f.severity, f.expected, f.actual, f.difference, f.unit ?? null, f.refs.map((r) => `${sheetOf(r.sheet)}!${r.row},${r.col}`)]);
}

test('each committed PDF was made from the fixture as it is now (else: npm run fixtures:pdf)', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(DIR, 'fixtures.json'), 'utf8')) as FixtureManifest;
  for (const f of pdfFixtures()) {
    expect({ name: f.name, hash: manifest.fixtures[f.name]?.hash }).toEqual({ name: f.name, hash: fixtureHash(f) });
    expect(fs.statSync(path.join(DIR, `${f.name}.pdf`)).size).toBeLessThan(400_000);
  }
  expect(manifest.fixtures[SCANNED.name]?.hash).toBe(scannedHash());
});

// The fixtures that can be checked (the others: pdf-unreadable.test.ts).
describe.each(pdfFixtures().filter((f) => !f.password && !f.unruled?.length).map((f) => [f.name] as const))('%s.pdf', (name) => {
  const fixture = pdfFixture(name);
  const source = specToGrid(fixture.spec);

  test('is rebuilt cell for cell: one sheet per table in document order, amounts as printed, merges kept', async () => {
    const pdf = await read(name);
    expect(pdf.sheets.length).toBe(source.sheets.length);
    expect(cellDiffs(source, pdf, new Set(fixture.paragraphs))).toEqual([]);
  });

  test('amounts are numbers printing as the PDF does; codes, 行次 and split codes stay text', async () => {
    const pdf = await read(name);
    const cells = pdf.sheets.flatMap((s) => Array.from({ length: s.rowCount }, (_, r) => Array.from({ length: s.colCount }, (_, c) => s.cell(r, c))).flat());
    const amounts = cells.filter((c) => c && /^-?[\d,]+\.\d\d$/.test(c.text ?? ''));
    expect(amounts.length).toBeGreaterThan(20);
    for (const c of amounts) expect({ text: c!.text, type: typeof c!.value, fmt: c!.numberFormat }).toEqual({ text: c!.text, type: 'number', fmt: '#,##0.00' });
    const codes = cells.filter((c) => c && /^\d+$/.test(c.text ?? ''));
    expect(codes.length).toBeGreaterThan(10);
    for (const c of codes) expect(typeof c!.value).toBe('string');
  });

  test('the check finds what it finds on the workbook: same rules, severities, figures, cells', async () => {
    const pdf = await read(name);
    const names = new Map(pdf.sheets.map((s, i) => [s.name, source.sheets[i]!.name]));
    const a = checkWorkbook(source);
    const b = checkWorkbook(pdf);
    expect(b.mapping.profile).toBe(a.mapping.profile);
    expect(Object.keys(b.mapping.tables).sort()).toEqual(Object.keys(a.mapping.tables).sort());
    expect(b.summary).toEqual(a.summary);
    expect(b.findings.map((f) => comparable(f, (s) => names.get(s) ?? s)).sort()).toEqual(a.findings.map((f) => comparable(f, (s) => s)).sort());
    expect(a.findings.length).toBeGreaterThan(0);
  });
});

describe('pages', () => {
  test('a table over two pages is one sheet; its rows keep their page, its repeated header is gone', async () => {
    const pdf = await read('seed000-hunan');
    const s = pdf.sheets[0]!;
    expect(s.name).toBe('收入支出决算总表');
    const info = pdf.info.get(s.name)!;
    expect(info.pages).toEqual([1, 2]);
    const row = (label: string) => Array.from({ length: s.rowCount }, (_, r) => r).find((r) => shown(s, r, 0) === label)!;
    expect(pageOf(pdf, s.name, row('八、其他收入'))).toBe(1);
    expect(pageOf(pdf, s.name, row('本年收入合计'))).toBe(2);
    expect(Array.from({ length: s.rowCount }, (_, r) => shown(s, r, 0)).filter((t) => t === '项目')).toHaveLength(1);
    // The notes under it, on the second page.
    expect(pageOf(pdf, s.name, s.rowCount - 1)).toBe(2);
    expect(shown(s, s.rowCount - 1, 0)).toBe('2.本套报表金额单位转换时可能存在尾数误差。');
  });

  test('the 绩效自评报告 after 第三部分 is read too: the 表文 check finds its sections', async () => {
    const pdf = await read('seed000-hunan');
    const w = readWrittenNarrative(pdf)!;
    expect(w.sheet).toBe(NARRATIVE);
    expect(w.sections.get('一')?.[0]?.text).toMatch(/^2024年度收、支总计1820\.23万元。/);
    expect(w.report[0]!.text).toMatch(/整体支出绩效自评报告$/);
    // A paragraph over a page break is one, however the lines broke (“…项目进” / “行。2024 年…”).
    expect(w.reportSections.get('绩效六(一)')?.[0]?.text).toMatch(/^2024 年度本单位整体支出 1820\.23 万元.*项目进行。2024 年 5 月份.*进一步规范征拆工作。$/);
  });

  test('the narrative is one paragraph per row, line breaks joined, after the tables', async () => {
    const pdf = await read('seed000-hunan');
    const s = pdf.sheets.find((x) => x.name === NARRATIVE)!;
    expect(s).toBeDefined();
    expect(pdf.sheets[pdf.sheets.length - 1]).toBe(s);
    expect(shown(s, 0, 0)).toBe('第三部分');
    expect(shown(s, 3, 0)).toMatch(/^2024年度收、支总计1820\.23万元。.*上年无此种情况。$/);
    const pages = pdf.info.get(NARRATIVE)!.rowPages;
    expect(pages[0]).toBeGreaterThan(10);
    expect([...pages].sort((x, y) => x - y)).toEqual(pages);
  });
});
