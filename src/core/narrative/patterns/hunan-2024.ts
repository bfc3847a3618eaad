/**
 * 湖南省 2024 第三部分 部门决算情况说明, worded as seed 000 publishes it.
 * {figure}, {list:…}, {vary:…} (增加/减少/持平 by sign) and {reason:…} slots.
 */
import type { NarrativePattern } from '../types';

export const HUNAN_2024_NARRATIVE: NarrativePattern = {
  profile: 'hunan-2024',
  labels: {
    'total.prior': '上年收支总计（在“说明数据”中填写后自动计算增减）',
    'fiscal.prior': '上年财政拨款收支总计（在“说明数据”中填写后自动计算增减）',
    'gpb.prior': '上年财政拨款支出（在“说明数据”中填写后自动计算增减）',
    budget: '财政拨款支出年初预算数',
    budgetRate: '填写年初预算数后自动计算',
    'budget.item': '该项年初预算（在“说明数据”中填写后自动生成）',
    'running.budget': '机关运行经费年初预算数（在“说明数据”中填写后自动计算增减）',
    'sg.prior': '上年“三公”经费支出（在“说明数据”中填写后自动计算增减）',
    delta: '该项上年支出（在“说明数据”中填写后自动计算增减）',
    groupsAbroad: '因公出国（境）团组数',
    personsAbroad: '因公出国（境）人次',
    groupsReception: '接待来访团组数',
    guests: '接待来宾人次',
    carsBought: '更新公务用车数',
    cars: '公务用车保有量',
    department: '单位名称',
    trainees: '培训人数',
  },
  variants: {
    total: {
      up: '与上年相比，增加{total.delta}万元，增长{total.rate}%，主要是因为{reason:一}。',
      down: '与上年相比，减少{total.delta}万元，下降{total.rate}%，主要是因为{reason:一}。',
      same: '与上年持平。',
      unknown: '与上年相比，{total.prior}，主要是因为{reason:一}。',
    },
    fiscal: {
      up: '与上年相比，增加{fiscal.delta}万元，增长{fiscal.rate}%，主要是因为{reason:四}。',
      down: '与上年相比，减少{fiscal.delta}万元，下降{fiscal.rate}%，主要是因为{reason:四}。',
      same: '与上年持平。',
      unknown: '与上年相比，{fiscal.prior}，主要是因为{reason:四}。',
    },
    gpb: {
      up: '与上年相比，财政拨款支出增加{gpb.delta}万元，增长{gpb.rate}%，主要是因为{reason:五(一)}。',
      down: '与上年相比，财政拨款支出减少{gpb.delta}万元，下降{gpb.rate}%，主要是因为{reason:五(一)}。',
      same: '与上年持平。',
      unknown: '与上年相比，{gpb.prior}，主要是因为{reason:五(一)}。',
    },
    item: {
      up: '完成年初预算的{rate}%，决算数大于年初预算数的主要原因是：{reason:item}。',
      down: '完成年初预算的{rate}%，决算数小于年初预算数的主要原因是：{reason:item}。',
      same: '完成年初预算的{rate}%，决算数与年初预算数基本持平。',
      fromZero: '决算数大于年初预算数的主要原因是：{reason:item}。',
      unknown: '{budget.item}',
    },
    sgBudget: {
      up: '完成预算的{rate}%，决算数大于预算数，',
      down: '完成预算的{rate}%，决算数小于预算数，',
      same: '完成预算的{rate}%，决算数与预算数基本持平，',
      fromZero: '',
      unknown: '',
    },
    sgTotalBudget: {
      up: '完成预算的{sg.rate}%，决算数大于预算数，',
      down: '完成预算的{sg.rate}%，决算数小于预算数，',
      same: '完成预算的{sg.rate}%，决算数与预算数基本持平，',
      fromZero: '',
      unknown: '',
    },
    sgTotalPrior: {
      up: '与上年相比增加{sg.delta}万元，增长{sg.prate}%，增加的主要原因是{reason:九}。',
      down: '与上年相比减少{sg.delta}万元，减少{sg.prate}%，减少的主要原因是{reason:九}。',
      same: '与上年一致，主要原因是{reason:九}。',
      fromZero: '与上年相比增加{sg.delta}万元，增加的主要原因是{reason:九}。',
      unknown: '与上年相比，{sg.prior}，主要原因是{reason:九}。',
    },
    sgItemPrior: {
      up: '与上年相比增加{delta}万元，增长{prate}%，增加的主要原因是{reason:item}。',
      down: '与上年相比减少{delta}万元，减少{prate}%，减少的主要原因是{reason:item}。',
      same: '与上年一致，主要原因是{reason:item}。',
      fromZero: '与上年相比增加{delta}万元，增加的主要原因是{reason:item}。',
      unknown: '与上年相比，{delta}，主要原因是{reason:item}。',
    },
    running: {
      up: '比年初预算数增加{running.delta}万元，增长{running.rate}%。主要原因是：{reason:十}。',
      down: '比年初预算数减少{running.delta}万元，降低{running.rate}%。主要原因是：{reason:十}。',
      same: '与年初预算数持平。',
      unknown: '{running.budget}。主要原因是：{reason:十}。',
    },
  },
  sections: [
    {
      id: '一',
      heading: '一、收入支出决算总体情况说明',
      paragraphs: ['{year}年度收、支总计{total}万元。{vary:total}'],
    },
    {
      id: '二',
      heading: '二、收入决算情况说明',
      paragraphs: ['{year}年度收入合计{income}万元，其中：{list:incomeSources}。'],
      lists: { incomeSources: { item: '{name}{amount}万元，占{share}%', sep: '；' } },
    },
    {
      id: '三',
      heading: '三、支出决算情况说明',
      paragraphs: ['{year}年度支出合计{expense}万元，其中：{list:expenseKinds}。'],
      lists: { expenseKinds: { item: '{name}{amount}万元，占{share}%', sep: '；' } },
    },
    {
      id: '四',
      heading: '四、财政拨款收入支出决算总体情况说明',
      paragraphs: ['{year}年度财政拨款收、支总计{fiscal}万元，{vary:fiscal}'],
    },
    {
      id: '五(一)',
      heading: '五、一般公共预算财政拨款支出决算情况说明',
      subheading: '（一）一般公共预算财政拨款支出决算总体情况',
      paragraphs: ['{year}年度财政拨款支出{gpb}万元，占本年支出合计的{gpbShare}%，{vary:gpb}'],
    },
    {
      id: '五(二)',
      heading: '',
      subheading: '（二）一般公共预算财政拨款支出决算结构情况',
      paragraphs: ['{year}年度财政拨款支出{gpb}万元，主要用于以下方面：{list:classes}。'],
      lists: { classes: { item: '{shortName}（类）支出{amount}万元，占{share}%', sep: '；' } },
    },
    {
      id: '五(三)',
      heading: '',
      subheading: '（三）一般公共预算财政拨款支出决算具体情况',
      paragraphs: ['{year}年度财政拨款支出年初预算数为{budget}万元，支出决算数为{gpb}万元，完成年初预算的{budgetRate}%，其中：'],
      lists: {
        items: {
          item: '{n}、{className}（类）{kuanName}（款）{name}（项）。\n年初预算为{budget}万元，支出决算为{amount}万元，{vary:item}',
          sep: '\n',
        },
      },
    },
    {
      id: '六',
      heading: '六、一般公共预算财政拨款基本支出决算情况说明',
      paragraphs: [
        '{year}年度财政拨款基本支出{basic}万元，其中：',
        '人员经费{personnel}万元，占基本支出的{personnelShare}%，主要包括{personnelItems}。',
        '公用经费{public}万元，占基本支出的{publicShare}%，主要包括{publicItems}。',
      ],
    },
    {
      id: '七',
      heading: '七、政府性基金预算财政拨款收入支出决算情况',
      paragraphs: ['{year}年度政府性基金预算财政拨款支出{fund}万元。{reason:七}'],
      whenEmpty: ['本单位无政府性基金收支。'],
    },
    {
      id: '八',
      heading: '八、国有资本经营预算财政拨款收入支出决算情况',
      paragraphs: ['{year}年度国有资本经营预算财政拨款支出{soe}万元。{reason:八}'],
      whenEmpty: ['本单位无国有资本经营预算收支。'],
    },
    {
      id: '九(一)',
      heading: '九、财政拨款三公经费支出决算情况说明',
      subheading: '（一）“三公”经费财政拨款支出决算总体情况说明',
      paragraphs: ['“三公”经费财政拨款支出预算为{sg.budget}万元，支出决算为{sg.actual}万元，{vary:sgTotalBudget}{vary:sgTotalPrior}其中：', '{list:sgItems}'],
      lists: { sgItems: { item: '{name}支出预算为{budget}万元，支出决算为{actual}万元，{vary:sgBudget}{vary:sgItemPrior}', sep: '\n' } },
    },
    {
      id: '九(二)',
      heading: '',
      subheading: '（二）“三公”经费财政拨款支出决算具体情况说明',
      paragraphs: [
        '{year}年度“三公”经费财政拨款支出决算中，公务接待费支出决算{sg.reception}万元，占{sg.receptionShare}%，因公出国（境）费支出决算{sg.abroad}万元，占{sg.abroadShare}%，公务用车购置费及运行维护费支出决算{sg.vehicle}万元，占{sg.vehicleShare}%。其中：',
        '1、因公出国（境）费支出决算为{sg.abroad}万元，全年安排因公出国（境）团组{groupsAbroad}个，累计{personsAbroad}人次。',
        '2、公务接待费支出决算为{sg.reception}万元，全年共接待来访团组{groupsReception}个、来宾{guests}人次。',
        '3、公务用车购置费及运行维护费支出决算为{sg.vehicle}万元，其中：公务用车购置费{sg.purchase}万元，{department}单位本级更新公务用车{carsBought}辆。公务用车运行维护费{sg.running}万元，主要是{reason:运维用途}，截至{year}年12月31日，我单位开支财政拨款的公务用车保有量为{cars}辆。',
      ],
    },
    {
      id: '十',
      heading: '十、关于机关运行经费支出说明',
      paragraphs: ['本部门{year}年度机关运行经费支出{running}万元，{vary:running}'],
    },
    {
      id: '十一',
      heading: '十一、一般性支出情况说明',
      paragraphs: ['{year}年本部门开支会议费{meeting}万元；开支培训费{training}万元，用于{reason:培训用途}，人数{trainees}人，内容为{reason:培训内容}；未举办节庆、晚会、论坛、赛事活动。'],
    },
  ],
};
