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

const PAGE_NUMBER = /^(?:[-—–－─\s]*\d+[-—–－─\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$/i;
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
  /** How many lines stand before it on its page (its caption, or other text). */
  preceded: number;
}

/** A part's heading (第二部分 部门决算表): text of the document, not a table's caption. */
const PART_HEADING = /^第[一二三四五六七八九十]+部分/;
/** A line that names a table: 收入支出决算总表, 公开01表. */
const NAMES_TABLE = /表$|表[（(][^）)]*[）)]$/;

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

/** How far apart two lines of a caption may be: three lines of the larger type, and never less than 45 points (titles stand apart). */
const captionGap = (a: number, b: number) => Math.max(3 * a, 3 * b, 45);

/** The caption above a table: the block of short lines right above it. */
function takeCaption(table: PageTable, lines: TextLine[]): TextLine[] {
  const out: TextLine[] = [];
  let below = table.top;
  let belowSize = 10;
  for (let i = lines.length - 1; i >= 0 && out.length < 6; i--) {
    const l = lines[i]!;
    if (below - l.bottom > captionGap(l.size, belowSize)) break;
    if (l.text.replace(/\s/g, '').length > 60 || PART_HEADING.test(l.text)) break;
    out.unshift(l);
    below = l.top;
    belowSize = l.size;
  }
  return out;
}

/**
 * The caption of a table that starts a page, printed at the foot of the page
 * before (title, 部门, 单位 left behind by a page break): the block of short
 * lines ending that page, if one of them names a table.
 */
function takeOrphanCaption(lines: readonly TextLine[]): TextLine[] {
  const out: TextLine[] = [];
  for (let i = lines.length - 1; i >= 0 && out.length < 6; i--) {
    const l = lines[i]!;
    const next = out[0];
    if (next && next.top - l.bottom > captionGap(l.size, next.size)) break;
    if (l.text.replace(/\s/g, '').length > 60 || PART_HEADING.test(l.text)) break;
    out.unshift(l);
  }
  return out.some((l) => namesTable(l.text)) ? out : [];
}

/** A line that names a table (收入支出决算总表), not only its number (公开01表). */
function namesTable(text: string): boolean {
  const t = text.replace(/\s/g, '');
  return NAMES_TABLE.test(t) && !/^公开\d+表$/.test(t);
}

/**
 * Caption lines the PDF wrapped: a piece of three characters or fewer right
 * under a piece of the line above (“…支出预算” / “表”, “单位：万” / “元”)
 * joins it.
 */
function joinWrappedCaption(lines: readonly TextLine[]): TextLine[] {
  const out: TextLine[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    if (!prev || l.top - prev.bottom > 0.8 * l.size) {
      out.push(l);
      continue;
    }
    // A title over two lines: the same type, one piece each, and only together naming a table.
    const under = (l.x0 + l.x1) / 2 >= prev.x0 && (l.x0 + l.x1) / 2 <= prev.x1;
    const label = /^(公开\s*\d+\s*表|部门|单位|编制)/;
    if (l.chunks.length === 1 && prev.chunks.length === 1 && under && Math.abs(l.size - prev.size) <= 0.5 && !label.test(l.text) && !label.test(prev.text) && !namesTable(prev.text) && namesTable(prev.text + l.text)) {
      const text = joinBroken(prev.text, l.text);
      out[out.length - 1] = { ...prev, text, chunks: [{ text, x0: Math.min(prev.x0, l.x0), x1: Math.max(prev.x1, l.x1) }], x0: Math.min(prev.x0, l.x0), x1: Math.max(prev.x1, l.x1), bottom: l.bottom };
      continue;
    }
    if (l.top - prev.bottom > 0.6 * l.size) {
      out.push(l);
      continue;
    }
    const chunks = [...prev.chunks];
    const kept = l.chunks.filter((c) => {
      if (c.text.replace(/\s/g, '').length > 3) return true;
      const i = chunks.findIndex((p) => c.x0 >= p.x0 - l.size && c.x0 <= p.x1 + l.size);
      if (i < 0) return true;
      chunks[i] = { ...chunks[i]!, text: joinBroken(chunks[i]!.text, c.text), x1: Math.max(chunks[i]!.x1, c.x1) };
      return false;
    });
    if (kept.length === l.chunks.length) {
      out.push(l);
      continue;
    }
    out[out.length - 1] = { ...prev, chunks, text: chunks.map((c) => c.text).join(' '), x1: Math.max(prev.x1, ...chunks.map((c) => c.x1)) };
    if (kept.length) out.push({ ...l, chunks: kept, text: kept.map((c) => c.text).join(' '), x0: Math.min(...kept.map((c) => c.x0)), x1: Math.max(...kept.map((c) => c.x1)) });
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
  const caption = joinWrappedCaption(first.caption);
  // The title: the largest line that names a table (not its 公开NN表), else the largest line.
  // (A caption naming no table has a title only in a line of one piece that is not its 部门 or 单位.)
  const naming = caption.filter((l) => namesTable(l.text));
  const plain = caption.filter((l) => l.chunks.length === 1 && !/^(部门|单位|公开\s*\d+\s*表)/.test(l.text));
  const title = (naming.length ? naming : plain).reduce<TextLine | undefined>((best, l) => (!best || l.size > best.size + 0.5 ? l : best), undefined);
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
  const found = contents.map((c) => pageTables(c.number, c.rulings, c.glyphs).tables);
  const pages = contents.map((c, i) => {
    // A single row of boxes is kept only at the top of a page, under nothing, as wide as the last table of the page before: a table's last row carried over.
    const before = found[i - 1]?.[found[i - 1]!.length - 1];
    const tables = found[i]!.filter(
      (t, k) => !t.thin || (k === 0 && before !== undefined && !before.thin && Math.abs(before.x0 - t.x0) <= 3 && Math.abs(before.x1 - t.x1) <= 3 && !c.glyphs.some((g) => g.bottom < t.top && g.top > c.height * 0.1)),
    );
    const used = new Set(tables.flatMap((t) => t.glyphs));
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
  let pendingTail: TextLine[] = [];
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
    const parts: PagePart[] = p.tables.map((t) => ({ table: t, caption: [], notes: [], followed: false, preceded: 0 }));
    const tail = pendingTail;
    pendingTail = [];
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
        below.preceded = slot.length;
      }
      // The text after the page's last table waits for the next page: it may be that page's first table's caption.
      if (k === slots.length - 1) pendingTail = rest;
      else flow.push(...rest);
    });
    if (p.tables.length === 0) {
      flow.push(...tail);
      tail.length = 0;
    }
    parts.forEach((part, i) => {
      const prev = open?.[open.length - 1];
      const continues =
        i === 0 &&
        prev !== undefined &&
        !prev.followed &&
        prev.table.page === p.content.number - 1 &&
        Math.abs(prev.table.x0 - part.table.x0) <= 3 &&
        Math.abs(prev.table.x1 - part.table.x1) <= 3 &&
        // Nothing above it on its page, or only its title repeated.
        (part.preceded === 0 || (part.caption.length === part.preceded && part.caption.every((l) => open![0]!.caption.some((c) => c.text === l.text))));
      if (i === 0) {
        // A table at the top of a page whose caption was left at the foot of the page before.
        // Its caption, or its title alone, left at the foot of the page before.
        const titled = part.caption.some((l) => namesTable(l.text));
        const orphan = !continues && !titled ? takeOrphanCaption(tail) : [];
        part.caption = [...orphan, ...part.caption];
        flow.push(...tail.slice(0, tail.length - orphan.length));
      }
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
  flow.push(...pendingTail);
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
