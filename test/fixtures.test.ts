import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { GridCell, SheetGrid, WorkbookGrid } from '../src/core/grid/grid';
import {
  amountToCents,
  cellParts,
  centsToAmount,
  findTable,
  formatNumber,
  getTable,
  HUNAN_TITLES,
  isColumnNumberRow,
  joinT06Footer,
  layoutWorkbook,
  NATIONAL_TITLES,
  rangeA1,
  seed000,
  seed000Grid,
  seed000Xlsx,
  SEED000_PATH,
  specToGrid,
  specToXlsx,
  sumAmounts,
  toNationalLayout,
  variantDisclosure,
  variantGrid,
  variants,
  variantSpec,
  type TableBlock,
  type Variant,
  type WorkbookSpec,
} from './fixtures';

const ids = Array.from({ length: 9 }, (_, i) => `公开0${i + 1}表`);
const dataRows = (t: TableBlock) => t.body.filter((r) => !isColumnNumberRow(r));

function sheet(g: WorkbookGrid, name: string): SheetGrid {
  const s = g.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** Every non-empty cell of a sheet, as 'row,col' → cell. */
function cells(s: SheetGrid): Map<string, GridCell> {
  const m = new Map<string, GridCell>();
  for (let r = 0; r < s.rowCount; r++) {
    for (let c = 0; c < s.colCount; c++) {
      const cell = s.cell(r, c);
      if (cell) m.set(`${r},${c}`, cell);
    }
  }
  return m;
}

/** The first cell whose value is `v`. */
function find(s: SheetGrid, v: string | number): { row: number; col: number } {
  for (const [k, cell] of cells(s)) {
    if (cell.value === v) {
      const [row = 0, col = 0] = k.split(',').map(Number);
      return { row, col };
    }
  }
  throw new Error(`${s.name}: no cell ${v}`);
}

describe('seed 000 text → Disclosure', () => {
  const d = seed000();

  it('has the nine Hunan tables in order, with the department and year', () => {
    expect(d.department).toBe('株洲市天元区征地工作协调服务中心');
    expect(d.year).toBe(2024);
    expect(d.tables.map((t) => t.id)).toEqual(ids);
    expect(d.tables.map((t) => t.title)).toEqual(HUNAN_TITLES);
  });

  it('keeps the meta lines in their published order', () => {
    expect(getTable(d, '公开01表').meta).toEqual(['公开01表', '单位：万元', '部门：株洲市天元区征地工作协调服务中心']);
    expect(getTable(d, '公开04表').meta).toEqual(['公开04表', '单位: 万元', '部门: 株洲市天元区征地工作协调服务中心']);
    expect(getTable(d, '公开08表').meta).toEqual(['部门：株洲市天元区征地工作协调服务中心', '公开08表', '单位：万元']);
  });

  it('splits headers from bodies', () => {
    const t01 = getTable(d, '公开01表');
    expect(t01.header).toEqual([
      ['收入', '', '', '支出', '', ''],
      ['项目', '行次', '金额', '项目', '行次', '金额'],
    ]);
    expect(t01.body[0]).toEqual(['栏次', '', '1', '栏次', '', '2']);
    expect(t01.body).toHaveLength(31);
    expect(t01.notes).toEqual(['注：1.本表反映部门本年度的总收支和年末结转结余情况。', '2.本套报表金额单位转换时可能存在尾数误差。']);
    expect(getTable(d, '公开06表').header).toHaveLength(2);
    expect(getTable(d, '公开06表').body[0]?.slice(0, 3)).toEqual(['301', '工资福利支出', '233.80']);
    expect(getTable(d, '公开09表').header).toHaveLength(3);
  });

  it('公开02表 has the 合计 row and the nine 项 rows', () => {
    const rows = dataRows(getTable(d, '公开02表'));
    expect(rows).toHaveLength(10);
    expect(rows[0]?.slice(0, 4)).toEqual(['合计', '', '1,820.23', '1,820.23']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['2010301', '2010302', '2080505', '2089999', '2100717', '2101102', '2101103', '2120399', '2210201']);
    expect(rows.find((r) => r[0] === '2120399')?.[2]).toBe('1,407.00');
    expect(sumAmounts(rows.slice(1).map((r) => r[2] ?? ''))).toBe('1,820.23');
  });

  it('公开09表 has 3.50 under 预算数 and 3.49 under 决算数', () => {
    const t = getTable(d, '公开09表');
    expect(t.header[0]?.[0]).toBe('预算数');
    expect(t.header[0]?.[6]).toBe('决算数');
    expect(t.header[2]?.[3]).toBe('公务用车购 置费'); // PDF wrap kept
    expect(t.body[0]).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(t.body[1]).toEqual(['3.50', '', '3.50', '', '3.50', '', '3.49', '', '3.49', '', '3.49', '']);
  });

  it('keeps the seed errors: 公开04表 栏次 row, 卫生健康 23.23, the split 公开06表 footer', () => {
    expect(getTable(d, '公开04表').body[0]).toEqual(['栏次', '1', '1,820.23', '栏次', '2', '345.86', '345.86', '4', '5']);
    const t01 = getTable(d, '公开01表');
    expect(t01.body.find((r) => r[3] === '九、卫生健康支出')?.[5]).toBe('23.23');
    const t06 = getTable(d, '公开06表');
    expect(t06.body.slice(-2)).toEqual([
      ['人员经费合计', '', '', '公用经费合计', '', '', '', '', ''],
      ['', '', '234.40', '', '', '', '', '', '131.27'],
    ]);
    const joined = getTable(joinT06Footer(d), '公开06表');
    expect(joined.body).toHaveLength(t06.body.length - 1);
    expect(joined.body[joined.body.length - 1]).toEqual(['人员经费合计', '', '234.40', '公用经费合计', '', '', '', '', '131.27']);
    expect(getTable(joinT06Footer(joinT06Footer(d)), '公开06表').body).toEqual(joined.body);
  });

  it('keeps the 说明 of the empty tables', () => {
    expect(getTable(d, '公开07表').notes[1]).toBe('说明：我单位没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。');
    expect(dataRows(getTable(d, '公开08表'))).toEqual([['合计', '', '', '', '']]);
  });

  it('seeds/000.txt is the shared seed, unchanged', () => {
    const shared = path.resolve(__dirname, '../../shared/seeds/000_93490be767f20cbd.txt');
    if (!fs.existsSync(shared)) return;
    expect(fs.readFileSync(SEED000_PATH, 'utf8')).toBe(fs.readFileSync(shared, 'utf8'));
  });
});

describe('amount strings', () => {
  it('centsToAmount / amountToCents round-trip, and match the displayed text of #,##0.00', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), (c) => {
        const s = centsToAmount(c);
        expect(amountToCents(s)).toBe(c);
        expect(formatNumber(Number(c) / 100, '#,##0.00')).toBe(s);
      }),
    );
    expect(centsToAmount(amountToCents('1,820.23') * 10000n)).toBe('18,202,300.00');
  });
});

