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
  labels: {
    ...HUNAN_2024_NARRATIVE.labels,
    'perf.targetCount': '编报绩效目标的项目数',
    'perf.targetBudget': '编报绩效目标的项目涉及预算金额',
    'perf.trackCount': '绩效跟踪评价的项目数',
    'perf.trackBudget': '绩效跟踪评价的项目涉及预算金额',
    'perf.selfBudget': '绩效自评项目涉及预算金额（工作簿中有项目支出绩效自评表时自动合计）',
    'perf.avg': '绩效自评平均得分（自动计算）',
    'perf.excellent': '评级为“优”的项目数（自动计算）',
    'perf.good': '评级为“良”的项目数（自动计算）',
    'perf.pass': '评级为“合格”的项目数（自动计算）',
    'perf.fail': '评级为“不合格”的项目数（自动计算）',
    'perf.issues': '绩效自评发现问题数',
    'perf.fixed': '已完成整改的问题数',
    'perf.fixing': '正在整改的问题数',
    'gp.smeReserved': '面向中小企业预留政府采购项目预算金额',
    'gp.microReserved': '面向小微企业预留政府采购项目预算金额',
    'gp.smeWon': '预留项目中由中小企业中标或成交的采购金额',
    'gp.microWon': '预留项目中由小微企业中标或成交的采购金额',
    'gp.smeOther': '其他项目中由中小企业中标或成交的采购金额',
    'running.prior': '上年机关运行经费支出（在“说明数据”中填写后自动计算增减）',
  },
  slotLabels: {
    ...HUNAN_2024_NARRATIVE.slotLabels,
    '十:制度': '预算绩效管理制度名称',
    '十:机制': '预算绩效管理工作机制',
  },
  variants: {
    ...HUNAN_2024_NARRATIVE.variants,
    total: change('收入支出总计', 'total', '一'),
    fiscal: change('财政拨款收入支出总计', 'fiscal', '四'),
    gpb: change('一般公共预算财政拨款支出', 'gpb', '五(一)'),
    running: {
      up: '比{prior.year}年度增加{running.delta}万元，增长{running.rate}%。主要原因是{reason:十一(一)}。',
      down: '比{prior.year}年度减少{running.delta}万元，下降{running.rate}%。主要原因是{reason:十一(一)}。',
      same: '与{prior.year}年度持平。',
      unknown: '比{prior.year}年度{running.prior}。主要原因是{reason:十一(一)}。',
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
      id: '十',
      heading: '十、预算绩效管理情况',
      paragraphs: [
        '{department}{year}年度预算绩效管理工作开展情况如下：本部门建立了如下预算绩效管理制度：{reason:十:制度}，建立了{reason:十:机制}的预算绩效管理工作机制；全过程绩效管理实施情况：编报绩效目标的{year}年度项目{perf.targetCount}个，涉及预算金额{perf.targetBudget}万元；绩效跟踪评价的{year}年度项目{perf.trackCount}个，涉及预算金额{perf.trackBudget}万元；绩效自评的{year}年度项目{perf.count}个，涉及预算金额{perf.selfBudget}万元，平均得分{perf.avg}分（其中，绩效评级为“优”的项目{perf.excellent}个；绩效评级为“良”的项目{perf.good}个；绩效评级为“合格”的项目{perf.pass}个；绩效评级为“不合格”的项目{perf.fail}个。绩效自评中共发现问题{perf.issues}个，已经完成整改的{perf.fixed}个，正在整改的{perf.fixing}个）。',
      ],
    },
    {
      id: '十一(一)',
      heading: '十一、其他重要事项的情况说明',
      subheading: '（一）机关运行经费支出情况',
      paragraphs: ['机关运行经费支出{running}万元，{vary:running}'],
    },
    {
      id: '十一(二)',
      heading: '',
      subheading: '（二）政府采购支出情况',
      paragraphs: [
        '{department}{year}年度政府采购金额（以合同签订为准）为{gp.total}万元，其中：货物采购金额{gp.goods}万元、工程采购金额{gp.works}万元、服务采购金额{gp.services}万元。',
        '{year}年度本部门面向中小企业预留政府采购项目预算金额{gp.smeReserved}万元，面向小微企业预留政府采购项目预算金额{gp.microReserved}万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额{gp.smeWon}万元；在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额{gp.microWon}万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额{gp.smeOther}万元。',
      ],
    },
    {
      id: '十一(三)',
      heading: '',
      subheading: '（三）国有资产占有使用情况说明',
      paragraphs: [
        '截至{year}年12月31日，{department}共有车辆{car.total}辆，其中：部级领导干部用车{car.minister}辆、主要领导干部用车{car.head}辆、机要通信用车{car.confidential}辆、应急保障用车{car.emergency}辆、执法执勤用车{car.enforcement}辆、特种专业技术用车{car.special}辆、离退休干部用车{car.retired}辆、其他用车{car.other}辆。单价100万元（含）以上设备（不含车辆）{equipment}台（套）。',
      ],
    },
  ],
};
