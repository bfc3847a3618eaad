/**
 * @jest-environment jsdom
 */
/**
 * src/commands/result.html, the dialog the ribbon commands open when no
 * 检查结果 sheet can tell the outcome: the error, or the counts of a workbook
 * whose structure is protected, from its query string, in Chinese, or in
 * English with lang=en. Its 关闭 messages the command (Office.js must be
 * initialized first: Office.onReady).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const html = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'commands', 'result.html'), 'utf8');
const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
const body = /<body>([\s\S]*?)<script>/.exec(html)![1]!;

afterEach(() => {
  delete (window as { Office?: unknown }).Office;
});

/** The page as the dialog shows it for this query string. */
function page(query: string): Document {
  window.history.replaceState({}, '', `/result.html?${query}`);
  document.documentElement.lang = 'zh-CN';
  document.title = '检查结果';
  document.body.innerHTML = body;
  for (const code of inline) new Function(code)();
  return document;
}

const text = (d: Document) => d.getElementById('text')!.textContent;

test('Chinese by default: the counts and where to look', () => {
  const d = page('lang=zh&e=2&w=1&r=7');
  expect(text(d)).toBe('检查完成：错误 2 项，提示 1 项，尾数误差 7 项。有问题的单元格已标色，原因见“检查结果”工作表，或点击“打开助手”查看。');
  expect(d.getElementById('close')!.textContent).toBe('关闭');
  expect(text(page('e=0&w=0&r=0'))).toMatch(/^检查完成：错误 0 项/);
  expect(text(page('error=读取失败'))).toBe('检查没有完成：读取失败');
});

test('lang=en: English', () => {
  const d = page('lang=en&e=0&w=1&r=7');
  expect(text(d)).toBe(
    'Check finished: 0 errors, 1 warning, 7 rounding differences.The cells with problems are coloured; the reasons are listed on the “检查结果” (check results) sheet, or click Open Assistant.',
  );
  expect(d.getElementById('close')!.textContent).toBe('Close');
  expect(d.documentElement.lang).toBe('en');
  expect(d.title).toBe('Check results');
  expect(text(page('lang=en&error=Boom'))).toBe('The check did not finish: Boom');
});

test('the query string is shown as text, never as markup', () => {
  expect(page('lang=zh&error=<b>x</b>').getElementById('text')!.innerHTML).not.toContain('<b>');
  expect(page('lang=en&e=<img>').getElementById('text')!.innerHTML).not.toContain('<img');
});

test('nosheet=1 (a protected workbook structure): the counts, and where the reasons are instead', () => {
  expect(text(page('lang=zh&e=2&w=1&r=7&nosheet=1'))).toBe('检查完成：错误 2 项，提示 1 项，尾数误差 7 项。有问题的单元格已标色。工作簿结构受保护，未能添加“检查结果”工作表，原因请点击“打开助手”查看。');
  expect(text(page('lang=en&e=2&w=1&r=7&nosheet=1'))).toMatch(/structure is protected, so no “检查结果” \(check results\) sheet could be added/);
});

test('inside Office: 关闭 waits for Office.onReady, then messages the command, which closes the dialog', () => {
  let ready: (() => void) | undefined;
  const messageParent = jest.fn();
  (window as { Office?: unknown }).Office = { onReady: (cb: () => void) => void (ready = cb), context: { ui: { messageParent } } };
  const d = page('lang=zh&error=x');
  const button = d.getElementById('close') as HTMLButtonElement;
  expect(ready).toBeDefined();
  expect(button.disabled).toBe(true);
  ready!();
  expect(button.disabled).toBe(false);
  button.click();
  expect(messageParent).toHaveBeenCalledWith('close');
});

test('outside Office (the page opened on its own): 关闭 closes the window', () => {
  const close = jest.spyOn(window, 'close').mockImplementation(() => undefined);
  const d = page('lang=zh&e=0&w=0&r=0');
  const button = d.getElementById('close') as HTMLButtonElement;
  expect(button.disabled).toBe(false);
  button.click();
  expect(close).toHaveBeenCalled();
  close.mockRestore();
});
