/**
 * 财政拨款“三公”经费支出决算表: one data row under a header of up to four
 * levels. Hunan nests 预算数/决算数 › item › 小计/购置/运维; the national
 * template nests item › 预算数/决算数. Columns are matched by the set of
 * texts above them, so both read the same way.
 */
import { readAmountText } from '../../numbers/parse';
import type { TableTemplate } from '../../templates/types';
import { isLaneRow, lanesOf, matchColumns, readColumnHeaders } from '../headers';
import { type SheetView, isNoteText, stripOrdinal } from '../sheet-view';
import type { MappedColumn } from '../types';
import { type ParseResult, type Region, readMeta, readNotes, tableIdentity } from './region';

const HEADER_WORDS = /预算数|决算数|因公出国|公务用车|公务接待|^合计$|^小计$|三公/;
const ITEM_WORDS = /因公出国|公务用车|公务接待/;

/** A year (2024) in a header cell names the year, never an amount. */
const isYear = (text: string) => /^(19|20)\d\d$/.test(text.trim());

function hasNumber(view: SheetView, r: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) {
    const cell = view.cell(r, c);
    if (!cell || isYear(view.text(r, c))) continue;
    if (typeof cell.value === 'number') return true;
    const p = readAmountText(view.text(r, c));
    if (p !== undefined && p !== 'empty') return true;
  }
  return false;
}

/** Small whole numbers only, shown without decimals: what a row of column ordinals holds, not what amounts look like. */
function onlyOrdinals(view: SheetView, r: number, left: number, right: number): boolean {
  const cells = view.rowCells(r, left, right);
  return cells.length >= 3 && cells.every((c) => /^\d{1,2}$/.test(c.norm));
}

/** The first non-empty row below r (within two) holds an amount with decimals. */
function nextHasAmounts(view: SheetView, r: number, region: Region): boolean {
  for (let k = r + 1; k <= Math.min(region.bottom, r + 3); k++) {
    const cells = view.rowCells(k, region.left, region.right);
    if (cells.length === 0) continue;
    return cells.some((c) => /\d[.．]\d/.test(c.text) || (typeof view.cell(k, c.col)?.value === 'number' && !Number.isInteger(view.cell(k, c.col)!.value)));
  }
  return false;
}

/** Item labels as a vertical 三公 table writes them in its rows. */
const ITEM_LABELS: Record<string, readonly string[]> = {
  合计: ['合计', '三公经费合计', '三公经费', '三公经费支出合计', '财政拨款三公经费'],
  '因公出国（境）费': ['因公出国(境)费', '因公出国(境)费用', '因公出国费'],
  公务用车购置及运行维护费: ['公务用车购置及运行维护费', '公务用车购置及运行费', '公务用车购置及运行维护费小计'],
  公务用车购置费: ['公务用车购置费', '公务用车购置'],
  公务用车运行维护费: ['公务用车运行维护费', '公务用车运行费'],
  公务接待费: ['公务接待费'],
};

/**
 * Some provinces turn the 三公 table on its side: one row per item
 * (合计, 1.因公出国（境）费, 2.公务用车购置及运行维护费, 其中：…, 3.公务接待费)
 * and columns 预算数 | 决算数. Each figure then has its own row.
 */
function parseVertical(region: Region, template: TableTemplate): ParseResult | undefined {
  const view = region.view;
  const stages: Array<{ stage: '预算' | '决算'; col: number; header: string }> = [];
  let headerRow = -1;
  let firstCol = region.left;
  for (let r = region.top; r <= region.bottom && headerRow < 0; r++) {
    const cells = view.rowCells(r, region.left, region.right);
    // 预算数 | 决算数, with or without the year (2024年预算数); a 上年 or earlier year's 决算数 beside them is not this year's.
    const stageOf = (norm: string) => {
      const m = /^(?:(\d{4})年度?)?(上年|本年|全年|年初)?(预算|决算)(数)?$/.exec(norm);
      return m ? { year: m[1] ? Number(m[1]) : undefined, prior: m[2] === '上年', kind: m[3] as '预算' | '决算' } : undefined;
    };
    const staged = cells.map((c) => ({ c, s: stageOf(c.norm) })).filter((x) => x.s && !x.s.prior);
    const latest = Math.max(0, ...staged.map((x) => x.s!.year ?? 0));
    const current = staged.filter((x) => (x.s!.year ?? latest) === latest);
    const budget = current.find((x) => x.s!.kind === '预算')?.c;
    const actual = current.find((x) => x.s!.kind === '决算')?.c;
    if (budget && actual) {
      headerRow = r;
      firstCol = cells[0]?.col ?? region.left;
      stages.push({ stage: '预算', col: budget.col, header: budget.text.trim() }, { stage: '决算', col: actual.col, header: actual.text.trim() });
    }
  }
  if (headerRow < 0) return undefined;
  // The item labels stand in the header row's first column (项目), left of every figure column.
  const labelCol = firstCol < Math.min(...stages.map((s) => s.col)) ? firstCol : Math.min(...stages.map((s) => s.col)) - 1;
  const rows: Array<{ item: string; row: number }> = [];
  let last = headerRow;
  for (let r = headerRow + 1; r <= region.bottom; r++) {
    const label = stripOrdinal(view.norm(r, Math.max(labelCol, region.left)));
    if (label === '' ) continue;
    if (isNoteText(label)) break;
    const item = Object.keys(ITEM_LABELS).find((k) => ITEM_LABELS[k]!.includes(label));
    if (!item || rows.some((x) => x.item === item)) continue;
    rows.push({ item, row: r });
    last = r;
  }
  if (rows.length < 3) return undefined;
  const columns: MappedColumn[] = [];
  for (const spec of template.columns ?? []) {
    const [stage, item] = spec.key.split('.') as ['预算' | '决算', string];
    const at = rows.find((x) => x.item === item);
    const col = stages.find((x) => x.stage === stage);
    if (at && col) columns.push({ key: spec.key, col: col.col, row: at.row, header: `${view.text(at.row, labelCol).trim()} ${col.header}` });
  }
  const { notes, lastRow } = readNotes(region, last + 1);
  const meta = readMeta(region, headerRow - 1);
  return {
    score: columns.length * 2 + (region.title ? 5 : 0),
    table: {
      ...tableIdentity(region, template, meta),
      top: region.foundBy === 'header' ? headerRow : region.top,
      left: Math.max(labelCol, region.left),
      bottom: Math.max(last, lastRow),
      right: Math.max(...stages.map((s) => s.col)),
      columns,
      rows: [],
      items: [],
      totals: [],
      dataRows: rows.map((x) => x.row),
      notes,
      unplaced: [],
    },
  };
}

