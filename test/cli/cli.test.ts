/**
 * The command line as the finance bureau uses it: real .xlsx files on disk,
 * text and JSON output, exit statuses, Chinese messages for bad files, and
 * inputs left untouched.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { SEED000_PATH, seed000Xlsx, specToXlsx, variantXlsx, variants } from '../fixtures';
import { sampleWorkbookSpec } from '../fixtures/sample';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-cli-'));
const root = path.join(__dirname, '..', '..');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

let seedFile: string;
let brokenFile: string;
beforeAll(async () => {
  seedFile = path.join(dir, '天元区 决算公开.xlsx');
  fs.writeFileSync(seedFile, await seed000Xlsx());
  // An accountant's typo: 公开02表 财政拨款收入 of 2010301 typed as 289.41 instead of 298.41.
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(seedFile) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('公开02表')!;
  let hit = false;
  ws.eachRow((row) => {
    if (String(row.getCell(1).value) === '2010301') {
      row.getCell(4).value = 289.41;
      hit = true;
    }
  });
  expect(hit).toBe(true);
  brokenFile = path.join(dir, 'typo.xlsx');
  fs.writeFileSync(brokenFile, Buffer.from(await wb.xlsx.writeBuffer()));
});

test('checks the seed workbook: nine tables, no error, exit 0, text in Chinese', async () => {
  const r = await run(['check', seedFile]);
  expect(r.code).toBe(0);
  expect(r.out).toContain('公开01表 收入支出决算总表');
  expect(r.out).toContain('尾数误差（7）');
  expect(r.out).toContain('小结：错误 0 项');
  expect(r.out).not.toContain('未找到');
});

test('a typed error gives exit 1 and names the cell, the expected and the actual figure', async () => {
  const r = await run(['check', brokenFile, '--json']);
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.out);
  const f = doc.files[0].findings.find((x: { rule: string }) => x.rule === 'R05.row');
  expect(f.severity).toBe('error');
  expect(f.cells[0]).toBe('公开02表!C9');
  expect(f.cells).toContain('公开02表!D9');
  expect(f.actual).toBe(298.41);
  expect(f.expected).toBe(289.41);
  expect(f.difference).toBe(9);
});

test('the JSON output honours the contract other tools read', () => {
  const contract = [path.join(root, '..', 'shared', 'contract', 'check-json.mjs'), path.join(root, 'test', 'contract', 'check-json.mjs')].find((p) => fs.existsSync(p))!;
  const r = spawnSync('node', [contract, seedFile, brokenFile], { cwd: root, encoding: 'utf8' });
  expect(r.stdout).toContain('contract holds');
  expect(r.status).toBe(0);
});

test('several files at once: one entry each, exit 1 when any has errors', async () => {
  const r = await run(['check', seedFile, brokenFile, '--json', '--profile', 'hunan-2024']);
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.out);
  expect(doc.files.map((f: { file: string }) => f.file)).toEqual([seedFile, brokenFile]);
  expect(doc.files[0].summary.error).toBe(0);
  expect(Object.keys(doc.files[0].tables)).toHaveLength(9);
  expect(doc.files[0].tables['公开03表']).toMatchObject({ sheet: '公开03表', range: 'A1:H18' });
});

test('addresses in the JSON honour the contract: names with spaces quoted, a name with an apostrophe as it is', async () => {
  const v = variants().find((x) => x.name === 'offset-renamed')!;
  const file = path.join(dir, 'renamed.xlsx');
  fs.writeFileSync(file, await variantXlsx(v));
  const r = await run(['check', file, '--json']);
  const doc = JSON.parse(r.out);
  const cells: string[] = doc.files[0].findings.flatMap((f: { cells: string[] }) => f.cells);
  expect(cells.length).toBeGreaterThan(0);
  // The contract's address: a quoted name without apostrophes, or the name as it is.
  for (const c of cells) expect(c).toMatch(/^(?:'[^']+'|[^!'\s][^!]*)!\$?[A-Z]{1,3}\$?\d+$/);
  // A name with an apostrophe, which the contract's quoted form cannot hold, is written as it is.
  expect(cells.some((c) => c.startsWith("O'Brien 表!"))).toBe(true);
  const contract = [path.join(root, '..', 'shared', 'contract', 'check-json.mjs'), path.join(root, 'test', 'contract', 'check-json.mjs')].find((p) => fs.existsSync(p))!;
  expect(spawnSync(process.execPath, [contract, '-'], { input: r.out, encoding: 'utf8' }).status).toBe(0);
});

describe('files that cannot be read get a Chinese message naming the file, and exit 2', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ['missing', () => path.join(dir, '不存在.xlsx'), /找不到文件/],
    ['a text file', () => {
      const p = path.join(dir, 'notes.xlsx');
      fs.writeFileSync(p, '这不是工作簿');
      return p;
    }, /不是 \.xlsx 工作簿/],
    ['a truncated workbook', () => {
      const p = path.join(dir, 'cut.xlsx');
      fs.writeFileSync(p, fs.readFileSync(seedFile).subarray(0, 2000));
      return p;
    }, /已损坏/],
    ['an encrypted workbook', () => {
      const p = path.join(dir, 'locked.xlsx');
      const ole = Buffer.alloc(4096);
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
      Buffer.from('EncryptionInfo', 'utf16le').copy(ole, 1024);
      fs.writeFileSync(p, ole);
      return p;
    }, /已加密/],
  ];
  test.each(cases)('%s', async (_name, make, message) => {
    const file = make();
    const r = await run(['check', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain(path.basename(file));
    const j = await run(['check', file, '--json']);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.out).files[0].findings[0].message).toMatch(message);
  });
});

test('wrong usage gets a Chinese message and exit 2', async () => {
  expect((await run(['check'])).code).toBe(2);
  expect((await run(['check', seedFile, '--profile', 'beijing'])).err).toContain('--profile 的取值');
  expect((await run(['verify', seedFile])).err).toContain('未知命令');
});

test('never writes to its inputs', async () => {
  const hash = (p: string) => crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  const before = [hash(seedFile), hash(brokenFile)];
  const mtimes = [fs.statSync(seedFile).mtimeMs, fs.statSync(brokenFile).mtimeMs];
  await run(['check', seedFile, brokenFile]);
  expect([hash(seedFile), hash(brokenFile)]).toEqual(before);
  expect([fs.statSync(seedFile).mtimeMs, fs.statSync(brokenFile).mtimeMs]).toEqual(mtimes);
});

test('juesuan map shows what every row and column was matched to', async () => {
  const r = await run(['map', seedFile]);
  expect(r.code).toBe(0);
  expect(r.out).toContain('公开03表 支出决算表：公开03表!A1:H18（按标题');
  expect(r.out).toContain('本年支出合计→C；基本支出→D；项目支出→E');
  expect(r.out).toContain('2101103 公务员医疗补助→15');
  expect(r.out).toContain('九、卫生健康支出→16');
  expect(r.out).toContain('绩效自评表：未找到');
  const j = await run(['map', seedFile, '--json']);
  const doc = JSON.parse(j.out);
  expect(doc.mapping.tables['公开06表'].totals.map((t: { key: string }) => t.key)).toEqual(['人员经费合计', '公用经费合计']);
});

describe('--annotate writes a marked copy of one workbook', () => {
  const hash = (p: string) => crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');

  test('writes the copy, says where, keeps the exit status and the input', async () => {
    const out = path.join(dir, '标注副本.xlsx');
    const before = hash(brokenFile);
    const r = await run(['check', brokenFile, '--annotate', out]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('小结：错误');
    expect(r.out).toContain(`已将标注副本写到：${out}`);
    expect(hash(brokenFile)).toBe(before);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(out) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.name).toBe('检查结果');
    const typo = wb.getWorksheet('公开02表')!.getCell('D9');
    expect(typo.value).toBe(289.41);
    expect(typo.fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
    expect(JSON.stringify(typo.note)).toContain('R05.row');

    const clean = await run(['check', seedFile, '--annotate=' + path.join(dir, '无错误副本.xlsx')]);
    expect(clean.code).toBe(0);
    expect(fs.existsSync(path.join(dir, '无错误副本.xlsx'))).toBe(true);
  });

  test('with --json the document stays alone on stdout', async () => {
    const out = path.join(dir, 'json-copy.xlsx');
    const r = await run(['check', brokenFile, '--json', '--annotate', out]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).files).toHaveLength(1);
    expect(r.err).toContain(out);
    expect(fs.existsSync(out)).toBe(true);
  });

  test('refuses more than one input, and the input itself as the copy (exit 2, nothing written)', async () => {
    const out = path.join(dir, 'two.xlsx');
    const two = await run(['check', seedFile, brokenFile, '--annotate', out]);
    expect(two.code).toBe(2);
    expect(two.err).toContain('一次只能标注一个工作簿');
    expect(fs.existsSync(out)).toBe(false);

    const before = hash(seedFile);
    const mtime = fs.statSync(seedFile).mtimeMs;
    const link = path.join(dir, 'link-to-seed.xlsx');
    fs.linkSync(seedFile, link);
    for (const target of [seedFile, path.join(dir, '.', 'sub', '..', path.basename(seedFile)), link]) {
      const r = await run(['check', seedFile, '--annotate', target]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('不能写到被检查的文件本身');
    }
    expect(hash(seedFile)).toBe(before);
    expect(fs.statSync(seedFile).mtimeMs).toBe(mtime);

    const missing = await run(['check', seedFile, '--annotate']);
    // The mistake and where the usage is, not the whole usage pushing the message off the screen.
    expect(missing.err).toBe('--annotate 后面应给出副本的文件名，如 --annotate 标注副本.xlsx。\n用法见 juesuan check --help。\n');
    expect((await run(['map', seedFile, '--annotate', out])).code).toBe(2);
    expect((await run(['--help'])).out).toContain('--annotate');
  });

  test('an unreadable input or an unwritable copy: exit 2 with a Chinese message', async () => {
    const missing = await run(['check', path.join(dir, '不存在.xlsx'), '--annotate', path.join(dir, 'x.xlsx')]);
    expect(missing.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
    const bad = await run(['check', seedFile, '--annotate', path.join(dir, '没有这个目录', 'x.xlsx')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('无法写出标注副本');
  });
});

test('juesuan narrative writes the 第三部分 draft from the tables, with placeholders for the rest', async () => {
  const r = await run(['narrative', seedFile, '--year', '2024']);
  expect(r.code).toBe(0);
  expect(r.out).toContain('二、收入决算情况说明\n2024年度收入合计1820.23万元，其中：财政拨款收入1820.23万元，占100%');
  expect(r.out).toContain('【请填写：上年收支总计');
  const j = await run(['narrative', seedFile, '--year=2024', '--format', 'json']);
  const doc = JSON.parse(j.out);
  expect(doc.narrative.sections.map((s: { id: string }) => s.id)).toContain('五(三)');
  expect((await run(['narrative', seedFile, '--year', '24'])).code).toBe(2);
});

/** Text as Notepad on a Chinese Windows saves it (“ANSI”): the GBK table built by decoding every two-byte code. */
function encodeGbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.from([a, b]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return Buffer.from(out);
}

