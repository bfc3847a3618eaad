import { amountText, direction, percentText, sharesText } from '../../src/core/narrative/format';

const seed = { trimAmounts: true, thousands: false, percentDecimals: 1, trimPercents: true };
const twoDecimals = { trimAmounts: false, thousands: false, percentDecimals: 2, trimPercents: false };
const wan = (x: string) => Math.round(Number(x) * 100) * 10_000;

test.each([
  ['1820.23', seed, '1820.23'],
  ['23.60', seed, '23.6'],
  ['1407.00', seed, '1407'],
  ['0.00', seed, '0'],
  ['840.70', twoDecimals, '840.70'],
])('amount %s', (x, style, out) => expect(amountText(wan(x), style)).toBe(out));

test.each([
  ['345.86', '1820.23', seed, '19'], // 19.001 %
  ['23.23', '1820.23', seed, '1.3'],
  ['0.51', '4.00', seed, '12.8'], // 12.75 % rounds half up
  ['1820.23', '417.34', seed, '436.2'],
  ['8', '13', twoDecimals, '61.54'], // S001 wrote 61.53 % (truncated)
  ['0', '1820.23', seed, '0'],
])('percent %s / %s', (a, b, style, out) => expect(percentText(wan(a), wan(b), style)).toBe(out));

test('shares that must make 100 % use largest remainders', () => {
  // Three equal thirds: 33.3 + 33.3 + 33.4.
  expect(sharesText([wan('1'), wan('1'), wan('1')], wan('3'), seed)).toEqual(['33.4', '33.3', '33.3']);
  // Seed 000 §三: 365.67 and 1454.56 of 1820.23 → 20.1 and 79.9.
  expect(sharesText([wan('365.67'), wan('1454.56')], wan('1820.23'), seed)).toEqual(['20.1', '79.9']);
});

test('direction words follow the sign', () => {
  expect(direction(5)).toEqual({ change: '增加', rate: '增长' });
  expect(direction(-5)).toEqual({ change: '减少', rate: '下降' });
  expect(direction(0)).toEqual({ change: '持平', rate: '持平' });
});
