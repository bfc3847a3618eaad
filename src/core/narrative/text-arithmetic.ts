/**
 * 表文核对 within the text itself, for what no table restates — a
 * 绩效自评报告 written on its own (seed 004) as much as a narrative:
 *
 *   T10 a breakdown adds up: “工资福利支出232.51万元：基本工资88.18万元、…”
 *       (in one sentence, or a paragraph ending 其中： followed by one
 *       paragraph per part); and each part's 占比 is its share of the whole.
 *   T11 a rate (…率为p%) is a ratio of the amounts written beside it:
 *       “预算控制率为1.78%” next to 279.77 and 496.77 万元 is none, but
 *       496.77 ÷ 279.77 = 1.7756 — a multiple written as a percentage.
 *
 * Only what the text states is compared; every amount keeps its rounding
 * (a figure written 0.013 is ±0.0005), so a sum off by less is 尾数误差.
 */
import { readAmountText, toFigure } from '../numbers/parse';
import type { Figure } from '../numbers/amount';
import { FEN_PER_WAN } from '../numbers/amount';
import { formatWan } from '../numbers/parse';
import { type Finding, plainFinding } from '../rules/finding';
import type { Severity } from '../rules/types';
import type { WrittenParagraph } from './check-text';

interface Amount {
  readonly figure: Figure;
  /** Where it ends in the text. */
  readonly at: number;
  readonly end: number;
  readonly text: string;
}

const AMOUNT = /(\d[\d,，]*(?:\.\d+)?)\s*万元/g;
const PERCENT_AFTER = /^[，,]?\s*(?:占比?|占[^，。；%]{0,12}的)\s*(\d+(?:\.\d+)?)\s*%/;
const MARKER = /其中[：:，,]?|主要包括|包括|[：:]/g;
const HEADING_LIKE = /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])/;

function amounts(text: string, offset = 0): Amount[] {
  const out: Amount[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const p = readAmountText(m[1]!);
    if (p === undefined || p === 'empty') continue;
    out.push({ figure: toFigure(p, '万元').figure, at: offset + m.index!, end: offset + m.index! + m[0].length, text: m[0].replace(/\s+/g, '') });
  }
  return out;
}

/** Bare numbers inside a list of amounts (物业管理费0.05、): the writer left out 万元. */
function bareItems(text: string, from: number, to: number, offset: number): Amount[] {
  const out: Amount[] = [];
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(/[\u4e00-\u9fff）)](\d+(?:\.\d+)?)(?=[、，,；;])/g)) {
    const p = readAmountText(m[1]!);
    if (p === undefined || p === 'empty') continue;
    const at = offset + from + m.index! + 1;
    out.push({ figure: toFigure(p, '万元').figure, at, end: at + m[1]!.length, text: `${m[1]}` });
  }
  return out;
}

const sum = (xs: readonly Amount[]) => xs.reduce((s, x) => s + x.figure.fen, 0);
const tolerance = (xs: readonly Amount[]) => xs.reduce((s, x) => s + x.figure.halfWidth, 0);
const wan = (fen: number) => formatWan(fen, { thousands: false, decimals: 6, trimZeros: true });
const short = (t: string) => (t.length > 60 ? `${t.slice(0, 60)}…` : t);

/** A share written after an item (，占比57.23%) against item ÷ whole, one unit of its last decimal allowed (largest-remainder rounding moves one). */
function checkShare(text: string, item: Amount, whole: Amount, p: WrittenParagraph, out: Finding[]): void {
  const m = PERCENT_AFTER.exec(text.slice(item.end));
  if (!m || whole.figure.fen <= 0) return;
  const digits = m[1]!;
  const decimals = (digits.split('.')[1] ?? '').length;
  const unit = 10 ** decimals;
  const written = Math.round(Number(digits) * unit);
  const exact = (100 * item.figure.fen * unit) / whole.figure.fen;
  if (Math.abs(written - exact) <= 1) return;
  out.push(
    plainFinding(
      'T10',
      'error',
      {
        zh: `“${short(p.text)}”中 ${item.text}写“占${digits}%”，按 ${item.text} ÷ ${whole.text}应为 ${(Math.round(exact) / unit).toFixed(decimals)}%。`,
        en: `“${short(p.text)}” gives ${item.text} as ${digits}% of ${whole.text}; the ratio is ${(Math.round(exact) / unit).toFixed(decimals)}%.`,
      },
      [p.ref],
      [],
    ),
  );
}

