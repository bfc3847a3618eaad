/**
 * OfficeHost.editRows (增删科目, issue 11 item 4) on the fake Excel: a 新年度
 * workbook as Excel holds it (formulas, protected sheets, the mapping in
 * names), a 科目 added and blank rows removed through the host, in two
 * syncs; the rows and formulas end up where Excel puts them, nothing else
 * changes, and every sheet is protected again as it was. A sheet protected
 * with a password is refused and nothing is changed.
 */
import { rangeA1 } from '../../src/core/grid/a1';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { newYearPlan } from '../../src/core/newyear/build';
import { carryOver } from '../../src/core/newyear/carry-over';
import type { WorkbookPlan } from '../../src/core/newyear/plan';
import { addItemEdit, blankRowsEdits } from '../../src/core/newyear/row-edits';
import { readTables } from '../../src/core/rules/table-values';
import { OfficeHost } from '../../src/hosts/office/office-host';
import { seed000Grid } from '../fixtures';
import { evaluatePlan } from '../helpers/evaluate-plan';
import { FakeExcel } from './office.fake';

/** What 新年度 protects its sheets with (src/hosts/xlsx/write-plan.ts: rows may be inserted, deleted and formatted). */
const NEW_YEAR_PROTECTION = { allowInsertRows: true, allowDeleteRows: true, allowFormatRows: true, allowFormatColumns: true };

/** Excel holding a 新年度 workbook typed in with last year's leaves: values calculated, formulas, formats, protection, names. */
function newYearExcel(): { x: FakeExcel; plan: WorkbookPlan } {
  const lastYear = seed000Grid();
  const tables = readTables(lastYear, mapWorkbook(lastYear));
  const plan = newYearPlan({ year: 2025, profile: 'hunan-2024', from: carryOver(lastYear) });
  const fill = (cell: { slot?: { table: string; row: string; col: string } }) => {
    const f = cell.slot ? tables.get(cell.slot.table as never)?.get(cell.slot.row, cell.slot.col) : undefined;
    return f && !f.empty && f.invalidText === undefined ? f.figure.fen / 1_000_000 : undefined;
  };
  const ev = evaluatePlan(plan, fill);
  const x = new FakeExcel();
  for (const s of plan.sheets) {
    const sheet = x.addSheet(s.name);
    sheet.merges = s.merges.map((m) => ({ ...m }));
    for (const [r, row] of s.cells) {
      for (const [c, cell] of row) {
        const v = ev.value(s.name, r, c);
        const fc = x.cellAt(sheet, r, c, true);
        if (cell.formula !== undefined) {
          fc.formula = cell.formula;
          fc.value = typeof v === 'number' || typeof v === 'string' ? v : 0;
        } else if (typeof v === 'number' || typeof v === 'string') fc.value = v;
        if (cell.role === 'input' || cell.role === 'formula' || cell.role === 'total') fc.numberFormat = '#,##0.00';
      }
    }
    if (s.protect) {
      sheet.protected = true;
      sheet.protectionOptions = { ...NEW_YEAR_PROTECTION };
    }
  }
  for (const n of plan.names) x.defineName(n.name, n.sheet, rangeA1(n.range), false);
  x.activeSheet = plan.sheets[0]!.name;
  return { x, plan };
}

/** What a protected sheet allows, as a list (options set false and options absent are the same). */
const allowed = (x: FakeExcel, sheet: string) => {
  const s = x.sheet(sheet);
  return [...Object.entries(s.protectionOptions).filter(([, v]) => v === true).map(([k]) => k), ...(s.allowFormatCells ? ['allowFormatCells'] : [])].sort();
};
const NEW_YEAR_ALLOWED = Object.keys(NEW_YEAR_PROTECTION).sort();

const hostOf = (x: FakeExcel) => new OfficeHost(x.run, { isSetSupported: x.isSetSupported });

async function syncsOf(x: FakeExcel, f: () => Promise<unknown>): Promise<number> {
  const before = x.syncCount;
  await f();
  return x.syncCount - before;
}

/** A sheet's cell values by 1-based row, from `from` on (formulas aside: the fake does not calculate). */
function rowValues(x: FakeExcel, sheet: string, from: number): unknown[][] {
  const s = x.sheet(sheet);
  return s.cells.slice(from - 1).map((row) => (row ?? []).map((c) => c?.value ?? ''));
}

