/**
 * What a narrative can restate, by the names a writer gives it: every figure
 * of the tables (and of the 说明数据 sheet) that a sentence may mean, with
 * the rounding interval it stands for and where it is printed. A name may
 * stand for several figures (本年支出合计 is printed in 公开01表 and in
 * 支出决算表; a 类 in three tables): a written figure that agrees with any
 * of them is right.
 */
import type { CellRef } from '../grid/grid';
import { refA1 } from '../grid/a1';
import type { Fen } from '../numbers/amount';
import { normalizeText } from '../numbers/parse';
import type { TableSet, TableValues } from '../rules/table-values';
import { classByCode } from '../templates/subjects';
import type { ProfileId } from '../templates/types';

/** Which figure of a thing: what was spent (决算), its budget, its initial budget (年初预算). */
export type Stage = 'actual' | 'budget' | 'initialBudget';

export interface FactValue {
  readonly fen: Fen;
  /** The rounding half-width of the printed figure (分). */
  readonly halfWidth: number;
  /** Where it is printed: 公开01表!F34, or 说明数据. */
  readonly where: string;
  readonly ref?: CellRef;
}

export interface Fact {
  /** How messages name it: 收入支出决算总表的“总计”. */
  readonly label: string;
  /** The names a writer gives it, normalised (see factName). */
  readonly names: readonly string[];
  readonly stage: Stage;
  readonly values: readonly FactValue[];
  /** What a text usually means by the name, not always: a different figure is a warning, not an error. */
  readonly soft?: boolean;
}

/** A name as facts and claims compare them: normalised, without 、 and the quotes normalisation keeps. */
export function factName(s: string): string {
  return normalizeText(s).replace(/[、]/g, '');
}

interface Builder {
  add(label: string, names: readonly string[], stage: Stage, values: ReadonlyArray<FactValue | undefined>, soft?: boolean): void;
}

function cellValue(t: TableValues | undefined, row: string, col: string): FactValue | undefined {
  const c = t?.get(row, col);
  if (!c || c.invalidText !== undefined) return undefined;
  return { fen: c.figure.fen, halfWidth: c.figure.halfWidth, where: refA1(c.ref), ref: c.ref };
}

/** Σ of cells, with their intervals added up (a 类 the table does not print, from its 项 rows). */
function sumValues(values: ReadonlyArray<FactValue | undefined>, where: string): FactValue | undefined {
  const vs = values.filter((v): v is FactValue => v !== undefined);
  if (vs.length === 0) return undefined;
  if (vs.length === 1) return vs[0];
  return { fen: vs.reduce((s, v) => s + v.fen, 0), halfWidth: vs.reduce((s, v) => s + v.halfWidth, 0), where };
}

/**
 * Name variants: a cost (…费, …经费) also written …费支出 or …费用. Other names are listed whole: a
 * 支出 after a name of income would make it a name of spending (一般公共预算财政拨款 › …支出).
 */
function variants(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const n0 of names) {
    const n = factName(n0);
    out.add(n);
    if (n.endsWith('费')) out.add(`${n}支出`).add(`${n}用`);
  }
  // Two characters (其他, 外交) are too common to stand for a figure on their own.
  return [...out].filter((n) => n.length >= 3);
}

