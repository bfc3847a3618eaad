/**
 * What a written narrative claims, whatever its wording: each amount and
 * percentage it writes, what the amount is about (the words before it, or
 * the topic of its sentence, of its 项, of its paragraph), which figure of it
 * (决算, 预算, 年初预算, a change), and for a percentage what it is a ratio
 * of (a share of a whole, the completion of a budget, a growth rate).
 *
 *   上海市XX局2024年度收入支出总计2961.68万元。   → 收入支出总计, 决算
 *   与2023年度相比，收入支出总计增加108.9万元，增长3.8%。  → a change, and its rate
 *   1、教育支出（类）普通教育（款）初中教育（项）。年初预算为5万元，支出决算为4.9万元，完成年初预算的98%。
 *                                                  → 初中教育: 年初预算, 决算, their ratio
 */
import { readAmountText } from '../numbers/parse';
import type { WrittenParagraph } from './check-text';
import { type Stage, factName } from './facts';

export interface WrittenFigure {
  readonly kind: 'amount' | 'percent';
  /** As written: 万元 for amounts (元 amounts are marked `yuan`), percentage points for percents. */
  readonly value: number;
  readonly decimals: number;
  readonly text: string;
  /** Offsets in the paragraph's text. */
  readonly start: number;
  readonly end: number;
  readonly yuan: boolean;
}

export type Relation =
  | { readonly kind: 'share'; readonly whole: string }
  | { readonly kind: 'completion'; readonly initial: boolean }
  | { readonly kind: 'growth'; readonly down: boolean }
  | { readonly kind: 'other' };

export type ClaimStage = Stage | 'change' | 'prior';

export interface Claim {
  readonly section: string;
  readonly paragraph: WrittenParagraph;
  /** The sentence it stands in, as written. */
  readonly sentence: string;
  readonly figure: WrittenFigure;
  /** What it is about, normalised ('' when the text does not say). */
  readonly entity: string;
  /** The entity was named right before the figure, not taken from the sentence's topic. */
  readonly named: boolean;
  /** What figure of it: 'prior' for last year's (上年, 2023年度 in a 2024 narrative), which no table prints. */
  readonly stage: ClaimStage;
  /** For a change: which way the words say it went, and against what. */
  readonly change?: { readonly down: boolean; readonly against: 'prior' | 'budget' };
  /** For a percentage. */
  readonly relation?: Relation;
}

/**
 * A figure with its unit, as typed or as a PDF copy leaves it: 1,820.23万元, 1, 820. 23 万元, 1 820.23万元
 * (a space for the thousands separator, only before decimals), 1.05万 (万 for 万元 when no word follows).
 */
const FIGURE = /(\d{1,3}(?:[,，]\s?\d{3})+(?:\s?[.．]\s?\d+)?|\d{1,3}(?: \d{3})+[.．]\d+|\d+(?:\s?[.．]\s?\d+)?)\s*(万元|万(?![\u4e00-\u9fff])|元|%|％)/g;
const BOUNDARY = /[，,；;：:、]/;
const SENTENCE_END = /[。！？!?]/;

function writtenFigures(text: string): WrittenFigure[] {
  const out: WrittenFigure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    const digits = m[1]!.replace(/[,，\s]/g, '').replace('．', '.');
    const p = readAmountText(digits);
    if (p === undefined || p === 'empty') continue;
    const unit = m[2]!;
    const percent = unit === '%' || unit === '％';
    out.push({
      kind: percent ? 'percent' : 'amount',
      value: Number(digits),
      decimals: (digits.split('.')[1] ?? '').length,
      text: m[0].trim(),
      start: m.index!,
      end: m.index! + m[0].length,
      yuan: unit === '元',
    });
  }
  return out;
}

