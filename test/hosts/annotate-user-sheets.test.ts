/**
 * The annotated copy (`juesuan check --annotate`, the page's 下载带标记的副本)
 * keeps every sheet of the user under its own name with every value. The
 * narrative drafted from the figures goes to a new sheet, 情况说明（生成稿）
 * (情况说明（生成稿）2 … when that name is taken), on which nothing is marked,
 * and checking the copy again gives the findings of the original: the draft
 * is never read as the user's tables or as the user's written narrative.
 */
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { type CheckResult, GENERATED_NARRATIVE_SHEET, checkWorkbook, withoutGeneratedNarratives } from '../../src/core/check';
import { OWN_SHEETS } from '../../src/core/mapping/detect';
import { workbookNarrative } from '../../src/core/narrative/workbook';
import type { Finding } from '../../src/core/rules/finding';
import { RESULT_SHEET, annotateWorkbook } from '../../src/hosts/xlsx/annotate/annotate';
import { loadWorkbookGrid } from '../../src/hosts/exceljs/exceljs-grid';
import { SEED000_PATH, seed000Xlsx } from '../fixtures';

async function load(bytes: Uint8Array | Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/** The seed's published 第三部分 (情况说明), one paragraph per line, as an accountant pastes it into a sheet. */
function seedNarrativeLines(): string[] {
  const seed = fs.readFileSync(SEED000_PATH, 'utf8');
  const start = seed.indexOf('一、收入支出决算总体情况说明\n\n2024');
  expect(start).toBeGreaterThan(0);
  return seed
    .slice(start, seed.indexOf('2024年度部门（单位）整体支出绩效评价基础数据表', start))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/**
 * Seed 000 with sheets of the user's own: a 情况说明 holding `narrative` (one line a row,
 * with a formula beside the first), and a 情况说明(上一稿) of last year's text.
 */
async function userWorkbook(narrative: readonly string[]): Promise<Buffer> {
  const wb = await load(await seed000Xlsx());
  const ws = wb.addWorksheet('情况说明');
  narrative.forEach((line, i) => (ws.getCell(i + 1, 1).value = line));
  ws.getCell('B1').value = { formula: '公开01表!C37', result: 1820.23 };
  const prev = wb.addWorksheet('情况说明(上一稿)');
  prev.getCell('A1').value = '2023年度部门决算情况说明（上年的稿子）';
  prev.getCell('A2').value = '一、收入支出决算总体情况说明';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** As the CLI and the page do it: check, draft the narrative from the workbook, annotate with it. */
async function annotateWithDraft(bytes: Uint8Array | Buffer): Promise<{ result: CheckResult; copy: Uint8Array }> {
  const grid = await loadWorkbookGrid(bytes);
  const result = checkWorkbook(grid);
  const narrative = workbookNarrative(withoutGeneratedNarratives(grid), result.mapping);
  return { result, copy: await annotateWorkbook(bytes, result, { narrative }) };
}

/** Every sheet of `original` is in `copy` under its name, with every value and formula. */
function expectEveryUserSheetKept(original: ExcelJS.Workbook, copy: ExcelJS.Workbook): void {
  for (const ows of original.worksheets) {
    const cws = copy.getWorksheet(ows.name);
    expect([ows.name, cws?.name]).toEqual([ows.name, ows.name]);
    ows.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const other = cws!.getCell(r, c);
        expect([ows.name, cell.address, other.value, other.formula]).toEqual([ows.name, cell.address, cell.value, cell.formula]);
      }),
    );
    expect([ows.name, cws!.rowCount, cws!.columnCount]).toEqual([ows.name, ows.rowCount, ows.columnCount]);
  }
}

/** Nothing on the draft looks like a finding: no fill, no note, on any cell. */
function expectNothingMarked(ws: ExcelJS.Worksheet): void {
  let cells = 0;
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      cells++;
      // exceljs reads a styled cell without a fill back as pattern 'none'.
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      expect([cell.address, fill === undefined || fill.pattern === 'none' ? 'no fill' : fill]).toEqual([cell.address, 'no fill']);
      expect([cell.address, cell.note]).toEqual([cell.address, undefined]);
    }),
  );
  expect(cells).toBeGreaterThan(20);
}

const texts = (ws: ExcelJS.Worksheet): string[] => {
  const out: string[] = [];
  ws.eachRow((row) => out.push(String(row.getCell(1).value ?? '')));
  return out;
};
const key = (f: Finding) => `${f.rule} ${f.severity} ${f.cells.join(',')} ${f.message}`;

test('the generated draft is one of the add-in’s own sheets, never a table', () => {
  expect(GENERATED_NARRATIVE_SHEET).toBe('情况说明（生成稿）');
  expect(OWN_SHEETS.has(GENERATED_NARRATIVE_SHEET)).toBe(true);
});

