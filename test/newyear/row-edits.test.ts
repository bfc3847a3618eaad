/**
 * 增删科目 (issue 11 item 4): the edits of src/core/newyear/row-edits.ts,
 * applied to a 新年度 workbook calculated by HyperFormula as Excel applies
 * them (./helpers/edit-book.ts), keep every total right: a 科目 added first,
 * in the middle, last, under a new 类 or 款 (national), typed in, is in the
 * list's 合计, in 公开01表's 类 and in 公开04表; 删除空行 leaves every total as
 * it was and one spare row. A workbook typed by hand gets the row in its place.
 */
import { checkWorkbook } from '../../src/core/check';
import type { WorkbookGrid } from '../../src/core/grid/grid';
import { mapWorkbook } from '../../src/core/mapping/detect';
import type { Mapping } from '../../src/core/mapping/types';
import { newYearPlan } from '../../src/core/newyear/build';
import { carryOver } from '../../src/core/newyear/carry-over';
import { LIST_ROLES, addItemEdit, blankRowsEdits, listTables, rangesAfterEdits } from '../../src/core/newyear/row-edits';
import { readTables } from '../../src/core/rules/table-values';
import type { ProfileId, TableRole } from '../../src/core/templates/types';
import { seed000Grid, variantGrid, variants } from '../fixtures';
import { EditBook } from '../helpers/edit-book';

const variantNamed = (name: string) => variantGrid(variants().find((v) => v.name === name)!);
const LAST_YEAR: Record<ProfileId, () => WorkbookGrid> = { 'hunan-2024': seed000Grid, 'national-2024': () => variantNamed('national') };
const FEN = 1_000_000; // 分 per 万元

/** Next year's workbook typed in with last year's leaves (the accountant's figures). */
function filledBook(profile: ProfileId): EditBook {
  const lastYear = LAST_YEAR[profile]();
  const tables = readTables(lastYear, mapWorkbook(lastYear));
  const plan = newYearPlan({ year: 2025, profile, from: carryOver(lastYear) });
  return EditBook.fromPlan(plan, (cell) => {
    if (!cell.slot) return undefined;
    const f = tables.get(cell.slot.table)?.get(cell.slot.row, cell.slot.col);
    return f && !f.empty && f.invalidText === undefined ? f.figure.fen / FEN : undefined;
  });
}

/** A figure of the workbook as the checker reads it, in 分 (0 when blank or absent). */
function figure(grid: WorkbookGrid, mapping: Mapping, role: TableRole, row: string, col: string): number {
  const f = readTables(grid, mapping).get(role)?.get(row, col);
  return f && !f.empty ? f.figure.fen : 0;
}

/** No formula of the sheets gives an error (#REF!, a circular reference …); text and blanks are some formulas' results. */
function formulaErrors(book: EditBook, sheets: readonly string[]): string[] {
  const out: string[] = [];
  const grid = book.grid();
  for (const s of grid.sheets.filter((x) => sheets.includes(x.name))) {
    for (let r = 0; r < s.rowCount; r++) {
      for (let c = 0; c < s.colCount; c++) {
        const cell = s.cell(r, c);
        if (cell?.formula !== undefined && typeof cell.value === 'string' && cell.value.startsWith('#')) out.push(`${s.name}!${r + 1},${c + 1} = ${String(cell.value)} (${cell.formula})`);
      }
    }
  }
  return out;
}

/** Each 类 and 款 row of a list equals the sum of its 项, in every amount column. */
function subtotalsAgree(grid: WorkbookGrid, mapping: Mapping, tableId: string): string[] {
  const t = mapping.tables[tableId]!;
  const values = readTables(grid, mapping).get(t.role)!;
  const out: string[] = [];
  for (const sub of t.items.filter((i) => i.code.length < 7)) {
    for (const col of t.columns) {
      const own = values.get(`code:${sub.code}`, col.key);
      const sum = t.items.filter((i) => i.code.length === 7 && i.code.startsWith(sub.code)).reduce((a, i) => a + (values.get(`code:${i.code}`, col.key)?.figure.fen ?? 0), 0);
      if ((own && !own.empty ? own.figure.fen : 0) !== sum) out.push(`${tableId} ${sub.code} ${col.key}: ${own?.figure.fen} ≠ ${sum}`);
    }
  }
  return out;
}

