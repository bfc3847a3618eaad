/**
 * Robustness corpus: layouts real accountants produce, each built from seed 000
 * (or from the consistent generator) with one realistic edit, and the outcome a
 * careful accountant expects:
 * - the nine tables are found with the right profile, and the amount findings
 *   are those of the unedited workbook (seed 000: R03, R10, R10, R14, X04, X07,
 *   X13, all 尾数误差) with no error at all; or
 * - where the edit brings a real mistake, that mistake is reported as an error
 *   at the cell that holds it, and nothing else is called an error.
 * A case the product gets wrong is kept with its full expectation and marked
 * `failing: true` with a comment saying what goes wrong; comments starting
 * `Once failed (now fixed):` record the failures this corpus found and that were fixed.
 */
import { checkWorkbook, type CheckResult } from '../../src/core/check';
import type { GridCell, WorkbookGrid } from '../../src/core/grid/grid';
import { formatWithNumberFormat } from '../../src/core/numbers/parse';
import type { ProfileId } from '../../src/core/templates/types';
import {
  cloneDisclosure,
  colLetters,
  FUNCTION_CLASS_NAMES,
  getTable,
  isAmount,
  isColumnNumberRow,
  layoutWorkbook,
  seed000,
  seed000Grid,
  specToGrid,
  sumAmounts,
  toNationalLayout,
  type CellSpec,
  type Disclosure,
  type SheetSpec,
  type TableBlock,
  type WorkbookSpec,
} from '../fixtures';
import { modelToDisclosure, sampleModel } from '../fixtures/generator';
import { cellWhere, dropColumns, edit, insertColumn, mapCells, mapRows, pad, permuteColumns, rowHas, textOf, width } from '../fixtures/edit';

// ---------------------------------------------------------------------------
// Building blocks

const DEPT = '株洲市天元区征地工作协调服务中心';

/** A grid whose cells pass through f (for what a spec cannot say: formulas, odd formats). */
function patchGrid(grid: WorkbookGrid, f: (sheet: string, r: number, c: number, old: GridCell | undefined) => GridCell | undefined): WorkbookGrid {
  return {
    sheets: grid.sheets.map((s) => ({
      name: s.name,
      rowCount: s.rowCount,
      colCount: s.colCount,
      merges: s.merges,
      cell: (r: number, c: number) => f(s.name, r, c, s.cell(r, c)),
    })),
  };
}

const amountFindings = (r: CheckResult) => r.findings.filter((f) => f.expected !== null).map((f) => `${f.severity}:${f.rule}`);
const errors = (r: CheckResult) => r.findings.filter((f) => f.severity === 'error');
const SEED_AMOUNTS = ['rounding:R03', 'rounding:R10', 'rounding:R10', 'rounding:R14', 'rounding:X04', 'rounding:X07', 'rounding:X13'];

/** Mapping findings (M01–M06: a table, a column, a row or a cell not read as it should be). */
const mappingFindings = (r: CheckResult, allow: readonly string[] = []) =>
  r.findings.filter((f) => /^M\d/.test(f.rule) && !allow.includes(f.rule)).map((f) => `${f.rule} ${f.message}`);

/**
 * All nine tables with the profile, read whole (no M finding but those allowed),
 * and exactly the seed's amount findings, none an error.
 */
function expectSeedOutcome(r: CheckResult, profile: ProfileId = 'hunan-2024', allow: readonly string[] = []): void {
  expect(r.mapping.missing).toEqual([]);
  expect(r.mapping.profile).toBe(profile);
  expect(mappingFindings(r, allow)).toEqual([]);
  expect(amountFindings(r)).toEqual(SEED_AMOUNTS);
  expect(errors(r).map((f) => `${f.rule} ${f.message}`)).toEqual([]);
}

/** Nine tables, and a real error reported by `rules`, each naming `cell`; nothing else an error. */
function expectErrorAt(r: CheckResult, cell: string, rules: readonly string[], profile: ProfileId = 'hunan-2024'): void {
  expect(r.mapping.missing).toEqual([]);
  expect(r.mapping.profile).toBe(profile);
  const errs = errors(r);
  expect(errs.map((f) => f.rule).sort()).toEqual([...rules].sort());
  for (const f of errs) expect(f.cells).toContain(cell);
}

const run = (spec: WorkbookSpec) => checkWorkbook(specToGrid(spec));

/** Per-table column edit on 02/03/05. */
const CODE_LIST_IDS = ['公开02表', '公开03表', '公开05表'] as const;

// ---------------------------------------------------------------------------
// Edits used by several cases

/** 公开03表 with 项目支出 printed before 基本支出 (columns moved with their 栏次). */
const reordered03 = (d: Disclosure) => permuteColumns(getTable(d, '公开03表'), [0, 1, 2, 4, 3, 5, 6, 7]);

/** 公开06表 as one block: 科目代码 | 科目名称 | 决算数, blocks one under the other, the two totals at the bottom. */
function singleBlock06(d: Disclosure): void {
  const t = getTable(d, '公开06表');
  const rows: string[][] = [];
  for (const b of [0, 3, 6]) for (const r of t.body) if (/^\d{3,5}$/.test((r[b] ?? '').trim())) rows.push([r[b]!, r[b + 1]!, r[b + 2]!]);
  t.header = [['科目代码', '科目名称', '决算数']];
  t.body = [...rows, ['人员经费合计', '', '234.40'], ['公用经费合计', '', '131.27']];
}

/** 公开02/03/05表 with 类 and 款 subtotal rows above their 项 rows (exact sums), as the national template lists them. */
function withSubtotals(t: TableBlock): void {
  const w = width(t);
  const codeCol = 0;
  const items = t.body.filter((r) => /^\d{7}$/.test(r[codeCol] ?? ''));
  const out: string[][] = [];
  const seen = new Set<string>();
  let inserted = false;
  for (const r of t.body) {
    const code = r[codeCol] ?? '';
    if (/^\d{7}$/.test(code)) {
      for (const prefix of [code.slice(0, 3), code.slice(0, 5)]) {
        if (seen.has(prefix)) continue;
        seen.add(prefix);
        const kids = items.filter((x) => x[codeCol]!.startsWith(prefix));
        const row = [prefix, FUNCTION_CLASS_NAMES[prefix]!];
        for (let c = 2; c < w; c++) row.push(sumAmounts(kids.map((k) => k[c] ?? '')));
        out.push(row);
      }
      inserted = true;
    }
    out.push(pad(r, w));
  }
  if (!inserted) throw new Error('no items');
  t.body = out;
}

