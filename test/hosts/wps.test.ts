/**
 * The WPS host against the fake ET object model (./wps.fake.ts, written from
 * the WPS 加载项 documentation and Kingsoft's API declarations): the same
 * adapter tests as the Excel host's (./office.test.ts) — values never
 * changed, every fill restored exactly (after save and reopen too), the
 * calls into WPS counted (one call per sheet for its values), 12 sheets,
 * merged headers — and the same marks as the Excel host for the same
 * workbook.
 */
import { type CheckResult, checkWorkbook, summarize } from '../../src/core/check';
import { cellA1, parseRangeA1 } from '../../src/core/grid/a1';
import type { CellRef, WorkbookGrid } from '../../src/core/grid/grid';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { workbookNarrative } from '../../src/core/narrative/workbook';
import { type Finding, plainFinding } from '../../src/core/rules/finding';
import type { Severity } from '../../src/core/rules/types';
import { HIGHLIGHT } from '../../src/hosts/highlight-style';
import { EMPTY_STATE, type SavedState, findingKey } from '../../src/hosts/host';
import { narrativeLines } from '../../src/hosts/narrative-sheet';
import { MARK_NAME_PREFIX, parseRecord } from '../../src/hosts/office/fill';
import { OfficeHost } from '../../src/hosts/office/office-host';
import { RESULT_HEADER_ROW, RESULT_SHEET } from '../../src/hosts/office/result-sheet';
import { cellsText } from '../../src/hosts/result-table';
import type { EtApplication } from '../../src/hosts/wps/et';
import { hexOfLong, longOfHex, patternName, patternNumber } from '../../src/hosts/wps/wps-fill';
import { NOTE_MARK, STRUCTURE_PROTECTED_MESSAGE, WpsHost } from '../../src/hosts/wps/wps-host';
import { RESULT_NAME, areaOfAddress, referredSheet } from '../../src/hosts/wps/wps-read';
import { DATA_SHEET, SLICE_CHARS, dataColumn, parseData } from '../../src/hosts/wps/wps-store';
import { columnRuns, rcKey, resolveUniform } from '../../src/hosts/wps/uniform';
import { type WorkbookSpec, seed000Grid, seed000Spec } from '../fixtures';
import { FakeExcel } from './office.fake';
import { type EtFill, FakeEt, FakeEtError, NO_FILL, modelledMembers, rgb } from './wps.fake';

const SEED_SHEETS = seed000Spec().sheets.map((s) => s.name);
const RANK: Record<Severity, number> = { error: 0, warning: 1, rounding: 2 };
const color = (s: Severity) => longOfHex(`#${HIGHLIGHT[s].fill}`);
const ruleCells = (r: CheckResult) => r.findings.map((f) => `${f.rule} ${f.cells.join(',')}`).sort();

const seedFake = (o?: ConstructorParameters<typeof FakeEt>[0]) => FakeEt.fromSpec(seed000Spec(), o);
const hostOf = (x: FakeEt, o: { showResultSheet?: boolean } = {}) => new WpsHost(x.application as EtApplication, o);

async function callsOf(x: FakeEt, f: () => Promise<unknown>): Promise<number> {
  const before = x.calls;
  await f();
  return x.calls - before;
}

