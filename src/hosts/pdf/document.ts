/**
 * A PDF's pages into what a disclosure is made of: its ruled tables (one
 * table continued over page breaks is one, its repeated header dropped),
 * each with the lines above it (title, 公开NN表, 单位, 部门) and the notes
 * under it (注：…, 说明：…), and the rest of the text in reading order.
 */
import type { PageContent } from './content';
import { type PageTable, cluster, pageTables } from './grid';
import { type TextLine, buildLines, joinBroken } from './lines';

export interface TableCell {
  /** Row and column in the rebuilt table (0-based), and the span of a merged cell. */
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly text: string;
  readonly page: number;
}

export interface DocTable {
  /** Lines above the table, top to bottom (title, 公开NN表, 单位, 部门 …). */
  readonly caption: readonly TextLine[];
  /** The caption line that is its title (the largest type), if any. */
  readonly title?: TextLine;
  /** Notes under the table, a wrapped note joined into one. */
  readonly notes: readonly { readonly text: string; readonly page: number }[];
  readonly rowCount: number;
  readonly colCount: number;
  readonly cells: readonly TableCell[];
  /** The page of each row. */
  readonly rowPages: readonly number[];
  /** The pages it runs over. */
  readonly pages: readonly number[];
  /** Horizontal extent of the table and of each column edge on its first page (for placing caption text). */
  readonly x0: number;
  readonly x1: number;
  readonly colEdges: readonly number[];
}

export interface PdfDocument {
  readonly pageCount: number;
  readonly tables: readonly DocTable[];
  /** The text outside tables, captions and notes, in reading order. */
  readonly flow: readonly TextLine[];
  /** Glyphs on each page (index 0 = page 1). */
  readonly glyphCounts: readonly number[];
  /** Pages that are mostly a picture with (almost) no text: scanned. */
  readonly imagePages: readonly number[];
  /** Text laid out as a table without rulings (columns of figures): never read as cells, said instead. */
  readonly unruled: readonly UnruledTable[];
}

/** A table printed without rulings: where it is and its title, if a line above it reads like one. */
export interface UnruledTable {
  readonly page: number;
  readonly title?: string;
}

const AMOUNT_CHUNK = /^-?[\d,，]*\d\.\d+$/;
const TABLE_TITLE = /(决算|预算|明细|情况|汇总|经费|基金).*表$|^公开\s*\d+\s*表$/;

/**
 * Lines of running text that are rows of a table without rulings: three or
 * more chunks (wide gaps between them) with an amount among them, or two
 * amounts. Three such lines on a page make a table there.
 */
function unruledTables(flow: readonly TextLine[]): UnruledTable[] {
  const out: UnruledTable[] = [];
  const pages = [...new Set(flow.map((l) => l.page))];
  for (const page of pages) {
    const lines = flow.filter((l) => l.page === page);
    const rows = lines.filter((l) => {
      const amounts = l.chunks.filter((c) => AMOUNT_CHUNK.test(c.text.replace(/\s/g, ''))).length;
      return (l.chunks.length >= 3 && amounts >= 1) || amounts >= 2;
    });
    if (rows.length < 3) continue;
    const first = rows[0]!;
    // Its title: the largest line above it that reads like a table's title (else its 公开NN表).
    const above = lines.filter((l) => l.bottom <= first.top && TABLE_TITLE.test(l.text.replace(/\s/g, '')));
    const titles = above.filter((l) => !/^公开\s*\d+\s*表$/.test(l.text.replace(/\s/g, '')));
    const title = (titles.length ? titles : above).reduce<TextLine | undefined>((best, l) => (!best || l.size > best.size ? l : best), undefined);
    out.push({ page, ...(title ? { title: title.text.replace(/\s/g, '') } : {}) });
  }
  return out;
}

