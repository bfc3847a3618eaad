/**
 * Our own .xlsx writer for new year's workbooks, read back by exceljs (an
 * independent reader) for what Excel shows the accountant: protection without
 * a password, inputs open and validated, formulas locked with their cached
 * results, frozen headers, A4 fit to width with the header on every page,
 * merged headers, the saved mapping, full calculation on load.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { newYearPlan } from '../../src/core/newyear/build';
import { writePlan } from '../../src/hosts/xlsx/write-plan';
import { loadWorkbookGrid } from '../../src/hosts/exceljs/exceljs-grid';

const department = '某某县“A&B”<局>';

async function written(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(writePlan(newYearPlan({ year: 2025, profile: 'hunan-2024', department })) as unknown as ExcelJS.Buffer);
  return wb;
}

test('sheets in the profile’s order, 说明数据 last; text with XML characters kept as typed', async () => {
  const wb = await written();
  const names = wb.worksheets.map((w) => w.name);
  expect(names.slice(0, 9)).toEqual(['公开01表', '公开02表', '公开03表', '公开04表', '公开05表', '公开06表', '公开07表', '公开08表', '公开09表']);
  expect(names[names.length - 1]).toBe('说明数据');
  expect(wb.getWorksheet('公开03表')!.getCell('A3').value).toBe(`部门：${department}`);
});

test('protected without a password; inputs open with a Chinese validation; formulas locked with a cached result', async () => {
  const ws = (await written()).getWorksheet('公开03表')!;
  const protection = (ws as unknown as { sheetProtection?: Record<string, unknown> }).sheetProtection;
  expect(protection?.sheet).toBe(true);
  expect(protection?.hashValue).toBeUndefined();
  // exceljs reports what the protection allows: rows may be inserted and deleted (new 科目), formats of rows and columns changed.
  expect(protection).toMatchObject({ insertRows: true, deleteRows: true, formatRows: true, formatColumns: true });
  // Row 7 (0-based 6) is 合计, row 8 the spare row: 基本支出 typed, 本年支出合计 derived.
  const total = ws.getCell('C7');
  expect((total.value as ExcelJS.CellFormulaValue).formula).toBe('SUM(D7,E7,F7,G7,H7)');
  // The cached 0 (exceljs reads a cached 0 as none; the grid readers look at the XML).
  const grid = await loadWorkbookGrid(writePlan(newYearPlan({ year: 2025, profile: 'hunan-2024', department })));
  expect(grid.sheets.find((x) => x.name === '公开03表')!.cell(6, 2)).toMatchObject({ value: 0, formula: 'SUM(D7,E7,F7,G7,H7)' });
  expect(total.protection?.locked).not.toBe(false);
  const typed = ws.getCell('D8');
  expect(typed.protection?.locked).toBe(false);
  expect(typed.dataValidation?.type).toBe('custom');
  expect(typed.dataValidation?.formulae?.[0]).toBe('AND(ISNUMBER(D8),D8>=0,ROUND(D8,2)=D8)');
  expect(typed.dataValidation?.prompt).toContain('单位万元');
  expect(typed.numFmt).toBe('#,##0.00');
  expect(ws.getCell('A8').dataValidation?.prompt).toContain('新增科目');
});

test('frozen header rows, A4 landscape fit to one page wide, header repeated, merged headers', async () => {
  const ws = (await written()).getWorksheet('公开03表')!;
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  expect(ws.pageSetup.printTitlesRow).toBe('1:6');
  expect(ws.getCell('B4').isMerged).toBe(true); // 项目 over code and name
  expect(ws.getCell('A1').isMerged).toBe(true); // the title across the table
});

test('the mapping is saved as names and the workbook recalculates on opening', async () => {
  const wb = await written();
  const names = (wb.definedNames as unknown as { model: Array<{ name: string; ranges: string[] }> }).model;
  // From the title down to the table's last note: 公开05表 has no 科目 yet, so 合计 and two spare rows only.
  expect(names.find((n) => n.name === '_juesuan_map_公开05表')?.ranges).toEqual(["'公开05表'!$A$1:$E$10"]);
  expect(names.some((n) => n.name === '_juesuan_profile_hunan_2024')).toBe(true);
  // exceljs does not read calcPr back: the part itself says it.
  const zip = await JSZip.loadAsync(writePlan(newYearPlan({ year: 2025, profile: 'hunan-2024' })));
  expect(await zip.file('xl/workbook.xml')!.async('string')).toContain('fullCalcOnLoad="1"');
});

test('the same grid through exceljs and back: blank cells of a table ruled, nothing else added', async () => {
  const bytes = writePlan(newYearPlan({ year: 2025, profile: 'national-2024', department }));
  const grid = await loadWorkbookGrid(bytes);
  const s = grid.sheets.find((x) => x.name === '收入支出决算总表')!;
  expect(s.cell(0, 0)?.value).toBe('收入支出决算总表');
  expect(grid.rangeNames?.some((n) => n.name === '_juesuan_profile_national_2024')).toBe(true);
});
