/**
 * Lines of running text into paragraphs, the PDF's line breaks joined: a
 * line starts a paragraph when it is indented, when the line before it
 * stopped short of the right margin, when a wider gap or another type size
 * sets it apart, or when it opens with a heading's number (一、 （二） 第三部分).
 */
import { type TextLine, joinBroken } from './lines';

export interface Paragraph {
  readonly text: string;
  readonly page: number;
  /** The last page it runs onto. */
  readonly lastPage: number;
}

const HEADING_START = /^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])/;
const ITEM_START = /^\d+[、.．](?!\d)/;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
}

/** What a line cannot be broken before: an opening mark, a character or a Latin word, the closing marks after it, a word glued to them. */
const FIRST_RUN = /^[“‘（《「『【(]*(?:[A-Za-z0-9][A-Za-z0-9.,%]*|.)[。，、；：！？”’）》」』】)%,.:;!?]*[A-Za-z0-9.,%]*/u;

/** The width of a line's first unbreakable run, from its characters: full width for Chinese, about half for Latin. */
function firstRunWidth(text: string, size: number): number {
  const run = FIRST_RUN.exec(text)?.[0] ?? '';
  let w = 0;
  for (const ch of run) w += /[\u2e80-\uffff]/.test(ch) ? size : 0.55 * size;
  return w;
}

export function paragraphs(lines: readonly TextLine[]): Paragraph[] {
  if (lines.length === 0) return [];
  // Margins per page, from the lines of body type.
  const body = median(lines.map((l) => l.size));
  const margins = new Map<number, { left: number; right: number }>();
  for (const page of new Set(lines.map((l) => l.page))) {
    const on = lines.filter((l) => l.page === page && Math.abs(l.size - body) <= body * 0.2);
    const all = on.length ? on : lines.filter((l) => l.page === page);
    margins.set(page, { left: Math.min(...all.map((l) => l.x0)), right: Math.max(...all.map((l) => l.x1)) });
  }
  // The usual distance from one line's baseline to the next within a paragraph.
  const pitches: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1]!;
    const b = lines[i]!;
    if (a.page === b.page && b.base > a.base) pitches.push(b.base - a.base);
  }
  const pitch = median(pitches) || body * 1.5;

  const out: { text: string; page: number; lastPage: number }[] = [];
  let prev: TextLine | undefined;
  for (const l of lines) {
    const m = margins.get(l.page)!;
    let starts = !prev;
    if (prev && !starts) {
      const pm = margins.get(prev.page)!;
      const samePage = prev.page === l.page;
      const indent = l.x0 - m.left > 0.9 * l.size;
      // Short: the line before stopped where its next word would have fitted (a line that could not
      // take “行。2024” whole is broken there by the layout, not ended by the writer).
      const short = pm.right - prev.x1 > Math.max(1.5 * prev.size, firstRunWidth(l.text, l.size) + 0.5 * prev.size);
      const gap = samePage && l.base - prev.base > pitch * 1.35;
      const sizeChange = Math.abs(l.size - prev.size) > 0.15 * Math.max(l.size, prev.size);
      const heading = HEADING_START.test(l.text) || (ITEM_START.test(l.text) && /[。：:；;！？]$/.test(prev.text));
      // A line indented no more than the one before it continues an indented block.
      const sameIndent = Math.abs(l.x0 - prev.x0) < 0.5 * l.size && prev.x0 - pm.left > 0.9 * prev.size && !short;
      starts = (indent && !sameIndent) || short || gap || sizeChange || heading;
    }
    if (starts) out.push({ text: l.text, page: l.page, lastPage: l.page });
    else {
      const p = out[out.length - 1]!;
      p.text = joinBroken(p.text, l.text);
      p.lastPage = l.page;
    }
    prev = l;
  }
  return out;
}
