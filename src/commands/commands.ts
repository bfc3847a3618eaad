/* global Office, Excel */
/**
 * The ribbon's ExecuteFunction buttons: 一键检查 runs the whole check without
 * opening the pane; 清除标记 removes every mark. Both go through the same
 * controller as the pane.
 *
 * How the outcome is told. Excel has no notification API for add-ins (the
 * notification messages of Office.js are Outlook's), so 一键检查 shows the
 * 检查结果 sheet: the host activates it in the batch that writes it, and its
 * first row states the counts (错误 N 项，提示 N 项，尾数误差 N 项). No dialog.
 *
 * A dialog (result.html) is opened only when there is no such sheet to show:
 * the check or the clearing failed, or the workbook's structure is protected
 * so no sheet could be added. Then the command keeps running while the dialog
 * is open, because event.completed() ends the command's runtime and with it
 * the handler that receives the dialog's messages. It calls completed() when
 * the dialog is closed (its 关闭 button, which messages this page, or the
 * dialog's own close box, which raises DialogEventReceived), when the dialog
 * cannot open, or at COMMAND_DEADLINE_MS after the button was pressed,
 * closing the dialog itself: Microsoft documents that the runtime of a
 * function command closes "when either the function completes or 5 minutes
 * have passed". Exactly once, whatever happens (a finally).
 *
 * The dialog is displayed in an iframe (displayInIframe: "best for user
 * experience and performance"; a setting for Office on the web, ignored
 * elsewhere). Excel on the web may still ask the user before it opens.
 */
import { OfficeHost } from '../hosts/office/office-host';
import { PaneController } from '../taskpane/controller';
import { type Lang, pickLang } from '../taskpane/i18n';

/** When a command still waiting on its dialog completes anyway: 30 s before Office's 5 minutes. */
export const COMMAND_DEADLINE_MS = 4.5 * 60 * 1000;

function uiLang(): Lang {
  return pickLang(Office.context?.displayLanguage);
}

/** Calls `f` the first time only. */
function once(f: () => void): () => void {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    f();
  };
}

/**
 * Shows the outcome in a dialog and resolves when the dialog is closed, could
 * not be opened, or the command's deadline (`started` + COMMAND_DEADLINE_MS)
 * comes, whichever is first; the dialog is closed then.
 */
function tell(lang: Lang, params: Record<string, string | number>, started: number): Promise<void> {
  const q = new URLSearchParams([['lang', lang === 'en-US' ? 'en' : 'zh'], ...Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])]).toString();
  const url = new URL(`result.html?${q}`, window.location.href).toString();
  return new Promise<void>((resolve) => {
    let dialog: Office.Dialog | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const close = () => {
      try {
        dialog?.close();
      } catch {
        // already closed
      }
    };
    const finish = once(() => {
      if (timer !== undefined) clearTimeout(timer);
      resolve();
    });
    timer = setTimeout(
      () => {
        close();
        finish();
      },
      Math.max(0, started + COMMAND_DEADLINE_MS - Date.now()),
    );
    try {
      Office.context.ui.displayDialogAsync(url, { height: 25, width: 30, displayInIframe: true }, (r) => {
        if (r.status !== Office.AsyncResultStatus.Succeeded) {
          finish(); // e.g. 12007, a dialog is already open: nothing to wait for
          return;
        }
        dialog = r.value;
        // result.html's 关闭: it messages this page, which closes the dialog.
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
          close();
          finish();
        });
        // The user closed it with its close box (12006), or it failed to load.
        dialog.addEventHandler(Office.EventType.DialogEventReceived, () => finish());
      });
    } catch {
      finish(); // displayDialogAsync itself threw: no callback will come
    }
  });
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function runCheck(event: Office.AddinCommands.Event): Promise<void> {
  const started = Date.now();
  const done = once(() => event.completed());
  const lang = uiLang();
  try {
    try {
      const host = new OfficeHost((batch) => Excel.run(batch), { showResultSheet: true });
      const c = new PaneController(host, lang);
      await c.runCheck();
      const s = c.current;
      if (s.phase === 'error' || !s.result) await tell(lang, { error: s.error ?? '' }, started);
      // No 检查结果 sheet could be shown (protected structure): the counts in a dialog.
      else if (!host.resultSheetShown) await tell(lang, { e: s.result.summary.error, w: s.result.summary.warning, r: s.result.summary.rounding, nosheet: 1 }, started);
    } catch (e) {
      await tell(lang, { error: messageOf(e) }, started);
    }
  } finally {
    done();
  }
}

async function clearMarks(event: Office.AddinCommands.Event): Promise<void> {
  const started = Date.now();
  const done = once(() => event.completed());
  const lang = uiLang();
  try {
    try {
      const c = new PaneController(new OfficeHost((batch) => Excel.run(batch)), lang);
      await c.clearMarks();
      if (c.current.phase === 'error') await tell(lang, { error: c.current.error ?? '' }, started);
    } catch (e) {
      await tell(lang, { error: messageOf(e) }, started);
    }
  } finally {
    done();
  }
}

void Office.onReady(() => {
  Office.actions.associate('runCheck', runCheck);
  Office.actions.associate('clearMarks', clearMarks);
});
