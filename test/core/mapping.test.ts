/**
 * Workbooks as accountants really keep them, built from seed 000 with the
 * edits a hand-typed or home-grown layout brings: the mapping must still
 * find every table and read every row, and the checks must report what is
 * really wrong — with the Chinese message naming the place — and nothing else.
 */
import { sidewaysThreePublicSheet } from '../fixtures/sideways-three-public';
import { checkWorkbook } from '../../src/core/check';
import { ArraySheet } from '../../src/core/grid/grid';
import { mapWorkbook } from '../../src/core/mapping/detect';
import type { Disclosure, SheetSpec, WorkbookSpec } from '../fixtures';
import { cloneDisclosure, getTable, layoutWorkbook, seed000, seed000Grid, specToGrid, joinT06Footer, toNationalLayout } from '../fixtures';

function edit(f: (d: Disclosure) => void): Disclosure {
  const d = cloneDisclosure(seed000());
  f(d);
  return d;
}
const check = (spec: WorkbookSpec) => checkWorkbook(specToGrid(spec));
const amountFindings = (r: ReturnType<typeof check>) => r.findings.filter((f) => f.expected !== null).map((f) => `${f.severity}:${f.rule}`);
const SEED_AMOUNT_FINDINGS = amountFindings(checkWorkbook(seed000Grid()));

test('公开01表 listing only the categories that have figures, 行次 renumbered', () => {
  const d = edit((d) => {
    const t = getTable(d, '公开01表');
    t.body = t.body.filter((r) => r[0] !== '' || r[3] === '' || r[5] !== '' || ['本年支出合计', '结余分配', '年末结转和结余', '总计'].includes(r[3]!));
    t.body = t.body.filter((r) => !(r[0] === '' && r[3] !== '' && r[5] === '' && !['结余分配', '年末结转和结余'].includes(r[3]!)));
  });
  const r = check(layoutWorkbook(d));
  expect(r.mapping.missing).toEqual([]);
  const t01 = r.mapping.tables['公开01表']!;
  expect(t01.rows.filter((x) => x.key.startsWith('cls:')).map((x) => x.key)).toEqual(['cls:201', 'cls:202', 'cls:203', 'cls:204', 'cls:205', 'cls:206', 'cls:207', 'cls:208', 'cls:210', 'cls:212', 'cls:221']);
  expect(amountFindings(r)).toEqual(SEED_AMOUNT_FINDINGS);
});

test('合计 row last, titles with year and department, 科目编码 and 名称 in one cell', () => {
  const d = edit((d) => {
    for (const id of ['公开02表', '公开03表', '公开05表']) {
      const t = getTable(d, id);
      const lane = t.body.findIndex((r) => r[0] === '栏次');
      const total = t.body.splice(lane + 1, 1)[0]!;
      t.body.push(total);
      t.title = `2024年度株洲市天元区征地工作协调服务中心${t.title}`;
    }
    const t3 = getTable(d, '公开03表');
    for (const r of t3.body) if (/^\d{7}$/.test(r[0]!)) {
      r[0] = `${r[0]} ${r[1]}`;
      r[1] = '';
    }
  });
  const r = check(layoutWorkbook(d));
  expect(r.mapping.missing).toEqual([]);
  const t3 = r.mapping.tables['公开03表']!;
  expect(t3.title).toContain('2024年度');
  expect(t3.items.map((i) => i.code)).toContain('2101103');
  expect(t3.items.find((i) => i.code === '2101103')!.name).toBe('公务员医疗补助');
  expect(amountFindings(r)).toEqual(SEED_AMOUNT_FINDINGS);
});

