/**
 * 收入支出决算总表 and 财政拨款收入支出决算总表: a 收入 panel and a 支出
 * panel side by side, each a column of labels, maybe a 行次 column, and
 * amounts. Rows are matched by label, never by 行次: units renumber or drop
 * empty categories.
 */
import type { PanelSpec, RowSpec, TableTemplate } from '../../templates/types';
import { matchColumns, readColumnHeaders } from '../headers';
import { type SheetView, isNoteText, stripOrdinal } from '../sheet-view';
import type { MappedColumn, MappedRow } from '../types';
import { type ParseResult, type Region, readMeta, readNotes, tableIdentity } from './region';

const nameIndex = new WeakMap<PanelSpec, Map<string, RowSpec[]>>();
/** Row specs of a panel by each of their names, in template order. */
function specsByName(panel: PanelSpec): Map<string, RowSpec[]> {
  let m = nameIndex.get(panel);
  if (!m) {
    m = new Map();
    for (const s of panel.rows) for (const n of s.names) m.set(n, [...(m.get(n) ?? []), s]);
    nameIndex.set(panel, m);
  }
  return m;
}

function labelOf(view: SheetView, r: number, c: number): string {
  return stripOrdinal(view.norm(r, c));
}

/** Labels that belong to one panel only, to find the panel's label column. */
const ownerCache = new WeakMap<readonly PanelSpec[], Map<string, number>>();
function exclusiveNames(panels: readonly PanelSpec[]): Map<string, number> {
  const cached = ownerCache.get(panels);
  if (cached) return cached;
  const owner = new Map<string, number>();
  ownerCache.set(panels, owner);
  panels.forEach((p, i) =>
    p.rows.forEach((row) =>
      row.names.forEach((n) => owner.set(n, owner.has(n) && owner.get(n) !== i ? -1 : i)),
    ),
  );
  return owner;
}

function findLabelColumns(region: Region, panels: readonly PanelSpec[]): number[] | undefined {
  const view = region.view;
  const owner = exclusiveNames(panels);
  const counts = panels.map(() => new Map<number, number>());
  for (let r = region.top; r <= region.bottom; r++) {
    for (const cell of view.rowCells(r, region.left, region.right)) {
      const p = owner.get(stripOrdinal(cell.norm));
      if (p !== undefined && p >= 0) counts[p]!.set(cell.col, (counts[p]!.get(cell.col) ?? 0) + 1);
    }
  }
  const cols: number[] = [];
  for (const m of counts) {
    let best: [number, number] | undefined;
    for (const [c, n] of m) if (!best || n > best[1]) best = [c, n];
    if (!best || best[1] < 2) return undefined;
    cols.push(best[0]);
  }
  // Panels share a column when the 支出 panel is printed below the 收入 panel (stacked).
  for (let i = 1; i < cols.length; i++) if (cols[i]! < cols[i - 1]!) return undefined;
  return cols;
}

/** Is the column the 行次 column of its panel (header 行次, or numbers that run with the rows)? */
function isLineNoColumn(view: SheetView, c: number, headerTexts: readonly string[], rows: readonly number[]): boolean {
  if (headerTexts.includes('行次')) return true;
  let ints = 0;
  let filled = 0;
  let previous = 0;
  let rising = true;
  for (const r of rows) {
    const t = view.norm(r, c);
    if (t === '') continue;
    filled++;
    if (/^\d{1,2}$/.test(t)) ints++;
    // 行次 run 1, 2, 3 …: a column of zeros (totals of a template not yet filled) is amounts.
    if (Number(t) <= previous) rising = false;
    previous = Number(t);
  }
  return filled >= 3 && ints === filled && rising;
}

