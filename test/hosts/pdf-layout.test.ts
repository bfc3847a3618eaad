/**
 * The PDF reader's layout rules on pages drawn by hand (no pdfjs): glyph
 * positions from an operator list, borders drawn as thin filled bars, merged
 * cells, a table without outer borders, fake bold, a table continued with or
 * without its header repeated, running heads and page numbers, paragraphs
 * joined across line and page breaks, and cells typed as the PDF prints them.
 */
import { type Glyph, type PageContent, type Ruling, readPageContent } from '../../src/hosts/pdf/content';
import { readDocument } from '../../src/hosts/pdf/document';
import { buildLines } from '../../src/hosts/pdf/lines';
import { paragraphs } from '../../src/hosts/pdf/paragraphs';
import { OP } from '../../src/hosts/pdf/raw';
import { buildWorkbook, pdfCell } from '../../src/hosts/pdf/workbook';

const SIZE = 10;
const width = (ch: string) => (/[\u2e80-\uffff]/.test(ch) ? SIZE : /[.,]/.test(ch) ? 0.28 * SIZE : 0.55 * SIZE);

/** Glyphs of a text from x on a baseline (page space, y down). */
function text(s: string, x: number, base: number, size = SIZE): Glyph[] {
  const out: Glyph[] = [];
  for (const ch of s) {
    const w = (width(ch) * size) / SIZE;
    out.push({ ch, x0: x, x1: x + w, top: base - 0.86 * size, bottom: base + 0.14 * size, base, size, upright: true, font: 'F' });
    x += w;
  }
  return out;
}

/** Text right-aligned to x. */
function right(s: string, x: number, base: number): Glyph[] {
  const w = [...s].reduce((a, ch) => a + width(ch), 0);
  return text(s, x - w, base);
}

const h = (y: number, x0: number, x1: number): Ruling => ({ x0, x1, y0: y, y1: y });
const v = (x: number, y0: number, y1: number): Ruling => ({ x0: x, x1: x, y0, y1 });

function page(number: number, glyphs: Glyph[], rulings: Ruling[], size: [number, number] = [600, 800]): PageContent {
  return { number, width: size[0], height: size[1], glyphs, rulings, imageCover: 0 };
}

/** A ruled grid: column edges xs, row edges ys, every inner and outer line. */
function grid(xs: number[], ys: number[]): Ruling[] {
  return [...ys.map((y) => h(y, xs[0]!, xs[xs.length - 1]!)), ...xs.map((x) => v(x, ys[0]!, ys[ys.length - 1]!))];
}

function rows(wb: ReturnType<typeof buildWorkbook>, sheet = 0): string[][] {
  const s = wb.sheets[sheet]!;
  return Array.from({ length: s.rowCount }, (_, r) => Array.from({ length: s.colCount }, (_, c) => s.cell(r, c)?.text ?? ''));
}

describe('operator list → glyphs and rulings', () => {
  test('text placed by the text matrix and the CTM, borders drawn as thin filled bars', () => {
    const glyph = (unicode: string, w = 1000) => ({ unicode, width: w, isSpace: false });
    const content = readPageContent({
      number: 1,
      width: 600,
      height: 800,
      view: [1, 0, 0, -1, 0, 800], // PDF space → top-left page space
      fonts: { F1: { fontMatrix: [0.001, 0, 0, 0.001, 0, 0] } },
      fn: [OP.save, OP.transform, OP.beginText, OP.setFont, OP.setTextMatrix, OP.showText, OP.endText, OP.constructPath, OP.restore, OP.setFillRGBColor, OP.constructPath],
      args: [
        null,
        [2, 0, 0, 2, 0, 0], // everything drawn at twice the size
        null,
        ['F1', 10],
        [[1, 0, 0, 1, 50, 300]],
        [[glyph('合'), -500, glyph('计'), glyph('1', 556)]],
        null,
        // A filled bar 0.5 high (a Word border) and a big filled box (a shading, no ruling).
        [OP.fill, [new Float32Array([0, 10, 100, 1, 110, 100, 1, 110, 100.5, 1, 10, 100.5, 4, 0, 0, 0, 1, 50, 0, 1, 50, 50, 1, 0, 50, 4])], null],
        null,
        ['#ffffff'],
        // A white line: not a ruling.
        [OP.fill, [new Float32Array([0, 10, 200, 1, 110, 200, 1, 110, 200.5, 1, 10, 200.5, 4])], null],
      ],
    });
    expect(content.glyphs.map((g) => g.ch).join('')).toBe('合计1');
    const [he, ji, one] = content.glyphs;
    expect(he!.x0).toBeCloseTo(100);
    expect(he!.size).toBeCloseTo(20);
    expect(he!.base).toBeCloseTo(800 - 600);
    // -500 in the glyph array moves the next glyph half an em to the right.
    expect(ji!.x0).toBeCloseTo(100 + 20 + 10);
    expect(one!.x1 - one!.x0).toBeCloseTo(0.556 * 20);
    expect(content.rulings).toEqual([{ x0: 20, x1: 220, y0: expect.closeTo(800 - 200.5, 1), y1: expect.closeTo(800 - 200.5, 1) }]);
  });
});

