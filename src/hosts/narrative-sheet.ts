/**
 * The 情况说明 sheet the narrative is written to, the same in Excel (Office.js)
 * and in the annotated copy (exceljs): a title, one paragraph per row, the
 * headings bold, the rows with something left to fill in highlighted.
 *
 * A 情况说明 sheet already there is not overwritten: it becomes
 * 情况说明(上一稿) (replacing an older one), so nothing the accountant wrote
 * is lost — and its reasons were read back into the new draft beforehand.
 */
import type { Narrative } from '../core/narrative/types';

export const NARRATIVE_SHEET = '情况说明';
export const PREVIOUS_NARRATIVE_SHEET = '情况说明(上一稿)';
/** The fill of a row that still has 【请填写…】 in it. */
export const TO_FILL_COLOR = 'FFF2CC';
/** Column A's width, in characters. */
export const NARRATIVE_COLUMN_WIDTH = 110;

export interface NarrativeLine {
  readonly text: string;
  readonly bold: boolean;
  readonly toFill: boolean;
}

export function narrativeLines(n: Narrative): NarrativeLine[] {
  const out: NarrativeLine[] = [];
  const line = (text: string, bold = false) => out.push({ text, bold, toFill: /【[^】]*】/.test(text) });
  line(`${n.year}年度部门决算情况说明（初稿，由表中数字生成；黄色行有待填写的内容）`, true);
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
