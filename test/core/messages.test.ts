/**
 * Every finding speaks both languages: `message` in Chinese (the JSON
 * contract, the marks, the 检查结果 sheet — unchanged), `messageEn` in plain
 * English for the task pane of English users. English messages keep the
 * Chinese names of tables, rows and 科目 (the real names in the workbook) but
 * never Chinese sentences: no Chinese sentence punctuation outside the text
 * they quote from the workbook (“…”).
 */
import { sidewaysThreePublicSheet } from '../fixtures/sideways-three-public';
import * as fs from 'node:fs';
import { checkWorkbook } from '../../src/core/check';
import { refA1 } from '../../src/core/grid/a1';
import type { WorkbookGrid } from '../../src/core/grid/grid';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { RULES } from '../../src/core/rules/definitions';
import { listRelations } from '../../src/core/rules/engine';
import type { Finding } from '../../src/core/rules/finding';
import { readTables } from '../../src/core/rules/table-values';
import type { Disclosure, SheetSpec, WorkbookSpec } from '../fixtures';
import { SEED000_PATH, cloneDisclosure, getTable, layoutWorkbook, seed000, seed000Grid, seed000Spec, specToGrid, toNationalLayout } from '../fixtures';
import { seed000InputsSheet } from '../fixtures/seed000-inputs';
import { fundWorkbooks } from '../fixtures/with-funds';
import { cellNumber, withCell } from '../helpers/grid-edit';

const CHINESE_SENTENCE_PUNCTUATION = /[，。；：]/;

/** The English message without the workbook text it quotes (a note, a clause, a cell's text may be Chinese sentences). */
const prose = (s: string) => s.replace(/“[^”]*”/g, '“…”');

function expectEnglish(findings: readonly Finding[]): void {
  expect(findings.length).toBeGreaterThan(0);
  for (const f of findings) {
    const where = `${f.rule}: ${f.messageEn}`;
    expect(typeof f.messageEn).toBe('string');
    expect([where, f.messageEn.trim().length > 0]).toEqual([where, true]);
    expect([where, /[A-Za-z]{3,}/.test(f.messageEn)]).toEqual([where, true]);
    expect([where, CHINESE_SENTENCE_PUNCTUATION.test(prose(f.messageEn))]).toEqual([where, false]);
    // The Chinese message is still Chinese.
    expect([f.rule, /[\u4e00-\u9fff]/.test(f.message)]).toEqual([f.rule, true]);
  }
}

function edit(f: (d: Disclosure) => void): Disclosure {
  const d = cloneDisclosure(seed000());
  f(d);
  return d;
}
const check = (spec: WorkbookSpec) => checkWorkbook(specToGrid(spec));

test('every rule has a short English title without Chinese sentence punctuation', () => {
  for (const r of RULES) {
    expect([r.id, r.titleEn.trim().length > 0, /[A-Za-z]{3,}/.test(r.titleEn), CHINESE_SENTENCE_PUNCTUATION.test(r.titleEn)]).toEqual([r.id, true, true, false]);
  }
});

describe('seed 000', () => {
  const r = checkWorkbook(seed000Grid());

  test('every finding has an English message', () => {
    expectEnglish(r.findings);
  });

  test('the Chinese messages are unchanged', () => {
    const x04 = r.findings.find((f) => f.rule === 'X04')!;
    expect(x04.message).toContain('210 卫生健康支出');
    expect(x04.message).toContain('尾数误差');
    expect(x04.message).toMatch(/^收入支出决算总表各类支出等于支出决算表该类科目之和（210 卫生健康支出）：表中为 23\.23，按相关数计算应为 23\.22，相差 0\.01 万元。属尾数误差：涉及的 \d+ 个数各自可有 ±0\.005 万元的舍入，差额不超过 [\d.]+ 万元。$/);
    const c05 = r.findings.find((f) => f.rule === 'C05')!;
    expect(c05.message).toMatch(/^公开\d\d表 的栏次行（第 \d+ 行）中有金额，栏次行只应写栏次编号，可能是复制时串行。$/);
  });

  test('the English message says the same: relation, figures and verdict', () => {
    const x04 = r.findings.find((f) => f.rule === 'X04')!;
    expect(x04.messageEn).toMatch(
      /^Each expenditure category of the summary table \(收入支出决算总表\) equals the sum of its 科目 in the expenditure table \(支出决算表\) \[210 卫生健康支出\]: the table shows 23\.23, the related figures give 23\.22, a difference of 0\.01 万元\. Rounding: the \d+ figures involved may each be off by ±0\.005 万元; the difference is at most [\d.]+ 万元\.$/,
    );
    for (const f of r.findings.filter((x) => x.severity === 'rounding')) expect(f.messageEn).toContain('. Rounding: ');
  });
});

