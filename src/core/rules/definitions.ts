/**
 * The relations that must hold in a 部门决算公开 (see docs/rules.md and
 * ../shared/domain/notes.md §2): R = within a table (表内), X = between
 * tables (表间). Tables are named by role, so one definition serves every
 * profile; a relation whose rows or columns a profile does not print is
 * skipped for it (national 公开06表 has no 307/399 blocks, Hunan 公开08表
 * has no 年初/年末 columns).
 */
import { FUNDS } from '../templates/common';
import type { Ref, RuleDef, Term } from './types';
import type { TableRole } from '../templates/types';

const cell = (table: TableRole, row: string, col: string, sign: 1 | -1 = 1): Term => ({ ref: { t: 'cell', table, row, col }, sign });
const ref = (r: Ref, sign: 1 | -1 = 1): Term => ({ ref: r, sign });
const SUMMARY_INCOME_ROWS = ['一般公共预算财政拨款收入', '政府性基金预算财政拨款收入', '国有资本经营预算财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'];
const INCOME_COLS = ['本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'];
const EXPENSE_COLS = ['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'];
const SPENDING_COLS = ['合计', '基本支出', '项目支出'];
const FLOW_COLS = ['年初结转和结余', '本年收入', ...SPENDING_COLS, '年末结转和结余'];
const FISCAL_EXPENSE_COLS = ['合计', ...FUNDS.map((f) => f.key)];
const STAGE_EN = { 预算: 'budget', 决算: 'final' } as const;

/** Rows of a list table add up: 合计 = Σ top rows, 类 = Σ 款, 款 = Σ 项, per column. */
function listTotals(id: string, table: TableRole, cols: readonly string[], name: string, nameEn: string): RuleDef[] {
  return [
    {
      id: `${id}.total`,
      title: `${name}合计行等于各科目之和`,
      titleEn: `${nameEn}: the total row equals the sum of its top-level 科目`,
      kind: 'eq',
      severity: 'error',
      each: [{ over: 'cols', cols }],
      lhs: [cell(table, 'total', '$col')],
      rhs: [ref({ t: 'top', table, col: '$col' })],
    },
    {
      id: `${id}.parent`,
      title: `${name}类、款级科目等于其下级科目之和`,
      titleEn: `${nameEn}: each 类 and 款 equals the sum of the 科目 under it`,
      kind: 'eq',
      severity: 'error',
      each: [{ over: 'rows', table, which: 'parents' }, { over: 'cols', cols }],
      lhs: [cell(table, '$row', '$col')],
      rhs: [ref({ t: 'children', table, row: '$row', col: '$col' })],
    },
  ];
}