test('a 目录 sheet and a narrative sheet that name the tables do not disturb the mapping', () => {
  const spec = layoutWorkbook(seed000());
  const toc: SheetSpec = {
    name: '目录',
    rows: [['目录'], ...getTitles().map((t, i) => [`${i + 1}、${t}`, `${i + 3}`])],
    merges: [],
  };
  const narrative: SheetSpec = {
    name: '情况说明',
    rows: [
      ['第三部分 部门决算情况说明'],
      ['一、收入支出决算总体情况说明'],
      ['2024年度收、支总计1820.23万元，详见收入支出决算总表。与上年相比，增加1288.61万元，增长242.4%。'],
      ['二、收入决算情况说明（见收入决算表）'],
    ],
    merges: [],
  };
  const r = check({ sheets: [toc, narrative, ...spec.sheets] });
  expect(r.mapping.missing).toEqual([]);
  for (const t of Object.values(r.mapping.tables)) expect(t.sheet).toBe(t.id);
  expect(amountFindings(r)).toEqual(SEED_AMOUNT_FINDINGS);
});

function getTitles(): string[] {
  return seed000().tables.map((t) => t.title);
}

test('公开07表 and 公开08表 side by side on one sheet', () => {
  const spec = layoutWorkbook(seed000());
  const s7 = spec.sheets.find((s) => s.name === '公开07表')!;
  const s8 = spec.sheets.find((s) => s.name === '公开08表')!;
  const width = Math.max(...s7.rows.map((r) => r.length)) + 1;
  const rows = Array.from({ length: Math.max(s7.rows.length, s8.rows.length) }, (_, i) => {
    const left = [...(s7.rows[i] ?? [])];
    while (left.length < width) left.push(null);
    return [...left, ...(s8.rows[i] ?? [])];
  });
  const merges = [...s7.merges, ...s8.merges.map((m) => ({ ...m, left: m.left + width, right: m.right + width }))];
  const sheets = spec.sheets.filter((s) => s !== s7 && s !== s8);
  const r = check({ sheets: [...sheets, { name: '基金与国资', rows, merges }] });
  expect(r.mapping.missing).toEqual([]);
  expect(r.mapping.tables['公开07表']!.sheet).toBe('基金与国资');
  expect(r.mapping.tables['公开08表']!.left).toBe(width);
  expect(r.findings.filter((f) => f.rule === 'C04')).toEqual([]);
});

test('text where an amount should be is reported at its cell, and no relation is judged on it', () => {
  const d = edit((d) => {
    const t = getTable(d, '公开05表');
    const row = t.body.find((r) => r[0] === '2010302')!;
    row[4] = '约47.45';
  });
  const r = check(layoutWorkbook(d));
  const m02 = r.findings.filter((f) => f.rule === 'M02');
  expect(m02).toHaveLength(1);
  expect(m02[0]!.severity).toBe('error');
  expect(m02[0]!.message).toContain('约47.45');
  expect(m02[0]!.cells).toEqual(['公开05表!E10']);
  // The row's own relation is not judged on a guessed value.
  expect(r.findings.filter((f) => f.rule === 'R13.row')).toEqual([]);
});

test('another unit’s name on one table is an error; a short form of the name is a warning', () => {
  const d = edit((d) => {
    getTable(d, '公开05表').meta = getTable(d, '公开05表').meta.map((m) => (m.startsWith('部门') ? '部门：株洲市荷塘区征地工作协调服务中心' : m));
    getTable(d, '公开06表').meta = getTable(d, '公开06表').meta.map((m) => (m.startsWith('部门') ? '部门：天元区征地工作协调服务中心' : m));
  });
  const r = check(layoutWorkbook(d));
  const c01 = r.findings.filter((f) => f.rule === 'C01');
  expect(c01.map((f) => [f.severity, f.tables[0]])).toEqual([
    ['error', '公开05表'],
    ['warning', '公开06表'],
  ]);
  expect(c01[0]!.message).toContain('株洲市荷塘区');
});

