/**
 * References inside formulas, as row edits move them: strings and function
 * names left alone, sheet prefixes kept, spans widened by rows inserted below
 * their first row and moved by rows inserted at or above it.
 */
import { afterInsertRows, refsOf, translateRows } from '../../src/core/newyear/formula-refs';

test('finds cells and spans with their sheets, not strings, numbers or functions that look like cells', () => {
  const refs = refsOf(`SUMIFS($D$8:$D$17,$A$8:$A$17,">=2010000",A1)+'公开03表'!C9+公开04表!$F$3+LOG10(B2)+"C5"`);
  expect(refs.map((r) => [r.sheet ?? '', r.start.row, r.start.col, r.end?.row ?? null])).toEqual([
    ['', 7, 3, 16],
    ['', 7, 0, 16],
    ['', 0, 0, null],
    ['公开03表', 8, 2, null],
    ['公开04表', 2, 5, null],
    ['', 1, 1, null],
  ]);
});

test('rows inserted: ends at or below the insertion move, so a span widens only for rows below its first row', () => {
  const f = 'SUMIFS($D$8:$D$17,$A$8:$A$17,">=1000000")+D8';
  expect(afterInsertRows(f, 'S', 'S', 8, 2)).toBe('SUMIFS($D$8:$D$19,$A$8:$A$19,">=1000000")+D8');
  expect(afterInsertRows(f, 'S', 'S', 7, 1)).toBe('SUMIFS($D$9:$D$18,$A$9:$A$18,">=1000000")+D9');
  // Another sheet's formula moves only its references to the sheet edited.
  expect(afterInsertRows(`'S'!$C$8:$C$9+T!C8+C8`, 'T', 'S', 8, 1)).toBe(`'S'!$C$8:$C$10+T!C8+C8`);
});

test('a copy moves relative rows only, and refuses to leave the sheet', () => {
  expect(translateRows('SUM(D9,E9,$F$9,F$9)-公开01表!C9', 3)).toBe('SUM(D12,E12,$F$9,F$9)-公开01表!C12');
  expect(translateRows('A2', -2)).toBeUndefined();
});
