import fc from 'fast-check';
import type { GridCell } from '../../src/core/grid/grid';
import type { AmountReading, AmountUnit } from '../../src/core/numbers/amount';
import {
  formatWan,
  formatWithNumberFormat,
  normalizeText,
  numberFormatDecimals,
  numberToDecimal,
  readAmountText,
  readCellAmount,
  readCode,
  toExcelPrecision,
  toFigure,
  type ParsedNumber,
} from '../../src/core/numbers/parse';

/** A ParsedNumber as a plain decimal string ("-1820.230"), to keep the tables short. */
function show(p: ParsedNumber | 'empty' | undefined): string | undefined {
  if (p === undefined || p === 'empty') return p;
  return `${p.negative ? '-' : ''}${p.intDigits}${p.fracDigits ? '.' + p.fracDigits : ''}`;
}

describe('normalizeText', () => {
  test.each([
    ['因公出国 (境)费', '因公出国(境)费'],
    ['因公出国（境）费', '因公出国(境)费'],
    ['项 目', '项目'],
    ['项\u3000\u3000目', '项目'],
    ['本年收入\n合计', '本年收入合计'],
    ['本年收入\r\n合计\t', '本年收入合计'],
    ['\u00A0合计\u200B', '合计'],
    ['财政拨款“三公”经费支出决算表', '财政拨款三公经费支出决算表'],
    ['"三公"经费', '三公经费'],
    ["‘三公’「经费」『支出』", '三公经费支出'],
    ['【2010301】行政运行', '[2010301]行政运行'],
    ['〔一〕［二］', '[一][二]'],
    ['单位：', '单位'],
    ['单位: ', '单位'],
    ['项目：：', '项目'],
    ['单位：万元', '单位:万元'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('readAmountText', () => {
  test.each<[string, string | undefined]>([
    ['1820.23', '1820.23'],
    ['1,820.23', '1820.23'],
    ['1，820.23', '1820.23'],
    ['2, 945. 90', '2945.90'],
    ['1 820.23', '1820.23'],
    [' 1820.23 ', '1820.23'],
    ['12,345,678.9', '12345678.9'],
    ['１，８２０．２３', '1820.23'],
    ['－5', '-5'],
    ['-5', '-5'],
    ['−5', '-5'],
    ['–5', '-5'],
    ['- 5.00', '-5.00'],
    ['(123.45)', '-123.45'],
    ['（123.45）', '-123.45'],
    ['( 1,234.50 )', '-1234.50'],
    ['+3', '3'],
    ['1.82E+03', '1820'],
    ['1.82e3', '1820'],
    ['1.82E-03', '0.00182'],
    ['-2.5E+1', '-25'],
    ['300万元', '300'],
    ['300 万元', '300'],
    ['1,407.00元', '1407.00'],
    ['¥1,820.23', '1820.23'],
    ['￥1,820.23', '1820.23'],
    ['0.00', '0.00'],
    ['0', '0'],
    ['-0.00', '0.00'],
    ['007', '7'],
    ['.5', '0.5'],
    ['1.', '1'],
    ['1407', '1407'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u3000', 'empty'],
    ['-', 'empty'],
    ['--', 'empty'],
    ['—', 'empty'],
    ['——', 'empty'],
    ['－', 'empty'],
    ['/', 'empty'],
    ['／', 'empty'],
    ['无', 'empty'],
    ['约300', undefined],
    ['12.5%', undefined],
    ['abc', undefined],
    ['1.2.3', undefined],
    ['12,34', undefined],
    ['1,2345', undefined],
    ['1.234,5', undefined],
    ['.', undefined],
    ['+', undefined],
    ['()', undefined],
    ['-(5)', undefined],
    ['1E+400', undefined],
    ['300万', undefined],
    ['--5', undefined],
    ['5-', undefined],
  ])('%j → %j', (input, expected) => {
    expect(show(readAmountText(input))).toBe(expected);
  });
});

describe('toFigure', () => {
  test.each<[string, AmountUnit, number, number, number]>([
    // text, unit, fen, halfWidth, decimals
    ['1820.23', '万元', 1_820_230_000, 5000, 2],
    ['1,407.00', '万元', 1_407_000_000, 5000, 2],
    ['1407', '万元', 1_407_000_000, 5000, 0],
    ['23.6', '万元', 23_600_000, 5000, 1],
    ['0.1234', '万元', 123_400, 50, 4],
    ['0.123456', '万元', 123_456, 0.5, 6],
    ['0.1234565', '万元', 123_457, 0.5, 7],
    ['-0.1234565', '万元', -123_457, 0.5, 7],
    ['0.1234564999', '万元', 123_456, 0.5, 10],
    // 元 to the 分 is the ledger's own figure: exact.
    ['1820.23', '元', 182_023, 0, 2],
    ['1820', '元', 182_000, 0, 0],
    ['1820.235', '元', 182_024, 0.5, 3],
    ['-1820.235', '元', -182_024, 0.5, 3],
    ['(298.41)', '万元', -298_410_000, 5000, 2],
    ['0.00', '万元', 0, 5000, 2],
    ['1.82E+03', '万元', 1_820_000_000, 5000, 0],
  ])('%j %s → %d ± %d (%d decimals)', (text, unit, fen, halfWidth, decimals) => {
    const p = readAmountText(text);
    if (p === undefined || p === 'empty') throw new Error('not a number');
    const r = toFigure(p, unit);
    expect(r.figure.fen).toBe(fen);
    expect(Object.is(r.figure.fen, -0)).toBe(false);
    expect(r.figure.halfWidth).toBe(halfWidth);
    expect(r.decimals).toBe(decimals);
  });
});

describe('numberToDecimal / toExcelPrecision', () => {
  test.each<[number, string, string]>([
    // value, exact shortest decimal, at Excel's 15 digits
    [1820.23, '1820.23', '1820.23'],
    [0.1 + 0.2, '0.30000000000000004', '0.3'],
    [1e-7, '0.0000001', '0.0000001'],
    [-1.5e-8, '-0.000000015', '-0.000000015'],
    [1.5e21, '1500000000000000000000', '1500000000000000000000'],
    [1.0049999999999997, '1.0049999999999997', '1.005'],
    [1820.2349999999997, '1820.2349999999997', '1820.235'],
    [123456789.12345678, '123456789.12345678', '123456789.123457'],
    [0, '0', '0'],
    [-0, '0', '0'],
  ])('%p → %s → %s', (x, exact, excel) => {
    const p = numberToDecimal(x)!;
    expect(show(p)).toBe(exact);
    expect(show(toExcelPrecision(p))).toBe(excel);
  });
});

describe('numberFormatDecimals', () => {
  test.each<[string | undefined, number | undefined]>([
    ['#,##0.00', 2],
    ['0.00_ ', 2],
    ['0.00_);(0.00)', 2],
    ['0', 0],
    ['#,##0', 0],
    ['#,##0.00;[Red]-#,##0.00', 2],
    ['"¥"#,##0.000', 3],
    ['[$¥-804]#,##0.00', 2],
    ['"0.0000"#,##0.0', 1],
    ['0.00"万元"', 2],
    ['\\0.0', 1],
    ['0.00%', 2],
    ['0.00E+00', 2],
    ['0.0#', 2],
    ['_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', 2],
    ['General', undefined],
    ['general', undefined],
    ['[Red]General', undefined],
    [undefined, undefined],
    ['', undefined],
    ['@', undefined],
    ['yyyy-mm-dd', undefined],
    ['yyyy"年"m"月"d"日"', undefined],
    ['[h]:mm:ss', undefined],
    ['"合计"', undefined],
  ])('%j → %j', (format, expected) => {
    expect(numberFormatDecimals(format)).toBe(expected);
  });
});

describe('formatWithNumberFormat', () => {
  test.each<[number, string | undefined, string]>([
    [1820.23, '#,##0.00', '1,820.23'],
    [1820.2345, '#,##0.00', '1,820.23'],
    [1820.235, '#,##0.00', '1,820.24'],
    [1.005, '0.00', '1.01'],
    [2.675, '0.00', '2.68'],
    [-2.675, '0.00', '-2.68'],
    [1820.2349999999997, '0.00', '1820.24'], // Excel rounds at 15 digits first
    [1234567.891, '#,##0', '1,234,568'],
    [1234567.891, '#,#', '1,234,568'],
    [1234567.891, '0.0', '1234567.9'],
    [-1820.23, '#,##0.00', '-1,820.23'],
    [-1820.23, '#,##0.00;[Red]-#,##0.00', '-1,820.23'],
    [-1820.23, '#,##0.00;(#,##0.00)', '(1,820.23)'],
    [0, '#,##0.00;-#,##0.00;"-"', '-'],
    [-0.001, '0.00', '0.00'],
    [1820.23, '"¥"#,##0.000', '¥1,820.230'],
    [-1820.23, '"¥"#,##0.00', '-¥1,820.23'],
    [1820.23, '[$¥-804]#,##0.00', '¥1,820.23'],
    [1820.23, '0.00_ ', '1820.23 '],
    [1820.23, '0.00"万元"', '1820.23万元'],
    [0.125, '0.00%', '12.50%'],
    [1820.23, '0.00E+00', '1.82E+03'],
    [0.00182, '0.00E+00', '1.82E-03'],
    [9.999, '0.00E+00', '1.00E+01'],
    [0.1234567, '0', '0'],
    [1820.23, 'General', '1820.23'],
    [1820.23, undefined, '1820.23'],
    [0.1 + 0.2, undefined, '0.3'],
    [1e-7, undefined, '0.0000001'],
    [2.5e-7, 'General', '0.00000025'],
    [1e20, undefined, '100000000000000000000'],
    [1e21, undefined, '1e+21'],
    [1e-8, undefined, '1e-8'],
    [-5, '@', '-5'],
    // 会计专用, the format Chinese accountants use most: zero shows as a dash.
    [1820.23, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', ' 1,820.23 '],
    [-1820.23, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', ' -1,820.23 '],
    [0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', ' - '],
    [0.5, '#.00', '.50'],
    [1.5, '0.##', '1.5'],
    [1, '0.##', '1.'],
    [1.2, '0.0#', '1.2'],
    [1, '0.0#', '1.0'],
    [1.255, '0.0#', '1.26'],
    [0, '0;-0;', ''],
    [2010301, '0', '2010301'],
  ])('%p with %j → %j', (value, format, expected) => {
    expect(formatWithNumberFormat(value, format)).toBe(expected);
  });
});

describe('readCellAmount', () => {
  const num = (fen: number, halfWidth: number, decimals: number): AmountReading => ({
    kind: 'number',
    figure: { fen, halfWidth },
    decimals,
  });
  test.each<[string, GridCell | undefined, AmountUnit, AmountReading]>([
    ['no cell', undefined, '万元', { kind: 'empty' }],
    ['null', { value: null }, '万元', { kind: 'empty' }],
    ['empty string', { value: '' }, '万元', { kind: 'empty' }],
    ['dash string', { value: '—' }, '万元', { kind: 'empty' }],
    ['plain number', { value: 1820.23 }, '万元', num(1_820_230_000, 5000, 2)],
    ['integer', { value: 1407 }, '万元', num(1_407_000_000, 5000, 0)],
    ['displayed text wins', { value: 1820.2345, text: '1,820.23', numberFormat: '#,##0.00' }, '万元', num(1_820_230_000, 5000, 2)],
    ['displayed with more decimals', { value: 1407, text: '1,407.00' }, '万元', num(1_407_000_000, 5000, 2)],
    ['text for another value ignored', { value: 1820.2345, text: '1,900.00', numberFormat: '#,##0.00' }, '万元', num(1_820_230_000, 5000, 2)],
    ['text off by more than half its last decimal', { value: 1820.236, text: '1,820.23' }, '万元', num(1_820_236_000, 500, 3)],
    ['format decimals without text', { value: 1820.2345, numberFormat: '#,##0.00' }, '万元', num(1_820_230_000, 5000, 2)],
    ['format rounds half away from zero', { value: -2.675, numberFormat: '0.00' }, '万元', num(-2_680_000, 5000, 2)],
    ['format with 4 decimals', { value: 0.12345, numberFormat: '0.0000' }, '万元', num(123_500, 50, 4)],
    ['percent format', { value: 0.125, numberFormat: '0.0%' }, '万元', num(125_000, 500, 3)],
    ['zero in 会计专用 format', { value: 0, text: ' - ', numberFormat: '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ' }, '万元', num(0, 5000, 2)],
    ['zero shown as "-"', { value: 0, text: '-', numberFormat: '#,##0.00;-#,##0.00;"-"' }, '万元', num(0, 5000, 2)],
    ['exponent text ignored', { value: 1820.23, text: '1.82E+03', numberFormat: '0.00E+00' }, '万元', num(1_820_230_000, 5000, 2)],
    ['general float noise', { value: 0.1 + 0.2 }, '万元', num(300_000, 5000, 1)],
    ['value capped at 6 decimals for 万元', { value: 0.1234567 }, '万元', num(123_457, 0.5, 6)],
    ['value capped at 2 decimals for 元', { value: 1820.235 }, '元', num(182_024, 0.5, 2)],
    ['text number', { value: '1,820.23' }, '万元', num(1_820_230_000, 5000, 2)],
    ['text number in 元', { value: '（1,820.23）' }, '元', num(-182_023, 0, 2)],
    ['text', { value: '约300' }, '万元', { kind: 'text', text: '约300' }],
    ['boolean', { value: true }, '万元', { kind: 'text', text: 'TRUE' }],
    ['boolean with text', { value: false, text: 'FALSE' }, '万元', { kind: 'text', text: 'FALSE' }],
  ])('%s', (_name, cell, unit, expected) => {
    expect(readCellAmount(cell, unit)).toEqual(expected);
  });
});

describe('readCode', () => {
  test.each<[GridCell | undefined, { code: string; rest: string } | undefined]>([
    [{ value: 2010301 }, { code: '2010301', rest: '' }],
    [{ value: 201 }, { code: '201', rest: '' }],
    [{ value: 30101 }, { code: '30101', rest: '' }],
    [{ value: '2010301' }, { code: '2010301', rest: '' }],
    [{ value: '２０１０３０１' }, { code: '2010301', rest: '' }],
    [{ value: ' 201 03 01 ' }, { code: '2010301', rest: '' }],
    [{ value: '2010301 行政运行' }, { code: '2010301', rest: '行政运行' }],
    [{ value: '2010301-行政运行' }, { code: '2010301', rest: '行政运行' }],
    [{ value: '2010301—行政运行' }, { code: '2010301', rest: '行政运行' }],
    [{ value: '[2010301]行政运行' }, { code: '2010301', rest: '行政运行' }],
    [{ value: '【2010301】行政运行' }, { code: '2010301', rest: '行政运行' }],
    [{ value: '2010301\u3000行政运行' }, { code: '2010301', rest: '行政运行' }],
    [{ value: '2010301行政运行' }, { code: '2010301', rest: '行政运行' }],
    [{ value: '201 一般公共服务支出' }, { code: '201', rest: '一般公共服务支出' }],
    [{ value: '30101、基本工资' }, { code: '30101', rest: '基本工资' }],
    [{ value: '01' }, undefined],
    [{ value: 20103 }, { code: '20103', rest: '' }],
    [{ value: 2024 }, undefined],
    [{ value: 201030101 }, undefined],
    [{ value: 201.5 }, undefined],
    [{ value: -201 }, undefined],
    [{ value: '2010301.5' }, undefined],
    [{ value: '2010301,2' }, undefined],
    [{ value: '行政运行' }, undefined],
    [{ value: '合计' }, undefined],
    [{ value: '' }, undefined],
    [{ value: null }, undefined],
    [{ value: true }, undefined],
    [undefined, undefined],
  ])('%j → %j', (cell, expected) => {
    expect(readCode(cell)).toEqual(expected);
  });
});

describe('formatWan', () => {
  test.each<[number, Parameters<typeof formatWan>[1], string]>([
    [1_820_230_000, undefined, '1,820.23'],
    [-1_820_230_000, undefined, '-1,820.23'],
    [0, undefined, '0.00'],
    [5, undefined, '0.00'],
    [-5, undefined, '0.00'],
    [5_000, undefined, '0.01'],
    [-5_000, undefined, '-0.01'],
    [4_999, undefined, '0.00'],
    [1_820_235_000, undefined, '1,820.24'],
    [123_456_789_012_345, undefined, '123,456,789.01'],
    [1_407_000_000, { thousands: false, trimZeros: true }, '1407'],
    [1_407_000_000, { trimZeros: true }, '1,407'],
    [23_600_000, { trimZeros: true }, '23.6'],
    [1_820_230_000, { thousands: false }, '1820.23'],
    [123_456, { decimals: 6 }, '0.123456'],
    [123_456, { decimals: 4 }, '0.1235'],
    [123_456, { decimals: 8 }, '0.12345600'],
    [1_820_230_000, { decimals: 0 }, '1,820'],
    [1_820_500_000, { decimals: 0 }, '1,821'],
    [-1_820_500_000, { decimals: 0 }, '-1,821'],
  ])('%d %j → %j', (fen, opts, expected) => {
    expect(formatWan(fen, opts)).toBe(expected);
  });
});

describe('round trip formatWan → readAmountText → toFigure', () => {
  const FULL_WIDTH: Record<string, string> = { ',': '，', '.': '．', '-': '－' };
  const fullWidth = (s: string): string =>
    s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/[,.-]/g, (c) => FULL_WIDTH[c] ?? c);
  /** Puts gaps[i] (cycling) after the i-th character: "1,820.23" → "1 ,8\u300020. 23". */
  const spaced = (s: string, gaps: readonly string[]): string =>
    [...s].map((ch, i) => ch + (gaps[i % gaps.length] ?? '')).join('');
  const roundTrip = (text: string): number => {
    const p = readAmountText(text);
    if (p === undefined || p === 'empty') throw new Error(`not a number: ${JSON.stringify(text)}`);
    return toFigure(p, '万元').figure.fen;
  };
  const fenArb = fc.integer({ min: -1e13, max: 1e13 });
  const gapsArb = fc.array(fc.constantFrom('', '', '', ' ', '\u3000', '\u00A0'), { minLength: 1, maxLength: 7 });

  test('6 decimals: every 分 survives', () => {
    fc.assert(
      fc.property(fenArb, gapsArb, fc.boolean(), fc.boolean(), (fen, gaps, thousands, wide) => {
        let text = formatWan(fen, { decimals: 6, thousands });
        if (wide) text = fullWidth(text);
        text = spaced(text, gaps);
        expect(roundTrip(text)).toBe(fen);
      }),
    );
  });

  test('default 2 decimals: whole 0.01 万元 survive', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), gapsArb, fc.boolean(), (cents, gaps, wide) => {
        const fen = cents * 10_000;
        let text = formatWan(fen);
        if (wide) text = fullWidth(text);
        text = spaced(text, gaps);
        expect(roundTrip(text)).toBe(fen);
      }),
    );
  });

  test('any fen rounds to the nearest 0.01 万元 and back', () => {
    fc.assert(
      fc.property(fenArb, (fen) => {
        const back = roundTrip(formatWan(fen));
        expect(Math.abs(back - fen)).toBeLessThanOrEqual(5_000);
        expect(back % 10_000 === 0).toBe(true);
      }),
    );
  });
});

describe('what CSV imports and Chinese bookkeeping leave in cells', () => {
  test.each([
    ["'2010301", '2010301'],
    ['’2010301 行政运行', '2010301'],
  ])('code %s', (input, code) => {
    expect(readCode({ value: input })?.code).toBe(code);
  });
  test.each([
    ["'1,820.23", false, '1820', '23'],
    ['△5.00', true, '5', '00'],
  ])('amount %s', (input, negative, intDigits, fracDigits) => {
    expect(readAmountText(input)).toEqual({ negative, intDigits, fracDigits });
  });
});

describe('a figure a number format rounded stands for the width it shows', () => {
  test('100.4 元 shown "100" stands for ±0.5 元', () => {
    const r = readCellAmount({ value: 100.4, text: '100', numberFormat: '#,##0' }, '元');
    expect(r).toEqual({ kind: 'number', figure: { fen: 10000, halfWidth: 50 }, decimals: 0 });
  });
  test('1820.2345 万元 formatted "#,##0.0" stands for ±0.05 万元', () => {
    const r = readCellAmount({ value: 1820.2345, numberFormat: '#,##0.0' }, '万元');
    expect(r).toMatchObject({ kind: 'number', figure: { fen: 1820200000, halfWidth: 50000 } });
  });
  test('a typed 1407 (nothing hidden) keeps the 2-decimal reading', () => {
    const r = readCellAmount({ value: 1407, text: '1,407', numberFormat: '#,##0' }, '万元');
    expect(r).toMatchObject({ figure: { fen: 1407000000, halfWidth: 5000 } });
  });
});
