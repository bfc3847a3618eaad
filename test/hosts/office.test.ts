import { type CheckResult, checkWorkbook, summarize } from '../../src/core/check';
import { cellA1, parseRangeA1 } from '../../src/core/grid/a1';
import type { CellRef, WorkbookGrid } from '../../src/core/grid/grid';
import { type Finding, plainFinding } from '../../src/core/rules/finding';
import type { Severity } from '../../src/core/rules/types';
import { HIGHLIGHT } from '../../src/hosts/highlight-style';
import { EMPTY_STATE, type SavedState, findingKey } from '../../src/hosts/host';
import { MARK_NAME_PREFIX, parseRecord } from '../../src/hosts/office/fill';
import { freeResultName, nameReference } from '../../src/hosts/office/plan';
import { GUARDED_EXCEL_APIS, MERGED_AREAS_EXCEL_API, OfficeHost, RECORD_KEY, REQUIRED_EXCEL_API, STATE_KEY } from '../../src/hosts/office/office-host';
import { MAX_BLOCK_CELLS, areaOfAddress, parseAreas, splitAreas, stripSheet } from '../../src/hosts/office/office-read';
import { RESULT_HEADER_ROW, RESULT_SHEET } from '../../src/hosts/office/result-sheet';
import { cellsText } from '../../src/hosts/result-table';
import { seed000Grid, seed000Spec } from '../fixtures';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { workbookNarrative } from '../../src/core/narrative/workbook';
import { narrativeLines } from '../../src/hosts/narrative-sheet';
import { FakeExcel, type FakeFill, FakeOfficeError, NO_FILL, PAYLOAD_LIMIT } from './office.fake';

const SEED_SHEETS = seed000Spec().sheets.map((s) => s.name);
const RANK: Record<Severity, number> = { error: 0, warning: 1, rounding: 2 };
const color = (s: Severity) => `#${HIGHLIGHT[s].fill}`;

/** rule + cells of every finding, sorted: what two checks must agree on. */
const ruleCells = (r: CheckResult) => r.findings.map((f) => `${f.rule} ${f.cells.join(',')}`).sort();

function seedFake(o?: ConstructorParameters<typeof FakeExcel>[0]): FakeExcel {
  return FakeExcel.fromSpec(seed000Spec(), o);
}

/** The host as Excel runs it: isSetSupported answered by the fake's ExcelApi version. */
function hostOf(x: FakeExcel, o: { showResultSheet?: boolean } = {}): OfficeHost {
  return new OfficeHost(x.run, { isSetSupported: x.isSetSupported, ...o });
}

/** Every sync so far stayed within Excel on the web's payload limit. */
function withinPayload(x: FakeExcel): void {
  const max = x.maxPayload();
  expect(max.request).toBeLessThanOrEqual(PAYLOAD_LIMIT);
  expect(max.response).toBeLessThanOrEqual(PAYLOAD_LIMIT);
}

/** Syncs a call used. */
async function syncsOf(x: FakeExcel, f: () => Promise<unknown>): Promise<number> {
  const before = x.syncCount;
  await f();
  return x.syncCount - before;
}

/** The colour each finding cell must show: its most severe non-ignored finding's. */
function expectedMarks(findings: readonly Finding[], ignored: readonly string[] = []): Map<string, string> {
  const skip = new Set(ignored);
  const worst = new Map<string, Severity>();
  for (const f of findings) {
    if (skip.has(findingKey(f))) continue;
    for (const r of f.refs) {
      const k = `${r.sheet}!${cellA1(r.row, r.col)}`;
      const w = worst.get(k);
      if (w === undefined || RANK[f.severity] < RANK[w]) worst.set(k, f.severity);
    }
  }
  return new Map([...worst].map(([k, s]) => [k, color(s)]));
}

/** Fills of the user's sheets (not 检查结果) that differ from `before`, as cell → colour. */
function changedFills(x: FakeExcel, before: Map<string, FakeFill>): Map<string, string> {
  const out = new Map<string, string>();
  const now = x.fills();
  for (const k of new Set([...now.keys(), ...before.keys()])) {
    if (k.startsWith(`${RESULT_SHEET}!`)) continue;
    const a = before.get(k) ?? NO_FILL;
    const b = now.get(k) ?? NO_FILL;
    if (JSON.stringify(a) !== JSON.stringify(b)) out.set(k, b.color);
  }
  return out;
}

