/**
 * The annotated copy of packages other tools write, each in its own dialect:
 * relationship prefixes declared on inner elements (OpenXML SDK), note
 * drawings without an idmap (LibreOffice), empty <bookViews/>, <definedNames/>
 * and <styleSheet/>, styles without cell formats; and a copy annotated again
 * after its errors were corrected, whose earlier marks and reasons go.
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { checkWorkbook } from '../../src/core/check';
import type { Finding } from '../../src/core/rules/finding';
import { annotateWorkbook } from '../../src/hosts/xlsx/annotate/annotate';
import { children } from '../../src/hosts/xlsx/annotate/styles-edit';
import { inflateWithZlib } from '../../src/hosts/xlsx/inflate-node';
import { readXlsx } from '../../src/hosts/xlsx/read-xlsx';
import { seed000Xlsx } from '../fixtures';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

interface Parts {
  workbook: string;
  sheets: string[];
  styles?: string;
  extra?: Record<string, string>;
  sheetRels?: Record<number, string>;
}

/** A package of `sheets` (named 表1, 表2 …) with the given workbook, styles and other parts. */
function pkg(p: Parts): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        p.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        (p.styles !== undefined ? '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' : '') +
        Object.keys(p.extra ?? {})
          .filter((n) => /comments\d*\.xml$/.test(n))
          .map((n) => `<Override PartName="/${n}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>`)
          .join('') +
        '</Types>',
    ),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(p.workbook),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">` +
        p.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        (p.styles !== undefined ? `<Relationship Id="rIdS" Type="${R}/styles" Target="styles.xml"/>` : '') +
        '</Relationships>',
    ),
  };
  p.sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(s)));
  if (p.styles !== undefined) files['xl/styles.xml'] = strToU8(p.styles);
  for (const [n, t] of Object.entries(p.extra ?? {})) files[n] = strToU8(t);
  for (const [i, t] of Object.entries(p.sheetRels ?? {})) files[`xl/worksheets/_rels/sheet${Number(i) + 1}.xml.rels`] = strToU8(t);
  return zipSync(files);
}

const plainSheet = (extra = '') => `<worksheet xmlns="${NS}" xmlns:r="${R}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>收入</t></is></c><c r="B1"><v>10</v></c></row></sheetData>${extra}</worksheet>`;
const workbookOf = (n: number, inner = '') => `<workbook xmlns="${NS}" xmlns:r="${R}">${inner}<sheets>${Array.from({ length: n }, (_, i) => `<sheet name="表${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;

function finding(...refs: Array<[string, number, number]>): Finding {
  return { rule: 'X01', severity: 'error', tables: [], message: '示例', refs: refs.map(([sheet, row, col]) => ({ sheet, row, col })), cells: [] } as unknown as Finding;
}

async function annotate(bytes: Uint8Array, findings: Finding[]): Promise<Record<string, Uint8Array>> {
  const base = checkWorkbook(readXlsx(bytes, { inflate: inflateWithZlib }));
  return unzipSync(await annotateWorkbook(bytes, { ...base, findings }, { inflate: inflateWithZlib }));
}

/** Well-formed XML, namespace prefixes bound: what Excel needs before anything else. */
function expectWellFormed(name: string, xml: string): void {
  const doc = new DOMParserLite(xml);
  expect([name, doc.unbound()]).toEqual([name, []]);
}

/** Enough of a namespace check for these parts: every prefix used on an element or attribute is declared on it or an ancestor. */
class DOMParserLite {
  constructor(private readonly xml: string) {}
  unbound(): string[] {
    const out: string[] = [];
    const stack: Array<Set<string>> = [new Set(['xml', 'xmlns'])];
    const re = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
    for (const m of this.xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '').matchAll(re)) {
      if (m[1]) {
        stack.pop();
        continue;
      }
      const declared = new Set(stack[stack.length - 1]);
      for (const a of m[3]!.matchAll(/xmlns:([\w.-]+)\s*=/g)) declared.add(a[1]!);
      const prefixes = [m[2]!, ...[...m[3]!.matchAll(/([\w:.-]+)\s*=/g)].map((a) => a[1]!)].filter((n) => n.includes(':') && !n.startsWith('xmlns:')).map((n) => n.split(':')[0]!);
      for (const pfx of prefixes) if (!declared.has(pfx)) out.push(`${m[2]} uses ${pfx}:`);
      if (!m[4]) stack.push(declared);
    }
    return out;
  }
}

test('OpenXML SDK declares the relationships prefix on each element that uses it: the sheet and drawing links we add declare theirs on the root', async () => {
  const workbook = `<x:workbook xmlns:x="${NS}"><x:sheets><x:sheet name="表1" sheetId="1" r:id="rId1" xmlns:r="${R}"/></x:sheets></x:workbook>`;
  const sheet = `<x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData><x:hyperlinks><x:hyperlink ref="A1" r:id="rId9" xmlns:r="${R}"/></x:hyperlinks></x:worksheet>`;
  const files = await annotate(pkg({ workbook, sheets: [sheet] }), [finding(['表1', 0, 0])]);
  for (const name of ['xl/workbook.xml', 'xl/worksheets/sheet1.xml']) expectWellFormed(name, strFromU8(files[name]!));
  expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).toMatch(/<x:legacyDrawing r:id="rId\d+"\/>/);
});