const PAGE_NUMBER = /^(?:[-—–－\s]*\d+[-—–－\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$/i;
const NOTE_START = /^(?:注|说明|备注|附注|填报说明|本表|此表|\d+[.．、]|[(（]\d+[)）])/;

/**
 * Running heads and feet: page numbers in the top or bottom margin, and the
 * first or last line of a page when the same text stands at the same height
 * on three or more pages (a table's own 公开NN表 or 单位 line never is one).
 */
function runningLines(pages: readonly { height: number; lines: readonly TextLine[]; tables: readonly PageTable[] }[]): Set<TextLine> {
  const out = new Set<TextLine>();
  const seen = new Map<string, TextLine[]>();
  for (const p of pages) {
    const sorted = [...p.lines].sort((a, b) => a.top - b.top);
    const contentTop = Math.min(...p.tables.map((t) => t.top), Infinity);
    const contentBottom = Math.max(...p.tables.map((t) => t.bottom), -Infinity);
    for (const l of sorted) {
      const edge = l.top < p.height * 0.1 || l.bottom > p.height * 0.9;
      if (!edge) continue;
      if (PAGE_NUMBER.test(l.text)) out.add(l);
      const outermost = (l === sorted[0] && l.bottom <= contentTop) || (l === sorted[sorted.length - 1] && l.top >= contentBottom);
      if (!outermost || /^公开\s*\d+\s*表$|^单位\s*[:：]/.test(l.text)) continue;
      const key = `${Math.round(l.top / 4)}|${PAGE_NUMBER.test(l.text) ? '#' : l.text}`;
      seen.set(key, [...(seen.get(key) ?? []), l]);
    }
  }
  for (const ls of seen.values()) if (ls.length >= 3) for (const l of ls) out.add(l);
  return out;
}

interface PagePart {
  readonly table: PageTable;
  caption: TextLine[];
  notes: TextLine[];
  /** Lines after it on its page (notes and other text): a table with any ended there. */
  followed: boolean;
  /** Lines before it on its page (its caption or other text). */
  preceded: boolean;
}

function hasAmount(s: string): boolean {
  return /^-?[\d,，]+\.\d+$/.test(s.replace(/\s/g, ''));
}

/** Notes under a table: lines from the first that looks like a note, a wrapped line joined to the one above it. */
function takeNotes(table: PageTable, lines: TextLine[]): TextLine[] {
  const notes: TextLine[] = [];
  let above = table.bottom;
  for (const l of lines) {
    const gap = l.top - above;
    if (gap > 2.5 * l.size) break;
    if (NOTE_START.test(l.text)) notes.push(l);
    else if (notes.length && gap < 0.9 * l.size) notes.push(l);
    else break;
    above = l.bottom;
  }
  return notes;
}

/** The caption above a table: the block of short lines right above it. */
function takeCaption(table: PageTable, lines: TextLine[]): TextLine[] {
  const out: TextLine[] = [];
  let below = table.top;
  for (let i = lines.length - 1; i >= 0 && out.length < 6; i--) {
    const l = lines[i]!;
    if (below - l.bottom > 3 * l.size) break;
    if (l.text.replace(/\s/g, '').length > 60) break;
    out.unshift(l);
    below = l.top;
  }
  return out;
}

function rowSignature(t: PageTable, r: number): string {
  return t.cells
    .filter((c) => c.row === r)
    .map((c) => c.text.replace(/\s+/g, ''))
    .join('|');
}

/** How many of b's first rows repeat a's header (the same text, no amounts, no cell running past them). */
function repeatedHeader(a: PageTable, b: PageTable): number {
  const rows = Math.min(6, a.ys.length - 1, b.ys.length - 1);
  let k = 0;
  while (k < rows) {
    const sig = rowSignature(b, k);
    if (!sig.replace(/\|/g, '') || sig !== rowSignature(a, k) || b.cells.some((c) => c.row === k && hasAmount(c.text))) break;
    k++;
  }
  // A cell of b that starts in the repeated rows and runs below them keeps them all.
  while (k > 0 && b.cells.some((c) => c.row < k && c.row + c.rowSpan > k)) k--;
  return k;
}

function buildTable(parts: readonly PagePart[]): DocTable {
  const first = parts[0]!;
  const edges = cluster(parts.flatMap((p) => p.table.xs));
  const nearest = (x: number) => {
    let best = 0;
    for (let i = 1; i < edges.length; i++) if (Math.abs(edges[i]! - x) < Math.abs(edges[best]! - x)) best = i;
    return best;
  };
  const cells: TableCell[] = [];
  const rowPages: number[] = [];
  let offset = 0;
  parts.forEach((p, i) => {
    const skip = i === 0 ? 0 : repeatedHeader(first.table, p.table);
    const rows = p.table.ys.length - 1;
    for (const c of p.table.cells) {
      if (c.row < skip) continue;
      const c0 = nearest(c.x0);
      const c1 = Math.max(c0, nearest(c.x1) - 1);
      cells.push({ row: offset + c.row - skip, col: c0, rowSpan: c.rowSpan, colSpan: c1 - c0 + 1, text: c.text, page: p.table.page });
    }
    for (let r = skip; r < rows; r++) rowPages.push(p.table.page);
    offset += rows - skip;
  });
  const caption = first.caption;
  const title = caption.length ? caption.reduce((best, l) => (l.size > best.size + 0.5 || (Math.abs(l.size - best.size) <= 0.5 && /表$/.test(l.text) && !/表$/.test(best.text)) ? l : best)) : undefined;
  const notes: { text: string; page: number }[] = [];
  for (const l of parts[parts.length - 1]!.notes) {
    const last = notes[notes.length - 1];
    if (last && !NOTE_START.test(l.text)) last.text = joinBroken(last.text, l.text);
    else notes.push({ text: l.text, page: l.page });
  }
  return {
    caption,
    ...(title ? { title } : {}),
    notes,
    rowCount: offset,
    colCount: edges.length - 1,
    cells: cells.sort((a, b) => a.row - b.row || a.col - b.col),
    rowPages,
    pages: [...new Set(parts.map((p) => p.table.page))],
    x0: first.table.x0,
    x1: first.table.x1,
    colEdges: edges,
  };
}

export function readDocument(contents: readonly PageContent[]): PdfDocument {
  const pages = contents.map((c) => {
    const { tables, used } = pageTables(c.number, c.rulings, c.glyphs);
    const lines = buildLines(
      c.number,
      c.glyphs.filter((g) => !used.has(g)),
    );
    return { content: c, height: c.height, tables, lines };
  });
  const running = runningLines(pages);
  const flow: TextLine[] = [];
  const done: PagePart[][] = [];
  let open: PagePart[] | undefined;
  for (const p of pages) {
    const lines = p.lines.filter((l) => !running.has(l)).sort((a, b) => a.top - b.top || a.x0 - b.x0);
    // Lines between tables: the notes of the one above, the caption of the one below, the rest is text.
    const slots: TextLine[][] = p.tables.map(() => []);
    slots.push([]);
    for (const l of lines) {
      let k = 0;
      while (k < p.tables.length && p.tables[k]!.bottom <= l.top + 1) k++;
      // A line beside a table (neither above nor below it) is text of its own.
      if (k < p.tables.length && p.tables[k]!.top < l.bottom - 1) {
        flow.push(l);
        continue;
      }
      slots[k]!.push(l);
    }
    const parts: PagePart[] = p.tables.map((t) => ({ table: t, caption: [], notes: [], followed: false, preceded: false }));
    slots.forEach((slot, k) => {
      let rest = slot;
      const above = parts[k - 1];
      const below = parts[k];
      if (above) {
        above.notes = takeNotes(above.table, rest);
        rest = rest.slice(above.notes.length);
        above.followed = slot.length > 0;
      }
      if (below) {
        below.caption = takeCaption(below.table, rest);
        rest = rest.slice(0, rest.length - below.caption.length);
        below.preceded = slot.length > 0;
      }
      flow.push(...rest);
    });
    parts.forEach((part, i) => {
      const prev = open?.[open.length - 1];
      const continues =
        i === 0 &&
        prev !== undefined &&
        !prev.followed &&
        prev.table.page === p.content.number - 1 &&
        Math.abs(prev.table.x0 - part.table.x0) <= 3 &&
        Math.abs(prev.table.x1 - part.table.x1) <= 3 &&
        (!part.preceded || part.caption.every((l) => open![0]!.caption.some((c) => c.text === l.text)));
      if (continues) {
        open!.push(part);
        // A repeated title is not text of the page.
        part.caption = [];
      } else {
        if (open) done.push(open);
        open = [part];
      }
    });
  }
  if (open) done.push(open);
  // Flow in reading order: page, then top to bottom.
  flow.sort((a, b) => a.page - b.page || a.top - b.top || a.x0 - b.x0);
  return {
    pageCount: contents.length,
    tables: done.map(buildTable),
    flow,
    glyphCounts: contents.map((c) => c.glyphs.length),
    imagePages: contents.filter((c) => c.glyphs.length < 20 && c.imageCover > 0.4).map((c) => c.number),
    unruled: unruledTables(flow),
  };
}
