/**
 * Properties over generated disclosures (test/fixtures/generator.ts builds a
 * unit's nine tables from random 科目 and amounts, every relation exact):
 * - a consistent workbook yields no finding at all;
 * - any single change of 0.02 万元 or more to a figure written with 4 decimals
 *   yields an error that names that cell;
 * - rounding every figure to 2 decimals, as publishing in 万元 does, yields
 *   only 尾数误差, never an error.
 */
import fc from 'fast-check';
import { checkWorkbook } from '../../src/core/check';
import { refA1 } from '../../src/core/grid/a1';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { readTables } from '../../src/core/rules/table-values';
import { NATIONAL_ECONOMIC_CODES } from '../../src/core/templates/subjects';
import { layoutWorkbook, specToGrid, toNationalLayout } from '../fixtures';
import { arbitraryModel, modelToDisclosure, roundLeaves } from '../fixtures/generator';
import { cellNumber, withCell } from '../helpers/grid-edit';
import { narrativeSheet } from '../../src/core/narrative/check-text';
import { workbookNarrative } from '../../src/core/narrative/workbook';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 40);

test('a consistent workbook yields no finding', () => {
  fc.assert(
    fc.property(arbitraryModel(), (m) => {
      const r = checkWorkbook(specToGrid(layoutWorkbook(modelToDisclosure(m))));
      expect(r.mapping.missing).toEqual([]);
      expect(r.findings.map((f) => `${f.rule} ${f.message}`)).toEqual([]);
    }),
    { numRuns: RUNS },
  );
});

test('the same consistent disclosures in the national layout (类/款/项 rows, split codes) yield no finding', () => {
  fc.assert(
    fc.property(arbitraryModel({ unitDecimals: 2 }), fc.boolean(), (m, splitCodes) => {
      // The national template prints no 307/399 blocks and fewer 310 items: a model using them has no national form.
      fc.pre(Object.keys(m.economic).every((c) => NATIONAL_ECONOMIC_CODES.some((n) => n.code === c)));
      const r = checkWorkbook(specToGrid(layoutWorkbook(toNationalLayout(modelToDisclosure(m), { splitCodes }))));
      expect(r.mapping.profile).toBe('national-2024');
      expect(r.mapping.missing).toEqual([]);
      expect(r.findings.map((f) => `${f.rule} ${f.message}`)).toEqual([]);
    }),
    { numRuns: RUNS / 2 },
  );
});

test('any single change of 0.02 or more yields an error naming the cell', () => {
  fc.assert(
    fc.property(
      arbitraryModel({ unitDecimals: 4 }),
      fc.nat(),
      fc.integer({ min: 200, max: 1_000_000 }),
      fc.boolean(),
      (m, pick, tenThousandths, down) => {
        const grid = specToGrid(layoutWorkbook(modelToDisclosure(m)));
        const tables = [...readTables(grid, mapWorkbook(grid)).values()];
        const cells = tables.flatMap((t) => t.all()).filter((c) => c.invalidText === undefined);
        const target = cells[pick % cells.length]!.ref;
        const before = cellNumber(grid, target);
        const after = Math.round((before + (down ? -1 : 1) * (tenThousandths / 10_000)) * 10_000) / 10_000;
        const r = checkWorkbook(withCell(grid, target, after));
        const hits = r.findings.filter((f) => f.severity === 'error' && f.cells.includes(refA1(target)));
        expect(hits.length).toBeGreaterThan(0);
      },
    ),
    { numRuns: RUNS * 2 },
  );
});

test('rounding every figure to 2 decimals yields only 尾数误差', () => {
  let roundingSeen = 0;
  fc.assert(
    fc.property(arbitraryModel({ unitDecimals: 4 }), (m) => {
      const r = checkWorkbook(specToGrid(layoutWorkbook(roundLeaves(modelToDisclosure(m)))));
      expect(r.mapping.missing).toEqual([]);
      expect(r.findings.filter((f) => f.severity !== 'rounding').map((f) => `${f.rule} ${f.message}`)).toEqual([]);
      roundingSeen += r.summary.rounding;
    }),
    { numRuns: RUNS },
  );
  // The property is not vacuous: rounding does create differences the checker sees.
  expect(roundingSeen).toBeGreaterThan(0);
});