/** The colour each finding cell must show: its most severe non-ignored finding's. */
function expectedMarks(findings: readonly Finding[], ignored: readonly string[] = []): Map<string, number> {
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
function changedFills(x: FakeEt, before: Map<string, EtFill>): Map<string, number> {
  const out = new Map<string, number>();
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

/** The record the data sheet holds. */
function record(x: FakeEt) {
  const s = x.sheet(DATA_SHEET);
  const rows = s.cells.map((r) => [r?.[0]?.value]);
  return parseData(rows).record;
}

/** A user's own fill with every property WPS reports (a Gray50 pattern, tinted). */
const USER_PATTERN: Partial<EtFill> = { pattern: -4125, color: rgb(0, 176, 80), tint: 0.4, patternColor: rgb(255, 0, 0), patternTint: -0.25 };
const USER_SOLID: Partial<EtFill> = { pattern: 1, color: rgb(255, 255, 0) };

/** Seed 000 with one figure changed (→ errors) and a user's own fills, one on a finding cell. */
function preparedFake(o?: ConstructorParameters<typeof FakeEt>[0]): FakeEt {
  const x = seedFake(o);
  // 公开01表!F8 +1.00: R03 (F34 = F8 + … + F26) becomes an error; F16 is also in X04, a rounding finding.
  const f8 = x.cellAt(x.sheet('公开01表'), 7, 5, true);
  f8.value = (f8.value as number) + 1;
  x.setFill('公开01表', 'F16', USER_PATTERN);
  x.setFill('公开01表', 'A1', USER_SOLID);
  return x;
}

async function prepared() {
  const x = preparedFake();
  const host = hostOf(x);
  const snap = await host.read();
  return { x, host, result: checkWorkbook(snap.grid) };
}

// ---------------------------------------------------------------------------

describe('the fake behaves like WPS where the host depends on it', () => {
  test('every member it models is declared in et-jsapi-declare, with the same kind (a method is called, a read-only property is only read)', () => {
    const members = modelledMembers();
    expect(members.length).toBeGreaterThan(60);
    const wrong = members.filter((m) => m.declared === undefined || (m.kind === 'method') !== (m.declared === 'method') || (m.kind === 'set' && m.declared !== 'property'));
    expect(wrong).toEqual([]);
  });

  test('a member WPS does not have throws a TypeError; one it has but the fake does not model says so', () => {
    const x = seedFake();
    const ws = (x.application as { ActiveSheet: Record<string, unknown> }).ActiveSheet;
    expect(() => ws.NoSuchMember).toThrow(TypeError);
    expect(() => (ws as { Range(a: string): Record<string, unknown> }).Range('A1').Value).toThrow(/not modelled/); // Value() is a method in WPS
    expect(() => {
      (ws as { Range(a: string): Record<string, unknown> }).Range('A1').Text = 'x'; // read-only
    }).toThrow(TypeError);
  });

  test('Value2 of several cells is a 2-D array (rows of columns), of one cell its value; Text and NumberFormat are one value or null, never arrays', () => {
    const x = seedFake();
    const app = x.application as EtApplication;
    const ws = app.ActiveWorkbook!.Worksheets.Item('公开01表');
    Object.assign(x.cellAt(x.sheet('公开01表'), 8, 2, true), { value: 5, numberFormat: '#,##0.00' }); // C9
    const value = (a1: string) => (x.cell('公开01表', a1).value === '' ? undefined : x.cell('公开01表', a1).value);
    expect(ws.Range('A8:C10').Value2).toEqual([
      [value('A8'), value('B8'), value('C8')],
      [value('A9'), value('B9'), 5],
      [value('A10'), value('B10'), undefined], // an empty cell
    ]);
    expect(ws.Range('C8').Value2).toBe(x.cell('公开01表', 'C8').value);
    expect(ws.Range('G1').Value2).toBeUndefined();
    expect((ws.Range('C8:C9') as unknown as { Text: unknown }).Text).toBeNull(); // "1,820.23" and "5.00"
    expect(ws.Range('C8:C9').NumberFormat).toBe('#,##0.00');
    expect(ws.Range('B8:C8').NumberFormat).toBeNull();
    const other = seedFake({ emptyValue: null }).application as EtApplication;
    expect(other.ActiveWorkbook!.Worksheets.Item('公开01表').Range('G1').Value2).toBeNull();
  });

  test('MergeCells is true, false or null (a mix); MergeArea of a cell outside any merged area is the cell', () => {
    const x = seedFake();
    const ws = (x.application as EtApplication).ActiveWorkbook!.Worksheets.Item('公开01表');
    expect(ws.Range('A1:F1').MergeCells).toBe(true);
    expect(ws.Range('A8:F9').MergeCells).toBe(false);
    expect(ws.Range('A1:F2').MergeCells).toBeNull();
    expect(ws.Range('C1').MergeArea.Address()).toBe('$A$1:$F$1');
    expect(ws.Range('C8').MergeArea.Address()).toBe('$C$8');
    expect(ws.UsedRange.Address()).toBe('$A$1:$F$39');
  });

  test('refuses what WPS refuses: protected sheets, a second comment, Select off the active sheet, structure protection, bad names', () => {
    const x = seedFake();
    const app = x.application as EtApplication;
    const wb = app.ActiveWorkbook!;
    const ws = wb.Worksheets.Item('公开02表');
    x.sheet('公开02表').protectContents = true;
    expect(() => (ws.Range('C8').Value2 = 1)).toThrow(FakeEtError);
    expect(() => (ws.Range('C8').Interior.Color = 255)).toThrow(/protected/);
    x.sheet('公开02表').allowFormattingCells = true;
    ws.Range('C8').Interior.Color = 255; // formats allowed
    expect(() => ws.Range('C8').AddComment('x')).toThrow(/protected/);
    const ws3 = wb.Worksheets.Item('公开03表');
    ws3.Range('C8').AddComment('x');
    expect(() => ws3.Range('C8').AddComment('y')).toThrow(/already has a comment/);
    expect(() => ws3.Range('C8').Select()).toThrow(/active/);
    ws3.Activate();
    ws3.Range('C8').Select();
    expect(() => (ws3.Name = '公开01表')).toThrow(/exists/);
    expect(() => (ws3.Name = 'a/b')).toThrow(/valid/);
    expect(() => wb.Names.Item('没有')).toThrow(/no such name/);
    x.structureProtected = true;
    expect(() => wb.Worksheets.Add()).toThrow(/structure/);
    expect(() => ws3.Delete()).toThrow(/structure/);
    expect(() => (ws3.Visible = 2)).toThrow(/structure/);
  });

  test('a new sheet becomes the active one; deleting one with DisplayAlerts on asks the user; hiding the active sheet moves to the next', () => {
    const x = seedFake();
    const app = x.application as EtApplication;
    const all = app.ActiveWorkbook!.Worksheets;
    const ws = all.Add(undefined, all.Item(all.Count));
    expect(x.activeSheet?.name).toBe(ws.Name);
    expect(x.liveSheets().at(-1)!.name).toBe(ws.Name);
    ws.Visible = 2;
    expect(x.activeSheet?.name).toBe('公开01表');
    expect(() => ws.Activate()).toThrow(/hidden/);
    ws.Delete();
    expect(x.dialogs).toBe(1);
  });

  test('every crossing into WPS is counted: a property read, a property write, a method call', () => {
    const x = seedFake();
    const app = x.application as EtApplication;
    const before = x.calls;
    const wb = app.ActiveWorkbook!; // 1
    const ws = wb.Worksheets.Item(1); // 2
    void ws.Name; // 1
    ws.Range('A1').Interior.Color = 5; // 3
    expect(x.calls - before).toBe(7);
    expect(x.log.at(-1)).toMatchObject({ type: 'Interior', member: 'Color', kind: 'set', sheet: '公开01表', cells: 1 });
  });

  test('names follow inserted and deleted rows and renamed sheets; their cells deleted, they read #REF!', () => {
    const x = seedFake();
    x.defineName('甲', '公开01表', 'F16');
    x.defineName('乙', '公开01表', 'F15');
    x.insertRows('公开01表', 10, 2);
    x.deleteRows('公开01表', 17);
    x.renameSheet('公开01表', '总表');
    const names = (x.application as EtApplication).ActiveWorkbook!.Names;
    expect([names.Item(1).RefersTo, names.Item(2).RefersTo]).toEqual(['=总表!$F$17', '=总表!#REF!']);
    x.deleteSheet('总表');
    expect(names.Item('甲').RefersTo).toBe('=#REF!$F$17');
  });

  test('reopen() keeps what the file keeps (cells, fills, comments, names, hidden sheets), not PluginStorage or the counters', () => {
    const x = seedFake();
    x.setFill('公开01表', 'B2', USER_SOLID);
    x.addUserComment('公开01表', 'B3', '我的批注');
    x.defineName('甲', '公开01表', 'F16', false);
    x.sheet('公开09表').visible = 2;
    x.pluginStorage.set('k', 'v');
    void (x.application as EtApplication).ActiveSheet;
    const y = x.reopen();
    expect(y.fills()).toEqual(x.fills());
    expect(y.comments()).toEqual(x.comments());
    expect(y.names.map((n) => [n.name, n.visible])).toEqual([['甲', false]]);
    expect(y.sheet('公开09表').visible).toBe(2);
    expect([y.pluginStorage.size, y.calls]).toEqual([0, 0]);
  });
});

describe('read()', () => {
  test('nine tables: ONE call per sheet for the values, none per cell; the same findings as the seed grid; merged headers as laid out', async () => {
    const x = seedFake();
    const host = hostOf(x);
    const calls = await callsOf(x, () => host.read());
    const snap = await host.read();
    const values = x.log.filter((c) => c.member === 'Value2' && c.kind === 'get' && c.sheet !== DATA_SHEET);
    expect(values.length).toBe(2 * SEED_SHEETS.length); // two reads
    expect(values.every((c) => (c.cells ?? 0) > 1)).toBe(true); // never a cell at a time
    expect(x.count((c) => c.member === 'Text' || c.member === 'Formula' || c.member === 'Value')).toBe(0);
    expect(host.lastReadCost.values).toBe(SEED_SHEETS.length);
    // Formats and merged areas are asked of ranges too; the whole read stays within ~100 calls a sheet.
    expect(calls).toBeLessThanOrEqual(100 * SEED_SHEETS.length);
    expect(snap.grid.sheets.map((s) => s.name)).toEqual(SEED_SHEETS);
    expect(snap.state).toEqual(EMPTY_STATE);
    const expected = checkWorkbook(seed000Grid());
    const got = checkWorkbook(snap.grid);
    expect(ruleCells(got)).toEqual(ruleCells(expected));
    expect(got.summary).toEqual(expected.summary);
    for (const s of seed000Spec().sheets) expect(sheetGrid(snap.grid, s.name).merges).toEqual([...s.merges].sort((a, b) => a.top - b.top || a.left - b.left));
  });

  test('twelve sheets with merged headers, one of them hidden, one empty: one values call each; the findings of the same workbook as a grid', async () => {
    const spec = seed000Spec();
    spec.sheets.push(
      { name: '封面', rows: [['2024年度部门决算公开'], [], ['株洲市天元区征地工作协调服务中心']], merges: [{ top: 0, left: 0, bottom: 1, right: 5 }] },
      { name: '目录', rows: [['目录'], ['一、收入支出决算总表'], ['二、收入决算表']], merges: [{ top: 0, left: 0, bottom: 0, right: 3 }] },
      { name: '空白', rows: [], merges: [] },
    );
    const x = FakeEt.fromSpec(spec);
    x.sheet('目录').visible = 0;
    const host = hostOf(x);
    const snap = await host.read();
    expect(snap.grid.sheets.map((s) => s.name)).toHaveLength(12);
    expect(host.lastReadCost.values).toBe(12);
    expect(x.count((c) => c.member === 'Value2' && c.kind === 'get' && c.sheet !== DATA_SHEET)).toBe(12);
    expect(sheetGrid(snap.grid, '封面').merges).toEqual([{ top: 0, left: 0, bottom: 1, right: 5 }]);
    expect(sheetGrid(snap.grid, '空白')).toMatchObject({ rowCount: 0, colCount: 0, merges: [] });
    const { specToGrid } = await import('../fixtures');
    expect(ruleCells(checkWorkbook(snap.grid))).toEqual(ruleCells(checkWorkbook(specToGrid(spec))));
  });

  test('cells: values, the number formats of numbers (asked of runs of cells), the text they show; rows and columns absolute', async () => {
    const x = new FakeEt();
    const s = x.addSheet('表');
    x.cellAt(s, 3, 2, true).value = '项目';
    const n = x.cellAt(s, 5, 4, true);
    n.value = 12.5;
    n.numberFormat = '0.00';
    for (let r = 6; r < 30; r++) Object.assign(x.cellAt(s, r, 4, true), { value: r * 1.5, numberFormat: '#,##0.00' });
    const host = hostOf(x);
    const g = sheetGrid((await host.read()).grid, '表');
    expect([g.rowCount, g.colCount]).toEqual([30, 5]);
    expect(g.cell(3, 2)).toEqual({ value: '项目', text: '项目' });
    expect(g.cell(5, 4)).toEqual({ value: 12.5, text: '12.50', numberFormat: '0.00' });
    expect(g.cell(29, 4)).toEqual({ value: 43.5, text: '43.50', numberFormat: '#,##0.00' });
    expect(g.cell(0, 0)).toBeUndefined();
    // The column of 25 numbers: asked as a run, once without its first cell, and that first cell alone.
    expect(host.lastReadCost.formats).toBe(3);
    expect(x.count((c) => c.member === 'NumberFormat' && c.kind === 'get' && c.cells === 1)).toBe(1);
  });

  test('however WPS hands over an empty cell (undefined, null or ""), the grid is the same', async () => {
    const grids = await Promise.all(([undefined, null, ''] as const).map(async (e) => checkWorkbook((await hostOf(seedFake({ emptyValue: e })).read()).grid)));
    expect(ruleCells(grids[1]!)).toEqual(ruleCells(grids[0]!));
    expect(ruleCells(grids[2]!)).toEqual(ruleCells(grids[0]!));
  });

  test('an error value handed over as its COM number reads as the error, not as an amount', async () => {
    const x = seedFake();
    x.setValue('公开01表', 'C8', -2146826281);
    const g = sheetGrid((await hostOf(x).read()).grid, '公开01表');
    expect(g.cell(7, 2)?.value).toBe('#DIV/0!');
  });

  test('the add-in’s 检查结果 and data sheet are neither read nor part of the grid', async () => {
    const { x, host, result } = await prepared();
    await host.highlight(result, []);
    const again = await host.read();
    expect(again.grid.sheets.map((s) => s.name)).toEqual(SEED_SHEETS);
    expect(x.liveSheets().map((s) => s.name)).toEqual([...SEED_SHEETS, DATA_SHEET, RESULT_SHEET]);
  });
});

describe('saveState()', () => {
  test('round-trips through read(), also after save and reopen; stored in a very hidden sheet', async () => {
    const x = seedFake();
    const state: SavedState = { overrides: { profile: 'hunan-2024', ranges: { 公开03表: { sheet: '公开03表', range: 'A1:H18' } } }, ignored: ['R03|公开01表!F34|1|2'] };
    await hostOf(x).saveState(state);
    expect(x.sheet(DATA_SHEET).visible).toBe(2);
    expect(x.activeSheet?.name).toBe('公开01表');
    expect((await hostOf(x).read()).state).toEqual(state);
    expect((await hostOf(x.reopen()).read()).state).toEqual(state);
  });

  test('a long record is sliced across cells and read back whole; anything unreadable is the empty state', () => {
    const ignored = Array.from({ length: 2000 }, (_, i) => `R05.row|公开02表!C${i + 8}|${i}|${i + 1}`);
    const col = dataColumn({ state: { overrides: {}, ignored }, record: { version: 1, cells: [] } });
    expect(col.length).toBeGreaterThan(2);
    expect(col.every((r) => r[0]!.length <= SLICE_CHARS + 1)).toBe(true);
    expect(parseData(col).state.ignored).toEqual(ignored);
    expect(parseData([['x'], ['J{not json']]).state).toEqual(EMPTY_STATE);
    expect(parseData(undefined).state).toEqual(EMPTY_STATE);
  });

  test('a workbook whose structure is protected and has no data sheet: a sentence, nothing half-done', async () => {
    const x = seedFake();
    x.structureProtected = true;
    await expect(hostOf(x).saveState({ overrides: {}, ignored: ['a'] })).rejects.toThrow(/结构受保护/);
    expect(x.liveSheets().map((s) => s.name)).toEqual(SEED_SHEETS);
  });
});

describe('highlight() and clearHighlights()', () => {
  test('exactly the finding cells are coloured, most severe first; no value, formula or number format of a user sheet changes', async () => {
    const { x, host, result } = await prepared();
    expect(result.summary.error).toBeGreaterThan(0);
    const fillsBefore = x.fills();
    const contentsBefore = x.contents(SEED_SHEETS);
    const from = x.log.length;
    await host.highlight(result, []);
    const expected = expectedMarks(result.findings);
    expect(changedFills(x, fillsBefore)).toEqual(expected);
    expect(expected.get('公开01表!F16')).toBe(color('error'));
    expect(x.contents(SEED_SHEETS)).toEqual(contentsBefore);
    // On the user's sheets only fills and comments were written.
    const writes = x.log.slice(from).filter((c) => (c.kind === 'set' || c.member === 'AddComment' || c.member === 'Delete') && SEED_SHEETS.includes(c.sheet ?? ''));
    expect(new Set(writes.map((c) => `${c.type}.${c.member}`))).toEqual(new Set(['Interior.Pattern', 'Interior.Color', 'Interior.TintAndShade', 'Range.AddComment']));
    // The record holds every marked cell with its own fill before the mark.
    const rec = record(x);
    expect(rec.cells.map((c) => `${c.sheet}!${c.address}`).sort()).toEqual([...expected.keys()].sort());
    expect(rec.cells.find((c) => c.sheet === '公开01表' && c.address === 'F16')?.original).toEqual({
      pattern: 'Gray50',
      color: hexOfLong(USER_PATTERN.color!),
      tintAndShade: 0.4,
      patternColor: '#FF0000',
      patternTintAndShade: -0.25,
    });
    // Nothing left switched off or asked of the user.
    expect([x.screenUpdating, x.displayAlerts, x.dialogs, x.activeSheet?.name]).toEqual([true, true, 0, '公开01表']);
  });

  test('the marks are written a run at a time: a column of marks of one colour is one range', async () => {
    const x = seedFake();
    const s = x.addSheet('大表');
    for (let r = 0; r < 200; r++) x.cellAt(s, r, 0, true).value = r;
    const host = hostOf(x);
    const snap = await host.read();
    const findings = Array.from({ length: 200 }, (_, r) => plainFinding('T01', 'warning', { zh: `第 ${r + 1} 行`, en: `row ${r + 1}` }, [{ sheet: '大表', row: r, col: 0 }], ['大表']));
    const result: CheckResult = { mapping: checkWorkbook(snap.grid).mapping, findings, summary: summarize(findings) };
    await host.highlight(result, []);
    expect(x.count((c) => c.type === 'Interior' && c.member === 'Color' && c.kind === 'set' && c.sheet === '大表')).toBe(1);
    expect(changedFills(x, new Map()).size).toBe(200);
    const before = x.calls;
    await hostOf(x).clearHighlights();
    // Reading 200 marked fills: a run for the pattern, the colour and the tint; restoring: one range.
    expect(x.count((c) => c.type === 'Interior' && c.kind === 'get' && c.sheet === '大表')).toBeLessThanOrEqual(6);
    expect(x.calls - before).toBeLessThan(200 * 12);
    expect(x.fills()).toEqual(new Map());
  });

  test('the reasons go into a comment of each marked cell; a comment of the user’s stays as it is', async () => {
    const { x, host, result } = await prepared();
    x.addUserComment('公开01表', 'F34', '这是我自己的批注');
    await host.highlight(result, []);
    const comments = x.comments();
    const marked = [...expectedMarks(result.findings).keys()];
    for (const k of marked.filter((k) => k !== '公开01表!F34')) expect(comments.get(k)).toMatch(new RegExp(`^${NOTE_MARK}\\n【`));
    expect(comments.get('公开01表!F34')).toBe('这是我自己的批注');
    const f16 = comments.get('公开01表!F16')!;
    expect(f16.indexOf('【错误')).toBeLessThan(f16.indexOf('【尾数误差')); // most severe first
    await hostOf(x).clearHighlights();
    expect(x.comments()).toEqual(new Map([['公开01表!F34', '这是我自己的批注']]));
  });

  test('writes 检查结果: the counts on row 1, the header, one row per finding as text with one 单元格 link; prints landscape, one page wide; header frozen', async () => {
    const { x, host, result } = await prepared();
    await host.highlight(result, []);
    const row = (r: number) => Array.from({ length: 8 }, (_, c) => x.cell(RESULT_SHEET, cellA1(r, c)).value);
    const s = result.summary;
    expect(row(0)[0]).toBe(`检查结果：错误 ${s.error} 项，提示 ${s.warning} 项，尾数误差 ${s.rounding} 项。`);
    expect(row(RESULT_HEADER_ROW - 1)).toEqual(['级别', '规则', '表', '说明', '应为', '实为', '差额', '单元格']);
    result.findings.forEach((f, i) => {
      const r = RESULT_HEADER_ROW + i;
      expect(row(r).slice(0, 4)).toEqual([{ error: '错误', warning: '提示', rounding: '尾数误差' }[f.severity], f.rule, f.tables.join('、'), f.message]);
      expect(row(r).slice(4, 7)).toEqual([f.expected ?? '', f.actual ?? '', f.difference ?? '']);
      const cell = x.cell(RESULT_SHEET, cellA1(r, 7));
      const first = f.refs[0]!;
      expect(cell.hyperlink).toEqual({ address: '', subAddress: `'${first.sheet}'!${cellA1(first.row, first.col)}`, screenTip: expect.any(String), text: cellsText(f.refs) });
      expect(cell.value).toBe(cellsText(f.refs));
      expect(x.cell(RESULT_SHEET, `A${r + 1}`).fill.color).toBe(color(f.severity));
    });
    const ws = x.sheet(RESULT_SHEET);
    expect(ws.cells.flat().some((c) => c?.formula !== undefined)).toBe(false);
    expect(ws.pageSetup).toEqual({ Orientation: 2, Zoom: false, FitToPagesWide: 1, FitToPagesTall: false, PrintTitleRows: `$${RESULT_HEADER_ROW}:$${RESULT_HEADER_ROW}` });
    expect(ws.frozenRows).toBe(RESULT_HEADER_ROW);
    expect([...ws.columnFormats].filter(([, f]) => f.wrapText === true).map(([c]) => c)).toEqual([3, 7]);
    // The pane's check leaves the user on the sheet they were on.
    expect(x.activeSheet?.name).toBe('公开01表');
    // The add-in knows its sheet by a hidden name referring to it (it follows a rename).
    expect(x.names.find((n) => n.name === RESULT_NAME)).toMatchObject({ sheet: { name: RESULT_SHEET }, columns: true, visible: false });
  });

  test('检查结果 hidden by the user: rewritten where it is, left hidden, the user’s sheet still active', async () => {
    const { x, host, result } = await prepared();
    await host.highlight(result, []);
    x.sheet(RESULT_SHEET).visible = 0;
    const again = hostOf(x, { showResultSheet: true });
    await again.read();
    await again.highlight(result, []);
    expect([x.sheet(RESULT_SHEET).visible, x.activeSheet?.name, again.resultSheetShown]).toEqual([0, '公开01表', false]);
    expect(x.cell(RESULT_SHEET, 'A1').value).toMatch(/^检查结果：/);
  });

  test('the ribbon’s 一键检查 (showResultSheet) leaves 检查结果 showing', async () => {
    const { x, result } = await prepared();
    const ribbon = hostOf(x, { showResultSheet: true });
    await ribbon.read();
    await ribbon.highlight(result, []);
    expect(x.activeSheet?.name).toBe(RESULT_SHEET);
    expect(ribbon.resultSheetShown).toBe(true);
  });

  test('the names that track the marks are hidden (Names.Add with Visible False) and refer to the marked cells', async () => {
    const { x, host, result } = await prepared();
    x.defineName('用户的名称', '公开01表', 'A1');
    await host.highlight(result, []);
    const rec = record(x);
    const ours = x.names.filter((n) => n.name.startsWith(MARK_NAME_PREFIX));
    expect(ours.length).toBe(rec.cells.length);
    expect(ours.every((n) => !n.visible)).toBe(true);
    for (const c of rec.cells) {
      const n = ours.find((o) => o.name === c.name)!;
      expect(`${n.sheet.name}!${cellA1(n.area!.top, n.area!.left)}`).toBe(`${c.sheet}!${c.address}`);
    }
    await hostOf(x).clearHighlights();
    expect(x.names.map((n) => n.name)).toEqual(['用户的名称']);
  });

  test('clearHighlights() restores every fill exactly, deletes 检查结果, the names, the comments and the data sheet', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    const contentsBefore = x.contents(SEED_SHEETS);
    await host.highlight(result, []);
    expect(x.fills()).not.toEqual(fillsBefore);
    await hostOf(x).clearHighlights();
    expect(x.fills()).toEqual(fillsBefore);
    expect(x.fills().get('公开01表!F16')).toEqual({ ...NO_FILL, ...USER_PATTERN });
    expect(x.liveSheets().map((s) => s.name)).toEqual(SEED_SHEETS);
    expect([x.names, x.comments().size, x.dialogs]).toEqual([[], 0, 0]);
    expect(x.contents(SEED_SHEETS)).toEqual(contentsBefore);
    // Nothing left to clear: a few calls, nothing written.
    const calls = await callsOf(x, () => hostOf(x).clearHighlights());
    expect(calls).toBeLessThan(60);
  });

  test('after save, close and reopen: 清除标记 restores every fill exactly (the record is in the workbook)', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    await host.highlight(result, []);
    const reopened = x.reopen();
    expect(reopened.fills()).toEqual(x.fills());
    await hostOf(reopened).clearHighlights();
    expect(reopened.fills()).toEqual(fillsBefore);
    expect(reopened.liveSheets().map((s) => s.name)).toEqual(SEED_SHEETS);
    expect(reopened.comments().size).toBe(0);
  });

  test('the 忽略 and mapping saved in the data sheet survive 清除标记', async () => {
    const { x, host, result } = await prepared();
    await host.highlight(result, []);
    const state: SavedState = { overrides: {}, ignored: [findingKey(result.findings[0]!)] };
    await hostOf(x).saveState(state);
    await hostOf(x).clearHighlights();
    expect(x.liveSheets().map((s) => s.name)).toEqual([...SEED_SHEETS, DATA_SHEET]);
    expect((await hostOf(x.reopen()).read()).state).toEqual(state);
  });

  test('highlight twice (one finding ignored the second time), then clear: still exact; a cell marked again keeps its first original', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    await host.highlight(result, []);
    const error = result.findings.find((f) => f.severity === 'error')!;
    const ignored = [findingKey(error)];
    await host.highlight(result, ignored);
    expect(changedFills(x, fillsBefore)).toEqual(expectedMarks(result.findings, ignored));
    expect(record(x).cells.find((c) => c.address === 'F16' && c.sheet === '公开01表')?.original.pattern).toBe('Gray50');
    const other = hostOf(x);
    await other.read();
    await other.highlight(result, []);
    expect(changedFills(x, fillsBefore)).toEqual(expectedMarks(result.findings));
    expect(x.liveSheets().filter((s) => s.name.startsWith(RESULT_SHEET))).toHaveLength(1);
    await hostOf(x).clearHighlights();
    expect(x.fills()).toEqual(fillsBefore);
  });

  test('ignored findings are neither coloured nor listed', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    const c05 = result.findings.find((f) => f.rule === 'C05')!;
    await host.highlight(result, [findingKey(c05)]);
    expect(changedFills(x, fillsBefore)).toEqual(expectedMarks(result.findings, [findingKey(c05)]));
    const listed = x.contents([RESULT_SHEET])[RESULT_SHEET]!;
    expect(Object.values(listed).some((c) => c.value === 'C05')).toBe(false);
    expect(String(listed.A1?.value)).toContain('另有 1 项已忽略');
  });

  test('cells outside the used range, merged areas, protected sheets, gradients, text starting with "="', async () => {
    const x = seedFake();
    x.setFill('公开02表', 'C7', { pattern: 4000, color: rgb(91, 155, 213) });
    x.sheet('公开03表').protectContents = true;
    const host = hostOf(x);
    const snap = await host.read();
    const at = (sheet: string, a1: string): CellRef => {
      const r = parseRangeA1(a1)!;
      return { sheet, row: r.top, col: r.left };
    };
    const findings: Finding[] = [
      plainFinding('T01', 'error', { zh: '=1+1 不是公式', en: '=1+1 is not a formula' }, [at('公开01表', 'Z200')], ['公开01表']),
      plainFinding('T02', 'warning', { zh: '合并区域中的单元格', en: 'a cell in a merged area' }, [at('公开01表', 'C1')], ['公开01表']),
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
        ['公开01表!A1', color('warning')], // the merged area's first cell, the one WPS shows
      ]),
    );
    const listed = x.contents([RESULT_SHEET])[RESULT_SHEET]!;
    expect(listed[`D${RESULT_HEADER_ROW + 1}`]).toEqual({ value: '=1+1 不是公式', numberFormat: '@' });
    expect(Object.values(listed).filter((c) => /^T0\d$/.test(String(c.value)))).toHaveLength(5);
    await hostOf(x).clearHighlights();
    expect(x.fills()).toEqual(fillsBefore);
  });

  test('a user who re-fills a marked cell keeps that fill: clear leaves it alone', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    await host.highlight(result, []);
    x.setFill('公开01表', 'F18', USER_SOLID);
    x.setFill('公开04表', 'C7', { pattern: 1, color: color('error'), tint: 0.5 }); // the mark's colour, lighter: not the mark
    await hostOf(x).clearHighlights();
    const expected = new Map(fillsBefore);
    expected.set('公开01表!F18', { ...NO_FILL, ...USER_SOLID });
    expected.set('公开04表!C7', { ...NO_FILL, pattern: 1, color: color('error'), tint: 0.5 });
    expect(x.fills()).toEqual(expected);
  });

  test('rows and columns inserted and deleted after marking, then clear (after reopening): every cell gets its own fill back where it is now', async () => {
    const { x, host, result } = await prepared();
    await host.highlight(result, []);
    const edit = (w: FakeEt) => {
      w.insertRows('公开01表', 10); // between F8 and F15/F16 (F16 has the user's own fill)
      w.insertRows('公开01表', 1, 2);
      w.insertColumns('公开04表', 'B');
      w.deleteRows('公开06表', 8);
      w.renameSheet('公开02表', '收入表');
    };
    edit(x);
    const control = preparedFake();
    edit(control);
    const y = x.reopen();
    await hostOf(y).clearHighlights();
    expect(y.fills()).toEqual(control.fills());
    expect(y.fills().get('公开01表!F19')).toEqual({ ...NO_FILL, ...USER_PATTERN });
    expect(y.names).toEqual([]);
  });

  test('without the names (deleted by the user): clear restores only cells still showing their mark at the recorded address', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    await host.highlight(result, []);
    x.names.splice(0, x.names.length, ...x.names.filter((n) => !n.name.startsWith(MARK_NAME_PREFIX)));
    x.setFill('公开01表', 'F18', USER_SOLID);
    await hostOf(x).clearHighlights();
    const expected = new Map(fillsBefore);
    expected.set('公开01表!F18', { ...NO_FILL, ...USER_SOLID });
    expect(x.fills()).toEqual(expected);
  });

  test('a workbook whose structure is protected, never checked before: nothing is marked and the check says why', async () => {
    const { x, result } = await prepared();
    x.structureProtected = true;
    const fillsBefore = x.fills();
    const host = hostOf(x);
    await host.read();
    await expect(host.highlight(result, [])).rejects.toThrow(STRUCTURE_PROTECTED_MESSAGE);
    expect(x.fills()).toEqual(fillsBefore);
    expect(x.liveSheets().map((s) => s.name)).toEqual(SEED_SHEETS);
  });

  test('structure protected after an earlier check: marks without names, the existing 检查结果 rewritten; clear exact', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    await host.highlight(result, []);
    await hostOf(x).clearHighlights();
    await hostOf(x).saveState({ overrides: {}, ignored: ['x'] }); // the data sheet stays
    x.structureProtected = true;
    const h = hostOf(x);
    await h.read();
    await h.highlight(result, []);
    expect(changedFills(x, fillsBefore)).toEqual(expectedMarks(result.findings));
    expect(x.names).toEqual([]);
    expect(h.resultSheetShown).toBe(false);
    await hostOf(x).clearHighlights();
    expect(x.fills()).toEqual(fillsBefore);
  });

  test('a user sheet called 检查结果 is never written or deleted: the add-in’s is 检查结果(2); renamed, it is still the add-in’s', async () => {
    const x = preparedFake();
    const mine = x.addSheet(RESULT_SHEET);
    x.cellAt(mine, 0, 0, true).value = '我自己的检查记录';
    const before = x.contents([RESULT_SHEET]);
    const host = hostOf(x);
    const grid = (await host.read()).grid;
    expect(grid.sheets.map((s) => s.name)).toEqual([...SEED_SHEETS, RESULT_SHEET]);
    const result = checkWorkbook(grid);
    await host.highlight(result, []);
    const ours = `${RESULT_SHEET}(2)`;
    expect(x.cell(ours, 'A1').value).toMatch(/^检查结果：/);
    expect(x.contents([RESULT_SHEET])).toEqual(before);
    x.renameSheet(ours, '结果');
    const again = hostOf(x);
    expect((await again.read()).grid.sheets.map((s) => s.name)).toEqual([...SEED_SHEETS, RESULT_SHEET]);
    await again.highlight(result, []);
    expect(x.liveSheets().map((s) => s.name)).toEqual([...SEED_SHEETS, RESULT_SHEET, DATA_SHEET, '结果']);
    await hostOf(x).clearHighlights();
    expect(x.liveSheets().map((s) => s.name)).toEqual([...SEED_SHEETS, RESULT_SHEET]);
    expect(x.contents([RESULT_SHEET])).toEqual(before);
  });

  test('a run that stops half way leaves every changed cell in the record; the next clear is exact', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    x.sheet('公开06表').protectContents = true; // after the read: the host still thinks it may format 公开06表
    await expect(host.highlight(result, [])).rejects.toThrow(/protected/);
    expect(changedFills(x, fillsBefore).size).toBeGreaterThan(0);
    expect([x.screenUpdating, x.activeSheet?.name]).toEqual([true, '公开01表']);
    x.sheet('公开06表').protectContents = false;
    await hostOf(x).clearHighlights();
    expect(x.fills()).toEqual(fillsBefore);
  });

  test('clearing while a marked sheet is protected: its cells stay recorded for a later clear', async () => {
    const { x, host, result } = await prepared();
    const fillsBefore = x.fills();
    await host.highlight(result, []);
    x.sheet('公开06表').protectContents = true;
    await hostOf(x).clearHighlights();
    const left = changedFills(x, fillsBefore);
    expect(left.size).toBeGreaterThan(0);
    expect([...left.keys()].every((k) => k.startsWith('公开06表!'))).toBe(true);
    expect(record(x).cells.map((c) => `${c.sheet}!${c.address}`).sort()).toEqual([...left.keys()].sort());
    x.sheet('公开06表').protectContents = false;
    await hostOf(x).clearHighlights();
    expect(x.fills()).toEqual(fillsBefore);
  });
});

