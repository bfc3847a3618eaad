/**
 * Seed 000 (2024 株洲市天元区征地工作协调服务中心) as published: the checker
 * must find its real inconsistencies (../shared/domain/notes.md §5) with
 * the right verdicts, in every layout an accountant may keep it in, and
 * call nothing else an error.
 */
import { checkWorkbook } from '../../src/core/check';
import type { Finding } from '../../src/core/rules/finding';
import { seed000Grid, variantGrid, variants } from '../fixtures';

const key = (f: Finding) => `${f.severity}:${f.rule}`;

/** The seed's known findings: rule, verdict, and what the tables print vs what the parts add up to. */
const EXPECTED = [
  { rule: 'R03', severity: 'rounding', actual: 1820.23, expected: 1820.24 },
  { rule: 'R10', severity: 'rounding', actual: 1820.23, expected: 1820.24 },
  { rule: 'R10', severity: 'rounding', actual: 1820.23, expected: 1820.24 },
  { rule: 'R14', severity: 'rounding', actual: 127.07, expected: 127.06 },
  { rule: 'X04', severity: 'rounding', actual: 23.23, expected: 23.22 },
  { rule: 'X07', severity: 'rounding', actual: 23.23, expected: 23.22 },
  // 30110 + 30111 + 30307 = 9.25 + 13.27 + 0.60 against 2101102 + 2101103 = 9.25 + 13.86.
  { rule: 'X13', severity: 'rounding', actual: 23.12, expected: 23.11 },
] as const;

describe('seed 000 in its published layout', () => {
  const result = checkWorkbook(seed000Grid());

  test('maps all nine tables with the Hunan profile', () => {
    expect(result.mapping.profile).toBe('hunan-2024');
    expect(result.mapping.missing).toEqual([]);
    expect(Object.keys(result.mapping.tables).sort()).toEqual(
      ['公开01表', '公开02表', '公开03表', '公开04表', '公开05表', '公开06表', '公开07表', '公开08表', '公开09表'],
    );
  });

  test('finds the seed’s rounding differences, and calls none of them an error', () => {
    const amounts = result.findings
      .filter((f) => f.expected !== null)
      .map((f) => ({ rule: f.rule, severity: f.severity, actual: f.actual, expected: f.expected }));
    expect(amounts).toEqual(EXPECTED.map((e) => ({ ...e })));
    expect(result.summary.error).toBe(0);
  });

  test('names the cells: 卫生健康支出 in 公开01表 and its three 项 in 公开03表', () => {
    const x04 = result.findings.find((f) => f.rule === 'X04')!;
    expect(x04.cells).toEqual(['公开01表!F16', '公开03表!C13', '公开03表!C14', '公开03表!C15']);
    expect(x04.difference).toBeCloseTo(0.01, 10);
    expect(x04.message).toContain('210 卫生健康支出');
    expect(x04.message).toContain('尾数误差');
  });

  test('reports the corrupted 栏次 row of 公开04表', () => {
    const c05 = result.findings.filter((f) => f.rule === 'C05');
    expect(c05).toHaveLength(1);
    expect(c05[0]!.severity).toBe('warning');
    expect(c05[0]!.cells).toEqual(['公开04表!C7', '公开04表!F7', '公开04表!G7']);
  });

  test('reads the 部门 of every table and the 说明 of the empty tables', () => {
    for (const t of Object.values(result.mapping.tables)) {
      expect(t.department?.name).toBe('株洲市天元区征地工作协调服务中心');
    }
    expect(result.findings.some((f) => f.rule === 'C04')).toBe(false);
    expect(result.mapping.tables['公开07表']!.notes.some((n) => n.text.includes('故本表无数据'))).toBe(true);
  });
});

describe.each(variants().map((v) => [v.name, v] as const))('layout variant %s', (_name, v) => {
  const result = checkWorkbook(variantGrid(v));

  test('maps all nine tables with the right profile', () => {
    expect(result.mapping.missing).toEqual([]);
    expect(result.mapping.profile).toBe(v.national ? 'national-2024' : 'hunan-2024');
  });

  test('finds the same seed differences, all as rounding', () => {
    const amountRules = result.findings.filter((f) => f.expected !== null).map(key);
    expect(amountRules).toEqual(EXPECTED.map((e) => `${e.severity}:${e.rule}`));
    expect(result.summary.error).toBe(0);
  });
});

test('the 元 variant is read in 元 and converted, with the same verdicts', () => {
  const v = variants().find((x) => x.name === 'yuan')!;
  const result = checkWorkbook(variantGrid(v));
  for (const t of Object.values(result.mapping.tables)) expect(t.unit).toBe('元');
  const x04 = result.findings.find((f) => f.rule === 'X04')!;
  expect(x04.actual).toBeCloseTo(23.23, 10);
  expect(x04.expected).toBeCloseTo(23.22, 10);
  expect(x04.severity).toBe('rounding');
});
