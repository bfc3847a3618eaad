/**
 * @jest-environment jsdom
 */
/**
 * 增删科目 in the 新年度 tab (issue 11 item 4), as an accountant uses it in
 * Excel: choose a list, type a code and a name, 添加科目; or 删除空行. The
 * host here applies the edits to a workbook calculated by HyperFormula, as
 * Excel would; the check runs again and the pane says what was done. Where
 * the host cannot insert rows (the browser page) the section is not shown.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { WorkbookGrid } from '../../src/core/grid/grid';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { newYearPlan } from '../../src/core/newyear/build';
import { carryOver } from '../../src/core/newyear/carry-over';
import type { RowEdit } from '../../src/core/newyear/row-edits';
import { readTables } from '../../src/core/rules/table-values';
import type { ProfileId } from '../../src/core/templates/types';
import type { HostSnapshot } from '../../src/hosts/host';
import { App } from '../../src/taskpane/components/App';
import { PaneController } from '../../src/taskpane/controller';
import { seed000Grid, variantGrid, variants } from '../fixtures';
import { EditBook } from '../helpers/edit-book';
import { RecordingHost } from './fake-host';

/** Excel holding a workbook: it reads what the book holds now and applies row edits to it. */
class EditingHost extends RecordingHost {
  applied: RowEdit[][] = [];
  constructor(readonly book: EditBook) {
    super(book.grid());
  }
  override async read(): Promise<HostSnapshot> {
    this.grid = this.book.grid();
    return super.read();
  }
  async editRows(edits: readonly RowEdit[]): Promise<void> {
    this.applied.push([...edits]);
    this.book.apply(edits);
  }
}

const LAST_YEAR: Record<ProfileId, () => WorkbookGrid> = { 'hunan-2024': seed000Grid, 'national-2024': () => variantGrid(variants().find((v) => v.name === 'national')!) };

/** A 新年度 workbook carried from last year, typed in with its leaves. */
function newYearBook(profile: ProfileId): EditBook {
  const lastYear = LAST_YEAR[profile]();
  const tables = readTables(lastYear, mapWorkbook(lastYear));
  return EditBook.fromPlan(newYearPlan({ year: 2025, profile, from: carryOver(lastYear) }), (cell) => {
    const f = cell.slot ? tables.get(cell.slot.table)?.get(cell.slot.row, cell.slot.col) : undefined;
    return f && !f.empty && f.invalidText === undefined ? f.figure.fen / 1_000_000 : undefined;
  });
}

async function openTab(host: RecordingHost) {
  render(<App controller={new PaneController(host, 'zh-CN')} lang="zh-CN" />);
  fireEvent.click(screen.getByRole('tab', { name: '新年度' }));
  await act(async () => {
    await new Promise((r) => setTimeout(r, 30));
  });
}

async function click(el: HTMLElement) {
  await act(async () => {
    fireEvent.click(el);
    await new Promise((r) => setTimeout(r, 50));
  });
}

const type = (id: string, value: string) => fireEvent.change(screen.getByTestId(id), { target: { value } });
const codesOf = (host: EditingHost, table: string) => mapWorkbook(host.book.grid()).tables[table]!.items.map((i) => i.code);

test('添加科目: the 科目 goes into the chosen list in code order, the check runs again, the pane says where', async () => {
  const host = new EditingHost(newYearBook('hunan-2024'));
  await openTab(host);
  expect(screen.getByText('增删科目')).toBeTruthy();
  const select = screen.getByTestId('rows-table') as HTMLSelectElement;
  expect([...select.options].map((o) => o.value)).toEqual(['公开02表', '公开03表', '公开05表', '公开07表', '公开08表']);
  expect(select.value).toBe('公开03表');
  type('rows-code', '2080506');
  type('rows-name', '机关事业单位职业年金缴费支出');
  const reads = host.reads;
  await click(screen.getByTestId('rows-add'));
  expect(host.applied).toHaveLength(1);
  expect(codesOf(host, '公开03表')).toEqual(['2010301', '2010302', '2080505', '2080506', '2089999', '2100717', '2101102', '2101103', '2120399', '2210201']);
  expect(screen.getByTestId('rows-notice').textContent).toBe('已在公开03表第 11 行添加科目 2080506 机关事业单位职业年金缴费支出。');
  // The check ran on the new layout: read again and marked.
  expect(host.reads).toBeGreaterThanOrEqual(reads + 2);
  expect(host.highlighted?.result.mapping.tables['公开03表']!.items.some((i) => i.code === '2080506')).toBe(true);
  expect((screen.getByTestId('rows-code') as HTMLInputElement).value).toBe('');
  expect((screen.getByTestId('rows-name') as HTMLInputElement).value).toBe('');
});