describe('tables', () => {
  test('a merged header cell, amounts as printed, codes as text, empty cells empty', () => {
    // 项目 spans two columns (no ruling between them in the first row).
    const rulings = [h(100, 50, 350), h(120, 50, 350), h(140, 50, 350), h(160, 50, 350), v(50, 100, 160), v(150, 120, 160), v(250, 100, 160), v(350, 100, 160)];
    const glyphs = [...text('项目', 130, 115), ...text('金额', 290, 115), ...text('2010301', 55, 135), ...text('行政运行', 155, 135), ...right('1,820.23', 347, 135), ...text('合计', 155, 155)];
    const wb = buildWorkbook(readDocument([page(1, glyphs, rulings)]));
    expect(rows(wb)).toEqual([
      ['项目', '', '金额'],
      ['2010301', '行政运行', '1,820.23'],
      ['', '合计', ''],
    ]);
    expect(wb.sheets[0]!.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
    expect(wb.sheets[0]!.cell(1, 0)!.value).toBe('2010301');
    expect(wb.sheets[0]!.cell(1, 2)).toMatchObject({ value: 1820.23, text: '1,820.23', numberFormat: '#,##0.00' });
  });

  test('a table without outer borders still has its first and last columns', () => {
    const rulings = [h(100, 50, 350), h(120, 50, 350), h(140, 50, 350), v(150, 100, 140), v(250, 100, 140)];
    const glyphs = [...text('甲', 60, 115), ...text('乙', 160, 115), ...text('丙', 260, 115), ...text('1.00', 60, 135), ...text('2.00', 160, 135), ...text('3.00', 260, 135)];
    expect(rows(buildWorkbook(readDocument([page(1, glyphs, rulings)])))).toEqual([
      ['甲', '乙', '丙'],
      ['1.00', '2.00', '3.00'],
    ]);
  });

  test('glyphs drawn twice for bold are read once; a wrapped cell is joined', () => {
    const rulings = grid([50, 150, 250], [100, 140, 160]);
    const glyphs = [...text('合计', 60, 115), ...text('合计', 60.3, 115), ...text('公务用车购', 160, 115), ...text('置费', 160, 130), ...text('1.00', 160, 155)];
    expect(rows(buildWorkbook(readDocument([page(1, glyphs, rulings)])))).toEqual([
      ['合计', '公务用车购置费'],
      ['', '1.00'],
    ]);
  });

  test('a table over two pages is one, its repeated header dropped, and its title, 单位 and notes placed as printed', () => {
    const xs = [50, 200, 350];
    const p1 = page(
      1,
      [...text('收入决算表', 150, 60, 14), ...right('单位：万元', 350, 85), ...text('项目', 60, 115), ...text('金额', 210, 115), ...text('一、收入', 60, 135), ...right('1.00', 347, 135), ...text('第 1 页', 280, 780)],
      grid(xs, [100, 120, 140]),
    );
    const p2 = page(2, [...text('项目', 60, 65), ...text('金额', 210, 65), ...text('二、收入', 60, 85), ...right('2.00', 347, 85), ...text('注：本表反映收入。', 50, 110), ...text('第 2 页', 280, 780)], grid(xs, [50, 70, 90]));
    const wb = buildWorkbook(readDocument([p1, p2]));
    expect(wb.sheets.map((s) => s.name)).toEqual(['收入决算表']);
    expect(rows(wb)).toEqual([
      ['收入决算表', ''],
      ['', '单位：万元'],
      ['项目', '金额'],
      ['一、收入', '1.00'],
      ['二、收入', '2.00'],
      ['注：本表反映收入。', ''],
    ]);
    expect(wb.info.get('收入决算表')).toMatchObject({ pages: [1, 2], rowPages: [1, 1, 1, 1, 2, 2], gridRows: [2, 4] });
    expect(wb.sheets[0]!.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
  });

  test('a continued table whose header is not repeated keeps every row; a table under a title of its own is another table', () => {
    const xs = [50, 200, 350];
    const p1 = page(1, [...text('甲表', 180, 60, 14), ...text('项目', 60, 115), ...text('一', 60, 135)], grid(xs, [100, 120, 140]));
    const p2 = page(2, [...text('二', 60, 65)], grid(xs, [50, 70]));
    const p3 = page(3, [...text('乙表', 180, 40, 14), ...text('项目', 60, 65)], grid(xs, [50, 70, 90]));
    const wb = buildWorkbook(readDocument([p1, p2, p3]));
    expect(wb.sheets.map((s) => s.name)).toEqual(['甲表', '乙表']);
    expect(rows(wb, 0).map((r) => r[0])).toEqual(['甲表', '项目', '一', '二']);
  });

  test('a single row of boxes is a table only where one continues: a chart’s legend is text', () => {
    const xs = [50, 200, 350];
    const p1 = page(1, [...text('甲表', 180, 60, 14), ...text('项目', 60, 115), ...text('一', 60, 135)], grid(xs, [100, 120, 140]));
    const p2 = page(2, [...text('二', 60, 65), ...text('图例', 60, 300), ...text('五成', 210, 300)], [...grid(xs, [50, 70]), ...grid(xs, [290, 310])]);
    const doc = readDocument([p1, p2]);
    expect(doc.tables).toHaveLength(1);
    expect(rows(buildWorkbook(doc)).map((r) => r[0])).toEqual(['甲表', '项目', '一', '二']);
    expect(doc.flow.map((l) => l.text)).toEqual(['图例 五成']);
  });

  test('a line repeated at the top of every page is a running head, not a caption', () => {
    const pages = [1, 2, 3].map((n) => page(n, [...text('某局2024年度部门决算', 50, 30), ...text(`表${n}`, 150, 70, 14), ...text('项目', 60, 115)], grid([50, 200, 350], [100, 120, 140])));
    const wb = buildWorkbook(readDocument(pages));
    expect(wb.sheets.map((s) => s.name)).toEqual(['表1', '表2', '表3']);
    expect(rows(wb, 0)[0]).toEqual(['表1', '']);
  });
});

describe('paragraphs', () => {
  const line = (s: string, x: number, base: number, n = 1) => buildLines(n, text(s, x, base))[0]!;
  test('a first-line indent, a short last line and a heading start paragraphs; a page break inside one is joined', () => {
    // Lines of a paragraph end at the right margin (370); its first line is indented two characters.
    const full = '二〇二四年度收入合计一千万元其中财政拨款收入一千万元占百分之百'; // 32 characters, 50 → 370
    const first = full.slice(2); // 30 characters, 70 → 370
    const lines = [
      line('一、收入支出决算总体情况说明', 50, 100),
      line(first, 70, 115),
      line(full, 50, 130),
      line('上年无此种情况。', 50, 145),
      line(first, 70, 160),
      line(full, 50, 175),
      line('续完。', 50, 60, 2),
      line('二、收入决算情况说明', 50, 75, 2),
      line(full, 50, 90, 2),
    ];
    const ps = paragraphs(lines);
    expect(ps.map((p) => [p.text, p.page, p.lastPage])).toEqual([
      ['一、收入支出决算总体情况说明', 1, 1],
      [first + full + '上年无此种情况。', 1, 1],
      [first + full + '续完。', 1, 2],
      ['二、收入决算情况说明', 2, 2],
      [full, 2, 2],
    ]);
  });
});

describe('cells as the PDF prints them', () => {
  test.each([
    ['1,820.23', { value: 1820.23, numberFormat: '#,##0.00' }],
    ['23.60', { value: 23.6, numberFormat: '#,##0.00' }],
    ['1820.23', { value: 1820.23, numberFormat: '0.00' }],
    ['-1.50', { value: -1.5, numberFormat: '#,##0.00' }],
    ['0.00', { value: 0, numberFormat: '#,##0.00' }],
    ['1,407', { value: 1407, numberFormat: '#,##0' }],
    ['0.1234', { value: 0.1234, numberFormat: '#,##0.0000' }],
  ])('%s is a number printing as it did', (t, want) => {
    expect(pdfCell(t)).toEqual({ ...want, text: t });
  });
  test.each(['201', '06', '2010301', '1', '99.7%', '(1.00)', '2024.12.31', '—', '合计'])('%s stays text', (t) => {
    expect(pdfCell(t)).toEqual({ value: t, text: t });
  });
  test('an empty cell is empty', () => expect(pdfCell('  ')).toBeUndefined());
});
