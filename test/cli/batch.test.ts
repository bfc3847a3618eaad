/**
 * The finance bureau's batch: a folder of good, erroneous, damaged and hostile
 * workbooks gives the right summary rows and exit status, in the same order
 * whatever --jobs, with a progress bar only on a terminal.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { runCli } from '../../src/cli/main';
import { cpuMs } from '../helpers/cpu-time';
import { layoutWorkbook, seed000Xlsx, specToXlsx, variantXlsx, variants } from '../fixtures';
import { modelToDisclosure, roundLeaves, sampleModel } from '../fixtures/generator';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-batch-'));
const folder = path.join(root, '报送');

async function run(args: string[], tty = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s), stderrIsTTY: tty });
  return { code, out, err };
}

/** seed 000 with 公开02表 财政拨款收入 of 2010301 typed 289.41 instead of 298.41. */
async function typo(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await seed000Xlsx()) as unknown as ArrayBuffer);
  wb.getWorksheet('公开02表')!.eachRow((row) => {
    if (String(row.getCell(1).value) === '2010301') row.getCell(4).value = 289.41;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function withoutPart(bytes: Buffer, part: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  expect(zip.file(part)).not.toBeNull();
  zip.remove(part);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * A zip bomb: a valid package whose first sheet inflates from about 40 KB to
 * 40 MB (a thousand times). Written with a stored directory of our own so the
 * test does not spend seconds compressing.
 */
async function bomb(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await seed000Xlsx());
  const huge = Buffer.alloc(40 * 1024 * 1024, 0x20);
  Buffer.from('<worksheet><sheetData>').copy(huge, 0);
  Buffer.from('</sheetData></worksheet>').copy(huge, huge.length - 24);
  const parts: Array<[string, Buffer]> = [];
  for (const name of Object.keys(zip.files)) {
    if (zip.files[name]!.dir) continue;
    parts.push([name, name === 'xl/worksheets/sheet1.xml' ? huge : await zip.file(name)!.async('nodebuffer')]);
  }
  return rawZip(parts);
}

function crc32(b: Buffer): number {
  return require('node:zlib').crc32(b) as number;
}

/** A zip from parts, each deflated once (no compression level search). */
function rawZip(parts: Array<[string, Buffer]>): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const n = Buffer.from(name);
    const d = deflateRawSync(data, { level: 9 });
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(crc32(data), 14);
    h.writeUInt32LE(d.length, 18);
    h.writeUInt32LE(data.length, 22);
    h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc32(data), 16);
    c.writeUInt32LE(d.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    chunks.push(h, n, d);
    central.push(c, n);
    offset += 30 + n.length + d.length;
  }
  const cd = Buffer.concat(central);
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(parts.length, 8);
  e.writeUInt16LE(parts.length, 10);
  e.writeUInt32LE(cd.length, 12);
  e.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, cd, e]);
}

const names = {
  good: 'A 天元区征地中心.xlsx',
  typo: 'B 单位（错一处）.xlsx',
  truncated: 'C 截断.xlsx',
  noSheet: 'D 缺工作表.xlsx',
  noStrings: 'E 缺共享字符串.xlsx',
  bomb: 'F 压缩炸弹.xlsx',
  text: 'G 文本.xlsx',
  nested: path.join('乡镇', 'H 全国模板.xlsx'),
  generated: path.join('乡镇', 'I 生成.xlsx'),
};

beforeAll(async () => {
  fs.mkdirSync(path.join(folder, '乡镇'), { recursive: true });
  const good = await seed000Xlsx();
  const write = (n: string, b: Buffer | string) => fs.writeFileSync(path.join(folder, n), b);
  write(names.good, good);
  write(names.typo, await typo());
  write(names.truncated, good.subarray(0, Math.floor(good.length / 2)));
  write(names.noSheet, await withoutPart(good, 'xl/worksheets/sheet3.xml'));
  write(names.noStrings, await withoutPart(good, 'xl/sharedStrings.xml'));
  write(names.bomb, await bomb());
  write(names.text, '项目,金额\n');
  write(names.nested, await variantXlsx(variants().find((v) => v.name === 'national')!));
  write(names.generated, await specToXlsx(layoutWorkbook(roundLeaves(modelToDisclosure(sampleModel(7))))));
  // Not workbooks, or Excel's lock file: skipped.
  write('说明.txt', '不是工作簿');
  write('~$A 天元区征地中心.xlsx', 'lock');
}, 60_000);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const order = () => Object.values(names).map((n) => path.join(folder, n)).sort((a, b) => (a < b ? -1 : 1));