describe('layoutWorkbook / specToGrid', () => {
  it('lays out one sheet per table, amounts as formatted numbers, header merges', () => {
    const g = seed000Grid();
    expect(g.sheets.map((s) => s.name)).toEqual(ids);
    const s02 = sheet(g, '公开02表');
    expect(s02.cell(0, 0)?.value).toBe('收入决算表');
    const total = find(s02, '合计');
    expect(s02.cell(total.row, 2)).toEqual({ value: 1820.23, text: '1,820.23', numberFormat: '#,##0.00' });
    expect(s02.cell(total.row, 4)).toBeUndefined();
    const code = find(s02, '2120399');
    expect(s02.cell(code.row, 2)?.text).toBe('1,407.00');
    const s09 = sheet(g, '公开09表');
    expect(s09.merges.map(rangeA1)).toEqual(expect.arrayContaining(['A1:L1', 'A5:F5', 'G5:L5', 'A6:A7', 'C6:E6']));
    // The 06 footer is one row in a typed sheet.
    const s06 = sheet(g, '公开06表');
    const footer = find(s06, '人员经费合计');
    expect(s06.cell(footer.row, 2)?.value).toBe(234.4);
    expect(s06.cell(footer.row, 8)?.value).toBe(131.27);
  });

  it('the 元 variant multiplies exactly and rewrites the unit line', () => {
    const g = seed000Grid({ unit: '元' });
    const s02 = sheet(g, '公开02表');
    const total = find(s02, '合计');
    expect(s02.cell(total.row, 2)).toEqual({ value: 18202300, text: '18,202,300.00', numberFormat: '#,##0.00' });
    find(s02, '单位：元');
    expect(sheet(g, '公开04表').cell(find(sheet(g, '公开04表'), '单位: 元').row, 8)?.value).toBe('单位: 元');
    const s09 = sheet(g, '公开09表');
    expect(s09.cell(find(s09, 12).row + 1, 6)?.value).toBe(34900);
    const text = specToGrid(layoutWorkbook(seed000(), { unit: '元', numbers: 'text' }));
    const t02 = sheet(text, '公开02表');
    expect(t02.cell(find(t02, '合计').row, 2)?.value).toBe('18,202,300.00');
  });

  it('writes amounts as text, spaced, full-width; blanks as -, —, 0.00', () => {
    const at = (o: Parameters<typeof seed000Grid>[0], col: number) => {
      const s = sheet(seed000Grid(o), '公开02表');
      return s.cell(find(s, '合计').row, col)?.value;
    };
    expect(at({ numbers: 'text' }, 2)).toBe('1,820.23');
    expect(at({ numbers: 'spaced' }, 2)).toBe('1, 820. 23');
    expect(at({ numbers: 'fullwidth' }, 2)).toBe('１，８２０．２３');
    expect(at({ numbers: 'plain' }, 2)).toBe(1820.23);
    expect(at({ blanks: '-' }, 4)).toBe('-');
    expect(at({ blanks: '—' }, 8)).toBe('—');
    expect(at({ blanks: '0.00' }, 8)).toBe(0);
    // Label-less filler rows of 公开01表 get no blank marker in the 项目 column.
    const s01 = sheet(seed000Grid({ blanks: '-' }), '公开01表');
    const r9 = find(s01, '九、卫生健康支出').row;
    expect(s01.cell(r9, 0)).toBeUndefined();
    expect(s01.cell(r9, 1)?.value).toBe(9);
    expect(s01.cell(r9, 2)?.value).toBe('-');
  });

  it('places tables at an offset, on renamed or shared sheets', () => {
    const offset = variantGrid(variants().find((v) => v.name === 'offset-renamed') as Variant);
    expect(offset.sheets.map((s) => s.name).slice(0, 4)).toEqual(['Sheet1', '收入 决算', "O'Brien 表", 'Sheet4']);
    expect(sheet(offset, '收入 决算').cell(3, 2)?.value).toBe('收入决算表');
    expect(sheet(offset, '收入 决算').merges[0]).toEqual({ top: 3, left: 2, bottom: 3, right: 10 });

    const one = seed000Grid({ placement: 'one-sheet' });
    expect(one.sheets.map((s) => s.name)).toEqual(['决算公开表']);
    const s = one.sheets[0] as SheetGrid;
    const titles = HUNAN_TITLES.map((t) => find(s, t).row);
    expect([...titles].sort((a, b) => a - b)).toEqual(titles);
    expect(s.cell(titles[1]! - 1, 0)).toBeUndefined();
    expect(s.cell(titles[1]! - 2, 0)).toBeUndefined();

    const two = seed000Grid({ placement: 'two-sheets' });
    expect(two.sheets.map((x) => x.name)).toEqual(['公开01-05表', '公开06-09表']);
  });

  it('titles, header text, codes and blank rows options', () => {
    const labels = sheet(seed000Grid({ titles: 'label-only' }), '公开02表');
    expect(() => find(labels, '收入决算表')).toThrow();
    find(labels, '公开02表');
    const none = sheet(seed000Grid({ titles: 'none' }), '公开02表');
    expect(none.cell(0, 0)?.value).toBe('项目');
    expect(sheet(seed000Grid({ headerText: 'spaced' }), '公开02表').cell(1 + 3, 0)?.value).toBe('项 目');
    const lb = sheet(seed000Grid({ headerText: 'linebreak' }), '公开02表');
    expect(lb.cell(4, 2)?.value).toBe('本年收入\n合计');
    const codes = sheet(seed000Grid({ codes: 'number' }), '公开02表');
    find(codes, 2010301);
    const blank = sheet(seed000Grid({ blankRowsInside: true }), '公开02表');
    const first = find(blank, '2010301').row;
    const last = find(blank, '2210201').row;
    expect(last - first).toBe(9); // 9 項 rows + one empty row
    expect(sheet(seed000Grid({ merges: false }), '公开09表').merges).toEqual([]);
  });

  it('every variant builds', () => {
    for (const v of variants()) {
      const g = variantGrid(v);
      expect(g.sheets.length).toBeGreaterThan(0);
      expect(variantDisclosure(v).tables).toHaveLength(9);
    }
  });
});