describe('the same marks and the same 检查结果 as the Excel host, for the same workbook', () => {
  test('seed 000 with an error and a user fill: the same cells in the same colours, the same rows listed', async () => {
    const spec: WorkbookSpec = seed000Spec();
    const e = FakeExcel.fromSpec(spec, { apiVersion: '1.13' });
    const w = FakeEt.fromSpec(spec);
    for (const [sheet, a1] of [['公开01表', 'F8']] as const) {
      const p = parseRangeA1(a1)!;
      e.cellAt(e.sheet(sheet), p.top, p.left, true).value = (e.cell(sheet, a1).value as number) + 1;
      w.cellAt(w.sheet(sheet), p.top, p.left, true).value = (w.cell(sheet, a1).value as number) + 1;
    }
    const excel = new OfficeHost(e.run, { isSetSupported: e.isSetSupported });
    const wps = hostOf(w);
    const re = checkWorkbook((await excel.read()).grid);
    const rw = checkWorkbook((await wps.read()).grid);
    expect(ruleCells(rw)).toEqual(ruleCells(re));
    await excel.highlight(re, []);
    await wps.highlight(rw, []);
    const excelMarks = new Map([...e.fills()].filter(([k]) => !k.startsWith(RESULT_SHEET)).map(([k, f]) => [k, f.color.toUpperCase()]));
    const wpsMarks = new Map([...w.fills()].filter(([k]) => !k.startsWith(RESULT_SHEET)).map(([k, f]) => [k, hexOfLong(f.color)]));
    expect(wpsMarks).toEqual(excelMarks);
    const listed = (c: Record<string, { value: unknown }>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.value]));
    expect(listed(w.contents([RESULT_SHEET])[RESULT_SHEET]!)).toEqual(listed(e.contents([RESULT_SHEET])[RESULT_SHEET]!));
  });
});

