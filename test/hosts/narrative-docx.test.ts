/**
 * The narrative as a Word document: seed 000's 第三部分 generated from its
 * tables, written as .docx, unzipped and read back — title, headings in
 * order as Heading 2 / Heading 3, every paragraph's text as generated, the
 * placeholders (and only they) highlighted, the government-document layout
 * in the styles — and `juesuan narrative --format docx --out` on disk.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { runCli } from '../../src/cli/main';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { generateNarrative, narrativeText } from '../../src/core/narrative/generate';
import { HUNAN_2024_NARRATIVE } from '../../src/core/narrative/patterns/hunan-2024';
import type { Narrative } from '../../src/core/narrative/types';
import { readTables } from '../../src/core/rules/table-values';
import { narrativeDocx } from '../../src/hosts/docx/narrative-docx';
import { seed000Grid, seed000Xlsx } from '../fixtures';

interface Para {
  readonly style: string;
  readonly text: string;
  /** Texts of the highlighted runs, with their colour. */
  readonly highlighted: ReadonlyArray<{ text: string; color: string }>;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The paragraphs of word/document.xml: style, text, highlighted runs. */
function paragraphs(xml: string): Para[] {
  const body = xml.slice(xml.indexOf('<w:body>'), xml.indexOf('</w:body>'));
  return [...body.matchAll(/<w:p(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/w:p>)/g)].map((m) => {
    const inner = m[1] ?? '';
    const style = /<w:pStyle w:val="([^"]+)"\/>/.exec(inner)?.[1] ?? '';
    const runs = [...inner.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((r) => ({
      text: [...r[1]!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1]!)).join(''),
      highlight: /<w:highlight w:val="([^"]+)"\/>/.exec(r[1]!)?.[1],
    }));
    return {
      style,
      text: runs.map((r) => r.text).join(''),
      highlighted: runs.filter((r) => r.highlight).map((r) => ({ text: r.text, color: r.highlight! })),
    };
  });
}