describe('national layout', () => {
  const d = seed000();
  const n = toNationalLayout(d);

  it('has the national order and titles', () => {
    expect(n.tables.map((t) => t.id)).toEqual(ids);
    expect(n.tables.map((t) => t.title)).toEqual(NATIONAL_TITLES);
    expect(n.tables.every((t) => !t.meta.some((m) => /公开/.test(m)))).toBe(true);
    expect(n.tables.every((t) => !t.body.some(isColumnNumberRow))).toBe(true);
  });

  it('公开02表 has 类/款 rows summed from 项 rows', () => {
    const t = getTable(n, '公开02表');
    const row = (code: string) => t.body.find((r) => r[0] === code);
    expect(row('210')?.slice(1, 4)).toEqual(['卫生健康支出', '23.22', '23.22']);
    expect(row('21011')?.slice(1, 3)).toEqual(['行政事业单位医疗', '23.11']);
    expect(row('201')?.[2]).toBe('345.86');
    expect(row('2101103')?.[2]).toBe('13.86');
    expect(t.body[0]?.slice(0, 3)).toEqual(['', '合计', '1,820.23']);
  });

  it('keeps the seed figures in 01, 05 (合计 last), 06, 07 三公, 08/09 说明', () => {
    const t01 = getTable(n, '公开01表');
    expect(t01.body).toHaveLength(28);
    expect(t01.body.find((r) => r[2] === '九、卫生健康支出')?.[3]).toBe('23.23');
    expect(t01.body.find((r) => r[2] === '二十四、抗疫特别国债安排的支出')).toBeDefined();
    expect(t01.body.some((r) => r[0] === '使用非财政拨款结余')).toBe(true);
    const t05 = getTable(n, '公开05表');
    expect(t05.body[t05.body.length - 1]).toEqual(['', '合计', '1,820.23', '365.67', '1,454.56']);
    const t06 = getTable(n, '公开06表');
    expect(t06.body[t06.body.length - 1]).toEqual(['人员经费合计', '', '234.40', '公用经费合计', '', '131.27']);
    expect(t06.body.find((r) => r[3] === '31002')?.[5]).toBe('4.20');
    expect(t06.body.some((r) => r.includes('307'))).toBe(false);
    expect(getTable(n, '公开07表').body).toEqual([['3.50', '3.49', '', '', '3.50', '3.49', '', '', '3.50', '3.49', '', '']]);
    expect(getTable(n, '公开08表').notes[1]).toBe('说明：株洲市天元区征地工作协调服务中心本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。');
    expect(getTable(n, '公开09表').body).toEqual([['', '合计', '', '', '', '', '', '']]);
  });

  it('splits codes into 类 | 款 | 项', () => {
    const t = getTable(toNationalLayout(d, { splitCodes: true }), '公开03表');
    expect(t.header[2]?.slice(0, 3)).toEqual(['类', '款', '项']);
    expect(t.body.find((r) => r[3] === '卫生健康支出')?.slice(0, 5)).toEqual(['210', '', '', '卫生健康支出', '23.22']);
    expect(t.body.find((r) => r[3] === '行政事业单位医疗')?.slice(0, 3)).toEqual(['210', '11', '']);
    expect(t.body.find((r) => r[3] === '公务员医疗补助')?.slice(0, 3)).toEqual(['210', '11', '03']);
    expect(findTable(d, '公开03表')).toBeDefined(); // the input is untouched
  });
});