describe('select() and selection()', () => {
  test('a finding of several cells: its sheet activated, the range holding them selected; selection() gives sheet and address', async () => {
    const x = seedFake();
    const host = hostOf(x);
    await host.select([
      { sheet: '公开04表', row: 6, col: 5 },
      { sheet: '公开04表', row: 8, col: 2 },
      { sheet: '公开01表', row: 7, col: 5 },
    ]);
    expect(x.activeSheet?.name).toBe('公开04表');
    expect(x.selection).toMatchObject({ area: parseRangeA1('C7:F9') });
    expect(await host.selection()).toEqual({ sheet: '公开04表', range: 'C7:F9' });
    x.selection = 'shape';
    expect(await host.selection()).toBeUndefined();
    x.selection = undefined;
    expect(await host.selection()).toBeUndefined();
  });
});

describe('writeNarrative(): the draft goes to a 情况说明 sheet', () => {
  const grid = seed000Grid();
  const narrative = workbookNarrative(grid, mapWorkbook(grid));
  const lines = narrativeLines(narrative);

  test('one paragraph per row, as text, headings bold, rows to fill highlighted; an earlier 情况说明 kept as 情况说明(上一稿)', async () => {
    const spec = seed000Spec();
    spec.sheets.push({ name: '情况说明', rows: [['我自己写的说明']], merges: [] });
    const x = FakeEt.fromSpec(spec);
    const before = x.contents(SEED_SHEETS);
    expect(await hostOf(x).writeNarrative(narrative)).toBe('情况说明');
    expect(x.contents(SEED_SHEETS)).toEqual(before);
    expect(x.cell('情况说明(上一稿)', 'A1').value).toBe('我自己写的说明');
    lines.forEach((l, i) => {
      const cell = x.cell('情况说明', `A${i + 1}`);
      expect(cell.value).toBe(l.text);
      expect(cell.numberFormat).toBe('@');
      expect(Boolean(cell.font?.bold)).toBe(l.bold);
      expect(cell.fill.color === longOfHex('#FFF2CC')).toBe(l.toFill);
    });
    expect(x.activeSheet?.name).toBe('情况说明');
  });

  test('a protected workbook structure: a sentence, nothing half-written', async () => {
    const x = seedFake();
    x.structureProtected = true;
    await expect(hostOf(x).writeNarrative(narrative)).rejects.toThrow(/结构受保护/);
    expect(x.liveSheets().map((s) => s.name)).toEqual(SEED_SHEETS);
  });
});

