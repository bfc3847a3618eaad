/**
 * Evaluates rule definitions over the tables' figures.
 *
 * Verdicts by interval reasoning (as XBRL Calculations 1.1): a figure
 * written with 2 decimals of 万元 stands for [x − 0.005, x + 0.005]; a
 * blank cell is an exact 0. A relation that fails on the figures but holds
 * for some values inside their intervals is a rounding difference (尾数误差);
 * one that cannot hold for any of them is an error.
 */
import type { CellRef } from '../grid/grid';
import { refA1 } from '../grid/a1';
import { fenToWan } from '../numbers/amount';
import type { TableRole } from '../templates/types';
import { classByCode } from '../templates/subjects';
import type { FigureCell, TableSet, TableValues } from './table-values';
import type { Loop, Ref, RuleDef, Severity, Term } from './types';
import { type Finding, relationMessage } from './finding';

export type Binding = Readonly<Record<string, string>>;

/** Keys split once into literal text and placeholders: 'code:$code' → ['code:', 'code']. */
const templates = new Map<string, string[]>();
function fill(s: string, b: Binding): string {
  if (!s.includes('$')) return s;
  let parts = templates.get(s);
  if (!parts) {
    parts = s.split(/\$(row|col|cls|code)/);
    templates.set(s, parts);
  }
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += (b[parts[i]!] ?? `$${parts[i]}`) + parts[i + 1]!;
  return out;
}

/** Nearest printed ancestor of each 科目 row, by code prefix. */
const parentsCache = new WeakMap<TableValues, Map<string, string | undefined>>();
function parentOf(t: TableValues): Map<string, string | undefined> {
  let m = parentsCache.get(t);
  if (m) return m;
  m = new Map();
  const codes = new Set(t.items.map((i) => i.code));
  for (const it of t.items) {
    let p: string | undefined;
    for (let len = it.code.length - 1; len >= 3; len--) {
      const cand = it.code.slice(0, len);
      if (codes.has(cand)) {
        p = cand;
        break;
      }
    }
    m.set(it.rowKey, p);
  }
  parentsCache.set(t, m);
  return m;
}

function codeOfKey(key: string): string | undefined {
  const m = /^code:(\d+)/.exec(key);
  return m?.[1];
}

/**
 * A relation that cannot be judged: a column the table should have was not
 * recognised, or a sum runs over rows of which some could not be read.
 * Counting those as 0 would report false errors; the mapping reports them
 * instead (M03, M04).
 */
const UNJUDGEABLE = Symbol('unjudgeable');
type Resolved = FigureCell[] | undefined | typeof UNJUDGEABLE;

function hasColumn(t: TableValues, col: string): boolean {
  return t.mapped.layout === 'economic-blocks' || t.mapped.columns.some((c) => c.key === col);
}

/** Rows the mapping saw holding amounts but could not place: sums over the table are incomplete. */
function incomplete(t: TableValues): boolean {
  return t.mapped.unplaced.length > 0;
}

/** The cells a reference stands for; undefined when its row is not in the table (or the table is missing). */
function resolve(ref: Ref, b: Binding, tables: TableSet): Resolved {
  const t = tables.get(ref.table);
  if (!t) return undefined;
  const col = fill(ref.col, b);
  if (!hasColumn(t, col)) return UNJUDGEABLE;
  if (ref.t !== 'cell' && incomplete(t)) return UNJUDGEABLE;
  const pick = (rowKeys: string[]) => {
    const out = rowKeys.map((k) => t.get(k, col)).filter((x): x is FigureCell => x !== undefined);
    return out;
  };
  switch (ref.t) {
    case 'cell': {
      const c = t.get(fill(ref.row, b), col);
      return c ? [c] : undefined;
    }
    case 'keyed':
      return pick(t.rowKeys.filter((k) => k.startsWith(ref.keyPrefix)));
    case 'top': {
      const parents = parentOf(t);
      return pick(t.items.filter((i) => parents.get(i.rowKey) === undefined).map((i) => i.rowKey));
    }
    case 'children': {
      const row = fill(ref.row, b);
      const code = codeOfKey(row);
      if (!code) return undefined;
      const parents = parentOf(t);
      const kids = t.items.filter((i) => parents.get(i.rowKey) === code && i.rowKey !== row).map((i) => i.rowKey);
      return kids.length ? pick(kids) : undefined;
    }
    case 'cover': {
      const prefix = fill(ref.prefix, b);
      const own = t.items.find((i) => i.code === prefix);
      if (own) return pick([own.rowKey]);
      const parents = parentOf(t);
      return pick(
        t.items
          .filter((i) => i.code.startsWith(prefix) && i.code !== prefix)
          .filter((i) => {
            const p = parents.get(i.rowKey);
            return p === undefined || p.length < prefix.length;
          })
          .map((i) => i.rowKey),
      );
    }
  }
}