async function readXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** Compares an .xlsx read back by exceljs with the spec it was written from. */
async function expectRoundTrip(spec: WorkbookSpec): Promise<void> {
  const wb = await readXlsx(await specToXlsx(spec));
  expect(wb.worksheets.map((w) => w.name)).toEqual(spec.sheets.map((s) => s.name));
  const grid = specToGrid(spec);
  spec.sheets.forEach((s, i) => {
    const ws = wb.worksheets[i] as ExcelJS.Worksheet;
    const merges = ws.model.merges.map((m) => m.replace(/^.*!/, '')).sort();
    expect(merges).toEqual(s.merges.map(rangeA1).sort());
    const read = new Map<string, { v: unknown; numFmt?: string }>();
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.type === ExcelJS.ValueType.Merge) return;
        read.set(`${r - 1},${c - 1}`, cell.numFmt ? { v: cell.value, numFmt: cell.numFmt } : { v: cell.value });
      });
    });
    const expected = new Map<string, { v: unknown; numFmt?: string }>();
    for (const [k, cell] of cells(grid.sheets[i] as SheetGrid)) {
      expected.set(k, cell.numberFormat ? { v: cell.value, numFmt: cell.numberFormat } : { v: cell.value });
    }
    expect(Object.fromEntries(read)).toEqual(Object.fromEntries(expected));
    // specToGrid keeps exactly the spec's non-empty cells (merged-over cells are empty in both)
    s.rows.forEach((row, r) => row.forEach((c, col) => {
      if (cellParts(c) && !s.merges.some((m) => r >= m.top && r <= m.bottom && col >= m.left && col <= m.right && (r !== m.top || col !== m.left))) {
        expect(expected.has(`${r},${col}`)).toBe(true);
      }
    }));
  });
}