function sheetGrid(grid: WorkbookGrid, name: string) {
  const s = grid.sheets.find((g) => g.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** A user's own fill, with every property Office.js reports. */
const USER_PATTERN: Partial<FakeFill> = { color: '#00B050', pattern: 'Gray50', patternColor: '#FF0000', tintAndShade: 0.4, patternTintAndShade: -0.25 };
const USER_SOLID: Partial<FakeFill> = { color: '#FFFF00', pattern: 'Solid' };

describe('the fake behaves like Office.js where the host depends on it', () => {
  test('a property is readable only after load and sync; a queued write is not in the workbook before sync', async () => {
    const x = seedFake();
    await x.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('公开01表').getRange('A1');
      expect(() => r.values).toThrow(FakeOfficeError);
      r.load('values');
      expect(() => r.values).toThrow(/not available/);
      r.format.fill.color = '#123456';
      expect(x.cell('公开01表', 'A1').fill).toEqual(NO_FILL);
      await ctx.sync();
      expect(r.values[0]![0]).toBe(x.cell('公开01表', 'A1').value);
      expect(x.cell('公开01表', 'A1').fill.color).toBe('#123456');
    });
  });

  test('a null object: load it and test isNullObject after the sync (documented); its values are never delivered', async () => {
    const x = seedFake();
    x.addSheet('空表');
    await x.run(async (ctx) => {
      const none = ctx.workbook.worksheets.getItemOrNullObject('没有这张表');
      const used = ctx.workbook.worksheets.getItem('空表').getUsedRangeOrNullObject(true);
      used.load('address');
      expect(() => none.isNullObject).toThrow(/not available/);
      await ctx.sync();
      expect([none.isNullObject, used.isNullObject]).toEqual([true, true]);
      expect(() => used.address).toThrow(/not available/);
    });
  });

  test('anything else called on a null object fails the sync: a method, a navigation, a property set, an argument', async () => {
    const x = seedFake();
    x.addSheet('空表');
    const onNull = (f: (used: Excel.Range, ctx: Excel.RequestContext) => void) =>
      x.run(async (ctx) => {
        f(ctx.workbook.worksheets.getItem('空表').getUsedRangeOrNullObject(true), ctx);
        await ctx.sync();
      });
    await expect(onNull((u) => void u.getCellProperties({ format: { fill: { color: true } } }))).rejects.toMatchObject({ code: 'NullObjectCall' });
    await expect(onNull((u) => void u.format.load('wrapText'))).rejects.toMatchObject({ code: 'NullObjectCall' });
    await expect(onNull((u) => void (u.format.fill.color = '#FF0000'))).rejects.toMatchObject({ code: 'NullObjectCall' });
    await expect(onNull((u) => void u.load('format/fill/color'))).rejects.toMatchObject({ code: 'NullObjectCall' });
    await expect(onNull((u, ctx) => void ctx.workbook.names.add('_x', u))).rejects.toMatchObject({ code: 'NullObjectCall' });
    // A sheet past the last one is a null object too: walking on from it (a getNextOrNullObject chain) is not documented.
    await expect(
      x.run(async (ctx) => {
        let ws = ctx.workbook.worksheets.getFirst();
        for (let i = 0; i < x.liveSheets().length + 1; i++) ws = ws.getNextOrNullObject();
        ws.getUsedRangeOrNullObject(true).load('address');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'NullObjectCall' });
  });

  test('only what the bundled office.js defines: RangeAreas.select (ExcelApi 1.18) throws as in Excel', async () => {
    const x = seedFake();
    x.selection = { sheet: '公开01表', areas: [parseRangeA1('A1')!] };
    await expect(
      x.run(async (ctx) => {
        (ctx.workbook.getSelectedRanges() as unknown as { select(): void }).select();
        await ctx.sync();
      }),
    ).rejects.toThrow(TypeError);
    await expect(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('公开01表').getRanges('A1,B2').select();
        await ctx.sync();
      }),
    ).rejects.toThrow(/RangeAreas.select is not defined by the bundled office.js/);
  });

  test('a member above the Excel’s ExcelApi version throws ApiNotFound; isSetSupported answers by the same version', async () => {
    const merged = (x: FakeExcel) =>
      x.run(async (ctx) => {
        const m = ctx.workbook.worksheets.getItem('公开01表').getRange('A1:H10').getMergedAreasOrNullObject();
        m.load('address');
        await ctx.sync();
        return m.address;
      });
    const old = seedFake();
    expect(old.apiVersion).toBe(REQUIRED_EXCEL_API);
    expect([old.isSetSupported('ExcelApi', '1.9'), old.isSetSupported('ExcelApi', MERGED_AREAS_EXCEL_API)]).toEqual([true, false]);
    await expect(merged(old)).rejects.toMatchObject({ code: 'ApiNotFound' });
    await expect(merged(seedFake({ apiVersion: MERGED_AREAS_EXCEL_API }))).resolves.toMatch(/A1:F1/);
  });

  test('a failing command rejects the sync and leaves the commands before it applied', async () => {
    const x = seedFake();
    await expect(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('公开01表').getRange('B2').format.fill.color = '#FF0000';
        ctx.workbook.worksheets.getItem('没有这张表').getRange('A1').format.fill.color = '#FF0000';
        await ctx.sync();
      }),
    ).rejects.toThrow(/found nothing/);
    expect(x.cell('公开01表', 'B2').fill.color).toBe('#FF0000');
  });

  test('Excel on the web’s 5 MB: a response or a request past it fails the sync (the request before anything is applied)', async () => {
    const x = new FakeExcel();
    const s = x.addSheet('大表');
    for (let r = 0; r < 2000; r++) for (let c = 0; c < 50; c++) x.cellAt(s, r, c, true).fill = { ...NO_FILL, color: '#FFFF00', pattern: 'Solid' };
    // getCellProperties over 100,000 cells: about 120 bytes of JSON each.
    await expect(
      x.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('大表').getRange('A1:AX2000').getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true } } });
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    const big = Array.from({ length: 20000 }, (_, i) => [`第${i}行：${'很长的说明文字'.repeat(12)}`]);
    await expect(
      x.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('大表');
        ws.getRange('A1').format.fill.color = '#000000';
        ws.getRange('BA1:BA20000').values = big;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(x.cell('大表', 'A1').fill.color).toBe('#FFFF00'); // nothing of the refused request applied
    expect(x.syncLog.at(-1)!.request).toBeGreaterThan(PAYLOAD_LIMIT);
  });

  test('NamedItem.visible = false in the batch that adds the name does not take effect (office-js 3878, 3949); in a later one it does', async () => {
    const x = seedFake();
    await x.run(async (ctx) => {
      const n = ctx.workbook.names.add('_a_1', ctx.workbook.worksheets.getItem('公开01表').getRange('C7'));
      n.visible = false;
      await ctx.sync();
      expect(x.names[0]!.visible).toBe(true);
      ctx.workbook.names.getItem('_a_1').visible = false;
      await ctx.sync();
    });
    expect(x.names[0]!.visible).toBe(false);
    expect(x.ignoredWrites).toEqual(['_a_1.visible = false']);
  });
});

