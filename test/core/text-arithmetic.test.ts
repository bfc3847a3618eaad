/**
 * 表文核对 of what a text states on its own: seed 004 is a 绩效自评报告
 * written without tables, and its own sums and rates disagree (notes §5 S004).
 */
import { checkWorkbook } from '../../src/core/check';
import { narrativeSheet } from '../../src/core/narrative/check-text';
import { seedText } from '../fixtures/performance';
import { seed000Grid } from '../fixtures';

const textFindings = (text: string) => checkWorkbook(seed000Grid(), undefined, { narrative: narrativeSheet('报告', text) }).findings.filter((f) => /^T/.test(f.rule));

describe('seed 004 (沅陵县, a 绩效自评报告 on its own)', () => {
  const found = textFindings(seedText('004'));
  const brief = found.map((f) => `${f.rule} ${f.severity}`).sort();

  test('is read as a report, not as a 第三部分 missing its sections', () => {
    expect(found.filter((f) => f.rule === 'T02')).toEqual([]);
  });

  test('finds its slips and nothing else', () => {
    expect(brief).toEqual(['T10 rounding', 'T10 rounding', 'T10 warning', 'T11 warning'].sort());
    const msg = (s: string) => found.find((f) => f.message.includes(s));
    // 工资福利支出 232.51 万元 listed as parts adding up to 207.04 (…等支出: maybe not all listed).
    expect(msg('232.51万元的组成')?.severity).toBe('warning');
    expect(msg('232.51万元的组成')?.message).toContain('合计 207.04 万元');
    // 商品和服务支出 49.48 = 49.473 (委托业务费 0.013, 物业管理费 0.05 without 万元): rounding.
    expect(msg('49.48万元的组成')?.severity).toBe('rounding');
    // 496.77 = 基本 284.32 + 项目 212.44 = 496.76, paragraph by paragraph: rounding.
    expect(msg('496.77万元的组成')?.severity).toBe('rounding');
    // 预算控制率 1.78%: 496.77 ÷ 279.77 = 1.7756, a multiple written as a percentage.
    expect(msg('预算控制率1.78%')?.message).toContain('177.56%');
  });
});

test('a breakdown that does not add up and a share that is not its ratio are errors', () => {
  const text = ['部门整体支出绩效自评报告', '一、基本情况', '2024年支出合计500万元，其中：基本支出300万元，占比60%；项目支出150万元，占比40%。'].join('\n');
  const found = textFindings(text);
  expect(found.map((f) => `${f.rule} ${f.severity}`).sort()).toEqual(['T10 error', 'T10 error']);
  expect(found.map((f) => f.message).join('\n')).toContain('150万元写“占40%”，按 150万元 ÷ 500万元应为 30%');
});

test.each([
  ['a reason after 原因是：', '较上年增加300万元，主要原因是：新增建宁大桥项目1407万元，人员经费减少20万元。'],
  ['a comparison after the list', '2024年收入合计1820.23万元，其中：一般公共预算1820.23万元，政府性基金0万元；与上年相比增加300万元。'],
  ['a breakdown nested in brackets', '支出合计500万元，其中：基本支出365.67万元（其中：人员经费234.4万元、公用经费131.27万元），项目支出134.33万元。'],
  ['parts in 元 beside parts in 万元', '培训费1.2万元，其中：讲课费0.5万元、场地费5000元、资料费0.2万元。'],
  ['rates that are no ratio of money', '职工满意率达98%，服务对象满意度95%，经费1.2万元，其中办公费0.7万元。增长率为19.73%，涉及资金3.5万元。'],
])('no finding for %s', (_name, sentence) => {
  const text = ['部门整体支出绩效自评报告', '一、基本情况', sentence].join('\n');
  expect(textFindings(text)).toEqual([]);
});