describe('spec → xlsx → exceljs', () => {
  it('round-trips the plain layout: values, number formats, merges', async () => {
    const buf = await seed000Xlsx();
    const wb = await readXlsx(buf);
    const ws = wb.getWorksheet('公开02表') as ExcelJS.Worksheet;
    expect(ws.getCell('A1').value).toBe('收入决算表');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:I1', 'A5:B5', 'C5:C6']));
    const total = ws.getCell('C8');
    expect(ws.getCell('A8').value).toBe('合计');
    expect(total.value).toBe(1820.23);
    expect(total.numFmt).toBe('#,##0.00');
    await expectRoundTrip(variantSpec(variants()[0] as Variant));
  });

  it.each(variants().map((v) => [v.name, v] as const))('round-trips variant %s', async (_name, v) => {
    await expectRoundTrip(variantSpec(v));
  });

  it('the 元 variant writes 18202300 for 1,820.23 万元', async () => {
    const wb = await readXlsx(await seed000Xlsx({ unit: '元' }));
    const ws = wb.getWorksheet('公开02表') as ExcelJS.Worksheet;
    expect(ws.getCell('C8').value).toBe(18202300);
    expect(ws.getCell('I3').value).toBe('单位：元');
  });

  it('the national layout survives the file too', async () => {
    const wb = await readXlsx(await specToXlsx(layoutWorkbook(toNationalLayout(seed000()), { codes: 'number' })));
    const ws = wb.getWorksheet('公开02表') as ExcelJS.Worksheet;
    let found = false;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 210) {
        expect(row.getCell(3).value).toBe(23.22);
        found = true;
      }
    });
    expect(found).toBe(true);
  });
});