function breakdownFinding(p: WrittenParagraph, head: Amount, items: readonly Amount[], etc: boolean): Finding | undefined {
  const total = sum(items);
  const diff = total - head.figure.fen;
  if (diff === 0) return undefined;
  const tol = head.figure.halfWidth + tolerance(items);
  const severity: Severity = Math.abs(diff) <= tol ? 'rounding' : diff < 0 && etc ? 'warning' : 'error';
  const list = items.map((i) => i.text.replace(/万元$/, '')).join(' + ');
  const verdict =
    severity === 'rounding'
      ? { zh: `相差 ${wan(Math.abs(diff))} 万元，在各数的尾数误差之内`, en: `a difference of ${wan(Math.abs(diff))} 万元, within the rounding of the figures` }
      : severity === 'warning'
        ? { zh: `少 ${wan(-diff)} 万元；若“等”中还有未列出的项目，请列全或改写总数`, en: `${wan(-diff)} 万元 short; if “等” hides parts not listed, list them or correct the total` }
        : { zh: `相差 ${wan(Math.abs(diff))} 万元，请核对`, en: `a difference of ${wan(Math.abs(diff))} 万元; please check` };
  return {
    ...plainFinding(
      'T10',
      severity,
      {
        zh: `“${short(p.text)}”：${head.text}的组成 ${list} 合计 ${wan(total)} 万元，${verdict.zh}。`,
        en: `“${short(p.text)}”: the parts of ${head.text} (${list}) add up to ${wan(total)} 万元, ${verdict.en}.`,
      },
      [p.ref],
      [],
    ),
    expected: total / FEN_PER_WAN,
    actual: head.figure.fen / FEN_PER_WAN,
    difference: Math.abs(diff) / FEN_PER_WAN,
  };
}

/**
 * T10 within a paragraph: the last amount before 其中/主要包括/： (in the same
 * sentence, or the sentence before one that opens with 其中) and the amounts
 * listed after it up to the end of that sentence.
 */
function sentenceBreakdowns(p: WrittenParagraph, out: Finding[], shares: boolean): void {
  const text = p.text;
  const all = amounts(text);
  if (all.length < 3) return;
  const sentenceEnd = (from: number) => {
    const i = text.indexOf('。', from);
    return i < 0 ? text.length : i;
  };
  /**
   * Where a list ends: the sentence's end, or before that a bracket (a nested
   * breakdown), a second 其中, or a comparison with last year that follows it.
   */
  const listEnd = (from: number) => {
    const stops = [sentenceEnd(from), ...[/[（()）]/g, /其中/g, /与上年|比上年|较上年|同比/g].map((re) => {
      re.lastIndex = from + 2;
      const m = re.exec(text);
      return m ? m.index : text.length;
    })];
    return Math.min(...stops);
  };
  let done = -1;
  for (const mk of text.matchAll(MARKER)) {
    const at = mk.index!;
    if (at < done) continue;
    const before = all.filter((a) => a.end <= at);
    const head = before[before.length - 1];
    // A bare colon introduces the parts only right after the whole (工资福利支出232.51万元：…), not after 原因是：.
    if (/^[：:]$/.test(mk[0]) && (!head || text.slice(head.end, at).trim() !== '')) continue;
    const end = listEnd(at);
    const after = all.filter((a) => a.at >= at && a.end <= end + 2);
    if (!head || after.length < 2) continue;
    // Parts written in 元 beside parts in 万元 are not summed here (T09 is about the unit).
    if (/\d\s*元/.test(text.slice(at, end).replace(/万元/g, ''))) continue;
    // The whole sits in the same sentence as the marker, or in the one just before a sentence that opens with 其中.
    const sentenceStart = text.lastIndexOf('。', at - 1) + 1;
    if (head.at < sentenceStart && !/^\s*其中/.test(text.slice(sentenceStart))) continue;
    const bare = bareItems(text, after[0]!.end, after[after.length - 1]!.at, 0);
    const items = [...after, ...bare].sort((a, b) => a.at - b.at);
    const etc = /等/.test(text.slice(after[after.length - 1]!.end, end + 1));
    const f = breakdownFinding(p, head, items, etc);
    if (f) out.push(f);
    if (shares) for (const it of after) checkShare(text, it, head, p, out);
    done = end;
  }
}

/** T10 across paragraphs: “…决算数为496.77万元，其中：” and then one paragraph per part, each opening with its amount. */
function paragraphBreakdowns(paras: readonly WrittenParagraph[], out: Finding[], shares: boolean): void {
  paras.forEach((p, i) => {
    const t = p.text.replace(/\s+/g, '');
    if (!/其中[:：]$/.test(t)) return;
    const heads = amounts(p.text);
    if (heads.length !== 1) return;
    const head = heads[0]!;
    const items: Array<{ amount: Amount; para: WrittenParagraph }> = [];
    for (const q of paras.slice(i + 1)) {
      if (HEADING_LIKE.test(q.text.trim())) break;
      const first = amounts(q.text)[0];
      // The part names itself first: “基本支出284.32万元，…”.
      if (!first || /[，。；]/.test(q.text.slice(0, first.at))) break;
      items.push({ amount: first, para: q });
      const total = sum(items.map((x) => x.amount));
      if (total >= head.figure.fen - head.figure.halfWidth - tolerance(items.map((x) => x.amount))) break;
    }
    if (items.length < 2) return;
    const f = breakdownFinding(p, head, items.map((x) => x.amount), false);
    if (f) out.push(f);
    if (shares) for (const x of items) checkShare(x.para.text, x.amount, head, x.para, out);
  });
}

