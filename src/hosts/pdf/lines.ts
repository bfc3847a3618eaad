/**
 * Glyphs into lines of text: glyphs on one baseline, left to right, a space
 * where the gap is a space's width, and the line cut into chunks where the
 * gap is wide (部门：… on the left and 单位：万元 on the right of one line).
 */
import type { Glyph } from './content';

export interface Chunk {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
}

export interface TextLine {
  readonly page: number;
  readonly text: string;
  readonly chunks: readonly Chunk[];
  readonly x0: number;
  readonly x1: number;
  readonly top: number;
  readonly bottom: number;
  readonly base: number;
  /** The line's largest font size. */
  readonly size: number;
}

/** A gap wider than this share of the font size is a space. */
const SPACE_GAP = 0.18;
/** A gap wider than this many font sizes separates chunks. */
const CHUNK_GAP = 1.6;

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/**
 * Joins the lines a PDF broke (a cell's or a paragraph's): nothing between
 * Chinese text, numbers or punctuation; a space only between two Latin words.
 */
export function joinBroken(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}

/** Collapses spaces; keeps a single space where the PDF shows one. */
function tidy(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Text of glyphs already on one line, sorted left to right. */
function runText(glyphs: readonly Glyph[]): string {
  let out = '';
  let prev: Glyph | undefined;
  for (const g of glyphs) {
    if (prev) {
      const gap = g.x0 - prev.x1;
      const size = Math.max(g.size, prev.size);
      if (gap > SPACE_GAP * size && !/\s$/.test(out) && !/^\s/.test(g.ch)) out += ' ';
    }
    out += g.ch;
    prev = g;
  }
  return tidy(out);
}

/**
 * Glyphs drawn twice at (nearly) the same place — the fake bold of many
 * Chinese PDFs, or a shadow — are one glyph.
 */
function dedupe(sorted: Glyph[]): Glyph[] {
  const out: Glyph[] = [];
  for (const g of sorted) {
    const dup = out.slice(-4).some((p) => p.ch === g.ch && Math.abs(p.x0 - g.x0) < 0.3 * g.size && Math.abs(p.base - g.base) < 0.3 * g.size);
    if (!dup) out.push(g);
  }
  return out;
}

/** Groups glyphs (upright ones) into lines, top to bottom. */
export function buildLines(page: number, glyphs: readonly Glyph[]): TextLine[] {
  const sorted = glyphs.filter((g) => g.upright).sort((a, b) => a.base - b.base || a.x0 - b.x0);
  const rows: Glyph[][] = [];
  let cur: Glyph[] = [];
  let base = -Infinity;
  let size = 0;
  for (const g of sorted) {
    if (cur.length && Math.abs(g.base - base) <= 0.35 * Math.min(size, g.size)) {
      cur.push(g);
      continue;
    }
    if (cur.length) rows.push(cur);
    cur = [g];
    base = g.base;
    size = g.size;
  }
  if (cur.length) rows.push(cur);
  const lines: TextLine[] = [];
  for (const row of rows) {
    const gs = dedupe(row.sort((a, b) => a.x0 - b.x0)).filter((g, i, all) => g.ch.trim() !== '' || (i > 0 && i < all.length - 1));
    if (!gs.some((g) => g.ch.trim() !== '')) continue;
    const chunks: Chunk[] = [];
    let start = 0;
    for (let i = 1; i <= gs.length; i++) {
      const g = gs[i];
      const p = gs[i - 1]!;
      if (g && g.x0 - p.x1 <= CHUNK_GAP * Math.max(g.size, p.size)) continue;
      const part = gs.slice(start, i).filter((x) => x.ch.trim() !== '');
      if (part.length) chunks.push({ text: runText(gs.slice(start, i)), x0: part[0]!.x0, x1: part[part.length - 1]!.x1 });
      start = i;
    }
    const visible = gs.filter((g) => g.ch.trim() !== '');
    lines.push({
      page,
      text: chunks.map((c) => c.text).join(' '),
      chunks,
      x0: Math.min(...visible.map((g) => g.x0)),
      x1: Math.max(...visible.map((g) => g.x1)),
      top: Math.min(...visible.map((g) => g.top)),
      bottom: Math.max(...visible.map((g) => g.bottom)),
      base: visible.reduce((s, g) => s + g.base, 0) / visible.length,
      size: Math.max(...visible.map((g) => g.size)),
    });
  }
  return lines;
}

/**
 * The text of a cell: its glyphs in lines (rotated text read top to bottom),
 * the lines joined as the PDF broke them.
 */
export function cellText(glyphs: readonly Glyph[]): string {
  const upright = glyphs.filter((g) => g.upright);
  let text = buildLines(0, upright).reduce((acc, l) => joinBroken(acc, l.text), '');
  const turned = glyphs.filter((g) => !g.upright).sort((a, b) => a.top - b.top || a.x0 - b.x0);
  if (turned.length) text = joinBroken(text, tidy(turned.map((g) => g.ch).join('')));
  return text;
}

export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}
