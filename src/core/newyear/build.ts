/**
 * Next year's workbook, as the profile publishes it: the nine tables with
 * every total a formula, the 说明数据 sheet with last year's figures as 上年,
 * and the names that save the mapping. What it carries from last year is
 * read by ./carry-over.ts; a host writes the plan (src/hosts/xlsx/write-plan.ts).
 */
import { profileName, tableRangeName } from '../mapping/saved-names';
import { inputsRows, inputKey, isCountKey, INPUTS_SHEET } from '../narrative/inputs-sheet';
import { FEN_PER_WAN } from '../numbers/amount';
import { HUNAN_CLASS_CODES, NATIONAL_CLASS_CODES } from '../templates/common';
import { profileById } from '../templates/profiles';
import { ECONOMIC_CODES, EXPENSE_CLASSES, KNOWN_KUAN, NATIONAL_ECONOMIC_CODES } from '../templates/subjects';
import type { ProfileId, TableRole } from '../templates/types';
import type { CarryOver, CarriedItem } from './carry-over';
import { economicTable, threePublicTable } from './fixed-tables';
import { type ListColumn, type ListRefs, listTable } from './list-table';
import { type PlanCell, type PlanSheet, type TableHead, type WorkbookPlan, SheetBuilder, input, label, text } from './plan';
import { performanceForms } from './performance-forms';
import { fiscalSummaryTable, summaryTable } from './summary-tables';

export interface NewYearOptions {
  readonly year: number;
  readonly profile: ProfileId;
  /** 部门 on every table's 部门： line. */
  readonly department?: string;
  /** 单位 of the 绩效 forms (the department when absent). */
  readonly unit?: string;
  readonly from?: CarryOver;
}

const sum = (...keys: string[]) => ({ sum: keys });

/** Amount columns of the lists, by role: header rows and what each derives. */
const COLUMNS: Record<'income' | 'expense' | 'gpb' | 'fundFlow' | 'spending', ListColumn[]> = {
  income: [
    { key: '本年收入合计', header: ['本年收入合计', ''], derive: sum('财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入') },
    ...['财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'].map((k) => ({ key: k, header: [k, ''] })),
  ],
  expense: [
    { key: '本年支出合计', header: ['本年支出合计', ''], derive: sum('基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出') },
    ...['基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'].map((k) => ({ key: k, header: [k, ''] })),
  ],
  gpb: [
    { key: '合计', header: ['本年支出', '小计'], derive: sum('基本支出', '项目支出') },
    { key: '基本支出', header: ['', '基本支出'] },
    { key: '项目支出', header: ['', '项目支出'] },
  ],
  fundFlow: [
    { key: '年初结转和结余', header: ['年初结转和结余', ''] },
    { key: '本年收入', header: ['本年收入', ''] },
    { key: '合计', header: ['本年支出', '小计'], derive: sum('基本支出', '项目支出') },
    { key: '基本支出', header: ['', '基本支出'] },
    { key: '项目支出', header: ['', '项目支出'] },
    { key: '年末结转和结余', header: ['年末结转和结余', ''], derive: { flow: ['年初结转和结余', '本年收入', '合计'] } },
  ],
  spending: [
    { key: '合计', header: ['本年支出', '合计'], derive: sum('基本支出', '项目支出') },
    { key: '基本支出', header: ['', '基本支出'] },
    { key: '项目支出', header: ['', '项目支出'] },
  ],
};

const NATIONAL_GPB: ListColumn[] = COLUMNS.gpb.map((c) => ({ ...c, header: [c.key, ''] }));
const NATIONAL_FUND_FLOW: ListColumn[] = COLUMNS.fundFlow.map((c) => (c.key === '合计' ? { ...c, header: ['本年支出', '合计'] } : c));

/** Header merges of a list: 项目 over code and name; a column without a second header row spans both; a group header spans its columns. */
function listMerges(columns: readonly ListColumn[]): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [[0, 0, 0, 1]];
  columns.forEach((c, i) => {
    const col = 2 + i;
    if (c.header[0] && !c.header[1]) out.push([0, col, 1, col]);
    if (c.header[0] && c.header[1]) {
      let end = i;
      while (columns[end + 1] && !columns[end + 1]!.header[0] && columns[end + 1]!.header[1]) end++;
      out.push([0, col, 0, 2 + end]);
    }
  });
  return out;
}

