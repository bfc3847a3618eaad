/**
 * The narrative (第三部分 部门决算情况说明) as a Word document that reads like
 * the published ones, laid out after the党政机关公文格式 (GB/T 9704):
 *
 * - A4, margins 37 / 35 / 28 / 26 mm (top, bottom, left, right);
 * - title centred, 方正小标宋简体 二号 (22 pt), 宋体 where it is not installed;
 * - 一、… headings as Heading 2, 黑体 三号 (16 pt) bold;
 *   （一）… sub-headings as Heading 3, 楷体_GB2312 三号 bold;
 * - paragraphs 仿宋_GB2312 三号, digits in Times New Roman, first line
 *   indented 2 characters, line spacing exactly 29 pt (22 lines a page);
 * - placeholders 【请填写…】 highlighted yellow, so the accountant sees what
 *   is left to write;
 * - page numbers “— 1 —” centred in the footer.
 *
 * Fonts a machine lacks fall back through the font table: 仿宋_GB2312 → 仿宋,
 * 楷体_GB2312 → 楷体, and failing those Word picks a GB2312 font (宋体) by
 * charset and PANOSE.
 *
 * Runs in Node and in the browser: no file system, no network.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  PageNumber,
  Packer,
  Paragraph,
  TextRun,
  type IRunOptions,
} from 'docx';
import type { Narrative } from '../../core/narrative/types';

export interface NarrativeDocxOptions {
  /** 单位名称, put before the title: 株洲市天元区征地工作协调服务中心2024年度部门决算情况说明. */
  readonly department?: string;
  /** The whole title, instead of {department}{year}年度部门决算情况说明. */
  readonly title?: string;
}

/** Placeholders and reason slots left for the accountant: 【请填写：…】, 【请填写原因】. */
export const PLACEHOLDER = /【请填写[^】]*】/g;

const BODY_FONT = '仿宋_GB2312';
const HEADING_FONT = '黑体';
const SUBHEADING_FONT = '楷体_GB2312';
const TITLE_FONT = '方正小标宋简体';
const PAGE_NUMBER_FONT = '宋体';
const LATIN_FONT = 'Times New Roman';

/** Half-points. */
const SIZE = { title: 44, heading: 32, body: 32, footer: 28 } as const;
/** Twips (1/20 pt). */
const LINE = 580; // 29 pt: 22 lines on the 225 mm 版心
const TITLE_LINE = 720; // 36 pt: a 22 pt title with room
const mm = (x: number) => Math.round((x * 1440) / 25.4);

const fonts = (eastAsia: string) => ({ ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT, eastAsia });

/** Indent of the first line: 2 characters (firstLineChars), with its width in twips for readers that ignore it. */
const indent2 = (halfPoints: number) => ({ firstLineChars: 200, firstLine: halfPoints * 20 });

/** The document's title: the unit and the year, 区委办2024年度部门决算情况说明. */
export function narrativeTitle(n: Narrative, department?: string): string {
  return `${department ?? ''}${n.year}年度部门决算情况说明`;
}

/** The file to save it as: its title, without what a file name cannot hold. */
export function narrativeFileName(n: Narrative, department?: string): string {
  return `${narrativeTitle(n, department).replace(/[\\/:*?"<>|\s]+/g, '')}.docx`;
}