/** 类 | 款 | 项 code columns in place of the one code column (项 rows only, as Hunan lists them). */
function splitCodes(t: TableBlock): void {
  const w = width(t);
  t.header = [
    ['功能分类科目编码', '', '', '科目名称', ...pad(t.header[0]!, w).slice(2)],
    ['类', '款', '项', '', ...Array<string>(w - 2).fill('')],
  ];
  t.body = t.body.map((r0) => {
    const r = pad(r0, w);
    const code = r[0]!;
    if (/^\d{7}$/.test(code)) return [code.slice(0, 3), code.slice(3, 5), code.slice(5), ...r.slice(1)];
    return [r[0]!, '', '', ...r.slice(1)];
  });
}

/** The 年初/年末 balances of 公开01表 and 公开04表 set to −5.00 (over-spent), every total kept consistent. */
function negativeBalances(d: Disclosure): void {
  const t1 = getTable(d, '公开01表');
  for (const r of t1.body) {
    if (r[0] === '年初结转和结余') r[2] = '-5.00';
    if (r[3] === '年末结转和结余') r[5] = '-5.00';
    if (r[0] === '总计') {
      r[2] = '1,815.23';
      r[5] = '1,815.23';
    }
  }
  const t4 = getTable(d, '公开04表');
  let afterOpening = false;
  for (const r of t4.body) {
    if (r[0] === '年初财政拨款结转和结余') {
      r[2] = '-5.00';
      r[5] = '-5.00';
      r[6] = '-5.00';
      afterOpening = true;
      continue;
    }
    if (afterOpening && r[0] === '一般公共预算财政拨款') {
      r[2] = '-5.00';
      r[5] = '-5.00';
      r[6] = '-5.00';
    }
    if (r[0] === '总计') {
      r[2] = '1,815.23';
      r[5] = '1,815.23';
      r[6] = '1,815.23';
    }
  }
}

// ---------------------------------------------------------------------------
// The corpus

interface Case {
  name: string;
  /** Marked when the product gets it wrong (see the PRODUCT comment). */
  failing?: boolean;
  run: () => void;
}