describe('--narrative checks a narrative written in Word (or plain text) against the workbook', () => {
  afterAll(async () => (await import('../../src/hosts/pdf/node-pdfjs')).closePdfReader());
  const seed = fs.readFileSync(SEED000_PATH, 'utf8');
  const start = seed.indexOf('一、收入支出决算总体情况说明\n\n2024');
  const lines = seed
    .slice(start, seed.indexOf('2024年度部门（单位）整体支出绩效评价基础数据表', start))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  let book: string;
  let word: string;

  beforeAll(async () => {
    book = path.join(dir, '样例-带绩效表.xlsx');
    fs.writeFileSync(book, await specToXlsx(sampleWorkbookSpec()));
    word = path.join(dir, '部门决算情况说明.docx');
    const { Document, Packer, Paragraph } = await import('docx');
    fs.writeFileSync(word, await Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] })));
  });

  test('the .docx: the published 1832.64 (十四) and 0.92 (双碳资金, twice) are found, addressed by paragraph', async () => {
    const r = await run(['check', book, '--narrative', word, '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    const text = doc.files[0].findings.filter((f: { rule: string }) => /^T/.test(f.rule));
    expect(text.map((f: { rule: string }) => f.rule).sort()).toEqual(['T01', 'T03', 'T05', 'T08', 'T08'].sort());
    const t08 = text.find((f: { rule: string }) => f.rule === 'T08');
    expect(t08.cells[0]).toMatch(/^'?部门决算情况说明\.docx'?!A\d+$/);
    const contractScript = [path.join(root, '..', 'shared', 'contract', 'check-json.mjs'), path.join(root, 'test', 'contract', 'check-json.mjs')].find((p) => fs.existsSync(p))!;
    const contract = spawnSync(process.execPath, [contractScript, '-'], { input: r.out, encoding: 'utf8' });
    expect(contract.status).toBe(0);
  });

  test('juesuan map lists the 绩效自评 tables of the workbook', async () => {
    const r = await run(['map', book]);
    expect(r.out).toContain('整体支出绩效自评表：绩效自评表!A30（11 个绩效指标）');
    expect(r.out).toContain('项目支出绩效自评表（双碳资金）：绩效自评表!A');
  });

  test('plain text works the same', async () => {
    const txt = path.join(dir, '说明.txt');
    fs.writeFileSync(txt, lines.join('\n'));
    const r = await run(['check', book, '--narrative', txt]);
    expect(r.out).toContain('[T08]');
    expect(r.out).toContain('“双碳资金”实际支出写作 0.92 万元');
  });

  test('a .txt saved by Notepad as ANSI (GBK) or as Unicode (UTF-16) reads as the UTF-8 one does', async () => {
    const utf8 = path.join(dir, '说明-utf8.txt');
    fs.writeFileSync(utf8, lines.join('\r\n'));
    const expected = (await run(['check', book, '--narrative', utf8, '--json'])).out.replace(/说明-utf8\.txt/g, '');
    const gbk = path.join(dir, '说明-gbk.txt');
    fs.writeFileSync(gbk, encodeGbk(lines.join('\r\n')));
    const utf16 = path.join(dir, '说明-utf16.txt');
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n'), 'utf16le')]));
    for (const f of [gbk, utf16]) {
      const r = await run(['check', book, '--narrative', f, '--json']);
      expect(r.out.replace(new RegExp(path.basename(f).replace('.', '\\.'), 'g'), '')).toBe(expected);
    }
    expect(expected).toContain('T08');
  });

  test('the 情况说明 of a published PDF checked against the workbook: the same 表文 findings as the PDF gives on itself', async () => {
    const pdf = path.join(__dirname, '..', 'fixtures', 'pdf', 'seed000-hunan.pdf');
    const r = await run(['check', book, '--narrative', pdf, '--json']);
    const rules = (JSON.parse(r.out).files[0].findings as Array<{ rule: string; cells: string[] }>).filter((f) => /^T/.test(f.rule));
    const own = (JSON.parse((await run(['check', pdf, '--json'])).out).files[0].findings as Array<{ rule: string }>).filter((f) => /^T0[1-7]/.test(f.rule));
    expect(rules.length).toBeGreaterThan(0);
    for (const f of own) expect(rules.map((x) => x.rule)).toContain(f.rule);
    expect(rules[0]!.cells[0]).toMatch(/seed000-hunan\.pdf'?!A\d+$/);
  });

  test('a file that is not a .docx: exit 2 with a Chinese message', async () => {
    const bad = path.join(dir, '坏的.docx');
    fs.writeFileSync(bad, '不是压缩包');
    const r = await run(['check', book, '--narrative', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('无法读取“');
    expect(r.err).toContain('不是 .docx 文档');
  });
});