const LEADING = /^(其中|另外|此外|以及|主要是|主要包括|主要用于(?:以下方面)?|用于|包括|及|和|共有|全年|当年|本年度?|\d{4}年度?)+/;
const CONNECTIVE = /(为|是|达到|达|共计|共|约|总计为|合计为)$/;
const DIRECTION = /(增加|减少|增长|下降|降低|节约|超支|上升)了?$/;
const STAGES: ReadonlyArray<[RegExp, Stage]> = [
  [/(年初预算数?|年初预算金额)$/, 'initialBudget'],
  [/(全年预算数?|调整后预算数?|预算数?|预算金额)$/, 'budget'],
  [/(支出决算数?|决算数?|决算金额|实际支出|执行数)$/, 'actual'],
];
/** What names no figure by itself: the sentence's topic is meant. */
const GENERIC = /^(支出|合计|金额|资金|其|总额|支出总额)?$/;

/** The entity, stage and change words in the text right before an amount. */
function readSubject(raw: string, year?: number): { entity: string; stage: ClaimStage; change?: { down: boolean; against: 'prior' | 'budget' } } {
  // 增加（减少）: a choice the writer did not make (T13 says so); the first word is read.
  const n = factName(raw).replace(/\((?:增加|减少|增长|下降|降低|大于|小于)\)$/, '');
  // Last year's figure: 上年…, 2023年度… (in a 2024 narrative), 比上年的….
  const earlier = /^(?:\D*?)(\d{4})年/.exec(n);
  const prior = /^(?:上年|去年|上一年|上年度|比上年的?|较上年的?)/.test(n) || (year !== undefined && earlier !== null && Number(earlier[1]) < year && !/比|较|与/.test(n.slice(0, earlier.index + 1)));
  let s = n.replace(LEADING, '');
  for (let guard = 0; guard < 3 && CONNECTIVE.test(s); guard++) s = s.replace(CONNECTIVE, '');
  const dir = DIRECTION.exec(s);
  if (dir) {
    const against = /预算/.test(s) ? 'budget' : 'prior';
    // 与上年相比…增加, …决算数比2023年度减少, 比年初预算数减少: the comparison, before or after the entity.
    const COMPARED = /(与|比|较)(上年度?|去年|\d{4}年度?|年初预算数?|预算数?)(相比|同期)?/;
    let entity = s
      .slice(0, dir.index)
      .replace(/(各|均|分别|共|都)$/, '')
      .replace(new RegExp(`^${COMPARED.source}`), '')
      .replace(new RegExp(`${COMPARED.source}$`), '')
      .replace(LEADING, '');
    for (const [re] of STAGES) entity = entity.replace(re, '');
    return { entity, stage: 'change', change: { down: /减少|下降|降低|节约/.test(dir[1]!), against } };
  }
  const clean = (e: string) => e.replace(/^(?:上年度?|去年|上一年|比上年的?|较上年的?|\d{4}年度?)+/, '').replace(LEADING, '');
  for (const [re, stage] of STAGES) {
    const m = re.exec(s);
    if (m) return { entity: clean(s.slice(0, m.index)), stage: prior ? 'prior' : stage };
  }
  return { entity: clean(s), stage: prior ? 'prior' : 'actual' };
}

function readRelation(raw: string): Relation {
  const s = factName(raw);
  const share = /占(?:比)?(.*?)的?(?:比重|比例)?$/.exec(s);
  if (share && /占/.test(s)) return { kind: 'share', whole: share[1]!.replace(/的$/, '') };
  const completion = /完成(年初)?预算(?:数)?的?$|(年初)?预算完成率(?:为|达)?$/.exec(s);
  if (completion) return { kind: 'completion', initial: Boolean(completion[1] ?? completion[2]) };
  const growth = /(增长|下降|降低|增加|减少|上升)了?$/.exec(s);
  if (growth) return { kind: 'growth', down: /下降|降低|减少/.test(growth[1]!) };
  return { kind: 'other' };
}

/** The 项 a paragraph names: 教育支出（类）普通教育（款）初中教育（项） → 初中教育. */
function itemNamed(text: string): string | undefined {
  const t = factName(text);
  let last: string | undefined;
  for (const m of t.matchAll(/(?:^|[)\]]|\d[、.])([^()[\]]+?)\(项\)/g)) last = m[1];
  return last?.replace(/^\d+[、.]/, '');
}

