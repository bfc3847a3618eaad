/**
 * A table of 科目 rows (收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表,
 * the fund tables): a 合计 row and one row per 科目 the accountant fills in,
 * every total a formula. Codes are written as numbers, so that a total is
 * the SUMIFS of the rows whose code lies in the 类's or 款's range: rows
 * inserted anywhere inside the list are summed without touching a formula.
 * The list's last row, inside the ranges, says where new 科目 go.
 */
import type { TableRole } from '../templates/types';
import { type PlanCell, type PlanSheet, SheetBuilder, type TableHead, code, formula, input, label, lane, rel, span, text, total } from './plan';

export interface ListItem {
  readonly code: string;
  readonly name: string;
}

/** An amount column: typed, or a formula of the row's other columns (by their keys). */
export interface ListColumn {
  /** The template's column key (EXPENSE_COLUMNS …). */
  readonly key: string;
  /** Header rows above the column, top to bottom ('' where a merged group header covers it). */
  readonly header: readonly string[];
  /** sum: Σ of these keys; flow: first + second − third (年末 = 年初 + 收入 − 支出). */
  readonly derive?: { readonly sum: readonly string[] } | { readonly flow: readonly [string, string, string] };
}

export interface ListSpec extends TableHead {
  readonly role: TableRole;
  readonly columns: readonly ListColumn[];
  /** Header cells over the code and name columns, one pair per header row. */
  readonly labelHeader: ReadonlyArray<readonly [string, string]>;
  /** Merges of the header, [top, left, bottom, right] relative to the header's first row. */
  readonly headerMerges: ReadonlyArray<readonly [number, number, number, number]>;
  /** Print a 栏次 row (Hunan). */
  readonly lanes: boolean;
  readonly items: readonly ListItem[];
  /** 类 and 款 subtotal rows above their 项 (national). */
  readonly nested: boolean;
  readonly totalFirst: boolean;
  /** Names of 类 and 款 for the nested rows. */
  readonly names: Readonly<Record<string, string>>;
}

/** Where another table finds this one's figures. */
export interface ListRefs {
  readonly sheet: string;
  /** Rows the SUMIFS run over (the items and the spare rows). */
  readonly first: number;
  readonly last: number;
  readonly codeCol: number;
  /** Column of an amount key. */
  col(key: string): number;
  /** The typed columns a column adds up (itself when typed): what another table sums, so that a row inserted without formulas still counts. */
  parts(key: string): readonly string[];
  /** The 合计 row. */
  readonly totalRow: number;
}

/**
 * The SUMIFS of a column over the codes in [from, to] (the 项 of 类 201 are
 * 2010000–2019999); of its typed parts when it is a sum of other columns.
 */
export function sumIfs(refs: ListRefs, key: string, from: number, to: number, here?: string): string {
  return refs
    .parts(key)
    .map((k) => sumIfsOver({ sheet: refs.sheet, first: refs.first, last: refs.last, codeCol: refs.codeCol, amountCol: refs.col(k) }, from, to, here))
    .join('+');
}

/** The SUMIFS over rows [first, last] of the amounts whose code lies in [from, to]. */
export function sumIfsOver(at: { sheet: string; first: number; last: number; codeCol: number; amountCol: number }, from: number, to: number, here?: string): string {
  const codes = span(at.sheet, at.first, at.last, at.codeCol, here);
  return `SUMIFS(${span(at.sheet, at.first, at.last, at.amountCol, here)},${codes},">=${from}",${codes},"<=${to}")`;
}

/**
 * The rows a subtotal (a 类 or 款 among its 项) sums: from the row below it
 * to the row after its last 项. Never its own row, nor a subtotal above it,
 * or Excel sees a circular reference; the row after its group (the next
 * subtotal, whose code the criteria leave out, or the spare row) is in, so
 * that a row inserted at the end of the group still counts.
 */
export function subtotalRows(codes: readonly string[], index: number, firstRow: number, lastRow: number): { first: number; last: number } {
  const prefix = codes[index]!;
  let end = index;
  while (end + 1 < codes.length && codes[end + 1]!.startsWith(prefix)) end++;
  return { first: firstRow + index + 1, last: Math.min(firstRow + end + 1, lastRow) };
}

/** The code range of the 项 under a prefix: 201 → 2010000–2019999; 20103 → 2010300–2010399; '' → every 项. */
export function itemRange(prefix: string): [number, number] {
  if (prefix === '') return [1_000_000, 9_999_999];
  const pad = 7 - prefix.length;
  const low = Number(prefix) * 10 ** pad;
  return [low, low + 10 ** pad - 1];
}

/** 类 → 款 → 项 rows (national): each 类 and 款 once, before its first 项. */
function nestedRows(items: readonly ListItem[], names: Readonly<Record<string, string>>): ListItem[] {
  const out: ListItem[] = [];
  const seen = new Set<string>();
  for (const it of [...items].sort((a, b) => a.code.localeCompare(b.code))) {
    for (const p of [it.code.slice(0, 3), it.code.slice(0, 5)]) {
      if (seen.has(p)) continue;
      seen.add(p);
      out.push({ code: p, name: names[p] ?? '' });
    }
    out.push(it);
  }
  return out;
}

/** What the spare row's code cell says when selected: how a 科目 is added so that every total still takes it in (not printed). */
export const NEW_ITEM_NOTE = '新增科目：在本行填写 7 位编码、名称和金额；还要新增时，在本行上方插入行再填写。';

