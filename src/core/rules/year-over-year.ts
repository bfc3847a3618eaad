/**
 * Year over year: every line of this year's tables against the same line of
 * last year's, a warning where it moved by more than the threshold (10 % and
 * 1 万元 by default) and no reason is written for it — neither in 说明数据's
 * 原因 rows nor in the 情况说明. A finance bureau asks for that reason; the
 * accountant should not learn it from them.
 *
 * Only warnings: a change is no error, and a reason written in words the
 * search does not recognise would make an error wrong.
 */
import type { CellRef } from '../grid/grid';
import type { Fen } from '../numbers/amount';
import { FEN_PER_WAN } from '../numbers/amount';
import { formatWan } from '../numbers/parse';
import type { WrittenNarrative } from '../narrative/check-text';
import { classByCode } from '../templates/subjects';
import type { TableRole } from '../templates/types';
import { type Finding, plainFinding } from './finding';
import type { TableSet, TableValues } from './table-values';

export interface YearOverYearThreshold {
  /** A change counts above this share of last year's figure (0.1 = 10 %)… */
  readonly rate: number;
  /** …and above this amount (分, the core's unit: 1 万元 = FEN_PER_WAN). */
  readonly amount: Fen;
}

export const DEFAULT_YEAR_OVER_YEAR: YearOverYearThreshold = { rate: 0.1, amount: FEN_PER_WAN };

export interface YearOverYearOptions {
  readonly threshold?: YearOverYearThreshold;
  /** 说明数据's reasons by slot (一, 五(三):2010301, 九(一):公务接待费 …). */
  readonly reasons?: Readonly<Record<string, string>>;
  /** The narrative written in the workbook (or given), where a reason may stand instead. */
  readonly written?: WrittenNarrative;
}

/** A line compared: where it is, what it is called, and where its reason would be written. */
interface Line {
  readonly table: TableRole;
  readonly row: string;
  readonly col: string;
  readonly name: string;
  /** 说明数据 reason slots that explain it; their section (the part before “(” or “:”) is where the narrative explains it. */
  readonly slots: readonly string[];
  /** Words the narrative names it by (the name, the code). */
  readonly words: readonly string[];
  /** One warning per 项, however many tables print it: the first (一般公共预算, then 支出, then 收入) where it moved. */
  readonly once?: string;
}

const SG_ITEMS = ['因公出国（境）费', '公务用车购置费', '公务用车运行维护费', '公务接待费'];

/** The lines of a set of tables that have a previous year's counterpart to compare with. */
function linesOf(tables: TableSet, previous: TableSet): Line[] {
  const out: Line[] = [];
  const fixed = (table: TableRole, row: string, col: string, name: string, slots: string[], words: string[] = [name]) => out.push({ table, row, col, name, slots, words });
  fixed('summary', '收入总计', '金额', '收支总计', ['一'], ['收支总计', '收入支出总计', '总计']);
  fixed('summary', '本年收入合计', '金额', '本年收入合计', ['二'], ['收入合计']);
  fixed('summary', '本年支出合计', '金额', '本年支出合计', ['三'], ['支出合计']);
  fixed('fiscalSummary', '收入总计', '金额', '财政拨款收支总计', ['四'], ['财政拨款收入支出总计', '财政拨款收支总计', '总计']);
  fixed('gpbExpense', 'total', '合计', '一般公共预算财政拨款支出', ['五(一)'], ['财政拨款支出', '一般公共预算财政拨款支出']);
  fixed('gpbBasic', '人员经费合计', '决算数', '人员经费', ['六'], ['人员经费']);
  fixed('gpbBasic', '公用经费合计', '决算数', '公用经费', ['六', '十', '十一(一)'], ['公用经费', '机关运行经费']);
  fixed('threePublic', 'data', '决算.合计', '“三公”经费', ['九', '七(一)', '七(一):上年'], ['三公']);
  for (const item of SG_ITEMS) fixed('threePublic', 'data', `决算.${item}`, item, [`九(一):${item}`, '九', '七(一)'], [item.replace('（境）', ''), item]);
  // 类 of 01: a class that doubled or vanished wants its reason in 五(二).
  const classKeys = new Set([...(tables.get('summary')?.rowKeys ?? []), ...(previous.get('summary')?.rowKeys ?? [])].filter((k) => k.startsWith('cls:')));
  for (const k of classKeys) {
    const name = classByCode(k.slice(4))?.name ?? k.slice(4);
    fixed('summary', k, '金额', name, ['五(二)', '三'], [name, name.replace(/支出$/, '')]);
  }
  // 项 of the 功能分类 tables, with the column each publishes as its amount.
  const items: Array<[TableRole, string, (code: string) => string[]]> = [
    ['gpbExpense', '合计', (code) => [`五(三):${code}`, '五(三)']],
    ['expense', '本年支出合计', () => ['三']],
    ['income', '本年收入合计', () => ['二']],
  ];
  for (const [table, col, slots] of items) {
    const codes = new Map<string, string>();
    for (const t of [previous.get(table), tables.get(table)]) for (const it of t?.items ?? []) if (it.code.length === 7) codes.set(it.code, it.name || codes.get(it.code) || '');
    for (const [code, name] of codes) out.push({ table, row: `code:${code}`, col, name: `${code} ${name}`.trim(), slots: slots(code), words: [code, name].filter(Boolean), once: code });
  }
  return out;
}

