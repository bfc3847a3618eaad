/**
 * national-2024: the 财政部 template for 2024 (上海市 XX 局 sample text):
 * no 公开NN表 labels, 行次 or 栏次; 类 → 款 → 项 rows in one code column
 * (or split 类|款|项); 合计 last in the 一般公共预算 table; a two-block
 * basic-expenditure table; 07 三公, 08 政府性基金, 09 国有资本经营 收入支出.
 */
import type { Profile } from './types';
import {
  EXPENSE_COLUMNS,
  FUND_FLOW_COLUMNS,
  INCOME_COLUMNS,
  NATIONAL_CLASS_CODES,
  SPENDING_COLUMNS,
  fiscalSummaryPanels,
  summaryPanels,
  threePublicColumns,
  BASIC_TOTALS,
} from './common';
import { NATIONAL_ECONOMIC_CODES } from './subjects';

export const NATIONAL_2024: Profile = {
  id: 'national-2024',
  name: '财政部 2024 年度部门决算公开参考模板',
  hasTableLabels: false,
  printsLanes: false,
  tables: [
    {
      id: '公开01表',
      role: 'summary',
      title: '收入支出决算总表',
      titleAliases: ['收入支出决算汇总表'],
      layout: 'two-sided',
      panels: summaryPanels({ lines: false, classCodes: NATIONAL_CLASS_CODES }),
    },
    { id: '公开02表', role: 'income', title: '收入决算表', titleAliases: [], layout: 'code-list', columns: INCOME_COLUMNS(false), totalRow: 'first' },
    { id: '公开03表', role: 'expense', title: '支出决算表', titleAliases: [], layout: 'code-list', columns: EXPENSE_COLUMNS(false), totalRow: 'first' },
    {
      id: '公开04表',
      role: 'fiscalSummary',
      title: '财政拨款收入支出决算总表',
      titleAliases: [],
      layout: 'two-sided',
      panels: fiscalSummaryPanels({ lines: false, classCodes: NATIONAL_CLASS_CODES }),
    },
    {
      id: '公开05表',
      role: 'gpbExpense',
      title: '一般公共预算财政拨款支出决算表',
      titleAliases: [],
      layout: 'code-list',
      columns: SPENDING_COLUMNS(false),
      totalRow: 'last',
    },
    {
      id: '公开06表',
      role: 'gpbBasic',
      title: '一般公共预算财政拨款基本支出决算表',
      titleAliases: ['一般公共预算财政拨款基本支出决算明细表'],
      layout: 'economic-blocks',
      economic: {
        codes: NATIONAL_ECONOMIC_CODES,
        totals: BASIC_TOTALS,
      },
    },
    {
      id: '公开07表',
      role: 'threePublic',
      title: '财政拨款“三公”经费支出决算表',
      titleAliases: ['“三公”经费支出决算表'],
      layout: 'matrix',
      columns: threePublicColumns(false),
      mayBeEmpty: true,
    },
    {
      id: '公开08表',
      role: 'fund',
      title: '政府性基金预算财政拨款收入支出决算表',
      titleAliases: [],
      layout: 'code-list',
      columns: FUND_FLOW_COLUMNS(false),
      totalRow: 'first',
      mayBeEmpty: true,
      emptyNote: '说明：本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。',
    },
    {
      id: '公开09表',
      role: 'soe',
      title: '国有资本经营预算财政拨款收入支出决算表',
      titleAliases: [],
      layout: 'code-list',
      columns: FUND_FLOW_COLUMNS(false),
      totalRow: 'first',
      mayBeEmpty: true,
      emptyNote: '说明：本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。',
    },
  ],
};
