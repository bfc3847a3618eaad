/**
 * @jest-environment jsdom
 */
/**
 * The task pane as an accountant uses it: run the check, read the counts and
 * the findings grouped by table, jump to cells, acknowledge a finding, fix a
 * table's range from the selection — in Chinese by default, in English when
 * Office speaks English.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from '../../src/taskpane/components/App';
import { PaneController } from '../../src/taskpane/controller';
import * as fs from 'node:fs';
import { SEED000_PATH, seed000Grid, specToGrid } from '../fixtures';
import { sampleWorkbookSpec } from '../fixtures/sample';
import { RecordingHost, WritingHost } from './fake-host';

async function setup(lang: 'zh-CN' | 'en-US' = 'zh-CN') {
  const host = new RecordingHost(seed000Grid());
  const controller = new PaneController(host, lang);
  render(<App controller={controller} lang={lang} />);
  return { host, controller };
}

async function click(el: HTMLElement) {
  await act(async () => {
    fireEvent.click(el);
    await new Promise((r) => setTimeout(r, 10));
  });
}

test('runs the check and shows counts, grouped findings and the cells, in Chinese', async () => {
  const { host } = await setup();
  expect(screen.getByText(/点击“运行检查”/)).toBeTruthy();
  await click(screen.getByRole('button', { name: '运行检查' }));
  expect(host.reads).toBe(1);
  expect(screen.getByTestId('count-error').textContent).toBe('错误 0');
  expect(screen.getByTestId('count-warning').textContent).toBe('提示 1');
  expect(screen.getByTestId('count-rounding').textContent).toBe('尾数误差 7');
  expect(screen.getAllByTestId('finding')).toHaveLength(8);
  // Grouped by table: 公开01表 holds R03 and X04.
  expect(screen.getByRole('button', { name: '公开01表（2）' })).toBeTruthy();
  const x04 = screen.getAllByTestId('finding').find((el) => el.dataset.rule === 'X04')!;
  expect(within(x04).getByText(/210 卫生健康支出/)).toBeTruthy();
  expect(within(x04).getByText('应为 23.22')).toBeTruthy();
  expect(within(x04).getByText('实为 23.23')).toBeTruthy();
  // The cells were marked through the host, and clicking the link selects them.
  expect(host.highlighted?.result.findings).toHaveLength(8);
  await click(within(x04).getByText(/定位到单元格/));
  expect(host.selected[0]!.map((r) => `${r.sheet}!${r.row},${r.col}`)).toEqual(['公开01表!15,5', '公开03表!12,2', '公开03表!13,2', '公开03表!14,2']);
});

test('忽略 acknowledges a finding: saved in the workbook, no longer counted or marked', async () => {
  const { host } = await setup();
  await click(screen.getByRole('button', { name: '运行检查' }));
  const c05 = screen.getAllByTestId('finding').find((el) => el.dataset.rule === 'C05')!;
  await click(within(c05).getByRole('button', { name: /^忽略 C05/ }));
  expect(host.state.ignored).toHaveLength(1);
  expect(host.state.ignored[0]).toMatch(/^C05\|/);
  expect(host.highlighted?.ignored).toEqual(host.state.ignored);
  expect(screen.getByTestId('count-warning').textContent).toBe('提示 0');
  expect(screen.getAllByTestId('finding')).toHaveLength(7);
  // Still acknowledged after a re-check with the same numbers.
  await click(screen.getByRole('button', { name: '重新检查' }));
  expect(screen.getByTestId('count-warning').textContent).toBe('提示 0');
});

test('映射 lists the nine tables; 用所选区域 saves the range and checks again', async () => {
  const { host } = await setup();
  await click(screen.getByRole('button', { name: '运行检查' }));
  await click(screen.getByRole('tab', { name: '映射' }));
  expect(screen.getByTestId('map-公开03表').textContent).toContain('公开03表!A1:H18');
  expect(screen.getByTestId('map-公开03表').textContent).toContain('按标题');
  const row = screen.getByTestId('map-公开03表');
  // Without a selection the pane asks for one.
  await click(within(row).getByRole('button', { name: '用所选区域：公开03表' }));
  expect(screen.getByText('请先在工作表中选中该表所在的区域。')).toBeTruthy();
  host.currentSelection = { sheet: '公开03表', range: 'A5:H18' };
  await click(within(screen.getByTestId('map-公开03表')).getByRole('button', { name: '用所选区域：公开03表' }));
  expect(host.state.overrides.ranges).toEqual({ 公开03表: { sheet: '公开03表', range: 'A5:H18' } });
  expect(host.reads).toBe(2);
  expect(screen.getByTestId('map-公开03表').textContent).toContain('按指定区域');
  expect(screen.getByText('公开03表 已设为 公开03表!A5:H18，并保存在工作簿中。')).toBeTruthy();
});

test('errors are one Chinese sentence, never a stack trace', async () => {
  const { host } = await setup();
  host.failRead = Object.assign(new Error('Wait until the previous call completes.\n    at Excel.run (excel.js:1:2)'), { code: 'EditModeError' });
  await click(screen.getByRole('button', { name: '运行检查' }));
  expect(screen.getByText('某个单元格正在编辑中。请先按 Enter 或 Esc 结束编辑，再运行检查。')).toBeTruthy();
  expect(document.body.textContent).not.toMatch(/at Excel\.run|excel\.js/);
});

test('speaks English when Office does', async () => {
  await setup('en-US');
  await click(screen.getByRole('button', { name: 'Run check' }));
  expect(screen.getByTestId('count-rounding').textContent).toBe('Rounding 7');
  // The findings themselves are in English too, the Chinese names of tables and 科目 kept.
  const x04 = screen.getAllByTestId('finding').find((el) => el.dataset.rule === 'X04')!;
  expect(x04.textContent).toContain('Each expenditure category of the summary table');
  expect(x04.textContent).toContain('[210 卫生健康支出]');
  expect(x04.textContent).toMatch(/Rounding: the \d+ figures involved may each be off by ±0\.005 万元; the difference is at most [\d.]+ 万元\./);
  expect(x04.textContent).not.toContain('尾数误差');
  const c05 = screen.getAllByTestId('finding').find((el) => el.dataset.rule === 'C05')!;
  expect(c05.textContent).toContain('column-number row');
  expect(screen.getByRole('tab', { name: 'Mapping' })).toBeTruthy();
});

test('说明 shows the narrative drafted from the figures, with what is left to fill in marked', async () => {
  await setup();
  await click(screen.getByRole('tab', { name: '说明' }));
  expect(screen.getByText(/先在“检查”页运行检查/)).toBeTruthy();
  await click(screen.getByRole('tab', { name: '检查' }));
  await click(screen.getByRole('button', { name: '运行检查' }));
  await click(screen.getByRole('tab', { name: '说明' }));
  const text = screen.getByTestId('narrative').textContent ?? '';
  expect(text).toMatch(/20\d\d年度收入合计1820.23万元，其中：财政拨款收入1820.23万元，占100%/);
  expect(text).toContain('人员经费234.4万元，占基本支出的64.1%');
  expect(screen.getAllByTestId('placeholder').length).toBeGreaterThan(5);
  expect(screen.getByText(/还有 \d+ 处需要填写/)).toBeTruthy();
});

test('说明 writes the draft into the workbook where the host can, reading the workbook again first', async () => {
  const host = new WritingHost(seed000Grid());
  render(<App controller={new PaneController(host, 'zh-CN')} lang="zh-CN" />);
  await click(screen.getByRole('button', { name: '运行检查' }));
  await click(screen.getByRole('tab', { name: '说明' }));
  await click(screen.getByRole('button', { name: /写入工作簿/ }));
  expect(host.reads).toBe(2);
  expect(host.narrativeWritten?.sections.find((s) => s.id === '二')?.paragraphs[0]?.text).toMatch(/财政拨款收入1820.23万元/);
  expect(screen.getByText(/已写入工作表“情况说明”/)).toBeTruthy();
});

test('说明 offers no write button where the host cannot write (the browser page)', async () => {
  await setup();
  await click(screen.getByRole('button', { name: '运行检查' }));
  await click(screen.getByRole('tab', { name: '说明' }));
  expect(screen.queryByRole('button', { name: /写入工作簿/ })).toBeNull();
});

test('说明 checks a narrative pasted from Word against the tables, without writing anything', async () => {
  const { host } = await setup();
  await click(screen.getByRole('button', { name: '运行检查' }));
  await click(screen.getByRole('tab', { name: '说明' }));
  const seed = fs.readFileSync(SEED000_PATH, 'utf8');
  const start = seed.indexOf('一、收入支出决算总体情况说明\n\n2024');
  const pasted = seed.slice(start, seed.indexOf('十五、其他', start)).replace('财政拨款收入1820.23万元', '财政拨款收入1820.32万元');
  await act(async () => {
    fireEvent.change(screen.getByTestId('pasted-narrative'), { target: { value: pasted } });
  });
  await click(screen.getByRole('button', { name: '核对' }));
  const found = screen.getAllByTestId('pasted-finding');
  expect(found.map((f) => f.dataset.rule)).toContain('T01');
  expect(found.find((f) => f.dataset.rule === 'T01')!.textContent).toContain('1820.32');
  expect(screen.getByText(/发现 \d+ 处与表中数字或模板要求不符/)).toBeTruthy();
  expect(host.highlighted?.result.findings.some((f) => /^T/.test(f.rule))).toBe(false);
});

test('映射 lists the 绩效自评 tables found beside the nine, or says what finding them would bring', async () => {
  const host = new RecordingHost(specToGrid(sampleWorkbookSpec()));
  const { unmount } = render(<App controller={new PaneController(host, 'zh-CN')} lang="zh-CN" />);
  await click(screen.getByRole('button', { name: '运行检查' }));
  await click(screen.getByRole('tab', { name: '映射' }));
  const found = screen.getByTestId('performance-found').textContent ?? '';
  expect(found).toContain('整体支出绩效评价基础数据表：绩效自评表!A1');
  expect(found).toContain('整体支出绩效自评表：绩效自评表!A');
  expect(found).toContain('项目支出绩效自评表（双碳资金）');
  unmount();
  await setup();
  await click(screen.getByRole('button', { name: '运行检查' }));
  await click(screen.getByRole('tab', { name: '映射' }));
  expect(screen.getByTestId('performance-found').textContent).toContain('未找到绩效自评表');
});

test('清除标记 restores the cells and keeps the list to work through', async () => {
  const { host } = await setup();
  await click(screen.getByRole('button', { name: '运行检查' }));
  const before = screen.getAllByTestId('finding').length;
  await click(screen.getByRole('button', { name: '清除标记' }));
  expect(host.highlighted).toBeUndefined();
  expect(screen.getAllByTestId('finding')).toHaveLength(before);
  expect(screen.getByText(/已清除单元格上的标记/)).toBeTruthy();
  // Nothing left to clear until the next check marks again.
  expect((screen.getByRole('button', { name: '清除标记' }) as HTMLButtonElement).disabled).toBe(true);
});

test('the counts wear the colours of the marks in the sheet', async () => {
  await setup();
  await click(screen.getByRole('button', { name: '运行检查' }));
  expect(screen.getByTestId('count-error').style.backgroundColor).toBe('rgb(255, 199, 206)');
  expect(screen.getByTestId('count-warning').style.backgroundColor).toBe('rgb(255, 235, 156)');
  expect(screen.getByTestId('count-rounding').style.backgroundColor).toBe('rgb(221, 235, 247)');
});

test('说明: one pasted section is checked as one, and the pane says what it checked', async () => {
  await setup();
  await click(screen.getByRole('button', { name: '运行检查' }));
  await click(screen.getByRole('tab', { name: '说明' }));
  const section = ['三、支出决算情况说明', '2024年度支出合计1820.23万元，其中：基本支出365.67万元，占20.2%；项目支出1454.56万元，占79.9%。'].join('\n');
  fireEvent.change(screen.getByTestId('pasted-narrative').querySelector('textarea') ?? screen.getByTestId('pasted-narrative'), { target: { value: section } });
  await click(screen.getByRole('button', { name: '核对' }));
  expect(screen.getByTestId('pasted-scope').textContent).toMatch(/已核对：三（文中 \d+ 个金额和百分比）/);
  const found = screen.getAllByTestId('pasted-finding');
  // The wrong share, and nothing about the thirteen sections not pasted.
  expect(found.map((el) => el.dataset.rule)).toEqual(['T01']);
  expect(found[0]!.textContent).toContain('应为 20.1%');
});
