/**
 * The WPS add-in's ribbon: the global functions ribbon.xml names, defined by
 * index.html's script (main.js), which WPS loads once when it starts.
 *
 * - OnAddinLoad(ribbonUI): called when the 决算公开 tab is loaded.
 * - OnAction(control): control.Id says which button —
 *   一键检查 (btnRunCheck) checks the active workbook, marks the cells and
 *   leaves the 检查结果 sheet showing, whose first row states the counts; a
 *   message box only when the check did not finish or no 检查结果 sheet could
 *   be added (structure protected);
 *   打开助手 (btnOpenPane) shows the task pane (taskpane.html of the same
 *   folder, CreateTaskPane once per session, kept by its ID in PluginStorage
 *   as the wpsjs templates do, then GetTaskPane and Visible);
 *   清除标记 (btnClearMarks) restores every marked cell's own fill.
 * - GetImage(control): the button's icon, a path inside the add-in folder.
 *
 * Chinese only: WPS has no display-language setting an add-in can read
 * (none in the add-in API's declarations), and the units it serves work in
 * Chinese.
 *
 * Calls into WPS are synchronous; a check runs to its end before the next
 * button press is handled, and a press during a check is ignored.
 */
import { type EtApplication, MSO_CTP_DOCK_RIGHT, type WpsApplication, type WpsRibbonControl, type WpsTaskPane, wpsApplication } from '../hosts/wps/et';
import { WpsHost } from '../hosts/wps/wps-host';
import { PaneController } from '../taskpane/controller';

/** PluginStorage key of the task pane's ID. */
export const TASK_PANE_KEY = 'juesuan_taskpane_id';
/** The pane's page, next to index.html. */
export const TASK_PANE_PAGE = 'taskpane.html';
/** Width of the pane in pixels (the Excel pane's default is about 350). */
const TASK_PANE_WIDTH = 380;

/** Icons by button (16 and 32 pixels; the buttons are large). */
export const ICONS: Readonly<Record<string, string>> = {
  btnRunCheck: 'assets/icon-32.png',
  btnOpenPane: 'assets/icon-32.png',
  btnClearMarks: 'assets/icon-32.png',
};
const DEFAULT_ICON = 'assets/icon-16.png';

let busy = false;

/** Shows a message box (the WPS runtime shows alert() as its own dialog, as the wpsjs templates use it). */
function tell(text: string): void {
  const a = (globalThis as { alert?: (s: string) => void }).alert;
  if (typeof a === 'function') a(text);
}

function app(): WpsApplication {
  const a = wpsApplication();
  if (!a) throw new Error('找不到 WPS 的 Application 对象：本页面只能由 WPS 加载。');
  return a;
}

/** The folder the add-in is served from (index.html's), ending in "/". */
export function addinBase(href: string = globalThis.location?.href ?? ''): string {
  const clean = href.replace(/[?#].*$/, '');
  return clean.slice(0, clean.lastIndexOf('/') + 1);
}

export function OnAddinLoad(_ribbonUI?: unknown): boolean {
  return true;
}

export function GetImage(control: WpsRibbonControl): string {
  return ICONS[control?.Id] ?? DEFAULT_ICON;
}

export function OnAction(control: WpsRibbonControl): boolean {
  const id = control?.Id;
  if (id === 'btnRunCheck') void runCheck();
  else if (id === 'btnOpenPane') openPane();
  else if (id === 'btnClearMarks') void clearMarks();
  return true;
}

/** 一键检查. Resolves when done (the tests wait for it; WPS does not). */
export async function runCheck(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    const host = new WpsHost(app() as EtApplication, { showResultSheet: true });
    const c = new PaneController(host, 'zh-CN');
    await c.runCheck();
    const s = c.current;
    if (s.phase === 'error' || !s.result) tell(`检查没有完成：${s.error ?? ''}`);
    else if (!host.resultSheetShown) {
      const { error, warning, rounding } = s.result.summary;
      tell(`检查完成：错误 ${error} 项，提示 ${warning} 项，尾数误差 ${rounding} 项。\n未能添加“检查结果”工作表（工作簿结构受保护），原因请点击“打开助手”查看。`);
    }
  } catch (e) {
    tell(`检查没有完成：${e instanceof Error ? e.message : String(e)}`);
  } finally {
    busy = false;
  }
}

/** 清除标记. */
export async function clearMarks(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    const c = new PaneController(new WpsHost(app() as EtApplication), 'zh-CN');
    await c.clearMarks();
    if (c.current.phase === 'error') tell(`清除标记没有完成：${c.current.error ?? ''}`);
  } catch (e) {
    tell(`清除标记没有完成：${e instanceof Error ? e.message : String(e)}`);
  } finally {
    busy = false;
  }
}

/** 打开助手: the pane made once per session, then shown again. */
export function openPane(): void {
  try {
    const a = app();
    const id = a.PluginStorage.getItem(TASK_PANE_KEY);
    let pane: WpsTaskPane | null | undefined;
    if (id) {
      try {
        pane = a.GetTaskPane(Number(id));
      } catch {
        pane = undefined; // closed for good: made again below
      }
    }
    if (!pane) {
      pane = a.CreateTaskPane(`${addinBase()}${TASK_PANE_PAGE}`);
      a.PluginStorage.setItem(TASK_PANE_KEY, pane.ID);
      try {
        pane.DockPosition = MSO_CTP_DOCK_RIGHT;
        pane.Width = TASK_PANE_WIDTH;
      } catch {
        // Where it goes and how wide it is are WPS's to decide if it refuses.
      }
    }
    pane.Visible = true;
  } catch (e) {
    tell(`无法打开助手：${e instanceof Error ? e.message : String(e)}`);
  }
}

// The names ribbon.xml calls, as globals of this page.
Object.assign(globalThis, { OnAddinLoad, OnAction, GetImage });
