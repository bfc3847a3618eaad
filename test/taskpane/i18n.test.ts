/**
 * UI strings: every key of the Chinese source is used by the code, and
 * English has each of them (the type makes a missing one fail to compile;
 * this catches keys nobody uses any more and placeholders that differ).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { enUS } from '../../src/taskpane/i18n/en-US';
import { zhCN } from '../../src/taskpane/i18n/zh-CN';

const src = path.join(__dirname, '..', '..', 'src');
function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}
const code = files(src)
  .filter((f) => !f.includes(`${path.sep}i18n${path.sep}`))
  .map((f) => fs.readFileSync(f, 'utf8'))
  .join('\n');

test.each(Object.keys(zhCN).map((k) => [k]))('key %s is used and its placeholders match in English', (key) => {
  expect(code).toMatch(new RegExp(`'${key}'`));
  const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  expect(slots(enUS[key as keyof typeof zhCN])).toEqual(slots(zhCN[key as keyof typeof zhCN]));
});