describe('read()', () => {
  test('three syncs; the grid gives the same findings as the seed grid; no fill is read', async () => {
    const x = seedFake({ apiVersion: MERGED_AREAS_EXCEL_API });
    const host = hostOf(x);
    let snap: Awaited<ReturnType<OfficeHost['read']>> | undefined;
    expect(await syncsOf(x, async () => (snap = await host.read()))).toBe(3);
    expect(snap!.grid.sheets.map((s) => s.name)).toEqual(SEED_SHEETS);
    expect(snap!.state).toEqual(EMPTY_STATE);
    const expected = checkWorkbook(seed000Grid());
    const got = checkWorkbook(snap!.grid);
    expect(ruleCells(got)).toEqual(ruleCells(expected));
    expect(got.summary).toEqual(expected.summary);
    // Merged areas as in the spec (ExcelApi 1.13), value on the top-left cell only.
    for (const s of seed000Spec().sheets) expect(sheetGrid(snap!.grid, s.name).merges).toEqual([...s.merges].sort((a, b) => a.top - b.top || a.left - b.left));
  });

  test('ExcelApi 1.9 (the manifest’s minimum): merged areas are not asked for (ExcelApi 1.13), the findings are the same', async () => {
    const x = seedFake();
    const grid = (await hostOf(x).read()).grid;
    expect(grid.sheets.every((s) => s.merges.length === 0)).toBe(true);
    expect(ruleCells(checkWorkbook(grid))).toEqual(ruleCells(checkWorkbook(seed000Grid())));
    // What the guard protects: the same host told 1.13 is there calls it, and this Excel refuses.
    await expect(new OfficeHost(x.run, { isSetSupported: () => true }).read()).rejects.toMatchObject({ code: 'ApiNotFound' });
    expect(GUARDED_EXCEL_APIS).toEqual({ 'Range.getMergedAreasOrNullObject': MERGED_AREAS_EXCEL_API });
  });

  test('cells: value, displayed text, number format, formula without "="; empty strings are empty cells', async () => {
    const x = seedFake();
    const f34 = x.cell('公开01表', 'F34');
    x.setFormula('公开01表', 'F34', 'SUM(F8:F33)'); // the cached result stays the value
    x.setFormula('公开01表', 'G2', 'IF(1,"","")'); // a formula showing "" is a blank
    const grid = (await hostOf(x).read()).grid;
    const s = sheetGrid(grid, '公开01表');
    expect(s.cell(33, 5)).toEqual({ value: f34.value, text: expect.any(String), numberFormat: '#,##0.00', formula: 'SUM(F8:F33)' });
    expect(s.cell(33, 5)!.text).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(x.cell('公开01表', 'G2')).toMatchObject({ value: '', formula: 'IF(1,"","")' });
    expect(s.cell(1, 6)).toBeUndefined();
    expect(s.cell(0, 0)).toEqual({ value: x.cell('公开01表', 'A1').value, text: x.cell('公开01表', 'A1').value, numberFormat: 'General' });
    expect(ruleCells(checkWorkbook(grid))).toEqual(ruleCells(checkWorkbook(seed000Grid())));
  });

  test('rows and columns are absolute: a used range starting at C4 is shifted', async () => {
    const x = new FakeExcel();
    const s = x.addSheet('表');
    x.cellAt(s, 3, 2, true).value = '项目';
    x.cellAt(s, 5, 4, true).value = 12.5;
    x.cellAt(s, 5, 4, true).numberFormat = '0.00';
    const g = sheetGrid((await hostOf(x).read()).grid, '表');
    expect([g.rowCount, g.colCount]).toEqual([6, 5]);
    expect(g.cell(3, 2)?.value).toBe('项目');
    expect(g.cell(5, 4)).toEqual({ value: 12.5, text: '12.50', numberFormat: '0.00' });
    expect(g.cell(0, 0)).toBeUndefined();
  });

  test('a hundred sheets: still three syncs, every sheet in order, hidden ones included', async () => {
    const x = new FakeExcel();
    for (let i = 0; i < 100; i++) x.cellAt(x.addSheet(`S${i}`), 0, 0, true).value = i;
    x.sheet('S7').visibility = 'Hidden';
    x.addSheet('空表');
    const host = hostOf(x);
    let grid: WorkbookGrid | undefined;
    expect(await syncsOf(x, async () => (grid = (await host.read()).grid))).toBe(3);
    expect(grid!.sheets.map((s) => s.cell(0, 0)?.value)).toEqual([...Array.from({ length: 100 }, (_, i) => i), undefined]);
    expect(sheetGrid(grid!, '空表')).toMatchObject({ rowCount: 0, colCount: 0, merges: [] });
  });

  test('a 200,000-cell sheet next to the tables: read in blocks, every sync within 5 MB; checked, marked and cleared likewise', async () => {
    const x = preparedFake();
    const s = x.addSheet('明细账');
    const ROWS = 5000;
    const COLS = 40;
    for (let r = 0; r < ROWS; r++) {
      for (let c = 0; c < COLS; c++) {
        const cell = x.cellAt(s, r, c, true);
        cell.value = c === 0 ? `2024-${String(r).padStart(5, '0')} 记账凭证摘要` : r * 100 + c + 0.25;
        if (c > 0) cell.numberFormat = '#,##0.00';
      }
    }
    const fillsBefore = x.fills();
    const host = hostOf(x);
    let grid: WorkbookGrid | undefined;
    const syncs = await syncsOf(x, async () => (grid = (await host.read()).grid));
    withinPayload(x);
    // Two syncs, then the contents: the 200,000 cells need at least ⌈200,000 / MAX_BLOCK_CELLS⌉.
    expect(syncs).toBeGreaterThanOrEqual(2 + Math.ceil((ROWS * COLS) / MAX_BLOCK_CELLS));
    expect(syncs).toBeLessThanOrEqual(3 + Math.ceil((ROWS * COLS) / MAX_BLOCK_CELLS));
    const big = sheetGrid(grid!, '明细账');
    expect([big.rowCount, big.colCount]).toEqual([ROWS, COLS]);
    expect(big.cell(ROWS - 1, COLS - 1)).toEqual({ value: (ROWS - 1) * 100 + COLS - 1 + 0.25, text: expect.any(String), numberFormat: '#,##0.00' });
    expect(big.cell(4321, 0)?.value).toBe('2024-04321 记账凭证摘要');
    const result = checkWorkbook(grid!);
    expect(ruleCells(result)).toEqual(ruleCells(checkWorkbook((await hostOf(preparedFake()).read()).grid)));
    await host.highlight(result, []);
    await hostOf(x).clearHighlights();
    withinPayload(x);
    expect(x.fills()).toEqual(fillsBefore);
  });

  test('stray formatting over 200,000 cells costs nothing: formats are read only for the cells marked or restored', async () => {
    const x = preparedFake();
    const s = x.sheet('公开01表');
    for (let r = 40; r < 4040; r++) for (let c = 0; c < 50; c++) x.cellAt(s, r, c, true).fill = { ...NO_FILL, color: '#FFFFCC', pattern: 'Solid' };
    const host = hostOf(x);
    expect(await syncsOf(x, () => host.read())).toBe(3);
    const result = checkWorkbook((await host.read()).grid);
    await host.highlight(result, []);
    await hostOf(x).clearHighlights();
    withinPayload(x);
    expect(x.maxPayload().response).toBeLessThan(500_000);
  });

  test('cells of long text that Excel refuses in one block are read again in smaller blocks', async () => {
    const x = seedFake();
    const s = x.addSheet('说明');
    const long = (r: number) => `第${r}段：${'本年度收入支出情况说明文字'.repeat(60)}`; // ~2,300 bytes a cell, three times over
    for (let r = 0; r < 3000; r++) x.cellAt(s, r, 0, true).value = long(r);
    const grid = (await hostOf(x).read()).grid;
    // A block was refused (Excel on the web would answer ResponsePayloadSizeLimitExceeded), then read in halves.
    expect(x.syncLog.filter((p) => p.response > PAYLOAD_LIMIT).length).toBeGreaterThan(0);
    expect(x.syncLog.at(-1)!.response).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    const g = sheetGrid(grid, '说明');
    expect(g.rowCount).toBe(3000);
    expect([g.cell(0, 0)?.value, g.cell(2999, 0)?.value]).toEqual([long(0), long(2999)]);
  });

  test('the 检查结果 sheet is neither read nor part of the grid', async () => {
    const x = seedFake();
    const host = hostOf(x);
    const snap = await host.read();
    await host.highlight(checkWorkbook(snap.grid), []);
    const again = await host.read();
    expect(again.grid.sheets.map((s) => s.name)).toEqual(SEED_SHEETS);
    expect(x.sheets.map((s) => s.name)).toContain(RESULT_SHEET);
  });
});

describe('saveState()', () => {
  test('round-trips through read() in the workbook settings', async () => {
    const x = seedFake();
    const state: SavedState = { overrides: { profile: 'hunan-2024', ranges: { 公开03表: { sheet: '公开03表', range: 'A1:H18' } } }, ignored: ['R03|公开01表!F34|1|2'] };
    expect(await syncsOf(x, () => hostOf(x).saveState(state))).toBe(1);
    expect(JSON.parse(JSON.parse(x.settings.get(STATE_KEY)!) as string)).toEqual(state);
    // A new host (the workbook closed and reopened) reads it back.
    expect((await hostOf(x).read()).state).toEqual(state);
  });

  test('a malformed saved state reads as the empty state', async () => {
    const x = seedFake();
    x.settings.set(STATE_KEY, JSON.stringify('{not json'));
    expect((await hostOf(x).read()).state).toEqual(EMPTY_STATE);
  });
});

/** Seed 000 with one figure changed (→ errors) and a user's own fills, one on a finding cell. */
function preparedFake(): FakeExcel {
  const x = seedFake();
  // 公开01表!F8 +1.00: R03 (F34 = F8 + … + F26) becomes an error; F16 is also in X04, a rounding finding.
  const f8 = x.cellAt(x.sheet('公开01表'), 7, 5, true);
  f8.value = (f8.value as number) + 1;
  x.setFormula('公开01表', 'F34', 'SUM(F8:F33)');
  x.setFill('公开01表', 'F16', USER_PATTERN); // a finding cell with a fill of its own
  x.setFill('公开01表', 'A1', USER_SOLID); // not a finding cell
  return x;
}

