/**
 * 表文核对 of what a narrative claims (claims.ts) against every figure it can
 * mean (facts.ts). The principle is the tables' own: a written figure is
 * wrong only when no value the tables allow, rounded to the precision it is
 * written at, gives it.
 *
 * - An amount equal to any figure it can mean, at the decimals written
 *   (23.6 for 23.60), is right; one inside their rounding intervals is
 *   尾数误差; anything else is an error (T01). Written in 元, the same amount
 *   is a warning about the unit (T09); another is an error.
 * - A share (占X%) or a completion rate (完成年初预算的X%) is the ratio of
 *   the amounts it is about — written in the text, else the tables' — at
 *   the decimals written: 11.11% is compared at two decimals, 19% at none.
 *   One unit of the last decimal off is 尾数误差, and so is a share moved to
 *   make a list add up to 100%; more is an error (T01). When the text got one
 *   of those amounts wrong, a ratio right for the tables' figure is not
 *   reported again: the slip is the amount.
 * - A growth rate next to a change (增加X万元，增长Y%) is X over last year's
 *   figure (written, or the figure before the change); one that is not is a
 *   warning (T11).
 * - 决算数大于/小于/等于（年初）预算数 must be what the figures say (T04).
 * Last year's figures (上年…, 2023年度… in a 2024 narrative) are no table's.
 */
import type { CellRef } from '../grid/grid';
import { fenToWan } from '../numbers/amount';
import { type Finding, plainFinding } from '../rules/finding';
import type { Severity } from '../rules/types';
import type { Claim, WrittenFigure } from './claims';
import { type Fact, type FactValue, type Stage, factFor, factName } from './facts';

/** An interval in 万元 (or percentage points). */
interface Interval {
  readonly value: number;
  readonly half: number;
}

const EPS = 1e-9;

const writtenInterval = (f: WrittenFigure): Interval => ({ value: f.yuan ? f.value / 10_000 : f.value, half: 0.5 * 10 ** -f.decimals * (f.yuan ? 1e-4 : 1) });
const factInterval = (v: FactValue): Interval => ({ value: fenToWan(v.fen), half: fenToWan(v.halfWidth) });

/** Half-up rounding to d decimals, as integers of the last decimal. */
const scaled = (x: number, d: number) => Math.round(x * 10 ** d + EPS);

function show(x: number, d: number): string {
  return (scaled(x, d) / 10 ** d).toFixed(d);
}

/** An amount (in 万元, `decimals` written) against the figures it can mean. */
function amountVerdict(value: number, decimals: number, values: readonly FactValue[]): { severity?: Severity; nearest: FactValue } {
  const at = scaled(value, decimals);
  const nearest = [...values].sort((a, b) => Math.abs(fenToWan(a.fen) - value) - Math.abs(fenToWan(b.fen) - value))[0]!;
  if (values.some((v) => scaled(fenToWan(v.fen), decimals) === at)) return { nearest };
  const half = 0.5 * 10 ** -decimals;
  const inside = values.some((v) => Math.abs(value - fenToWan(v.fen)) <= half + fenToWan(v.halfWidth) + EPS);
  return { severity: inside ? 'rounding' : 'error', nearest };
}

/** A figure's amount in 万元 and the decimals of 万元 it is written to (1500元 → 0.15, 4 decimals more). */
const inWan = (f: WrittenFigure) => ({ value: f.yuan ? f.value / 10_000 : f.value, decimals: f.decimals + (f.yuan ? 4 : 0) });

/** A percentage against the ratio part ÷ whole. `listShift`: how far a list's adjustment to 100% may move it. */
function ratioVerdict(p: WrittenFigure, part: Interval, whole: Interval, listShift = 0): { severity?: Severity; expected: number } | undefined {
  if (whole.value <= 0) return undefined;
  const r = (100 * part.value) / whole.value;
  const d = p.decimals;
  if (scaled(r, d) === scaled(p.value, d)) return { expected: r };
  const lo = (100 * Math.max(0, part.value - part.half)) / (whole.value + whole.half);
  const hi = whole.value - whole.half > 0 ? (100 * (part.value + part.half)) / (whole.value - whole.half) : Number.POSITIVE_INFINITY;
  const u = 10 ** -d;
  const inside = p.value + u / 2 >= lo - EPS && p.value - u / 2 <= hi + EPS;
  const close = Math.abs(p.value - r) < Math.max(u, listShift) - EPS;
  return { severity: inside || close ? 'rounding' : 'error', expected: r };
}

