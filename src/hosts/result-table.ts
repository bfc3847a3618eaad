/**
 * The 检查结果 sheet, the same in Excel (Office.js) and in the annotated copy
 * (exceljs): its columns, where its header sits, and its opening lines.
 */
import { RESULT_SHEET_NAME } from '../core/mapping/detect';
import type { Finding } from '../core/rules/finding';
import type { Severity } from '../core/rules/types';

/** The columns; 单元格 continues to the right when a finding has several cells. Widths in characters. */
export const RESULT_COLUMNS: ReadonlyArray<{ readonly header: string; readonly width: number }> = [
  { header: '级别', width: 10 },
  { header: '规则', width: 11 },
  { header: '表', width: 12 },
  { header: '说明', width: 80 },
  { header: '应为', width: 12 },
  { header: '实为', width: 12 },
  { header: '差额', width: 12 },
  { header: '单元格', width: 16 },
];

/** 1-based row of the column headers: below the summary line and the legend. */
export const RESULT_HEADER_ROW = 3;

/** The name for a new 检查结果 sheet: 检查结果, or 检查结果(2), (3)… when a sheet (a user's) has it. */
export function freeResultName(sheets: readonly { readonly name: string }[]): string {
  const taken = new Set(sheets.map((s) => s.name.toLowerCase()));
  if (!taken.has(RESULT_SHEET_NAME.toLowerCase())) return RESULT_SHEET_NAME;
  for (let i = 2; ; i++) {
    const name = `${RESULT_SHEET_NAME}(${i})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** A sheet name the findings may have been written under: 检查结果, 检查结果(2) … */
export const RESULT_NAME_RE = new RegExp(`^${RESULT_SHEET_NAME}(?:\\(\\d+\\))?$`);

/** “检查结果：错误 N 项，提示 N 项，尾数误差 N 项。” */
export function resultSummary(findings: readonly Finding[], ignoredCount: number): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return `检查结果：错误 ${count('error')} 项，提示 ${count('warning')} 项，尾数误差 ${count('rounding')} 项${ignoredCount > 0 ? `（另有 ${ignoredCount} 项已忽略，未列出）` : ''}。`;
}

/** What the colours mean and what the add-in did, for the reader of the sheet. */
export function resultLegend(where: 'excel' | 'copy'): string {
  return where === 'excel'
    ? '原工作表中，有问题的单元格已标色（红色为错误，黄色为提示，蓝色为尾数误差）；点“单元格”列的地址可跳到该单元格。数值未作任何改动；“清除标记”恢复原来的底色并删除本表。'
    : '原工作表中，有问题的单元格已标色（红色为错误，黄色为提示，蓝色为尾数误差），批注写明原因；点“单元格”列的地址可跳到该单元格。数值未作任何改动。';
}
