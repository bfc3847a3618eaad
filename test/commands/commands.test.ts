/**
 * The ribbon's buttons as Excel calls them: commands.ts registers the
 * function names the manifest names; 一键检查 checks and marks the workbook
 * and shows the 检查结果 sheet, whose first row states the counts; 清除标记
 * restores it. A dialog opens only when there is no such sheet to show (an
 * error, a protected workbook structure), and then Excel is told the command
 * is over (event.completed) only when the dialog is closed, or just before
 * Office's 5 minutes: completing earlier ends the runtime that handles the
 * dialog's messages.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeExcel } from '../hosts/office.fake';
import { seed000Spec } from '../fixtures';
import { RESULT_SHEET } from '../../src/hosts/office/result-sheet';

type Handler = (event: { completed: () => void }) => Promise<void>;
type DialogCallback = (r: { status: string; value?: unknown; error?: { code: number; message: string } }) => void;

/** What the fake Office does with the next dialog, and what happened, in order. */
const env = {
  displayLanguage: 'zh-CN',
  /** 'open': the callback says Succeeded; 'fail': Failed (e.g. a dialog is already open); 'throw': displayDialogAsync throws. */
  dialog: 'open' as 'open' | 'fail' | 'throw',
  /** Once open, what the user does after 20 ms: 关闭 (result.html messages the parent), the close box, or nothing. */
  user: 'button' as 'button' | 'closeBox' | 'nothing',
  excel: undefined as FakeExcel | undefined,
  dialogs: [] as string[],
  events: [] as string[],
};
const handlers = new Map<string, Handler>();

function displayDialogAsync(url: string, _options: unknown, callback: DialogCallback): void {
  if (env.dialog === 'throw') throw new Error('displayDialogAsync is not available');
  env.dialogs.push(url);
  // Office answers later, asynchronously.
  setTimeout(() => {
    env.events.push(`dialog ${env.dialog}`);
    if (env.dialog === 'fail') {
      callback({ status: 'failed', error: { code: 12007, message: 'A dialog box is already opened.' } });
      return;
    }
    const on = new Map<string, (arg: unknown) => void>();
    let open = true;
    const dialog = {
      addEventHandler(type: string, f: (arg: unknown) => void) {
        on.set(type, f);
      },
      close() {
        if (!open) throw new Error('closed already');
        open = false;
        env.events.push('dialog closed');
      },
    };
    callback({ status: 'succeeded', value: dialog });
    setTimeout(() => {
      if (env.user === 'button') {
        env.events.push('user clicks 关闭');
        on.get('dialogMessageReceived')?.({ message: 'close' });
      } else if (env.user === 'closeBox') {
        env.events.push('user closes the dialog');
        open = false;
        on.get('dialogEventReceived')?.({ error: 12006 });
      }
    }, 20);
  }, 5);
}

beforeAll(async () => {
  (globalThis as Record<string, unknown>).Excel = { run: (batch: never) => env.excel!.run(batch) };
  (globalThis as Record<string, unknown>).window = { location: { href: 'https://localhost:3000/commands.html' } };
  (globalThis as Record<string, unknown>).Office = {
    onReady: (cb: () => void) => Promise.resolve(cb()),
    actions: { associate: (name: string, f: Handler) => handlers.set(name, f) },
    context: {
      get displayLanguage() {
        return env.displayLanguage;
      },
      requirements: { isSetSupported: (name: string, version: string) => env.excel!.isSetSupported(name, version) },
      ui: { displayDialogAsync },
    },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
  };
  await import('../../src/commands/commands');
});

beforeEach(() => {
  env.displayLanguage = 'zh-CN';
  env.dialog = 'open';
  env.user = 'button';
  env.dialogs.length = 0;
  env.events.length = 0;
  env.excel = FakeExcel.fromSpec(seed000Spec());
});

afterEach(() => {
  jest.useRealTimers();
});

/** Runs a command as Excel does; completed() is logged in the same order as the dialog. */
async function press(name: string): Promise<jest.Mock> {
  const completed = jest.fn(() => void env.events.push('completed'));
  await handlers.get(name)!({ completed });
  return completed;
}

const query = (i = 0) => new URL(env.dialogs[i]!).searchParams;

