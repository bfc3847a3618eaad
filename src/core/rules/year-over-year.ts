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
import type { ProfileId, TableRole } from '../templates/types';
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
  /** 说明数据's reasons by slot (一, 九(一):公务接待费, 上年:2120399 …). */
  readonly reasons?: Readonly<Record<string, string>>;
  /** The narrative written in the workbook (or given), where a reason may stand instead. */
  readonly written?: WrittenNarrative;
  /** Which template's sentences compare with last year (their reason slots differ). */
  readonly profile?: ProfileId;
  /** Who and which year each workbook says it is, to tell a wrong file from a change. */
  readonly current?: { readonly department?: string; readonly year?: number };
  readonly previousOf?: { readonly department?: string; readonly year?: number };
}

/** A line compared: where it is, what it is called, and where its reason would be written. */
interface Line {
  readonly table: TableRole;
  readonly row: string;
  readonly col: string;
  readonly name: string;
  /** The narrative's 与上年相比 reason slots for it (一, 四, 九(一):公务接待费): its sentence asks for the reason there. */
  readonly slots: readonly string[];
  /** Its 说明数据 row “原因 上年 …” (上年:2120399), for a line no sentence compares with last year. */
  readonly own: string;
  /** Words the narrative names it by (the name, the code). */
  readonly words: readonly string[];
  /** One warning per 项, however many tables print it: the first (一般公共预算, then 支出, then 收入) where it moved. */
  readonly once?: string;
  /** A 类 of 公开01表: left unsaid when the 项 warned of in it account for its change. */
  readonly classCode?: string;
}

const SG_ITEMS = ['因公出国（境）费', '公务用车购置费', '公务用车运行维护费', '公务接待费'];

/** The lines compared, each with where the template's sentences ask for its reason. */
function linesOf(tables: TableSet, previous: TableSet, profile: ProfileId): Line[] {
  const national = profile === 'national-2024';
  const out: Line[] = [];
  const fixed = (table: TableRole, row: string, col: string, name: string, slots: string[], words: string[] = [name]) => out.push({ table, row, col, name, slots, own: `上年:${name}`, words });
  // The sentences that compare with last year: 一 收支总计, 四 财政拨款收支总计, 五(一) 一般公共预算财政拨款支出, the 三公 (and, nationally, 机关运行经费).
  fixed('summary', '收入总计', '金额', '收支总计', ['一'], ['收支总计', '收入支出总计']);
  fixed('fiscalSummary', '收入总计', '金额', '财政拨款收支总计', ['四'], ['财政拨款收入支出总计', '财政拨款收支总计']);
  fixed('gpbExpense', 'total', '合计', '一般公共预算财政拨款支出', ['五(一)'], ['财政拨款支出', '一般公共预算财政拨款支出']);
  fixed('threePublic', 'data', '决算.合计', '“三公”经费', [national ? '七(一):上年' : '九'], ['三公']);
  for (const item of SG_ITEMS) fixed('threePublic', 'data', `决算.${item}`, item, national ? [] : [`九(一):${item}`], [item.replace('（境）', ''), item]);
  fixed('gpbBasic', '人员经费合计', '决算数', '人员经费', [], ['人员经费']);
  fixed('gpbBasic', '公用经费合计', '决算数', '公用经费', national ? ['十一(一)'] : [], ['公用经费', '机关运行经费']);
  // 类 of 01, then 项 of the 功能分类 tables: no sentence compares them with last year; their reasons go in 说明数据 (原因 上年 …) or the narrative.
  const classKeys = new Set([...(tables.get('summary')?.rowKeys ?? []), ...(previous.get('summary')?.rowKeys ?? [])].filter((k) => k.startsWith('cls:')));
  for (const k of classKeys) {
    const code = k.slice(4);
    const name = classByCode(code)?.name ?? code;
    out.push({ table: 'summary', row: k, col: '金额', name, slots: [], own: `上年:${name}`, words: [name, name.replace(/支出$/, '')], classCode: code });
  }
  const items: Array<[TableRole, string]> = [
    ['gpbExpense', '合计'],
    ['expense', '本年支出合计'],
    ['income', '本年收入合计'],
  ];
  for (const [table, col] of items) {
    const codes = new Map<string, string>();
    for (const t of [previous.get(table), tables.get(table)]) for (const it of t?.items ?? []) if (it.code.length === 7) codes.set(it.code, it.name || codes.get(it.code) || '');
    for (const [code, name] of codes) out.push({ table, row: `code:${code}`, col, name: `${code} ${name}`.trim(), slots: [], own: `上年:${code}`, words: [code, name].filter(Boolean), once: code });
  }
  return out;
}

