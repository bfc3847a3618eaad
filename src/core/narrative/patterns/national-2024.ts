/**
 * 财政部 2024 参考模板的第三部分（national-2024.txt），措辞按模板：
 * 与 2023 年度相比 …，主要原因：…；“（不涉及的不列）”的收入、支出种类只列有数的。
 */
import type { NarrativePattern } from '../types';
import { HUNAN_2024_NARRATIVE } from './hunan-2024';

const change = (what: string, key: string, reason: string) => ({
  up: `与{prior.year}年度相比，${what}增加{${key}.delta}万元，增长{${key}.rate}%。主要原因：{reason:${reason}}。`,
  down: `与{prior.year}年度相比，${what}减少{${key}.delta}万元，下降{${key}.rate}%。主要原因：{reason:${reason}}。`,
  same: `与{prior.year}年度相比，${what}持平。`,
  unknown: `与{prior.year}年度相比，${what}{${key}.prior}。主要原因：{reason:${reason}}。`,
});

export const NATIONAL_2024_NARRATIVE: NarrativePattern = {
  profile: 'national-2024',
  labels: HUNAN_2024_NARRATIVE.labels,
  variants: {
    ...HUNAN_2024_NARRATIVE.variants,
    total: change('收入支出总计', 'total', '一'),
    fiscal: change('财政拨款收入支出总计', 'fiscal', '四'),
    gpb: change('一般公共预算财政拨款支出', 'gpb', '五(一)'),
    running: {
      up: '比{prior.year}年度增加{running.delta}万元，增长{running.rate}%。主要原因是{reason:十一(一)}。',
      down: '比{prior.year}年度减少{running.delta}万元，下降{running.rate}%。主要原因是{reason:十一(一)}。',
      same: '与{prior.year}年度持平。',
      unknown: '比{prior.year}年度{running.budget}。主要原因是{reason:十一(一)}。',
    },
    // 七 “三公”: 完成预算的X% only where there was a budget; the reason for a difference from it, and from last year.
    sgNatBudget: {
      up: '完成预算的{sg.rate}%，',
      down: '完成预算的{sg.rate}%，',
      same: '完成预算的{sg.rate}%，',
      fromZero: '',
      unknown: '',
    },
    sgNatItemBudget: {
      up: '，完成预算的{rate}%',
      down: '，完成预算的{rate}%',
      same: '，完成预算的{rate}%',
      fromZero: '',
      unknown: '',
    },
    sgNatTotalBudget: {
      up: '{year}年度“三公”经费支出决算数大于预算数的主要原因：{reason:七(一)}。',
      down: '{year}年度“三公”经费支出决算数小于预算数的主要原因：{reason:七(一)}。',
      same: '{year}年度“三公”经费支出决算数与预算数基本持平。',
      fromZero: '{year}年度“三公”经费支出决算数大于预算数的主要原因：{reason:七(一)}。',
      unknown: '',
    },
    sgNatPrior: {
      up: '比{prior.year}年度增加{sg.delta}万元，增长{sg.prate}%。主要原因是{reason:七(一):上年}。',
      down: '比{prior.year}年度减少{sg.delta}万元，下降{sg.prate}%。主要原因是{reason:七(一):上年}。',
      same: '与{prior.year}年度持平。',
      fromZero: '比{prior.year}年度增加{sg.delta}万元。主要原因是{reason:七(一):上年}。',
      unknown: '比{prior.year}年度{sg.prior}。',
    },
  },
  sections: [
    { id: '一', heading: '一、收入支出决算总体情况说明', paragraphs: ['{department}{year}年度收入支出总计{total}万元。{vary:total}'] },
    {
      id: '二',
      heading: '二、收入决算情况说明',
      paragraphs: ['本年收入合计{income}万元，其中：{list:incomeSources}。'],
      lists: { incomeSources: { item: '{name}{amount}万元，占{share}%', sep: '；' } },
    },
    {
      id: '三',
      heading: '三、支出决算情况说明',
      paragraphs: ['本年支出合计{expense}万元，其中：{list:expenseKinds}。'],
      lists: { expenseKinds: { item: '{name}{amount}万元，占{share}%', sep: '；' } },
    },
    { id: '四', heading: '四、财政拨款收入支出决算总体情况说明', paragraphs: ['{department}{year}年度财政拨款收入支出总计{fiscal}万元。{vary:fiscal}'] },
    {
      id: '五(一)',
      heading: '五、一般公共预算财政拨款支出决算情况说明',
      subheading: '（一）一般公共预算财政拨款支出决算总体情况',
      paragraphs: ['一般公共预算财政拨款支出{gpb}万元，占本年支出合计的{gpbShare}%。{vary:gpb}'],
    },
    {
      id: '五(二)',
      heading: '',
      subheading: '（二）一般公共预算财政拨款支出决算结构情况',
      paragraphs: ['一般公共预算财政拨款支出{gpb}万元，主要用于以下方面：{list:classes}。'],
      lists: { classes: { item: '{className}（类）{amount}万元，占{share}%', sep: '；' } },
    },
    {
      id: '五(三)',
      heading: '',
      subheading: '（三）一般公共预算财政拨款支出决算具体情况',
      paragraphs: ['一般公共预算财政拨款支出年初预算为{budget}万元，支出决算为{gpb}万元，完成年初预算的{budgetRate}%。其中：'],
      lists: {
        items: {
          item: '{n}、{className}（类）{kuanName}（款）{name}（项）。主要用于：{reason:item}。年初预算为{budget}万元，支出决算为{amount}万元。',
          sep: '\n',
        },
      },
    },
    {
      id: '六',
      heading: '六、一般公共预算财政拨款基本支出决算情况说明',
      paragraphs: ['一般公共预算财政拨款基本支出{basic}万元。其中：人员经费{personnel}万元，主要包括：{personnelItems}；公用经费{public}万元，主要包括：{publicItems}。'],
    },
    {
      id: '七(一)',
      heading: '七、财政拨款“三公”经费支出决算情况说明',
      subheading: '（一）“三公”经费财政拨款支出决算总体情况说明',
      paragraphs: [
        '“三公”经费财政拨款支出年初预算为{sg.budget}万元，支出决算为{sg.actual}万元，{vary:sgNatBudget}其中：{list:sgNational}。{vary:sgNatTotalBudget}',
        '{year}年度“三公”经费财政拨款支出决算数{vary:sgNatPrior}',
      ],
      lists: { sgNational: { item: '{name}支出决算为{actual}万元{vary:sgNatItemBudget}', sep: '；' } },
      whenEmpty: ['{department}{year}年度无“三公”经费财政拨款支出。'],
    },
    {
      id: '七(二)',
      heading: '',
      subheading: '（二）“三公”经费财政拨款支出决算具体情况说明',
      paragraphs: [
        '“三公”经费财政拨款支出决算中，因公出国（境）费支出决算{sg.abroad}万元，占{sg.abroadShare}%；公务用车购置及运行维护费支出决算{sg.vehicle}万元，占{sg.vehicleShare}%；公务接待费支出决算{sg.reception}万元，占{sg.receptionShare}%。具体情况如下：',
        '1、因公出国（境）费支出{sg.abroad}万元。全年安排因公出国（境）团组{groupsAbroad}个、累计{personsAbroad}人次。',
        '2、公务用车购置及运行维护费支出{sg.vehicle}万元。其中：公务用车购置支出为{sg.purchase}万元，购置公务用车{carsBought}辆。公务用车运行维护支出{sg.running}万元，主要用于{reason:运维用途}。{year}年，{department}开支财政拨款的公务用车保有量为{cars}辆。',
        '3、公务接待费支出{sg.reception}万元。全年共接待来访团组{groupsReception}个、来宾{guests}人次。',
      ],
      whenEmpty: ['{department}{year}年度无“三公”经费财政拨款支出。'],
    },
    {
      id: '八',
      heading: '八、政府性基金预算财政拨款收入支出决算情况说明',
      paragraphs: ['政府性基金预算财政拨款支出{fund}万元。{reason:八}'],
      whenEmpty: ['{department}{year}年度无政府性基金预算财政拨款收入和支出。'],
    },
    {
      id: '九',
      heading: '九、国有资本经营预算财政拨款收入支出决算情况说明',
      paragraphs: ['国有资本经营预算财政拨款支出{soe}万元。{reason:九}'],
      whenEmpty: ['{department}{year}年度无国有资本经营预算财政拨款收入和支出。'],
    },
    {
      id: '十一(一)',
      heading: '十一、其他重要事项的情况说明',
      subheading: '（一）机关运行经费支出情况',
      paragraphs: ['机关运行经费支出{running}万元，{vary:running}'],
    },
  ],
};