/** A derived column's formula on a row: the sum of its parts, or 年初 + 收入 − 支出. */
function rowFormula(derive: NonNullable<ListColumn['derive']>, row: number, col: (key: string) => number): string {
  if ('sum' in derive) return `SUM(${derive.sum.map((k) => rel(row, col(k))).join(',')})`;
  const [a, p, m] = derive.flow;
  return `${rel(row, col(a))}+${rel(row, col(p))}-${rel(row, col(m))}`;
}

/** The cell of an amount column on a 项 row: typed, or its formula. */
function itemCell(spec: ListSpec, c: ListColumn, row: number, itemCode: string, col: (key: string) => number): PlanCell {
  if (!c.derive) return itemCode ? input({ table: spec.role, row: `code:${itemCode}`, col: c.key }) : input();
  return formula(rowFormula(c.derive, row, col));
}

/**
 * A total or subtotal row's cell: a typed column summed down (SUMIFS over
 * the code range), a derived column across (the row's own parts), so that a
 * row inserted without formulas still counts in every total.
 */
function sumCell(c: ListColumn, row: number, col: (key: string) => number, down: (key: string) => string, make: (f: string) => PlanCell): PlanCell {
  return make(c.derive ? rowFormula(c.derive, row, col) : down(c.key));
}

export function listTable(spec: ListSpec): { sheet: PlanSheet; refs: ListRefs } {
  const width = 2 + spec.columns.length;
  const b = new SheetBuilder(spec.sheet, width);
  const top = b.row;
  b.titleBlock(spec);
  const headTop = b.row;
  const depth = Math.max(spec.labelHeader.length, ...spec.columns.map((c) => c.header.length));
  for (let h = 0; h < depth; h++) {
    const [c0, c1] = spec.labelHeader[h] ?? ['', ''];
    b.line([c0 || null, c1 || null, ...spec.columns.map((c) => c.header[h] || null)]);
  }
  for (const [t, l, bt, r] of spec.headerMerges) b.merge(headTop + t, l, headTop + bt, r);
  if (spec.lanes) b.line([lane('栏次'), null, ...spec.columns.map((_, i) => lane(i + 1))]);
  const colOf = new Map(spec.columns.map((c, i) => [c.key, 2 + i] as const));
  const col = (key: string) => {
    const c = colOf.get(key);
    if (c === undefined) throw new Error(`${spec.id} has no column ${key}`);
    return c;
  };
  const rows = spec.nested ? nestedRows(spec.items, spec.names) : [...spec.items];
  // 合计 first or last; the 科目 rows; spare rows inside the sums' range. A list with no 科目 gets two:
  // with one, its range would be that row alone, and a row inserted above it (at the range's top) would be outside.
  const spares = rows.length > 0 ? 1 : 2;
  const first = spec.totalFirst ? b.row + 1 : b.row;
  const last = first + rows.length + spares - 1;
  const byKey = new Map(spec.columns.map((c) => [c.key, c] as const));
  const parts = (key: string): string[] => {
    const d = byKey.get(key)?.derive;
    return d && 'sum' in d ? d.sum.flatMap(parts) : [key];
  };
  const refs: ListRefs = { sheet: spec.sheet, first, last, codeCol: 0, col, parts, totalRow: spec.totalFirst ? b.row : last + 1 };
  const writeTotal = () => {
    const [from, to] = itemRange('');
    const r = b.row;
    const down = (key: string) => sumIfsOver({ sheet: spec.sheet, first, last, codeCol: 0, amountCol: col(key) }, from, to, spec.sheet);
    b.line([null, label('合计'), ...spec.columns.map((c) => sumCell(c, r, col, down, total))]);
  };
  if (spec.totalFirst) writeTotal();
  const codes = rows.map((it) => it.code);
  rows.forEach((it, i) => {
    const r = b.row;
    const subtotal = it.code.length < 7;
    const [from, to] = itemRange(it.code);
    const group = subtotal ? subtotalRows(codes, i, first, last) : undefined;
    b.line([
      // A 项's code and name stay open: renamed when the 科目表 changes, and copied typeable into a row inserted below.
      subtotal ? code(it.code) : { ...code(it.code), open: true },
      it.name || !subtotal ? { ...label(it.name), ...(subtotal ? {} : { open: true }) } : text(),
      ...spec.columns.map((c) =>
        group
          ? sumCell(c, r, col, (key) => sumIfsOver({ ...group, sheet: spec.sheet, codeCol: 0, amountCol: col(key) }, from, to, spec.sheet), formula)
          : itemCell(spec, c, r, it.code, col),
      ),
    ]);
  });
  // The spare rows: blank, typed into like any 项 row, inside every SUMIFS range.
  for (let k = 0; k < spares; k++) {
    const spare = b.row;
    b.line([{ role: 'text', validation: 'code', prompt: NEW_ITEM_NOTE }, text(), ...spec.columns.map((c) => itemCell(spec, c, spare, '', col))]);
  }
  if (!spec.totalFirst) writeTotal();
  b.notes(spec.notes);
  b.table(spec.id, top, b.row - 1);
  return {
    sheet: b.build({ widths: [12, 32, ...spec.columns.map(() => 14)], freezeRows: headTop + depth + (spec.lanes ? 1 : 0), landscape: spec.columns.length > 5 }),
    refs,
  };
}
