/**
 * The two summary tables, 收入支出决算总表 (公开01表) and 财政拨款收入支出决算总表
 * (公开04表): 收入 on the left, 支出 on the right, every figure but a few
 * balances taken from the detail tables, so that they cannot disagree.
 *
 *   01 income by source   ← 04 (财政拨款 by fund) and 02's 合计 row
 *   01 expense by 类      ← SUMIFS over 03's 本年支出合计 by 类 code range
 *   04 一般公共预算 income ← 02's 财政拨款收入 合计 − the other two funds
 *   04 基金 (国资)         ← the fund table's 本年收入 / 年初 合计 (国资 typed where the profile prints no income for it)
 *   04 expense by 类 and fund ← SUMIFS over 05 / 基金 / 国资 tables
 *   年末 = 年初 + 收入 − 支出, by fund; 01's 年末结转和结余 balances the table.
 */
import { EXPENSE_CLASSES } from '../templates/subjects';
import { FUNDS } from '../templates/common';
import { type ListRefs, itemRange, sumIfs } from './list-table';
import { type PlanCell, type PlanSheet, SheetBuilder, type TableHead, chineseOrdinal, formula, input, label, lane, ref, rel, total } from './plan';

/** One side of a row: its label, its 行次 (Hunan), its amount cells. */
interface Side {
  readonly label: string;
  readonly lineNo?: number;
  readonly cells: ReadonlyArray<PlanCell | undefined>;
}

interface TwoSidedSpec extends TableHead {
  /** Print 行次 columns and a 栏次 row (Hunan). */
  readonly lines: boolean;
  readonly rightHeaders: readonly string[];
}

/** Column positions of a two-sided table: label | (行次) | amount || label | (行次) | amounts… */
class TwoSidedLayout {
  readonly leftAmount: number;
  readonly rightLabel: number;
  readonly rightAmount: number;
  readonly width: number;
  constructor(lines: boolean, rightColumns: number) {
    const step = lines ? 1 : 0;
    this.leftAmount = 1 + step;
    this.rightLabel = this.leftAmount + 1;
    this.rightAmount = this.rightLabel + 1 + step;
    this.width = this.rightAmount + rightColumns;
  }
}

/** Lays out the rows a builder function gives, each as a left and a right side. */
function twoSided(
  spec: TwoSidedSpec,
  rows: (at: (i: number) => number, L: TwoSidedLayout) => Array<[Side | undefined, Side | undefined]>,
): { sheet: PlanSheet; first: number; layout: TwoSidedLayout } {
  const L = new TwoSidedLayout(spec.lines, spec.rightHeaders.length);
  const b = new SheetBuilder(spec.sheet, L.width);
  const top = b.row;
  b.titleBlock(spec);
  const group = b.line(['收入']);
  b.set(group, L.rightLabel, { role: 'header', value: '支出' });
  b.merge(group, 0, group, L.rightLabel - 1);
  b.merge(group, L.rightLabel, group, L.width - 1);
  const amountHeader = spec.lines ? '金额' : '决算数';
  b.line(spec.lines ? ['项目', '行次', amountHeader, '项目', '行次', ...spec.rightHeaders] : ['项目', amountHeader, '项目', ...spec.rightHeaders]);
  if (spec.lines) {
    const lanes = spec.rightHeaders.map((_, i) => lane(2 + i));
    b.line([lane('栏次'), null, lane(1), lane('栏次'), null, ...lanes]);
  }
  const first = b.row;
  const built = rows((i) => first + i, L);
  for (const [left, right] of built) {
    const cells: Array<PlanCell | null> = Array.from({ length: L.width }, () => null);
    if (left) {
      cells[0] = label(left.label);
      if (spec.lines) cells[1] = left.lineNo === undefined ? null : lane(left.lineNo);
      cells[L.leftAmount] = left.cells[0] ?? null;
    }
    if (right) {
      cells[L.rightLabel] = label(right.label);
      if (spec.lines) cells[L.rightLabel + 1] = right.lineNo === undefined ? null : lane(right.lineNo);
      right.cells.forEach((c, i) => (cells[L.rightAmount + i] = c ?? null));
    }
    b.line(cells);
  }
  b.notes(spec.notes);
  b.table(spec.id, top, b.row - 1);
  const widths = spec.lines ? [30, 6, 14, 30, 6, ...spec.rightHeaders.map(() => 14)] : [30, 14, 30, ...spec.rightHeaders.map(() => 14)];
  return { sheet: b.build({ widths, freezeRows: first, landscape: spec.rightHeaders.length > 1 }), first, layout: L };
}