export const RULES: readonly RuleDef[] = [
  // ── 收入支出决算总表 ──
  {
    id: 'R01',
    title: '收入支出决算总表：本年收入合计等于各项收入之和',
    titleEn: 'Summary table (收入支出决算总表): total income of the year (本年收入合计) equals the sum of the income items',
    kind: 'eq',
    severity: 'error',
    lhs: [cell('summary', '本年收入合计', '金额')],
    rhs: SUMMARY_INCOME_ROWS.map((r) => cell('summary', r, '金额')),
  },
  {
    id: 'R02',
    title: '收入支出决算总表：收入总计等于本年收入合计、使用非财政拨款结余与年初结转和结余之和',
    titleEn: 'Summary table (收入支出决算总表): grand total income (收入总计) equals 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余',
    kind: 'eq',
    severity: 'error',
    lhs: [cell('summary', '收入总计', '金额')],
    rhs: ['本年收入合计', '使用非财政拨款结余', '年初结转和结余'].map((r) => cell('summary', r, '金额')),
  },
  {
    id: 'R03',
    title: '收入支出决算总表：本年支出合计等于各类支出之和',
    titleEn: 'Summary table (收入支出决算总表): total expenditure of the year (本年支出合计) equals the sum of the expenditure categories',
    kind: 'eq',
    severity: 'error',
    lhs: [cell('summary', '本年支出合计', '金额')],
    rhs: [ref({ t: 'keyed', table: 'summary', keyPrefix: 'cls:', col: '金额' })],
  },
  {
    id: 'R04',
    title: '收入支出决算总表：支出总计等于本年支出合计、结余分配与年末结转和结余之和',
    titleEn: 'Summary table (收入支出决算总表): grand total expenditure (支出总计) equals 本年支出合计 + 结余分配 + 年末结转和结余',
    kind: 'eq',
    severity: 'error',
    lhs: [cell('summary', '支出总计', '金额')],
    rhs: ['本年支出合计', '结余分配', '年末结转和结余'].map((r) => cell('summary', r, '金额')),
  },
  {
    id: 'R04.balance',
    title: '收入支出决算总表：收入总计等于支出总计',
    titleEn: 'Summary table (收入支出决算总表): grand total income (收入总计) equals grand total expenditure (支出总计)',
    kind: 'eq',
    severity: 'error',
    strict: true,
    lhs: [cell('summary', '支出总计', '金额')],
    rhs: [cell('summary', '收入总计', '金额')],
  },
  // ── 收入决算表 ──
  {
    id: 'R05.row',
    title: '收入决算表：本年收入合计等于各项收入之和',
    titleEn: 'Income table (收入决算表): 本年收入合计 equals the sum of the income columns',
    kind: 'eq',
    severity: 'error',
    each: [{ over: 'rows', table: 'income', which: 'all' }],
    lhs: [cell('income', '$row', '本年收入合计')],
    rhs: INCOME_COLS.slice(1).map((c) => cell('income', '$row', c)),
  },
  ...listTotals('R05', 'income', INCOME_COLS, '收入决算表：', 'Income table (收入决算表)'),
  // ── 支出决算表 ──
  {
    id: 'R06.row',
    title: '支出决算表：本年支出合计等于基本支出、项目支出等各项之和',
    titleEn: 'Expenditure table (支出决算表): 本年支出合计 equals the sum of 基本支出, 项目支出 and the other columns',
    kind: 'eq',
    severity: 'error',
    each: [{ over: 'rows', table: 'expense', which: 'all' }],
    lhs: [cell('expense', '$row', '本年支出合计')],
    rhs: EXPENSE_COLS.slice(1).map((c) => cell('expense', '$row', c)),
  },
  ...listTotals('R06', 'expense', EXPENSE_COLS, '支出决算表：', 'Expenditure table (支出决算表)'),
  // ── 财政拨款收入支出决算总表 ──
  {
    id: 'R08.income',
    title: '财政拨款收入支出决算总表：本年收入合计等于三项财政拨款之和',
    titleEn: 'Fiscal appropriation summary (财政拨款收入支出决算总表): 本年收入合计 equals the sum of the three appropriations',
    kind: 'eq',
    severity: 'error',
    lhs: [cell('fiscalSummary', '本年收入合计', '金额')],
    rhs: FUNDS.map((f) => cell('fiscalSummary', f.key, '金额')),
  },
  {
    id: 'R08.opening',
    title: '财政拨款收入支出决算总表：年初财政拨款结转和结余等于各项财政拨款年初数之和',
    titleEn: 'Fiscal appropriation summary (财政拨款收入支出决算总表): 年初财政拨款结转和结余 equals the sum of the opening balances of the appropriations',
    kind: 'eq',
    severity: 'error',
    lhs: [cell('fiscalSummary', '年初财政拨款结转和结余', '金额')],
    rhs: FUNDS.map((f) => cell('fiscalSummary', `年初.${f.key}`, '金额')),
  },
  {
    id: 'R08.total',
    title: '财政拨款收入支出决算总表：收入总计等于本年收入合计与年初财政拨款结转和结余之和',
    titleEn: 'Fiscal appropriation summary (财政拨款收入支出决算总表): 收入总计 equals 本年收入合计 + 年初财政拨款结转和结余',
    kind: 'eq',
    severity: 'error',
    lhs: [cell('fiscalSummary', '收入总计', '金额')],
    rhs: [cell('fiscalSummary', '本年收入合计', '金额'), cell('fiscalSummary', '年初财政拨款结转和结余', '金额')],
  },
  {
    id: 'R09',
    title: '财政拨款收入支出决算总表：支出“合计”栏等于三项财政拨款栏之和',
    titleEn: 'Fiscal appropriation summary (财政拨款收入支出决算总表): the expenditure “合计” column equals the sum of the three appropriation columns',
    kind: 'eq',
    severity: 'error',
    each: [{ over: 'rows', table: 'fiscalSummary', which: 'all' }],
    lhs: [cell('fiscalSummary', '$row', '合计')],
    rhs: FUNDS.map((f) => cell('fiscalSummary', '$row', f.key)),
  },
  {
    id: 'R10',
    title: '财政拨款收入支出决算总表：本年支出合计等于各类支出之和',
    titleEn: 'Fiscal appropriation summary (财政拨款收入支出决算总表): 本年支出合计 equals the sum of the expenditure categories',
    kind: 'eq',
    severity: 'error',
    each: [{ over: 'cols', cols: FISCAL_EXPENSE_COLS }],
    lhs: [cell('fiscalSummary', '本年支出合计', '$col')],
    rhs: [ref({ t: 'keyed', table: 'fiscalSummary', keyPrefix: 'cls:', col: '$col' })],
  },
  {
    id: 'R11.closing',
    title: '财政拨款收入支出决算总表：年末财政拨款结转和结余等于各项财政拨款年末数之和',
    titleEn: 'Fiscal appropriation summary (财政拨款收入支出决算总表): 年末财政拨款结转和结余 equals the sum of the closing balances of the appropriations',
    kind: 'eq',
    severity: 'error',
    lhs: [cell('fiscalSummary', '年末财政拨款结转和结余', '合计')],
    rhs: FUNDS.map((f) => cell('fiscalSummary', `年末.${f.key}`, '合计')),
  },
  {
    id: 'R11.total',
    title: '财政拨款收入支出决算总表：支出总计等于本年支出合计与年末财政拨款结转和结余之和',
    titleEn: 'Fiscal appropriation summary (财政拨款收入支出决算总表): 支出总计 equals 本年支出合计 + 年末财政拨款结转和结余',
    kind: 'eq',
    severity: 'error',
    each: [{ over: 'cols', cols: FISCAL_EXPENSE_COLS }],
    lhs: [cell('fiscalSummary', '支出总计', '$col')],
    rhs: [cell('fiscalSummary', '本年支出合计', '$col'), cell('fiscalSummary', '年末财政拨款结转和结余', '$col')],
  },
  {
    id: 'R11.balance',
    title: '财政拨款收入支出决算总表：收入总计等于支出总计',
    titleEn: 'Fiscal appropriation summary (财政拨款收入支出决算总表): 收入总计 equals 支出总计',
    kind: 'eq',
    severity: 'error',
    strict: true,
    lhs: [cell('fiscalSummary', '支出总计', '合计')],
    rhs: [cell('fiscalSummary', '收入总计', '金额')],
  },
  {
    id: 'R12',
    title: '财政拨款收入支出决算总表：年末结转和结余等于年初结转和结余加本年收入减本年支出（分资金来源）',
    titleEn: 'Fiscal appropriation summary (财政拨款收入支出决算总表): for each appropriation, closing balance = opening balance + income of the year - expenditure of the year',
    kind: 'eq',
    severity: 'error',
    strict: true,
    each: [{ over: 'cols', cols: FUNDS.map((f) => f.key) }],
    lhs: [cell('fiscalSummary', '年末财政拨款结转和结余', '$col')],
    rhs: [cell('fiscalSummary', '年初.$col', '金额'), cell('fiscalSummary', '$col', '金额'), cell('fiscalSummary', '本年支出合计', '$col', -1)],
  },
  // ── 一般公共预算财政拨款支出决算表 ──
  {
    id: 'R13.row',
    title: '一般公共预算财政拨款支出决算表：合计等于基本支出与项目支出之和',
    titleEn: 'General public budget expenditure table (一般公共预算财政拨款支出决算表): 合计 equals 基本支出 + 项目支出',
    kind: 'eq',
    severity: 'error',
    each: [{ over: 'rows', table: 'gpbExpense', which: 'all' }],
    lhs: [cell('gpbExpense', '$row', '合计')],
    rhs: [cell('gpbExpense', '$row', '基本支出'), cell('gpbExpense', '$row', '项目支出')],
  },
  ...listTotals('R13', 'gpbExpense', SPENDING_COLS, '一般公共预算财政拨款支出决算表：', 'General public budget expenditure table (一般公共预算财政拨款支出决算表)'),
  // ── 基本支出决算（明细）表 ──
  {
    id: 'R14',
    title: '基本支出决算明细表：经济分类类级科目等于其款级科目之和',
    titleEn: 'Basic expenditure detail table (基本支出决算明细表): each economic-classification 类 equals the sum of its 款',
    kind: 'eq',
    severity: 'error',
    each: [{ over: 'rows', table: 'gpbBasic', which: 'parents' }],
    lhs: [cell('gpbBasic', '$row', '决算数')],
    rhs: [ref({ t: 'children', table: 'gpbBasic', row: '$row', col: '决算数' })],
  },
  {
    id: 'R17',
    title: '基本支出决算明细表：人员经费合计等于工资福利支出与对个人和家庭的补助之和',
    titleEn: 'Basic expenditure detail table (基本支出决算明细表): 人员经费合计 equals 工资福利支出 (301) + 对个人和家庭的补助 (303)',
    kind: 'eq',
    severity: 'error',
    lhs: [cell('gpbBasic', '人员经费合计', '决算数')],
    rhs: [cell('gpbBasic', 'code:301', '决算数'), cell('gpbBasic', 'code:303', '决算数')],
  },
  {
    id: 'R18',
    title: '基本支出决算明细表：公用经费合计等于商品和服务支出、债务利息及费用支出、资本性支出与其他支出之和',
    titleEn: 'Basic expenditure detail table (基本支出决算明细表): 公用经费合计 equals 商品和服务支出 (302) + 债务利息及费用支出 (307) + 资本性支出 (310) + 其他支出 (399)',
    kind: 'eq',
    severity: 'error',
    lhs: [cell('gpbBasic', '公用经费合计', '决算数')],
    rhs: ['302', '307', '310', '399'].map((c) => cell('gpbBasic', `code:${c}`, '决算数')),
  },
  // ── 政府性基金、国有资本经营预算财政拨款表 ──
  ...(['fund', 'soe'] as const).flatMap((table): RuleDef[] => {
    const id = table === 'fund' ? 'R19' : 'R20';
    const name = table === 'fund' ? '政府性基金预算财政拨款表：' : '国有资本经营预算财政拨款表：';
    const nameEn = table === 'fund' ? 'Government fund table (政府性基金预算财政拨款表)' : 'State capital operations table (国有资本经营预算财政拨款表)';
    return [
      {
        id: `${id}.row`,
        title: `${name}本年支出合计等于基本支出与项目支出之和`,
        titleEn: `${nameEn}: 合计 (expenditure of the year) equals 基本支出 + 项目支出`,
        kind: 'eq',
        severity: 'error',
        each: [{ over: 'rows', table, which: 'all' }],
        lhs: [cell(table, '$row', '合计')],
        rhs: [cell(table, '$row', '基本支出'), cell(table, '$row', '项目支出')],
      },
      {
        id: `${id}.flow`,
        title: `${name}年末结转和结余等于年初结转和结余加本年收入减本年支出`,
        titleEn: `${nameEn}: 年末结转和结余 = 年初结转和结余 + 本年收入 - 本年支出`,
        kind: 'eq',
        severity: 'error',
        strict: true,
        each: [{ over: 'rows', table, which: 'all' }],
        lhs: [cell(table, '$row', '年末结转和结余')],
        rhs: [cell(table, '$row', '年初结转和结余'), cell(table, '$row', '本年收入'), cell(table, '$row', '合计', -1)],
      },
      ...listTotals(id, table, FLOW_COLS, name, nameEn),
    ];
  }),
  // ── 三公经费 ──
  ...(['预算', '决算'] as const).flatMap((stage): RuleDef[] => [
    {
      id: 'R21',
      title: `“三公”经费支出决算表：${stage}数合计等于因公出国（境）费、公务用车购置及运行维护费与公务接待费之和`,
      titleEn: `“Three public” expenses table (“三公”经费支出决算表): the ${stage}数 (${STAGE_EN[stage]}) total equals 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费`,
      kind: 'eq',
      severity: 'error',
      lhs: [cell('threePublic', 'data', `${stage}.合计`)],
      rhs: ['因公出国（境）费', '公务用车购置及运行维护费', '公务接待费'].map((k) => cell('threePublic', 'data', `${stage}.${k}`)),
    },
    {
      id: 'R21.vehicle',
      title: `“三公”经费支出决算表：${stage}数公务用车购置及运行维护费等于购置费与运行维护费之和`,
      titleEn: `“Three public” expenses table (“三公”经费支出决算表): 公务用车购置及运行维护费 of the ${stage}数 (${STAGE_EN[stage]}) equals 公务用车购置费 + 公务用车运行维护费`,
      kind: 'eq',
      severity: 'error',
      lhs: [cell('threePublic', 'data', `${stage}.公务用车购置及运行维护费`)],
      rhs: ['公务用车购置费', '公务用车运行维护费'].map((k) => cell('threePublic', 'data', `${stage}.${k}`)),
    },
  ]),
  // ── 表间 ──
  {
    id: 'X01',
    title: '收入支出决算总表的本年收入合计等于收入决算表合计',
    titleEn: '本年收入合计 of the summary table (收入支出决算总表) equals the total of the income table (收入决算表)',
    kind: 'eq',
    severity: 'error',
    strict: true,
    lhs: [cell('summary', '本年收入合计', '金额')],
    rhs: [cell('income', 'total', '本年收入合计')],
  },
  {
    id: 'X01.fiscal',
    title: '收入支出决算总表的三项财政拨款收入之和等于收入决算表的财政拨款收入',
    titleEn: 'The three appropriation incomes of the summary table (收入支出决算总表) add up to 财政拨款收入 of the income table (收入决算表)',
    kind: 'eq',
    severity: 'error',
    lhs: SUMMARY_INCOME_ROWS.slice(0, 3).map((r) => cell('summary', r, '金额')),
    rhs: [cell('income', 'total', '财政拨款收入')],
  },
  {
    id: 'X01.other',
    title: '收入支出决算总表的各项非财政拨款收入等于收入决算表合计行的同名栏',
    titleEn: 'Each non-appropriation income of the summary table (收入支出决算总表) equals the same column of the total row of the income table (收入决算表)',
    kind: 'eq',
    severity: 'error',
    strict: true,
    each: [{ over: 'cols', cols: INCOME_COLS.slice(2) }],
    lhs: [cell('summary', '$col', '金额')],
    rhs: [cell('income', 'total', '$col')],
  },
  {
    id: 'X02',
    title: '收入支出决算总表的本年支出合计等于支出决算表合计',
    titleEn: '本年支出合计 of the summary table (收入支出决算总表) equals the total of the expenditure table (支出决算表)',
    kind: 'eq',
    severity: 'error',
    strict: true,
    lhs: [cell('summary', '本年支出合计', '金额')],
    rhs: [cell('expense', 'total', '本年支出合计')],
  },
  {
    id: 'X03',
    title: '财政拨款收入支出决算总表的本年收入等于收入支出决算总表的同项财政拨款收入',
    titleEn: 'Income of each appropriation in the fiscal appropriation summary (财政拨款收入支出决算总表) equals the same income row of the summary table (收入支出决算总表)',
    kind: 'eq',
    severity: 'error',
    strict: true,
    each: [{ over: 'cols', cols: FUNDS.map((f) => f.key) }],
    lhs: [cell('fiscalSummary', '$col', '金额')],
    rhs: [cell('summary', '$col收入', '金额')],
  },
  {
    id: 'X04',
    title: '收入支出决算总表各类支出等于支出决算表该类科目之和',
    titleEn: 'Each expenditure category of the summary table (收入支出决算总表) equals the sum of its 科目 in the expenditure table (支出决算表)',
    kind: 'eq',
    severity: 'error',
    lhsMissingAsZero: true,
    each: [{ over: 'classes', tables: ['summary', 'expense'] }],
    lhs: [cell('summary', 'cls:$cls', '金额')],
    rhs: [ref({ t: 'cover', table: 'expense', prefix: '$cls', col: '本年支出合计' })],
  },
  {
    id: 'X05.opening',
    title: '年初财政拨款结转和结余不超过收入支出决算总表的年初结转和结余',
    titleEn: '年初财政拨款结转和结余 does not exceed 年初结转和结余 of the summary table (收入支出决算总表)',
    kind: 'le',
    severity: 'error',
    strict: true,
    lhs: [cell('fiscalSummary', '年初财政拨款结转和结余', '金额')],
    rhs: [cell('summary', '年初结转和结余', '金额')],
  },
  {
    id: 'X05.closing',
    title: '年末财政拨款结转和结余不超过收入支出决算总表的年末结转和结余',
    titleEn: '年末财政拨款结转和结余 does not exceed 年末结转和结余 of the summary table (收入支出决算总表)',
    kind: 'le',
    severity: 'error',
    strict: true,
    lhs: [cell('fiscalSummary', '年末财政拨款结转和结余', '合计')],
    rhs: [cell('summary', '年末结转和结余', '金额')],
  },
  {
    id: 'X05.class',
    title: '财政拨款各类支出不超过收入支出决算总表同类支出',
    titleEn: 'Appropriation expenditure of each category does not exceed the same category in the summary table (收入支出决算总表)',
    kind: 'le',
    severity: 'error',
    strict: true,
    each: [{ over: 'classes', tables: ['fiscalSummary'] }],
    lhs: [cell('fiscalSummary', 'cls:$cls', '合计')],
    rhs: [cell('summary', 'cls:$cls', '金额')],
  },
  {
    id: 'X06',
    title: '财政拨款收入支出决算总表的一般公共预算财政拨款支出等于一般公共预算财政拨款支出决算表合计',
    titleEn: 'General public budget expenditure in the fiscal appropriation summary (财政拨款收入支出决算总表) equals the total of the general public budget expenditure table (一般公共预算财政拨款支出决算表)',
    kind: 'eq',
    severity: 'error',
    strict: true,
    lhs: [cell('fiscalSummary', '本年支出合计', '一般公共预算财政拨款')],
    rhs: [cell('gpbExpense', 'total', '合计')],
  },
  {
    id: 'X07',
    title: '财政拨款收入支出决算总表各类一般公共预算财政拨款支出等于一般公共预算财政拨款支出决算表该类科目之和',
    titleEn: 'General public budget expenditure of each category in the fiscal appropriation summary (财政拨款收入支出决算总表) equals the sum of its 科目 in the general public budget expenditure table (一般公共预算财政拨款支出决算表)',
    kind: 'eq',
    severity: 'error',
    lhsMissingAsZero: true,
    each: [{ over: 'classes', tables: ['fiscalSummary', 'gpbExpense'] }],
    lhs: [cell('fiscalSummary', 'cls:$cls', '一般公共预算财政拨款')],
    rhs: [ref({ t: 'cover', table: 'gpbExpense', prefix: '$cls', col: '合计' })],
  },
  ...([
    ['合计', '本年支出合计'],
    ['基本支出', '基本支出'],
    ['项目支出', '项目支出'],
  ] as const).map(
    ([gpb, exp]): RuleDef => ({
      id: 'X08',
      title: `一般公共预算财政拨款支出不超过支出决算表同一科目的${exp}`,
      titleEn: `General public budget expenditure does not exceed ${exp} of the same 科目 in the expenditure table (支出决算表)`,
      kind: 'le',
      severity: 'error',
      // A 科目 that 支出决算表 does not list at all has 0 there: a mistyped code shows up.
      rhsMissingAsZero: true,
      each: [{ over: 'codes', table: 'gpbExpense' }],
      lhs: [cell('gpbExpense', 'code:$code', gpb)],
      rhs: [cell('expense', 'code:$code', exp)],
    }),
  ),
  {
    id: 'X09',
    title: '一般公共预算财政拨款基本支出等于基本支出决算明细表的人员经费合计与公用经费合计之和',
    titleEn: 'General public budget 基本支出 equals 人员经费合计 + 公用经费合计 of the basic expenditure detail table (基本支出决算明细表)',
    kind: 'eq',
    severity: 'error',
    strict: true,
    lhs: [cell('gpbExpense', 'total', '基本支出')],
    rhs: [cell('gpbBasic', '人员经费合计', '决算数'), cell('gpbBasic', '公用经费合计', '决算数')],
  },
  ...([
    ['年初结转和结余', '年初.政府性基金预算财政拨款', '金额'],
    ['本年收入', '政府性基金预算财政拨款', '金额'],
    ['合计', '本年支出合计', '政府性基金预算财政拨款'],
    ['年末结转和结余', '年末财政拨款结转和结余', '政府性基金预算财政拨款'],
  ] as const).map(
    ([col, row, fcol]): RuleDef => ({
      id: 'X10',
      title: `政府性基金预算财政拨款表合计行的“${col}”等于财政拨款收入支出决算总表的政府性基金预算财政拨款数`,
      titleEn: `“${col}” of the total row of the government fund table (政府性基金预算财政拨款表) equals the government fund figure of the fiscal appropriation summary (财政拨款收入支出决算总表)`,
      kind: 'eq',
      severity: 'error',
      strict: true,
      lhs: [cell('fund', 'total', col)],
      rhs: [cell('fiscalSummary', row, fcol)],
    }),
  ),
  ...([
    ['年初结转和结余', '年初.国有资本经营预算财政拨款', '金额'],
    ['本年收入', '国有资本经营预算财政拨款', '金额'],
    ['合计', '本年支出合计', '国有资本经营预算财政拨款'],
    ['年末结转和结余', '年末财政拨款结转和结余', '国有资本经营预算财政拨款'],
  ] as const).map(
    ([col, row, fcol]): RuleDef => ({
      id: 'X11',
      title: `国有资本经营预算财政拨款表合计行的“${col}”等于财政拨款收入支出决算总表的国有资本经营预算财政拨款数`,
      titleEn: `“${col}” of the total row of the state capital operations table (国有资本经营预算财政拨款表) equals the state capital operations figure of the fiscal appropriation summary (财政拨款收入支出决算总表)`,
      kind: 'eq',
      severity: 'error',
      strict: true,
      lhs: [cell('soe', 'total', col)],
      rhs: [cell('fiscalSummary', row, fcol)],
    }),
  ),
  ...([
    ['30231', '公务用车运行维护费'],
    ['31013', '公务用车购置费'],
    ['30212', '因公出国（境）费'],
    ['30217', '公务接待费'],
  ] as const).map(
    ([code, item]): RuleDef => ({
      id: 'X12',
      title: `基本支出中的${item}（${code}）通常不超过“三公”经费决算数的${item}`,
      titleEn: `${item} (${code}) in basic expenditure usually does not exceed the final (决算数) ${item} of the “三公” table`,
      kind: 'le',
      severity: 'warning',
      strict: true,
      lhs: [cell('gpbBasic', `code:${code}`, '决算数')],
      rhs: [cell('threePublic', 'data', `决算.${item}`)],
    }),
  ),
  ...([
    [['30108'], ['2080505'], '机关事业单位基本养老保险缴费'],
    [['30109'], ['2080506'], '职业年金缴费'],
    // 行政单位医疗, 事业单位医疗 and 公务员医疗补助 pay 30110, 30111 (and 30307 医疗费补助) between them in
    // ways units book differently: compared as one group, not pair by pair.
    [['30110', '30111', '30307'], ['2101101', '2101102', '2101103'], '医疗保险缴费与医疗补助'],
    [['30113'], ['2210201'], '住房公积金'],
  ] as const).map(
    ([econ, func, what]): RuleDef => ({
      id: 'X13',
      title: `经济分类与功能分类通常对应：${what}（${econ.join('+')}）与基本支出 ${func.join('+')}`,
      titleEn: `Economic and functional classifications usually agree: ${what} (${econ.join('+')}) and 基本支出 of ${func.join('+')}`,
      kind: 'eq',
      severity: 'warning',
      lhs: econ.map((c) => cell('gpbBasic', `code:${c}`, '决算数')),
      rhs: func.map((c) => cell('gpbExpense', `code:${c}`, '基本支出')),
    }),
  ),
];
