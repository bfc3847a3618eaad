/**
 * The rulings of a page into table grids: rulings that touch form a table;
 * its column edges are the x of its vertical rulings (and its outer
 * bounds), its row edges the y of its horizontal ones; two neighbouring
 * grid cells with no ruling between them are one merged cell.
 */
import type { Glyph, Ruling } from './content';
import { cellText } from './lines';

/** Edges closer than this are one edge (points). */
const EDGE_TOL = 2;
/** How far a ruling may stop short of another and still meet it. */
const JOIN_TOL = 2.5;

interface HLine {
  y: number;
  x0: number;
  x1: number;
}
interface VLine {
  x: number;
  y0: number;
  y1: number;
}

/** One cell of a page's table: its grid position and span, its box, its text. */
export interface PageCell {
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly x0: number;
  readonly x1: number;
  readonly top: number;
  readonly bottom: number;
  readonly text: string;
}

/** A table as one page shows it. */
export interface PageTable {
  readonly page: number;
  readonly x0: number;
  readonly x1: number;
  readonly top: number;
  readonly bottom: number;
  /** Row edges (rows + 1) and column edges (columns + 1). */
  readonly ys: readonly number[];
  readonly xs: readonly number[];
  /** Every cell, merged ones once, in row then column order. */
  readonly cells: readonly PageCell[];
  /** The glyphs inside it. */
  readonly glyphs: readonly Glyph[];
  /** A single row of boxes: a table only as the continuation of one on the page before (else a chart's or a form's boxes). */
  readonly thin: boolean;
}

/** Sorted values with those closer than tol averaged into one. */
export function cluster(values: readonly number[], tol = EDGE_TOL): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1]! <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

function mergeH(lines: HLine[]): HLine[] {
  const out: HLine[] = [];
  for (const l of [...lines].sort((a, b) => a.y - b.y || a.x0 - b.x0)) {
    const same = out.filter((o) => Math.abs(o.y - l.y) <= 1.2 && l.x0 <= o.x1 + 1.5 && l.x1 >= o.x0 - 1.5);
    if (same.length) {
      const o = same[0]!;
      o.x0 = Math.min(o.x0, l.x0);
      o.x1 = Math.max(o.x1, l.x1);
    } else out.push({ ...l });
  }
  return out;
}

function mergeV(lines: VLine[]): VLine[] {
  const out: VLine[] = [];
  for (const l of [...lines].sort((a, b) => a.x - b.x || a.y0 - b.y0)) {
    const same = out.filter((o) => Math.abs(o.x - l.x) <= 1.2 && l.y0 <= o.y1 + 1.5 && l.y1 >= o.y0 - 1.5);
    if (same.length) {
      const o = same[0]!;
      o.y0 = Math.min(o.y0, l.y0);
      o.y1 = Math.max(o.y1, l.y1);
    } else out.push({ ...l });
  }
  return out;
}