function summaryFacts(tables: TableSet, b: Builder): void {
  const summary = tables.get('summary');
  const income = tables.get('income');
  const expense = tables.get('expense');
  const fiscal = tables.get('fiscalSummary');
  const gpb = tables.get('gpbExpense');
  b.add('收入支出决算总表的“总计”', ['收入支出总计', '收支总计', '收入和支出总计'], 'actual', [cellValue(summary, '收入总计', '金额'), cellValue(summary, '支出总计', '金额')]);
  b.add('收入支出决算总表的收入“总计”', ['收入总计'], 'actual', [cellValue(summary, '收入总计', '金额')]);
  b.add('收入支出决算总表的支出“总计”', ['支出总计'], 'actual', [cellValue(summary, '支出总计', '金额')]);
  b.add('本年收入合计', ['本年收入合计', '收入合计'], 'actual', [cellValue(summary, '本年收入合计', '金额'), cellValue(income, 'total', '本年收入合计')]);
  b.add('本年支出合计', ['本年支出合计', '支出合计'], 'actual', [cellValue(summary, '本年支出合计', '金额'), cellValue(expense, 'total', '本年支出合计')]);
  b.add('财政拨款收入', ['财政拨款收入'], 'actual', [cellValue(income, 'total', '财政拨款收入'), cellValue(fiscal, '本年收入合计', '金额')]);
  for (const [row, names] of [
    ['一般公共预算财政拨款收入', ['一般公共预算财政拨款收入', '一般公共预算财政拨款']],
    ['政府性基金预算财政拨款收入', ['政府性基金预算财政拨款收入']],
    ['国有资本经营预算财政拨款收入', ['国有资本经营预算财政拨款收入']],
  ] as const) {
    const fund = row.replace(/收入$/, '');
    b.add(`收入支出决算总表的“${row}”`, names, 'actual', [cellValue(summary, row, '金额'), cellValue(fiscal, fund, '金额')]);
  }
  for (const k of ['上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入']) {
    b.add(k, [k], 'actual', [cellValue(income, 'total', k), cellValue(summary, k, '金额')]);
  }
  for (const k of ['使用非财政拨款结余', '结余分配']) b.add(`收入支出决算总表的“${k}”`, [k], 'actual', [cellValue(summary, k, '金额')]);
  // 年初/年末结转和结余: of all funds, of the 财政拨款, or of one fund (in the 政府性基金 paragraph): any of them.
  const fund = tables.get('fund');
  const soe = tables.get('soe');
  b.add('年初结转和结余', ['年初结转和结余'], 'actual', [
    cellValue(summary, '年初结转和结余', '金额'),
    cellValue(fiscal, '年初财政拨款结转和结余', '金额'),
    cellValue(fund, 'total', '年初结转和结余'),
    cellValue(soe, 'total', '年初结转和结余'),
  ]);
  b.add('年末结转和结余', ['年末结转和结余'], 'actual', [
    cellValue(summary, '年末结转和结余', '金额'),
    cellValue(fiscal, '年末财政拨款结转和结余', '合计'),
    cellValue(fund, 'total', '年末结转和结余'),
    cellValue(soe, 'total', '年末结转和结余'),
  ]);
  // 基本支出 / 项目支出 of all spending are the 支出决算表's; those of the 一般公共预算 are named so, or
  // meant in 五 and 六 (the claims look those sections up with the prefix first).
  for (const k of ['基本支出', '项目支出']) {
    b.add(k, [k], 'actual', [cellValue(expense, 'total', k)]);
    b.add(`一般公共预算财政拨款${k}`, [`一般公共预算财政拨款${k}`, `财政拨款${k}`], 'actual', [cellValue(gpb, 'total', k)]);
  }
  for (const k of ['上缴上级支出', '经营支出', '对附属单位补助支出']) b.add(k, [k], 'actual', [cellValue(expense, 'total', k)]);
  b.add('财政拨款收入支出决算总表的“总计”', ['财政拨款收入支出总计', '财政拨款收支总计', '财政拨款收入和支出总计'], 'actual', [cellValue(fiscal, '收入总计', '金额'), cellValue(fiscal, '支出总计', '合计')]);
  b.add('一般公共预算财政拨款支出', ['一般公共预算财政拨款支出', '财政拨款支出', '一般公共预算支出'], 'actual', [
    cellValue(gpb, 'total', '合计'),
    cellValue(fiscal, '本年支出合计', '一般公共预算财政拨款'),
  ]);
  b.add('财政拨款本年支出合计', ['财政拨款本年支出合计', '财政拨款支出合计'], 'actual', [cellValue(fiscal, '本年支出合计', '合计')]);
}

/** The 类 of 功能分类: in the 财政拨款 tables (五(二)) and in 收入支出决算总表. */
function classFacts(tables: TableSet, b: Builder): void {
  const summary = tables.get('summary');
  const fiscal = tables.get('fiscalSummary');
  const gpb = tables.get('gpbExpense');
  const codes = new Set<string>();
  for (const t of [summary, fiscal]) for (const k of t?.rowKeys ?? []) if (k.startsWith('cls:')) codes.add(k.slice(4));
  for (const it of gpb?.items ?? []) codes.add(it.code.slice(0, 3));
  for (const code of codes) {
    const name = classByCode(code)?.name;
    if (!name) continue;
    const short = name.replace(/支出$/, '');
    const names = [name, short, `${short}(类)`, `${name}(类)`, `${short}(类)支出`];
    const own = gpb?.items.find((i) => i.code === code);
    const fromItems = own
      ? cellValue(gpb, own.rowKey, '合计')
      : sumValues(
          (gpb?.items ?? []).filter((i) => i.code.length === 7 && i.code.startsWith(code)).map((i) => cellValue(gpb, i.rowKey, '合计')),
          `${tables.get('gpbExpense')?.id ?? ''} ${code} 各项之和`,
        );
    b.add(`${name}（类）`, names, 'actual', [
      cellValue(fiscal, `cls:${code}`, '一般公共预算财政拨款'),
      cellValue(fiscal, `cls:${code}`, '合计'),
      fromItems,
      cellValue(summary, `cls:${code}`, '金额'),
    ]);
  }
}