describe('the narrative drafted from the tables, written into the workbook, contradicts none of them', () => {
  const draftSheet = (grid: ReturnType<typeof specToGrid>) => {
    const n = workbookNarrative(grid, mapWorkbook(grid), 2024);
    const lines = n.sections.flatMap((s) => [s.heading, s.subheading ?? '', ...s.paragraphs.map((p) => p.text)]).filter(Boolean);
    return narrativeSheet('情况说明', lines.join('\n'));
  };
  const textErrors = (grid: ReturnType<typeof specToGrid>) =>
    checkWorkbook(grid, undefined, { narrative: draftSheet(grid) })
      .findings.filter((f) => /^T/.test(f.rule) && f.severity === 'error')
      .map((f) => `${f.rule} ${f.message}`);

  test('Hunan layout, figures rounded to 2 decimals as published', () => {
    fc.assert(
      fc.property(arbitraryModel({ unitDecimals: 4 }), (m) => {
        expect(textErrors(specToGrid(layoutWorkbook(roundLeaves(modelToDisclosure(m)))))).toEqual([]);
      }),
      { numRuns: RUNS / 2 },
    );
  });

  test('national layout', () => {
    fc.assert(
      fc.property(arbitraryModel({ unitDecimals: 2 }), (m) => {
        fc.pre(Object.keys(m.economic).every((c) => NATIONAL_ECONOMIC_CODES.some((n) => n.code === c)));
        expect(textErrors(specToGrid(layoutWorkbook(toNationalLayout(modelToDisclosure(m)))))).toEqual([]);
      }),
      { numRuns: RUNS / 2 },
    );
  });
});

test('any amount of that draft retyped (+1.11) is an error at its paragraph, in either layout', () => {
  fc.assert(
    fc.property(arbitraryModel({ unitDecimals: 2 }), fc.nat(), fc.boolean(), (m, pick, national) => {
      fc.pre(!national || Object.keys(m.economic).every((c) => NATIONAL_ECONOMIC_CODES.some((n) => n.code === c)));
      const d = modelToDisclosure(m);
      const grid = specToGrid(layoutWorkbook(national ? toNationalLayout(d) : d));
      const n = workbookNarrative(grid, mapWorkbook(grid), 2024);
      const lines = n.sections.flatMap((s) => [s.heading, s.subheading ?? '', ...s.paragraphs.map((p) => p.text)]).filter(Boolean);
      // Every amount the tables give (not the template's own 单位价值100万元以上).
      const spots = lines.flatMap((l, i) => [...l.matchAll(/(?<![\d.])(\d+(?:\.\d+)?)万元(?!（含）)(?!以上)/g)].map((x) => ({ i, at: x.index!, digits: x[1]! })));
      fc.pre(spots.length > 0);
      const s = spots[pick % spots.length]!;
      const changed = (Math.round(Number(s.digits) * 100) + 111) / 100;
      const edited = [...lines];
      edited[s.i] = `${lines[s.i]!.slice(0, s.at)}${changed}${lines[s.i]!.slice(s.at + s.digits.length)}`;
      const r = checkWorkbook(grid, undefined, { narrative: narrativeSheet('情况说明', edited.join('\n')) });
      // An error, or a warning where the name only usually means the table's figure (national 机关运行经费).
      const hits = r.findings.filter((f) => f.severity !== 'rounding' && /^T/.test(f.rule) && f.cells.includes(`情况说明!A${s.i + 1}`));
      expect(hits.map((f) => f.rule)).toContain('T01');
    }),
    { numRuns: RUNS },
  );
});