export interface SummaryInputs {
  readonly head: TableHead;
  readonly lines: boolean;
  readonly classCodes: readonly string[];
  readonly income: ListRefs;
  readonly expense: ListRefs;
  /** The 财政拨款收入支出决算总表's fund incomes. */
  readonly fiscal: FiscalRefs;
}

const INCOME_SOURCES = ['上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'];

const className = (code: string) => EXPENSE_CLASSES.find((c) => c.code === code)?.name ?? code;

/** 公开01表 收入支出决算总表. */
export function summaryTable(o: SummaryInputs): PlanSheet {
  const here = o.head.sheet;
  const at = (key: string) => ({ table: 'summary' as const, row: key, col: '金额' });
  const incomeLabels = [...FUNDS.map((f) => `${f.key}收入`), ...INCOME_SOURCES];
  const rowsOfClasses = o.classCodes.length;
  return twoSided(
    { ...o.head, lines: o.lines, rightHeaders: [o.lines ? '金额' : '决算数'] },
    (row, L) => {
      const amount = (r: number) => rel(r, L.leftAmount);
      const spent = (r: number) => rel(r, L.rightAmount);
      const out: Array<[Side | undefined, Side | undefined]> = [];
      const body = Math.max(rowsOfClasses, incomeLabels.length);
      for (let i = 0; i < body; i++) {
        const inc = incomeLabels[i];
        const incomeCell = (): PlanCell =>
          i < FUNDS.length
            ? formula(ref(o.fiscal.sheet, o.fiscal.incomeRows[i]!, o.fiscal.incomeCol, here))
            : formula(ref(o.income.sheet, o.income.totalRow, o.income.col(INCOME_SOURCES[i - FUNDS.length]!), here));
        const cls = o.classCodes[i];
        const [from, to] = cls ? itemRange(cls) : [0, 0];
        out.push([
          inc ? { label: `${chineseOrdinal(i + 1)}、${inc}`, lineNo: i + 1, cells: [incomeCell()] } : o.lines ? { label: '', lineNo: i + 1, cells: [] } : undefined,
          cls ? { label: `${chineseOrdinal(i + 1)}、${className(cls)}`, lineNo: 31 + i, cells: [formula(sumIfs(o.expense, '本年支出合计', from, to, here))] } : undefined,
        ]);
      }
      const incomeTotal = row(body);
      const grand = row(body + 3);
      out.push([
        { label: '本年收入合计', lineNo: 27, cells: [total(`SUM(${amount(row(0))}:${amount(row(body - 1))})`)] },
        { label: '本年支出合计', lineNo: 57, cells: [total(`SUM(${spent(row(0))}:${spent(row(body - 1))})`)] },
      ]);
      out.push([
        { label: o.lines ? '使用非财政拨款结余（含专用结余）' : '使用非财政拨款结余', lineNo: 28, cells: [input(at('使用非财政拨款结余'))] },
        { label: '结余分配', lineNo: 58, cells: [{ ...input(at('结余分配')), validation: 'signed' }] },
      ]);
      out.push([
        { label: '年初结转和结余', lineNo: 29, cells: [{ ...input(at('年初结转和结余')), validation: 'signed' }] },
        // 年末 balances the table: what came in and was carried, less what was spent and distributed.
        { label: '年末结转和结余', lineNo: 59, cells: [formula(`${amount(grand)}-${spent(incomeTotal)}-${spent(incomeTotal + 1)}`)] },
      ]);
      out.push([
        { label: '总计', lineNo: 30, cells: [total(`SUM(${amount(incomeTotal)}:${amount(incomeTotal + 2)})`)] },
        { label: '总计', lineNo: 60, cells: [total(`SUM(${spent(incomeTotal)}:${spent(incomeTotal + 2)})`)] },
      ]);
      return out;
    },
  ).sheet;
}

export interface FiscalInputs {
  readonly head: TableHead;
  readonly lines: boolean;
  readonly classCodes: readonly string[];
  readonly income: ListRefs;
  readonly gpb: ListRefs;
  readonly fund: ListRefs;
  readonly soe: ListRefs;
  /** Whether the 国资 table prints 年初 and 本年收入 (national); otherwise they are typed here. */
  readonly soeHasIncome: boolean;
}

/** Where 公开01表 finds 公开04表's income by fund. */
export interface FiscalRefs {
  readonly sheet: string;
  readonly incomeRows: readonly number[];
  readonly incomeCol: number;
}

