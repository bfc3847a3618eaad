/**
 * Our own .xlsx reader (src/hosts/xlsx) gives exactly the grid exceljs gives:
 * on every fixture workbook the tests build (seed 000 in every layout variant,
 * generated units, the sample with its 说明数据 and 绩效 sheets, annotated
 * copies), on workbooks kept with formulas as Excel saves them, and on a
 * package written part by part with what Excel and other programs write
 * (inline strings, rich text, phonetic runs, error cells, dates, shared
 * formulas, absolute relationship targets). Both inflate functions (node:zlib
 * for the CLI, fflate for the browser page) give the same.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { checkWorkbook } from '../../src/core/check';
import type { WorkbookGrid } from '../../src/core/grid/grid';
import { annotateWorkbook } from '../../src/hosts/xlsx/annotate/annotate';
import { loadWorkbookGrid } from '../../src/hosts/exceljs/exceljs-grid';
import { inflateWithFflate } from '../../src/hosts/xlsx/inflate';
import { inflateWithZlib } from '../../src/hosts/xlsx/inflate-node';
import { readXlsx } from '../../src/hosts/xlsx/read-xlsx';
import { layoutWorkbook, seed000Xlsx, specToXlsx, variantXlsx, variants } from '../fixtures';
import { modelToDisclosure, roundLeaves, sampleModel } from '../fixtures/generator';
import { sampleWorkbookSpec } from '../fixtures/sample';
import { editSheet, formulaSeed, kinds, partsByName, plainSeed, setCell, zipBytes } from './formula-workbooks';
import { plainGrid } from './grid-compare';

async function expectSameGrid(bytes: Buffer | Uint8Array): Promise<WorkbookGrid> {
  const theirs = await loadWorkbookGrid(bytes);
  const ours = readXlsx(new Uint8Array(bytes), { inflate: inflateWithZlib });
  expect(plainGrid(ours)).toEqual(plainGrid(theirs));
  expect(plainGrid(readXlsx(new Uint8Array(bytes), { inflate: inflateWithFflate }))).toEqual(plainGrid(theirs));
  return ours;
}

describe('the same grid as exceljs', () => {
  test.each(variants().map((v) => [v.name, v] as const))('seed 000, layout %s', async (_name, v) => {
    await expectSameGrid(await variantXlsx(v));
  });

  test('seed 000 with blanks as 0.00, -, —, spaced and full-width figures', async () => {
    for (const o of [{ blanks: '0.00' as const }, { blanks: '-' as const, numbers: 'text' as const }, { numbers: 'fullwidth' as const }, { numbers: 'spaced' as const, headerText: 'linebreak' as const }]) {
      await expectSameGrid(await seed000Xlsx(o));
    }
  });

  test('generated units (random consistent disclosures, 4-decimal and rounded)', async () => {
    for (const seed of [1, 2, 3, 5, 8, 13]) {
      const d = modelToDisclosure(sampleModel(seed));
      await expectSameGrid(await specToXlsx(layoutWorkbook(seed % 2 ? roundLeaves(d) : d, seed % 3 === 0 ? { placement: 'one-sheet' } : {})));
    }
  });

  test('the sample: nine tables, 说明数据, 绩效自评 tables with percentages', async () => {
    await expectSameGrid(await specToXlsx(sampleWorkbookSpec()));
  });

  test('an annotated copy (fills, notes, the 检查结果 sheet with HYPERLINK formulas, the drafted 情况说明)', async () => {
    const bytes = await specToXlsx(sampleWorkbookSpec());
    const result = checkWorkbook(await loadWorkbookGrid(bytes));
    await expectSameGrid(await annotateWorkbook(bytes, result));
  });

  test('formulas as Excel saves them: cached 0, shared formulas, t="str", no <v>, parts out of order, an absolute target', async () => {
    await expectSameGrid(await plainSeed());
    await expectSameGrid(await formulaSeed());
    await expectSameGrid(await kinds());
  });

  test('cells of every kind written by exceljs: rich text, hyperlinks, booleans, errors, dates, shared formulas, hidden and empty sheets', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('公开01表');
    ws.getCell('A1').value = '收入支出决算总表';
    ws.mergeCells('A1:C1');
    ws.mergeCells('A2:A3');
    ws.getCell('A2').value = '项目';
    ws.getCell('C3').value = { richText: [{ text: '上年' }, { text: '决算', font: { bold: true } }] };
    ws.getCell('B4').value = 1820.2345;
    ws.getCell('B4').numFmt = '#,##0.00';
    ws.getCell('C4').value = -1234567.5;
    ws.getCell('C4').numFmt = '#,##0.00;(#,##0.00)';
    ws.getCell('D4').value = 0.9932;
    ws.getCell('D4').numFmt = '0.00%';
    ws.getCell('B6').value = { formula: 'B4*2', result: 3640.46 };
    ws.getCell('B7').value = { sharedFormula: 'B6', result: 5891.8 };
    ws.getCell('C6').value = { formula: 'SUM(C4:C5)' } as ExcelJS.CellFormulaValue;
    ws.getCell('C7').value = { formula: '1/0', result: { error: '#DIV/0!' } };
    ws.getCell('A8').value = { text: '说明', hyperlink: 'https://example.org' };
    ws.getCell('B8').value = true;
    ws.getCell('C8').value = new Date(Date.UTC(2024, 11, 31));
    ws.getCell('D8').value = new Date(Date.UTC(2024, 11, 31, 9, 30));
    ws.getCell('A9').value = { error: '#N/A' };
    ws.getCell('B9').value = 0.1 + 0.2;
    ws.getCell('C9').value = '  前后空格  ';
    ws.getCell('D9').value = '多行\n文字';
    ws.getCell('E20').numFmt = '0.00'; // styled, empty
    wb.addWorksheet('隐藏', { state: 'hidden' }).getCell('B2').value = 'x';
    wb.addWorksheet('空表');
    await expectSameGrid(Buffer.from(await wb.xlsx.writeBuffer()));
  });

  test('what other programs write: inline strings, rich and phonetic shared strings, error cells, built-in formats, an absolute sheet target', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表一');
    for (let r = 1; r <= 6; r++) for (let c = 1; c <= 4; c++) ws.getCell(r, c).value = r * 10 + c;
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const part = (await partsByName(zip)).get('表一')!;
    await editSheet(zip, part, (x) => {
      x = setCell(x, 'A1', ' t="inlineStr"', '<is><t>内联文字 &amp; 符号</t></is>');
      x = setCell(x, 'B1', ' t="inlineStr"', '<is><r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve">文本 </t></r></is>');
      x = setCell(x, 'C1', ' t="s"', '<v>0</v>');
      x = setCell(x, 'D1', ' t="s"', '<v>1</v>');
      x = setCell(x, 'A2', ' t="e"', '<v>#REF!</v>');
      x = setCell(x, 'B2', ' t="b"', '<v>1</v>');
      x = setCell(x, 'C2', ' t="str"', '<v>公式外的文字</v>');
      x = setCell(x, 'D2', ' t="s"', '<v>2</v>');
      x = setCell(x, 'A3', '', '<v>1.5E3</v>');
      x = setCell(x, 'B3', '', '<f>A3*2</f><v>3000</v>');
      x = setCell(x, 'C3', ' t="e"', '<f>A3/0</f><v>#DIV/0!</v>');
      return x;
    });
    zip.file(
      'xl/sharedStrings.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">' +
        '<si><t>征地</t><rPh sb="0" eb="2"><t>ZHENGDI</t></rPh><phoneticPr fontId="1"/></si>' +
        '<si><r><t>基本</t></r><r><rPr><b/></rPr><t>支出</t></r><rPh sb="0" eb="1"><t>JI</t></rPh></si>' +
        '<si><t>换行_x000D_之后</t></si></sst>',
    );
    // The sheet's relationship by an absolute target, as some writers give it.
    const relsPath = 'xl/_rels/workbook.xml.rels';
    const rels = await zip.file(relsPath)!.async('string');
    zip.file(relsPath, rels.replace(/Target="(\/?xl\/)?worksheets\//g, 'Target="/xl/worksheets/'));
    if (!(await zip.file('[Content_Types].xml')!.async('string')).includes('sharedStrings')) {
      const ct = await zip.file('[Content_Types].xml')!.async('string');
      zip.file('[Content_Types].xml', ct.replace('</Types>', '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'));
      zip.file(relsPath, (await zip.file(relsPath)!.async('string')).replace('</Relationships>', '<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'));
    }
    const g = await expectSameGrid(await zipBytes(zip));
    const s = g.sheets[0]!;
    expect(s.cell(0, 0)?.value).toBe('内联文字 & 符号');
    expect(s.cell(0, 1)?.value).toBe('富文本 ');
    expect(s.cell(0, 2)?.value).toBe('征地');
    expect(s.cell(0, 3)?.value).toBe('基本支出');
    expect(s.cell(1, 0)?.value).toBe('#REF!');
    expect(s.cell(1, 3)?.value).toBe('换行\r之后');
    expect(s.cell(2, 0)?.value).toBe(1500);
    expect(s.cell(2, 2)).toEqual({ value: '#DIV/0!', text: '#DIV/0!', formula: 'A3/0' });
  });
});
