/**
 * The ribbon's buttons as Excel calls them: commands.ts registers the
 * function names the manifest names, 一键检查 checks and marks the workbook
 * and reports the counts in a dialog, 清除标记 restores it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeExcel } from '../hosts/office.fake';
import { seed000Spec } from '../fixtures';

type Handler = (event: { completed: () => void }) => Promise<void>;

test('runCheck and clearMarks are registered under the manifest’s names and work on the workbook', async () => {
  const x = FakeExcel.fromSpec(seed000Spec());
  const handlers = new Map<string, Handler>();
  const dialogs: string[] = [];
  (globalThis as Record<string, unknown>).Excel = { run: x.run };
  (globalThis as Record<string, unknown>).window = { location: { href: 'https://localhost:3000/commands.html' } };
  (globalThis as Record<string, unknown>).Office = {
    onReady: (cb: () => void) => Promise.resolve(cb()),
    actions: { associate: (name: string, f: Handler) => handlers.set(name, f) },
    context: {
      displayLanguage: 'zh-CN',
      requirements: { isSetSupported: () => true },
      ui: { displayDialogAsync: (url: string) => dialogs.push(url) },
    },
    AsyncResultStatus: { Succeeded: 'succeeded' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived' },
  };
  await import('../../src/commands/commands');

  const manifest = fs.readFileSync(path.join(__dirname, '..', '..', 'manifest.xml'), 'utf8');
  const names = [...manifest.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map((m) => m[1]).sort();
  expect([...handlers.keys()].sort()).toEqual(names);

  const completed = jest.fn();
  await handlers.get('runCheck')!({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
  expect(dialogs).toHaveLength(1);
  const q = new URL(dialogs[0]!).searchParams;
  expect([q.get('e'), q.get('w'), q.get('r')]).toEqual(['0', '1', '7']);
  expect(new URL(dialogs[0]!).pathname).toBe('/result.html');
  expect(Object.keys(x.contents())).toContain('检查结果');

  await handlers.get('clearMarks')!({ completed });
  expect(completed).toHaveBeenCalledTimes(2);
  expect(Object.keys(x.contents())).not.toContain('检查结果');
});