export async function narrativeDocx(n: Narrative, opts: NarrativeDocxOptions = {}): Promise<Uint8Array> {
  const title = opts.title ?? narrativeTitle(n, opts.department);
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
    // One blank line between the title and the text, as in the publications.
    new Paragraph({ children: [] }),
  ];
  const sections = (list: Narrative['sections']) => {
    for (const s of list) {
      // 五(二), 五(三) continue 五: their heading is empty.
      if (s.heading) children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(s.heading)] }));
      if (s.subheading) children.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(s.subheading)] }));
      for (const p of s.paragraphs) children.push(new Paragraph({ children: runs(p.text) }));
    }
  };
  sections(n.sections);
  if (n.report) {
    // The 绩效自评报告 starts on a page of its own, under its title.
    children.push(new Paragraph({ heading: HeadingLevel.TITLE, pageBreakBefore: true, children: [new TextRun(n.report.title)] }), new Paragraph({ children: [] }));
    sections(n.report.sections);
  }

  const doc = new Document({
    creator: '决算公开助手',
    title,
    description: '由部门决算公开表生成的第三部分 部门决算情况说明（初稿）；黄色底纹处请填写。',
    styles: {
      default: {
        document: {
          run: { font: fonts(BODY_FONT), size: SIZE.body, color: '000000', language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: {
            alignment: AlignmentType.JUSTIFIED,
            indent: indent2(SIZE.body),
            spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          },
        },
        title: {
          // 小标宋 is a bold face of its own: not made bolder.
          run: { font: fonts(TITLE_FONT), size: SIZE.title, bold: false, color: '000000' },
          paragraph: {
            alignment: AlignmentType.CENTER,
            indent: { firstLine: 0, firstLineChars: 0 },
            spacing: { line: TITLE_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          },
        },
        heading2: {
          run: { font: fonts(HEADING_FONT), size: SIZE.heading, bold: true, color: '000000' },
          paragraph: {
            indent: indent2(SIZE.heading),
            spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
            keepNext: true,
            keepLines: true,
            outlineLevel: 1,
          },
        },
        heading3: {
          run: { font: fonts(SUBHEADING_FONT), size: SIZE.heading, bold: true, color: '000000' },
          paragraph: {
            indent: indent2(SIZE.heading),
            spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
            keepNext: true,
            keepLines: true,
            outlineLevel: 2,
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 }, // A4
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(20), gutter: 0 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                indent: { firstLine: 0, firstLineChars: 0 },
                spacing: { line: 240, lineRule: LineRuleType.AUTO },
                children: [new TextRun({ font: fonts(PAGE_NUMBER_FONT), size: SIZE.footer, children: ['— ', PageNumber.CURRENT, ' —'] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const buf = await Packer.toArrayBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
  return new Uint8Array(buf);
}

/** A paragraph's text as runs, the placeholders highlighted. */
function runs(text: string): TextRun[] {
  const out: TextRun[] = [];
  let at = 0;
  const plain = (t: string, extra: Partial<IRunOptions> = {}) => {
    if (t) out.push(new TextRun({ text: t, ...extra }));
  };
  for (const m of text.matchAll(PLACEHOLDER)) {
    plain(text.slice(at, m.index));
    plain(m[0], { highlight: 'yellow' });
    at = m.index + m[0].length;
  }
  plain(text.slice(at));
  return out;
}

/**
 * The fonts the document uses, with what Word should use when one is not
 * installed: altName, and else a font of the GB2312 charset (86) of the same
 * PANOSE class.
 */
const FONT_TABLE =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  [
    { name: BODY_FONT, alt: '仿宋', panose: '02010609030101010101', family: 'modern', pitch: 'fixed', charset: '86' },
    { name: SUBHEADING_FONT, alt: '楷体', panose: '02010609030101010101', family: 'modern', pitch: 'fixed', charset: '86' },
    { name: HEADING_FONT, alt: 'SimHei', panose: '02010609060101010101', family: 'modern', pitch: 'fixed', charset: '86' },
    { name: TITLE_FONT, alt: '宋体', panose: '02010600010101010101', family: 'auto', pitch: 'variable', charset: '86' },
    { name: PAGE_NUMBER_FONT, alt: 'SimSun', panose: '02010600030101010101', family: 'auto', pitch: 'variable', charset: '86' },
    { name: LATIN_FONT, alt: undefined, panose: '02020603050405020304', family: 'roman', pitch: 'variable', charset: '00' },
  ]
    .map(
      (f) =>
        `<w:font w:name="${f.name}">` +
        (f.alt ? `<w:altName w:val="${f.alt}"/>` : '') +
        `<w:panose1 w:val="${f.panose}"/><w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/>` +
        '</w:font>',
    )
    .join('') +
  '</w:fonts>';