describe('a user 情况说明 holding the written narrative', () => {
  let original: Buffer;
  let result: CheckResult;
  let copyBytes: Uint8Array;
  let copy: ExcelJS.Workbook;
  beforeAll(async () => {
    original = await userWorkbook(seedNarrativeLines());
    ({ result, copy: copyBytes } = await annotateWithDraft(original));
    copy = await load(copyBytes);
  });

  test('the written narrative is what the original is checked against (表文 findings on 情况说明)', () => {
    const t = result.findings.filter((f) => f.rule.startsWith('T'));
    expect(t.length).toBeGreaterThan(0);
    expect(t.every((f) => f.cells.every((c) => c.startsWith('情况说明!')))).toBe(true);
  });

  test('every user sheet keeps its name and every value; the draft is a new sheet after them', async () => {
    const ob = await load(original);
    expectEveryUserSheetKept(ob, copy);
    expect(copy.worksheets.map((w) => w.name)).toEqual([RESULT_SHEET, ...ob.worksheets.map((w) => w.name), '情况说明（生成稿）']);
    expect(texts(copy.getWorksheet('情况说明')!)).toEqual(seedNarrativeLines());
  });

  test('the draft is on 情况说明（生成稿） and nothing on it is marked', () => {
    const ws = copy.getWorksheet('情况说明（生成稿）')!;
    const lines = texts(ws);
    expect(lines).toContain('二、收入决算情况说明');
    expect(lines.some((t) => t.startsWith('2024年度收入合计1820.23万元'))).toBe(true);
    // Placeholders are in the text, not in a colour.
    expect(lines.some((t) => t.includes('【请填写'))).toBe(true);
    expect(lines[0]).not.toContain('黄色');
    expectNothingMarked(ws);
  });

  test('checking the copy again gives the findings of the original', async () => {
    const again = checkWorkbook(await loadWorkbookGrid(copyBytes));
    expect(again.mapping).toEqual(result.mapping);
    expect(again.findings.map(key)).toEqual(result.findings.map(key));
  });

  test('annotating the copy again: the first draft stays, the new one goes to 情况说明（生成稿）2', async () => {
    const { result: r2, copy: twiceBytes } = await annotateWithDraft(copyBytes);
    expect(r2.findings.map(key)).toEqual(result.findings.map(key));
    const twice = await load(twiceBytes);
    expectEveryUserSheetKept(copy, twice);
    expect(twice.worksheets.map((w) => w.name)).toEqual([...copy.worksheets.map((w) => w.name), '情况说明（生成稿）2']);
    expect(texts(twice.getWorksheet('情况说明（生成稿）2')!)).toEqual(texts(copy.getWorksheet('情况说明（生成稿）')!));
    expectNothingMarked(twice.getWorksheet('情况说明（生成稿）2')!);
    const again = checkWorkbook(await loadWorkbookGrid(twiceBytes));
    expect(again.findings.map(key)).toEqual(result.findings.map(key));
  });
});

describe('a user 情况说明 of a few lines that are not a narrative', () => {
  test('the draft is not taken for the written narrative when the copy is checked again', async () => {
    const original = await userWorkbook(['情况说明', '本单位的情况说明由财务科另行撰写，见附件。']);
    const { result, copy: copyBytes } = await annotateWithDraft(original);
    expect(result.findings.filter((f) => f.rule.startsWith('T'))).toEqual([]);
    const copy = await load(copyBytes);
    expectEveryUserSheetKept(await load(original), copy);
    expectNothingMarked(copy.getWorksheet('情况说明（生成稿）')!);
    const again = checkWorkbook(await loadWorkbookGrid(copyBytes));
    expect(again.findings.map(key)).toEqual(result.findings.map(key));
  });
});

test('a sheet of the user named 检查结果 is kept; the findings go to 检查结果(2), replaced when annotating again', async () => {
  const wb = await load(await seed000Xlsx());
  const own = wb.addWorksheet('检查结果');
  own.getCell('A1').value = '科室自查记录';
  own.getCell('B2').value = 12.5;
  const original = Buffer.from(await wb.xlsx.writeBuffer());
  const { result, copy: copyBytes } = await annotateWithDraft(original);
  const copy = await load(copyBytes);
  expectEveryUserSheetKept(wb, copy);
  expect(copy.worksheets[0]!.name).toBe('检查结果(2)');
  expect(String(copy.worksheets[0]!.getCell('A1').value)).toMatch(/^检查结果：/);
  const again = checkWorkbook(await loadWorkbookGrid(copyBytes));
  expect(again.findings.map(key)).toEqual(result.findings.map(key));
  const twice = await load((await annotateWithDraft(copyBytes)).copy);
  expect(twice.worksheets.map((w) => w.name)).toEqual([...copy.worksheets.map((w) => w.name), '情况说明（生成稿）2']);
  expect(twice.getWorksheet('检查结果')!.getCell('A1').value).toBe('科室自查记录');
});

test('juesuan check --annotate: the user’s 情况说明 as it was, the draft on 情况说明（生成稿）', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-annotate-'));
  try {
    const file = path.join(dir, '单位A.xlsx');
    const out = path.join(dir, '单位A-检查结果.xlsx');
    fs.writeFileSync(file, await userWorkbook(seedNarrativeLines()));
    let stdout = '';
    const code = await runCli(['check', file, '--annotate', out], { stdout: (s) => (stdout += s), stderr: () => undefined });
    expect(code).toBeLessThan(2);
    expect(stdout).toContain('已将标注副本写到');
    const copy = await load(fs.readFileSync(out));
    expectEveryUserSheetKept(await load(fs.readFileSync(file)), copy);
    expect(texts(copy.getWorksheet('情况说明')!)).toEqual(seedNarrativeLines());
    expect(copy.getWorksheet('情况说明(上一稿)')!.getCell('A1').value).toBe('2023年度部门决算情况说明（上年的稿子）');
    expectNothingMarked(copy.getWorksheet('情况说明（生成稿）')!);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
