/**
 * @jest-environment jsdom
 */
/**
 * The 新年度 tab as an accountant uses it: the year after this workbook's is
 * proposed, the new workbook is made and opened (Excel) with this year's
 * 科目 and figures carried; last year's workbook chosen for 与上年比较 is
 * compared with at the next check.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { mapWorkbook } from '../../src/core/mapping/detect';
import { readNarrativeInputs } from '../../src/core/narrative/inputs-sheet';
import { loadWorkbookGrid } from '../../src/hosts/exceljs/exceljs-grid';
import { App } from '../../src/taskpane/components/App';
import { PaneController } from '../../src/taskpane/controller';
import { seed000Grid, seed000Xlsx } from '../fixtures';
import { RecordingHost } from './fake-host';

/** A host that opens new workbooks, as Excel does (ExcelApi 1.8). */
class OpeningHost extends RecordingHost {
  opened: Uint8Array[] = [];
  async openWorkbook(bytes: Uint8Array): Promise<void> {
    this.opened.push(bytes);
  }
}

async function settle(ms = 20) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

test('新年度 proposes the next year and the 部门, makes the workbook and opens it, carrying this one’s 科目 and figures', async () => {
  const host = new OpeningHost(seed000Grid());
  render(<App controller={new PaneController(host, 'zh-CN')} lang="zh-CN" />);
  fireEvent.click(screen.getByRole('tab', { name: '新年度' }));
  await settle();
  expect((screen.getByTestId('newyear-department') as HTMLInputElement).value).toBe('株洲市天元区征地工作协调服务中心');
  expect((screen.getByTestId('newyear-profile') as HTMLSelectElement).value).toBe('hunan-2024');
  fireEvent.change(screen.getByTestId('newyear-year'), { target: { value: '2025' } });
  await act(async () => {
    fireEvent.click(screen.getByTestId('newyear-make'));
    await new Promise((r) => setTimeout(r, 300));
  });
  expect(host.opened).toHaveLength(1);
  expect(screen.getByTestId('newyear-notice').textContent).toContain('2025 年度工作簿');
  const grid = await loadWorkbookGrid(host.opened[0]!);
  expect(mapWorkbook(grid).missing).toEqual([]);
  const inputs = readNarrativeInputs(grid).inputs;
  expect(inputs.year).toBe(2025);
  expect(inputs.figures?.['total.prior']).toBe(1_820_230_000);
});

test('a year that is not a year disables the button', async () => {
  const host = new OpeningHost(seed000Grid());
  render(<App controller={new PaneController(host, 'zh-CN')} lang="zh-CN" />);
  fireEvent.click(screen.getByRole('tab', { name: '新年度' }));
  await settle();
  fireEvent.change(screen.getByTestId('newyear-year'), { target: { value: '25' } });
  expect((screen.getByTestId('newyear-make') as HTMLButtonElement).disabled).toBe(true);
});

test('与上年比较: last year’s workbook chosen in the tab is compared with at the check', async () => {
  const host = new OpeningHost(seed000Grid());
  const controller = new PaneController(host, 'zh-CN');
  render(<App controller={controller} lang="zh-CN" />);
  fireEvent.click(screen.getByRole('tab', { name: '新年度' }));
  await settle();
  const bytes = await seed000Xlsx();
  const file = new File([new Uint8Array(bytes)], '2023年决算.xlsx');
  await act(async () => {
    fireEvent.change(screen.getByTestId('previous-file'), { target: { files: [file] } });
    await new Promise((r) => setTimeout(r, 300));
  });
  expect(screen.getByTestId('previous-name').textContent).toContain('2023年决算.xlsx');
  await act(async () => {
    await controller.runCheck();
  });
  // The same figures as last year: compared, nothing moved.
  expect(controller.current.result?.findings.filter((f) => f.rule === 'Y01')).toEqual([]);
  expect(controller.current.previous?.name).toBe('2023年决算.xlsx');
});