const CASES: Case[] = [
  {
    name: '公开03表 columns reordered: 项目支出 before 基本支出',
    run: () => expectSeedOutcome(run(layoutWorkbook(edit(reordered03)))),
  },
  {
    name: '公开03表 columns reordered, with 2010301 基本支出 mistyped 289.41: the error is at the 基本支出 cell (now column E)',
    run: () => {
      const d = edit((d) => {
        reordered03(d);
        getTable(d, '公开03表').body.find((r) => r[0] === '2010301')![4] = '289.41';
      });
      const spec = layoutWorkbook(d);
      const r = run(spec);
      const cell = cellWhere(spec, '公开03表', rowHas('2010301'), 4);
      expect(cell).toBe('公开03表!E9');
      expectErrorAt(r, cell, ['R06.row', 'R06.total', 'X08']);
    },
  },
  {
    name: 'a 备注 column at the right of 02, 03 and 05 with remarks in some rows',
    run: () => {
      const d = edit((d) => {
        for (const id of CODE_LIST_IDS) {
          const t = getTable(d, id);
          const w = width(t);
          insertColumn(t, w, (i) => (i === 0 ? '备注' : ''), (r) => (r[0] === '2120399' ? '上年结转项目，年中追加指标1407万元' : r[0] === '2010302' ? '据实列支' : ''));
        }
      });
      expectSeedOutcome(run(layoutWorkbook(d)));
    },
  },
  {
    name: 'headers carrying the unit: 本年收入合计（万元）…, 金额（万元）, 决算数（万元）',
    run: () => {
      const d = edit((d) => {
        for (const t of d.tables) {
          mapRows(t, (r, kind) =>
            kind === 'header' ? r.map((c) => (c !== '' && !/^项目$|编码|代码|名称|行次|^收入$|^支出$|人员经费|公用经费|^预算数$|^决算数$/.test(c) ? `${c}（万元）` : c === '决算数' && t.id === '公开06表' ? '决算数（万元）' : c)) : r,
          );
        }
      });
      expectSeedOutcome(run(layoutWorkbook(d)));
    },
  },
  {
    name: 'national layout, amount headers carrying the unit: 决算数（万元）, 本年收入合计（万元）…',
    // Once failed (now fixed): column specs match normalised header texts exactly (headers.ts fits/matchColumns), so
    // “本年收入合计(万元)”, “本年支出合计(万元)”, “合计(万元)” … match nothing; without a 栏次 row to fall back on
    // (the national template has none) parseCodeList gets matched.size === 0 and returns undefined: 公开02表,
    // 公开03表 and 公开05表 are reported missing (M01 ×3) and every relation on them is skipped. (Hunan tables
    // survive only thanks to their 栏次 row; the unit in a header is never read as the table's unit either.)
    
    run: () => {
      const d = edit((d) => {
        for (const t of d.tables) {
          if (!['公开01表', '公开02表', '公开03表', '公开04表', '公开05表', '公开06表'].includes(t.id)) continue;
          mapRows(t, (r, kind) => (kind === 'header' ? r.map((c) => (c !== '' && !/^项目$|编码|代码|名称|行次|^收入$|^支出$|人员经费|公用经费/.test(c) ? `${c}（万元）` : c)) : r));
        }
      }, toNationalLayout(seed000()));
      expectSeedOutcome(run(layoutWorkbook(d)), 'national-2024');
    },
  },
  {
    name: '合计 and 总计 labels written 合 计, 合计：, 总 计, 本年收入合计：',
    run: () => {
      const d = edit((d) => {
        const relabel = (id: string, from: string, to: string) => {
          for (const r of getTable(d, id).body) for (let c = 0; c < r.length; c++) if (r[c] === from) r[c] = to;
        };
        relabel('公开02表', '合计', '合 计');
        relabel('公开03表', '合计', '合计：');
        relabel('公开05表', '合计', '合　计');
        relabel('公开07表', '合计', '合计:');
        relabel('公开01表', '总计', '总 计');
        relabel('公开01表', '本年收入合计', '本年收入合计：');
        relabel('公开04表', '总计', '总　　计');
      });
      expectSeedOutcome(run(layoutWorkbook(d)));
    },
  },
  {
    name: 'amounts typed as text with a trailing 万元 (公开05表)',
    run: () => {
      const spec = mapCells(
        layoutWorkbook(seed000(), { numbers: 'text' }),
        (c) => (typeof c === 'string' && isAmount(c) ? `${c}万元` : c),
        (s) => s.name === '公开05表',
      );
      expectSeedOutcome(run(spec));
    },
  },
  {
    name: 'unit lines 金额单位：万元 and 单位：万元（保留两位小数）',
    // Once failed (now fixed): readDepartmentText (mapping/sheet-view.ts) accepts a bare “单位：X” line as the 部门 and only rejects
    // X = 万元/元, so “单位：万元（保留两位小数）” is taken as the department “万元（保留两位小数）” of 公开01表 and
    // 公开09表 (their 单位 line comes before the 部门 line; readMeta keeps the first). Result: two C01 errors
    // “部门名称“万元（保留两位小数）”与其他表…不一致，可能是套用了其他单位的表”.
    
    run: () => {
      const d = edit((d) =>
        d.tables.forEach((t, i) => {
          t.meta = t.meta.map((m) => (/^单位/.test(m) ? (i % 2 === 0 ? '单位：万元（保留两位小数）' : '金额单位：万元') : m));
        }),
      );
      const r = run(layoutWorkbook(d));
      expectSeedOutcome(r);
      for (const t of Object.values(r.mapping.tables)) {
        expect(t.unit).toBe('万元');
        expect(t.department?.name).toBe(DEPT);
      }
      expect(r.findings.filter((f) => f.rule === 'C01')).toEqual([]);
    },
  },
  {
    name: 'titles with year and department prefix; some merged over the table, some typed in a middle cell',
    run: () => {
      const d = edit((d) => d.tables.forEach((t) => (t.title = `${DEPT}2024年度${t.title}`)));
      const spec = layoutWorkbook(d);
      // Odd sheets: the title unmerged, typed in the middle column to look centred.
      spec.sheets.forEach((s, i) => {
        if (i % 2 === 0) return;
        const w = Math.max(...s.rows.map((r) => r.length));
        const title = s.rows[0]![0]!;
        const mid = Math.floor(w / 2);
        s.rows[0] = [...Array<CellSpec>(mid).fill(null), title];
        s.merges = s.merges.filter((m) => m.top !== 0);
      });
      const r = run(spec);
      expectSeedOutcome(r);
      expect(r.mapping.tables['公开03表']!.title).toContain('2024年度');
    },
  },
  {
    name: 'the label and the title in one cell: 公开01表  收入支出决算总表',
    run: () => {
      const d = edit((d) =>
        d.tables.forEach((t) => {
          t.title = `${t.id}  ${t.title}`;
          t.meta = t.meta.filter((m) => m !== t.id);
        }),
      );
      expectSeedOutcome(run(layoutWorkbook(d)));
    },
  },
  {
    name: '公开06表 as a single block (one code column), 人员经费合计 and 公用经费合计 at the bottom',
    run: () => expectSeedOutcome(run(layoutWorkbook(edit(singleBlock06), { t06Footer: 'split' }))),
  },
  {
    name: '公开06表 single block with 30226 劳务费 mistyped 98.98: R14 error at that cell',
    run: () => {
      const d = edit((d) => {
        singleBlock06(d);
        getTable(d, '公开06表').body.find((r) => r[0] === '30226')![2] = '98.98';
      });
      const spec = layoutWorkbook(d, { t06Footer: 'split' });
      const cell = cellWhere(spec, '公开06表', rowHas('30226'), 2);
      expectErrorAt(run(spec), cell, ['R14']);
    },
  },
  {
    name: '公开06表 in two blocks without 307/399 (人员经费 301, 303 | 公用经费 302, 310)',
    run: () => {
      const d = edit((d) => {
        const t = getTable(d, '公开06表');
        const left: string[][] = [];
        const right: string[][] = [];
        for (const r of t.body) {
          if (/^\d{3,5}$/.test(r[0] ?? '')) left.push(r.slice(0, 3));
          if (/^\d{3,5}$/.test(r[3] ?? '')) right.push(r.slice(3, 6));
          if (/^31\d{0,3}$/.test(r[6] ?? '')) right.push(r.slice(6, 9));
        }
        const n = Math.max(left.length, right.length);
        t.header = [
          ['人员经费', '', '', '公用经费', '', ''],
          ['科目代码', '科目名称', '决算数', '科目代码', '科目名称', '决算数'],
        ];
        t.body = Array.from({ length: n }, (_, i) => [...(left[i] ?? ['', '', '']), ...(right[i] ?? ['', '', ''])]);
        t.body.push(['人员经费合计', '', '234.40', '公用经费合计', '', '131.27']);
      });
      expectSeedOutcome(run(layoutWorkbook(d, { t06Footer: 'split' })));
    },
  },
  {
    name: '公开09表 headed 全年预算数 | 决算数 (horizontal, with its 栏次 row)',
    run: () => {
      const d = edit((d) => mapRows(getTable(d, '公开09表'), (r, kind) => (kind === 'header' ? r.map((c) => (c === '预算数' ? '全年预算数' : c)) : r)));
      expectSeedOutcome(run(layoutWorkbook(d)));
    },
  },
  {
    name: '公开09表 headed 全年预算数 | 决算数 (horizontal, no 栏次 row)',
    // Once failed (now fixed): threePublicColumns (templates/common.ts) accepts only “预算数”/“预算” above the 预算 block, while the
    // vertical parser (parseVertical) accepts /^(全年)?预算(数)?$/. Without a 栏次 row to fall back on, the six 预算
    // columns under “全年预算数” stay unmapped: M04 “未找到栏目：“预算数·合计”…”, and the 预算 side (R21) is not checked.
    
    run: () => {
      const d = edit((d) => {
        const t = getTable(d, '公开09表');
        mapRows(t, (r, kind) => (kind === 'header' ? r.map((c) => (c === '预算数' ? '全年预算数' : c)) : r));
        t.body = t.body.filter((r) => !isColumnNumberRow(r));
      });
      expectSeedOutcome(run(layoutWorkbook(d)));
    },
  },
  {
    name: '公开09表 vertical (one row per item, 全年预算数 | 决算数) under its title and label',
    run: () => {
      const d = edit((d) => {
        const t = getTable(d, '公开09表');
        t.header = [['项目', '全年预算数', '决算数']];
        t.body = [
          ['合计', '3.50', '3.49'],
          ['（一）因公出国（境）费', '', ''],
          ['（二）公务用车购置及运行维护费', '3.50', '3.49'],
          ['其中：公务用车购置费', '', ''],
          ['公务用车运行维护费', '3.50', '3.49'],
          ['（三）公务接待费', '', ''],
        ];
      });
      expectSeedOutcome(run(layoutWorkbook(d)));
    },
  },
  {
    name: '公开09表 vertical with 决算 合计 mistyped 3.94: R21 error at that cell',
    run: () => {
      const d = edit((d) => {
        const t = getTable(d, '公开09表');
        t.header = [['项目', '全年预算数', '决算数']];
        t.body = [
          ['合计', '3.50', '3.94'],
          ['（一）因公出国（境）费', '', ''],
          ['（二）公务用车购置及运行维护费', '3.50', '3.49'],
          ['其中：公务用车购置费', '', ''],
          ['公务用车运行维护费', '3.50', '3.49'],
          ['（三）公务接待费', '', ''],
        ];
      });
      const spec = layoutWorkbook(d);
      const cell = cellWhere(spec, '公开09表', rowHas('合计'), 2);
      expectErrorAt(run(spec), cell, ['R21']);
    },
  },
  {
    name: 'Hunan layout with 类 and 款 subtotal rows in 02, 03 and 05',
    run: () => {
      const d = edit((d) => CODE_LIST_IDS.forEach((id) => withSubtotals(getTable(d, id))));
      expectSeedOutcome(run(layoutWorkbook(d)));
    },
  },
  {
    name: 'Hunan layout with subtotals, 款 21011 of 公开03表 mistyped 23.21: error at that subtotal',
    run: () => {
      const d = edit((d) => {
        CODE_LIST_IDS.forEach((id) => withSubtotals(getTable(d, id)));
        getTable(d, '公开03表').body.find((r) => r[0] === '21011')![2] = '23.21';
      });
      const spec = layoutWorkbook(d);
      const cell = cellWhere(spec, '公开03表', rowHas('21011'), 2);
      expectErrorAt(run(spec), cell, ['R06.row', 'R06.parent', 'R06.parent']);
    },
  },
  {
    name: 'Hunan layout with codes in 类 | 款 | 项 columns (项 rows only)',
    run: () => {
      const d = edit((d) => CODE_LIST_IDS.forEach((id) => splitCodes(getTable(d, id))));
      const r = run(layoutWorkbook(d));
      expectSeedOutcome(r);
      expect(r.mapping.tables['公开03表']!.items.map((i) => i.code)).toContain('2101103');
    },
  },
  {
    name: '公开07表 and 公开08表 published as a sentence under the title (no table grid)',
    // Once failed (now fixed): parseCodeList returns undefined when a region has no code column (no codes, no 科目编码 header) and
    // no 合计 row, so a titled, labelled 公开07表/08表 whose body is only “本单位无…，故本表无数据。” is dropped and
    // reported missing: two M01 errors “未找到公开07表…该表相关的校验未能进行”, although the title, the label and
    // the empty-table statement are there (a mayBeEmpty table could be mapped as empty with its note).
    
    run: () => {
      const d = edit((d) => {
        for (const [id, text] of [
          ['公开07表', '本单位无政府性基金预算财政拨款收入支出，故本表无数据。'],
          ['公开08表', '本单位无国有资本经营预算财政拨款支出，故本表无数据。'],
        ] as const) {
          const t = getTable(d, id);
          t.header = [];
          t.body = [];
          t.notes = [text];
        }
      });
      const r = run(layoutWorkbook(d));
      expectSeedOutcome(r);
      expect(r.findings.filter((f) => f.rule === 'M01' || f.rule === 'C04')).toEqual([]);
    },
  },
  {
    name: 'all nine tables on one sheet, no titles or labels, one blank row between them',
    run: () => {
      const per = layoutWorkbook(seed000(), { titles: 'none' });
      const sheet: SheetSpec = { name: 'Sheet1', rows: [], merges: [] };
      for (const s of per.sheets) {
        const top = sheet.rows.length;
        sheet.rows.push(...s.rows.map((r) => [...r]));
        sheet.merges.push(...s.merges.map((m) => ({ ...m, top: m.top + top, bottom: m.bottom + top })));
        sheet.rows.push([]);
      }
      expectSeedOutcome(run({ sheets: [sheet] }));
    },
  },
  {
    name: 'sheet names in English (Table1 … Table9)',
    run: () => expectSeedOutcome(run(layoutWorkbook(seed000(), { sheetName: (_t, i) => `Table${i + 1}` }))),
  },
  {
    name: 'a hidden helper column inside 公开03表 with formulas (=D+E), no header',
    run: () => {
      const d = edit((d) => insertColumn(getTable(d, '公开03表'), 5, () => '', (r) => (/^\d{7}$|^合计$/.test(r[0]!) ? sumAmounts([r[3]!, r[4]!]) : '')));
      const spec = layoutWorkbook(d);
      const grid = patchGrid(specToGrid(spec), (sheet, r, c, old) =>
        sheet === '公开03表' && c === 5 && old && typeof old.value === 'number' ? { ...old, formula: `D${r + 1}+E${r + 1}` } : old,
      );
      // The grid does not say a column is hidden: a warning that column F holds unmatched amounts is acceptable.
      expectSeedOutcome(checkWorkbook(grid), 'hunan-2024', ['M04']);
    },
  },
  {
    name: 'amounts as text with a negative 结余 written with a full-width minus (－5.00)',
    run: () => {
      const spec = mapCells(layoutWorkbook(edit(negativeBalances), { numbers: 'text' }), (c) => (c === '-5.00' ? '－5.00' : c));
      expectSeedOutcome(run(spec));
    },
  },
  {
    name: 'a negative 结余 in parentheses: (5.00)',
    run: () => {
      const spec = mapCells(layoutWorkbook(edit(negativeBalances)), (c) => (typeof c === 'object' && c !== null && c.v === -5 ? '(5.00)' : c));
      expectSeedOutcome(run(spec));
    },
  },
  {
    name: 'a negative 结余 in parentheses with a wrong 总计 (1,820.23 kept): R02 error at 公开01表 总计',
    run: () => {
      const d = edit((d) => {
        negativeBalances(d);
        getTable(d, '公开01表').body.find((r) => r[0] === '总计')![2] = '1,820.23';
      });
      const spec = mapCells(layoutWorkbook(d), (c) => (typeof c === 'object' && c !== null && c.v === -5 ? '(5.00)' : c));
      const cell = cellWhere(spec, '公开01表', rowHas('总计'), 2);
      expectErrorAt(run(spec), cell, ['R02', 'R04.balance']);
    },
  },
  {
    name: 'a whole workbook in 元 with integer 元 amounts (General), from the consistent generator',
    run: () => {
      const m = sampleModel(7, { unitDecimals: 4 });
      const spec = mapCells(layoutWorkbook(modelToDisclosure(m)), (c) => {
        if (typeof c !== 'string') return c;
        if (/^-?[\d,]+\.\d{4}$/.test(c)) return Number(c.replace(/[,.]/g, ''));
        return c.replace('单位：万元', '单位：元').replace('单位: 万元', '单位: 元');
      });
      const r = run(spec);
      expect(r.mapping.missing).toEqual([]);
      for (const t of Object.values(r.mapping.tables)) expect(t.unit).toBe('元');
      expect(r.findings.map((f) => `${f.rule} ${f.message}`)).toEqual([]);
    },
  },
  {
    name: 'a 元 workbook whose 部门 and 单位 share one cell (部门：…        单位：元)',
    // Once failed (now fixed): readUnitText (mapping/sheet-view.ts) only matches 单位 at the start of the normalised cell
    // (/(?:^|金额)单位…/), and readMeta (parsers/region.ts) splits a cell on wide spaces for the 部门 only, not for
    // the 单位. “部门：…中心            单位：元” therefore leaves every table at the default 万元: the 元 figures are
    // read as 万元 (18,202,300.00 万元) and the seed's 0.01 万元 rounding differences become 100.00 万元 errors:
    // R03, R10 ×2, R14, X04, X07 errors and X13 warning instead of 尾数误差.
    
    run: () => {
      const d = edit((d) =>
        d.tables.forEach((t) => {
          t.meta = t.meta.filter((m) => !/^单位/.test(m)).map((m) => (/^部门/.test(m) ? `部门：${DEPT}            单位：万元` : m));
        }),
      );
      const spec = mapCells(layoutWorkbook(d, { unit: '元' }), (c) => (typeof c === 'string' && c.startsWith('部门：') ? c.replace('单位：万元', '单位：元') : c));
      const r = run(spec);
      for (const t of Object.values(r.mapping.tables)) expect(t.unit).toBe('元');
      expectSeedOutcome(r);
    },
  },
  {
    name: 'a department name with a trailing space (公开05表) and a full-width one (公开06表)',
    run: () => {
      const d = edit((d) => {
        getTable(d, '公开05表').meta = getTable(d, '公开05表').meta.map((m) => (m.startsWith('部门') ? `${m} ` : m));
        getTable(d, '公开06表').meta = getTable(d, '公开06表').meta.map((m) => (m.startsWith('部门') ? `${m}　` : m));
      });
      const r = run(layoutWorkbook(d));
      expectSeedOutcome(r);
      expect(r.findings.filter((f) => f.rule === 'C01')).toEqual([]);
    },
  },
  {
    name: 'every table starting at column F row 20',
    run: () => {
      const spec = layoutWorkbook(seed000(), { origin: { row: 19, col: 5 } });
      const r = run(spec);
      expectSeedOutcome(r);
      expect(r.findings.find((f) => f.rule === 'X04')!.cells[0]).toBe('公开01表!K35');
    },
  },
  {
    name: '行次 columns left out of 公开01表 and 公开04表',
    run: () => {
      const d = edit((d) => {
        dropColumns(getTable(d, '公开01表'), [1, 4]);
        dropColumns(getTable(d, '公开04表'), [1, 4]);
      });
      expectSeedOutcome(run(layoutWorkbook(d)));
    },
  },
  {
    name: '行次 left out of 公开01表, 八、社会保障和就业支出 mistyped 26.30: R03 and X04 errors at that cell',
    run: () => {
      const d = edit((d) => {
        const t = getTable(d, '公开01表');
        dropColumns(t, [1, 4]);
        t.body.find((r) => r[2] === '八、社会保障和就业支出')![3] = '26.30';
      });
      const spec = layoutWorkbook(d);
      const cell = cellWhere(spec, '公开01表', rowHas('八、社会保障和就业支出'), 3);
      expectErrorAt(run(spec), cell, ['R03', 'X04']);
    },
  },
  {
    name: 'no 栏次 row in any table',
    run: () => {
      const d = edit((d) => d.tables.forEach((t) => (t.body = t.body.filter((r) => !isColumnNumberRow(r)))));
      expectSeedOutcome(run(layoutWorkbook(d)));
    },
  },
  {
    name: 'a 序号 column at the left of 02, 03 and 05',
    run: () => {
      const d = edit((d) => {
        for (const id of CODE_LIST_IDS) {
          let n = 0;
          insertColumn(getTable(d, id), 0, (i) => (i === 0 ? '序号' : ''), (r) => (/^\d{7}$/.test(r[0]!) ? String(++n) : ''));
        }
      });
      expectSeedOutcome(run(layoutWorkbook(d)));
    },
  },
  {
    name: '公开03表 with code and name in one column headed 功能分类科目编码及名称 (no separate name column)',
    // Once failed (now fixed): parseCodeList takes the name column as lastCodeCol + 1 unless a header says 科目名称, without checking
    // that it holds names. With “2010301 行政运行” in the code cell and no name column, column B (本年支出合计) is
    // taken as the name column: it is left out of header and 栏次 matching (both start at nameCol + 1), so
    // 本年支出合计 is unmapped (M04) and its relations are skipped (the X04 210 rounding disappears), and every 项's
    // name is read from its amount (“298.41”): 9 C02 + 9 C03 false warnings.
    
    run: () => {
      const d = edit((d) => {
        const t = getTable(d, '公开03表');
        t.header = [['功能分类科目编码及名称', ...t.header[0]!.slice(2)]];
        t.body = t.body.map((r) => (r[0] === '栏次' ? ['栏次', ...r.slice(2)] : /^\d{7}$/.test(r[0]!) ? [`${r[0]} ${r[1]}`, ...r.slice(2)] : [r[0] || r[1]!, ...r.slice(2)]));
      });
      const r = run(layoutWorkbook(d));
      expectSeedOutcome(r);
      expect(r.mapping.tables['公开03表']!.items.find((i) => i.code === '2101103')?.name).toBe('公务员医疗补助');
    },
  },
  {
    name: 'the header repeated in the middle of 公开03表 and 公开01表 (a page break pasted from the PDF)',
    // Once failed (now fixed): parseCodeList (mapping/parsers/code-list.ts) ends the table at the first row with text in an amount
    // column ("the header of the next table"), so the repeated 项目 | 本年支出合计 | … rows of a page break end
    // 公开03表 after 2089999: the five 项 below are dropped silently (no M03/M04) and become 16 false errors —
    // R06.total ×3 (合计 1,820.23 vs Σ 369.46 …), X04 ×3 (“应为 0.00”), X08 ×10 (05 科目 “超过上限 0.00”).
    // The same repetition in 公开01表 is handled (two-sided skips 项目/收入/支出 labels).
    
    run: () => {
      const d = edit((d) => {
        for (const id of ['公开01表', '公开03表']) {
          const t = getTable(d, id);
          const at = Math.ceil(t.body.length / 2);
          t.body = [...t.body.slice(0, at), ...t.header.map((h) => [...h]), ...t.body.slice(at)];
        }
      });
      expectSeedOutcome(run(layoutWorkbook(d)));
    },
  },
  {
    name: '合计 rows computed by SUM formulas whose stored results carry binary float noise (1820.2300000000002)',
    run: () => {
      const spec = layoutWorkbook(seed000());
      const totals = new Map<string, number>();
      for (const id of CODE_LIST_IDS) {
        const s = spec.sheets.find((x) => x.name === id)!;
        const r = s.rows.findIndex(rowHas('合计'));
        s.rows[r]!.forEach((c, col) => {
          if (typeof c === 'object' && c !== null && typeof c.v === 'number') totals.set(`${id}:${r}:${col}`, c.v);
        });
      }
      expect(totals.size).toBe(8);
      let k = 0;
      const patched = patchGrid(specToGrid(spec), (sheet, r, c, old) => {
        const v = totals.get(`${sheet}:${r}:${c}`);
        if (v === undefined || !old) return old;
        // What Excel stores for a SUM of 2-decimal figures: the decimal plus or minus a few ulps.
        const noisy = v * (1 + (k++ % 2 === 0 ? 4 : -4) * Number.EPSILON);
        return { ...old, value: noisy, formula: `SUM(${colLetters(c)}${r + 2}:${colLetters(c)}${r + 10})` };
      });
      expect(String(patched.sheets.find((s) => s.name === '公开02表')!.cell(7, 2)!.value)).not.toBe('1820.23');
      expectSeedOutcome(checkWorkbook(patched));
    },
  },
  {
    name: '公开06表 with code and name in one cell (30101 基本工资 | 决算数), three blocks',
    run: () => {
      const d = edit((d) => {
        const t = getTable(d, '公开06表');
        t.header = [
          ['人员经费', '', '公用经费', '', '', ''],
          ['科目', '决算数', '科目', '决算数', '科目', '决算数'],
        ];
        t.body = t.body.map((r) => {
          const out: string[] = [];
          for (const b of [0, 3, 6]) {
            const code = (r[b] ?? '').trim();
            out.push(/^\d{3,5}$/.test(code) ? `${code} ${r[b + 1]}` : (r[b] ?? '') || (r[b + 1] ?? ''), r[b + 2] ?? '');
          }
          return out;
        });
      });
      const r = run(layoutWorkbook(d, { t06Footer: 'split' }));
      expectSeedOutcome(r);
      expect(r.mapping.tables['公开06表']!.items.find((i) => i.code === '30226')?.name).toBe('劳务费');
    },
  },
  {
    name: '公开06表 listing only the 经济分类 rows that have figures',
    // Once failed (now fixed): parseEconomicBlocks (parsers/economic-blocks.ts) takes a column as a block's code column only with
    // ≥ 3 经济分类 codes; the third block (310, 31002: two codes) is not a block, so the 302 block spans to the
    // right edge and its amount column becomes the LAST 决算数 header in that span (column I, the 310 block's).
    // 302 and its items are read from column I (302 = 4.20), 310/31002 are not read at all, and the result is a
    // false R18 error (公用经费合计 131.27 vs 302+307+310+399 = 4.20) while the R14 302 rounding goes unseen.
    
    run: () => {
      const d = edit((d) => {
        const t = getTable(d, '公开06表');
        const blocks = [0, 3, 6].map((b) => t.body.filter((r) => /^\d{3,5}$/.test((r[b] ?? '').trim()) && (r[b + 2] ?? '') !== '').map((r) => r.slice(b, b + 3)));
        const n = Math.max(...blocks.map((x) => x.length));
        const foot = t.body.slice(-2);
        t.body = [...Array.from({ length: n }, (_, i) => blocks.flatMap((x) => x[i] ?? ['', '', ''])), ...foot];
      });
      expectSeedOutcome(run(layoutWorkbook(d)));
    },
  },
  {
    name: '公开07表 with 本表无数据 written across the amount cells of its 合计 row (merged)',
    // Once failed (now fixed): the 合计 row of an empty code-list table is read as data, and “本表无数据” in its first amount cell
    // is not an empty marker (readAmountText's EMPTY_MARKER is dashes, “/”, “无”): M02 error “C8 应为金额，实际是
    // 文字“本表无数据””, plus a C04 warning that the table has no 本表无数据 note — the note is in the table.
    
    run: () => {
      const d = edit((d) => {
        const t = getTable(d, '公开07表');
        t.body[t.body.length - 1] = ['合计', '', '本表无数据', '', '', '', '', ''];
        t.notes = t.notes.filter((n) => !n.startsWith('说明'));
      });
      const spec = layoutWorkbook(d);
      const s = spec.sheets.find((x) => x.name === '公开07表')!;
      const row = s.rows.findIndex(rowHas('本表无数据'));
      s.merges.push({ top: row, left: 2, bottom: row, right: 7 });
      const r = run(spec);
      expectSeedOutcome(r);
      expect(r.findings.filter((f) => ['M02', 'C04'].includes(f.rule)).map((f) => f.message)).toEqual([]);
    },
  },
  {
    name: '合计 label merged across the code and name columns (A:B) in 02, 03, 05, 07, 08',
    run: () => {
      const d = edit((d) => {
        for (const id of ['公开05表']) for (const r of getTable(d, id).body) if (r[1] === '合计') [r[0], r[1]] = ['合计', ''];
      });
      const spec = layoutWorkbook(d);
      for (const s of spec.sheets) {
        if (!['公开02表', '公开03表', '公开05表', '公开07表', '公开08表'].includes(s.name)) continue;
        const row = s.rows.findIndex((r) => textOf(r[0]) === '合计');
        s.merges.push({ top: row, left: 0, bottom: row, right: 1 });
      }
      expectSeedOutcome(run(spec));
    },
  },
  {
    name: 'accounting number format (会计专用) everywhere, empty amounts stored as 0 and shown as -',
    run: () => {
      const FMT = '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ';
      const grid = patchGrid(specToGrid(layoutWorkbook(seed000(), { blanks: '0.00' })), (_s, _r, _c, old) =>
        old && typeof old.value === 'number' && old.numberFormat === '#,##0.00' ? { value: old.value, numberFormat: FMT, text: formatWithNumberFormat(old.value, FMT) } : old,
      );
      const sample = grid.sheets.find((s) => s.name === '公开02表')!.cell(8, 4);
      expect(sample?.text?.trim()).toBe('-');
      expectSeedOutcome(checkWorkbook(grid));
    },
  },
  {
    name: '公开04表 with the 年末 fund rows labelled (一般公共预算财政拨款 …) instead of blank',
    run: () => {
      const d = edit((d) => {
        const t = getTable(d, '公开04表');
        const labels = ['一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'];
        let k = -1;
        for (const r of t.body) {
          if (r[3] === '年末财政拨款结转和结余') k = 0;
          else if (k >= 0 && k < 3 && r[3] === '') r[3] = labels[k++]!;
        }
      });
      expectSeedOutcome(run(layoutWorkbook(d)));
    },
  },
  {
    name: '公开01表 with each 项目 label merged over two columns (label | spacer | 行次 | 金额)',
    run: () => {
      const d = edit((d) => {
        const t = getTable(d, '公开01表');
        insertColumn(t, 4, () => '', () => '');
        insertColumn(t, 1, () => '', () => '');
      });
      const spec = layoutWorkbook(d);
      const s = spec.sheets.find((x) => x.name === '公开01表')!;
      s.rows.forEach((row, r) => {
        for (const c of [0, 4]) {
          const t = textOf(row[c]);
          if (t !== '' && t !== '收入' && t !== '支出' && r > 3 && !s.merges.some((m) => m.top <= r && r <= m.bottom && m.left <= c && c <= m.right && m.right > c)) {
            s.merges.push({ top: r, left: c, bottom: r, right: c + 1 });
          }
        }
      });
      expectSeedOutcome(run(spec));
    },
  },
  {
    name: '公开02表 with its empty income columns deleted (本年收入合计 | 财政拨款收入 only)',
    run: () => {
      const d = edit((d) => dropColumns(getTable(d, '公开02表'), [4, 5, 6, 7, 8]));
      const r = run(layoutWorkbook(d));
      // The deleted columns are reported (M04 warning), nothing else.
      expect(mappingFindings(r)).toEqual([expect.stringContaining('M04 公开02表 未找到栏目：“上级补助收入”')]);
      expectSeedOutcome(r, 'hunan-2024', ['M04']);
    },
  },
  {
    name: '公开01–05表 in 元 (from one system), 公开06–09表 in 万元, each table stating its own unit',
    run: () => {
      const yuan = layoutWorkbook(seed000(), { unit: '元' });
      const wan = layoutWorkbook(seed000());
      const sheets = wan.sheets.map((s, i) => (i < 5 ? yuan.sheets[i]! : s));
      const r = run({ sheets });
      expect(Object.values(r.mapping.tables).map((t) => t.unit)).toEqual(['元', '元', '元', '元', '元', '万元', '万元', '万元', '万元']);
      expectSeedOutcome(r);
    },
  },
  {
    name: 'the national layout with 公开NN表 labels in the national order (公开07表 = 三公)',
    // Once failed (now fixed): mapWorkbook (mapping/detect.ts) stops after the Hunan attempt when it finds 9 tables with total
    // evidence ≥ 18; six agreeing labels (+3 each, +1 per exact title) outweigh the three that disagree
    // (公开07表 labelled on the 三公 title, 公开08表 on 政府性基金, 公开09表 on 国有资本经营: −3 each), so the national
    // profile is never tried and profileReason says “表号与标题相符”. The Hunan profile then maps 公开07表 to the
    // sheet labelled 公开08表, 公开09表 to the one labelled 公开07表, reads the national 09 (收入支出, 6 columns) as
    // Hunan 08, and matchTitle finds “支出决算表” inside “国有资本经营预算财政拨款收入支出决算表”: a false M06
    // “工作簿中有不止一份公开03表 … 另有 公开09表!A1:G8”.
    
    run: () => {
      const d = edit((d) => d.tables.forEach((t) => (t.meta = [t.id, ...t.meta])), toNationalLayout(seed000()));
      expectSeedOutcome(run(layoutWorkbook(d)), 'national-2024');
    },
  },
  {
    name: 'a unit with 政府性基金: 2120801 10.00 in 公开07表, carried through 01, 02, 03, 04',
    run: () => {
      const d = edit((d) => {
        const set = (id: string, find: (r: string[]) => boolean, cells: Record<number, string>) => {
          const row = getTable(d, id).body.find(find)!;
          for (const [c, v] of Object.entries(cells)) row[Number(c)] = v;
        };
        set('公开01表', (r) => r[0] === '二、政府性基金预算财政拨款收入', { 2: '10.00' });
        set('公开01表', (r) => r[3] === '十一、城乡社区支出', { 5: '1,417.00' });
        set('公开01表', (r) => r[0] === '本年收入合计', { 2: '1,830.23', 5: '1,830.23' });
        set('公开01表', (r) => r[0] === '总计', { 2: '1,830.23', 5: '1,830.23' });
        for (const id of ['公开02表', '公开03表']) {
          const t = getTable(d, id);
          const at = t.body.findIndex((r) => r[0] === '2210201');
          t.body.splice(at, 0, id === '公开02表' ? ['2120801', '征地和拆迁补偿支出', '10.00', '10.00', '', '', '', '', ''] : ['2120801', '征地和拆迁补偿支出', '10.00', '', '10.00', '', '', '']);
        }
        set('公开02表', (r) => r[0] === '合计', { 2: '1,830.23', 3: '1,830.23' });
        set('公开03表', (r) => r[0] === '合计', { 2: '1,830.23', 4: '1,464.56' });
        set('公开04表', (r) => r[0] === '二、政府性基金预算财政拨款', { 2: '10.00' });
        set('公开04表', (r) => r[3] === '十一、城乡社区支出', { 5: '1,417.00', 7: '10.00' });
        set('公开04表', (r) => r[0] === '本年收入合计', { 2: '1,830.23', 5: '1,830.23', 7: '10.00' });
        set('公开04表', (r) => r[0] === '总计', { 2: '1,830.23', 5: '1,830.23', 7: '10.00' });
        const t7 = getTable(d, '公开07表');
        t7.body = [t7.body[0]!, ['合计', '', '', '10.00', '10.00', '', '10.00', ''], ['2120801', '征地和拆迁补偿支出', '', '10.00', '10.00', '', '10.00', '']];
        t7.notes = t7.notes.filter((n) => !n.startsWith('说明'));
      });
      const r = run(layoutWorkbook(d));
      expectSeedOutcome(r);
      expect(r.findings.filter((f) => f.rule === 'C04')).toEqual([]);
    },
  },
  {
    name: 'generated figures with 4 decimals shown at 2 (#,##0.00): only 尾数误差, never an error',
    run: () => {
      for (const seed of [1, 2, 3, 4, 5]) {
        const m = sampleModel(seed, { unitDecimals: 4 });
        const spec = mapCells(layoutWorkbook(modelToDisclosure(m)), (c) =>
          typeof c === 'string' && /^-?[\d,]+\.\d{4}$/.test(c) ? { v: Number(c.replace(/,/g, '')), numFmt: '#,##0.00' } : c,
        );
        const r = run(spec);
        expect(r.mapping.missing).toEqual([]);
        expect(r.findings.filter((f) => f.severity !== 'rounding').map((f) => `${f.rule} ${f.message}`)).toEqual([]);
      }
    },
  },
  {
    name: 'generated consistent disclosures (事业收入, 结转) with 03 reordered and 06 in one block: no finding',
    run: () => {
      for (const seed of [11, 12, 13]) {
        const d = edit((d) => {
          reordered03(d);
          singleBlock06Generated(d);
        }, modelToDisclosure(sampleModel(seed, { unitDecimals: 2 })));
        const r = run(layoutWorkbook(d, { t06Footer: 'split' }));
        expect(r.mapping.missing).toEqual([]);
        expect(r.findings.map((f) => `${f.rule} ${f.message}`)).toEqual([]);
      }
    },
  },
];

