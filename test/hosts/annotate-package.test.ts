/**
 * The annotated copy is the original package with only the parts the marks
 * need rewritten: compared part by part on a macro workbook (.xlsm) with an
 * external link, defined names (global and sheet-local), data validation,
 * conditional formats, hyperlinks, a note of the user's, printer settings and
 * a custom XML part — things a library round trip drops.
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { checkWorkbook } from '../../src/core/check';
import { readXlsx } from '../../src/hosts/xlsx/read-xlsx';
import { inflateWithZlib } from '../../src/hosts/xlsx/inflate-node';
import { ZipPackage } from '../../src/hosts/xlsx/zip';
import { RESULT_SHEET, annotateWorkbook } from '../../src/hosts/xlsx/annotate/annotate';
import { children } from '../../src/hosts/xlsx/annotate/styles-edit';
import { seed000Xlsx } from '../fixtures';

const VBA = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251);
const PRINTER = Uint8Array.from({ length: 500 }, (_, i) => (i * 31) % 256);
const EXTERNAL_LINK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<externalBook r:id="rId1"><sheetNames><sheetName val="汇总"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>1820.23</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>';
const CUSTOM_XML = '<?xml version="1.0" encoding="UTF-8"?><单位 xmlns="urn:example:unit"><名称>株洲市天元区征地工作协调服务中心</名称></单位>';

/** Seed 000 with a typo and all the things a round trip loses, as Excel would save it (.xlsm). */
async function richWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await seed000Xlsx()) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('公开02表')!;
  ws.eachRow((row) => {
    if (String(row.getCell(1).value) === '2010301') {
      row.getCell(4).value = 289.41; // a typo: 298.41
      row.getCell(4).note = '会计：已与财务系统核对';
    }
  });
  ws.getCell('H2').value = { text: '财政局网站', hyperlink: 'https://czj.example.gov.cn/' };
  for (let r = 8; r <= 30; r++) {
    for (const c of ['C', 'D']) ws.getCell(`${c}${r}`).dataValidation = { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true, showErrorMessage: true, error: '金额不能为负' };
  }
  ws.addConditionalFormatting({ ref: 'C8:F30', rules: [{ type: 'cellIs', operator: 'lessThan', formulae: ['0'], priority: 1, style: { font: { color: { argb: 'FFFF0000' } } } }] });
  wb.definedNames.add("'公开01表'!$A$1:$F$40", '总表区域');
  wb.getWorksheet('公开03表')!.pageSetup.printArea = 'A1:H30';
  const xlsx = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));

  // What Excel adds that exceljs does not write: macros, an external link, printer settings, custom XML.
  const text = (p: string) => strFromU8(xlsx[p]!);
  xlsx['xl/vbaProject.bin'] = VBA;
  xlsx['xl/externalLinks/externalLink1.xml'] = strToU8(EXTERNAL_LINK);
  xlsx['xl/externalLinks/_rels/externalLink1.xml.rels'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///D:/决算/2024汇总.xlsx" TargetMode="External"/></Relationships>',
  );
  xlsx['xl/printerSettings/printerSettings1.bin'] = PRINTER;
  xlsx['customXml/item1.xml'] = strToU8(CUSTOM_XML);
  xlsx['[Content_Types].xml'] = strToU8(
    text('[Content_Types].xml')
      .replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
      .replace(
        '</Types>',
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' +
          '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>',
      ),
  );
  xlsx['xl/_rels/workbook.xml.rels'] = strToU8(
    text('xl/_rels/workbook.xml.rels').replace(
      '</Relationships>',
      '<Relationship Id="rId90" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>' +
        '<Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>',
    ),
  );
  xlsx['xl/workbook.xml'] = strToU8(text('xl/workbook.xml').replace('</sheets>', '</sheets><externalReferences><externalReference r:id="rId91"/></externalReferences>'));
  return zipSync(xlsx, { level: 6 });
}

const parts = (bytes: Uint8Array) => unzipSync(bytes);
const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) => a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b));

let original: Uint8Array;
let copy: Uint8Array;
let before: Record<string, Uint8Array>;
let after: Record<string, Uint8Array>;
let findings: ReturnType<typeof checkWorkbook>['findings'];

beforeAll(async () => {
  original = await richWorkbook();
  const result = checkWorkbook(readXlsx(original, { inflate: inflateWithZlib }));
  findings = result.findings;
  const snapshot = Buffer.from(original);
  copy = await annotateWorkbook(original, result, { inflate: inflateWithZlib });
  expect(Buffer.from(original).equals(snapshot)).toBe(true);
  before = parts(original);
  after = parts(copy);
});