const REASON_WORDS = /原因|因为|由于|主要是|主要用于|系|在于/;
const PLACEHOLDER = /【[^】]*】/;

/** A reason written for the line: in 说明数据, or in a narrative paragraph of its section (or any) that names it and gives a reason. */
function explained(line: Line, opts: YearOverYearOptions): boolean {
  const reasons = opts.reasons ?? {};
  if (line.slots.some((s) => (reasons[s] ?? '').trim() !== '' && !PLACEHOLDER.test(reasons[s]!))) return true;
  const w = opts.written;
  if (!w) return false;
  const sections = new Set(line.slots.map((s) => s.replace(/[(:].*$/, '')));
  const paragraphs = [...w.sections].flatMap(([key, ps]) => ps.map((p) => ({ section: key.replace(/\(.*$/, ''), text: p.text })));
  return paragraphs.some((p) => {
    if (!REASON_WORDS.test(p.text) || PLACEHOLDER.test(p.text)) return false;
    // A section's own paragraphs speak of its totals; elsewhere the line must be named.
    return line.words.some((word) => p.text.includes(word)) || (sections.has(p.section) && !line.row.startsWith('code:'));
  });
}

const fenOf = (t: TableValues | undefined, row: string, col: string) => {
  const c = t?.get(row, col);
  return c && c.invalidText === undefined ? c : undefined;
};

/** Compares this year's tables with last year's; warnings only. */
export function compareWithPrevious(current: TableSet, previous: TableSet, opts: YearOverYearOptions = {}): Finding[] {
  const threshold = opts.threshold ?? DEFAULT_YEAR_OVER_YEAR;
  const out: Finding[] = [];
  const warned = new Set<string>();
  for (const line of linesOf(current, previous)) {
    if (line.once && warned.has(line.once)) continue;
    const now = fenOf(current.get(line.table), line.row, line.col);
    const before = fenOf(previous.get(line.table), line.row, line.col);
    // Both tables must exist; a line missing on one side is 0 there (a 科目 added or dropped).
    if (!current.get(line.table) || !previous.get(line.table)) continue;
    const a = now?.figure.fen ?? 0;
    const b = before?.figure.fen ?? 0;
    const d = a - b;
    if (Math.abs(d) <= threshold.amount) continue;
    if (b !== 0 && Math.abs(d) <= Math.abs(b) * threshold.rate) continue;
    if (line.once) warned.add(line.once);
    if (explained(line, opts)) continue;
    const ref: CellRef | undefined = now?.ref ?? current.get(line.table)?.get('total', line.col)?.ref;
    const id = current.get(line.table)!.id;
    const change = b === 0 ? '上年为 0' : `${d > 0 ? '增长' : '下降'} ${((Math.abs(d) / Math.abs(b)) * 100).toFixed(1)}%`;
    const changeEn = b === 0 ? 'nothing last year' : `${d > 0 ? 'up' : 'down'} ${((Math.abs(d) / Math.abs(b)) * 100).toFixed(1)}%`;
    const where = line.slots[0] ? `“说明数据”的“原因 ${line.slots[0].replace(':', ' ')}”行` : '情况说明';
    const pct = `${Math.round(threshold.rate * 100)}%`;
    const limit = formatWan(threshold.amount, { trimZeros: true });
    out.push(
      plainFinding(
        'Y01',
        'warning',
        {
          zh: `${id} ${line.name}：本年 ${formatWan(a)} 万元，上年 ${formatWan(b)} 万元，${d > 0 ? '增加' : '减少'} ${formatWan(Math.abs(d))} 万元（${change}），变动超过 ${pct} 且超过 ${limit} 万元，但“说明数据”和情况说明中都没有写明原因。请在${where}或情况说明中说明。`,
          en: `${id} ${line.name}: ${formatWan(a)} 万元 this year, ${formatWan(b)} last year, ${d > 0 ? 'up' : 'down'} ${formatWan(Math.abs(d))} (${changeEn}); the change exceeds ${pct} and ${limit} 万元 but no reason is written in 说明数据 or in the narrative.`,
        },
        ref ? [ref] : [],
        [id],
      ),
    );
  }
  return out;
}