describe('hand-kept and mutated layouts (as in mapping.test.ts)', () => {
  const spec = layoutWorkbook(seed000());
  const cases: Array<[string, () => readonly Finding[], string[]]> = [
    [
      'text where an amount should be (M02)',
      () =>
        check(
          layoutWorkbook(
            edit((d) => {
              getTable(d, '公开05表').body.find((r) => r[0] === '2010302')![4] = '约47.45';
            }),
          ),
        ).findings,
      ['M02'],
    ],
    [
      'another unit’s name, and a short form (C01)',
      () =>
        check(
          layoutWorkbook(
            edit((d) => {
              getTable(d, '公开05表').meta = getTable(d, '公开05表').meta.map((m) => (m.startsWith('部门') ? '部门：株洲市荷塘区征地工作协调服务中心' : m));
              getTable(d, '公开06表').meta = getTable(d, '公开06表').meta.map((m) => (m.startsWith('部门') ? '部门：天元区征地工作协调服务中心' : m));
            }),
          ),
        ).findings,
      ['C01'],
    ],
    [
      'a 住房公积金 name under a 医疗 code (C02, C03)',
      () =>
        check(
          layoutWorkbook(
            edit((d) => {
              getTable(d, '公开03表').body.find((r) => r[0] === '2101102')![1] = '住房公积金';
            }),
          ),
        ).findings,
      ['C02', 'C03'],
    ],
    [
      'an empty table without its note, a note that contradicts figures (C04)',
      () =>
        check(
          layoutWorkbook(
            edit((d) => {
              const t7 = getTable(d, '公开07表');
              t7.notes = t7.notes.filter((n) => !n.startsWith('说明'));
              const t8 = getTable(d, '公开08表');
              t8.body[t8.body.length - 1] = ['合计', '', '5.00', '5.00', ''];
            }),
          ),
        ).findings,
      ['C04'],
    ],
    ['no disclosure tables at all (M01)', () => check({ sheets: [{ name: 'Sheet1', rows: [['姓名', '金额'], ['张三', 100]], merges: [] }] }).findings, ['M01']],
    [
      'a header worded otherwise in the national layout (M04)',
      () => {
        const national = toNationalLayout(seed000());
        const t = getTable(national, '公开02表');
        t.header = t.header.map((row) => row.map((c) => (c === '财政拨款收入' ? '财政补助收入' : c)));
        return check(layoutWorkbook(national)).findings;
      },
      ['M04'],
    ],
    [
      'a 类 label the template does not know (M03)',
      () =>
        check(
          layoutWorkbook(
            edit((d) => {
              getTable(d, '公开01表').body.find((r) => r[3] === '十一、城乡社区支出')![3] = '十一、城乡社区事务支出';
            }),
          ),
        ).findings,
      ['M03'],
    ],
    [
      'a mistyped code in 公开03表 (X08 errors)',
      () =>
        check(
          layoutWorkbook(
            edit((d) => {
              getTable(d, '公开03表').body.find((r) => r[0] === '2101103')![0] = '2101130';
            }),
          ),
        ).findings,
      ['X08'],
    ],
    [
      '公开06表 without its 人员经费合计 line (M05)',
      () =>
        check(
          layoutWorkbook(
            edit((d) => {
              const t = getTable(d, '公开06表');
              t.body = t.body.map((row) => row.map((c) => (c === '人员经费合计' ? '' : c)));
            }),
          ),
        ).findings,
      ['M05'],
    ],
    [
      'two copies of a table (M06)',
      () => {
        const copy = spec.sheets.find((s) => s.name === '公开03表')!;
        return check({ sheets: [...spec.sheets, { ...copy, name: '2023年支出' }] }).findings;
      },
      ['M06'],
    ],
    [
      'a 三公 table on its side with a wrong figure (R21.vehicle, X12)',
      () => {
        const vertical = sidewaysThreePublicSheet();
        return check({ sheets: [...spec.sheets.filter((s) => s.name !== '公开09表'), vertical] }).findings;
      },
      ['R21.vehicle', 'X12'],
    ],
  ];

  test.each(cases)('%s', (_name, run, rules) => {
    const findings = run();
    for (const rule of rules) expect(findings.map((f) => f.rule)).toContain(rule);
    expectEnglish(findings);
  });

  test('the Chinese messages of these findings are unchanged', () => {
    const m01 = cases.find((c) => c[2][0] === 'M01')![1]().filter((f) => f.rule === 'M01');
    // Without any of the nine tables, it is said once, as a warning.
    expect(m01.map((f) => f.severity)).toEqual(['warning']);
    expect(m01[0]!.message).toContain('工作簿中没有找到九张公开表');
    // One table missing is named.
    const one = check({ sheets: seed000Spec().sheets.filter((s) => s.name !== '公开01表') }).findings.filter((f) => f.rule === 'M01');
    expect(one[0]!.message).toBe('未找到公开01表（收入支出决算总表）。请确认工作簿中有这张表及其标题或表头，或在映射中为它指定区域；该表相关的校验未能进行。');
    expect(one[0]!.messageEn).toBe('公开01表 (收入支出决算总表) was not found. Make sure the workbook holds this table with its title or header, or set its range in the mapping; the checks involving it were not done.');
    const m02 = cases.find((c) => c[2][0] === 'M02')![1]().find((f) => f.rule === 'M02')!;
    expect(m02.message).toBe('公开05表 E10 应为金额，实际是文字“约47.45”，无法参与校验。请改为数字（空白表示 0）。');
    expect(m02.messageEn).toContain('“约47.45”');
  });
});