test('a 住房公积金 name under a 医疗 code, and one code with two names', () => {
  const d = edit((d) => {
    const t = getTable(d, '公开03表');
    t.body.find((r) => r[0] === '2101102')![1] = '住房公积金';
  });
  const r = check(layoutWorkbook(d));
  const c03 = r.findings.filter((f) => f.rule === 'C03');
  expect(c03).toHaveLength(1);
  expect(c03[0]!.message).toContain('2101102');
  expect(c03[0]!.message).toContain('住房改革支出');
  expect(c03[0]!.cells).toEqual(['公开03表!B14']);
  const c02 = r.findings.filter((f) => f.rule === 'C02');
  expect(c02.map((f) => f.cells[0])).toEqual(['公开03表!B14']);
});

test('an empty 公开07表 without its 说明, and a 说明 that contradicts figures', () => {
  const d = edit((d) => {
    const t7 = getTable(d, '公开07表');
    t7.notes = t7.notes.filter((n) => !n.startsWith('说明'));
    const t8 = getTable(d, '公开08表');
    t8.body[t8.body.length - 1] = ['合计', '', '5.00', '5.00', ''];
  });
  const r = check(layoutWorkbook(d));
  const c04 = r.findings.filter((f) => f.rule === 'C04');
  expect(c04.map((f) => [f.severity, f.tables[0]])).toEqual([
    ['error', '公开08表'],
    ['warning', '公开07表'],
  ]);
});

test('a user-set range is used instead of detection', () => {
  const grid = specToGrid(layoutWorkbook(joinT06Footer(seed000())));
  const m = mapWorkbook(grid, { ranges: { 公开03表: { sheet: '公开03表', range: 'A5:H18' } } });
  expect(m.tables['公开03表']!.foundBy).toBe('user');
  expect(m.tables['公开03表']!.items).toHaveLength(9);
  expect(m.tables['公开02表']!.foundBy).toBe('title');
});

test('a workbook with no disclosure tables says so once, as a warning, in Chinese', () => {
  const r = check({ sheets: [{ name: 'Sheet1', rows: [['姓名', '金额'], ['张三', 100]], merges: [] }] });
  expect(r.mapping.missing).toHaveLength(9);
  const m01 = r.findings.filter((f) => f.rule === 'M01');
  expect(m01.map((f) => f.severity)).toEqual(['warning']);
  expect(m01[0]!.message).toMatch(/^工作簿中没有找到九张公开表/);
  expect(r.summary.error).toBe(0);
});

test('a 三公 table turned on its side (one row per item, 预算数 | 决算数 columns)', () => {
  const spec = layoutWorkbook(seed000());
  const vertical = sidewaysThreePublicSheet();
  const r = check({ sheets: [...spec.sheets.filter((s) => s.name !== '公开09表'), vertical] });
  expect(r.mapping.missing).toEqual([]);
  const t = r.mapping.tables['公开09表']!;
  expect(t.sheet).toBe('三公经费');
  expect(t.columns.find((c) => c.key === '决算.公务用车运行维护费')).toMatchObject({ col: 2, row: 7 });
  // 3.39 typed for 3.49: the vehicle subtotal no longer adds up, and 30231 (3.49) exceeds it.
  const r21 = r.findings.find((f) => f.rule === 'R21.vehicle')!;
  expect(r21.severity).toBe('error');
  expect(r21.cells).toEqual(['三公经费!C6', '三公经费!C8']);
  expect(r.findings.find((f) => f.rule === 'X12')?.cells).toEqual(['公开06表!F31', '三公经费!C8']);
});

