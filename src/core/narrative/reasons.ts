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
            ? String.raw`[\d,，.]+`
            : t === '截至' || t === '截止'
              ? '截[至止]'
              : t === ':' || t === '：'
                ? '[:：]?'
                : '(?:增加|减少|增长|下降|降低|大于|小于|持平)';
    last = m.index! + t.length;
  }
  source += escape(text.slice(last));
  return new RegExp(`^${source}$`);
}

/**
 * The reasons written in `written` (a 情况说明 sheet read by readWrittenNarrative),
 * by slot id, for the slots of `drafted` (the narrative generated with no reasons).
 * A slot still showing 【请填写原因】 or left empty gives nothing.
 */
export function harvestReasons(drafted: Narrative, written: ReadonlyMap<string, readonly WrittenParagraph[]>): Record<string, string> {
  const out: Record<string, string> = {};
  const keep = (id: string | undefined, text: string) => {
    const t = text.trim();
    if (id && t && !t.includes(REASON_PLACEHOLDER) && out[id] === undefined) out[id] = t;
  };
  for (const sec of drafted.sections) {
    const paras = writtenFor(written as Map<string, WrittenParagraph[]>, sec.id);
    if (!paras?.length) continue;
    const texts = paras.map((p) => squash(p.text));
    // First the paragraphs with words of their own, in order; each written paragraph serves once.
    const matchedAt: Array<number | undefined> = sec.paragraphs.map(() => undefined);
    const used = new Set<number>();
    let from = 0;
    sec.paragraphs.forEach((p, k) => {
      if (!p.reasons.length || squash(p.text) === REASON_PLACEHOLDER) return;
      const re = patternOf(p.text);
      for (let i = from; i < texts.length; i++) {
        if (used.has(i)) continue;
        const m = re.exec(texts[i]!);
        if (!m) continue;
        used.add(i);
        matchedAt[k] = i;
        from = i + 1;
        m.slice(1).forEach((g, j) => keep(p.reasons[j], g));
        return;
      }
    });
    // Then a paragraph that is a slot alone: the written paragraphs between its neighbours' matches.
    sec.paragraphs.forEach((p, k) => {
      if (!p.reasons.length || squash(p.text) !== REASON_PLACEHOLDER) return;
      const before = matchedAt.slice(0, k).filter((x): x is number => x !== undefined).pop() ?? -1;
      const after = matchedAt.slice(k + 1).find((x): x is number => x !== undefined) ?? paras.length;
      const mine = paras.slice(before + 1, after).filter((_, i) => !used.has(before + 1 + i));
      keep(p.reasons[0], mine.map((x) => x.text.trim()).join('\n'));
    });
  }
  return out;
}