export function parseMatrix(region: Region, template: TableTemplate): ParseResult | undefined {
  const vertical = parseVertical(region, template);
  if (vertical) return vertical;
  const view = region.view;
  const specs = template.columns ?? [];
  // The header block: around the first row naming a 三公 item, without the title lines.
  const isHeaderRow = (row: number) =>
    (region.titleRow === undefined || row > region.titleRow) &&
    view.rowCells(row, region.left, region.right).some((c) => HEADER_WORDS.test(c.norm)) &&
    !hasNumber(view, row, region.left, region.right);
  let anchor = -1;
  for (let row = region.top; row <= region.bottom && anchor < 0; row++) {
    if (view.rowCells(row, region.left, region.right).some((c) => ITEM_WORDS.test(c.norm)) && isHeaderRow(row)) anchor = row;
  }
  if (anchor < 0) return undefined;
  let first = anchor;
  while (first - 1 >= region.top && isHeaderRow(first - 1) && !isLaneRow(view, first - 1, region.left, region.right)) first--;
  let r = anchor;
  while (r + 1 <= region.bottom && isHeaderRow(r + 1)) r++;
  const headerRows: number[] = [];
  for (let row = first; row <= r; row++) headerRows.push(row);
  r++;
  if (headerRows.length === 0) return undefined;
  let laneRow: number | undefined;
  if (r <= region.bottom && isLaneRow(view, r, region.left, region.right)) {
    laneRow = r;
    r++;
  } else if (r < region.bottom && onlyOrdinals(view, r, region.left, region.right) && nextHasAmounts(view, r, region)) {
    // Numbers in header position with the figures below them: 栏次 without the word, whatever their order.
    laneRow = r;
    r++;
  }
  // The data row: the next line unless it is a note (then the table is empty and its row blank).
  let dataRow = r;
  while (dataRow <= region.bottom && view.isEmptyRow(dataRow, region.left, region.right) && dataRow < r + 2) dataRow++;
  if (dataRow > region.bottom || isNoteText(view.norm(dataRow, region.left)) || !hasNumber(view, dataRow, region.left, region.right)) {
    // No figures: the row right under the header stands for the blank data row.
    dataRow = r;
  }
  const headers = readColumnHeaders(view, headerRows, region.left, region.right);
  const matched = matchColumns(specs, headers);
  if (laneRow !== undefined && matched.size < specs.length) {
    const lanes = lanesOf(view, laneRow, region.left, region.right);
    for (const s of specs) {
      if (matched.has(s.key) || s.lane === undefined) continue;
      const h = headers.find((x) => x.col === lanes.get(s.lane!));
      if (h && ![...matched.values()].includes(h)) matched.set(s.key, h);
    }
  }
  if (matched.size < 4) return undefined;
  const columns: MappedColumn[] = specs
    .filter((s) => matched.has(s.key))
    .map((s) => ({ key: s.key, col: matched.get(s.key)!.col, header: matched.get(s.key)!.display }));
  const { notes, lastRow } = readNotes(region, dataRow + 1);
  const meta = readMeta(region, headerRows[headerRows.length - 1]!);
  return {
    score: columns.length * 2 + (region.title ? 5 : 0),
    table: {
      ...tableIdentity(region, template, meta),
      top: region.foundBy === 'header' ? headerRows[0]! : region.top,
      left: Math.min(...columns.map((c) => c.col)),
      bottom: Math.max(dataRow, lastRow),
      right: Math.max(...columns.map((c) => c.col)),
      columns,
      rows: [],
      items: [],
      totals: [],
      dataRows: [dataRow],
      ...(laneRow !== undefined ? { laneRow } : {}),
      notes,
      unplaced: [],
    },
  };
}