/** The sheet parts by sheet name, through the workbook's relationships. */
function sheetParts(p: Record<string, Uint8Array>): Map<string, string> {
  const wb = strFromU8(p['xl/workbook.xml']!);
  const rels = strFromU8(p['xl/_rels/workbook.xml.rels']!);
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])![1]!;
    const id = /r:id="([^"]+)"/.exec(m[0])![1]!;
    const target = new RegExp(`<Relationship[^>]*Id="${id}"[^>]*Target="([^"]+)"|<Relationship[^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!;
    out.set(name, `xl/${(target[1] ?? target[2])!.replace(/^\/?xl\//, '')}`);
  }
  return out;
}

test('the typo is found, so there are cells to mark on 公开02表', () => {
  expect(findings.some((f) => f.severity === 'error' && f.refs.some((r) => r.sheet === '公开02表'))).toBe(true);
});

test('every part of the original is in the copy; those the marks do not need are the same bytes, stored as they were', () => {
  const sheets = sheetParts(before);
  const marked = new Set(findings.flatMap((f) => f.refs.map((r) => sheets.get(r.sheet)!)));
  const mayChange = (name: string) =>
    name === '[Content_Types].xml' ||
    name === 'xl/workbook.xml' ||
    name === 'xl/_rels/workbook.xml.rels' ||
    name === 'xl/styles.xml' ||
    marked.has(name) ||
    [...marked].some((s) => name === s.replace(/([^/]+)$/, '_rels/$1.rels')) ||
    /^xl\/comments\d+\.xml$|^xl\/drawings\/vmlDrawing\d+\.vml$/.test(name);
  const zipBefore = new ZipPackage(original, inflateWithZlib);
  const zipAfter = new ZipPackage(copy, inflateWithZlib);
  const unchanged: string[] = [];
  for (const name of Object.keys(before)) {
    expect([name, after[name] !== undefined]).toEqual([name, true]);
    if (mayChange(name)) continue;
    expect([name, same(before[name], after[name])]).toEqual([name, true]);
    // Copied as stored, not inflated and deflated again.
    const a = zipBefore.entry(name)!;
    const b = zipAfter.entry(name)!;
    expect([name, Buffer.from(zipBefore.raw(a)).equals(Buffer.from(zipAfter.raw(b)))]).toEqual([name, true]);
    unchanged.push(name);
  }
  for (const p of ['xl/vbaProject.bin', 'xl/externalLinks/externalLink1.xml', 'xl/externalLinks/_rels/externalLink1.xml.rels', 'xl/printerSettings/printerSettings1.bin', 'customXml/item1.xml', 'xl/sharedStrings.xml', 'xl/theme/theme1.xml']) {
    expect(unchanged).toContain(p);
  }
});

test('the macro workbook stays one: its content type, the vbaProject and external link relationships and the external reference are kept', () => {
  const types = strFromU8(after['[Content_Types].xml']!);
  expect(types).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
  expect(types).toContain('<Override PartName="/xl/externalLinks/externalLink1.xml"');
  const rels = strFromU8(after['xl/_rels/workbook.xml.rels']!);
  expect(rels).toContain('Target="vbaProject.bin"');
  expect(rels).toContain('Target="externalLinks/externalLink1.xml"');
  expect(strFromU8(after['xl/workbook.xml']!)).toContain('<externalReferences><externalReference r:id="rId91"/></externalReferences>');
});

test('defined names are kept; a sheet-local one follows its sheet, moved one place by 检查结果', () => {
  const names = (p: Record<string, Uint8Array>) => [...strFromU8(p['xl/workbook.xml']!).matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)].map((m) => ({ attrs: m[1]!, text: m[2]! }));
  const was = names(before);
  const now = names(after);
  const global = was.filter((n) => !/localSheetId/.test(n.attrs));
  expect(global.length).toBeGreaterThan(0);
  for (const n of global) expect(now).toContainEqual(n);
  const local = was.filter((n) => /localSheetId/.test(n.attrs));
  expect(local.length).toBeGreaterThan(0);
  for (const n of local) {
    const i = Number(/localSheetId="(\d+)"/.exec(n.attrs)![1]);
    expect(now).toContainEqual({ attrs: n.attrs.replace(/localSheetId="\d+"/, `localSheetId="${i + 1}"`), text: n.text });
  }
  const order = [...strFromU8(after['xl/workbook.xml']!).matchAll(/<sheet\b[^>]*name="([^"]+)"/g)].map((m) => m[1]);
  expect(order[0]).toBe(RESULT_SHEET);
});

