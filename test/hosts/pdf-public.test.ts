/**
 * Public disclosures read table by table with their cells
 * (test/fixtures/pdf/public): PDFs the reader did not make — Word or WPS
 * exports of Jiangsu's and Shanghai's 部门预算 — with every table found under
 * its own title and page, merged headers merged, amounts as printed, the
 * split codes 201 | 06 | 01 three cells, and figures that add up as the page
 * shows them.
 */
import * as path from 'node:path';
import type { SheetGrid } from '../../src/core/grid/grid';
import { closePdfReader } from '../../src/hosts/pdf/node-pdfjs';
import { readPdfFile } from '../../src/hosts/pdf/read-file';
import type { PdfWorkbook } from '../../src/hosts/pdf/workbook';

const DIR = path.join(__dirname, '..', 'fixtures', 'pdf', 'public');

afterAll(() => closePdfReader());

const row = (s: SheetGrid, r: number) => Array.from({ length: s.colCount }, (_, c) => s.cell(r, c)?.text ?? '');
const rows = (s: SheetGrid) => Array.from({ length: s.rowCount }, (_, r) => row(s, r));
const sheet = (wb: PdfWorkbook, name: string) => wb.sheets.find((s) => s.name === name)!;
const cents = (t: string) => Math.round(Number(t.replace(/,/g, '')) * 100);

describe('Jiangsu: 江苏省人大常委会办公厅 2019 年部门预算公开表', () => {
  let wb: PdfWorkbook;
  beforeAll(async () => {
    wb = await readPdfFile(path.join(DIR, 'jiangsu-2019-budget-tables.pdf'));
  });

  test('twelve tables in document order, each under its title, one over two pages', () => {
    expect(wb.pageCount).toBe(13);
    expect(wb.sheets.map((s) => s.name)).toEqual([
      '收支预算总表',
      '收入预算总表',
      '支出预算总表',
      '财政拨款收支预算总表',
      '财政拨款支出预算表（功能科目）',
      '财政拨款基本支出预算表（经济科目）',
      '一般公共预算支出预算表（功能科目）',
      '一般公共预算基本支出预算表（经济科目）',
      '“三公”经费、会议费、培训费支出预算表',
      '财政拨款政府性基金支出预算表',
      '一般公共预算机关运行经费支出预算表',
      '政府采购预算表',
    ]);
    expect(wb.sheets.map((s) => wb.info.get(s.name)!.pages)).toEqual([[1], [2], [3], [4], [5], [6], [7], [8], [9], [10], [11], [12, 13]]);
  });

  test('收支预算总表: its rows as printed, the totals balancing', () => {
    const s = sheet(wb, '收支预算总表');
    const r = rows(s);
    expect(r).toContainEqual(['一、财政拨款', '18,330.37', '一、一般公共服务支出', '13,907.78', '一、基本支出', '9,312.90']);
    expect(r).toContainEqual(['收入合计', '18,330.37', '支出合计', '', '', '18,330.37']);
    const uses = r.filter((x) => /^[一二三]、/.test(x[4]!) && x[5]).map((x) => cents(x[5]!));
    expect(uses.reduce((a, b) => a + b, 0)).toBe(cents('18,330.37'));
  });

  test('三公 table: four header rows merged as printed, its figures adding up', () => {
    const s = sheet(wb, '“三公”经费、会议费、培训费支出预算表');
    const [top] = wb.info.get(s.name)!.gridRows!;
    expect(row(s, top)).toEqual(['合计', '“三公”经费', '', '', '', '', '', '会议费', '培训费']);
    expect(row(s, top + 2)).toEqual(['', '', '', '小计', '公务用车购置费', '公务用车运行维护费', '', '', '']);
    expect(s.merges).toContainEqual({ top, left: 1, bottom: top, right: 6 });
    expect(s.merges).toContainEqual({ top: top + 1, left: 3, bottom: top + 1, right: 5 });
    expect(s.merges).toContainEqual({ top, left: 0, bottom: top + 2, right: 0 });
    const [total, sangong, abroad, car, , carRun, reception, meeting, training] = row(s, top + 3).map((t) => (t ? cents(t) : 0));
    expect(total).toBe(sangong! + meeting! + training!);
    expect(sangong).toBe(abroad! + car! + reception!);
    expect(car).toBe(carRun);
  });

  test('a function table: codes as text, the 合计 the sum of its 类 rows', () => {
    const s = sheet(wb, '财政拨款支出预算表（功能科目）');
    const r = rows(s);
    const total = r.find((x) => x[0] === '合计' || x[1] === '合计')!;
    const classes = r.filter((x) => /^\d{3}$/.test(x[0]!));
    expect(classes.length).toBeGreaterThan(1);
    expect(classes.reduce((a, x) => a + cents(x[2]!), 0)).toBe(cents(total[2]!));
    for (let i = 0; i < s.rowCount; i++) if (/^\d+$/.test(s.cell(i, 0)?.text ?? '')) expect(typeof s.cell(i, 0)!.value).toBe('string');
  });
});

describe('Shanghai: 上海市普陀区社会福利院 2024 年单位预算', () => {
  let wb: PdfWorkbook;
  beforeAll(async () => {
    wb = await readPdfFile(path.join(DIR, 'shanghai-putuo-2024-unit-budget.pdf'));
  });

  test('nine tables after the narrative, each under its title', () => {
    expect(wb.sheets.map((s) => s.name).slice(0, 9)).toEqual([
      '预算单位财务收支预算总表',
      '预算单位收入预算总表',
      '预算单位支出预算总表',
      '预算单位财政拨款收支预算总表',
      '预算单位一般公共预算支出功能分类预算表',
      '预算单位政府性基金预算支出功能分类预算表',
      '预算单位国有资本经营预算支出功能分类预算表',
      '预算单位一般公共预算基本支出部门预算经济分类预算表',
      '“三公”经费和机关运行经费预算表',
    ]);
    expect(wb.sheets.slice(0, 9).map((s) => wb.info.get(s.name)!.pages[0])).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  test('类 | 款 | 项 three cells of text, the header merged, amounts in 元 as printed', () => {
    const s = sheet(wb, '预算单位收入预算总表');
    const r = rows(s);
    expect(r[1]).toEqual(['编制单位：上海市普陀区社会福利院', '', '', '', '', '', '', '', '单位：元']);
    expect(r).toContainEqual(['类', '款', '项', '', '', '', '', '', '']);
    expect(r).toContainEqual(['208', '05', '02', '事业单位离退休', '538,440', '538,440', '', '', '']);
    const [top] = wb.info.get(s.name)!.gridRows!;
    expect(s.merges).toContainEqual({ top: top + 1, left: 0, bottom: top + 1, right: 2 });
    const at = r.findIndex((x) => x[3] === '事业单位离退休');
    expect(s.cell(at, 1)).toEqual({ value: '05', text: '05' });
    expect(s.cell(at, 4)).toEqual({ value: 538440, text: '538,440', numberFormat: '#,##0' });
  });

  test('the text is a sheet of paragraphs, line breaks joined', () => {
    const s = sheet(wb, '情况说明');
    const paras = Array.from({ length: s.rowCount }, (_, r) => String(s.cell(r, 0)!.value));
    expect(paras).toContain('上海市普陀区社会福利院设5个内设机构，包括：院长室、办公室、财务室、后勤部、护理部。');
    expect(paras.find((p) => p.startsWith('2024年，上海市普陀区社会福利院收入预算1,212.12万元'))).toMatch(/。$/);
  });
});