test('a formula without a saved result, and a formula error, are reported instead of read as 0', () => {
  const spec = layoutWorkbook(seed000());
  const s2 = spec.sheets.find((s) => s.name === '公开02表')!;
  const grid = specToGrid(spec);
  const sheet = grid.sheets.find((s) => s.name === '公开02表')!;
  const totalRow = s2.rows.findIndex((r) => r[0] === '合计');
  const patched = {
    sheets: grid.sheets.map((s) =>
      s !== sheet
        ? s
        : {
            ...s,
            name: s.name,
            rowCount: s.rowCount,
            colCount: s.colCount,
            merges: s.merges,
            cell: (r: number, c: number) =>
              r === totalRow && c === 2 ? { value: null, formula: 'SUM(C9:C17)' } : r === totalRow && c === 3 ? { value: '#REF!', formula: 'SUM(#REF!)' } : s.cell(r, c),
          },
    ),
  };
  const r = checkWorkbook(patched);
  const m02 = r.findings.filter((f) => f.rule === 'M02').map((f) => f.message);
  expect(m02).toHaveLength(2);
  expect(m02[0]).toContain('没有保存它的计算结果');
  expect(m02[1]).toContain('公式出错（#REF!）');
  // Nothing is judged on them: no false error on the 合计 row.
  expect(r.findings.filter((f) => f.severity === 'error' && f.rule !== 'M02')).toEqual([]);
});

