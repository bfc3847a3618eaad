/**
 * The ribbon's buttons as Excel calls them: commands.ts registers the
 * function names the manifest names, 一键检查 checks and marks the workbook
 * and reports the counts in a dialog, 清除标记 restores it. Excel is told the
 * command is over (event.completed) exactly once, after the dialog.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeExcel } from '../hosts/office.fake';
import { seed000Spec } from '../fixtures';

type Handler = (event: { completed: () => void }) => Promise<void>;
type DialogCallback = (r: { status: string; value?: unknown; error?: { code: number; message: string } }) => void;

/** What the fake Office does with the next dialog, and what happened, in order. */
const env = {
  displayLanguage: 'zh-CN',
  /** 'open': the callback says Succeeded; 'fail': Failed (e.g. a dialog is already open); 'throw': displayDialogAsync throws. */
  dialog: 'open' as 'open' | 'fail' | 'throw',
  run: undefined as FakeExcel['run'] | undefined,
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
    const dialog = {
      handlers: new Map<string, () => void>(),
      addEventHandler(type: string, f: () => void) {
        this.handlers.set(type, f);
      },
      close() {
        env.events.push('dialog closed');
      },
    };
    callback({ status: 'succeeded', value: dialog });
  }, 5);
}

beforeAll(async () => {
  (globalThis as Record<string, unknown>).Excel = { run: (batch: never) => env.run!(batch) };
  (globalThis as Record<string, unknown>).window = { location: { href: 'https://localhost:3000/commands.html' } };
  (globalThis as Record<string, unknown>).Office = {
    onReady: (cb: () => void) => Promise.resolve(cb()),
    actions: { associate: (name: string, f: Handler) => handlers.set(name, f) },
    context: {
      get displayLanguage() {
        return env.displayLanguage;
      },
      requirements: { isSetSupported: (name: string, version: string) => FakeExcel.fromSpec(seed000Spec()).isSetSupported(name, version) }, // an Excel of ExcelApi 1.9
      ui: { displayDialogAsync },
    },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived' },
  };
  await import('../../src/commands/commands');
});

beforeEach(() => {
  env.displayLanguage = 'zh-CN';
  env.dialog = 'open';
  env.dialogs.length = 0;
  env.events.length = 0;
  const x = FakeExcel.fromSpec(seed000Spec());
  env.run = x.run;
});

/** Runs a command as Excel does; completed() is logged in the same order as the dialog. */
async function press(name: string): Promise<jest.Mock> {
  const completed = jest.fn(() => void env.events.push('completed'));
  await handlers.get(name)!({ completed });
  return completed;
}

const query = (i = 0) => new URL(env.dialogs[i]!).searchParams;

test('runCheck and clearMarks are registered under the manifest’s names and work on the workbook', async () => {
  const x = FakeExcel.fromSpec(seed000Spec());
  env.run = x.run;
  const manifest = fs.readFileSync(path.join(__dirname, '..', '..', 'manifest.xml'), 'utf8');
  const names = [...manifest.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map((m) => m[1]).sort();
  expect([...handlers.keys()].sort()).toEqual(names);

  const completed = await press('runCheck');
  expect(completed).toHaveBeenCalledTimes(1);
  expect(env.dialogs).toHaveLength(1);
  expect([query().get('e'), query().get('w'), query().get('r'), query().get('lang')]).toEqual(['0', '1', '7', 'zh']);
  expect(new URL(env.dialogs[0]!).pathname).toBe('/result.html');
  expect(Object.keys(x.contents())).toContain('检查结果');
  // Excel hears the command is over after the dialog was opened, not before.
  expect(env.events).toEqual(['dialog open', 'completed']);

  env.events.length = 0;
  const cleared = await press('clearMarks');
  expect(cleared).toHaveBeenCalledTimes(1);
  expect(env.dialogs).toHaveLength(1); // nothing to tell
  expect(env.events).toEqual(['completed']);
  expect(Object.keys(x.contents())).not.toContain('检查结果');
});

test('a dialog that cannot open (one is open already): completed once, from the callback', async () => {
  env.dialog = 'fail';
  const completed = await press('runCheck');
  expect(completed).toHaveBeenCalledTimes(1);
  expect(env.events).toEqual(['dialog fail', 'completed']);
});

test('the host read throws: the error is told, completed once, after the dialog', async () => {
  env.run = () => Promise.reject(new Error('磁盘坏了'));
  const completed = await press('runCheck');
  expect(completed).toHaveBeenCalledTimes(1);
  expect(env.events).toEqual(['dialog open', 'completed']);
  expect(query().get('error')).toContain('磁盘坏了');

  env.events.length = 0;
  const cleared = await press('clearMarks');
  expect(cleared).toHaveBeenCalledTimes(1);
  expect(env.events).toEqual(['dialog open', 'completed']);
});

test('displayDialogAsync itself throws: completed is still called, once', async () => {
  env.dialog = 'throw';
  const completed = await press('runCheck');
  expect(completed).toHaveBeenCalledTimes(1);
  env.run = () => Promise.reject(new Error('坏了'));
  const cleared = await press('clearMarks');
  expect(cleared).toHaveBeenCalledTimes(1);
});

test('English Office: the dialog is asked for in English (lang=en)', async () => {
  env.displayLanguage = 'en-US';
  await press('runCheck');
  expect(query().get('lang')).toBe('en');
  expect([query().get('e'), query().get('w'), query().get('r')]).toEqual(['0', '1', '7']);
});