/** A comparison with last year (上年, 去年, 同比, 与2023年度相比, 比2023年) and a reason given for it (原因, 因为, 由于, 主要是). */
const YEAR_WORDS = /上年|上一年|去年|同比|与\d{4}年度?相比|比\d{4}年度?/;
const REASON_WORDS = /原因|因为|由于|主要是/;
const PLACEHOLDER = /【[^】]*】/;

const written = (s: string | undefined) => s !== undefined && s.trim() !== '' && !PLACEHOLDER.test(s);

/**
 * A reason written for the line: its 说明数据 row, or a narrative paragraph
 * that compares with last year and gives a reason — in the section whose
 * sentence asks for it, or anywhere when the paragraph names the line.
 */
function explained(line: Line, opts: YearOverYearOptions): boolean {
  const reasons = opts.reasons ?? {};
  if ([...line.slots, line.own].some((s) => written(reasons[s]))) return true;
  const w = opts.written;
  if (!w) return false;
  const sections = new Set(line.slots.map((s) => s.replace(/[(:].*$/, '')));
  for (const [key, ps] of w.sections) {
    const section = key.replace(/\(.*$/, '');
    for (const p of ps) {
      if (!YEAR_WORDS.test(p.text) || !REASON_WORDS.test(p.text) || PLACEHOLDER.test(p.text)) continue;
      if (sections.has(section) || line.words.some((word) => p.text.includes(word))) return true;
    }
  }
  return false;
}

const fenOf = (t: TableValues | undefined, row: string, col: string) => {
  const c = t?.get(row, col);
  return c && c.invalidText === undefined ? c : undefined;
};

/** 68.6%; two decimals where one would not show that it passed the threshold (10.01%, not 10.0%). */
function percentText(ratio: number, threshold: number): string {
  const one = (ratio * 100).toFixed(1);
  return Number(one) <= threshold * 100 ? `${(ratio * 100).toFixed(2)}%` : `${one}%`;
}

interface Moved {
  readonly line: Line;
  readonly now: Fen;
  readonly before: Fen;
  readonly ref?: CellRef;
  readonly id: string;
}

/** Compares this year's tables with last year's; warnings only. */
export function compareWithPrevious(current: TableSet, previous: TableSet, opts: YearOverYearOptions = {}): Finding[] {
  const threshold = opts.threshold ?? DEFAULT_YEAR_OVER_YEAR;
  const out: Finding[] = [...wrongFile(opts)];
  // A workbook with no figure yet (a new year's, just made) has nothing to compare.
  const anyFigure = [...current.values()].some((t) => t.all().some((c) => !c.empty && c.invalidText === undefined && c.figure.fen !== 0));
  if (!anyFigure) {
    out.push(plainFinding('Y01', 'warning', { zh: '本工作簿各表还没有数字，未与上年比较；填写后再检查。', en: 'The tables of this workbook hold no figures yet: nothing was compared with last year. Check again once they are filled in.' }, [], []));
    return out;
  }
  const moved: Moved[] = [];
  const warned = new Set<string>();
  for (const line of linesOf(current, previous, opts.profile ?? 'hunan-2024')) {
    if (line.once && warned.has(line.once)) continue;
    // Both tables must exist; a line missing on one side is 0 there (a 科目 added or dropped).
    const table = current.get(line.table);
    if (!table || !previous.get(line.table)) continue;
    const now = fenOf(table, line.row, line.col);
    const before = fenOf(previous.get(line.table), line.row, line.col);
    const a = now?.figure.fen ?? 0;
    const b = before?.figure.fen ?? 0;
    const d = a - b;
    if (Math.abs(d) <= threshold.amount) continue;
    if (b !== 0 && Math.abs(d) <= Math.abs(b) * threshold.rate) continue;
    if (line.once) warned.add(line.once);
    const ref = now?.ref ?? table.get('total', line.col)?.ref;
    moved.push({ line, now: a, before: b, id: table.id, ...(ref ? { ref } : {}) });
  }
  for (const m of moved) {
    if (explained(m.line, opts)) continue;
    // A 类 whose change the 项 warned of account for: one warning is enough.
    if (m.line.classCode) {
      const inClass = moved.filter((x) => x.line.once?.startsWith(m.line.classCode!)).reduce((t, x) => t + (x.now - x.before), 0);
      if (inClass !== 0 && Math.abs(m.now - m.before - inClass) <= threshold.amount) continue;
    }
    out.push(movedFinding(m, threshold));
  }
  return out;
}

function movedFinding({ line, now: a, before: b, ref, id }: Moved, threshold: YearOverYearThreshold): Finding {
  const d = a - b;
  const change = b === 0 ? '上年为 0' : `${d > 0 ? '增长' : '下降'} ${percentText(Math.abs(d) / Math.abs(b), threshold.rate)}`;
  const changeEn = b === 0 ? 'nothing last year' : `${d > 0 ? 'up' : 'down'} ${percentText(Math.abs(d) / Math.abs(b), threshold.rate)}`;
  const pct = `${Math.round(threshold.rate * 100)}%`;
  const limit = formatWan(threshold.amount, { trimZeros: true });
  const ownRow = `原因 上年 ${line.own.slice(3)}`;
  const where = line.slots[0]
    ? `请在“说明数据”的“原因 ${line.slots[0].replace(':', ' ')}”行写明（情况说明中“与上年相比”一句的原因）。`
    : `请在“说明数据”中加一行“${ownRow}”写明原因，或在情况说明中说明。`;
  return plainFinding(
    'Y01',
    'warning',
    {
      zh: `${id} ${line.name}：本年 ${formatWan(a)} 万元，上年 ${formatWan(b)} 万元，${d > 0 ? '增加' : '减少'} ${formatWan(Math.abs(d))} 万元（${change}），变动超过 ${pct} 且超过 ${limit} 万元，但没有写明原因。${where}`,
      en: `${id} ${line.name}: ${formatWan(a)} 万元 this year, ${formatWan(b)} last year, ${d > 0 ? 'up' : 'down'} ${formatWan(Math.abs(d))} (${changeEn}); the change exceeds ${pct} and ${limit} 万元 but no reason is written. ${line.slots[0] ? `Write it in 说明数据's row “原因 ${line.slots[0].replace(':', ' ')}” (the reason of the narrative's comparison with last year).` : `Add a row “${ownRow}” to 说明数据 with the reason, or give it in the narrative.`}`,
    },
    ref ? [ref] : [],
    [id],
  );
}

/** Y02: last year's workbook that cannot be last year's (not earlier, another 部门). */
function wrongFile(opts: YearOverYearOptions): Finding[] {
  const out: Finding[] = [];
  const now = opts.current ?? {};
  const then = opts.previousOf ?? {};
  if (now.year !== undefined && then.year !== undefined && then.year >= now.year) {
    out.push(plainFinding('Y02', 'warning', { zh: `用来比较的上年工作簿写的是 ${then.year} 年度，不早于本工作簿的 ${now.year} 年度：请确认选对了文件。`, en: `The workbook given as last year's says ${then.year}, not earlier than this workbook's ${now.year}: please check it is the right file.` }, [], []));
  }
  if (now.department && then.department && now.department !== then.department) {
    out.push(plainFinding('Y02', 'warning', { zh: `用来比较的上年工作簿是“${then.department}”的，本工作簿是“${now.department}”的：请确认选对了文件。`, en: `The workbook given as last year's is “${then.department}”'s, this one is “${now.department}”'s: please check it is the right file.` }, [], []));
  }
  return out;
}
