/* global Office, Excel */
/**
 * The ribbon's ExecuteFunction buttons: 一键检查 runs the whole check without
 * opening the pane and tells the counts in a small dialog; 清除标记 removes
 * every mark. Both go through the same controller as the pane.
 */
import { OfficeHost } from '../hosts/office/office-host';
import { PaneController } from '../taskpane/controller';
import { pickLang } from '../taskpane/i18n';

function controller(): PaneController {
  return new PaneController(new OfficeHost((batch) => Excel.run(batch)), pickLang(Office.context?.displayLanguage));
}

/** Shows the outcome in a small dialog (Excel has no toast API for add-ins). */
function tell(params: Record<string, string | number>): void {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  const url = new URL(`result.html?${q}`, window.location.href).toString();
  Office.context.ui.displayDialogAsync(url, { height: 25, width: 30, displayInIframe: true }, (r) => {
    if (r.status !== Office.AsyncResultStatus.Succeeded) return;
    const dialog = r.value;
    dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => dialog.close());
  });
}

async function runCheck(event: Office.AddinCommands.Event): Promise<void> {
  const c = controller();
  await c.runCheck();
  const s = c.current;
  if (s.phase === 'error' || !s.result) tell({ error: s.error ?? '' });
  else tell({ e: s.result.summary.error, w: s.result.summary.warning, r: s.result.summary.rounding });
  event.completed();
}

async function clearMarks(event: Office.AddinCommands.Event): Promise<void> {
  const c = controller();
  await c.clearMarks();
  if (c.current.phase === 'error') tell({ error: c.current.error ?? '' });
  event.completed();
}

void Office.onReady(() => {
  Office.actions.associate('runCheck', runCheck);
  Office.actions.associate('clearMarks', clearMarks);
});