export interface ClaimCheck {
  readonly findings: Finding[];
  /** Paragraph figures the tables settled (paragraph ref + digits), so nothing else compares them again. */
  readonly settled: ReadonlySet<string>;
}

/** A figure of a paragraph as written (1,820.23 万元 → 1820.23万元), to tell what was settled. */
export const settledKey = (ref: CellRef, text: string) => `${ref.sheet}!${ref.row}:${ref.col}|${text.replace(/[,，\s]/g, '')}`;

/** 决算数大于（年初）预算数, 决算与预算数基本持平 …: the comparison words, spaces tolerated as a PDF copy leaves them. */
const DIRECTION_WORDS = /决\s*算\s*数?\s*(?:与\s*(?:年\s*初\s*)?预\s*算\s*数?\s*)?(大\s*于|小\s*于|等\s*于|高\s*于|低\s*于|超\s*过|(?:基\s*本\s*)?持\s*平)/g;
const GENERIC_ENTITY = /^(支出|合计|金额|资金|其|总额)?$/;

const short = (t: string) => (t.length > 60 ? `${t.slice(0, 60)}…` : t);

/** A side of a ratio: the interval it stands for, and how the message names it. */
interface Term {
  readonly iv: Interval;
  readonly text: string;
}

export function checkClaims(claims: readonly Claim[], facts: readonly Fact[], sectionName: (id: string) => string): ClaimCheck {
  const findings: Finding[] = [];
  const settled = new Set<string>();
  const where = (c: Claim) => `情况说明${sectionName(c.section)}中“${short(c.sentence)}”`;
  const whereEn = (c: Claim) => `In the narrative, “${short(c.sentence)}”`;
  const factOf = (entity: string, stage: Stage) => (entity ? factFor(facts, entity, stage) : undefined);
  /**
   * The fact a claim means. 五 and 六 are about the 一般公共预算财政拨款: their 基本支出 is its 基本支出, not
   * that of all spending (三).
   */
  const lookup = (c: Claim, stage: Stage) => {
    const scoped = /^[五六]/.test(c.section) && !/财政拨款|一般公共预算/.test(c.entity) ? factOf(`一般公共预算财政拨款${c.entity}`, stage) : undefined;
    return scoped ?? factOf(c.entity, stage);
  };
  const stageOf = (c: Claim): Stage | undefined => (c.stage === 'change' || c.stage === 'prior' ? undefined : c.stage);

  // Amounts against the tables.
  for (const c of claims) {
    const stage = stageOf(c);
    if (c.figure.kind !== 'amount' || !stage) continue;
    const hit = lookup(c, stage);
    if (!hit) continue;
    settled.add(settledKey(c.paragraph.ref, c.figure.text));
    const { value, decimals } = inWan(c.figure);
    const v = amountVerdict(value, decimals, hit.fact.values);
    const shown = fenToWan(v.nearest.fen).toFixed(2);
    const cells = [c.paragraph.ref, ...(v.nearest.ref ? [v.nearest.ref] : [])];
    if (c.figure.yuan && !v.severity) {
      // The right amount, in 元 where the tables are in 万元.
      findings.push(
        plainFinding(
          'T09',
          'warning',
          {
            zh: `${where(c)}写作 ${c.figure.text}，与${hit.fact.label} ${shown} 万元相符，但表中金额单位为万元，说明中宜统一写作 ${shown}万元。`,
            en: `${whereEn(c)} writes ${c.figure.text}, which is ${hit.fact.label} (${shown} 万元); the tables are in 万元: write ${shown}万元.`,
          },
          cells,
          [],
        ),
      );
      continue;
    }
    if (c.figure.yuan && !amountVerdict(c.figure.value, c.figure.decimals, hit.fact.values).severity) {
      // The table's digits with 元 for 万元: off ten thousand times, whatever the digits.
      findings.push(
        plainFinding(
          'T09',
          'error',
          {
            zh: `${where(c)}写作 ${c.figure.text}，表中金额单位为万元，应为 ${shown}万元（${hit.fact.label}，${v.nearest.where}）。`,
            en: `${whereEn(c)} writes ${c.figure.text}; the tables are in 万元: ${shown}万元 (${hit.fact.label}, ${v.nearest.where}).`,
          },
          cells,
          [],
        ),
      );
      continue;
    }
    if (!v.severity) continue;
    // A name that only usually means the figure (national 机关运行经费): a warning, saying so.
    const severity: Severity = hit.fact.soft && v.severity === 'error' ? 'warning' : v.severity;
    const softZh = hit.fact.soft && severity === 'warning' ? '（两者通常相等；不等时请确认口径）' : '';
    const verdictZh = v.severity === 'rounding' ? `，相差在两数的尾数误差之内（文中写到 ${c.figure.decimals} 位小数，表中数保留两位小数）` : '，请核对';
    const unitNote = c.figure.yuan ? `（即 ${show(value, decimals)} 万元）` : '';
    findings.push({
      ...plainFinding(
        'T01',
        severity,
        {
          zh: `${where(c)}写作 ${c.figure.text}${unitNote}，${hit.fact.label}为 ${shown} 万元（${v.nearest.where}）${softZh}${verdictZh}。`,
          en: `${whereEn(c)} writes ${c.figure.text}; the tables give ${shown}万元 (${hit.fact.label}, ${v.nearest.where})${v.severity === 'rounding' ? ', a difference within the rounding of the two figures' : ''}.`,
        },
        cells,
        [],
      ),
      expected: fenToWan(v.nearest.fen),
      actual: value,
      difference: Math.round(Math.abs(value - fenToWan(v.nearest.fen)) * 1e6) / 1e6,
    });
  }

  const before = (c: Claim) => claims.filter((x) => x.paragraph === c.paragraph && x.figure.end <= c.figure.start);
  const inSentence = (c: Claim) => before(c).filter((x) => x.sentence === c.sentence);
  const amountsOf = (xs: readonly Claim[]) => xs.filter((x) => x.figure.kind === 'amount');
  const sameThing = (a: string, b: string) => {
    if (a === b || a.endsWith(b) || b.endsWith(a)) return a !== '' && b !== '';
    const fa = factOf(a, 'actual')?.fact ?? factOf(a, 'budget')?.fact;
    return fa !== undefined && fa === (factOf(b, 'actual')?.fact ?? factOf(b, 'budget')?.fact);
  };
  /** A written amount for an entity and stage, latest first, anywhere earlier in the section. */
  const writtenFor = (c: Claim, entity: string, stages: readonly Claim['stage'][]) =>
    amountsOf(claims.filter((x) => x.section === c.section && (x.paragraph !== c.paragraph || x.figure.end <= c.figure.start)))
      .filter((x) => stages.includes(x.stage) && sameThing(x.entity, entity))
      .pop();
  /** What the tables say a written amount should be, when they contradict it (the slip is reported once, as T01). */
  const corrected = (c: Claim): Interval | undefined => {
    const stage = stageOf(c);
    const hit = stage ? lookup(c, stage) : undefined;
    if (!hit) return undefined;
    const { value, decimals } = inWan(c.figure);
    const v = amountVerdict(value, decimals, hit.fact.values);
    return v.severity === 'error' ? factInterval(v.nearest) : undefined;
  };
  const term = (c: Claim): Term => ({ iv: writtenInterval(c.figure), text: c.figure.text });
  /** The amount right before the sentence's 其中 / 主要用于 / ：, when the shares come after it. */
  const listHead = (c: Claim, amounts: readonly Claim[]): Claim | undefined => {
    const text = c.paragraph.text;
    for (let i = amounts.length - 1; i >= 0; i--) {
      const a = amounts[i]!;
      const next = amounts[i + 1]?.figure.start ?? c.figure.start;
      if (/其中|主要用于|主要包括|[：:]/.test(text.slice(a.figure.end, next))) return a;
    }
    return undefined;
  };
  const factTerm = (entity: string, stage: Stage): Term | undefined => {
    const f = factOf(entity, stage);
    const v = f?.fact.values[0];
    return f && v ? { iv: factInterval(v), text: `${f.fact.label} ${fenToWan(v.fen).toFixed(2)}万元` } : undefined;
  };
  /** The shares of the list a share stands in (the sentence's, with the same whole), and how far making them add to 100% may move one. */
  const listShift = (c: Claim): number => {
    const shares = claims.filter((x) => x.paragraph === c.paragraph && x.sentence === c.sentence && x.relation?.kind === 'share' && x.figure.kind === 'percent');
    if (shares.length < 2) return 0;
    const d = Math.max(...shares.map((x) => x.figure.decimals));
    const total = shares.reduce((s, x) => s + scaled(x.figure.value, d), 0);
    return total === 100 * 10 ** d ? (shares.length / 2) * 10 ** -d : 0;
  };

  /**
   * A ratio the text writes, against its part ÷ whole as written — and, when the text got the part or
   * the whole wrong, against the tables' figures too: the writer may have computed it from either.
   */
  const ratioFinding = (
    c: Claim,
    sides: { part: Term; whole: Term; partFix?: Interval; wholeFix?: Interval },
    what: string,
    whatEn: string,
    rule: 'T01' | 'T11',
    opts: { downgrade?: Severity; shift?: number } = {},
  ) => {
    const v = ratioVerdict(c.figure, sides.part.iv, sides.whole.iv, opts.shift);
    if (!v?.severity) return;
    if (sides.partFix || sides.wholeFix) {
      const fixed = ratioVerdict(c.figure, sides.partFix ?? sides.part.iv, sides.wholeFix ?? sides.whole.iv, opts.shift);
      if (!fixed || !fixed.severity || fixed.severity === 'rounding') return;
    }
    const severity = opts.downgrade && v.severity === 'error' ? opts.downgrade : v.severity;
    const d = c.figure.decimals;
    const exp = show(v.expected, d);
    const verdict =
      v.severity === 'rounding'
        ? `在所写精度（${d} 位小数）下相差不到一个末位，或是为使各项合计为 100% 所作的调整，属尾数误差`
        : `按所写的 ${d} 位小数应为 ${exp}%`;
    findings.push({
      ...plainFinding(
        rule,
        severity,
        {
          zh: `${where(c)}写${what} ${c.figure.text}，${sides.part.text} ÷ ${sides.whole.text} = ${v.expected.toFixed(Math.max(d + 2, 2))}%，${verdict}。`,
          en: `${whereEn(c)} gives ${whatEn} as ${c.figure.text}; ${sides.part.text} ÷ ${sides.whole.text} = ${v.expected.toFixed(Math.max(d + 2, 2))}%${v.severity === 'rounding' ? ', within the rounding of its last decimal' : `: ${exp}% at the ${d} decimals written`}.`,
        },
        [c.paragraph.ref],
        [],
      ),
      unit: '%',
      expected: scaled(v.expected, d) / 10 ** d,
      actual: c.figure.value,
      difference: Math.round(Math.abs(c.figure.value - scaled(v.expected, d) / 10 ** d) * 1e6) / 1e6,
    });
  };

  for (const c of claims) {
    if (c.figure.kind !== 'percent' || !c.relation) continue;
    const rel = c.relation;
    if (rel.kind === 'share') {
      const part = amountsOf(inSentence(c)).filter((x) => x.stage !== 'change').pop();
      if (!part) continue;
      let whole: Term | undefined;
      let wholeFix: Interval | undefined;
      if (rel.whole) {
        const w = writtenFor(c, factName(rel.whole), ['actual']);
        whole = w ? term(w) : factTerm(factName(rel.whole), 'actual');
        wholeFix = w ? corrected(w) : undefined;
      } else {
        // The whole a list of shares divides: the amount the list hangs on (…1,820.23万元，其中：/主要用于以下方面：),
        // or what the sentence opens with (“三公”经费财政拨款支出决算中，…).
        const head = listHead(c, amountsOf(inSentence(c)).filter((x) => x.stage !== 'change'));
        if (head && head !== part) {
          whole = term(head);
          wholeFix = corrected(head);
        } else if (!head) {
          const opening = factName(c.sentence.split(/[，,：:]/)[0] ?? '')
            .replace(/^\d{4}年度?/, '')
            .replace(/中$/, '')
            .replace(/(支出)?决算数?$/, '');
          if (opening && !/\d/.test(opening)) whole = factTerm(opening, 'actual');
        }
      }
      if (!whole) continue;
      const partFix = corrected(part);
      ratioFinding(c, { part: term(part), whole, ...(partFix ? { partFix } : {}), ...(wholeFix ? { wholeFix } : {}) }, '占比', 'a share', 'T01', { shift: listShift(c) });
    } else if (rel.kind === 'completion') {
      const entity = c.entity;
      const spent = amountsOf(before(c)).filter((x) => x.stage === 'actual' && x.entity === entity).pop();
      if (!spent) continue;
      const stages: Stage[] = rel.initial ? ['initialBudget'] : ['budget', 'initialBudget'];
      const budget = writtenFor(c, entity, stages);
      let whole: Term | undefined = budget ? term(budget) : undefined;
      for (const s of stages) whole ??= factTerm(entity, s);
      if (!whole || whole.iv.value === 0) continue; // a budget of 0: T06 says so
      const partFix = corrected(spent);
      const wholeFix = budget ? corrected(budget) : undefined;
      ratioFinding(c, { part: term(spent), whole, ...(partFix ? { partFix } : {}), ...(wholeFix ? { wholeFix } : {}) }, '完成预算的比例', 'the completion of the budget', 'T01');
    } else if (rel.kind === 'growth') {
      const change = amountsOf(inSentence(c)).filter((x) => x.stage === 'change').pop();
      if (!change) continue;
      const down = change.change?.down ?? false;
      // Last year's figure when the text gives it (上年…1,600万元，增加168万元), else the figure before the change.
      const prior = amountsOf(claims.filter((x) => x.paragraph === change.paragraph && x.figure.end <= change.figure.start)).filter((x) => x.stage === 'prior' && sameThing(x.entity, change.entity)).pop();
      const current = prior ? undefined : writtenFor(change, change.entity, ['actual']);
      let base: Term;
      let baseFix: Interval | undefined;
      if (prior) base = term(prior);
      else if (current) {
        const ci = writtenInterval(current.figure);
        const di = writtenInterval(change.figure);
        const value = ci.value + (down ? 1 : -1) * di.value;
        const dec = Math.max(current.figure.decimals, change.figure.decimals);
        base = { iv: { value, half: ci.half + di.half }, text: `${show(value, dec)}万元（${current.figure.text}${down ? ' + ' : ' − '}${change.figure.text}）` };
        const fix = corrected(current);
        if (fix) baseFix = { value: fix.value + (down ? 1 : -1) * di.value, half: fix.half + di.half };
      } else continue;
      if (base.iv.value <= 0) continue;
      ratioFinding(c, { part: term(change), whole: base, ...(baseFix ? { wholeFix: baseFix } : {}) }, '增减幅度', 'the rate of change', 'T11', { downgrade: 'warning' });
    }
  }

  // 决算数大于/小于/等于（年初）预算数: what the figures say, wherever the sentence stands
  // (the national template puts it in the sentence after the figures).
  const paragraphs = [...new Set(claims.map((c) => c.paragraph))];
  for (const p of paragraphs) {
    const own = amountsOf(claims.filter((x) => x.paragraph === p));
    for (const m of p.text.matchAll(DIRECTION_WORDS)) {
      const said = m[1]!.replace(/\s+/g, '');
      if (said.endsWith('持平')) continue;
      const at = m.index!;
      const clauseStart = Math.max(...[...p.text.slice(0, at)].map((ch, i) => (/[，,；;。：:]/.test(ch) ? i : -1))) + 1;
      const named = factName(p.text.slice(clauseStart, at)).replace(/^\d{4}年度?/, '').replace(/(支出)?$/, '');
      const prior = own.filter((x) => x.figure.end <= at);
      const lastActual = prior.filter((x) => x.stage === 'actual').pop();
      const entity = named && !GENERIC_ENTITY.test(named) ? named : lastActual?.entity;
      if (entity === undefined) continue;
      const actual = prior.filter((x) => x.stage === 'actual' && sameThing(x.entity, entity)).pop();
      if (!actual) continue;
      const budgetClaim = prior.filter((x) => (x.stage === 'initialBudget' || x.stage === 'budget') && sameThing(x.entity, entity)).pop();
      const budgetFact = budgetClaim ? undefined : (factTerm(entity, 'initialBudget') ?? factTerm(entity, 'budget'));
      // The tables' figure where the text got one wrong: that slip is a T01 already.
      const budget = budgetClaim ? (corrected(budgetClaim) ?? writtenInterval(budgetClaim.figure)) : budgetFact?.iv;
      if (!budget) continue;
      const a = corrected(actual) ?? writtenInterval(actual.figure);
      const diff = a.value - budget.value;
      const truth = Math.abs(diff) <= a.half + budget.half + EPS ? (Math.abs(diff) < EPS ? '等于' : undefined) : diff > 0 ? '大于' : '小于';
      const norm = said === '高于' || said === '超过' ? '大于' : said === '低于' ? '小于' : said;
      if (!truth || truth === norm) continue;
      const budgetText = budgetClaim ? budgetClaim.figure.text : budgetFact!.text;
      findings.push(
        plainFinding(
          'T04',
          'error',
          {
            zh: `${where(actual)}之后写“决算数${said}预算数”，而决算为 ${actual.figure.text}、预算为 ${budgetText}，应为“${truth}”。`,
            en: `The narrative says the final figure is “${said}” the budget after “${short(actual.sentence)}”, but the final figure is ${actual.figure.text} against a budget of ${budgetText}: “${truth}”.`,
          },
          [p.ref],
          [],
        ),
      );
    }
  }
  return { findings, settled };
}
