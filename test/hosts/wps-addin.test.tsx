/**
 * @jest-environment jsdom
 */
/**
 * The WPS add-in as WPS drives it, on the fake ET object model
 * (./wps.fake.ts): the ribbon's callbacks (src/wps/main.ts, named by
 * src/wps/ribbon.xml) and the task pane (the same React pane as in Excel, on
 * the WPS host) — 一键检查 marks and shows 检查结果, 打开助手 makes the pane once
 * and shows it, 清除标记 restores every fill; in the pane, 运行检查, 定位到单元格,
 * 忽略 and 清除标记 reach the workbook.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { checkWorkbook } from '../../src/core/check';
import { cellA1 } from '../../src/core/grid/a1';
import type { Finding } from '../../src/core/rules/finding';
import type { Severity } from '../../src/core/rules/types';
import { HIGHLIGHT } from '../../src/hosts/highlight-style';
import { findingKey } from '../../src/hosts/host';
import { RESULT_SHEET } from '../../src/hosts/office/result-sheet';
import type { EtApplication } from '../../src/hosts/wps/et';
import { longOfHex } from '../../src/hosts/wps/wps-fill';
import { WpsHost } from '../../src/hosts/wps/wps-host';
import { DATA_SHEET } from '../../src/hosts/wps/wps-store';
import { App } from '../../src/taskpane/components/App';
import { PaneController } from '../../src/taskpane/controller';
import { GetImage, ICONS, OnAction, OnAddinLoad, TASK_PANE_KEY, clearMarks, openPane, runCheck } from '../../src/wps/main';
import { seed000Spec } from '../fixtures';
import { FakeEt, rgb } from './wps.fake';

const ROOT = path.join(__dirname, '..', '..');
const RIBBON = fs.readFileSync(path.join(ROOT, 'src', 'wps', 'ribbon.xml'), 'utf8');
const SEED_SHEETS = seed000Spec().sheets.map((s) => s.name);
const RANK: Record<Severity, number> = { error: 0, warning: 1, rounding: 2 };

function marksOf(findings: readonly Finding[], ignored: readonly string[] = []): Map<string, number> {
  const skip = new Set(ignored);
  const worst = new Map<string, Severity>();
  for (const f of findings) {
    if (skip.has(findingKey(f))) continue;
    for (const r of f.refs) {
      const k = `${r.sheet}!${cellA1(r.row, r.col)}`;
      const w = worst.get(k);
      if (w === undefined || RANK[f.severity] < RANK[w]) worst.set(k, f.severity);
    }
  }
  return new Map([...worst].map(([k, s]) => [k, longOfHex(`#${HIGHLIGHT[s].fill}`)]));
}

/** Seed 000 with an error (公开01表!F8 +1) and a user's own fill on a finding cell. */
function workbook(): FakeEt {
  const x = FakeEt.fromSpec(seed000Spec());
  const f8 = x.cellAt(x.sheet('公开01表'), 7, 5, true);
  f8.value = (f8.value as number) + 1;
  x.setFill('公开01表', 'F16', { pattern: -4125, color: rgb(0, 176, 80), tint: 0.4, patternColor: rgb(255, 0, 0), patternTint: -0.25 });
  return x;
}

const userFills = (x: FakeEt) => new Map([...x.fills()].filter(([k]) => !k.startsWith(`${RESULT_SHEET}!`)));

let alerts: string[];
beforeEach(() => {
  alerts = [];
  (globalThis as { alert?: unknown }).alert = (s: string) => alerts.push(s);
});
afterEach(() => {
  delete (globalThis as { Application?: unknown }).Application;
});

function inWps(x: FakeEt): void {
  (globalThis as { Application?: unknown }).Application = x.application;
}