describe('pieces', () => {
  test('colours: RGB long ↔ #RRGGBB; patterns by name and back', () => {
    expect(longOfHex('#FFC7CE')).toBe(rgb(0xff, 0xc7, 0xce));
    expect(hexOfLong(rgb(0xff, 0xc7, 0xce))).toBe('#FFC7CE');
    expect([patternName(-4142), patternName(1), patternName(-4125), patternName(99)]).toEqual(['None', 'Solid', 'Gray50', 'xl:99']);
    expect([patternNumber('Gray50'), patternNumber('xl:99'), patternNumber('Nope')]).toEqual([-4125, 99, undefined]);
  });

  test('addresses as Address() gives them; a name’s sheet', () => {
    expect(areaOfAddress('$B$3:$H$40')).toEqual({ top: 2, left: 1, bottom: 39, right: 7 });
    expect(areaOfAddress('$C$7')).toEqual({ top: 6, left: 2, bottom: 6, right: 2 });
    expect(referredSheet("='O''Brien 表'!$A:$A")).toBe("O'Brien 表");
    expect(referredSheet('=检查结果!$A:$A')).toBe('检查结果');
    expect(referredSheet('=#REF!$A:$A')).toBeUndefined();
  });

  test('uniform reads: a run that agrees is one question; one that differs at its top two; otherwise halves', () => {
    const formats = ['General', ...Array.from({ length: 30 }, () => '#,##0.00')];
    const asked: string[] = [];
    const got = resolveUniform(columnRuns(formats.map((_, row) => ({ row, col: 2 }))), (r) => {
      asked.push(`${r.top}-${r.bottom}`);
      const set = new Set(formats.slice(r.top, r.bottom + 1));
      return set.size === 1 ? [...set][0] : null;
    });
    expect(asked).toEqual(['0-30', '1-30', '0-0']);
    expect(got.get(rcKey(0, 2))).toBe('General');
    expect(got.get(rcKey(30, 2))).toBe('#,##0.00');
  });
});