describe('editRows: 添加科目', () => {
  test('two syncs; the row where the core put it, its code, name and row formula, blank inputs; the 合计 spans widened; the rows below moved; protection as it was', async () => {
    const { x } = newYearExcel();
    const host = hostOf(x);
    const snap = await host.read();
    const r = addItemEdit(snap.grid, mapWorkbook(snap.grid), '公开03表', '2080506', '机关事业单位职业年金缴费支出');
    if (!r.ok) throw new Error(r.error);
    expect(r.row).toBe(10); // above 2089999, row 11
    const below = rowValues(x, '公开03表', 11);
    const others = x.contents(x.liveSheets().map((s) => s.name).filter((n) => n !== '公开03表' && n !== '公开01表'));
    const summaryValues = rowValues(x, '公开01表', 1);
    const written = x.writes.length;

    expect(await syncsOf(x, () => host.editRows(r.edits))).toBe(2);

    const cell = (a1: string) => x.cell('公开03表', a1);
    expect(cell('A11').value).toBe(2080506);
    expect(cell('B11').value).toBe('机关事业单位职业年金缴费支出');
    expect(cell('C11').formula).toBe('SUM(D11,E11,F11,G11,H11)');
    for (const c of ['D', 'E', 'F', 'G', 'H']) expect([c, cell(`${c}11`).value, cell(`${c}11`).formula]).toEqual([c, '', undefined]);
    // The new row took the formats of a 项 row.
    expect(cell('D11').numberFormat).toBe('#,##0.00');
    // 合计 sums rows 8 to 18 now (17 before): Excel widened its spans, the host did not rewrite it.
    expect(cell('D7').formula).toBe('SUMIFS($D$8:$D$18,$A$8:$A$18,">=1000000",$A$8:$A$18,"<=9999999")');
    // 公开01表's 类 read 03 by the same spans, moved likewise.
    expect(x.cell('公开01表', 'F9').formula).toContain("'公开03表'!$E$8:$E$18");
    // Every row from 2089999 down moved by one, its values the same; nothing else of the workbook changed.
    expect(rowValues(x, '公开03表', 12)).toEqual(below);
    expect(x.contents(x.liveSheets().map((s) => s.name).filter((n) => n !== '公开03表' && n !== '公开01表'))).toEqual(others);
    expect(rowValues(x, '公开01表', 1)).toEqual(summaryValues);
    // Unprotected for the edit and protected again, with the options it had.
    const s = x.sheet('公开03表');
    expect(s.protected).toBe(true);
    expect(allowed(x, '公开03表')).toEqual(NEW_YEAR_ALLOWED);
    const what = x.writes.slice(written).map((w) => `${w.sheet} ${w.what}`);
    expect(what[0]).toBe('公开03表 unprotect');
    expect(what[what.length - 1]).toBe('公开03表 protect');
    expect(new Set(x.writes.slice(written).map((w) => w.sheet))).toEqual(new Set(['公开03表']));

    // Read again: the mapping (names moved with the rows) has the 科目 in its place.
    const again = await host.read();
    expect(mapWorkbook(again.grid).tables['公开03表']!.items.map((i) => i.code)).toEqual(['2010301', '2010302', '2080505', '2080506', '2089999', '2100717', '2101102', '2101103', '2120399', '2210201']);
  });

  test('before the first 科目: the first row is copied down (copyFrom: figures kept, its row formula moved with it), the new 科目 written into it', async () => {
    const { x } = newYearExcel();
    const host = hostOf(x);
    const first = rowValues(x, '公开03表', 8)[0]!;
    const snap = await host.read();
    const r = addItemEdit(snap.grid, mapWorkbook(snap.grid), '公开03表', '2010101', '行政运行');
    if (!r.ok) throw new Error(r.error);
    expect(r.edits[0]!.copyRows).toEqual([{ from: 7, to: 8 }]);
    expect(await syncsOf(x, () => host.editRows(r.edits))).toBe(2);
    const cell = (a1: string) => x.cell('公开03表', a1);
    expect([cell('A8').value, cell('B8').value, cell('D8').value, cell('C8').formula]).toEqual([2010101, '行政运行', '', 'SUM(D8,E8,F8,G8,H8)']);
    expect(rowValues(x, '公开03表', 9)[0]).toEqual(first);
    expect(cell('C9').formula).toBe('SUM(D9,E9,F9,G9,H9)');
    expect(cell('D7').formula).toBe('SUMIFS($D$8:$D$18,$A$8:$A$18,">=1000000",$A$8:$A$18,"<=9999999")');
  });

  test('a sheet not protected stays so: neither unprotected nor protected', async () => {
    const { x } = newYearExcel();
    x.sheet('公开05表').protected = false;
    const host = hostOf(x);
    const snap = await host.read();
    const r = addItemEdit(snap.grid, mapWorkbook(snap.grid), '公开05表', '2240101', '行政运行');
    if (!r.ok) throw new Error(r.error);
    const written = x.writes.length;
    await host.editRows(r.edits);
    expect(x.sheet('公开05表').protected).toBe(false);
    expect(x.writes.slice(written).some((w) => /protect/.test(w.what))).toBe(false);
    expect(x.cell('公开05表', `A${r.row + 1}`).value).toBe(2240101);
  });
});