describe('relation messages of every rule, each caught with a wrong figure', () => {
  const workbooks: Array<[string, WorkbookGrid]> = [['seed 000', seed000Grid()], ['seed 000 national', specToGrid(layoutWorkbook(toNationalLayout(seed000())))], ...fundWorkbooks()];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const [, grid] of workbooks) {
    const tables = readTables(grid, mapWorkbook(grid));
    for (const [i, rule] of RULES.entries()) {
      if (seen.has(`${i}`)) continue;
      const rel = listRelations(rule, tables).find((x) => x.lhs.cells.length > 0);
      if (!rel) continue;
      seen.add(`${i}`);
      const cell = rel.lhs.cells[0]!.ref;
      const mutated = withCell(grid, cell, Math.round((cellNumber(grid, cell) + 1) * 100) / 100);
      findings.push(...checkWorkbook(mutated).findings.filter((f) => f.rule === rule.id && f.cells.includes(refA1(cell))));
    }
  }

  test('cover most rules, in English, with their subject (row, column, 科目, 类)', () => {
    expect(new Set(findings.map((f) => f.rule)).size).toBeGreaterThan(30);
    expectEnglish(findings);
    for (const f of findings) {
      expect(f.messageEn).toMatch(/: the table shows [\d,.-]+, (the related figures give|above the limit of) /);
      expect(f.messageEn).not.toMatch(/栏|行（|合计行/);
    }
    expect(findings.some((f) => / \[.*column “[^”]+”\]/.test(f.messageEn))).toBe(true);
    expect(findings.some((f) => /\[total row/.test(f.messageEn))).toBe(true);
    expect(findings.some((f) => /\[科目 \d+ [^\]]+\]/.test(f.messageEn))).toBe(true);
    expect(findings.some((f) => f.severity === 'error' && f.messageEn.includes('This is more than rounding can explain'))).toBe(true);
  });
});

describe('the narrative checks (N01, T01–T05)', () => {
  const spec = layoutWorkbook(seed000());

  test('a 说明数据 value that is not a number, and a label that is not an item (N01)', () => {
    const bad = seed000InputsSheet();
    bad.rows.push(['上年收支总计', '约五百', null], ['上年利润', 3, null]);
    const findings = checkWorkbook(specToGrid({ sheets: [...spec.sheets, bad] })).findings.filter((f) => f.rule === 'N01');
    expect(findings).toHaveLength(2);
    expectEnglish(findings);
    expect(findings[0]!.message).toContain('不是数字');
  });

  test('a written narrative with a wrong figure, a missing section and wrong lists (T01–T03)', () => {
    const text = fs.readFileSync(SEED000_PATH, 'utf8');
    const start = text.indexOf('一、收入支出决算总体情况说明\n\n2024');
    let lines = text
      .slice(start, text.indexOf('十五、其他', start))
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    lines = lines.map((l) => (l.startsWith('2024年度收入合计') ? l.replace('财政拨款收入1820.23万元', '财政拨款收入1820.32万元') : l));
    // Drop section 四 (its heading and paragraphs up to 五).
    const four = lines.findIndex((l) => l.startsWith('四、'));
    const five = lines.findIndex((l) => l.startsWith('五、'));
    lines.splice(four, five - four);
    const sheet: SheetSpec = { name: '第三部分', rows: lines.map((l) => [l]), merges: [] };
    const findings = checkWorkbook(specToGrid({ sheets: [...spec.sheets, seed000InputsSheet(), sheet] })).findings.filter((f) => /^T/.test(f.rule));
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(['T01', 'T02', 'T03', 'T05']));
    expectEnglish(findings);
    const t01 = findings.find((f) => f.rule === 'T01')!;
    expect(t01.message).toContain('财政拨款收入1820.32万元');
    expect(t01.messageEn).toMatch(/writes 1820\.32万元; the tables give 1820\.23万元 \(财政拨款收入, 公开02表!D\d+\)\.$/);
  });
});