test('a marked sheet changes only in the format of its marked cells and the link to its notes; validation, conditional formats and hyperlinks are kept as written', () => {
  const part = sheetParts(before).get('公开02表')!;
  const was = strFromU8(before[part]!);
  const now = strFromU8(after[part]!);
  const outside = (xml: string) =>
    xml
      .replace(/<sheetData>[\s\S]*<\/sheetData>/, '')
      .replace(/<legacyDrawing [^>]*\/>/, '')
      .replace(/ tabSelected="1"/, '');
  expect(outside(now)).toBe(outside(was));
  for (const element of ['<dataValidations', '<conditionalFormatting', '<hyperlinks']) expect(now).toContain(element);
  // Inside sheetData, the cells differ only in their s attribute (and cells that were not there).
  const cells = (xml: string) => new Map([...xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g)].map((m) => [m[1]!, { attrs: m[2]!.replace(/\s*s="\d+"/, ''), body: m[4] ?? '' }]));
  const a = cells(was);
  const b = cells(now);
  for (const [ref, c] of a) expect([ref, b.get(ref)]).toEqual([ref, c]);
  // The user's note on D9 is still there, with the reasons after it.
  const rels = strFromU8(after[part.replace(/([^/]+)$/, '_rels/$1.rels')]!);
  const comments = /Type="[^"]*\/comments" Target="([^"]+)"|Target="([^"]+)"[^>]*Type="[^"]*\/comments"/.exec(rels)!;
  const commentsXml = strFromU8(after[`xl/${(comments[1] ?? comments[2])!.replace(/^\.\.\//, '')}`]!);
  expect(commentsXml).toMatch(/<comment ref="D9"[^>]*>[\s\S]*会计：已与财务系统核对[\s\S]*【错误 R05\.row】/);
});

test('the styles part only grows: every font, fill, border and cell format of the user keeps its index', () => {
  const was = strFromU8(before['xl/styles.xml']!);
  const now = strFromU8(after['xl/styles.xml']!);
  for (const [section, child] of [['fonts', 'font'], ['fills', 'fill'], ['borders', 'border'], ['cellXfs', 'xf'], ['numFmts', 'numFmt']] as const) {
    const of = (xml: string) => children(new RegExp(`<${section}\\b[^>]*>([\\s\\S]*?)</${section}>`).exec(xml)?.[1] ?? '', child);
    const old = of(was);
    const neu = of(now);
    expect(neu.slice(0, old.length)).toEqual(old);
    const count = new RegExp(`<${section} count="(\\d+)"`).exec(now)?.[1];
    if (count !== undefined) expect(Number(count)).toBe(neu.length);
  }
});

test('the copy opens in exceljs, keeps the validation and conditional format there too, and checks exactly as the original', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(copy as unknown as ExcelJS.Buffer);
  expect(wb.worksheets[0]!.name).toBe(RESULT_SHEET);
  const ws = wb.getWorksheet('公开02表')!;
  expect(ws.getCell('D9').dataValidation).toMatchObject({ type: 'decimal', error: '金额不能为负' });
  expect((ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings).toHaveLength(1);
  expect(ws.getCell('H2').value).toMatchObject({ hyperlink: 'https://czj.example.gov.cn/' });
  const again = checkWorkbook(readXlsx(copy, { inflate: inflateWithZlib }));
  expect(again.findings).toEqual(findings);
});