/**
 * The 项 of the 一般公共预算 table (五(三)): what was spent, and the 年初预算 the 说明数据 sheet gives.
 * 项 of the same name under different 款 (行政运行) are one name: a figure of either is taken as meant.
 */
function itemFacts(tables: TableSet, figures: Readonly<Record<string, Fen>>, b: Builder): void {
  const gpb = tables.get('gpbExpense');
  const byName = new Map<string, NonNullable<typeof gpb>['items'][number][]>();
  for (const it of gpb?.items ?? []) if (it.code.length === 7) byName.set(it.name, [...(byName.get(it.name) ?? []), it]);
  for (const [name, items] of byName) {
    const codes = items.map((i) => i.code).join('、');
    const names = [name, `${name}(项)`, ...items.map((i) => `${i.code}${name}`)];
    b.add(`${codes} ${name}（项）`, names, 'actual', items.map((i) => cellValue(gpb, i.rowKey, '合计')));
    const budgets = items.map((i) => figures[`budget:${i.code}`]).filter((x): x is Fen => x !== undefined);
    if (budgets.length) b.add(`${codes} ${name}（项）的年初预算`, names, 'initialBudget', budgets.map((fen) => ({ fen, halfWidth: 0, where: '说明数据' })));
  }
  if (figures.budget !== undefined) {
    b.add('一般公共预算财政拨款支出的年初预算', ['一般公共预算财政拨款支出', '财政拨款支出', '一般公共预算支出'], 'initialBudget', [{ fen: figures.budget, halfWidth: 0, where: '说明数据' }]);
  }
}

function basicFacts(tables: TableSet, profile: ProfileId, b: Builder): void {
  const basic = tables.get('gpbBasic');
  if (!basic) return;
  b.add('人员经费合计', ['人员经费', '人员经费合计'], 'actual', [cellValue(basic, '人员经费合计', '决算数')]);
  b.add('公用经费合计', ['公用经费', '公用经费合计'], 'actual', [cellValue(basic, '公用经费合计', '决算数')]);
  // Hunan's 机关运行经费 is the 公用经费 of the basic-expenditure table (notes §3 十); the national
  // template's is its 日常公用经费, which no table prints on its own.
  // The national template's is its 日常公用经费, which no table prints apart: for a 行政单位 it is the 公用经费
  // 合计, for others it may be less — a different figure is worth a word, not an error.
  b.add('机关运行经费（公用经费合计）', ['机关运行经费', '机关运行经费支出'], 'actual', [cellValue(basic, '公用经费合计', '决算数')], profile !== 'hunan-2024');
  const zeroIfAbsent = (code: string): FactValue => cellValue(basic, `code:${code}`, '决算数') ?? { fen: 0, halfWidth: 0, where: `${basic.id}（未列 ${code}）` };
  b.add('会议费（30215）', ['会议费'], 'actual', [zeroIfAbsent('30215')]);
  b.add('培训费（30216）', ['培训费'], 'actual', [zeroIfAbsent('30216')]);
}

const THREE_PUBLIC: ReadonlyArray<{ key: string; label: string; names: readonly string[] }> = [
  { key: '合计', label: '“三公”经费合计', names: ['三公经费', '三公经费支出', '三公经费财政拨款', '三公经费财政拨款支出', '财政拨款三公经费', '财政拨款三公经费支出', '三公经费合计'] },
  { key: '因公出国（境）费', label: '因公出国（境）费', names: ['因公出国(境)费', '因公出国费', '出国(境)费'] },
  { key: '公务用车购置及运行维护费', label: '公务用车购置及运行维护费', names: ['公务用车购置及运行维护费', '公务用车购置及运行费', '公务用车购置费及运行维护费', '公务用车费'] },
  { key: '公务用车购置费', label: '公务用车购置费', names: ['公务用车购置费', '公务用车购置', '公务用车购置支出'] },
  { key: '公务用车运行维护费', label: '公务用车运行维护费', names: ['公务用车运行维护费', '公务用车运行维护', '公务用车运行维护支出', '公务用车运行费'] },
  // 国内公务接待 includes the 外宾 received at home: the whole 公务接待费 of the table.
  { key: '公务接待费', label: '公务接待费', names: ['公务接待费', '公务接待', '公务接待支出', '国内公务接待', '国内公务接待支出'] },
];