/** 公开04表 财政拨款收入支出决算总表. */
export function fiscalSummaryTable(o: FiscalInputs): { sheet: PlanSheet; refs: FiscalRefs } {
  const here = o.head.sheet;
  // Each fund's detail table, and its spending column (合计 in all three).
  const fundTables = [o.gpb, o.fund, o.soe];
  const fundRef = (refs: ListRefs, key: string) => ref(refs.sheet, refs.totalRow, refs.col(key), here);
  const laid = twoSided(
    { ...o.head, lines: o.lines, rightHeaders: ['合计', ...FUNDS.map((f) => f.key)] },
    (row, L) => {
      const amount = (r: number) => rel(r, L.leftAmount);
      const fundCol = (i: number) => L.rightAmount + 1 + i;
      const sumFunds = (r: number) => formula(`SUM(${rel(r, fundCol(0))}:${rel(r, fundCol(FUNDS.length - 1))})`);
      const at = (key: string, col = '金额') => ({ table: 'fiscalSummary' as const, row: key, col });
      const out: Array<[Side | undefined, Side | undefined]> = [];
      const body = Math.max(o.classCodes.length, FUNDS.length);
      const soeIncome = o.soeHasIncome ? formula(fundRef(o.soe, '本年收入')) : input(at(FUNDS[2].key));
      const incomeCells: PlanCell[] = [
        // 一般公共预算: what 收入决算表 counts as 财政拨款收入, less the other two funds.
        formula(`${fundRef(o.income, '财政拨款收入')}-${amount(row(1))}-${amount(row(2))}`),
        formula(fundRef(o.fund, '本年收入')),
        soeIncome,
      ];
      for (let i = 0; i < body; i++) {
        const cls = o.classCodes[i];
        const [from, to] = cls ? itemRange(cls) : [0, 0];
        const r = row(i);
        out.push([
          i < FUNDS.length ? { label: `${chineseOrdinal(i + 1)}、${FUNDS[i]!.key}`, lineNo: i + 1, cells: [incomeCells[i]] } : o.lines ? { label: '', lineNo: i + 1, cells: [] } : undefined,
          cls
            ? {
                label: `${chineseOrdinal(i + 1)}、${className(cls)}`,
                lineNo: 33 + i,
                cells: [sumFunds(r), ...fundTables.map((t, k) => formula(sumIfs(t, '合计', from, to, here)))],
              }
            : undefined,
        ]);
      }
      const incomeTotal = row(body);
      const opening = row(body + 1);
      const spentCol = (k: number) => L.rightAmount + k;
      const colSum = (k: number) => total(`SUM(${rel(row(0), spentCol(k))}:${rel(row(body - 1), spentCol(k))})`);
      out.push([
        { label: '本年收入合计', lineNo: 27, cells: [total(`SUM(${amount(row(0))}:${amount(row(FUNDS.length - 1))})`)] },
        { label: '本年支出合计', lineNo: 59, cells: [0, 1, 2, 3].map(colSum) },
      ]);
      // 年末 by fund: 年初 + 收入 − 支出 of that fund; 合计 their sum.
      const closing = (k: number) => formula(`${amount(opening + 1 + k)}+${amount(row(k))}-${rel(incomeTotal, fundCol(k))}`);
      out.push([
        { label: '年初财政拨款结转和结余', lineNo: 28, cells: [total(`SUM(${amount(opening + 1)}:${amount(opening + FUNDS.length)})`)] },
        { label: '年末财政拨款结转和结余', lineNo: 60, cells: [sumFunds(opening), ...FUNDS.map((_, k) => closing(k))] },
      ]);
      const openingCells: PlanCell[] = [
        { ...input(at(`年初.${FUNDS[0].key}`)), validation: 'signed' },
        formula(fundRef(o.fund, '年初结转和结余')),
        o.soeHasIncome ? formula(fundRef(o.soe, '年初结转和结余')) : { ...input(at(`年初.${FUNDS[2].key}`)), validation: 'signed' },
      ];
      FUNDS.forEach((f, k) => {
        // Each fund's 年末 under 合计 and under its own column, so that every row's 合计 is the sum of its funds.
        const own = formula(rel(opening, fundCol(k)));
        const cells: Array<PlanCell | undefined> = [own, ...FUNDS.map((_, j) => (j === k ? own : undefined))];
        out.push([
          { label: o.lines ? f.key : `${chineseOrdinal(k + 1)}、${f.key}`, lineNo: 29 + k, cells: [openingCells[k]] },
          { label: '', lineNo: 61 + k, cells },
        ]);
      });
      out.push([
        { label: '总计', lineNo: 32, cells: [total(`${amount(incomeTotal)}+${amount(opening)}`)] },
        { label: '总计', lineNo: 64, cells: [0, 1, 2, 3].map((k) => total(`${rel(incomeTotal, spentCol(k))}+${rel(opening, spentCol(k))}`)) },
      ]);
      return out;
    },
  );
  return { sheet: laid.sheet, refs: { sheet: o.head.sheet, incomeRows: FUNDS.map((_, i) => laid.first + i), incomeCol: laid.layout.leftAmount } };
}