/** Names of 类 and 款 for the national nested rows: last year's, then what the project knows. */
function subjectNames(from: CarryOver | undefined): Record<string, string> {
  const names: Record<string, string> = { ...KNOWN_KUAN };
  for (const c of EXPENSE_CLASSES) names[c.code] = c.name;
  return { ...names, ...from?.names };
}

interface TableIds {
  readonly sheet: (id: string, title: string) => string;
}

/** The sheet name of a table: Hunan units name them 公开01表 …; the national template has no such labels, so its titles. */
const SHEET_NAMES: Record<ProfileId, TableIds> = {
  'hunan-2024': { sheet: (id) => id },
  'national-2024': { sheet: (_id, title) => title.slice(0, 31) },
};

export function newYearPlan(opts: NewYearOptions): WorkbookPlan {
  const profile = profileById(opts.profile);
  const hunan = opts.profile === 'hunan-2024';
  const department = opts.department ?? opts.from?.department ?? '';
  const from = opts.from;
  const names = subjectNames(from);
  const template = (role: TableRole) => {
    const t = profile.tables.find((x) => x.role === role);
    if (!t) throw new Error(`${profile.id} has no ${role} table`);
    return t;
  };
  const sheetOf = (role: TableRole) => SHEET_NAMES[opts.profile].sheet(template(role).id, template(role).title);
  const items = (role: TableRole): readonly CarriedItem[] => from?.items[role] ?? [];
  const notes = (role: TableRole): string[] => {
    const t = template(role);
    const n = NOTES[role];
    // 本表无数据 only where the table is likely to stay empty: no last year, or empty last year.
    const likelyEmpty = !from || (from.items[role]?.length ?? 0) === 0;
    return [...[hunan ? n.hunan : n.national].flat(), ...(t.emptyNote && likelyEmpty ? [t.emptyNote.replace('我单位', hunan ? '我单位' : department || '本部门')] : [])];
  };
  /** What a table prints around its grid, as the profile prints it. */
  const head = (role: TableRole): TableHead => {
    const t = template(role);
    return { sheet: sheetOf(role), id: t.id, title: t.title, ...(hunan ? { label: t.id } : {}), department, notes: notes(role) };
  };
  const list = (role: TableRole, columns: ListColumn[], totalFirst: boolean): { sheet: PlanSheet; refs: ListRefs } =>
    listTable({
      ...head(role),
      role,
      columns,
      labelHeader: [
        ['项目', ''],
        [hunan && (role === 'fund' || role === 'soe') ? '科目代码' : '功能分类科目编码', '科目名称'],
      ],
      headerMerges: listMerges(columns),
      lanes: hunan,
      items: items(role),
      nested: !hunan,
      totalFirst,
      names,
    });
  const income = list('income', COLUMNS.income, true);
  const expense = list('expense', COLUMNS.expense, true);
  // The national template heads 一般公共预算 spending 合计 | 基本支出 | 项目支出 without the 本年支出 group, and its fund tables' 本年支出 合计 (Hunan: 小计).
  const gpb = list('gpbExpense', hunan ? COLUMNS.gpb : NATIONAL_GPB, template('gpbExpense').totalRow !== 'last');
  const fund = list('fund', hunan ? COLUMNS.fundFlow : NATIONAL_FUND_FLOW, true);
  const soe = list('soe', hunan ? COLUMNS.spending : NATIONAL_FUND_FLOW, true);
  const classCodes = hunan ? HUNAN_CLASS_CODES : NATIONAL_CLASS_CODES;
  const fiscal = fiscalSummaryTable({
    head: head('fiscalSummary'),
    lines: hunan,
    classCodes,
    income: income.refs,
    gpb: gpb.refs,
    fund: fund.refs,
    soe: soe.refs,
    soeHasIncome: !hunan,
  });
  const summary = summaryTable({ head: head('summary'), lines: hunan, classCodes, income: income.refs, expense: expense.refs, fiscal: fiscal.refs });
  const profileCodes = hunan ? ECONOMIC_CODES : NATIONAL_ECONOMIC_CODES;
  const economicCodes = [...profileCodes, ...(from?.economic ?? []).filter((c) => !profileCodes.some((p) => p.code === c.code))];
  const basic = economicTable({ ...head('gpbBasic'), profile: opts.profile, codes: economicCodes });
  const threePublic = threePublicTable({ ...head('threePublic'), profile: opts.profile });
  const byRole: Record<TableRole, PlanSheet> = {
    summary,
    income: income.sheet,
    expense: expense.sheet,
    fiscalSummary: fiscal.sheet,
    gpbExpense: gpb.sheet,
    gpbBasic: basic,
    fund: fund.sheet,
    soe: soe.sheet,
    threePublic,
  };
  const tableSheets = profile.tables.map((t) => byRole[t.role]);
  const inputs = inputsSheet(opts, items('gpbExpense'), classCodes);
  const forms = performanceForms({ year: opts.year, department, unit: opts.unit ?? from?.unit ?? department, projects: from?.projects ?? [] });
  const sheets = [...tableSheets, ...forms, inputs];
  return {
    profile: opts.profile,
    year: opts.year,
    sheets,
    names: [
      { name: profileName(opts.profile), sheet: tableSheets[0]!.name, range: { top: 0, left: 0, bottom: 0, right: 0 } },
      ...tableSheets.flatMap((s) => s.tables.map((t) => ({ name: tableRangeName(t.id), sheet: s.name, range: t.range }))),
    ],
  };
}