function find(parent: number[], i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

/** Length of [a, b] covered by the given intervals. */
function covered(a: number, b: number, intervals: readonly [number, number][]): number {
  const parts = intervals
    .map(([x, y]) => [Math.max(a, x), Math.min(b, y)] as [number, number])
    .filter(([x, y]) => y > x)
    .sort((p, q) => p[0] - q[0]);
  let total = 0;
  let end = a;
  for (const [x, y] of parts) {
    if (y <= end) continue;
    total += y - Math.max(x, end);
    end = y;
  }
  return total;
}

/** The tables a page's rulings draw, top to bottom, with the glyphs inside each placed in its cells. */
export function pageTables(page: number, rulings: readonly Ruling[], glyphs: readonly Glyph[]): { tables: PageTable[] } {
  const hs = mergeH(rulings.filter((r) => r.y0 === r.y1).map((r) => ({ y: r.y0, x0: r.x0, x1: r.x1 })));
  const vs = mergeV(rulings.filter((r) => r.x0 === r.x1).map((r) => ({ x: r.x0, y0: r.y0, y1: r.y1 })));
  const n = hs.length + vs.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < hs.length; i++) {
    const h = hs[i]!;
    for (let j = 0; j < vs.length; j++) {
      const v = vs[j]!;
      if (v.x >= h.x0 - JOIN_TOL && v.x <= h.x1 + JOIN_TOL && h.y >= v.y0 - JOIN_TOL && h.y <= v.y1 + JOIN_TOL) {
        parent[find(parent, i)] = find(parent, hs.length + j);
      }
    }
  }
  const groups = new Map<number, { h: HLine[]; v: VLine[] }>();
  for (let i = 0; i < n; i++) {
    const root = find(parent, i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { h: [], v: [] }));
    if (i < hs.length) g.h.push(hs[i]!);
    else g.v.push(vs[i - hs.length]!);
  }
  const tables: PageTable[] = [];
  const used = new Set<Glyph>();
  // A glyph inside two (a table drawn inside another's box) belongs to the first that takes it.
  for (const g of groups.values()) {
    if (g.h.length < 2 || g.v.length < 2) continue;
    const x0 = Math.min(...g.h.map((h) => h.x0), ...g.v.map((v) => v.x));
    const x1 = Math.max(...g.h.map((h) => h.x1), ...g.v.map((v) => v.x));
    const top = Math.min(...g.v.map((v) => v.y0), ...g.h.map((h) => h.y));
    const bottom = Math.max(...g.v.map((v) => v.y1), ...g.h.map((h) => h.y));
    const xs = cluster([x0, x1, ...g.v.map((v) => v.x)]);
    const ys = cluster([top, bottom, ...g.h.map((h) => h.y)]);
    const nx = xs.length - 1;
    const ny = ys.length - 1;
    // A single box is a frame around text, a single column of boxes no table; a single row is one only where a table continues.
    if (nx < 2 || ny < 1) continue;
    const vAt = (x: number) => g.v.filter((v) => Math.abs(v.x - x) <= EDGE_TOL).map((v) => [v.y0, v.y1] as [number, number]);
    const hAt = (y: number) => g.h.filter((h) => Math.abs(h.y - y) <= EDGE_TOL).map((h) => [h.x0, h.x1] as [number, number]);
    const vCols = xs.map(vAt);
    const hRows = ys.map(hAt);
    // Neighbouring grid cells with no ruling between them are one cell.
    const id = (r: number, c: number) => r * nx + c;
    const cp = Array.from({ length: nx * ny }, (_, i) => i);
    for (let r = 0; r < ny; r++) {
      for (let c = 0; c < nx; c++) {
        if (c + 1 < nx && covered(ys[r]!, ys[r + 1]!, vCols[c + 1]!) < 0.5 * (ys[r + 1]! - ys[r]!)) cp[find(cp, id(r, c))] = find(cp, id(r, c + 1));
        if (r + 1 < ny && covered(xs[c]!, xs[c + 1]!, hRows[r + 1]!) < 0.5 * (xs[c + 1]! - xs[c]!)) cp[find(cp, id(r, c))] = find(cp, id(r + 1, c));
      }
    }
    const areas = new Map<number, { r0: number; r1: number; c0: number; c1: number; n: number }>();
    for (let r = 0; r < ny; r++) {
      for (let c = 0; c < nx; c++) {
        const root = find(cp, id(r, c));
        const a = areas.get(root);
        if (!a) areas.set(root, { r0: r, r1: r, c0: c, c1: c, n: 1 });
        else {
          a.r0 = Math.min(a.r0, r);
          a.r1 = Math.max(a.r1, r);
          a.c0 = Math.min(a.c0, c);
          a.c1 = Math.max(a.c1, c);
          a.n++;
        }
      }
    }
    // Each grid cell's area; one that is not a rectangle (a ruling missing in a corner) is split back into its grid cells.
    const owner: number[] = new Array(nx * ny);
    const rects: { r0: number; r1: number; c0: number; c1: number }[] = [];
    for (const [root, a] of areas) {
      if (a.n === (a.r1 - a.r0 + 1) * (a.c1 - a.c0 + 1)) {
        rects.push(a);
        for (let r = a.r0; r <= a.r1; r++) for (let c = a.c0; c <= a.c1; c++) owner[id(r, c)] = rects.length - 1;
      } else {
        for (let r = a.r0; r <= a.r1; r++)
          for (let c = a.c0; c <= a.c1; c++)
            if (find(cp, id(r, c)) === root) {
              rects.push({ r0: r, r1: r, c0: c, c1: c });
              owner[id(r, c)] = rects.length - 1;
            }
      }
    }
    const inCell: Glyph[][] = rects.map(() => []);
    for (const gl of glyphs) {
      const cx = (gl.x0 + gl.x1) / 2;
      const cy = (gl.top + gl.bottom) / 2;
      if (used.has(gl) || cx < x0 - 1 || cx > x1 + 1 || cy < top - 1 || cy > bottom + 1) continue;
      let c = 0;
      while (c + 1 < nx && cx >= xs[c + 1]!) c++;
      let r = 0;
      while (r + 1 < ny && cy >= ys[r + 1]!) r++;
      inCell[owner[id(r, c)]!]!.push(gl);
      used.add(gl);
    }
    const cells: PageCell[] = rects
      .map((a, i) => ({
        row: a.r0,
        col: a.c0,
        rowSpan: a.r1 - a.r0 + 1,
        colSpan: a.c1 - a.c0 + 1,
        x0: xs[a.c0]!,
        x1: xs[a.c1 + 1]!,
        top: ys[a.r0]!,
        bottom: ys[a.r1 + 1]!,
        text: cellText(inCell[i]!),
      }))
      .sort((a, b) => a.row - b.row || a.col - b.col);
    tables.push({ page, x0, x1, top, bottom, xs, ys, cells, glyphs: inCell.flat(), thin: ny < 2 });
  }
  tables.sort((a, b) => a.top - b.top || a.x0 - b.x0);
  return { tables };
}
