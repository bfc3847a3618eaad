/**
 * `npm run corpus`: the trust corpus (test/fixtures/corpus) file by file —
 * tables mapped, errors, warnings and 尾数误差 found, the findings each case
 * lists that were missed, and errors it does not list. Exit 1 when any case
 * misses a finding or raises an unlisted error (the same verdict as
 * test/corpus/corpus.test.ts, in a form to read).
 */
import { checkWorkbook } from '../src/core/check';
import { narrativeSheet } from '../src/core/narrative/check-text';
import { CORPUS, corpusGrid, judge } from '../test/fixtures/corpus';

function pad(s: string, n: number): string {
  // CJK characters take two columns in a terminal.
  const width = [...s].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(1, n - width));
}

let bad = 0;
const rows: string[] = [];
rows.push(`${pad('案例', 48)}${pad('类', 7)}${pad('表', 4)}${pad('错误', 6)}${pad('提示', 6)}${pad('尾差', 6)}结果`);
for (const c of CORPUS) {
  const r = checkWorkbook(corpusGrid(c), undefined, c.narrative ? { narrative: narrativeSheet('情况说明', c.narrative()) } : {});
  const v = judge(c, r.findings);
  const tables = Object.keys(r.mapping.tables).length;
  const profileOk = !c.profile || r.mapping.profile === c.profile;
  const tablesOk = tables === (c.tables ?? 9);
  const ok = v.missed.length === 0 && v.unexpectedErrors.length === 0 && profileOk && tablesOk;
  if (!ok) bad++;
  rows.push(`${pad(c.name, 48)}${pad(c.cls, 7)}${pad(String(tables), 4)}${pad(String(r.summary.error), 6)}${pad(String(r.summary.warning), 6)}${pad(String(r.summary.rounding), 6)}${ok ? '通过' : '未通过'}`);
  if (!profileOk) rows.push(`    模板识别为 ${r.mapping.profile}，应为 ${c.profile}`);
  if (!tablesOk) rows.push(`    识别出 ${tables} 张表，应为 ${c.tables ?? 9} 张`);
  for (const m of v.missed) rows.push(`    漏报 ${m.severity} ${m.rule}${m.cell ? ` ${m.cell}` : ''}${m.says ? `（“${m.says}”）` : ''}`);
  for (const e of v.unexpectedErrors) rows.push(`    多报 ${e.rule} ${e.cells.slice(0, 2).join(',')} ${e.message.slice(0, 100)}`);
}
console.log(rows.join('\n'));
console.log(`\n${CORPUS.length} 个案例，${CORPUS.length - bad} 个通过，${bad} 个未通过。`);
process.exit(bad ? 1 : 0);