describe('the ribbon (ribbon.xml → main.ts)', () => {
  test('every callback ribbon.xml names is a global function of the entry page; every button is handled; its icon exists', () => {
    const callbacks = [...RIBBON.matchAll(/\b(?:onLoad|onAction|getImage)="([^"]+)"/g)].map((m) => m[1]!);
    expect(new Set(callbacks)).toEqual(new Set(['OnAddinLoad', 'OnAction', 'GetImage']));
    for (const c of callbacks) expect(typeof (globalThis as Record<string, unknown>)[c]).toBe('function');
    const buttons = [...RIBBON.matchAll(/<button id="([^"]+)" label="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]);
    expect(buttons).toEqual([
      ['btnRunCheck', '一键检查'],
      ['btnOpenPane', '打开助手'],
      ['btnClearMarks', '清除标记'],
    ]);
    expect(RIBBON).toMatch(/<tab id="JuesuanTab" label="决算公开">/);
    for (const [id] of buttons) {
      expect(Object.keys(ICONS)).toContain(id);
      expect(fs.existsSync(path.join(ROOT, GetImage({ Id: id! })))).toBe(true);
    }
    expect(fs.existsSync(path.join(ROOT, GetImage({ Id: 'other' })))).toBe(true);
    expect(OnAddinLoad({})).toBe(true);
  });

  test('一键检查 marks the cells, leaves 检查结果 showing with the counts on its first row, and asks nothing', async () => {
    const x = workbook();
    inWps(x);
    const before = userFills(x);
    const expected = checkWorkbook((await new WpsHost(x.application as EtApplication).read()).grid);
    expect(OnAction({ Id: 'btnRunCheck' })).toBe(true);
    await runCheck(); // the press above is still running: this one is ignored, and waits for nothing
    await new Promise((r) => setTimeout(r, 50));
    const changed = new Map([...userFills(x)].filter(([k, f]) => JSON.stringify(before.get(k)) !== JSON.stringify(f)).map(([k, f]) => [k, f.color]));
    expect(changed).toEqual(marksOf(expected.findings));
    expect(x.activeSheet?.name).toBe(RESULT_SHEET);
    expect(String(x.cell(RESULT_SHEET, 'A1').value)).toMatch(/^检查结果：错误 [1-9]\d* 项/);
    expect(alerts).toEqual([]);
  });

  test('清除标记 restores every cell’s own fill and takes away 检查结果 and the data sheet', async () => {
    const x = workbook();
    inWps(x);
    const before = userFills(x);
    await runCheck();
    OnAction({ Id: 'btnClearMarks' });
    await clearMarks();
    await new Promise((r) => setTimeout(r, 20));
    expect(userFills(x)).toEqual(before);
    expect(x.liveSheets().map((s) => s.name)).toEqual(SEED_SHEETS);
    expect(SEED_SHEETS).toContain(x.activeSheet?.name); // 检查结果 was active, and is gone
    expect(alerts).toEqual([]);
  });

  test('a workbook whose structure is protected: nothing marked, a message says why', async () => {
    const x = workbook();
    x.structureProtected = true;
    inWps(x);
    await runCheck();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatch(/^检查没有完成：工作簿结构受保护/);
    expect(x.fills().size).toBe(1); // the user's own
  });

  test('no workbook open: a message, no error thrown', async () => {
    const x = workbook();
    x.noWorkbook = true;
    inWps(x);
    await runCheck();
    expect(alerts).toEqual(['检查没有完成：没有打开的工作簿：请先打开要检查的工作簿。']);
  });

  test('打开助手 makes the pane once (taskpane.html of the add-in’s folder), docked right, and shows it again later', () => {
    const x = workbook();
    inWps(x);
    OnAction({ Id: 'btnOpenPane' });
    expect(x.taskPanes).toEqual([{ id: 1000, url: 'http://localhost/taskpane.html', visible: true, dock: 2, width: 380 }]);
    expect(x.pluginStorage.get(TASK_PANE_KEY)).toBe('1000');
    x.taskPanes[0]!.visible = false; // the user closed it
    openPane();
    expect(x.taskPanes).toHaveLength(1);
    expect(x.taskPanes[0]!.visible).toBe(true);
    expect(alerts).toEqual([]);
  });
});

async function click(el: HTMLElement) {
  await act(async () => {
    fireEvent.click(el);
    await new Promise((r) => setTimeout(r, 20));
  });
}

describe('the task pane on the WPS host', () => {
  test('运行检查 lists the findings and marks the workbook; 定位到单元格 selects in WPS; 忽略 is saved in the workbook; 清除标记 restores', async () => {
    const x = workbook();
    const before = userFills(x);
    const controller = new PaneController(new WpsHost(x.application as EtApplication), 'zh-CN');
    render(<App controller={controller} lang="zh-CN" />);
    await click(screen.getByRole('button', { name: '运行检查' }));
    const result = controller.current.result!;
    expect(Number(screen.getByTestId('count-error').textContent!.replace(/\D/g, ''))).toBe(result.summary.error);
    expect(screen.getAllByTestId('finding').length).toBeGreaterThan(0);
    expect(userFills(x).size).toBeGreaterThan(before.size);
    expect(x.activeSheet?.name).toBe('公开01表'); // the pane's check leaves the user where they were

    const c05 = screen.getAllByTestId('finding').find((el) => el.dataset.rule === 'C05')!;
    await click(within(c05).getByText(/定位到单元格/));
    const f = result.findings.find((g) => g.rule === 'C05')!;
    expect(x.activeSheet?.name).toBe(f.refs[0]!.sheet);
    expect(x.selection).toMatchObject({ sheet: { name: f.refs[0]!.sheet } });

    await click(within(c05).getByRole('button', { name: /^忽略 C05/ }));
    const reopened = x.reopen();
    expect((await new WpsHost(reopened.application as EtApplication).read()).state.ignored).toEqual([findingKey(f)]);
    expect(reopened.sheet(DATA_SHEET).visible).toBe(2);

    await click(screen.getByRole('button', { name: '清除标记' }));
    expect(userFills(x)).toEqual(before);
  });
});