export function parseTwoSided(region: Region, template: TableTemplate): ParseResult | undefined {
  const view = region.view;
  const panels = template.panels ?? [];
  const labelCols = findLabelColumns(region, panels);
  if (!labelCols) return undefined;

  const rows: MappedRow[] = [];
  const unplaced: Array<{ row: number; col: number; text: string; why: string }> = [];
  let firstRow = Number.POSITIVE_INFINITY;
  let lastRow = -1;
  let laneRow: number | undefined;
  const panelRows: number[][] = panels.map(() => []);
  const stacked = labelCols.length > 1 && labelCols[0] === labelCols[1];
  /** Where a panel's amounts end: the next panel's labels side by side, or the region's edge when stacked. */
  const panelEnd = (pi: number) => (stacked ? region.right + 1 : (labelCols[pi + 1] ?? region.right + 1));

  panels.forEach((panel, pi) => {
    const lc = labelCols[pi]!;
    const used = new Set<string>();
    let pending: RowSpec[] = [];
    // A stacked 支出 panel starts below the 收入 panel's last row.
    const start = stacked && pi > 0 ? Math.max(...panelRows[pi - 1]!) + 1 : region.top;
    for (let r = start; r <= region.bottom; r++) {
      const label = labelOf(view, r, lc);
      if (label === '栏次') {
        laneRow = r;
        continue;
      }
      if (isNoteText(view.norm(r, region.left)) && rows.length > 0) break;
      if (label === '') {
        // Breakdown rows printed with blank labels take their place in order.
        const next = pending[0];
        if (next && rowHasContent(view, r, lc, panelEnd(pi))) {
          pending = pending.slice(1);
          used.add(next.key);
          rows.push({ key: next.key, panel: panel.key, row: r, label: '' });
          panelRows[pi]!.push(r);
          lastRow = Math.max(lastRow, r);
        }
        continue;
      }
      const candidates = (specsByName(panel).get(label) ?? []).filter((s) => !used.has(s.key));
      const spec =
        candidates.find((s) => s.after !== undefined && used.has(s.after)) ??
        candidates.find((s) => s.after === undefined);
      pending = [];
      if (!spec) {
        if (!HEADER_LABELS.has(label) && !panels.some((p) => p.groupNames.includes(label)) && rowHasAmount(view, r, lc, panelEnd(pi))) {
          unplaced.push({ row: r, col: lc, text: view.text(r, lc).trim(), why: '行名称不在模板中' });
        }
        continue;
      }
      used.add(spec.key);
      rows.push({ key: spec.key, panel: panel.key, row: r, label: view.text(r, lc).trim() });
      panelRows[pi]!.push(r);
      firstRow = Math.min(firstRow, r);
      lastRow = Math.max(lastRow, r);
      pending = panel.rows.filter((s) => s.positional && s.after === spec.key && !used.has(s.key));
      // The panel ends at its 总计.
      if (spec.key === panel.rows[panel.rows.length - 1]!.key) break;
    }
  });
  if (rows.length < 3) return undefined;

  // Header rows: above the first labelled row, below the title.
  const headerRows: number[] = [];
  for (let r = region.top; r < firstRow; r++) {
    if (region.titleRow !== undefined && r <= region.titleRow) continue;
    if (r === laneRow) continue;
    headerRows.push(r);
  }
  const columns: MappedColumn[] = [];
  panels.forEach((panel, pi) => {
    const from = labelCols[pi]! + 1;
    const to = panelEnd(pi) - 1;
    if (to < from) return;
    // A stacked panel may repeat a header of its own between the panels (合计 | 一般公共预算财政拨款 …).
    let own = headerRows;
    if (stacked && pi > 0 && panelRows[pi]!.length > 0) {
      const between: number[] = [];
      for (let r = Math.max(...panelRows[pi - 1]!) + 1; r < Math.min(...panelRows[pi]!); r++) if (!view.isEmptyRow(r, from, to)) between.push(r);
      if (between.length > 0) own = between;
    }
    const headers = readColumnHeaders(view, own, from, to).filter(
      (h) => !isLineNoColumn(view, h.col, h.texts, panelRows[pi]!),
    );
    const matched = matchColumns(panel.columns, headers);
    // One amount column and one spec: it is that column, whatever its header says.
    const free = headers.filter((h) => ![...matched.values()].some((m) => m.col === h.col));
    const missing = panel.columns.filter((s) => !matched.has(s.key));
    const withData = free.filter((h) => panelRows[pi]!.some((r) => view.norm(r, h.col) !== '') || h.leaf !== '');
    if (missing.length > 0 && withData.length === missing.length) {
      missing.forEach((s, i) => matched.set(s.key, withData[i]!));
    }
    for (const s of panel.columns) {
      const h = matched.get(s.key);
      if (h) columns.push({ key: s.key, panel: panel.key, col: h.col, header: h.display });
    }
  });
  if (columns.length === 0) return undefined;

  const { notes, lastRow: notesEnd } = readNotes(region, lastRow + 1);
  const meta = readMeta(region, firstRow - 1);
  const right = Math.max(...columns.map((c) => c.col));
  const expected = panels.reduce((n, p) => n + p.rows.length, 0);
  return {
    score: rows.length + columns.length * 2 + (region.title ? 5 : 0) - unplaced.length - (expected - rows.length) * 0.1,
    table: {
      ...tableIdentity(region, template, meta),
      top: region.foundBy === 'header' ? (headerRows[0] ?? firstRow) : region.top,
      left: labelCols[0]!,
      bottom: Math.max(lastRow, notesEnd),
      right,
      columns,
      rows,
      items: [],
      totals: [],
      dataRows: [...new Set(rows.map((r) => r.row))].sort((a, b) => a - b),
      ...(laneRow !== undefined ? { laneRow } : {}),
      notes,
      unplaced,
    },
  };
}

const HEADER_LABELS = new Set(['项目', '栏次', '行次', '金额', '决算数', '收入', '支出']);

/** Does the row hold an amount (not a 行次) between the label column and the next panel? */
function rowHasAmount(view: SheetView, r: number, from: number, to: number): boolean {
  for (let c = from + 1; c < to; c++) {
    const cell = view.cell(r, c);
    if (!cell) continue;
    const text = view.text(r, c).trim();
    if (typeof cell.value === 'number' ? !(Number.isInteger(cell.value) && cell.value < 100 && !/[.,]/.test(text)) : /\d[.,]\d|\d{3}/.test(text)) return true;
  }
  return false;
}

/** Does the row have a 行次 or an amount between the label column and the next panel? */
function rowHasContent(view: SheetView, r: number, from: number, to: number): boolean {
  for (let c = from + 1; c < to; c++) if (view.norm(r, c) !== '') return true;
  return false;
}
