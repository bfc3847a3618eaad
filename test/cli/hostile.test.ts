/**
 * Files a bureau could receive that are not friendly: a zip that lies about
 * its sizes, a sheet whose used range is absurd, overlapping merges, a cell of
 * a million characters, a 情况说明 of 20,000 paragraphs, a .docx of 40,000 —
 * none crashes, hangs or floods the report; and outputs never go over a file.
 */
import JSZip from 'jszip';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { runCli } from '../../src/cli/main';
import { cpuMs } from '../helpers/cpu-time';
import { inflateWithFflate } from '../../src/hosts/xlsx/inflate';
import { inflateWithZlib } from '../../src/hosts/xlsx/inflate-node';
import { readXlsx } from '../../src/hosts/xlsx/read-xlsx';
import { ZipError, ZipPackage } from '../../src/hosts/xlsx/zip';
import { seed000Spec, seed000Xlsx, specToXlsx } from '../fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-hostile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

async function editedSeed(edit: (zip: JSZip) => Promise<void>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await seed000Xlsx());
  await edit(zip);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const sheetXml = async (zip: JSZip, n: number, f: (x: string) => string): Promise<void> => void zip.file(`xl/worksheets/sheet${n}.xml`, f(await zip.file(`xl/worksheets/sheet${n}.xml`)!.async('string')));

describe('the zip', () => {
  /** One part whose directory says 100 bytes, whose data inflates to 50 MB. */
  function liar(): Uint8Array {
    const data = deflateRawSync(Buffer.alloc(50 * 1024 * 1024, 0x41), { level: 9 });
    const name = Buffer.from('xl/workbook.xml');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(data.length, 18);
    h.writeUInt32LE(100, 22);
    h.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(100, 24);
    c.writeUInt16LE(name.length, 28);
    const e = Buffer.alloc(22);
    e.writeUInt32LE(0x06054b50, 0);
    e.writeUInt16LE(1, 8);
    e.writeUInt16LE(1, 10);
    e.writeUInt32LE(46 + name.length, 12);
    e.writeUInt32LE(30 + name.length + data.length, 16);
    return new Uint8Array(Buffer.concat([h, name, data, c, name, e]));
  }

  test.each([
    ['node:zlib', inflateWithZlib],
    ['fflate', inflateWithFflate],
  ])('a part that inflates past its declared size is stopped there (%s)', (_n, inflate) => {
    const bytes = liar();
    const zip = new ZipPackage(bytes, inflate);
    // Stopped at the size the directory declares (100 bytes), not after inflating the 50 MB.
    expect(() => zip.read('xl/workbook.xml')).toThrow(/100 字节/);
  });

  test('a package without a workbook part is not a workbook; a sheet listed without its part is damaged', async () => {
    const docx = new JSZip();
    docx.file('[Content_Types].xml', '<Types/>');
    docx.file('word/document.xml', '<w:document/>');
    const bytes = new Uint8Array(await docx.generateAsync({ type: 'nodebuffer' }));
    expect(() => readXlsx(bytes, { inflate: inflateWithZlib })).toThrow(ZipError);
  });
});

