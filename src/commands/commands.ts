/* global Office, Excel */
/**
 * The ribbon's ExecuteFunction buttons: 一键检查 runs the whole check without
 * opening the pane and tells the counts in a small dialog; 清除标记 removes
 * every mark. Both go through the same controller as the pane.
 *
 * event.completed() tells Excel the command is over; Excel may end the
 * command's page (and with it a dialog still being opened) once it is
 * called. So it is called exactly once: in displayDialogAsync's callback when
 * a dialog is shown (whether it opened or not), or at the end when there is
 * nothing to show, and in a finally, so that it is called even when something
 * throws.
 */
import { OfficeHost } from '../hosts/office/office-host';
import { PaneController } from '../taskpane/controller';
import { type Lang, pickLang } from '../taskpane/i18n';

function uiLang(): Lang {
  return pickLang(Office.context?.displayLanguage);
}

function controller(lang: Lang): PaneController {
  return new PaneController(new OfficeHost((batch) => Excel.run(batch)), lang);
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
 * Shows the outcome in a small dialog (Excel has no toast API for add-ins)
 * and calls `done` in displayDialogAsync's callback, whether the dialog
 * opened or not. Resolves after that callback.
 */
function tell(lang: Lang, params: Record<string, string | number>, done: () => void): Promise<void> {
  const q = new URLSearchParams([['lang', lang === 'en-US' ? 'en' : 'zh'], ...Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])]).toString();
  const url = new URL(`result.html?${q}`, window.location.href).toString();
  return new Promise<void>((resolve) => {
    const finish = () => {
      try {
        done();
      } finally {
        resolve();
      }
    };
    try {
      Office.context.ui.displayDialogAsync(url, { height: 25, width: 30, displayInIframe: true }, (r) => {
        try {
          if (r.status === Office.AsyncResultStatus.Succeeded) {
            const dialog = r.value;
            dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => dialog.close());
          }
        } finally {
          finish();
        }
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
  const done = once(() => event.completed());
  const lang = uiLang();
  try {
    try {
      const c = controller(lang);
      await c.runCheck();
      const s = c.current;
      if (s.phase === 'error' || !s.result) await tell(lang, { error: s.error ?? '' }, done);
      else await tell(lang, { e: s.result.summary.error, w: s.result.summary.warning, r: s.result.summary.rounding }, done);
    } catch (e) {
      await tell(lang, { error: messageOf(e) }, done);
    }
  } finally {
    done();
  }
}

async function clearMarks(event: Office.AddinCommands.Event): Promise<void> {
  const done = once(() => event.completed());
  const lang = uiLang();
  try {
    try {
      const c = controller(lang);
      await c.clearMarks();
      if (c.current.phase === 'error') await tell(lang, { error: c.current.error ?? '' }, done);
    } catch (e) {
      await tell(lang, { error: messageOf(e) }, done);
    }
  } finally {
    done();
  }
}

void Office.onReady(() => {
  Office.actions.associate('runCheck', runCheck);
  Office.actions.associate('clearMarks', clearMarks);
});