async function prepared() {
  const x = preparedFake();
  const host = hostOf(x);
  const snap = await host.read();
  const result = checkWorkbook(snap.grid);
  return { x, host, result };
}

describe('highlight() and clearHighlights()', () => {

  test('two syncs after read() (three the first time); exactly the finding cells are coloured, most severe first; nothing else of the user sheets changes', async () => {
    const { x, host, result } = await prepared();
    expect(result.summary.error).toBeGreaterThan(0);
    const fillsBefore = x.fills();
    const contentsBefore = x.contents(SEED_SHEETS);
    x.writes.length = 0;

    // The fills of the cells to mark, the writes; the first time one more hides the new names and records 检查结果's id.
    expect(await syncsOf(x, () => host.highlight(result, []))).toBe(3);
    // Marked before, 检查结果 there: two syncs after the read.
    await host.read();
    expect(await syncsOf(x, () => host.highlight(result, []))).toBe(2);
    withinPayload(x);

    const expected = expectedMarks(result.findings);
    expect(changedFills(x, fillsBefore)).toEqual(expected);
    // A cell in an error and in a rounding finding shows the error.
    expect(expected.get('公开01表!F16')).toBe(color('error'));
    expect(result.findings.some((f) => f.severity === 'rounding' && f.cells.includes('公开01表!F16'))).toBe(true);
    expect(result.findings.some((f) => f.severity === 'error' && f.cells.includes('公开01表!F16'))).toBe(true);
    // No value, formula or number format of a user sheet changed; the only writes there are fills of finding cells.
    expect(x.contents(SEED_SHEETS)).toEqual(contentsBefore);
    const userWrites = x.writes.filter((w) => SEED_SHEETS.includes(w.sheet));
    expect(userWrites.every((w) => w.what.startsWith('fill.'))).toBe(true);
    expect(new Set(userWrites.map((w) => `${w.sheet}!${w.address}`))).toEqual(new Set(expected.keys()));
    // The record holds every marked cell with its own fill before the mark.
    const record = parseRecord(JSON.parse(x.settings.get(RECORD_KEY)!));
    expect(record.cells.map((c) => `${c.sheet}!${c.address}`).sort()).toEqual([...expected.keys()].sort());
    expect(record.cells.find((c) => c.address === 'F16' && c.sheet === '公开01表')?.original).toEqual(USER_PATTERN);
  });

  test('writes 检查结果: the counts on row 1, header, one row per finding with one 单元格 link, all text; prints landscape, one page wide', async () => {
    const { x, host, result } = await prepared();
    await host.highlight(result, []);
    const ws = x.sheet(RESULT_SHEET);
    const row = (r: number) => Array.from({ length: 12 }, (_, c) => x.cell(RESULT_SHEET, cellA1(r, c)).value);
    const s = result.summary;
    expect(row(0)[0]).toBe(`检查结果：错误 ${s.error} 项，提示 ${s.warning} 项，尾数误差 ${s.rounding} 项。`);
    expect(row(RESULT_HEADER_ROW - 1)).toEqual(['级别', '规则', '表', '说明', '应为', '实为', '差额', '单元格', '', '', '', '']);
    expect(result.findings.some((f) => f.refs.length > 2)).toBe(true);
    result.findings.forEach((f, i) => {
      const r = RESULT_HEADER_ROW + i;
      const values = row(r);
      expect(values.slice(0, 4)).toEqual([{ error: '错误', warning: '提示', rounding: '尾数误差' }[f.severity], f.rule, f.tables.join('、'), f.message]);
      expect(values.slice(4, 7)).toEqual([f.expected ?? '', f.actual ?? '', f.difference ?? '']);
      // One 单元格 column: every cell of the finding listed, the link to the first; nothing to the right.
      const cell = x.cell(RESULT_SHEET, cellA1(r, 7));
      const first = f.refs[0]!;
      expect(cell.hyperlink).toEqual({ documentReference: `'${first.sheet}'!${cellA1(first.row, first.col)}`, textToDisplay: cellsText(f.refs), screenTip: expect.any(String) });
      expect(cell.value).toBe(cellsText(f.refs));
      expect(values.slice(8)).toEqual(['', '', '', '']);
      expect(x.cell(RESULT_SHEET, `A${r + 1}`).fill.color).toBe(color(f.severity));
    });
    expect(ws.cells.flat().some((c) => c?.formula !== undefined)).toBe(false);
    expect(ws.frozenRows).toBe(RESULT_HEADER_ROW);
    // Printing: landscape, all columns on one page wide, the header row on every page, 说明 and 单元格 wrapped.
    expect(ws.pageLayout).toEqual({ orientation: 'Landscape', zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: `$${RESULT_HEADER_ROW}:$${RESULT_HEADER_ROW}` });
    expect([...ws.columnFormats].filter(([, f]) => f.wrapText === true).map(([c]) => c)).toEqual([3, 7]);
  });

  test('the names that track the marks are hidden, in a later sync than the one that added them', async () => {
    const { x, host, result } = await prepared();
    await host.highlight(result, []);
    const ours = x.names.filter((n) => n.name.startsWith(MARK_NAME_PREFIX));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every((n) => !n.visible)).toBe(true);
    expect(x.ignoredWrites).toEqual([]); // never set where Excel is reported to ignore it
  });

  test('the ribbon’s 一键检查 (showResultSheet): 检查结果 is activated in the batch that writes it; the pane’s check leaves the active sheet alone', async () => {
    const { x, host, result } = await prepared();
    await host.highlight(result, []);
    expect(x.activeSheet).toBe('公开01表');
    expect(host.resultSheetShown).toBe(true);
    const ribbon = hostOf(x, { showResultSheet: true });
    await ribbon.read();
    expect(await syncsOf(x, () => ribbon.highlight(result, []))).toBe(2);
    expect(x.activeSheet).toBe(RESULT_SHEET);
    expect(ribbon.resultSheetShown).toBe(true);
    // The structure protected and no 检查结果 yet: nothing to show (the command opens its dialog then).
    const locked = preparedFake();
    locked.structureProtected = true;
    const h = hostOf(locked, { showResultSheet: true });
    await h.highlight(checkWorkbook((await h.read()).grid), []);
    expect([h.resultSheetShown, locked.activeSheet]).toEqual([false, '公开01表']);
  });

  test('clearHighlights() restores every fill exactly (a user fill included), deletes 检查结果 and the record; three syncs', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    const contentsBefore = x.contents(SEED_SHEETS);
    await host.highlight(result, []);
    expect(x.fills()).not.toEqual(fillsBefore);
    expect(await syncsOf(x, () => host.clearHighlights())).toBe(3);
    expect(x.fills()).toEqual(fillsBefore);
    expect(x.fills().get('公开01表!F16')).toEqual({ ...NO_FILL, ...USER_PATTERN });
    expect(x.liveSheets().map((s) => s.name)).toEqual(SEED_SHEETS);
    expect(x.settings.has(RECORD_KEY)).toBe(false);
    expect(x.contents(SEED_SHEETS)).toEqual(contentsBefore);
  });

  test('clearing from a new host (closed and reopened): only the workbook settings carry the record', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    await host.highlight(result, []);
    const reopened = hostOf(x);
    expect(await syncsOf(x, () => reopened.clearHighlights())).toBe(3);
    expect(x.fills()).toEqual(fillsBefore);
    expect(x.liveSheets().map((s) => s.name)).toEqual(SEED_SHEETS);
    // Nothing left to clear: one sync.
    expect(await syncsOf(x, () => reopened.clearHighlights())).toBe(1);
    expect(x.fills()).toEqual(fillsBefore);
  });

  test('highlight twice (other findings ignored the second time), then clear: still exact', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    await host.highlight(result, []);
    // 忽略 the error: its cells that are in no other finding lose their mark, F16 keeps its own original.
    const error = result.findings.find((f) => f.severity === 'error')!;
    const ignored = [findingKey(error)];
    const syncs = await syncsOf(x, () => host.highlight(result, ignored));
    expect(syncs).toBe(3); // no read() since the first highlight: it reads the workbook list and the record again first
    expect(changedFills(x, fillsBefore)).toEqual(expectedMarks(result.findings, ignored));
    const record = parseRecord(JSON.parse(x.settings.get(RECORD_KEY)!));
    expect(record.cells.find((c) => c.address === 'F16' && c.sheet === '公开01表')?.original).toEqual(USER_PATTERN);
    // And a third time after a read, from a new host.
    const other = hostOf(x);
    await other.read();
    expect(await syncsOf(x, () => other.highlight(result, []))).toBe(3); // the error's cells get names again: hidden in a third sync
    expect(changedFills(x, fillsBefore)).toEqual(expectedMarks(result.findings));
    await hostOf(x).clearHighlights();
    expect(x.fills()).toEqual(fillsBefore);
  });

  test('ignored findings are not coloured and not listed', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    const ignoredFinding = result.findings.find((f) => f.rule === 'C05')!;
    const ignored = [findingKey(ignoredFinding)];
    await host.highlight(result, ignored);
    const marks = changedFills(x, fillsBefore);
    const elsewhere = new Set(result.findings.filter((f) => f !== ignoredFinding).flatMap((f) => f.cells));
    const only = ignoredFinding.cells.filter((c) => !elsewhere.has(c));
    expect(only.length).toBeGreaterThan(0);
    for (const c of only) expect(marks.has(c)).toBe(false);
    expect(marks).toEqual(expectedMarks(result.findings, ignored));
    const listed = x.contents([RESULT_SHEET])[RESULT_SHEET]!;
    expect(Object.values(listed).some((c) => c.value === 'C05')).toBe(false);
    expect(String(listed.A1?.value)).toContain('另有 1 项已忽略');
  });

  test('cells outside the used range, merged areas, protected sheets, gradients, text starting with "="', async () => {
    const x = seedFake({ apiVersion: MERGED_AREAS_EXCEL_API });
    x.setFill('公开02表', 'C7', { color: '#5B9BD5', pattern: 'LinearGradient' });
    const p = x.sheet('公开03表');
    p.protected = true;
    const host = hostOf(x);
    const snap = await host.read();
    const at = (sheet: string, a1: string): CellRef => {
      const r = parseRangeA1(a1)!;
      return { sheet, row: r.top, col: r.left };
    };
    const findings: Finding[] = [
      plainFinding('T01', 'error', { zh: '=1+1 不是公式', en: '=1+1 is not a formula' }, [at('公开01表', 'Z200')], ['公开01表']), // outside the used range
      plainFinding('T02', 'warning', { zh: '合并区域中的单元格', en: 'a cell in a merged area' }, [at('公开01表', 'C1')], ['公开01表']), // inside the title's merged A1:F1
      plainFinding('T03', 'rounding', { zh: '受保护的表', en: 'a protected sheet' }, [at('公开03表', 'C7')], ['公开03表']),
      plainFinding('T04', 'error', { zh: '渐变填充', en: 'a gradient fill' }, [at('公开02表', 'C7')], ['公开02表']),
      plainFinding('T05', 'warning', { zh: '不存在的表', en: 'a sheet that does not exist' }, [at('没有这张表', 'A1')], []),
    ];
    const result: CheckResult = { mapping: checkWorkbook(snap.grid).mapping, findings, summary: summarize(findings) };
    const fillsBefore = x.fills();
    await host.highlight(result, []);
    expect(changedFills(x, fillsBefore)).toEqual(
      new Map([
        ['公开01表!Z200', color('error')],
        ['公开01表!A1', color('warning')], // the merged area's top-left cell, the one Excel shows
      ]),
    );
    const listed = x.contents([RESULT_SHEET])[RESULT_SHEET]!;
    expect(listed[`D${RESULT_HEADER_ROW + 1}`]).toEqual({ value: '=1+1 不是公式', numberFormat: '@' });
    expect(Object.values(listed).filter((c) => /^T0\d$/.test(String(c.value)))).toHaveLength(5);
    await hostOf(x).clearHighlights();
    expect(x.fills()).toEqual(fillsBefore);
  });

  test('thousands of marks and rows on 检查结果: the writes go in as many syncs as the 5 MB needs; clear restores them all', async () => {
    const x = seedFake();
    const s = x.addSheet('大表');
    for (let r = 0; r < 100; r++) for (let c = 0; c < 50; c++) x.cellAt(s, r, c, true).value = r + c;
    x.setFill('大表', 'B2', USER_PATTERN);
    const host = hostOf(x);
    const snap = await host.read();
    const findings: Finding[] = [];
    for (let r = 0; r < 100; r++) {
      for (let c = 0; c < 50; c += 1) {
        const msg = `第 ${r + 1} 行第 ${c + 1} 列：合计与分项之和不符，应为 ${r + c + 1}，实为 ${r + c}，相差 1 万元。`;
        findings.push(plainFinding('T01', (['error', 'warning', 'rounding'] as const)[(r + c) % 3]!, { zh: msg, en: msg }, [{ sheet: '大表', row: r, col: c }], ['大表']));
      }
    }
    const result: CheckResult = { mapping: checkWorkbook(snap.grid).mapping, findings, summary: summarize(findings) };
    const fillsBefore = x.fills();
    const syncs = await syncsOf(x, () => host.highlight(result, []));
    withinPayload(x);
    expect(syncs).toBeGreaterThan(3); // the fills, the writes in several syncs, the names hidden
    expect(changedFills(x, fillsBefore).size).toBe(5000);
    expect(x.names.filter((n) => n.name.startsWith(MARK_NAME_PREFIX) && n.visible)).toEqual([]);
    expect(x.cell(RESULT_SHEET, `A${RESULT_HEADER_ROW + 5000}`).value).toBe('提示');
    await hostOf(x).clearHighlights();
    withinPayload(x);
    expect(x.fills()).toEqual(fillsBefore);
  });

  test('a batch that fails half way leaves every changed cell in the record', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    // Protected after the read: the host still thinks it may format 公开06表, and the write fails there.
    x.sheet('公开06表').protected = true;
    await expect(host.highlight(result, [])).rejects.toThrow(/protected/);
    expect(changedFills(x, fillsBefore).size).toBeGreaterThan(0); // Excel kept the writes before the failure
    x.sheet('公开06表').protected = false;
    await hostOf(x).clearHighlights();
    expect(x.fills()).toEqual(fillsBefore);
  });

  test('clearing while a marked sheet is protected: its cells stay recorded for a later clear', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    await host.highlight(result, []);
    x.sheet('公开06表').protected = true;
    await hostOf(x).clearHighlights();
    const left = changedFills(x, fillsBefore);
    expect(left.size).toBeGreaterThan(0);
    expect([...left.keys()].every((k) => k.startsWith('公开06表!'))).toBe(true);
    const record = parseRecord(JSON.parse(x.settings.get(RECORD_KEY)!));
    expect(record.cells.map((c) => `${c.sheet}!${c.address}`).sort()).toEqual([...left.keys()].sort());
    x.sheet('公开06表').protected = false;
    await hostOf(x).clearHighlights();
    expect(x.fills()).toEqual(fillsBefore);
    expect(x.settings.has(RECORD_KEY)).toBe(false);
  });

  test('a workbook whose structure is protected: marks without a 检查结果 sheet', async () => {
    const { x, host, result } = await prepared();
    x.structureProtected = true;
    await host.read();
    const fillsBefore = x.fills();
    await host.highlight(result, []);
    expect(changedFills(x, fillsBefore)).toEqual(expectedMarks(result.findings));
    expect(x.liveSheets().map((s) => s.name)).toEqual(SEED_SHEETS);
    await host.clearHighlights();
    expect(x.fills()).toEqual(fillsBefore);
  });
});