function bindings(loops: readonly Loop[] | undefined, tables: TableSet): Binding[] {
  let out: Binding[] = [{}];
  for (const loop of loops ?? []) {
    const next: Binding[] = [];
    const values = loopValues(loop, tables);
    for (const b of out) for (const v of values) next.push({ ...b, ...v });
    out = next;
  }
  return out;
}

function loopValues(loop: Loop, tables: TableSet): Binding[] {
  switch (loop.over) {
    case 'cols':
      return loop.cols.map((c) => ({ col: c }));
    case 'rows': {
      const t = tables.get(loop.table);
      if (!t) return [];
      if (loop.which === 'all') return t.rowKeys.map((row) => ({ row }));
      const parents = parentOf(t);
      const withKids = new Set([...parents.values()].filter((p): p is string => p !== undefined));
      return t.items.filter((i) => withKids.has(i.code) && !i.rowKey.includes('#')).map((i) => ({ row: i.rowKey }));
    }
    case 'codes': {
      const t = tables.get(loop.table);
      if (!t) return [];
      return t.items.filter((i) => !i.rowKey.includes('#')).map((i) => ({ code: i.code }));
    }
    case 'classes': {
      const set = new Set<string>();
      for (const role of loop.tables) {
        const t = tables.get(role);
        if (!t) continue;
        for (const k of t.rowKeys) if (k.startsWith('cls:')) set.add(k.slice(4));
        for (const i of t.items) set.add(i.code.slice(0, 3));
      }
      return [...set].sort().map((cls) => ({ cls }));
    }
  }
}

export interface Side {
  readonly fen: number;
  readonly halfWidth: number;
  readonly cells: FigureCell[];
  readonly nonEmpty: number;
}

function sum(terms: ReadonlyArray<{ cells: FigureCell[]; sign: 1 | -1 }>): Side {
  let fen = 0;
  let halfWidth = 0;
  let nonEmpty = 0;
  const cells: FigureCell[] = [];
  for (const t of terms) {
    for (const c of t.cells) {
      fen += t.sign * c.figure.fen;
      halfWidth += c.figure.halfWidth;
      if (!c.empty) nonEmpty++;
      cells.push(c);
    }
  }
  return { fen, halfWidth, cells, nonEmpty };
}

/**
 * Describes what a binding is about, for the message: 科目 2010301 行政运行, 210 卫生健康支出, “基本支出”栏
 * (in English: total row, row “收入总计”, column “基本支出”; 科目 and 类 keep their Chinese names).
 */
function subject(rule: RuleDef, b: Binding, tables: TableSet): { zh: string; en: string } {
  const zh: string[] = [];
  const en: string[] = [];
  const both = (s: string) => {
    zh.push(s);
    en.push(s);
  };
  const firstTable = (rule.lhs[0]?.ref.table ?? 'summary') as TableRole;
  if (b.row !== undefined) {
    if (b.row === 'total') {
      zh.push('合计行');
      en.push('total row');
    } else {
      const code = codeOfKey(b.row);
      const t = tables.get(firstTable);
      const item = t?.items.find((i) => i.rowKey === b.row);
      if (code) both(`科目 ${code}${item?.name ? ` ${item.name}` : ''}`);
      else {
        zh.push(`“${b.row}”行`);
        const cls = /^cls:(\d{3})$/.exec(b.row)?.[1];
        en.push(cls ? `${cls} ${classByCode(cls)?.name ?? ''}`.trim() : `row “${b.row}”`);
      }
    }
  }
  if (b.code !== undefined) {
    const t = tables.get(firstTable);
    const item = t?.items.find((i) => i.code === b.code);
    both(`科目 ${b.code}${item?.name ? ` ${item.name}` : ''}`);
  }
  if (b.cls !== undefined) both(`${b.cls} ${classByCode(b.cls)?.name ?? ''}`.trim());
  if (b.col !== undefined) {
    zh.push(`“${b.col}”栏`);
    en.push(`column “${b.col}”`);
  }
  return { zh: zh.join('，'), en: en.join(', ') };
}