/** singleBlock06 for a generated disclosure: its totals from the footer line. */
function singleBlock06Generated(d: Disclosure): void {
  const t = getTable(d, '公开06表');
  const foot = t.body[t.body.length - 1]!;
  const personnel = foot[2] ?? '';
  const publicUse = foot[8] ?? '';
  const rows: string[][] = [];
  for (const b of [0, 3, 6]) for (const r of t.body) if (/^\d{3,5}$/.test((r[b] ?? '').trim())) rows.push([r[b]!, r[b + 1]!, r[b + 2]!]);
  t.header = [['科目代码', '科目名称', '决算数']];
  t.body = [...rows, ['人员经费合计', '', personnel], ['公用经费合计', '', publicUse]];
}

test('the unedited seed gives the reference outcome', () => {
  const r = checkWorkbook(seed000Grid());
  expect(amountFindings(r)).toEqual(SEED_AMOUNTS);
  expect(mappingFindings(r)).toEqual([]);
});

// ROBUSTNESS_SHOW=1 runs the failing cases as ordinary tests, to see what the product does today.
const showFailures = process.env.ROBUSTNESS_SHOW === '1';
describe('layouts accountants produce', () => {
  for (const c of CASES) (c.failing && !showFailures ? test.failing : test)(c.name, c.run);
});