describe('the fake: a user inserting and deleting rows and columns', () => {
  test('cells, merged areas and names move; a deleted cell makes its name #REF!; names follow a renamed sheet', async () => {
    const x = seedFake();
    x.defineName('甲', '公开01表', 'F16');
    x.defineName('乙', '公开01表', 'F15');
    x.defineName('丙', '公开04表', 'C7');
    const f16 = x.cell('公开01表', 'F16');
    const merges = x.sheet('公开01表').merges.map((m) => ({ ...m }));
    x.insertRows('公开01表', 10, 2);
    expect(x.cell('公开01表', 'F18')).toEqual(f16);
    expect(x.sheet('公开01表').merges).toEqual(merges); // all above row 10
    x.deleteRows('公开01表', 17); // the row that was 15
    x.insertColumns('公开04表', 'B');
    x.renameSheet('公开04表', '支出表');
    const formulas = await x.run(async (ctx) => {
      const names = ctx.workbook.names;
      names.load('items/name, items/formula, items/type');
      await ctx.sync();
      return names.items.map((n) => [n.name, n.formula, n.type]);
    });
    expect(formulas).toEqual([
      ['甲', '=公开01表!$F$17', 'Range'],
      ['乙', '=公开01表!#REF!', 'Error'],
      ['丙', '=支出表!$D$7', 'Range'],
    ]);
    expect(x.cell('公开01表', 'F17')).toEqual(f16);
    x.deleteSheet('支出表');
    expect(x.names.map((n) => n.name)).toEqual(['甲', '乙', '丙']); // still there, now #REF!
    const after = await x.run(async (ctx) => {
      const n = ctx.workbook.names.getItem('丙');
      n.load('formula');
      await ctx.sync();
      return n.formula as string;
    });
    expect(after).toBe('=#REF!$D$7');
  });

  test('names.add takes a range, refuses a name that exists (in any case); visible can be set (in a later sync); delete removes it', async () => {
    const x = seedFake();
    await x.run(async (ctx) => {
      ctx.workbook.names.add('_a_1', ctx.workbook.worksheets.getItem('公开01表').getRange('C7'));
      await ctx.sync();
      ctx.workbook.names.getItem('_a_1').visible = false;
      await ctx.sync();
    });
    expect(x.names).toMatchObject([{ name: '_a_1', area: parseRangeA1('C7'), visible: false }]);
    await expect(
      x.run(async (ctx) => {
        ctx.workbook.names.add('_A_1', ctx.workbook.worksheets.getItem('公开01表').getRange('C8'));
        await ctx.sync();
      }),
    ).rejects.toThrow(/exists/);
    await x.run(async (ctx) => {
      ctx.workbook.names.getItem('_A_1').delete();
      await ctx.sync();
    });
    expect(x.names).toEqual([]);
  });
});