describe('a table read only in part is reported, not turned into false errors (review findings)', () => {
  test('a column header worded otherwise (财政补助收入): matched by its 栏次 when printed; else M04 names it and nothing counts it as 0', () => {
    const rename = (d: Disclosure) => {
      const t = getTable(d, '公开02表');
      t.header = t.header.map((row) => row.map((c) => (c === '财政拨款收入' ? '财政补助收入' : c)));
    };
    // Hunan prints 栏次: column 2 is 财政拨款收入 whatever its header says.
    const hunan = check(layoutWorkbook(edit(rename)));
    expect(hunan.mapping.tables['公开02表']!.columns.find((c) => c.key === '财政拨款收入')).toMatchObject({ col: 3, header: '财政补助收入' });
    expect(amountFindings(hunan)).toEqual(SEED_AMOUNT_FINDINGS);
    // The national layout has no 栏次: the column stays unmatched and is reported.
    const national = toNationalLayout(seed000());
    rename(national);
    const r = check(layoutWorkbook(national));
    expect(r.summary.error).toBe(0);
    const m04 = r.findings.filter((f) => f.rule === 'M04');
    expect(m04).toHaveLength(1);
    expect(m04[0]!.message).toContain('未找到栏目：“财政拨款收入”');
    expect(m04[0]!.message).toContain('D 列（表头“财政补助收入”）有金额');
  });

  test('公开01表 missing: no 表间 relation pretends its rows are 0', () => {
    const spec = layoutWorkbook(seed000());
    const r = check({ sheets: spec.sheets.filter((s) => s.name !== '公开01表') });
    expect(r.mapping.missing).toEqual(['公开01表']);
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['M01']);
  });

  test('a 类 label the template does not know: M03 at the row, no false R03/X04 errors', () => {
    const d = edit((d) => {
      const row = getTable(d, '公开01表').body.find((r) => r[3] === '十一、城乡社区支出')!;
      row[3] = '十一、城乡社区事务支出';
    });
    const r = check(layoutWorkbook(d));
    const m03 = r.findings.filter((f) => f.rule === 'M03');
    expect(m03.map((f) => f.cells)).toEqual([['公开01表!D18']]);
    expect(r.summary.error).toBe(0);
  });

  test('the first income row worded otherwise (一、财政拨款收入) is reported, and its sums not judged', () => {
    const d = edit((d) => {
      const row = getTable(d, '公开01表').body.find((r) => r[0] === '一、一般公共预算财政拨款收入')!;
      row[0] = '一、财政拨款收入';
    });
    const r = check(layoutWorkbook(d));
    expect(r.findings.filter((f) => f.rule === 'M03').map((f) => f.cells)).toEqual([['公开01表!A8']]);
    expect(r.summary.error).toBe(0);
  });

  test('codes kept as text with a leading apostrophe are read as codes', () => {
    const d = edit((d) => {
      for (const r of getTable(d, '公开03表').body) if (/^\d{7}$/.test(r[0]!)) r[0] = `'${r[0]}`;
    });
    const r = check(layoutWorkbook(d));
    expect(r.mapping.tables['公开03表']!.items).toHaveLength(9);
    expect(amountFindings(r)).toEqual(SEED_AMOUNT_FINDINGS);
  });

  test('a note that one item is nil (本单位没有因公出国费) is not taken for an empty-table note', () => {
    const d = edit((d) => {
      getTable(d, '公开09表').notes.push('说明：本单位2024年度没有因公出国（境）费和公务接待费支出。');
    });
    const r = check(layoutWorkbook(d));
    expect(r.findings.filter((f) => f.rule === 'C04')).toEqual([]);
  });

  test('a 科目 of 公开05表 that 公开03表 does not list (a mistyped code) is an error at the 05 cell', () => {
    const d = edit((d) => {
      getTable(d, '公开03表').body.find((r) => r[0] === '2101103')![0] = '2101130';
    });
    const r = check(layoutWorkbook(d));
    const x08 = r.findings.filter((f) => f.rule === 'X08' && f.severity === 'error');
    expect(x08.map((f) => f.cells[0])).toEqual(['公开05表!C15', '公开05表!D15']);
  });

  test('公开06表 without its 人员经费合计 line: M05 says which check was not done', () => {
    const d = edit((d) => {
      const t = getTable(d, '公开06表');
      t.body = t.body.map((row) => row.map((c) => (c === '人员经费合计' ? '' : c)));
    });
    const r = check(layoutWorkbook(d));
    const m05 = r.findings.filter((f) => f.rule === 'M05');
    expect(m05).toHaveLength(1);
    expect(m05[0]!.message).toContain('“人员经费合计”');
    expect(r.summary.error).toBe(0);
  });

  test('two copies of a table (last year’s on its own sheet): the choice is reported', () => {
    const spec = layoutWorkbook(seed000());
    const copy = spec.sheets.find((s) => s.name === '公开03表')!;
    const r = check({ sheets: [...spec.sheets, { ...copy, name: '2023年支出' }] });
    const m06 = r.findings.filter((f) => f.rule === 'M06');
    expect(m06).toHaveLength(1);
    expect(m06[0]!.message).toContain('已使用 公开03表!A1:H18');
    expect(m06[0]!.message).toContain("'2023年支出'!A1:H18");
  });

  test('公开01表 with the 支出 panel printed below the 收入 panel', () => {
    const d = edit((d) => {
      const t = getTable(d, '公开01表');
      const income = t.body.filter((r) => r[0] !== '').map((r) => r.slice(0, 3));
      const expense = t.body.filter((r) => r[3] !== '').map((r) => r.slice(3, 6));
      t.header = [['收入', '', ''], ['项目', '行次', '金额']];
      t.body = [...income, ['支出', '', ''], ['项目', '行次', '金额'], ...expense.filter((r) => r[0] !== '栏次')];
    });
    const r = check(layoutWorkbook(d));
    expect(r.mapping.missing).toEqual([]);
    const t01 = r.mapping.tables['公开01表']!;
    expect(t01.rows.filter((x) => x.panel === 'expense').length).toBe(30);
    expect(t01.columns.map((c) => `${c.panel}.${c.key}@${c.col}`)).toEqual(['income.金额@2', 'expense.金额@2']);
    expect(amountFindings(r)).toEqual(SEED_AMOUNT_FINDINGS);
  });
});

test('the very hidden sheet where the WPS host keeps its record (_juesuan_data) is never read as a table, nor checked', () => {
  const seed = seed000Grid();
  const record = new ArraySheet('_juesuan_data', [[{ value: '{"ignored":["R05|公开02表!C8|298.41"],"overrides":{}}' }], [{ value: '项目' }, { value: '金额' }], [{ value: '合计' }, { value: 1820.23 }]]);
  const withRecord = checkWorkbook({ sheets: [...seed.sheets, record] });
  const without = checkWorkbook(seed);
  expect(withRecord.findings.map((f) => f.message)).toEqual(without.findings.map((f) => f.message));
  expect(Object.values(withRecord.mapping.tables).some((t) => t.sheet === '_juesuan_data')).toBe(false);
});