test('a package written by another tool (elements with an x: prefix, no styles part, rows without r) is annotated in its own dialect', async () => {
  const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sheet =
    `<x:worksheet xmlns:x="${NS}" xmlns:r="${R}"><x:sheetData>` +
    `<x:row><x:c t="inlineStr"><x:is><x:t>收入</x:t></x:is></x:c><x:c><x:v>10</x:v></x:c></x:row>` +
    `<x:row><x:c t="inlineStr"><x:is><x:t>支出</x:t></x:is></x:c><x:c><x:v>12</x:v></x:c></x:row>` +
    `</x:sheetData></x:worksheet>`;
  const pkg = zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`<x:workbook xmlns:x="${NS}" xmlns:r="${R}"><x:sheets><x:sheet name="表" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
  });
  const grid = readXlsx(pkg, { inflate: inflateWithZlib });
  const finding = { rule: 'X', severity: 'error' as const, tables: [], message: '示例', refs: [{ sheet: '表', row: 1, col: 1 }, { sheet: '表', row: 4, col: 2 }], cells: [] };
  const base = checkWorkbook(grid);
  const out = await annotateWorkbook(pkg, { ...base, findings: [finding as never] }, { inflate: inflateWithZlib });
  // exceljs cannot read x:-prefixed parts: the copy is read with our reader and looked at as XML.
  expect(readXlsx(out, { inflate: inflateWithZlib }).sheets.find((x) => x.name === '表')!.cell(1, 1)?.value).toBe(12);
  const files = unzipSync(out);
  const sheetXml = strFromU8(files['xl/worksheets/sheet1.xml']!);
  const styles = strFromU8(files['xl/styles.xml']!);
  const xfs = children(/<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!, 'xf');
  const fills = children(/<fills\b[^>]*>([\s\S]*?)<\/fills>/.exec(styles)![1]!, 'fill');
  const fillOf = (cell: RegExp) => fills[Number(/fillId="(\d+)"/.exec(xfs[Number(cell.exec(sheetXml)![1])]!)![1])];
  // B2 has no r attribute (it is the row's second cell): found by position, given a format, still without r.
  expect(fillOf(/<x:is><x:t>支出<\/x:t><\/x:is><\/x:c><x:c s="(\d+)"><x:v>12<\/x:v>/)).toContain('FFFFC7CE');
  expect(fillOf(/<x:c r="C5" s="(\d+)"\/>/)).toContain('FFFFC7CE'); // a cell (and row) that was not in the part
  expect(sheetXml).toMatch(/<x:row r="5"><x:c r="C5" s="\d+"\/><\/x:row><\/x:sheetData>/);
  expect(sheetXml).toContain('<x:legacyDrawing r:id=');
  expect(strFromU8(files['[Content_Types].xml']!)).toContain('/xl/styles.xml');
  expect(strFromU8(files['xl/comments1.xml']!)).toContain('【错误 X】示例');
});

test('annotating again a copy that LibreOffice or WPS saved (our reasons split into runs wherever the script changes) keeps the user’s note once and our reasons once', async () => {
  // What LibreOffice writes back for one of our notes: 【错误 | R05.row | 】收入决算表… as separate runs.
  const files = parts(copy);
  const name = Object.keys(files).find((n) => /^xl\/comments\d+\.xml$/.test(n) && strFromU8(files[n]!).includes('会计：已与财务系统核对'))!;
  const split = strFromU8(files[name]!).replace(/<r>(<rPr>(?:(?!<\/rPr>)[\s\S])*<\/rPr>)<t xml:space="preserve">([^<]*)<\/t><\/r>/g, (_m, rPr: string, text: string) =>
    text
      .split(/(?<=【错误 )|(?=】)|(?<=\d)(?=\D)|(?<=\D)(?=\d)/)
      .map((piece) => `<r>${rPr}<t xml:space="preserve">${piece}</t></r>`)
      .join(''),
  );
  expect(split).toContain('<t xml:space="preserve">【错误 </t>');
  files[name] = strToU8(split);
  const saved = zipSync(files);
  const again = await annotateWorkbook(saved, checkWorkbook(readXlsx(saved, { inflate: inflateWithZlib })), { inflate: inflateWithZlib });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(again as unknown as ExcelJS.Buffer);
  const note = ((wb.getWorksheet('公开02表')!.getCell('D9').note as ExcelJS.Comment).texts ?? []).map((t) => t.text).join('');
  expect(note.startsWith('会计：已与财务系统核对\n\n【错误 R05.row】')).toBe(true);
  expect(note.split('【错误 R05.row】')).toHaveLength(2);
  expect(note.split('会计：已与财务系统核对')).toHaveLength(2);
});

test('a finding on a narrative checked from outside the workbook (a .docx) lists its cells without a link that would lead nowhere', async () => {
  const result = checkWorkbook(readXlsx(original, { inflate: inflateWithZlib }));
  const outside = { ...result.findings[0]!, rule: 'T01', refs: [{ sheet: '说明.docx', row: 4, col: 0 }], cells: ['说明.docx!A5'] };
  const out = await annotateWorkbook(original, { ...result, findings: [outside] }, { inflate: inflateWithZlib });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(out as unknown as ExcelJS.Buffer);
  const cell = wb.getWorksheet(RESULT_SHEET)!.getCell('H4');
  expect(cell.value).toBe('说明.docx!A5');
  expect(cell.formula).toBeUndefined();
});