/** The notes under each table, as the profile prints them. */
const NOTES: Record<TableRole, { hunan: string | readonly string[]; national: string }> = {
  summary: { hunan: ['注：1.本表反映部门本年度的总收支和年末结转结余情况。', '2.本套报表金额单位转换时可能存在尾数误差。'], national: '注：本表反映部门本年度的总收支和年末结转结余情况。' },
  fiscalSummary: {
    hunan: '注: 本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。',
    national: '注：本表反映部门本年度财政拨款总收支和结转结余情况。',
  },
  income: { hunan: '注：本表反映部门本年度取得的各项收入情况。', national: '注：本表反映部门本年度取得的各项收入情况。' },
  expense: { hunan: '注：本表反映部门本年度各项支出情况。', national: '注：本表反映部门本年度各项支出情况。' },
  gpbExpense: { hunan: '注：本表反映部门本年度一般公共预算财政拨款支出情况。', national: '注：本表反映部门本年度一般公共预算财政拨款支出情况。' },
  gpbBasic: { hunan: '注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。', national: '注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。' },
  fund: {
    hunan: '注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。',
    national: '注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。',
  },
  soe: { hunan: '注：本表反映部门本年度国有资本经营预算财政拨款支出情况。', national: '注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。' },
  threePublic: {
    hunan: '注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。',
    national: '注：本表反映部门本年度“三公”经费支出预决算情况。',
  },
};

/** The 说明数据 sheet: every row the narrative reads, last year's figures filled in as 上年. */
function inputsSheet(opts: NewYearOptions, gpbItems: readonly CarriedItem[], classCodes: readonly string[]): PlanSheet {
  const priors = opts.from?.priors ?? {};
  const classes = classCodes
    .filter((c) => (priors[`class.prior:${c}`] ?? 0) !== 0)
    .map((code) => ({ code, name: EXPENSE_CLASSES.find((c) => c.code === code)?.name ?? '' }));
  const rows = inputsRows(gpbItems, opts.profile, { priorDetail: { classes } });
  const b = new SheetBuilder(INPUTS_SHEET, 3);
  const t = b.line([{ role: 'title', value: `${opts.year}年度部门决算说明数据` }]);
  b.merge(t, 0, t, 2);
  // Above the header: every row under it is read as an item.
  const note = b.line([
    {
      role: 'note',
      value: opts.from
        ? `上年数由 ${opts.from.year ?? opts.year - 1} 年度工作簿带入，请核对；原因和说明文字请按本年度情况填写。`
        : '上年数请按上年度公开的决算填写；原因和说明文字请按本年度情况填写。',
    },
  ]);
  b.merge(note, 0, note, 2);
  b.line(rows[0]!.map((h) => h));
  for (const [rowLabel] of rows.slice(1)) {
    const key = inputKey(rowLabel);
    let value: PlanCell = text();
    if (key === 'year') value = { ...input(undefined, opts.year), validation: 'count' };
    else if (key && isCountKey(key)) value = { ...input(undefined, priors[key]), validation: 'count' };
    else if (key || /^年初预算/.test(rowLabel)) value = input(undefined, priors[key ?? ''] === undefined ? undefined : priors[key!]! / FEN_PER_WAN);
    const isText = !key && !/^年初预算/.test(rowLabel);
    b.line([label(rowLabel), isText ? null : value, isText ? text() : null]);
  }
  return b.build({ widths: [44, 16, 70], freezeRows: 3, protect: false });
}