describe('editRows: 删除空行', () => {
  test('blank rows inserted by hand in three lists go in two syncs; the spans shrink back; each list keeps one spare row', async () => {
    const { x } = newYearExcel();
    for (const sheet of ['公开02表', '公开03表', '公开05表']) {
      x.insertRows(sheet, 17, 2); // above the spare row
      x.insertRows(sheet, 10, 1); // among the 科目
    }
    expect(x.cell('公开03表', 'D7').formula).toBe('SUMIFS($D$8:$D$20,$A$8:$A$20,">=1000000",$A$8:$A$20,"<=9999999")');
    const host = hostOf(x);
    const snap = await host.read();
    const r = blankRowsEdits(snap.grid, mapWorkbook(snap.grid));
    if (!r.ok) throw new Error(r.error);
    expect(r.edits.map((e) => [e.sheet, e.remove])).toEqual([
      ['公开02表', [9, 17, 18]],
      ['公开03表', [9, 17, 18]],
      ['公开05表', [9, 17, 18]],
    ]);
    expect(await syncsOf(x, () => host.editRows(r.edits))).toBe(2);
    expect(x.cell('公开03表', 'D7').formula).toBe('SUMIFS($D$8:$D$17,$A$8:$A$17,">=1000000",$A$8:$A$17,"<=9999999")');
    expect(x.cell('公开03表', 'A16').value).toBe(2210201);
    expect(x.cell('公开03表', 'C17').formula).toBe('SUM(D17,E17,F17,G17,H17)'); // the spare row
    expect(String(x.cell('公开03表', 'A18').value)).toMatch(/^注/);
    for (const sheet of ['公开02表', '公开03表', '公开05表']) expect([sheet, x.sheet(sheet).protected]).toEqual([sheet, true]);
  });

  test('a sheet protected with a password: refused in Chinese, naming it; nothing changed; the sheet before it protected again', async () => {
    const { x } = newYearExcel();
    for (const sheet of ['公开02表', '公开03表']) x.insertRows(sheet, 10, 1);
    x.sheet('公开03表').password = 'secret';
    const host = hostOf(x);
    const snap = await host.read();
    const r = blankRowsEdits(snap.grid, mapWorkbook(snap.grid));
    if (!r.ok) throw new Error(r.error);
    expect(r.edits.map((e) => e.sheet)).toEqual(['公开02表', '公开03表']);
    const before = x.contents();
    const syncs = x.syncCount;
    await expect(host.editRows(r.edits)).rejects.toThrow(/工作表“公开03表”设有密码保护.*工作簿没有任何改动/);
    // Two syncs, then two to put the protection back.
    expect(x.syncCount - syncs).toBe(4);
    expect(x.contents()).toEqual(before);
    for (const sheet of ['公开02表', '公开03表']) {
      expect([sheet, x.sheet(sheet).protected, allowed(x, sheet)]).toEqual([sheet, true, NEW_YEAR_ALLOWED]);
    }
    expect(x.sheet('公开03表').password).toBe('secret');
  });
});
