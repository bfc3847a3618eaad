/**
 * The 绩效自评 forms of next year's workbook: the 整体支出绩效自评表 and one
 * 项目支出绩效自评表 per project carried over from last year (one blank form
 * when none is), laid out as the units publish them (seed 000): the funds
 * block (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分), the
 * 年度总体目标, the indicator grid under 产出/效益/满意度/成本指标 with the
 * points the template gives each, and 总分.
 *
 * What the form derives is a formula, computed as the checker recomputes it
 * (src/core/performance/rules.ts), so a filled form checks clean:
 *   年度资金总额 = 当年财政拨款 + 上年结转 + 其他资金 (project), 全年预算数 =
 *   Σ 按收入性质分 and 全年执行数 = 基本支出 + 项目支出 (overall);
 *   执行率 = 全年执行数 ÷ 全年预算数 (P01), 执行率得分 = 分值 × min(执行率, 100%)
 *   to two decimals (P02), 总分 = Σ 得分 + 执行率得分 (P05).
 * Every one of them is blank while its inputs are, so a blank form shows
 * blanks, not #DIV/0! or 0, and the checker (which skips blanks) says nothing
 * about a form nobody has filled in yet.
 */
import { type PlanCell, type PlanSheet, SheetBuilder, input, label, rel, span, text } from './plan';

export interface PerformanceFormsSpec {
  readonly year: number;
  /** 主管部门 of the project forms. */
  readonly department: string;
  /** 预算部门名称 of the overall form, 实施单位 of the project forms. */
  readonly unit: string;
  /** Last year's projects, by name; none gives one blank project form. */
  readonly projects: ReadonlyArray<{ readonly name: string }>;
}

export const OVERALL_SHEET = '整体支出绩效自评表';
const PROJECT_SHEET_PREFIX = '项目绩效-';

/**
 * The 一级指标 and their points as the 2024 template prints them (seed 000:
 * 产出 40, 效益 20, 满意度 10, 成本 20, with 10 for the execution rate), and
 * room for the most indicators seed 000 gives any of them (4, 4, 1, 2) and more;
 * a row inserted inside a group is summed all the same.
 */
const INDICATOR_GROUPS: ReadonlyArray<{ readonly name: string; readonly points: number; readonly rows: number }> = [
  { name: '产出指标', points: 40, rows: 6 },
  { name: '效益指标', points: 20, rows: 5 },
  { name: '满意度指标', points: 10, rows: 2 },
  { name: '成本指标', points: 20, rows: 3 },
];
const EXECUTION_POINTS = 10;
const FULL_MARKS = 100;

/** The columns both forms share: labels, then the funds block's figures or the indicator grid's columns. */
const COL = {
  group: 0, // 年度预算申请 / 年度总体目标 / 绩效指标 / 总分
  label: 1, // 年度资金总额 …, 一级指标
  initial: 2, // 年初预算数, 二级指标
  full: 3, // 全年预算数, 三级指标
  actual: 4, // 全年执行数, 年度指标值
  weight: 5, // 分值 (funds), 实际完成值
  rate: 6, // 执行率 (funds), 分值
  score: 7, // 得分 (funds and grid)
  reason: 8, // 偏差原因分析及改进措施
} as const;
const WIDTH = 9;
const WIDTHS = [14, 26, 14, 24, 14, 14, 9, 9, 34];
/** Rows a 年度总体目标 text spans: a row does not grow to fit a merged cell's text, so the area is made tall enough for a paragraph. */
const GOAL_ROWS = 3;

/** An empty cell inside the form, framed like the rest. */
const blank = (): PlanCell => ({ role: 'label' });
const score = (value?: number, prompt?: string): PlanCell => ({ ...input(undefined, value), validation: 'score', ...(prompt ? { prompt } : {}) });
/** A formula that is blank while its inputs are. */
const derived = (f: string): PlanCell => ({ role: 'formula', formula: f, blankResult: '' });
const totalOf = (f: string): PlanCell => ({ role: 'total', formula: f, blankResult: '' });

/** Σ of a column's rows, blank while none of them holds a number. */
const sumOrBlank = (range: string) => `IF(COUNT(${range})=0,"",SUM(${range}))`;

/**
 * The execution rate and its score on the 年度资金总额 row, from its own
 * 全年预算数 and 全年执行数. N() reads a blank total as 0: Excel compares text
 * above any number ("" > 0) and MIN skips text, so without it a form with a
 * budget and nothing spent yet would score full marks.
 */