/** The checker finds no error in the workbook. */
function errorsOf(grid: WorkbookGrid): string[] {
  return checkWorkbook(grid)
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.rule} ${f.cells.join(',')} ${f.message}`);
}

/** Adds the 科目 to 公开02表, 03表 and 05表, types in 12.50 of 财政拨款 spent on projects and 10.00 of 事业收入 on basic spending, and says what moved. */
function addAndType(book: EditBook, code: string, name: string) {
  const before = book.grid();
  const m0 = mapWorkbook(before);
  const cls = `cls:${code.slice(0, 3)}`;
  const totals = (g: WorkbookGrid, m: Mapping) => ({
    income: figure(g, m, 'income', 'total', '本年收入合计'),
    summaryIncome: figure(g, m, 'summary', '本年收入合计', '金额'),
    closing: figure(g, m, 'summary', '年末结转和结余', '金额'),
    expense: figure(g, m, 'expense', 'total', '本年支出合计'),
    expenseBasic: figure(g, m, 'expense', 'total', '基本支出'),
    summaryClass: figure(g, m, 'summary', cls, '金额'),
    summaryTotal: figure(g, m, 'summary', '本年支出合计', '金额'),
    gpb: figure(g, m, 'gpbExpense', 'total', '合计'),
    fiscalClass: figure(g, m, 'fiscalSummary', cls, '一般公共预算财政拨款'),
    fiscalTotal: figure(g, m, 'fiscalSummary', '本年支出合计', '合计'),
  });
  const was = totals(before, m0);
  const results = [];
  for (const table of ['公开02表', '公开03表', '公开05表']) {
    const grid = book.grid();
    const r = addItemEdit(grid, mapWorkbook(grid), table, code, name);
    if (!r.ok) throw new Error(r.error);
    book.apply(r.edits);
    const t = mapWorkbook(book.grid()).tables[table]!;
    const col = (key: string) => t.columns.find((c) => c.key === key)!.col;
    // What balances: 12.50 of 财政拨款 and 10.00 of 事业收入 come in (02) and go out as 项目支出 (03, 05) and
    // 基本支出 (03 only: 05's 基本支出 must stay 06's 人员经费 + 公用经费).
    if (table === '公开02表') {
      book.set(r.sheet, r.row, col('财政拨款收入'), 12.5);
      book.set(r.sheet, r.row, col('事业收入'), 10);
    } else {
      if (table === '公开03表') book.set(r.sheet, r.row, col('基本支出'), 10);
      book.set(r.sheet, r.row, col('项目支出'), 12.5);
    }
    results.push(r);
  }
  const after = book.grid();
  const m1 = mapWorkbook(after);
  return { was, now: totals(after, m1), grid: after, mapping: m1, results, codesBefore: (id: string) => m0.tables[id]!.items.map((i) => i.code) };
}

const PLUS = 12.5 * FEN;

describe.each<[ProfileId, string, string, string, readonly string[]]>([
  ['hunan-2024', 'first', '2010101', '行政运行', []],
  ['hunan-2024', 'in the middle', '2080506', '机关事业单位职业年金缴费支出', []],
  ['hunan-2024', 'last', '2240101', '行政运行', []],
  ['hunan-2024', 'under a 类 the list has not', '2130101', '行政运行', []],
  ['national-2024', 'in the middle', '2010350', '信访事务', []],
  ['national-2024', 'last', '2210203', '购房补贴', []],
  ['national-2024', 'under a new 款', '2010101', '行政运行', ['20101']],
  ['national-2024', 'under a new 类', '2130101', '行政运行', ['213', '21301']],
])('%s: a 科目 added %s (%s)', (profile, _where, code, name, levels) => {
  let made: ReturnType<typeof addAndType>;
  let book: EditBook;
  beforeAll(() => {
    book = filledBook(profile);
    made = addAndType(book, code, name);
  });

  test('goes in code order, with its 类 and 款 when the list has none', () => {
    for (const id of ['公开02表', '公开03表', '公开05表']) {
      const now = made.mapping.tables[id]!.items.map((i) => i.code);
      expect(now).toEqual([...made.codesBefore(id), ...levels, code].sort());
      expect(now).toEqual([...now].sort());
    }
    expect(made.results.map((r) => r.added)).toEqual([levels, levels, levels]);
    expect(made.results.every((r) => r.formulas && !r.checkTotals)).toBe(true);
  });

  test('typed in, it is in the 合计 of 02, 03 and 05, in 01’s 类 and totals, in 04’s 类 and total; the balance is what it was', () => {
    expect(made.now.income - made.was.income).toBe(PLUS + 10 * FEN);
    expect(made.now.summaryIncome - made.was.summaryIncome).toBe(PLUS + 10 * FEN);
    expect(made.now.closing).toBe(made.was.closing);
    expect(made.now.expense - made.was.expense).toBe(PLUS + 10 * FEN);
    expect(made.now.expenseBasic - made.was.expenseBasic).toBe(10 * FEN);
    expect(made.now.summaryClass - made.was.summaryClass).toBe(PLUS + 10 * FEN);
    expect(made.now.summaryTotal - made.was.summaryTotal).toBe(PLUS + 10 * FEN);
    expect(made.now.gpb - made.was.gpb).toBe(PLUS);
    expect(made.now.fiscalClass - made.was.fiscalClass).toBe(PLUS);
    expect(made.now.fiscalTotal - made.was.fiscalTotal).toBe(PLUS);
  });

  test('its row formulas are its own, every 类 and 款 sums its 项, no formula fails, the checker finds no error', () => {
    const t = made.mapping.tables['公开03表']!;
    const row = t.items.find((i) => i.code === code)!.row;
    const col = (key: string) => t.columns.find((c) => c.key === key)!.col;
    expect(book.value(t.sheet, row, col('本年支出合计'))).toBe(22.5);
    for (const id of ['公开02表', '公开03表', '公开05表']) expect(subtotalsAgree(made.grid, made.mapping, id)).toEqual([]);
    expect(formulaErrors(book, made.grid.sheets.map((s) => s.name))).toEqual([]);
    expect(errorsOf(made.grid)).toEqual([]);
  });
});

describe('a 科目 in an empty list, and one before the first (政府性基金 table)', () => {
  test.each<[ProfileId, string, readonly string[], readonly string[]]>([
    ['hunan-2024', '公开07表', [], []],
    ['national-2024', '公开08表', ['229', '22960'], ['212', '21208']],
  ])('%s %s', (profile, table, firstLevels, secondLevels) => {
    const book = filledBook(profile);
    const col = (grid: WorkbookGrid, key: string) => mapWorkbook(grid).tables[table]!.columns.find((c) => c.key === key)!.col;
    const fund = (g: WorkbookGrid, cls: string) => figure(g, mapWorkbook(g), 'fiscalSummary', `cls:${cls}`, '政府性基金预算财政拨款');
    expect(mapWorkbook(book.grid()).tables[table]!.items).toEqual([]);
    const steps: Array<[string, string, readonly string[], number]> = [
      ['2296002', '用于社会福利的彩票公益金支出', firstLevels, 3],
      ['2120801', '征地和拆迁补偿支出', secondLevels, 4],
    ];
    for (const [code, name, levels, amount] of steps) {
      const grid = book.grid();
      const before = fund(grid, code.slice(0, 3));
      const r = addItemEdit(grid, mapWorkbook(grid), table, code, name);
      if (!r.ok) throw new Error(r.error);
      expect(r.added).toEqual(levels);
      book.apply(r.edits);
      book.set(r.sheet, r.row, col(book.grid(), '项目支出'), amount);
      const after = book.grid();
      expect(fund(after, code.slice(0, 3)) - before).toBe(amount * FEN);
      const m = mapWorkbook(after);
      expect(figure(after, m, 'fund', 'total', '合计')).toBe(steps.slice(0, steps.findIndex((s) => s[0] === code) + 1).reduce((a, s) => a + s[3] * FEN, 0));
      expect(subtotalsAgree(after, m, table)).toEqual([]);
    }
    const m = mapWorkbook(book.grid());
    expect(m.tables[table]!.items.map((i) => i.code)).toEqual([...secondLevels, '2120801', ...firstLevels, '2296002']);
    expect(formulaErrors(book, [m.tables[table]!.sheet, m.tables['公开04表']!.sheet])).toEqual([]);
    // 年末 = 年初 + 收入 − 支出 on the new rows too (the row formula moved to them).
    const t = m.tables[table]!;
    const row = t.items.find((i) => i.code === '2120801')!.row;
    expect(book.value(t.sheet, row, t.columns.find((c) => c.key === '年末结转和结余')!.col)).toBe(-4);
  });
});

describe('where the list gives no help', () => {
  test('no spare row left (deleted by hand): the 科目 goes below the last, and the spans over the list are widened to it', () => {
    const book = filledBook('hunan-2024');
    const t = mapWorkbook(book.grid()).tables['公开03表']!;
    book.deleteRows(t.sheet, Math.max(...t.items.map((i) => i.row)) + 1, 1);
    const grid = book.grid();
    const m = mapWorkbook(grid);
    const was = figure(grid, m, 'summary', 'cls:224', '金额');
    const r = addItemEdit(grid, m, '公开03表', '2240101', '行政运行');
    if (!r.ok) throw new Error(r.error);
    expect(r.row).toBe(Math.max(...t.items.map((i) => i.row)) + 1);
    // The 合计 on the sheet and 公开01表's 类 on another sheet are rewritten.
    expect(r.edits.map((e) => e.sheet)).toEqual(['公开03表', '公开01表']);
    expect(r.checkTotals).toBe(false);
    book.apply(r.edits);
    const col = mapWorkbook(book.grid()).tables['公开03表']!.columns.find((c) => c.key === '项目支出')!.col;
    book.set(r.sheet, r.row, col, 7);
    const after = book.grid();
    const m1 = mapWorkbook(after);
    expect(figure(after, m1, 'summary', 'cls:224', '金额') - was).toBe(7 * FEN);
    expect(figure(after, m1, 'expense', 'total', '本年支出合计') - figure(grid, m, 'expense', 'total', '本年支出合计')).toBe(7 * FEN);
  });

  test('a 款 the project has no name for: added without a name, said so, its sums right', () => {
    const book = filledBook('national-2024');
    const grid = book.grid();
    const r = addItemEdit(grid, mapWorkbook(grid), '公开03表', '2012501', '行政运行');
    if (!r.ok) throw new Error(r.error);
    expect(r.added).toEqual(['20125']);
    expect(r.unnamed).toEqual(['20125']);
    book.apply(r.edits);
    const m = mapWorkbook(book.grid());
    const t = m.tables['公开03表']!;
    const kuan = t.items.find((i) => i.code === '20125')!;
    expect(kuan.name).toBe('');
    book.set(t.sheet, r.row, t.columns.find((c) => c.key === '基本支出')!.col, 3);
    expect(subtotalsAgree(book.grid(), m, '公开03表')).toEqual([]);
    expect(readTables(book.grid(), m).get('expense')!.get('code:20125', '本年支出合计')?.figure.fen).toBe(3 * FEN);
  });
});

describe('删除空行', () => {
  /** Blank rows an accountant left: inserted among the 科目 and above the spare row. */
  function withBlankRows(profile: ProfileId): EditBook {
    const book = filledBook(profile);
    for (const id of ['公开02表', '公开03表', '公开05表']) {
      const t = mapWorkbook(book.grid()).tables[id]!;
      const items = t.items.filter((i) => i.code.length === 7);
      const spare = Math.max(...t.items.map((i) => i.row)) + 1;
      // Bottom up, so that the rows named are still where they were.
      book.insertRows(t.sheet, spare, 2);
      book.insertRows(t.sheet, items[3]!.row, 1);
      book.insertRows(t.sheet, items[1]!.row, 2);
    }
    return book;
  }

  test.each<ProfileId>(['hunan-2024', 'national-2024'])('%s: the blank rows go, one spare row stays at the end of each list, every total is what it was', (profile) => {
    const book = withBlankRows(profile);
    const grid = book.grid();
    const m = mapWorkbook(grid);
    const totals = (g: WorkbookGrid, mm: Mapping) =>
      [
        figure(g, mm, 'summary', '本年支出合计', '金额'),
        figure(g, mm, 'summary', '收入总计', '金额'),
        figure(g, mm, 'summary', 'cls:208', '金额'),
        figure(g, mm, 'income', 'total', '本年收入合计'),
        figure(g, mm, 'expense', 'total', '本年支出合计'),
        figure(g, mm, 'gpbExpense', 'total', '合计'),
        figure(g, mm, 'fiscalSummary', '本年支出合计', '合计'),
        figure(g, mm, 'fiscalSummary', 'cls:221', '一般公共预算财政拨款'),
      ];
    const was = totals(grid, m);
    expect(was.every((x) => x > 0)).toBe(true);
    const r = blankRowsEdits(grid, m);
    if (!r.ok) throw new Error(r.error);
    expect(r.removed.map((x) => [x.table, x.rows.length])).toEqual([
      ['公开02表', 5],
      ['公开03表', 5],
      ['公开05表', 5],
    ]);
    book.apply(r.edits);
    const after = book.grid();
    const m1 = mapWorkbook(after);
    expect(totals(after, m1)).toEqual(was);
    for (const t of Object.values(m1.tables).filter((x) => LIST_ROLES.includes(x.role))) {
      const sheet = after.sheets.find((s) => s.name === t.sheet)!;
      const rows = t.items.map((i) => i.row);
      // The 科目 follow one another, then one blank row (two in a list with no 科目), then the 合计 or the notes.
      if (rows.length > 0) expect(rows).toEqual(rows.map((_, i) => rows[0]! + i));
      const spare = rows.length > 0 ? Math.max(...rows) + 1 : t.totals[0]!.row + 1;
      const spares = rows.length > 0 ? 1 : 2;
      const blank = (row: number) => Array.from({ length: sheet.colCount }, (_, c) => sheet.cell(row, c)).every((c) => !c || c.value === null || c.value === 0 || c.value === '');
      for (let k = 0; k < spares; k++) expect(blank(spare + k)).toBe(true);
      expect(blank(spare + spares)).toBe(false);
    }
    expect(formulaErrors(book, after.sheets.map((s) => s.name))).toEqual([]);
    // Nothing left to remove.
    const again = blankRowsEdits(after, m1);
    expect(again.ok && again.edits).toEqual([]);
  });

  test('a blank row that a formula elsewhere reads by itself is kept (deleting it would leave #REF!)', () => {
    const book = withBlankRows('hunan-2024');
    const t = mapWorkbook(book.grid()).tables['公开03表']!;
    const blank = t.items[1]!.row - 1; // the second of the two rows inserted above the second 项
    book.set('说明数据', 0, 5, `=公开03表!D${blank + 1}`);
    const r = blankRowsEdits(book.grid(), mapWorkbook(book.grid()));
    if (!r.ok) throw new Error(r.error);
    const removed = r.removed.find((x) => x.table === '公开03表')!.rows;
    expect(removed).not.toContain(blank);
    expect(removed).toHaveLength(4);
  });

  test('a workbook typed by hand with blank rows among its 科目: they go, its typed totals stay', () => {
    const grid = variantNamed('no-titles-zero-blanks');
    const m = mapWorkbook(grid);
    const r = blankRowsEdits(grid, m);
    if (!r.ok) throw new Error(r.error);
    expect(r.removed.length).toBeGreaterThan(0);
    const book = EditBook.fromGrid(grid);
    book.apply(r.edits);
    const after = book.grid();
    const m1 = mapWorkbook(after);
    for (const id of r.removed.map((x) => x.table)) {
      const rows = m1.tables[id]!.items.map((i) => i.row);
      expect(rows).toEqual(rows.map((_, i) => rows[0]! + i));
      expect(m1.tables[id]!.items.map((i) => i.code)).toEqual(m.tables[id]!.items.map((i) => i.code));
    }
    expect(figure(after, m1, 'expense', 'total', '本年支出合计')).toBe(figure(grid, m, 'expense', 'total', '本年支出合计'));
  });
});

describe('a workbook typed by hand (no formulas)', () => {
  test.each<[string, number]>([
    ['2080506', 3],
    ['2010101', 0],
  ])('%s goes in its place; the figures around it stay; the new row gets no formula', (code, index) => {
    const grid = seed000Grid();
    const m = mapWorkbook(grid);
    const r = addItemEdit(grid, m, '公开03表', code, '新科目');
    if (!r.ok) throw new Error(r.error);
    expect(r.formulas).toBe(false);
    const book = EditBook.fromGrid(grid);
    book.apply(r.edits);
    const after = book.grid();
    const m1 = mapWorkbook(after);
    const before = m.tables['公开03表']!.items;
    const now = m1.tables['公开03表']!.items;
    expect(now.map((i) => i.code)).toEqual([...before.slice(0, index).map((i) => i.code), code, ...before.slice(index).map((i) => i.code)]);
    expect(now[index]!.name).toBe('新科目');
    expect(now[index]!.row).toBe(r.row);
    // The new row is blank but for its code and name; every 科目 keeps its figures.
    const t = m1.tables['公开03表']!;
    const sheet = after.sheets.find((s) => s.name === t.sheet)!;
    for (const c of t.columns) expect(sheet.cell(r.row, c.col)?.value ?? null).toBeNull();
    const v0 = readTables(grid, m).get('expense')!;
    const v1 = readTables(after, m1).get('expense')!;
    for (const it of before) for (const c of t.columns) expect([it.code, c.key, v1.get(`code:${it.code}`, c.key)?.figure.fen]).toEqual([it.code, c.key, v0.get(`code:${it.code}`, c.key)?.figure.fen]);
  });
});

describe('what 添加科目 refuses, in Chinese', () => {
  const grid = seed000Grid();
  const m = mapWorkbook(grid);
  test.each<[string, string, string, RegExp]>([
    ['公开03表', '2010301', '行政运行', /^科目 2010301 已在公开03表第 9 行/],
    ['公开03表', '20103', '行政运行', /^编码应为 7 位数字/],
    ['公开03表', '2990101', '某某', /前三位 299 不是支出功能分类的类/],
    ['公开03表', '2010399', ' ', /^请填写科目名称/],
    ['公开06表', '2010399', '其他', /不是功能分类科目表/],
    ['公开10表', '2010399', '其他', /没有找到公开10表/],
  ])('%s %s %s', (table, code, name, message) => {
    const r = addItemEdit(grid, m, table, code, name);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(message);
  });

  test('codes written in 类 | 款 | 项 columns: insert by hand', () => {
    const split = variantNamed('national-split-codes');
    const r = addItemEdit(split, mapWorkbook(split), '公开03表', '2010399', '其他政府办公厅（室）及相关机构事务支出');
    expect(!r.ok && r.error).toBe('此表的科目编码分列填写（类/款/项），请手工插入行。');
  });

  test('the lists a 科目 can be added to', () => {
    expect(listTables(m).map((t) => t.id)).toEqual(['公开02表', '公开03表', '公开05表', '公开07表', '公开08表']);
  });
});

test('a table range the user set by hand follows the rows, as Excel moves a reference', () => {
  const ranges = { 公开03表: { sheet: 'S', range: 'A3:H20' }, 公开05表: { sheet: 'S', range: 'A25:E40' }, 公开02表: { sheet: 'T', range: 'A3:H20' } };
  expect(rangesAfterEdits(ranges, [{ sheet: 'S', insert: { at: 10, count: 2 }, writes: [] }])).toEqual({
    公开03表: { sheet: 'S', range: 'A3:H22' },
    公开05表: { sheet: 'S', range: 'A27:E42' },
    公开02表: { sheet: 'T', range: 'A3:H20' },
  });
  expect(rangesAfterEdits(ranges, [{ sheet: 'S', writes: [], remove: [10, 11, 30] }])).toEqual({
    公开03表: { sheet: 'S', range: 'A3:H18' },
    公开05表: { sheet: 'S', range: 'A23:E37' },
    公开02表: { sheet: 'T', range: 'A3:H20' },
  });
});
