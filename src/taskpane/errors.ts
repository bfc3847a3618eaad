/**
 * Errors become one sentence the accountant can act on, in the pane's
 * language: never a stack trace. Office.js errors carry a code; the
 * common ones have their own explanation.
 */
const OFFICE_CODES_ZH: Record<string, string> = {
  InvalidArgument: '工作簿中有无法处理的内容（参数无效）。',
  ItemNotFound: '找不到要操作的工作表或区域，可能已被改名或删除。请重新检查。',
  AccessDenied: '工作簿或工作表受保护，无法写入（标记或情况说明）。请撤销保护后再试。',
  EditModeError: '某个单元格正在编辑中。请先按 Enter 或 Esc 结束编辑，再运行检查。',
  InvalidOperationInCellEditMode: '某个单元格正在编辑中。请先按 Enter 或 Esc 结束编辑，再运行检查。',
  GeneralException: 'Excel 未能完成操作，请稍后重试。',
  RequestPayloadSizeLimitExceeded: '工作簿太大，无法一次读取。请删除无关的工作表后重试。',
  ResponsePayloadSizeLimitExceeded: '工作簿太大，无法一次读取。请删除无关的工作表后重试。',
  InvalidReference: '引用的区域无效，可能已被删除或移动。请重新检查。',
  Conflict: '工作簿正被其他操作修改，请稍后重试。',
  UnsupportedSheet: '该工作表类型（如图表工作表）不支持此操作。',
  InvalidSelection: '当前选择无效，请选中单元格区域后重试。',
  NotImplemented: '当前 Excel 版本不支持此操作，请升级 Excel。',
  ApiNotFound: '当前 Excel 版本不支持本功能所需的接口，请升级 Excel。',
};
const OFFICE_CODES_EN: Record<string, string> = {
  InvalidArgument: 'The workbook holds something that cannot be processed (invalid argument).',
  ItemNotFound: 'A sheet or range to work on was not found; it may have been renamed or deleted. Check again.',
  AccessDenied: 'The workbook or sheet is protected; nothing can be written to it (marks or the narrative). Unprotect it and retry.',
  EditModeError: 'A cell is being edited. Press Enter or Esc, then run the check.',
  InvalidOperationInCellEditMode: 'A cell is being edited. Press Enter or Esc, then run the check.',
  GeneralException: 'Excel could not finish the operation. Try again shortly.',
  RequestPayloadSizeLimitExceeded: 'The workbook is too large to read at once. Remove unrelated sheets and retry.',
  ResponsePayloadSizeLimitExceeded: 'The workbook is too large to read at once. Remove unrelated sheets and retry.',
  InvalidReference: 'A referenced range is no longer valid; it may have been deleted or moved. Check again.',
  Conflict: 'The workbook is being changed by another operation. Try again shortly.',
  UnsupportedSheet: 'This kind of sheet (e.g. a chart sheet) does not support the operation.',
  InvalidSelection: 'The selection is not valid. Select a range of cells and retry.',
  NotImplemented: 'This version of Excel does not support the operation. Please update Excel.',
  ApiNotFound: 'This version of Excel lacks an API the add-in needs. Please update Excel.',
};

export function describeError(e: unknown, lang: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
  const table = lang === 'en-US' ? OFFICE_CODES_EN : OFFICE_CODES_ZH;
  if (code && table[code]) return table[code]!;
  // An Office error we have no sentence for: a plain sentence with its code, not Excel's English text.
  if (code && /^[A-Z][A-Za-z]+$/.test(code) && typeof e === 'object' && e !== null && 'debugInfo' in e) {
    return lang === 'en-US' ? `Excel could not finish the operation (${code}). Try again; if it persists, restart Excel.` : `Excel 未能完成操作（${code}）。请重试；如仍出现，请重新启动 Excel。`;
  }
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  // Messages the project writes itself are already in Chinese and name the file or cell.
  if (/[\u4e00-\u9fff]/.test(message)) return message.split('\n')[0]!;
  const detail = message.split('\n')[0] || (lang === 'en-US' ? 'unknown error' : '未知错误');
  return lang === 'en-US' ? `The operation did not finish: ${detail}` : `操作没有完成：${detail}`;
}