describe('marks after the user changed the workbook', () => {
  /** The fills a workbook must show after clear: the prepared workbook, edited the same way, never marked. */
  function controlFills(edit: (x: FakeExcel) => void): Map<string, FakeFill> {
    const control = preparedFake();
    edit(control);
    return control.fills();
  }

  test('marks are tracked by hidden names (_juesuan_mark_…); the record says which; clear deletes them and only them', async () => {
    const { x, host, result } = await prepared();
    x.defineName('用户的名称', '公开01表', 'A1');
    await host.highlight(result, []);
    const record = parseRecord(JSON.parse(x.settings.get(RECORD_KEY)!));
    const ours = x.names.filter((n) => n.name.startsWith(MARK_NAME_PREFIX));
    expect(ours.length).toBe(record.cells.length);
    expect(ours.every((n) => !n.visible)).toBe(true);
    for (const c of record.cells) {
      const n = ours.find((o) => o.name === c.name)!;
      expect(`${n.sheet.name}!${cellA1(n.area!.top, n.area!.left)}`).toBe(`${c.sheet}!${c.address}`);
    }
    await hostOf(x).clearHighlights();
    expect(x.names.map((n) => n.name)).toEqual(['用户的名称']);
  });

  test('rows and columns inserted above and left of marked cells, then clear: every cell gets its own original fill back', async () => {
    const { x, host, result } = await prepared();
    await host.highlight(result, []);
    const edit = (w: FakeExcel) => {
      w.insertRows('公开01表', 10); // between F8 and F15/F16 (F16 has the user's own fill)
      w.insertRows('公开01表', 1, 2); // above everything
      w.insertColumns('公开04表', 'B'); // left of C7, F7, G7
      w.insertRows('公开06表', 8); // in the middle of F7:F34's marks
    };
    edit(x);
    const expected = controlFills(edit);
    expect(expected.get('公开01表!F19')).toEqual({ ...NO_FILL, ...USER_PATTERN }); // F16, three rows down
    expect(await syncsOf(x, () => hostOf(x).clearHighlights())).toBe(3);
    expect(x.fills()).toEqual(expected);
    expect(x.names).toEqual([]);
    expect(x.settings.has(RECORD_KEY)).toBe(false);
    expect(x.liveSheets().map((s) => s.name)).toEqual(SEED_SHEETS);
  });

  test('a marked cell deleted with its row or column: nothing is written for it; the others are restored where they are now', async () => {
    const { x, host, result } = await prepared();
    await host.highlight(result, []);
    const edit = (w: FakeExcel) => {
      w.deleteRows('公开01表', 15); // F15 (marked) goes; F16 (the user's fill) moves up to F15
      w.deleteColumns('公开04表', 'C'); // C7 (marked) goes; F7, G7 move to E7, F7
    };
    edit(x);
    await hostOf(x).clearHighlights();
    expect(x.fills()).toEqual(controlFills(edit));
    expect(x.fills().get('公开01表!F15')).toEqual({ ...NO_FILL, ...USER_PATTERN });
    expect(x.names).toEqual([]);
  });

  test('re-checking after rows were inserted: earlier marks are found where they moved, originals kept; then clear is exact', async () => {
    const { x, host, result } = await prepared();
    await host.highlight(result, []);
    const edit = (w: FakeExcel) => w.insertRows('公开01表', 12, 3);
    edit(x);
    const again = hostOf(x);
    const second = checkWorkbook((await again.read()).grid);
    expect(second.findings.some((f) => f.cells.includes('公开01表!F19'))).toBe(true); // F16, moved
    expect(await syncsOf(x, () => again.highlight(second, []))).toBe(2);
    const record = parseRecord(JSON.parse(x.settings.get(RECORD_KEY)!));
    expect(record.cells.find((c) => c.sheet === '公开01表' && c.address === 'F19')?.original).toEqual(USER_PATTERN);
    expect(x.names.filter((n) => n.name.startsWith(MARK_NAME_PREFIX))).toHaveLength(record.cells.length);
    await hostOf(x).clearHighlights();
    expect(x.fills()).toEqual(controlFills(edit));
  });

  test('a user who re-fills a marked cell keeps that fill: clear (and a re-check) leave it alone', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    await host.highlight(result, []);
    const GREEN: Partial<FakeFill> = { color: '#00FF00', pattern: 'Solid' };
    x.setFill('公开01表', 'F18', USER_SOLID); // marked, no fill of its own before
    x.setFill('公开01表', 'F16', GREEN); // marked, had the user's pattern before
    x.setFill('公开04表', 'C7', { color: color('error'), pattern: 'Solid', tintAndShade: 0.5 }); // the mark's colour, lighter: not the mark
    const expected = new Map(fillsBefore);
    expected.set('公开01表!F18', { ...NO_FILL, ...USER_SOLID });
    expected.set('公开01表!F16', { ...NO_FILL, ...GREEN });
    expected.set('公开04表!C7', { ...NO_FILL, color: color('error'), pattern: 'Solid', tintAndShade: 0.5 });

    // A re-check marks F16 and F18 again (still findings) over the user's new fills, and records those.
    const again = hostOf(x);
    const second = checkWorkbook((await again.read()).grid);
    await again.highlight(second, []);
    expect(x.cell('公开01表', 'F18').fill.color).toBe(color('error'));
    const record = parseRecord(JSON.parse(x.settings.get(RECORD_KEY)!));
    expect(record.cells.find((c) => c.address === 'F16' && c.sheet === '公开01表')?.original).toMatchObject(GREEN);

    await hostOf(x).clearHighlights();
    expect(x.fills()).toEqual(expected);
  });

  test('a re-filled cell that is no longer a finding is not touched by the next check either', async () => {
    const { x, host, result } = await prepared();
    await host.highlight(result, []);
    x.setFill('公开04表', 'F7', USER_SOLID); // marked by C05 only
    const c05 = result.findings.find((f) => f.rule === 'C05')!;
    const again = hostOf(x);
    await again.read();
    x.writes.length = 0;
    await again.highlight(result, [findingKey(c05)]);
    expect(x.cell('公开04表', 'F7').fill).toEqual({ ...NO_FILL, ...USER_SOLID });
    expect(x.writes.some((w) => w.sheet === '公开04表' && w.address === 'F7')).toBe(false);
    expect(parseRecord(JSON.parse(x.settings.get(RECORD_KEY)!)).cells.some((c) => c.sheet === '公开04表' && c.address === 'F7')).toBe(false);
  });

  test('without the names (deleted by the user): clear restores only cells that still show their mark at the recorded address', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    await host.highlight(result, []);
    x.names.length = 0;
    x.setFill('公开01表', 'F18', USER_SOLID);
    await hostOf(x).clearHighlights();
    const expected = new Map(fillsBefore);
    expected.set('公开01表!F18', { ...NO_FILL, ...USER_SOLID });
    expect(x.fills()).toEqual(expected);
  });

  test('a workbook whose structure is protected: no names are added; marks still come off by the colour check', async () => {
    const { x, result } = await prepared();
    x.structureProtected = true;
    const fillsBefore = x.fills();
    const host = hostOf(x);
    await host.read();
    await host.highlight(result, []);
    expect(x.names).toEqual([]);
    expect(parseRecord(JSON.parse(x.settings.get(RECORD_KEY)!)).cells.every((c) => c.name === undefined)).toBe(true);
    await hostOf(x).clearHighlights();
    expect(x.fills()).toEqual(fillsBefore);
  });
});

