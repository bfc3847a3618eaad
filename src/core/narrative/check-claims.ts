/**
 * 表文核对 of what a narrative claims (claims.ts) against every figure it can
 * mean (facts.ts). The principle is the tables' own: a written figure is
 * wrong only when no value the tables allow, rounded to the precision it is
 * written at, gives it.
 *
 * - An amount equal to any figure it can mean, at the decimals written
 *   (23.6 for 23.60), is right; one inside their rounding intervals is
 *   尾数误差; anything else is an error (T01).
 * - A share (占X%) or a completion rate (完成年初预算的X%) is the ratio of
 *   the amounts it is about — written in the text, else the tables' — at
 *   the decimals written: 11.11% is compared at two decimals, 19% at none.
 *   One unit of the last decimal off is 尾数误差 (shares rounded to add up to
 *   100% move one); more is an error (T01).
 * - A growth rate next to a change (增加X万元，增长Y%) is X over the figure
 *   before the change; one that is not is a warning (T11).
 * - 决算数大于/小于/等于（年初）预算数 must be what the written figures say (T04).
 */
import type { CellRef } from '../grid/grid';
import { fenToWan } from '../numbers/amount';
import { type Finding, plainFinding } from '../rules/finding';
import type { Severity } from '../rules/types';
import { type Claim, type WrittenFigure } from './claims';
import { type Fact, type FactValue, type Stage, factFor, factName } from './facts';

/** An interval in 万元 (or percentage points). */
interface Interval {
  readonly value: number;
  readonly half: number;
}

const EPS = 1e-9;

const writtenInterval = (f: WrittenFigure): Interval => ({ value: f.value, half: 0.5 * 10 ** -f.decimals });
const factInterval = (v: FactValue): Interval => ({ value: fenToWan(v.fen), half: fenToWan(v.halfWidth) });

/** Half-up rounding to d decimals, as integers of the last decimal. */
const scaled = (x: number, d: number) => Math.round(x * 10 ** d + EPS);

function show(x: number, d: number): string {
  return (scaled(x, d) / 10 ** d).toFixed(d);
}

/** An amount against the figures it can mean. */
function amountVerdict(w: WrittenFigure, values: readonly FactValue[]): { severity?: Severity; nearest: FactValue } {
  const d = w.decimals;
  const at = scaled(w.value, d);
  const nearest = [...values].sort((a, b) => Math.abs(fenToWan(a.fen) - w.value) - Math.abs(fenToWan(b.fen) - w.value))[0]!;
  if (values.some((v) => scaled(fenToWan(v.fen), d) === at)) return { nearest };
  const wi = writtenInterval(w);
  const inside = values.some((v) => Math.abs(w.value - fenToWan(v.fen)) <= wi.half + fenToWan(v.halfWidth) + EPS);
  return { severity: inside ? 'rounding' : 'error', nearest };
}

