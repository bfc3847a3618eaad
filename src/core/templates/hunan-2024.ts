/**
 * hunan-2024: the nine tables as 湖南省 units publish them for 2024
 * (seed 000, 株洲市天元区): 公开NN表 labels, 行次 and 栏次, 项-only code
 * rows with 合计 first, a three-block basic-expenditure table, 07 政府性基金,
 * 08 国有资本经营 (expenditure only), 09 三公.
 */
import type { Profile } from './types';
import {
  EXPENSE_COLUMNS,
  FUND_FLOW_COLUMNS,
  HUNAN_CLASS_CODES,
  INCOME_COLUMNS,
  SPENDING_COLUMNS,
  fiscalSummaryPanels,
  summaryPanels,
  threePublicColumns,
  BASIC_TOTALS,
} from './common';
import { ECONOMIC_CODES } from './subjects';

export const HUNAN_2024: Profile = {
  id: 'hunan-2024',
  name: '湖南省 2024 年度部门决算公开模板',
  hasTableLabels: true,
  printsLanes: true,
  tables: [
    {
      id: '公开01表',
      role: 'summary',
      title: '收入支出决算总表',
      titleAliases: ['收入支出决算汇总表'],
      layout: 'two-sided',
      panels: summaryPanels({ lines: true, classCodes: HUNAN_CLASS_CODES }),
    },
    {
      id: '公开02表',
      role: 'income',
      title: '收入决算表',
      titleAliases: [],
      layout: 'code-list',
      columns: INCOME_COLUMNS(true),
      totalRow: 'first',
    },
    {
      id: '公开03表',
      role: 'expense',
      title: '支出决算表',
      titleAliases: [],
      layout: 'code-list',
      columns: EXPENSE_COLUMNS(true),
      totalRow: 'first',
    },
    {
      id: '公开04表',
      role: 'fiscalSummary',
      title: '财政拨款收入支出决算总表',
      titleAliases: [],
      layout: 'two-sided',
      panels: fiscalSummaryPanels({ lines: true, classCodes: HUNAN_CLASS_CODES }),
    },
    {
      id: '公开05表',
      role: 'gpbExpense',
      title: '一般公共预算财政拨款支出决算表',
      titleAliases: [],
      layout: 'code-list',
      columns: SPENDING_COLUMNS(true),
      totalRow: 'first',
    },
    {
      id: '公开06表',
      role: 'gpbBasic',
      title: '一般公共预算财政拨款基本支出决算明细表',
      titleAliases: ['一般公共预算财政拨款基本支出决算表'],
      layout: 'economic-blocks',
      economic: {
        codes: ECONOMIC_CODES,
        totals: BASIC_TOTALS,
      },
    },
    {
      id: '公开07表',
      role: 'fund',
      title: '政府性基金预算财政拨款收入支出决算表',
      titleAliases: [],
      layout: 'code-list',
      columns: FUND_FLOW_COLUMNS(true),
      totalRow: 'first',
      mayBeEmpty: true,
      emptyNote: '说明：我单位没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。',
    },
    {
      id: '公开08表',
      role: 'soe',
      title: '国有资本经营预算财政拨款支出决算表',
      titleAliases: [],
      layout: 'code-list',
      columns: SPENDING_COLUMNS(true),
      totalRow: 'first',
      mayBeEmpty: true,
      emptyNote: '说明：我单位没有使用国有资本经营预算安排的支出，故本表无数据。',
    },
    {
      id: '公开09表',
      role: 'threePublic',
      title: '财政拨款“三公”经费支出决算表',
      titleAliases: ['“三公”经费支出决算表', '一般公共预算财政拨款“三公”经费支出决算表'],
      layout: 'matrix',
      columns: threePublicColumns(true),
      mayBeEmpty: true,
    },
  ],
};