/** T11: “…率为p%” against the ratios of the amounts in its paragraph. */
function rates(p: WrittenParagraph, out: Finding[]): void {
  // Only the rates of money (执行率, 控制率 …): 满意率 or 增长率 are ratios of what the text need not state;
  // and only against the amounts of the rate's own sentence (a 执行率 quoted from a table beside a
  // paragraph's other amounts is none of their ratios).
  for (const m of p.text.matchAll(/((?:预算|资金|支出)?(?:执行|控制|调整|支出|使用)率)(?:为|达|是)?\s*(\d+(?:\.\d+)?)\s*%/g)) {
    const from = Math.max(0, ...['。', '；', ';'].map((c) => p.text.lastIndexOf(c, m.index!) + 1));
    const ends = ['。', '；', ';'].map((c) => p.text.indexOf(c, m.index!)).filter((i) => i >= 0);
    const all = amounts(p.text.slice(from, ends.length ? Math.min(...ends) : p.text.length)).map((a) => a.figure.fen);
    if (all.length < 2) continue;
    const digits = m[2]!;
    const decimals = (digits.split('.')[1] ?? '').length;
    const unit = 10 ** decimals;
    const written = Math.round(Number(digits) * unit);
    if (written === 100 * unit) continue; // 100% restates “all of it”: nothing to recompute it from
    const ratios: number[] = [];
    for (const a of all) for (const b of all) if (b > 0 && a !== b) ratios.push(a / b, Math.abs(a - b) / b);
    if (ratios.some((r) => Math.abs(r * 100 * unit - written) <= 1)) continue;
    const multiple = ratios.find((r) => Math.round(r * unit) === written);
    out.push(
      plainFinding(
        'T11',
        'warning',
        {
          zh: `“${short(p.text)}”中“${m[1]}${digits}%”不是同段任何两个金额之比${multiple !== undefined ? `；${multiple.toFixed(4)} 倍恰好写成了 ${digits}%，应为 ${(multiple * 100).toFixed(2)}%` : '，请核对算法'}。`,
          en: `In “${short(p.text)}”, ${m[1]} ${digits}% is no ratio of the amounts beside it${multiple !== undefined ? `; a multiple of ${multiple.toFixed(4)} was written as ${digits}% — it is ${(multiple * 100).toFixed(2)}%` : '; please check how it was computed'}.`,
        },
        [p.ref],
        [],
      ),
    );
  }
}

/** T10 for counts: 共有车辆4辆，其中：执法执勤用车2辆、其他用车1辆 — whole numbers, so any difference is an error. */
function vehicleBreakdowns(p: WrittenParagraph, out: Finding[]): void {
  const text = p.text.replace(/\s+/g, '');
  for (const m of text.matchAll(/车辆(\d+)辆[，,]?其中[:：，,]?([^。；;]*)/g)) {
    const parts = [...m[2]!.matchAll(/(\d+)辆/g)].map((x) => Number(x[1]));
    if (parts.length < 2) continue;
    const whole = Number(m[1]);
    const total = parts.reduce((a, b) => a + b, 0);
    if (total === whole) continue;
    out.push({
      ...plainFinding(
        'T10',
        'error',
        {
          zh: `“${short(p.text)}”：车辆共 ${whole} 辆，所列各类合计 ${total} 辆，请核对。`,
          en: `“${short(p.text)}”: ${whole} vehicles in all, but the kinds listed add up to ${total}.`,
        },
        [p.ref],
        [],
      ),
      expected: total,
      actual: whole,
      difference: Math.abs(total - whole),
      unit: '辆',
    });
  }
}

/** `shares: false` where the narrative's shares are checked as claims (check-claims.ts). */
export function checkTextArithmetic(paras: readonly WrittenParagraph[], opts: { shares?: boolean } = {}): Finding[] {
  const out: Finding[] = [];
  const shares = opts.shares ?? true;
  for (const p of paras) {
    sentenceBreakdowns(p, out, shares);
    vehicleBreakdowns(p, out);
    rates(p, out);
  }
  paragraphBreakdowns(paras, out, shares);
  return out;
}
