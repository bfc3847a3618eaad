/**
 * F01: a 合计 (or 类/款 subtotal) written as a formula whose ranges leave out
 * a 科目 row of its own list. The commonest cause of a 合计 that disagrees
 * with its 科目: a row inserted just below the 合计 (or the subtotal), or just
 * below the range's last row, which Excel does not take into the range. The
 * relation rules say that the 合计 is wrong; this says why and which row.
 *
 * Only the formula's text is read (never evaluated); a formula that names no
 * range or cell of its own column (a row formula across columns) is not
 * judged, and a row left out whose figure is 0 changes nothing and is not told.
 */
import type { CellRef, WorkbookGrid } from '../grid/grid';
import { columnIndex } from '../grid/a1';
import { formatWan } from '../numbers/parse';
import { type Finding, plainFinding } from './finding';
import type { TableSet, TableValues } from './table-values';

/** The rows of column `col` a formula names on its own sheet: ranges and single cells, other sheets' left out. */
export function rowsNamedInColumn(formula: string, sheet: string, col: number): Array<[number, number]> {
  // Strings ("<=2019999", "") are criteria, not references.
  const text = formula.replace(/"[^"]*"/g, '""');
  const out: Array<[number, number]> = [];
  const ref = /(?:('(?:[^']|'')+'|[^\s!(),+\-*/=<>&^:;"]+)!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?/g;
  for (const m of text.matchAll(ref)) {
    const qualifier = m[1];
    if (qualifier !== undefined) {
      const name = qualifier.startsWith("'") ? qualifier.slice(1, -1).replace(/''/g, "'") : qualifier;
      if (name !== sheet) continue;
    }
    // A function name followed by digits (LOG10) is not a reference: it is followed by “(”.
    if (text[m.index! + m[0].length] === '(') continue;
    const c1 = columnIndex(m[2]!);
    const c2 = m[4] ? columnIndex(m[4]) : c1;
    if (col < Math.min(c1, c2) || col > Math.max(c1, c2)) continue;
    const r1 = Number(m[3]) - 1;
    const r2 = m[5] ? Number(m[5]) - 1 : r1;
    out.push([Math.min(r1, r2), Math.max(r1, r2)]);
  }
  return out;
}

/** The formula cells that sum a list: its 合计 row and its 类/款 rows, with the 项 each should take in. */
function sums(t: TableValues): Array<{ rowKey: string; label: string; covers: (code: string) => boolean }> {
  const out: Array<{ rowKey: string; label: string; covers: (code: string) => boolean }> = [];
  if (t.rowKeys.includes('total')) out.push({ rowKey: 'total', label: '合计行', covers: () => true });
  for (const it of t.items) if (it.code.length < 7) out.push({ rowKey: it.rowKey, label: `${it.code} ${it.name}行`.replace(/\s+行$/, '行'), covers: (code) => code.startsWith(it.code) });
  return out;
}

export function formulaRangeChecks(grid: WorkbookGrid, tables: TableSet): Finding[] {
  const out: Finding[] = [];
  for (const t of tables.values()) {
    if (t.mapped.layout !== 'code-list') continue;
    const sheet = grid.sheets.find((s) => s.name === t.mapped.sheet);
    if (!sheet) continue;
    const leaves = t.items.filter((it) => it.code.length === 7);
    for (const sum of sums(t)) {
      for (const c of t.mapped.columns) {
        const at = t.get(sum.rowKey, c.key)?.ref;
        const formula = at ? sheet.cell(at.row, at.col)?.formula : undefined;
        if (!at || !formula) continue;
        const named = rowsNamedInColumn(formula, sheet.name, c.col);
        if (named.length === 0) continue;
        const missed = leaves.filter((it) => sum.covers(it.code) && !named.some(([a, b]) => it.row >= a && it.row <= b));
        const left = missed.map((it) => ({ it, fig: t.get(it.rowKey, c.key) })).filter((x) => x.fig && x.fig.invalidText === undefined && x.fig.figure.fen !== 0);
        if (left.length === 0) continue;
        const rows = left.map((x) => `第 ${x.it.row + 1} 行（${x.it.code}${x.it.name ? ` ${x.it.name}` : ''}）`).join('、');
        const amount = formatWan(left.reduce((a, x) => a + x.fig!.figure.fen, 0));
        const refs: CellRef[] = [at, ...left.map((x) => x.fig!.ref)];
        out.push(
          plainFinding(
            'F01',
            'warning',
            {
              zh: `${t.id} ${sum.label}“${c.key}”栏的公式 =${formula} 没有包括${rows}：这些行在求和范围之外（多为插在${sum.rowKey === 'total' ? '合计行下方' : '该行下方'}或范围末行之后的行），少算了 ${amount} 万元。请把公式的范围扩大到这些行，或用加载项的“添加科目”插入科目行。`,
              en: `${t.id}: the formula =${formula} of the ${sum.rowKey === 'total' ? 'total row' : `${sum.label.replace(/行$/, '')} row`}, column “${c.key}”, leaves out ${left.map((x) => `row ${x.it.row + 1} (${x.it.code})`).join(', ')}: those rows lie outside its ranges (usually rows inserted just below it or after the range's last row), ${amount} 万元 left out. Widen the formula's ranges to them, or insert 科目 rows with the add-in's 添加科目.`,
            },
            refs,
            [t.id],
          ),
        );
      }
    }
  }
  return out;
}