function executionCells(row: number): { rate: PlanCell; score: PlanCell } {
  const full = rel(row, COL.full);
  const actual = rel(row, COL.actual);
  const weight = rel(row, COL.weight);
  return {
    // As the forms print it, “99.32%”: a percentage to two decimals, rounded half up (P01).
    rate: derived(`IF(N(${full})>0,TEXT(ROUND(N(${actual})/${full}*100,2),"0.00")&"%","")`),
    // 分值 × min(执行率, 100%) to two decimals (P02).
    score: derived(`IF(N(${full})>0,ROUND(N(${weight})*MIN(N(${actual}),${full})/${full},2),"")`),
  };
}

/** The header of the funds block, its label merged down over the block's rows. */
function fundsHeader(b: SheetBuilder, group: string, firstLabel: string): number {
  const h = b.line([group, firstLabel || blank(), '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', null]);
  b.merge(h, COL.score, h, COL.reason);
  return h;
}

/** 年度总体目标: 预期目标 | 实际完成情况, each a text the accountant writes. */
function goals(b: SheetBuilder): void {
  const h = b.line(['年度总体目标', '预期目标', null, null, '实际完成情况']);
  const t = b.line([null, text(), null, null, text()]);
  b.row += GOAL_ROWS - 1;
  b.merge(h, COL.group, b.row - 1, COL.group);
  b.merge(h, COL.label, h, COL.full);
  b.merge(h, COL.actual, h, COL.reason);
  b.merge(t, COL.label, b.row - 1, COL.full);
  b.merge(t, COL.actual, b.row - 1, COL.reason);
}

