/**
 * Reasons survive regeneration: what the accountant wrote into a reason slot
 * of a generated 情况说明 sheet is read back, so that when the figures change
 * and the narrative is generated again, the words stay.
 *
 * Each generated paragraph, drafted without any reason, becomes a pattern:
 * its reason slots are what to capture, its figures and direction words
 * (which change with the numbers) and its figure placeholders (which the
 * accountant may have typed over) match anything of their kind, and the rest
 * must be the same words. A paragraph that is a slot alone (十四(三)'s
 * problems, several paragraphs long) takes the written paragraphs between its
 * neighbours.
 */
import type { WrittenParagraph } from './check-text';
import { writtenFor } from './check-text';
import { REASON_PLACEHOLDER } from './generate';
import type { Narrative } from './types';

const squash = (s: string) => s.replace(/\s+/g, '');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Tokens of a drafted paragraph: the words to keep, and what may differ. */
const TOKENS = new RegExp(
  [
    escape(REASON_PLACEHOLDER), // a reason slot: captured
    '【请填写[:：][^】]*】', // a figure asked for: anything the accountant typed
    String.raw`\d[\d,，]*(?:\.\d+)?`, // a figure: any figure
    '增加|减少|增长|下降|降低|大于|小于|持平', // which way it moved: any way
    '截至|截止|[:：]', // slips a reviewer flags elsewhere (T05), not reasons to lose the words
  ].join('|'),
  'g',
);

/**
 * The pattern of a drafted paragraph, matched against the written text with
 * its whitespace taken out (a PDF copy puts spaces anywhere): no \s* between
 * tokens, so a paragraph full of figures cannot send the matcher into
 * exponential backtracking. Captures are mapped back to the original text,
 * spaces and all (see WrittenText).
 */
function patternOf(drafted: string): RegExp {
  let source = '';
  let last = 0;
  const text = squash(drafted);
  for (const m of text.matchAll(TOKENS)) {
    source += escape(text.slice(last, m.index));
    const t = m[0];
    source +=
      t === REASON_PLACEHOLDER
        ? '(.*?)'
        : t.startsWith('【')
          ? '.*?'
          : /^\d/.test(t)
            ? String.raw`\d[\d,，.]*`
            : t === '截至' || t === '截止'
              ? '截[至止]'
              : t === ':' || t === '：'
                ? '[:：]?'
                : '(?:增加|减少|增长|下降|降低|大于|小于|持平)';
    last = m.index! + t.length;
  }
  source += escape(text.slice(last));
  return new RegExp(`^${source}$`, 'd');
}

/** A written paragraph without whitespace, with where each of its characters sits in the original. */
interface WrittenText {
  readonly squashed: string;
  readonly original: string;
  readonly at: readonly number[];
}

function writtenText(original: string): WrittenText {
  let squashed = '';
  const at: number[] = [];
  for (let i = 0; i < original.length; i++) {
    if (/\s/.test(original[i]!)) continue;
    squashed += original[i];
    at.push(i);
  }
  return { squashed, original, at };
}

/** The captured groups of a match, as the original text has them (its own spaces kept). */
function capturesOf(m: RegExpExecArray, w: WrittenText): string[] {
  const spans = (m as RegExpExecArray & { indices?: Array<[number, number] | undefined> }).indices ?? [];
  return spans.slice(1).map((span) => {
    if (!span || span[0] === span[1]) return '';
    return w.original.slice(w.at[span[0]]!, w.at[span[1] - 1]! + 1);
  });
}

/**
 * The reasons written in `written` (a 情况说明 sheet read by readWrittenNarrative),
 * by slot id, for the slots of `drafted` (the narrative generated with no reasons
 * and plainSlots, so that every slot reads 【请填写原因】). A slot still asking
 * for its text, or left empty, gives nothing.
 */