test('a LibreOffice note drawing has no idmap: notes added on two sheets get shape ids no other drawing has', async () => {
  const loVml =
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"/>' +
    '<v:shape id="_x0000_s1025" type="#_x0000_t202" style="visibility:hidden"><x:ClientData ObjectType="Note"><x:Row>0</x:Row><x:Column>0</x:Column></x:ClientData></v:shape></xml>';
  const comments = `<comments xmlns="${NS}"><authors><author>会计</author></authors><commentList><comment ref="A1" authorId="0"><text><t>会计的批注</t></text></comment></commentList></comments>`;
  const bytes = pkg({
    workbook: workbookOf(2),
    sheets: [plainSheet(`<legacyDrawing r:id="rId2"/>`), plainSheet()],
    extra: { 'xl/drawings/vmlDrawing1.vml': loVml, 'xl/comments1.xml': comments },
    sheetRels: { 0: `<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/comments" Target="../comments1.xml"/><Relationship Id="rId2" Type="${R}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/></Relationships>` },
  });
  const files = await annotate(bytes, [finding(['表1', 0, 1], ['表2', 0, 1])]);
  const ids = Object.entries(files)
    .filter(([n]) => n.endsWith('.vml'))
    .flatMap(([, v]) => [...strFromU8(v).matchAll(/<v:shape id="(_x0000_s\d+)"/g)].map((m) => m[1]));
  expect(ids.length).toBe(3);
  expect(new Set(ids).size).toBe(3);
  for (const [n, v] of Object.entries(files)) if (n.endsWith('.vml')) expect(strFromU8(v)).toMatch(/<o:idmap v:ext="edit" data="\d+"\/>/);
});

test('empty <bookViews/> and <definedNames/> are filled, not doubled; a stylesheet of one tag, without cell formats, gets the defaults before our formats', async () => {
  const workbook = workbookOf(1, '<bookViews/>').replace('</sheets>', '</sheets><definedNames/>');
  const files = await annotate(pkg({ workbook, sheets: [plainSheet()], styles: `<styleSheet xmlns="${NS}"/>` }), [finding(['表1', 0, 1])]);
  const wb = strFromU8(files['xl/workbook.xml']!);
  expect(wb.match(/<bookViews/g)).toHaveLength(1);
  expect(wb.match(/<definedNames/g)).toHaveLength(1);
  expect(wb).toContain('<bookViews><workbookView activeTab="0"/></bookViews>');
  const styles = strFromU8(files['xl/styles.xml']!);
  const section = (s: string) => new RegExp(`<${s}\\b[^>]*>([\\s\\S]*?)</${s}>`).exec(styles)?.[1] ?? '';
  const fills = children(section('fills'), 'fill');
  expect(fills[0]).toContain('patternType="none"');
  expect(fills[1]).toContain('patternType="gray125"');
  const xfs = children(section('cellXfs'), 'xf');
  expect(xfs[0]).toBe('<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>');
  const s = Number(/<c r="B1" s="(\d+)"/.exec(strFromU8(files['xl/worksheets/sheet1.xml']!))![1]);
  expect(s).toBeGreaterThan(0);
  expect(fills[Number(/fillId="(\d+)"/.exec(xfs[s]!)![1])]).toContain('FFFFC7CE');
  const wbx = new ExcelJS.Workbook();
  await wbx.xlsx.load(zipSync(files) as unknown as ExcelJS.Buffer);
  expect(wbx.getWorksheet('表1')!.getCell('A1').fill).toBeUndefined();
});

test('a font name with an entity in it is written once escaped', async () => {
  const styles = `<styleSheet xmlns="${NS}"><fonts count="1"><font><sz val="11"/><name val="A&amp;B 宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>`;
  const files = await annotate(pkg({ workbook: workbookOf(1), sheets: [plainSheet()], styles }), [finding(['表1', 0, 1])]);
  const out = strFromU8(files['xl/styles.xml']!);
  expect(out).toContain('<name val="A&amp;B 宋体"/>');
  expect(out).not.toContain('&amp;amp;');
});