test('runCheck and clearMarks are registered under the manifest’s names', () => {
  const manifest = fs.readFileSync(path.join(__dirname, '..', '..', 'manifest.xml'), 'utf8');
  const names = [...manifest.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map((m) => m[1]).sort();
  expect([...handlers.keys()].sort()).toEqual(names);
});

test('一键检查: no dialog; the 检查结果 sheet is shown, its first row states the counts; completed once', async () => {
  const x = env.excel!;
  const completed = await press('runCheck');
  expect(completed).toHaveBeenCalledTimes(1);
  expect(env.dialogs).toEqual([]);
  expect(env.events).toEqual(['completed']);
  expect(x.activeSheet).toBe(RESULT_SHEET);
  expect(x.cell(RESULT_SHEET, 'A1').value).toBe('检查结果：错误 0 项，提示 1 项，尾数误差 7 项。');

  env.events.length = 0;
  const cleared = await press('clearMarks');
  expect(cleared).toHaveBeenCalledTimes(1);
  expect(env.dialogs).toEqual([]); // nothing to tell
  expect(env.events).toEqual(['completed']);
  expect(x.liveSheets().map((s) => s.name)).not.toContain(RESULT_SHEET);
});

test('the check fails: a dialog tells why, and the command completes only when the user closes it (关闭)', async () => {
  env.excel = Object.assign(FakeExcel.fromSpec(seed000Spec()), { run: () => Promise.reject(new Error('磁盘坏了')) });
  const completed = await press('runCheck');
  expect(completed).toHaveBeenCalledTimes(1);
  expect(env.events).toEqual(['dialog open', 'user clicks 关闭', 'dialog closed', 'completed']);
  expect(query().get('error')).toContain('磁盘坏了');
  expect(new URL(env.dialogs[0]!).pathname).toBe('/result.html');

  env.events.length = 0;
  env.user = 'closeBox';
  const cleared = await press('clearMarks');
  expect(cleared).toHaveBeenCalledTimes(1);
  expect(env.events).toEqual(['dialog open', 'user closes the dialog', 'completed']);
});

test('the workbook structure is protected (no 检查结果 sheet can be added): the counts in a dialog, nosheet=1', async () => {
  env.excel!.structureProtected = true;
  const completed = await press('runCheck');
  expect(completed).toHaveBeenCalledTimes(1);
  expect([query().get('e'), query().get('w'), query().get('r'), query().get('nosheet'), query().get('lang')]).toEqual(['0', '1', '7', '1', 'zh']);
  expect(env.events).toEqual(['dialog open', 'user clicks 关闭', 'dialog closed', 'completed']);
});

test('a dialog left open: the command closes it and completes just before Office’s 5 minutes', async () => {
  const { COMMAND_DEADLINE_MS } = await import('../../src/commands/commands');
  expect(COMMAND_DEADLINE_MS).toBeLessThan(5 * 60 * 1000);
  jest.useFakeTimers();
  env.user = 'nothing';
  env.excel = Object.assign(FakeExcel.fromSpec(seed000Spec()), { run: () => Promise.reject(new Error('坏了')) });
  const completed = jest.fn(() => void env.events.push('completed'));
  const running = handlers.get('runCheck')!({ completed });
  await jest.advanceTimersByTimeAsync(COMMAND_DEADLINE_MS - 1000);
  expect(completed).not.toHaveBeenCalled();
  expect(env.events).toEqual(['dialog open']);
  await jest.advanceTimersByTimeAsync(1000);
  await running;
  expect(completed).toHaveBeenCalledTimes(1);
  expect(env.events).toEqual(['dialog open', 'dialog closed', 'completed']);
});

test('a dialog that cannot open (one is open already): completed once, from the callback', async () => {
  env.excel = Object.assign(FakeExcel.fromSpec(seed000Spec()), { run: () => Promise.reject(new Error('坏了')) });
  env.dialog = 'fail';
  const completed = await press('runCheck');
  expect(completed).toHaveBeenCalledTimes(1);
  expect(env.events).toEqual(['dialog fail', 'completed']);
});

test('displayDialogAsync itself throws: completed is still called, once', async () => {
  env.dialog = 'throw';
  env.excel = Object.assign(FakeExcel.fromSpec(seed000Spec()), { run: () => Promise.reject(new Error('坏了')) });
  const completed = await press('runCheck');
  expect(completed).toHaveBeenCalledTimes(1);
  const cleared = await press('clearMarks');
  expect(cleared).toHaveBeenCalledTimes(1);
});

test('English Office: the dialog is asked for in English (lang=en)', async () => {
  env.displayLanguage = 'en-US';
  env.excel!.structureProtected = true;
  await press('runCheck');
  expect(query().get('lang')).toBe('en');
  expect([query().get('e'), query().get('w'), query().get('r')]).toEqual(['0', '1', '7']);
});