describe('the 检查结果 sheet is the one the add-in created (by id)', () => {
  /** A user's own sheet called 检查结果, with a note and a fill. */
  function userResultSheet(x: FakeExcel): void {
    const s = x.addSheet(RESULT_SHEET);
    x.cellAt(s, 0, 0, true).value = '我自己的检查记录';
    x.cellAt(s, 2, 1, true).value = 42;
    x.setFill(RESULT_SHEET, 'B3', USER_SOLID);
  }

  test('a user sheet called 检查结果 is never written, cleared or deleted: the add-in uses 检查结果(2)', async () => {
    const x = preparedFake();
    userResultSheet(x);
    const mine = x.contents([RESULT_SHEET]);
    const host = hostOf(x);
    const grid = (await host.read()).grid;
    expect(grid.sheets.map((s) => s.name)).toEqual([...SEED_SHEETS, RESULT_SHEET]); // the user's: in the grid
    const result = checkWorkbook(grid);
    await host.highlight(result, []);
    const ours = `${RESULT_SHEET}(2)`;
    expect(x.liveSheets().map((s) => s.name)).toEqual([...SEED_SHEETS, RESULT_SHEET, ours]);
    expect(x.contents([RESULT_SHEET])).toEqual(mine);
    expect(x.cell(ours, 'A1').value).toMatch(/^检查结果：/);
    expect(parseRecord(JSON.parse(x.settings.get(RECORD_KEY)!)).resultSheet).toBe(x.sheet(ours).id);
    expect(x.writes.some((w) => w.sheet === RESULT_SHEET)).toBe(false);

    // Checked again: 检查结果(2) is rewritten (no 检查结果(3)), left out of the grid; the user's sheet is not.
    const again = await host.read();
    expect(again.grid.sheets.map((s) => s.name)).toEqual([...SEED_SHEETS, RESULT_SHEET]);
    expect(await syncsOf(x, () => host.highlight(result, []))).toBe(2);
    expect(x.liveSheets().map((s) => s.name)).toEqual([...SEED_SHEETS, RESULT_SHEET, ours]);

    await hostOf(x).clearHighlights();
    expect(x.liveSheets().map((s) => s.name)).toEqual([...SEED_SHEETS, RESULT_SHEET]);
    expect(x.contents([RESULT_SHEET])).toEqual(mine);
    expect(x.cell(RESULT_SHEET, 'B3').fill).toEqual({ ...NO_FILL, ...USER_SOLID });
    expect(x.settings.has(RECORD_KEY)).toBe(false);
  });

  test('the add-in’s sheet deleted by the user and a sheet of the same name made again: that one is the user’s', async () => {
    const { x, host, result } = await prepared();
    await host.highlight(result, []);
    x.deleteSheet(RESULT_SHEET);
    userResultSheet(x);
    const mine = x.contents([RESULT_SHEET]);
    await hostOf(x).clearHighlights();
    expect(x.contents([RESULT_SHEET])).toEqual(mine);
    expect(x.liveSheets().map((s) => s.name)).toEqual([...SEED_SHEETS, RESULT_SHEET]);
  });

  test('the add-in’s sheet renamed: still the add-in’s (rewritten by the next check, deleted by clear)', async () => {
    const { x, host, result } = await prepared();
    await host.highlight(result, []);
    x.renameSheet(RESULT_SHEET, '结果');
    const again = hostOf(x);
    expect((await again.read()).grid.sheets.map((s) => s.name)).toEqual(SEED_SHEETS);
    await again.highlight(result, []);
    expect(x.liveSheets().map((s) => s.name)).toEqual([...SEED_SHEETS, '结果']);
    await hostOf(x).clearHighlights();
    expect(x.liveSheets().map((s) => s.name)).toEqual(SEED_SHEETS);
  });

  test('next free name', () => {
    expect(freeResultName([{ name: 'A' }])).toBe(RESULT_SHEET);
    expect(freeResultName([{ name: RESULT_SHEET }, { name: `${RESULT_SHEET}(2)` }])).toBe(`${RESULT_SHEET}(3)`);
  });
});

