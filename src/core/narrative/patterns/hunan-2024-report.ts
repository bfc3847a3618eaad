/**
 * 湖南省 2024 部门整体支出绩效自评报告 (第五部分 附件), as seed 000 publishes
 * it: the sentences whose figures the 绩效自评 tables and the nine tables
 * settle (基本支出, 项目支出 and its projects, 整体支出, each project's 金额 and
 * 实际支出, 年初预算项目 or 年中追加项目), the rest the unit's own account.
 */
import type { ReportPattern } from '../types';

export const HUNAN_2024_REPORT: ReportPattern = {
  title: '{year}年度{department}整体支出绩效自评报告',
  labels: {
    'rep.staff': '编制人数（工作簿中有绩效评价基础数据表时自动填写）',
    'rep.basic': '基本支出',
    'rep.project': '项目支出',
  },
  slotLabels: {
    '绩效一:职能': '单位主要职能',
    '绩效一:人员': '实有人数、内设机构等情况',
    绩效五: '社会保险基金预算支出情况（没有则写“无。”）',
    '绩效六(一)': '整体支出绩效情况',
    '绩效六(二)': '项目资金的用途和绩效情况',
    绩效七: '存在的问题及原因分析',
    绩效八: '下一步改进措施',
    绩效九: '自评结果拟应用和公开情况',
    绩效十: '其他需要说明的情况（没有则写“无。”）',
  },
  sections: [
    {
      id: '绩效一',
      heading: '一、预算单位基本情况',
      paragraphs: ['单位主要职能：{reason:绩效一:职能}', '机构设置和人员情况：本单位共设编制人数{rep.staff}人，{reason:绩效一:人员}'],
    },
    {
      id: '绩效二(一)',
      heading: '二、一般公共预算支出情况',
      subheading: '（一）基本支出情况',
      paragraphs: ['{year}年基本支出{rep.basic}万元，为人员经费和日常公用经费。'],
    },
    {
      id: '绩效二(二)',
      heading: '',
      subheading: '（二）项目支出情况',
      paragraphs: ['{year}年项目支出{rep.project}万元，包括{list:repNames}{perf.count}个项目。'],
      lists: { repNames: { item: '{name}', sep: '、', empty: '【请填写：项目名称】' } },
    },
    { id: '绩效三', heading: '三、政府性基金预算支出情况', paragraphs: ['{year}年政府性基金预算支出{fund}万元。'], whenEmpty: ['无。'] },
    { id: '绩效四', heading: '四、国有资本经营预算支出情况', paragraphs: ['{year}年国有资本经营预算支出{soe}万元。'], whenEmpty: ['无。'] },
    // No table says it: the unit writes it (most write 无。).
    { id: '绩效五', heading: '五、社会保险基金预算支出情况', paragraphs: ['{reason:绩效五}'] },
    {
      id: '绩效六(一)',
      heading: '六、资金使用及绩效情况（包含单位管理的公共专项）',
      subheading: '（一）整体支出绩效情况',
      paragraphs: ['{year}年度本单位整体支出{perf.actual}万元，{reason:绩效六(一)}'],
    },
    {
      id: '绩效六(二)',
      heading: '',
      subheading: '（二）项目支出绩效情况',
      paragraphs: ['{list:repProjects}'],
      lists: {
        repProjects: {
          item: '{no}.{kind}“{name}”，金额{full}万元，实际支出{actual}万元。项目实施及绩效情况如下：\n项目支出{actual}万元，主要用于{reason:item}',
          sep: '\n',
          empty: '【请填写：各项目的金额、实际支出和绩效情况】',
        },
      },
    },
    { id: '绩效七', heading: '七、存在的问题及原因分析', paragraphs: ['{reason:绩效七}'] },
    { id: '绩效八', heading: '八、下一步改进措施', paragraphs: ['{reason:绩效八}'] },
    { id: '绩效九', heading: '九、部门整体支出绩效自评结果拟应用和公开情况', paragraphs: ['{reason:绩效九}'] },
    { id: '绩效十', heading: '十、其他需要说明的情况', paragraphs: ['{reason:绩效十}'] },
  ],
};