test('a copy annotated again after its error was corrected: the mark and the reasons of the earlier annotation go, the user’s own note stays', async () => {
  // Seed 000 with a typo: annotated; then the typo corrected in the copy, and the copy checked and annotated again.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await seed000Xlsx()) as unknown as ExcelJS.Buffer);
  let typoRow = 0;
  wb.getWorksheet('公开02表')!.eachRow((row, n) => {
    if (String(row.getCell(1).value) === '2010301') {
      row.getCell(4).value = 289.41;
      row.getCell(4).note = '会计：已与财务系统核对';
      typoRow = n;
    }
  });
  const typo = new Uint8Array(await wb.xlsx.writeBuffer());
  const first = await annotateWorkbook(typo, checkWorkbook(readXlsx(typo, { inflate: inflateWithZlib })), { inflate: inflateWithZlib });
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.load(first as unknown as ExcelJS.Buffer);
  expect(copy.getWorksheet('公开02表')!.getCell(typoRow, 4).fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
  copy.getWorksheet('公开02表')!.getCell(typoRow, 4).value = 298.41;
  const corrected = new Uint8Array(await copy.xlsx.writeBuffer());
  const result = checkWorkbook(readXlsx(corrected, { inflate: inflateWithZlib }));
  expect(result.summary.error).toBe(0);
  const again = new ExcelJS.Workbook();
  await again.xlsx.load((await annotateWorkbook(corrected, result, { inflate: inflateWithZlib })) as unknown as ExcelJS.Buffer);
  const ws = again.getWorksheet('公开02表')!;
  const d = ws.getCell(typoRow, 4);
  expect(d.fill?.type === 'pattern' ? (d.fill as ExcelJS.FillPattern).fgColor?.argb : undefined).not.toBe('FFFFC7CE');
  const note = d.note === undefined ? '' : typeof d.note === 'string' ? d.note : (d.note.texts ?? []).map((t) => t.text).join('');
  expect(note).toBe('会计：已与财务系统核对');
  // C9 carried only our reasons: its note is gone. The cells marked now (rounding) keep theirs.
  expect(ws.getCell(typoRow, 3).note).toBeUndefined();
  const marked = result.findings.flatMap((f) => f.refs).find((r) => r.sheet === '公开01表')!;
  expect(String(JSON.stringify(again.getWorksheet('公开01表')!.getCell(marked.row + 1, marked.col + 1).note))).toContain('尾数误差');
});

test('a cell with an Excel 365 threaded comment gets the reasons as a reply by 决算公开助手; annotating again without the finding takes the reply out, the thread stays', async () => {
  const TC = 'http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments';
  const threaded = `<ThreadedComments xmlns="${TC}" xmlns:x="${NS}"><threadedComment ref="B1" dT="2025-03-01T09:00:00.00" personId="{11111111-1111-4111-8111-111111111111}" id="{22222222-2222-4222-8222-222222222222}"><text>请核对财政拨款</text></threadedComment></ThreadedComments>`;
  const persons = `<personList xmlns="${TC}" xmlns:x="${NS}"><person displayName="张会计" id="{11111111-1111-4111-8111-111111111111}" userId="张会计" providerId="None"/></personList>`;
  const legacy = `<comments xmlns="${NS}"><authors><author>tc={22222222-2222-4222-8222-222222222222}</author></authors><commentList><comment ref="B1" authorId="0"><text><t>[Threaded comment] 请核对财政拨款</t></text></comment></commentList></comments>`;
  const bytes = pkg({
    workbook: workbookOf(1),
    sheets: [plainSheet()],
    extra: { 'xl/threadedComments/threadedComment1.xml': threaded, 'xl/persons/person.xml': persons, 'xl/comments1.xml': legacy },
    sheetRels: {
      0: `<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/comments" Target="../comments1.xml"/><Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>`,
    },
  });
  // The workbook's link to its persons part.
  const files0 = unzipSync(bytes);
  files0['xl/_rels/workbook.xml.rels'] = strToU8(strFromU8(files0['xl/_rels/workbook.xml.rels']!).replace('</Relationships>', '<Relationship Id="rIdP" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" Target="persons/person.xml"/></Relationships>'));
  const input = zipSync(files0);
  const files = await annotate(input, [finding(['表1', 0, 1])]);
  const tc = strFromU8(files['xl/threadedComments/threadedComment1.xml']!);
  const reply = /<threadedComment ref="B1"[^>]*parentId="\{22222222-2222-4222-8222-222222222222\}"[^>]*>\s*<text>([^<]*)<\/text>/.exec(tc);
  expect(reply?.[1]).toBe('【错误 X01】示例');
  const me = /<person displayName="决算公开助手" id="([^"]+)"/.exec(strFromU8(files['xl/persons/person.xml']!))?.[1];
  expect(me).toMatch(/^\{[0-9A-F-]{36}\}$/);
  expect(tc).toContain(`personId="${me}"`);
  expect(strFromU8(files['xl/comments1.xml']!)).toContain('【错误 X01】示例');

  const again = await annotate(zipSync(files), []);
  const tc2 = strFromU8(again['xl/threadedComments/threadedComment1.xml']!);
  expect(tc2).not.toContain('【错误 X01】');
  expect(tc2).toContain('请核对财政拨款');
  expect(strFromU8(again['xl/comments1.xml']!)).not.toContain('【错误 X01】');
});