/** 政府性基金预算财政拨款收入 with 支出 → 政府性基金预算财政拨款支出 (and back); undefined when the topic is no flow. */
function swapFlow(topic: string, word: string): string | undefined {
  const m = /^(.*?)(本年收入|本年支出|收入|支出|年初结转和结余|年末结转和结余)$/.exec(topic);
  if (!m || !m[1]) return undefined;
  return `${m[1]}${word}`;
}

/**
 * What a sentence opens with, when its figure there is left to fill in:
 * 2024年度财政拨款支出年初预算数为【请填写…】万元，支出决算数为1820.23万元 is about 财政拨款支出.
 */
function openingTopic(sentence: string): string | undefined {
  const first = sentence.replace(/【[^】]*】/g, '□').split(BOUNDARY)[0] ?? '';
  if (!first.includes('□')) return undefined;
  const subj = readSubject(first.slice(0, first.indexOf('□')));
  return GENERIC.test(subj.entity) ? undefined : subj.entity;
}

/**
 * The claims of the narrative's sections, in order. A 项 named in one paragraph is the topic of the
 * paragraphs after it until the next; a sentence's first named entity is the topic of its later figures.
 */
export function readClaims(sections: ReadonlyMap<string, readonly WrittenParagraph[]>, opts: { year?: number } = {}): Claim[] {
  const out: Claim[] = [];
  for (const [section, paras] of sections) {
    let item: string | undefined;
    for (const p of paras) {
      const named = itemNamed(p.text);
      if (named) item = named;
      let paragraphTopic: string | undefined;
      const text = p.text;
      const figures = writtenFigures(text);
      let sentenceStart = 0;
      let sentenceTopic: string | undefined;
      let prevEnd = 0;
      for (const f of figures) {
        // A new sentence since the last figure: its topic starts afresh.
        const between = text.slice(prevEnd, f.start);
        const endAt = Math.max(...[...between].map((ch, i) => (SENTENCE_END.test(ch) ? i : -1)));
        if (endAt >= 0 || prevEnd === 0) {
          if (endAt >= 0) sentenceStart = prevEnd + endAt + 1;
          sentenceTopic = openingTopic(text.slice(sentenceStart));
        }
        // What is left to fill in (【请填写：单位名称】) names nothing yet.
        const lead = text.slice(Math.max(prevEnd, sentenceStart), f.start).replace(/【[^】]*】/g, '');
        // 收、支总计 is one word, not a list.
        const cut = Math.max(...[...lead].map((ch, i) => (BOUNDARY.test(ch) && !(ch === '、' && lead[i - 1] === '收' && lead[i + 1] === '支') ? i : -1)));
        const raw = lead.slice(cut + 1);
        const rest = text.slice(sentenceStart);
        const stop = rest.search(SENTENCE_END);
        const sentence = (stop < 0 ? rest : rest.slice(0, stop + 1)).trim();
        prevEnd = f.end;
        if (f.kind === 'percent') {
          out.push({ section, paragraph: p, sentence, figure: f, entity: sentenceTopic ?? item ?? paragraphTopic ?? '', named: false, stage: 'actual', relation: readRelation(lead) });
          continue;
        }
        const subj = readSubject(raw, opts.year);
        const isGeneric = GENERIC.test(subj.entity) || /^(收入|支出)$/.test(subj.entity);
        const topic = sentenceTopic ?? (subj.stage === 'change' ? paragraphTopic : (item ?? paragraphTopic)) ?? '';
        // 政府性基金预算财政拨款收入300万元，支出281.36万元: 支出 of the same 政府性基金预算财政拨款.
        const swapped = /^(收入|支出)$/.test(subj.entity) ? swapFlow(topic, subj.entity) : undefined;
        const entity = swapped ?? (isGeneric ? topic : subj.entity);
        if (!isGeneric) {
          sentenceTopic = subj.entity;
          paragraphTopic ??= subj.entity;
        }
        out.push({ section, paragraph: p, sentence, figure: f, entity, named: !isGeneric, stage: subj.stage, ...(subj.change ? { change: subj.change } : {}) });
      }
    }
  }
  return out;
}