function tableIds(rule: RuleDef, tables: TableSet): string[] {
  const ids: string[] = [];
  for (const t of [...rule.lhs, ...rule.rhs]) {
    const id = tables.get(t.ref.table)?.id;
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** One relation of a rule, for one binding of its loops, with the figures on each side. */
export interface Relation {
  readonly rule: RuleDef;
  readonly binding: Binding;
  readonly lhs: Side;
  readonly rhs: Side;
}

/** The relations a rule stands for over these tables (those that can be judged). */
export function listRelations(rule: RuleDef, tables: TableSet): Relation[] {
  const out: Relation[] = [];
  // Several figures of one table summed, while that table has rows that could not be read: the sum is incomplete.
  const perTable = new Map<string, number>();
  for (const t of [...rule.lhs, ...rule.rhs]) perTable.set(t.ref.table, (perTable.get(t.ref.table) ?? 0) + 1);
  if ([...perTable].some(([role, n]) => n > 1 && tables.get(role as TableRole) && incomplete(tables.get(role as TableRole)!))) return out;
  for (const b of bindings(rule.each, tables)) {
    const resolveSide = (terms: readonly Term[]) => terms.map((t) => ({ cells: resolve(t.ref, b, tables), sign: (t.sign ?? 1) as 1 | -1, ref: t.ref }));
    const lhsR = resolveSide(rule.lhs);
    const rhsR = resolveSide(rule.rhs);
    if ([...lhsR, ...rhsR].some((t) => t.cells === UNJUDGEABLE)) continue;
    const lhsMissing = lhsR.every((t) => t.cells === undefined);
    if (lhsMissing) {
      // A row the table does not print counts as 0 only when the table itself was read whole.
      const lt = tables.get(rule.lhs[0]!.ref.table);
      if (!rule.lhsMissingAsZero || !lt || incomplete(lt)) continue;
    }
    if (!lhsMissing && lhsR.some((t) => t.cells === undefined) && rule.strict) continue;
    if (rule.strict && rhsR.some((t) => t.cells === undefined)) continue;
    if (rhsR.every((t) => t.cells === undefined)) {
      const rt = tables.get(rule.rhs[0]!.ref.table);
      if (!rule.rhsMissingAsZero || !rt || incomplete(rt)) continue;
      rhsR.forEach((t) => (t.cells = []));
    }
    const lhsT = lhsR.filter((t) => t.cells !== undefined) as Array<{ cells: FigureCell[]; sign: 1 | -1 }>;
    const rhsT = rhsR.filter((t) => t.cells !== undefined) as Array<{ cells: FigureCell[]; sign: 1 | -1 }>;
    // Text where a number should be is reported once by the input check; the relation cannot be judged.
    if ([...lhsT, ...rhsT].some((t) => t.cells.some((c) => c.invalidText !== undefined))) continue;
    out.push({ rule, binding: b, lhs: sum(lhsT), rhs: sum(rhsT) });
  }
  return out;
}

/** The verdict of one relation: undefined when it holds exactly. */
export function verdictOf(rel: Relation): Severity | undefined {
  const diff = rel.lhs.fen - rel.rhs.fen;
  const tolerance = rel.lhs.halfWidth + rel.rhs.halfWidth;
  if (rel.rule.kind === 'eq') {
    if (diff === 0) return undefined;
    return Math.abs(diff) <= tolerance ? 'rounding' : rel.rule.severity;
  }
  if (diff <= 0) return undefined;
  return diff <= tolerance ? 'rounding' : rel.rule.severity;
}

export function evaluateRule(rule: RuleDef, tables: TableSet): Finding[] {
  const out: Finding[] = [];
  for (const rel of listRelations(rule, tables)) {
    const severity = verdictOf(rel);
    if (!severity) continue;
    const { lhs, rhs } = rel;
    // The checked figure first, then every figure of the other side that holds a number.
    const refs: CellRef[] = [];
    const seen = new Set<string>();
    const addRef = (c: FigureCell) => {
      const k = refA1(c.ref);
      if (!seen.has(k)) {
        seen.add(k);
        refs.push(c.ref);
      }
    };
    lhs.cells.forEach(addRef);
    rhs.cells.filter((c) => !c.empty).forEach(addRef);
    const about = subject(rule, rel.binding, tables);
    out.push(
      relationMessage({
        rule: rule.id,
        severity,
        title: rule.title,
        titleEn: rule.titleEn,
        subject: about.zh,
        subjectEn: about.en,
        tables: tableIds(rule, tables),
        kind: rule.kind,
        expectedFen: rhs.fen,
        actualFen: lhs.fen,
        toleranceFen: lhs.halfWidth + rhs.halfWidth,
        roundedTerms: lhs.nonEmpty + rhs.nonEmpty,
        halfWidths: [...lhs.cells, ...rhs.cells].filter((c) => !c.empty).map((c) => c.figure.halfWidth),
        refs,
      }),
    );
  }
  return out;
}

export function evaluateRules(rules: readonly RuleDef[], tables: TableSet): Finding[] {
  return rules.flatMap((r) => evaluateRule(r, tables));
}

export { fenToWan };