describe('select() and selection()', () => {
  test('a finding of several cells: Range.select() of the range holding them on the first cell’s sheet (RangeAreas.select is not in the shipped office.js); selection() gives sheet and address', async () => {
    const x = seedFake();
    const host = hostOf(x);
    const refs: CellRef[] = [
      { sheet: '公开04表', row: 6, col: 5 },
      { sheet: '公开04表', row: 8, col: 2 },
      { sheet: '公开01表', row: 7, col: 5 },
    ];
    expect(await syncsOf(x, () => host.select(refs))).toBe(1);
    expect(x.activeSheet).toBe('公开04表');
    expect(x.selection).toEqual({ sheet: '公开04表', areas: [parseRangeA1('C7:F9')] });
    expect(await host.selection()).toEqual({ sheet: '公开04表', range: 'C7:F9' });

    await host.select([{ sheet: '公开02表', row: 8, col: 3 }]);
    expect(x.selection).toEqual({ sheet: '公开02表', areas: [parseRangeA1('D9')] });
    x.selection = { sheet: '公开03表', areas: [parseRangeA1('B3:H20')!] };
    expect(await host.selection()).toEqual({ sheet: '公开03表', range: 'B3:H20' });
    x.selection = undefined; // e.g. a chart is selected
    expect(await host.selection()).toBeUndefined();
  });
});

describe('addresses and the record', () => {
  test('Office address strings', () => {
    expect(stripSheet("'O''Brien 表'!B3:H40")).toBe('B3:H40');
    expect(areaOfAddress('公开01表!B3')).toEqual({ top: 2, left: 1, bottom: 2, right: 1 });
    expect(splitAreas("S!A1:F1,S!A2:C3, 'a,b'!D4:E5")).toEqual(['S!A1:F1', 'S!A2:C3', "'a,b'!D4:E5"]);
    expect(parseAreas("'a,b'!D4:E5, S!A1:F1")).toEqual([
      { top: 0, left: 0, bottom: 0, right: 5 },
      { top: 3, left: 3, bottom: 4, right: 4 },
    ]);
  });

  test('a name\'s formula → the cell it refers to now', () => {
    expect(nameReference('=公开01表!$F$17')).toEqual({ sheet: '公开01表', address: 'F17' });
    expect(nameReference("='O''Brien 表'!$C$7")).toEqual({ sheet: "O'Brien 表", address: 'C7' });
    expect(nameReference('=公开01表!#REF!')).toBe('gone');
    expect(nameReference('=#REF!$F$9')).toBe('gone');
    expect(nameReference('=公开01表!$A$1:$B$2')).toBeUndefined();
    expect(nameReference(7)).toBeUndefined();
  });

  test('a damaged record keeps its good entries', () => {
    const good = { sheet: 'S', address: 'C7', mark: '#FFC7CE', original: { pattern: 'None' } };
    expect(parseRecord(JSON.stringify({ version: 1, cells: [good, { sheet: 'S', address: 'A1:B2', original: { pattern: 'None' } }, { sheet: 'S' }, 7] })).cells).toEqual([good]);
    expect(parseRecord('{oops').cells).toEqual([]);
    expect(REQUIRED_EXCEL_API).toBe('1.9');
  });
});

describe('writeNarrative(): the draft goes to a 情况说明 sheet', () => {
  const grid = seed000Grid();
  const narrative = workbookNarrative(grid, mapWorkbook(grid));
  const lines = narrativeLines(narrative);

  test('one paragraph per row, as text, headings bold, rows to fill highlighted; two syncs; the user’s sheets untouched', async () => {
    const x = seedFake();
    const before = x.contents(SEED_SHEETS);
    const host = hostOf(x);
    const syncs = await syncsOf(x, () => host.writeNarrative(narrative));
    expect(syncs).toBe(2);
    expect(x.contents(SEED_SHEETS)).toEqual(before);
    const written = x.contents(['情况说明'])['情况说明']!;
    expect(Object.keys(written)).toHaveLength(lines.length);
    lines.forEach((l, i) => {
      const cell = x.cell('情况说明', `A${i + 1}`);
      expect(cell.value).toBe(l.text);
      expect(cell.numberFormat).toBe('@');
      expect(Boolean(cell.font?.bold)).toBe(l.bold);
      expect(cell.fill.color === '#FFF2CC').toBe(l.toFill);
    });
    expect(lines.some((l) => l.toFill)).toBe(true);
  });

  test('a 情况说明 already there is kept as 情况说明(上一稿), replacing an older one', async () => {
    const spec = seed000Spec();
    spec.sheets.push({ name: '情况说明', rows: [['我自己写的说明']], merges: [] }, { name: '情况说明(上一稿)', rows: [['更早的稿']], merges: [] });
    const x = FakeExcel.fromSpec(spec);
    await hostOf(x).writeNarrative(narrative);
    expect(x.cell('情况说明(上一稿)', 'A1').value).toBe('我自己写的说明');
    expect(x.cell('情况说明', 'A1').value).toBe(lines[0]!.text);
    expect(x.liveSheets().map((s) => s.name).filter((n) => n.startsWith('情况说明'))).toEqual(['情况说明(上一稿)', '情况说明']);
  });

  test('a protected workbook structure: Excel refuses, nothing is half-written', async () => {
    const spec = seed000Spec();
    spec.sheets.push({ name: '情况说明', rows: [['我自己写的说明']], merges: [] });
    const x = FakeExcel.fromSpec(spec);
    x.structureProtected = true;
    await expect(hostOf(x).writeNarrative(narrative)).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(x.cell('情况说明', 'A1').value).toBe('我自己写的说明');
  });
});