/** A percentage against the ratio part ÷ whole. */
function ratioVerdict(p: WrittenFigure, part: Interval, whole: Interval): { severity?: Severity; expected: number } | undefined {
  if (whole.value <= 0) return undefined;
  const r = (100 * part.value) / whole.value;
  const d = p.decimals;
  if (scaled(r, d) === scaled(p.value, d)) return { expected: r };
  const lo = (100 * Math.max(0, part.value - part.half)) / (whole.value + whole.half);
  const hi = whole.value - whole.half > 0 ? (100 * (part.value + part.half)) / (whole.value - whole.half) : Number.POSITIVE_INFINITY;
  const u = 10 ** -d;
  const inside = p.value + u / 2 >= lo - EPS && p.value - u / 2 <= hi + EPS;
  return { severity: inside || Math.abs(p.value - r) < u - EPS ? 'rounding' : 'error', expected: r };
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

export function checkClaims(claims: readonly Claim[], facts: readonly Fact[], sectionName: (id: string) => string): ClaimCheck {
  const findings: Finding[] = [];
  const settled = new Set<string>();
  const where = (c: Claim) => `情况说明${sectionName(c.section)}中“${short(c.sentence)}”`;
  const whereEn = (c: Claim) => `In the narrative, “${short(c.sentence)}”`;
  const factOf = (entity: string, stage: Stage) => (entity ? factFor(facts, entity, stage) : undefined);

  // Amounts against the tables.
  for (const c of claims) {
    if (c.figure.kind !== 'amount' || c.stage === 'change' || c.figure.yuan) continue;
    const hit = factOf(c.entity, c.stage);
    if (!hit) continue;
    settled.add(settledKey(c.paragraph.ref, c.figure.text));
    const v = amountVerdict(c.figure, hit.fact.values);
    if (!v.severity) continue;
    const shown = (fenToWan(v.nearest.fen)).toFixed(2);
    const verdictZh = v.severity === 'rounding' ? `，相差在两数的尾数误差之内（文中写到 ${c.figure.decimals} 位小数，表中数保留两位小数）` : '，请核对';
    findings.push({
      ...plainFinding(
        'T01',
        v.severity,
        {
          zh: `${where(c)}写作 ${c.figure.text}，${hit.fact.label}为 ${shown} 万元（${v.nearest.where}）${verdictZh}。`,
          en: `${whereEn(c)} writes ${c.figure.text}; the tables give ${shown}万元 (${hit.fact.label}, ${v.nearest.where})${v.severity === 'rounding' ? ', a difference within the rounding of the two figures' : ''}.`,
        },
        [c.paragraph.ref, ...(v.nearest.ref ? [v.nearest.ref] : [])],
        [],
      ),
      expected: fenToWan(v.nearest.fen),
      actual: c.figure.value,
      difference: Math.round(Math.abs(c.figure.value - fenToWan(v.nearest.fen)) * 1e6) / 1e6,
    });
  }

  const before = (c: Claim) => claims.filter((x) => x.paragraph === c.paragraph && x.figure.end <= c.figure.start);
  const inSentence = (c: Claim) => before(c).filter((x) => x.sentence === c.sentence);
  const amountsOf = (xs: readonly Claim[]) => xs.filter((x) => x.figure.kind === 'amount' && !x.figure.yuan);
  /** A written amount for an entity and stage, latest first, anywhere earlier in the section. */
  const writtenFor = (c: Claim, entity: string, stages: readonly (Stage | 'change')[]) => {
    const own = amountsOf(claims.filter((x) => x.section === c.section && (x.paragraph !== c.paragraph || x.figure.end <= c.figure.start)));
    const key = (e: string) => factOf(e, 'actual')?.fact ?? factOf(e, 'budget')?.fact ?? e;
    const target = key(entity);
    return own.filter((x) => stages.includes(x.stage) && (x.entity === entity || x.entity.endsWith(entity) || key(x.entity) === target)).pop();
  };
  /** A written figure, or the tables' when the tables contradict it (the slip is reported once, as T01). */
  const trusted = (c: Claim): Interval => {
    const hit = c.stage !== 'change' ? factOf(c.entity, c.stage) : undefined;
    if (!hit || amountVerdict(c.figure, hit.fact.values).severity !== 'error') return writtenInterval(c.figure);
    return factInterval(amountVerdict(c.figure, hit.fact.values).nearest);
  };
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
  const factValue = (entity: string, stage: Stage): { iv: Interval; label: string } | undefined => {
    const f = factOf(entity, stage);
    const v = f?.fact.values[0];
    return f && v ? { iv: factInterval(v), label: f.fact.label } : undefined;
  };

  const ratioFinding = (c: Claim, part: { iv: Interval; text: string }, whole: { iv: Interval; text: string }, what: string, whatEn: string, rule: 'T01' | 'T11', downgrade?: Severity) => {
    const v = ratioVerdict(c.figure, part.iv, whole.iv);
    if (!v?.severity) return;
    const severity = downgrade && v.severity === 'error' ? downgrade : v.severity;
    const d = c.figure.decimals;
    const exp = show(v.expected, d);
    const verdict =
      v.severity === 'rounding'
        ? `在所写精度（${d} 位小数）下相差不到一个末位，属尾数误差（如为使各项合计为 100% 而调整）`
        : `按所写的 ${d} 位小数应为 ${exp}%`;
    findings.push({
      ...plainFinding(
        rule,
        severity,
        {
          zh: `${where(c)}写${what} ${c.figure.text}，${part.text} ÷ ${whole.text} = ${v.expected.toFixed(Math.max(d + 2, 2))}%，${verdict}。`,
          en: `${whereEn(c)} gives ${whatEn} as ${c.figure.text}; ${part.text} ÷ ${whole.text} = ${v.expected.toFixed(Math.max(d + 2, 2))}%${v.severity === 'rounding' ? ', less than one unit of its last decimal off (rounding)' : `: ${exp}% at the ${d} decimals written`}.`,
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
      let whole: { iv: Interval; text: string } | undefined;
      if (rel.whole) {
        const w = writtenFor(c, factName(rel.whole), ['actual']);
        const f = factValue(factName(rel.whole), 'actual');
        whole = w ? { iv: writtenInterval(w.figure), text: w.figure.text } : f ? { iv: f.iv, text: `${f.label} ${f.iv.value.toFixed(2)}万元` } : undefined;
      } else {
        // The whole a list of shares divides: the amount the list hangs on (…1,820.23万元，其中：/主要用于以下方面：),
        // or what the sentence opens with (“三公”经费财政拨款支出决算中，…).
        const head = listHead(c, amountsOf(inSentence(c)).filter((x) => x.stage !== 'change'));
        if (head && head !== part) whole = { iv: writtenInterval(head.figure), text: head.figure.text };
        else if (!head) {
          const opening = factName(c.sentence.split(/[，,：:]/)[0] ?? '').replace(/中$/, '').replace(/(支出)?决算数?$/, '');
          const f = opening && !/\d/.test(opening) ? factValue(opening, 'actual') : undefined;
          if (f) whole = { iv: f.iv, text: `${f.label} ${f.iv.value.toFixed(2)}万元` };
        }
      }
      if (!whole) continue;
      ratioFinding(c, { iv: writtenInterval(part.figure), text: part.figure.text }, whole, '占比', 'a share', 'T01');
    } else if (rel.kind === 'completion') {
      const entity = c.entity;
      const spent = amountsOf(before(c)).filter((x) => x.stage === 'actual' && x.entity === entity).pop();
      if (!spent) continue;
      const stages: Stage[] = rel.initial ? ['initialBudget'] : ['budget', 'initialBudget'];
      const budget = writtenFor(c, entity, stages);
      let whole: { iv: Interval; text: string } | undefined = budget ? { iv: writtenInterval(budget.figure), text: budget.figure.text } : undefined;
      for (const s of stages) {
        if (whole) break;
        const f = factValue(entity, s);
        if (f) whole = { iv: f.iv, text: `${f.label} ${f.iv.value.toFixed(2)}万元` };
      }
      if (!whole || whole.iv.value === 0) continue; // a budget of 0: T06 says so
      ratioFinding(c, { iv: writtenInterval(spent.figure), text: spent.figure.text }, whole, '完成预算的比例', 'the completion of the budget', 'T01');
    } else if (rel.kind === 'growth') {
      const change = amountsOf(inSentence(c)).filter((x) => x.stage === 'change').pop();
      if (!change) continue;
      const current = writtenFor(change, change.entity, ['actual']);
      if (!current) continue;
      const base = current.figure.value + (change.change?.down ? 1 : -1) * change.figure.value;
      if (base <= 0) continue;
      const ci = writtenInterval(current.figure);
      const di = writtenInterval(change.figure);
      ratioFinding(
        c,
        { iv: writtenInterval(change.figure), text: change.figure.text },
        { iv: { value: base, half: ci.half + di.half }, text: `${change.change?.down ? '' : ''}${show(base, Math.max(current.figure.decimals, change.figure.decimals))}万元（${current.figure.text}${change.change?.down ? ' + ' : ' − '}${change.figure.text}）` },
        '增减幅度',
        'the rate of change',
        'T11',
        'warning',
      );
    }
  }

  // 决算数大于/小于/等于（年初）预算数: what the written figures say, wherever the sentence stands
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
      const target = factOf(entity, 'actual')?.fact;
      const same = (x: Claim) => x.entity === entity || x.entity.endsWith(entity) || (target !== undefined && factOf(x.entity, 'actual')?.fact === target);
      const actual = prior.filter((x) => x.stage === 'actual' && same(x)).pop();
      if (!actual) continue;
      const budgetClaim = prior.filter((x) => (x.stage === 'initialBudget' || x.stage === 'budget') && same(x)).pop();
      const budgetFact = budgetClaim ? undefined : (factValue(entity, 'initialBudget') ?? factValue(entity, 'budget'));
      const budget = budgetClaim ? trusted(budgetClaim) : budgetFact?.iv;
      if (!budget) continue;
      const a = trusted(actual);
      const diff = a.value - budget.value;
      const truth = Math.abs(diff) <= a.half + budget.half + EPS ? (Math.abs(diff) < EPS ? '等于' : undefined) : diff > 0 ? '大于' : '小于';
      const norm = said === '高于' || said === '超过' ? '大于' : said === '低于' ? '小于' : said;
      if (!truth || truth === norm) continue;
      const budgetText = budgetClaim ? budgetClaim.figure.text : `${budget.value.toFixed(2)}万元（${budgetFact!.label}）`;
      const c = actual;
      findings.push(
        plainFinding(
          'T04',
          'error',
          {
            zh: `${where(c)}之后写“决算数${said}预算数”，而决算为 ${c.figure.text}、预算为 ${budgetText}，应为“${truth}”。`,
            en: `The narrative says the final figure is “${said}” the budget after “${short(c.sentence)}”, but the final figure is ${c.figure.text} against a budget of ${budgetText}: “${truth}”.`,
          },
          [p.ref],
          [],
        ),
      );
    }
  }
  return { findings, settled };
}
