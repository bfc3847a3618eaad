/**
 * The sheet the narrative is written to: a title, one paragraph per row, the
 * headings bold.
 *
 * In Excel (Office.js), 写入工作簿 — an explicit action of the user — writes
 * the 情况说明 sheet, the rows with something left to fill in highlighted; a
 * 情况说明 sheet already there is not overwritten: it becomes
 * 情况说明(上一稿) (replacing an older one), and its reasons were read back
 * into the new draft beforehand.
 *
 * The annotated copy never renames or rewrites a sheet of the user:
 * the draft goes to a new sheet, 情况说明（生成稿） (or 情况说明（生成稿）2 …),
 * with nothing coloured on it, so that no placeholder looks like a finding.
 */
import { GENERATED_NARRATIVE_SHEET } from '../core/check';
import type { Narrative } from '../core/narrative/types';

export const NARRATIVE_SHEET = '情况说明';
export const PREVIOUS_NARRATIVE_SHEET = '情况说明(上一稿)';
export { GENERATED_NARRATIVE_SHEET };

/** The name for a new draft: 情况说明（生成稿）, or 情况说明（生成稿）2, 3 … when a sheet has it (names compared as Excel does, ignoring case). */
export function freeGeneratedNarrativeName(sheetNames: Iterable<string>): string {
  const taken = new Set([...sheetNames].map((n) => n.toLowerCase()));
  if (!taken.has(GENERATED_NARRATIVE_SHEET.toLowerCase())) return GENERATED_NARRATIVE_SHEET;
  for (let i = 2; ; i++) {
    const name = `${GENERATED_NARRATIVE_SHEET}${i}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
/** The fill of a row that still has 【请填写…】 in it. */
export const TO_FILL_COLOR = 'FFF2CC';
/** Column A's width, in characters. */
export const NARRATIVE_COLUMN_WIDTH = 110;

export interface NarrativeLine {
  readonly text: string;
  readonly bold: boolean;
  readonly toFill: boolean;
}

/**
 * The rows of the sheet. `highlight: false` (the annotated copy): no row is
 * marked to fill in, and the title says the placeholders are the 【…】 in the text.
 */
export function narrativeLines(n: Narrative, opts: { readonly highlight?: boolean } = {}): NarrativeLine[] {
  const highlight = opts.highlight ?? true;
  const out: NarrativeLine[] = [];
  const line = (text: string, bold = false) => out.push({ text, bold, toFill: highlight && /【[^】]*】/.test(text) });
  line(`${n.year}年度部门决算情况说明（初稿，由表中数字生成；${highlight ? '黄色行有待填写的内容' : '【】中为待填写的内容'}）`, true);
  const sections = (list: Narrative['sections']) => {
    for (const s of list) {
      if (s.heading) line(s.heading, true);
      if (s.subheading) line(s.subheading, true);
      for (const p of s.paragraphs) line(p.text);
    }
  };
  sections(n.sections);
  if (n.report) {
    line(n.report.title, true);
    sections(n.report.sections);
  }
  return out;
}