function threePublicFacts(tables: TableSet, profile: ProfileId, b: Builder): void {
  const t = tables.get('threePublic');
  if (!t) return;
  for (const item of THREE_PUBLIC) {
    const names = item.names;
    b.add(`“三公”经费表${item.label}决算数`, names, 'actual', [cellValue(t, 'data', `决算.${item.key}`)]);
    b.add(`“三公”经费表${item.label}预算数`, names, 'budget', [cellValue(t, 'data', `预算.${item.key}`)]);
    // The national table's 预算数 is the 年初预算 its §七 restates; Hunan's is the adjusted 全年预算.
    if (profile === 'national-2024') b.add(`“三公”经费表${item.label}预算数`, names, 'initialBudget', [cellValue(t, 'data', `预算.${item.key}`)]);
  }
}

function fundFacts(tables: TableSet, b: Builder): void {
  for (const [role, name] of [
    ['fund', '政府性基金预算财政拨款'],
    ['soe', '国有资本经营预算财政拨款'],
  ] as const) {
    const t = tables.get(role);
    if (!t) continue;
    b.add(`${t.id}合计行的“本年收入”`, [`${name}收入`, `${name}本年收入`], 'actual', [cellValue(t, 'total', '本年收入')]);
    b.add(`${t.id}合计行的“本年支出”`, [`${name}支出`, `${name}本年支出`], 'actual', [cellValue(t, 'total', '合计')]);
    b.add(`${t.id}合计行的“年初结转和结余”`, [`${name}年初结转和结余`], 'actual', [cellValue(t, 'total', '年初结转和结余')]);
    b.add(`${t.id}合计行的“年末结转和结余”`, [`${name}年末结转和结余`], 'actual', [cellValue(t, 'total', '年末结转和结余')]);
    // Its 项, as 五(三) names those of the 一般公共预算 (…（项）。年初预算为…，支出决算为…).
    for (const it of t.items) {
      if (it.code.length !== 7) continue;
      b.add(`${t.id} ${it.code} ${it.name}（项）`, [it.name, `${it.name}(项)`, `${it.code}${it.name}`], 'actual', [cellValue(t, it.rowKey, '合计')]);
    }
  }
}

/** Every fact the tables and 说明数据 give. */
export function narrativeFacts(tables: TableSet, profile: ProfileId, figures: Readonly<Record<string, Fen>> = {}): Fact[] {
  const out: Fact[] = [];
  const b: Builder = {
    add(label, names, stage, values, soft) {
      const vs = values.filter((v): v is FactValue => v !== undefined);
      if (vs.length) out.push({ label, names: variants(names), stage, values: vs, ...(soft ? { soft } : {}) });
    },
  };
  summaryFacts(tables, b);
  classFacts(tables, b);
  itemFacts(tables, figures, b);
  basicFacts(tables, profile, b);
  threePublicFacts(tables, profile, b);
  fundFacts(tables, b);
  return out;
}

/**
 * What may stand before a name without changing what it names: nothing, the year (2024年度), or the
 * unit (上海市XX局, 本部门). 政府采购支出总额 is no 支出总额, 三公经费财政拨款支出 no 财政拨款支出.
 */
const NEUTRAL_PREFIX = /^(?:.*(?:局|委员会|委|办公室|办|院|中心|所|站|队|部|厅|馆|社|处|室|校|园|会|单位|部门))?(?:\d{4}年度?)?(?:本年度?|全年|当年)?(?:开支|列支|发生|支付|安排)?$/;

/**
 * The fact a subject names: the longest name the subject ends with (上海市XX局2024年度收入支出总计 is
 * 收入支出总计; 财政拨款收入支出总计 is not 收入支出总计), what stands before it naming nothing else.
 */
export function factFor(facts: readonly Fact[], entity: string, stage: Stage): { fact: Fact; name: string } | undefined {
  let best: { facts: Fact[]; name: string } | undefined;
  for (const fact of facts) {
    if (fact.stage !== stage) continue;
    for (const n of fact.names) {
      if (!entity.endsWith(n) || (best && n.length < best.name.length)) continue;
      if (!NEUTRAL_PREFIX.test(entity.slice(0, entity.length - n.length))) continue;
      if (best && n.length === best.name.length) {
        if (!best.facts.includes(fact)) best.facts.push(fact);
      } else best = { facts: [fact], name: n };
    }
  }
  if (!best) return undefined;
  // Facts named alike (a 行政运行 of two 款, of the 一般公共预算 and of a fund): a figure of any of them is meant.
  const [first, ...rest] = best.facts;
  const fact = rest.length ? { ...first!, values: best.facts.flatMap((f) => f.values) } : first!;
  return { fact, name: best.name };
}