export function harvestReasons(drafted: Narrative, written: ReadonlyMap<string, readonly WrittenParagraph[]>, writtenReport?: ReadonlyMap<string, readonly WrittenParagraph[]>): Record<string, string> {
  const out = harvestSections(drafted.sections, written);
  if (drafted.report && writtenReport) for (const [k, v] of Object.entries(harvestSections(drafted.report.sections, writtenReport))) out[k] ??= v;
  return out;
}

/** A PDF copy breaks a sentence across lines (实际支出 0.92 / 万元。): such a line continues the one before. */
function joinBrokenLines(paras: readonly WrittenParagraph[]): WrittenParagraph[] {
  const out: WrittenParagraph[] = [];
  for (const p of paras) {
    const last = out[out.length - 1];
    if (last && /^(万元|元|%|[，。；、：）)])/.test(p.text.trim())) out[out.length - 1] = { ...last, text: `${last.text}${p.text.trim()}` };
    else out.push(p);
  }
  return out;
}

function harvestSections(sections: Narrative['sections'], written: ReadonlyMap<string, readonly WrittenParagraph[]>): Record<string, string> {
  const out: Record<string, string> = {};
  const keep = (id: string | undefined, text: string) => {
    const t = text.trim();
    // A slot still asking (【请填写原因】, 【请填写：单位主要职能】) gives nothing.
    if (id && t && !/【请填写/.test(t) && out[id] === undefined) out[id] = t;
  };
  const solo = (text: string) => squash(text) === REASON_PLACEHOLDER;
  for (const sec of sections) {
    const found = writtenFor(written as Map<string, WrittenParagraph[]>, sec.id);
    if (!found?.length) continue;
    const paras = joinBrokenLines(found);
    const texts = paras.map((p) => writtenText(p.text.trim()));
    // First every paragraph with words of its own, in order, each written paragraph serving once;
    // those without slots anchor the others.
    const matchedAt: Array<number | undefined> = sec.paragraphs.map(() => undefined);
    const used = new Set<number>();
    let from = 0;
    sec.paragraphs.forEach((p, k) => {
      if (solo(p.text)) return;
      const re = patternOf(p.text);
      for (let i = from; i < texts.length; i++) {
        if (used.has(i)) continue;
        const m = re.exec(texts[i]!.squashed);
        if (!m) continue;
        used.add(i);
        matchedAt[k] = i;
        from = i + 1;
        capturesOf(m, texts[i]!).forEach((g, j) => keep(p.reasons[j], g));
        return;
      }
    });
    const between = (k: number) => {
      const before = matchedAt.slice(0, k).filter((x): x is number => x !== undefined).pop() ?? -1;
      const after = matchedAt.slice(k + 1).find((x): x is number => x !== undefined) ?? paras.length;
      return paras.map((x, i) => ({ x, i })).filter(({ i }) => i > before && i < after && !used.has(i));
    };
    // A slot that ends its paragraph goes on over the written paragraphs that follow, up to the next one matched
    // (二(一)'s account of the year, several paragraphs long), unless a slot-alone paragraph comes next to take them.
    sec.paragraphs.forEach((p, k) => {
      const id = p.reasons[p.reasons.length - 1];
      if (!id || solo(p.text) || matchedAt[k] === undefined || !squash(p.text).endsWith(REASON_PLACEHOLDER)) return;
      if (sec.paragraphs[k + 1] && solo(sec.paragraphs[k + 1]!.text)) return;
      const more = between(k).filter(({ i }) => i > matchedAt[k]!);
      if (!more.length || out[id] === undefined) return;
      more.forEach(({ i }) => used.add(i));
      out[id] = [out[id], ...more.map(({ x }) => x.text.trim())].join('\n');
    });
    // Then a paragraph that is a slot alone: the written paragraphs between its neighbours' matches.
    sec.paragraphs.forEach((p, k) => {
      if (!p.reasons.length || !solo(p.text)) return;
      keep(p.reasons[0], between(k).map(({ x }) => x.text.trim()).join('\n'));
    });
  }
  return out;
}