describe('a folder', () => {
  test('every workbook under it, sorted, checked: exit 2 when any could not be read; JSON per file as before', async () => {
    const r = await run(['check', folder, '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out);
    expect(doc.files.map((f: { file: string }) => f.file)).toEqual(order());
    const by = (n: string) => doc.files.find((f: { file: string }) => f.file === path.join(folder, n));
    expect(by(names.good).summary.error).toBe(0);
    expect(by(names.typo).summary.error).toBeGreaterThan(0);
    expect(by(names.truncated).readError).toMatch(/^文件已损坏/);
    expect(by(names.noSheet).readError).toMatch(/^文件已损坏.*缺少工作表“公开03表”的部件/);
    expect(by(names.noStrings).readError).toMatch(/^文件已损坏.*共享字符串/);
    expect(by(names.bomb).readError).toMatch(/^文件异常，已停止读取.*压缩炸弹/);
    expect(by(names.text).readError).toMatch(/^不是 \.xlsx 工作簿/);
    expect(by(names.nested).profile).toBe('national-2024');
  });

  test('exit 1 when files have errors and all were read; 0 when none has', async () => {
    expect((await run(['check', path.join(folder, names.good), path.join(folder, names.typo)])).code).toBe(1);
    expect((await run(['check', path.join(folder, '乡镇')])).code).toBe(0);
  });

  test('a folder with no workbook, and a missing path', async () => {
    const empty = path.join(root, '空');
    fs.mkdirSync(empty, { recursive: true });
    const r = await run(['check', empty]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('文件夹中没有找到工作簿');
    const m = await run(['check', path.join(root, '不存在')]);
    expect(m.code).toBe(2);
    expect(m.err).toContain('找不到文件');
  });

  test('the same results in the same order whatever --jobs', async () => {
    const one = await run(['check', folder, '--json', '--jobs', '1']);
    const three = await run(['check', folder, '--json', '--jobs', '3']);
    expect(three.code).toBe(one.code);
    expect(three.out).toEqual(one.out);
  });

  test('a progress bar on stderr only when it is a terminal', async () => {
    const plain = await run(['check', path.join(folder, '乡镇'), '--json']);
    expect(plain.err).not.toContain('检查 [');
    const tty = await run(['check', path.join(folder, '乡镇'), '--json'], true);
    expect(tty.err).toContain('检查 [');
    expect(tty.err).toContain('2/2');
    // stdout stays the JSON document alone.
    expect(() => JSON.parse(tty.out)).not.toThrow();
  });
});

describe('--report', () => {
  const out = (n: string) => path.join(root, n);

  test('summary.xlsx: one row per file, every finding, the unreadable files; header frozen, filters on', async () => {
    const r = await run(['check', folder, '--report', out('汇总.xlsx'), '--jobs', '2']);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`已将汇总写到：${out('汇总.xlsx')}`);
    expect(r.out).toContain('共 9 个文件：未发现错误 3 个，有错误 1 个，无法读取 5 个。');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out('汇总.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '全部问题', '无法读取']);
    const [summary, findings, unreadable] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet, ExcelJS.Worksheet];
    const rows = (ws: ExcelJS.Worksheet) => (ws.getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1));
    const s = rows(summary);
    expect(s[0]).toEqual(['文件', '单位名称', '模板', '识别到的表', '错误', '提示', '尾数误差', '第一个错误', '状态']);
    expect(s.slice(1).map((x) => x[0])).toEqual(order());
    const good = s.find((x) => x[0] === path.join(folder, names.good))!;
    expect(good.slice(1, 7)).toEqual(['株洲市天元区征地工作协调服务中心', '湖南省 2024 年度部门决算公开模板', '9/9', 0, expect.any(Number), expect.any(Number)]);
    expect(good[8]).toBe('未发现错误');
    const bad = s.find((x) => x[0] === path.join(folder, names.typo))!;
    expect(bad[4]).toBeGreaterThan(0);
    expect(String(bad[7])).toMatch(/^\[R05\] /);
    expect(bad[8]).toBe('有错误');
    const bombRow = s.find((x) => x[0] === path.join(folder, names.bomb))!;
    expect(bombRow[8]).toBe('无法读取');
    expect(String(bombRow[7])).toContain('压缩炸弹');
    // Findings: a row each, with the file, the sheet, the cells, the figures.
    const f = rows(findings);
    expect(f[0]).toEqual(['文件', '单位名称', '工作表', '单元格', '规则', '级别', '说明', '应为', '实为', '差额', '单位']);
    const r05 = f.find((x) => x[0] === path.join(folder, names.typo) && x[4] === 'R05')!;
    expect(r05.slice(2, 6)).toEqual(['公开02表', expect.stringContaining('C9'), 'R05', '错误']);
    expect(r05.slice(7, 11)).toEqual([289.41, 298.41, 9, '万元']);
    const total = JSON.parse((await run(['check', folder, '--json'])).out).files.reduce((n: number, x: { findings: unknown[]; readError?: string }) => n + (x.readError ? 0 : x.findings.length), 0);
    expect(f.length - 1).toBe(total);
    // Unreadable: five files, with their reasons.
    const u = rows(unreadable);
    expect(u.slice(1).map((x) => path.basename(String(x[0])))).toEqual([names.truncated, names.noSheet, names.noStrings, names.bomb, names.text].map((n) => path.basename(n)));
    // Frozen header and filters on every sheet.
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
    }
  });

  test('the same report whatever --jobs', async () => {
    await run(['check', folder, '--report', out('j1.json'), '--jobs', '1']);
    await run(['check', folder, '--report', out('j3.json'), '--jobs', '3']);
    expect(fs.readFileSync(out('j3.json'), 'utf8')).toEqual(fs.readFileSync(out('j1.json'), 'utf8'));
    const doc = JSON.parse(fs.readFileSync(out('j1.json'), 'utf8'));
    expect(doc.files).toHaveLength(9);
    expect(doc.files.filter((x: { status: string }) => x.status === '无法读取')).toHaveLength(5);
  });

  test('summary.csv: one row per file, UTF-8 with a BOM', async () => {
    const r = await run(['check', folder, '--report', out('汇总.csv')]);
    expect(r.code).toBe(2);
    const text = fs.readFileSync(out('汇总.csv'), 'utf8');
    expect(text.startsWith('\uFEFF文件,单位名称,模板,识别到的表,错误,提示,尾数误差,第一个错误,状态\r\n')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(10);
  });

  test('never over an existing file (unless --force), an input, or with a wrong extension', async () => {
    fs.writeFileSync(out('已有.xlsx'), 'keep');
    const r = await run(['check', folder, '--report', out('已有.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('文件已存在，未覆盖');
    expect(fs.readFileSync(out('已有.xlsx'), 'utf8')).toBe('keep');
    const forced = await run(['check', path.join(folder, '乡镇'), '--report', out('已有.xlsx'), '--force']);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(out('已有.xlsx')).subarray(0, 2).toString()).toBe('PK');
    const wrong = await run(['check', folder, '--report', out('汇总.docx')]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('--report 的文件名应以 .xlsx、.csv 或 .json 结尾');
    const input = path.join(folder, names.good);
    const self = await run(['check', input, '--report', input, '--force']);
    expect(self.code).toBe(2);
    expect(self.err).toContain('不能写到被检查的文件本身');
    expect(fs.readFileSync(input).subarray(0, 2).toString()).toBe('PK');
  });
});

test('a zip bomb is refused within a second, with a Chinese message, exit 2', async () => {
  const { result: r, ms } = await cpuMs(() => run(['check', path.join(folder, names.bomb)]));
  expect(ms).toBeLessThan(2000);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/文件异常，已停止读取.*疑为“压缩炸弹”/);
});

test('WPS 表格 .et files in a folder: one holding an .xlsx is checked, one that cannot be read is listed with the way out (save as .xlsx in WPS)', async () => {
  const wps = path.join(root, 'WPS');
  fs.mkdirSync(wps, { recursive: true });
  fs.writeFileSync(path.join(wps, '单位一.et'), await seed000Xlsx());
  fs.writeFileSync(path.join(wps, '单位二.et'), Buffer.from('WPS 私有格式的内容'));
  const r = await run(['check', wps, '--json']);
  expect(r.code).toBe(2);
  const files = (JSON.parse(r.out) as { files: Array<{ file: string; profile?: string; error?: string }> }).files;
  expect(files.map((f) => path.basename(f.file))).toEqual(['单位一.et', '单位二.et']);
  expect(files[0]!.profile).toBe('hunan-2024');
  expect((files[1] as { readError?: string }).readError).toContain('请在 WPS 中“另存为” Excel 工作簿（.xlsx）后再检查');
});