test('a table range the user set by hand (用所选区域) follows the inserted row', async () => {
  const host = new EditingHost(newYearBook('hunan-2024'));
  host.state = { ...host.state, overrides: { ranges: { 公开03表: { sheet: '公开03表', range: 'A1:H18' } } } };
  await openTab(host);
  type('rows-code', '2010350');
  type('rows-name', '信访事务');
  await click(screen.getByTestId('rows-add'));
  expect(host.state.overrides.ranges?.['公开03表']).toEqual({ sheet: '公开03表', range: 'A1:H19' });
  expect(host.highlighted?.result.mapping.tables['公开03表']!.notes.map((n) => n.row)).toEqual([18]);
});

test('national: a 科目 under a 类 the list has not brings its 类 and 款 rows, named where the project knows the name; the pane says so', async () => {
  const host = new EditingHost(newYearBook('national-2024'));
  await openTab(host);
  fireEvent.change(screen.getByTestId('rows-table'), { target: { value: '公开05表' } });
  type('rows-code', '2050201');
  type('rows-name', '学前教育');
  await click(screen.getByTestId('rows-add'));
  const items = () => mapWorkbook(host.book.grid()).tables['公开05表']!.items;
  expect(items().filter((i) => i.code.startsWith('205')).map((i) => `${i.code} ${i.name}`)).toEqual(['205 教育支出', '20502 普通教育', '2050201 学前教育']);
  expect(screen.getByTestId('rows-notice').textContent).toMatch(/^已在公开05表第 \d+ 行添加科目 2050201 学前教育。同时添加了上级科目行 205、20502。$/);
  // A 款 the project has no name for: left blank, and the pane asks for it.
  type('rows-code', '2130101');
  type('rows-name', '行政运行');
  await click(screen.getByTestId('rows-add'));
  expect(items().filter((i) => i.code.startsWith('213')).map((i) => `${i.code} ${i.name}`)).toEqual(['213 农林水支出', '21301 ', '2130101 行政运行']);
  expect(screen.getByTestId('rows-notice').textContent).toMatch(/同时添加了上级科目行 213、21301。请为 21301 填写科目名称。$/);
});

test('a code the list has already, or not 7 digits: refused in the section, nothing changed', async () => {
  const host = new EditingHost(newYearBook('hunan-2024'));
  await openTab(host);
  type('rows-code', '20103');
  type('rows-name', '行政运行');
  expect((screen.getByTestId('rows-add') as HTMLButtonElement).disabled).toBe(true);
  expect(screen.getByText('请填写 7 位数字，如 2010301。')).toBeTruthy();
  type('rows-code', '2010301');
  await click(screen.getByTestId('rows-add'));
  expect(host.applied).toEqual([]);
  expect(screen.getByText('科目 2010301 已在公开03表第 8 行。')).toBeTruthy();
});

test('删除空行: the blank rows go, one spare row kept; a second time there is nothing to remove', async () => {
  const book = newYearBook('hunan-2024');
  const t = mapWorkbook(book.grid()).tables['公开03表']!;
  book.insertRows(t.sheet, t.items[2]!.row, 2);
  const host = new EditingHost(book);
  await openTab(host);
  await click(screen.getByTestId('rows-remove-blank'));
  expect(host.applied).toHaveLength(1);
  expect(screen.getByTestId('rows-notice').textContent).toBe('已删除 2 行空白行（公开03表），每张表末尾保留一行空白行。');
  const rows = mapWorkbook(host.book.grid()).tables['公开03表']!.items.map((i) => i.row);
  expect(rows).toEqual(rows.map((_, i) => rows[0]! + i));
  await click(screen.getByTestId('rows-remove-blank'));
  expect(host.applied).toHaveLength(1);
  expect(screen.getByTestId('rows-notice').textContent).toBe('科目表中没有可删除的空白行。');
});

test('a host that cannot insert rows (the browser page): no 增删科目 section', async () => {
  await openTab(new RecordingHost(seed000Grid()));
  expect(screen.queryByText('增删科目')).toBeNull();
  expect(screen.queryByTestId('rows-add')).toBeNull();
});