describe('sheets', () => {
  test('a used range no disclosure comes near (a value at XFD1048576) is refused within a second, exit 2', async () => {
    const file = path.join(dir, '远处.xlsx');
    fs.writeFileSync(file, await editedSeed((z) => sheetXml(z, 1, (x) => x.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'))));
    const { result: r, ms } = await cpuMs(() => run(['check', file]));
    expect(ms).toBeLessThan(2000);
    expect(r.code).toBe(2);
    expect(r.err).toContain('已用范围异常大（1,048,576 行 × 16,384 列');
  });

  test('overlapping whole-sheet merges do not hang the reader', async () => {
    const merges = Array.from({ length: 2000 }, (_, i) => `<mergeCell ref="A${i + 1}:Z1000"/>`).join('');
    const file = path.join(dir, '合并.xlsx');
    fs.writeFileSync(file, await editedSeed((z) => sheetXml(z, 2, (x) => x.replace(/<mergeCells[\s\S]*?<\/mergeCells>|(?=<pageMargins)/, `<mergeCells count="2000">${merges}</mergeCells>`))));
    const { result: r, ms } = await cpuMs(() => run(['check', file, '--json']));
    expect(ms).toBeLessThan(8000);
    expect([0, 1, 2]).toContain(r.code);
  });

  test('a namespace prefix on every element (<x:c>) reads as without', async () => {
    const plain = readXlsx(new Uint8Array(await seed000Xlsx()), { inflate: inflateWithZlib });
    const prefixed = readXlsx(
      new Uint8Array(await editedSeed((z) => sheetXml(z, 1, (x) => x.replace(/<(\/?)(worksheet|sheetData|row|c|v|f|is|t|mergeCells|mergeCell)\b/g, '<$1x:$2').replace('<x:worksheet ', '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ')))),
      { inflate: inflateWithZlib },
    );
    const a = plain.sheets[0]!;
    const b = prefixed.sheets[0]!;
    expect([b.rowCount, b.colCount, b.merges]).toEqual([a.rowCount, a.colCount, a.merges]);
    for (let r = 0; r < a.rowCount; r++) for (let c = 0; c < a.colCount; c++) expect(b.cell(r, c)).toEqual(a.cell(r, c));
  });
});

describe('text', () => {
  test('a message quotes at most 60 characters of a cell (text, JSON, report)', async () => {
    const spec = seed000Spec();
    spec.sheets.push({ name: '说明数据', rows: [['项目', '数值', '文字'], ['长'.repeat(100_000), 1, ''], ['年度', '短'.repeat(5000), '']], merges: [] });
    const file = path.join(dir, '长文字.xlsx');
    fs.writeFileSync(file, await specToXlsx(spec));
    const longest = (s: string) => Math.max(0, ...[...s.matchAll(/“([^”]*)”/g)].map((m) => [...m[1]!].length));
    const text = await run(['check', file]);
    expect(text.out).toContain('长'.repeat(60) + '…');
    expect(longest(text.out)).toBeLessThanOrEqual(61);
    const json = await run(['check', file, '--json']);
    expect(longest(json.out)).toBeLessThanOrEqual(61);
    await run(['check', file, '--report', path.join(dir, '长文字.json')]);
    expect(longest(fs.readFileSync(path.join(dir, '长文字.json'), 'utf8'))).toBeLessThanOrEqual(61);
  });

  test('a 情况说明 of 20,000 paragraphs in the workbook and a .docx of 40,000 are read in linear time', async () => {
    const paragraph = (i: number) => `2024年度收入总计${(i % 900) + 100}.5万元，比上年增加${i % 50}.2万元，增长${i % 30}.1%。主要原因是某某事项${i}。`;
    const spec = seed000Spec();
    spec.sheets.push({ name: '情况说明', rows: [['一、收入支出决算总体情况说明'], ...Array.from({ length: 20_000 }, (_, i) => [paragraph(i)])], merges: [] });
    const file = path.join(dir, '长说明.xlsx');
    fs.writeFileSync(file, await specToXlsx(spec));
    const { result: r, ms } = await cpuMs(() => run(['check', file]));
    // Quadratic, this took 25 s; linear, well under one.
    expect(ms).toBeLessThan(8000);
    expect([0, 1]).toContain(r.code);

    const docx = new JSZip();
    const body = ['一、收入支出决算总体情况说明', ...Array.from({ length: 40_000 }, (_, i) => paragraph(i))].map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('');
    docx.file('word/document.xml', `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
    const docxFile = path.join(dir, '长说明.docx');
    fs.writeFileSync(docxFile, await docx.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const seed = path.join(dir, 'seed.xlsx');
    fs.writeFileSync(seed, await seed000Xlsx());
    const { result: d, ms: docxMs } = await cpuMs(() => run(['check', seed, '--narrative', docxFile]));
    expect(docxMs).toBeLessThan(8000);
    expect([0, 1]).toContain(d.code);
  }, 60_000);
});

describe('never over a file', () => {
  let seed: string;
  beforeAll(async () => {
    seed = path.join(dir, '单位.xlsx');
    fs.writeFileSync(seed, await seed000Xlsx());
  });

  test('--annotate: not over an existing file unless --force, never over the input, only to .xlsx (.xlsm for .xlsm)', async () => {
    const copy = path.join(dir, '标注.xlsx');
    fs.writeFileSync(copy, 'keep');
    let r = await run(['check', seed, '--annotate', copy]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('文件已存在，未覆盖');
    expect(fs.readFileSync(copy, 'utf8')).toBe('keep');
    r = await run(['check', seed, '--annotate', copy, '--force']);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(copy).subarray(0, 2).toString()).toBe('PK');
    r = await run(['check', seed, '--annotate', seed, '--force']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('不能写到被检查的文件本身');
    r = await run(['check', seed, '--annotate', path.join(dir, '标注.docx')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--annotate 的文件名应以 .xlsx 结尾');
    expect(fs.existsSync(path.join(dir, '标注.docx'))).toBe(false);
    r = await run(['check', seed, '--annotate', path.join(dir, '标注.xlsm')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('同为 .xlsx');
  });

  test('narrative --out: not over an existing file unless --force, not over the workbook, only to .docx', async () => {
    const out = path.join(dir, '说明.docx');
    fs.writeFileSync(out, 'keep');
    let r = await run(['narrative', seed, '--format', 'docx', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('文件已存在，未覆盖');
    expect(fs.readFileSync(out, 'utf8')).toBe('keep');
    r = await run(['narrative', seed, '--format', 'docx', '--out', out, '--force']);
    expect(r.code).toBe(0);
    r = await run(['narrative', seed, '--format', 'docx', '--out', path.join(dir, '说明.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--out 的文件名应以 .docx 结尾');
  });
});