async function open(bytes: Uint8Array): Promise<{ zip: JSZip; doc: string; styles: string; paras: Para[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const doc = await zip.file('word/document.xml')!.async('string');
  const styles = await zip.file('word/styles.xml')!.async('string');
  return { zip, doc, styles, paras: paragraphs(doc) };
}

function seedNarrative(): Narrative {
  const grid = seed000Grid();
  return generateNarrative(readTables(grid, mapWorkbook(grid)), HUNAN_2024_NARRATIVE, { year: 2024 });
}

/** Section 二 of seed 000, as the tables settle it and the unit published it. */
const SECTION_2 =
  '2024年度收入合计1820.23万元，其中：财政拨款收入1820.23万元，占100%；上级补助收入0万元，占0%；事业收入0万元，占0%；经营收入0万元，占0%；附属单位上缴收入0万元，占0%；其他收入0万元，占0%。';

describe('seed 000’s narrative as .docx', () => {
  const n = seedNarrative();
  let bytes: Uint8Array;
  let d: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    bytes = await narrativeDocx(n, {});
    d = await open(bytes);
  });

  test('is a zip package with [Content_Types].xml and the Word parts', async () => {
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
    for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/_rels/document.xml.rels']) expect(d.zip.file(part)).not.toBeNull();
    const types = await d.zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
  });

  test('the title is centred first: 2024年度部门决算情况说明', () => {
    expect(d.paras[0]).toEqual({ style: 'Title', text: '2024年度部门决算情况说明', highlighted: [] });
    // 方正小标宋简体 二号 (22 pt, 44 half-points), not made bold: the face is bold of itself.
    expect(d.styles).toMatch(/<w:style w:type="paragraph" w:styleId="Title">[\s\S]*?<w:jc w:val="center"\/>[\s\S]*?w:eastAsia="方正小标宋简体"[\s\S]*?<w:b w:val="false"\/>[\s\S]*?<w:sz w:val="44"\/>[\s\S]*?<\/w:style>/);
  });

  test('the headings, in order: 一、… as Heading 2, （一）… as Heading 3', () => {
    const heads = d.paras.filter((p) => p.style === 'Heading2' || p.style === 'Heading3').map((p) => `${p.style}:${p.text}`);
    expect(heads).toEqual([
      'Heading2:一、收入支出决算总体情况说明',
      'Heading2:二、收入决算情况说明',
      'Heading2:三、支出决算情况说明',
      'Heading2:四、财政拨款收入支出决算总体情况说明',
      'Heading2:五、一般公共预算财政拨款支出决算情况说明',
      'Heading3:（一）一般公共预算财政拨款支出决算总体情况',
      'Heading3:（二）一般公共预算财政拨款支出决算结构情况',
      'Heading3:（三）一般公共预算财政拨款支出决算具体情况',
      'Heading2:六、一般公共预算财政拨款基本支出决算情况说明',
      'Heading2:七、政府性基金预算财政拨款收入支出决算情况',
      'Heading2:八、国有资本经营预算财政拨款收入支出决算情况',
      'Heading2:九、财政拨款三公经费支出决算情况说明',
      'Heading3:（一）“三公”经费财政拨款支出决算总体情况说明',
      'Heading3:（二）“三公”经费财政拨款支出决算具体情况说明',
      'Heading2:十、关于机关运行经费支出说明',
      'Heading2:十一、一般性支出情况说明',
      'Heading2:十二、关于政府采购支出说明',
      'Heading2:十三、关于国有资产占用情况说明',
      'Heading2:十四、关于2024年度预算绩效情况的说明',
      'Heading3:（一）绩效管理工作开展情况',
      'Heading3:（二）部门（单位）整体支出绩效情况',
      'Heading3:（三）存在的问题及原因分析',
    ]);
  });

  test('section 二’s paragraph reads exactly as generated (and published)', () => {
    const at = d.paras.findIndex((p) => p.text === '二、收入决算情况说明');
    expect(d.paras[at + 1]).toEqual({ style: '', text: SECTION_2, highlighted: [] });
    expect(d.paras[at + 2]!.style).toBe('Heading2');
  });

  test('every line of the narrative is one paragraph, in order, text unchanged', () => {
    const lines = d.paras.filter((p) => p.text !== '').map((p) => p.text);
    expect(lines).toEqual(['2024年度部门决算情况说明', ...narrativeText(n).split('\n')]);
  });

  test('placeholders and reason slots — and nothing else — are highlighted yellow', () => {
    const expected = narrativeText(n).match(/【请填写[^】]*】/g)!;
    expect(expected.length).toBeGreaterThan(20);
    expect(expected).toContain('【请填写原因】');
    const highlighted = d.paras.flatMap((p) => p.highlighted);
    expect(highlighted.map((h) => h.text)).toEqual(expected);
    expect(new Set(highlighted.map((h) => h.color))).toEqual(new Set(['yellow']));
    // No placeholder is split over runs or left plain.
    const plain = d.paras.flatMap((p) => p.text.replace(/【请填写[^】]*】/g, '')).join('');
    expect(plain).not.toContain('【请填写');
  });

  test('the layout of a government document: 仿宋_GB2312 三号 body, 2-character indent, fixed line spacing, 黑体 headings, A4', () => {
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(d.styles)![0];
    expect(defaults).toContain('w:eastAsia="仿宋_GB2312"');
    expect(defaults).toContain('<w:sz w:val="32"/>'); // 16 pt
    expect(defaults).toMatch(/<w:ind [^>]*w:firstLineChars="200"/);
    expect(defaults).toMatch(/<w:spacing [^>]*w:line="580" w:lineRule="exact"/); // 29 pt
    const style = (id: string) => new RegExp(`<w:style w:type="paragraph" w:styleId="${id}">[\\s\\S]*?</w:style>`).exec(d.styles)![0];
    expect(style('Heading2')).toContain('w:eastAsia="黑体"');
    expect(style('Heading2')).toContain('<w:b/>');
    expect(style('Heading2')).toContain('<w:outlineLvl w:val="1"/>');
    expect(style('Heading3')).toContain('w:eastAsia="楷体_GB2312"');
    expect(style('Heading3')).toContain('<w:outlineLvl w:val="2"/>');
    expect(d.doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  test('fonts a machine lacks have fallbacks in the font table; the footer numbers pages', async () => {
    const fonts = await d.zip.file('word/fontTable.xml')!.async('string');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fonts).toContain('<w:charset w:val="86"/>');
    const footer = await d.zip.file('word/footer1.xml')!.async('string');
    expect(footer).toContain('PAGE');
  });
});

test('the title: {department}{year}, or opts.title; text is escaped', async () => {
  const n: Narrative = {
    year: 2025,
    sections: [{ id: '一', heading: '一、A&B <说明>', paragraphs: [{ text: '甲“乙”&丙【请填写：上年收支总计】。', missing: ['上年收支总计'], reasons: [] }] }],
  };
  const a = await open(await narrativeDocx(n, { department: '某某局' }));
  expect(a.paras[0]!.text).toBe('某某局2025年度部门决算情况说明');
  expect(a.paras.map((p) => p.text)).toContain('一、A&B <说明>');
  const body = a.paras.find((p) => p.text.startsWith('甲'))!;
  expect(body.text).toBe('甲“乙”&丙【请填写：上年收支总计】。');
  expect(body.highlighted).toEqual([{ text: '【请填写：上年收支总计】', color: 'yellow' }]);
  const b = await open(await narrativeDocx(n, { department: '某某局', title: '第三部分 部门决算情况说明' }));
  expect(b.paras[0]!.text).toBe('第三部分 部门决算情况说明');
});

test('narrative-docx.ts uses neither the file system nor the network (the browser page uses it too)', () => {
  const src = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'hosts', 'docx', 'narrative-docx.ts'), 'utf8');
  const imports = [...src.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  expect(imports.filter((i) => !i.startsWith('.'))).toEqual(['docx']);
  expect(src).not.toMatch(/\b(fetch|XMLHttpRequest|require)\s*\(/);
});

describe('juesuan narrative --format docx --out', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-docx-'));
  let seedFile: string;
  beforeAll(async () => {
    seedFile = path.join(dir, '天元区 决算公开.xlsx');
    fs.writeFileSync(seedFile, await seed000Xlsx());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runCli(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    return { code, out, err };
  }

  test('writes the .docx and says where, in Chinese; the input is untouched', async () => {
    const before = fs.readFileSync(seedFile);
    const target = path.join(dir, '情况说明.docx');
    const r = await run(['narrative', seedFile, '--year', '2024', '--format', 'docx', '--out', target]);
    expect(r).toEqual({ code: 0, out: `已将情况说明写到：${target}\n`, err: '' });
    const d = await open(fs.readFileSync(target));
    // Titled with the unit the tables name and the year.
    expect(d.paras[0]!.text).toBe('株洲市天元区征地工作协调服务中心2024年度部门决算情况说明');
    expect(d.paras.map((p) => p.text)).toContain(SECTION_2);
    expect(d.paras.some((p) => p.highlighted.length > 0)).toBe(true);
    expect(fs.readFileSync(seedFile).equals(before)).toBe(true);
    // --format=docx and --out= work too.
    const other = path.join(dir, 'b.docx');
    expect((await run(['narrative', seedFile, '--format=docx', `--out=${other}`])).code).toBe(0);
    expect(fs.existsSync(other)).toBe(true);
  });

  test('--format docx without --out is a usage error (exit 2), in Chinese', async () => {
    const r = await run(['narrative', seedFile, '--format', 'docx']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--format docx 需要用 --out 指定 Word 文档的文件名');
    expect(r.out).toBe('');
  });

  test('--out without --format docx, or with check, is a usage error', async () => {
    expect((await run(['narrative', seedFile, '--out', path.join(dir, 'x.docx')])).err).toContain('--out 只与 --format docx 一起使用');
    const c = await run(['check', seedFile, '--format', 'docx', '--out', path.join(dir, 'y.docx')]);
    expect(c.code).toBe(2);
    expect(c.err).toContain('只用于 narrative 命令');
    expect(fs.existsSync(path.join(dir, 'x.docx')) || fs.existsSync(path.join(dir, 'y.docx'))).toBe(false);
  });

  test('refuses to overwrite the input workbook, by any name', async () => {
    const before = fs.readFileSync(seedFile);
    const r = await run(['narrative', seedFile, '--format', 'docx', '--out', seedFile]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--out 不能写到工作簿本身');
    const link = path.join(dir, 'link.xlsx');
    fs.linkSync(seedFile, link);
    expect((await run(['narrative', seedFile, '--format', 'docx', '--out', link])).code).toBe(2);
    expect(fs.readFileSync(seedFile).equals(before)).toBe(true);
  });

  test('an unwritable --out gives exit 2 and a Chinese message', async () => {
    const r = await run(['narrative', seedFile, '--format', 'docx', '--out', path.join(dir, 'no-such-dir', 'a.docx')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('无法写出 Word 文档');
  });
});
