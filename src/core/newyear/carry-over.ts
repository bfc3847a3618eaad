/**
 * What a new year's workbook takes from last year's: who and which year, the
 * 功能分类 and 经济分类 rows (codes and names, never figures), the projects
 * of the 绩效 forms, and last year's figures as the 上年 rows of 说明数据 —
 * so that every 与上年相比 sentence is complete once the new figures are typed.
 * Reasons and free text are not carried: they belong to their year.
 */
import type { WorkbookGrid } from '../grid/grid';
import { departmentOf, mapWorkbook } from '../mapping/detect';
import type { Fen } from '../numbers/amount';
import { readNarrativeInputs } from '../narrative/inputs-sheet';
import { statedYear } from '../narrative/year';
import { readPerformanceTables } from '../performance/read';
import { type TableSet, type TableValues, readTables } from '../rules/table-values';
import type { ProfileId, TableRole } from '../templates/types';

export interface CarriedItem {
  readonly code: string;
  readonly name: string;
}

/** A project of last year's 项目支出绩效自评表, which gets a new form. */
export interface CarriedProject {
  readonly name: string;
}

export interface CarryOver {
  /** The year last year's workbook discloses, when it says (说明数据's 年度, or “2024年度” in a title). */
  readonly year?: number;
  readonly profile: ProfileId;
  readonly department?: string;
  /** The unit the 整体支出绩效自评表 names (预算部门名称), for the new 绩效 forms. */
  readonly unit?: string;
  /** 项 rows (7-digit codes) of each 功能分类 table, and the names of 类/款 rows printed there. */
  readonly items: Partial<Record<TableRole, readonly CarriedItem[]>>;
  readonly names: Readonly<Record<string, string>>;
  /** 经济分类 rows of the basic-expenditure table. */
  readonly economic: readonly CarriedItem[];
  readonly projects: readonly CarriedProject[];
  /** 说明数据 keys → last year's figure (分 for amounts, whole numbers for counts). */
  readonly priors: Readonly<Record<string, number>>;
  /** What could not be carried, said to the user. */
  readonly notes: readonly string[];
}

const LIST_ROLES: readonly TableRole[] = ['income', 'expense', 'gpbExpense', 'fund', 'soe'];

const fen = (t: TableValues | undefined, row: string, col: string): Fen | undefined => {
  const c = t?.get(row, col);
  return c && c.invalidText === undefined ? c.figure.fen : undefined;
};

/** Last year's figures under the 说明数据 keys the narrative reads (the same cells generate.ts takes this year's from). */
function priorFigures(tables: TableSet): Record<string, number> {
  const out: Record<string, number> = {};
  const put = (key: string, v: Fen | undefined) => {
    if (v !== undefined) out[key] = v;
  };
  const summary = tables.get('summary');
  const fiscal = tables.get('fiscalSummary');
  const basic = tables.get('gpbBasic');
  const sg = tables.get('threePublic');
  put('total.prior', fen(summary, '收入总计', '金额'));
  put('fiscal.prior', fen(fiscal, '收入总计', '金额'));
  put('gpb.prior', fen(tables.get('gpbExpense'), 'total', '合计'));
  put('income.prior', fen(tables.get('income'), 'total', '本年收入合计') ?? fen(summary, '本年收入合计', '金额'));
  const expense = tables.get('expense');
  put('expense.prior', fen(expense, 'total', '本年支出合计') ?? fen(summary, '本年支出合计', '金额'));
  put('basic.prior', fen(expense, 'total', '基本支出'));
  put('project.prior', fen(expense, 'total', '项目支出'));
  put('personnel.prior', fen(basic, '人员经费合计', '决算数'));
  put('public.prior', fen(basic, '公用经费合计', '决算数'));
  // 机关运行经费 is the 公用经费 of the basic table (as the narrative takes it).
  put('running.prior', fen(basic, '公用经费合计', '决算数'));
  for (const k of summary?.rowKeys ?? []) if (k.startsWith('cls:')) put(`class.prior:${k.slice(4)}`, fen(summary, k, '金额'));
  if (sg) {
    put('sg.prior', fen(sg, 'data', '决算.合计'));
    put('sg.prior.abroad', fen(sg, 'data', '决算.因公出国（境）费'));
    put('sg.prior.reception', fen(sg, 'data', '决算.公务接待费'));
    put('sg.prior.purchase', fen(sg, 'data', '决算.公务用车购置费'));
    put('sg.prior.running', fen(sg, 'data', '决算.公务用车运行维护费'));
  }
  return out;
}

/** Reads what a new year carries from last year's workbook. */
export function carryOver(grid: WorkbookGrid): CarryOver {
  const mapping = mapWorkbook(grid);
  const tables = readTables(grid, mapping);
  const notes: string[] = [];
  if (mapping.missing.length) notes.push(`上年工作簿中未找到：${mapping.missing.join('、')}，这些表的科目和上年数未能沿用。`);
  const items: Partial<Record<TableRole, CarriedItem[]>> = {};
  const names: Record<string, string> = {};
  for (const role of LIST_ROLES) {
    const t = tables.get(role);
    if (!t) continue;
    const seen = new Set<string>();
    const own: CarriedItem[] = [];
    for (const it of t.items) {
      if (it.code.length < 7) {
        if (it.name) names[it.code] = it.name;
        continue;
      }
      if (it.code.length !== 7 || seen.has(it.code)) continue;
      seen.add(it.code);
      own.push({ code: it.code, name: it.name });
    }
    items[role] = own;
  }
  const economic: CarriedItem[] = [];
  for (const it of tables.get('gpbBasic')?.items ?? []) if (!economic.some((e) => e.code === it.code)) economic.push({ code: it.code, name: it.name });

  const priors = priorFigures(tables);
  // Last year's 说明数据: the counts and the 政府采购 total it held.
  const reading = readNarrativeInputs(grid).inputs;
  const inputs = reading.figures ?? {};
  if (inputs.cars !== undefined) priors['cars.prior'] = inputs.cars;
  const gp = ['gp.goods', 'gp.works', 'gp.services'].map((k) => inputs[k]);
  if (gp.some((v) => v !== undefined)) priors['gp.prior'] = gp.reduce<number>((a, v) => a + (v ?? 0), 0);

  const performance = readPerformanceTables(grid);
  const projects = performance.projects.filter((t) => t.name).map((t) => ({ name: t.name }));
  const department = departmentOf(mapping);
  const unit = performance.overall?.name.trim();
  const year = reading.year ?? statedYear(grid);
  return {
    ...(year ? { year } : {}),
    profile: mapping.profile,
    ...(department ? { department } : {}),
    ...(unit ? { unit } : {}),
    items,
    names,
    economic,
    projects,
    priors,
    notes,
  };
}