/** The indicator grid and 总分: every row typed, each 一级指标 labelled with its points over its rows. */
function indicatorGrid(b: SheetBuilder, execution: { score: string }): void {
  const h = b.line(['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
  const first = b.row;
  for (const g of INDICATOR_GROUPS) {
    const top = b.row;
    for (let i = 0; i < g.rows; i++) {
      b.line([null, i === 0 ? label(`${g.name}（${g.points}分）`) : null, text(), text(), text(), text(), score(), score(), text()]);
    }
    b.merge(top, COL.label, b.row - 1, COL.label);
  }
  const last = b.row - 1;
  b.merge(h, COL.group, last, COL.group);
  const scores = span(b.name, first, last, COL.score, b.name);
  const all = `${scores},${execution.score}`;
  const t = b.line(['总分', null, null, null, null, null, { role: 'label', value: FULL_MARKS }, totalOf(`IF(COUNT(${all})=0,"",ROUND(SUM(${all}),2))`), blank()]);
  b.merge(t, COL.group, t, COL.weight);
}

function titleRow(b: SheetBuilder, title: string): void {
  const t = b.line([{ role: 'title', value: title }]);
  b.merge(t, 0, t, WIDTH - 1);
}

function build(b: SheetBuilder): PlanSheet {
  return b.build({ widths: WIDTHS, freezeRows: 0, landscape: true });
}

/** 部门（单位）整体支出绩效自评表: the unit's whole year, by kind of income and of spending. */
export function overallForm(spec: Pick<PerformanceFormsSpec, 'year' | 'unit'>): PlanSheet {
  const b = new SheetBuilder(OVERALL_SHEET, WIDTH);
  titleRow(b, `${spec.year}年度部门（单位）整体支出绩效自评表`);
  const n = b.line(['预算部门名称', null, text(spec.unit || undefined)]);
  b.merge(n, COL.group, n, COL.label);
  b.merge(n, COL.initial, n, COL.reason);

  const h = fundsHeader(b, '年度预算申请（万元）', '');
  const totalRow = b.row++;
  b.line([null, label('按收入性质分：'), blank(), blank(), label('按支出性质分：'), blank(), blank(), blank(), null]);
  // 按收入性质分 holds the 全年预算数 by source; 按支出性质分 the 全年执行数 by kind.
  const income = ['其中：一般公共预算：', '政府性基金拨款：', '纳入专户管理的非税收入拨款：', '其他资金：'];
  const spending = ['其中：基本支出：', '项目支出：'];
  const firstSource = b.row;
  income.forEach((l, i) => {
    const kind = spending[i];
    b.line([null, label(l), input(), blank(), kind ? label(kind) : blank(), kind ? input() : blank(), blank(), blank(), null]);
  });
  const lastSource = b.row - 1;
  for (let r = h + 1; r <= lastSource; r++) b.merge(r, COL.score, r, COL.reason);
  b.merge(h, COL.group, lastSource, COL.group);

  const { rate, score: executionScore } = executionCells(totalRow);
  b.set(totalRow, COL.label, label('年度资金总额'));
  b.set(totalRow, COL.initial, input());
  b.set(totalRow, COL.full, totalOf(sumOrBlank(span(b.name, firstSource, lastSource, COL.initial, b.name))));
  b.set(totalRow, COL.actual, totalOf(sumOrBlank(span(b.name, firstSource, firstSource + spending.length - 1, COL.weight, b.name))));
  b.set(totalRow, COL.weight, score(EXECUTION_POINTS, '预算执行率的分值，模板为 10 分。'));
  b.set(totalRow, COL.rate, rate);
  b.set(totalRow, COL.score, executionScore);

  goals(b);
  indicatorGrid(b, { score: rel(totalRow, COL.score) });
  b.notes(['注：全年预算数为按收入性质分之和，全年执行数为基本支出与项目支出之和，执行率、执行率得分和总分均由公式计算；得分低于分值的指标请填写偏差原因分析及改进措施。']);
  return build(b);
}

/** 项目支出绩效自评表: one 一级项目, its funds by source. */
export function projectForm(spec: Pick<PerformanceFormsSpec, 'year' | 'department' | 'unit'>, project: string, sheet: string): PlanSheet {
  const b = new SheetBuilder(sheet, WIDTH);
  titleRow(b, `${spec.year}年度项目支出绩效自评表`);
  const n = b.line(['项目支出名称', text(project || undefined)]);
  b.merge(n, COL.label, n, COL.reason);
  const o = b.line(['主管部门', text(spec.department || undefined), null, null, '实施单位', text(spec.unit || undefined)]);
  b.merge(o, COL.label, o, COL.full);
  b.merge(o, COL.weight, o, COL.reason);

  const h = fundsHeader(b, '项目资金（万元）', '资金来源');
  const firstSource = b.row;
  for (const source of ['其中：当年财政拨款', '上年结转金额', '其他资金']) {
    b.line([null, label(source), input(), input(), input(), blank(), blank(), blank(), null]);
  }
  const lastSource = b.row - 1;
  const totalRow = b.row;
  const { rate, score: executionScore } = executionCells(totalRow);
  const column = (col: number) => totalOf(sumOrBlank(span(sheet, firstSource, lastSource, col, sheet)));
  b.line([null, label('年度资金总额'), column(COL.initial), column(COL.full), column(COL.actual), score(EXECUTION_POINTS, '预算执行率的分值，模板为 10 分。'), rate, executionScore, null]);
  for (let r = h + 1; r <= totalRow; r++) b.merge(r, COL.score, r, COL.reason);
  b.merge(h, COL.group, totalRow, COL.group);

  goals(b);
  indicatorGrid(b, { score: rel(totalRow, COL.score) });
  b.notes(['备注：一个一级项目支出一张表。', '注：年度资金总额为各资金来源之和，执行率、执行率得分和总分均由公式计算；得分低于分值的指标请填写偏差原因分析及改进措施。']);
  return build(b);
}

/** Characters Excel refuses in a sheet name. */
const FORBIDDEN = /[[\]:*?/\\]/g;
const MAX_SHEET_NAME = 31;

/**
 * 项目绩效-<project> as a sheet name Excel accepts: without []:*?/\, no
 * apostrophe at either end, at most 31 characters, and unlike every name in
 * `taken` (compared as Excel does, ignoring case) — a (2), (3) … when the cut
 * makes two projects alike.
 */
export function projectSheetName(project: string, taken: ReadonlySet<string>): string {
  const cut = (s: string, n: number) => [...s].slice(0, n).join('').replace(/'+$/, '');
  const clean = project.replace(FORBIDDEN, '').replace(/^'+|'+$/g, '').trim();
  const base = `${PROJECT_SHEET_PREFIX}${clean || '未命名项目'}`;
  const used = new Set([...taken].map((t) => t.toLowerCase()));
  for (let k = 1; ; k++) {
    const suffix = k === 1 ? '' : `(${k})`;
    const name = cut(base, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** The overall form and one form per project (one blank form when there is none), in that order. */
export function performanceForms(spec: PerformanceFormsSpec): PlanSheet[] {
  const projects = spec.projects.length ? spec.projects.map((p) => p.name) : [''];
  const taken = new Set([OVERALL_SHEET]);
  const sheets = [overallForm(spec)];
  projects.forEach((name, i) => {
    // A blank form is numbered: the accountant copies it for each project and renames it.
    const sheet = name ? projectSheetName(name, taken) : projectSheetName(String(i + 1), taken);
    taken.add(sheet);
    sheets.push(projectForm(spec, name, sheet));
  });
  return sheets;
}
