/**
 * A page's operator list read as a printer would draw it: every glyph with
 * its box on the page, every straight stroke or thin filled bar (the
 * rulings of tables), and how much of the page images cover. Coordinates are
 * page space at scale 1: points, origin at the top left, y down.
 *
 * The glyph positions follow pdfjs's own canvas drawing (showText):
 * text matrix × (x, y + rise) × (hscale, 1), advancing by width × size ×
 * fontMatrix[0] + char and word spacing; numbers in a glyph array move back
 * by n/1000 of the size.
 */
import { OP, type RawFont, type RawPage } from './raw';

export interface Glyph {
  readonly ch: string;
  /** Left and right of the advance box; top and bottom of the em box; the baseline. */
  readonly x0: number;
  readonly x1: number;
  readonly top: number;
  readonly bottom: number;
  readonly base: number;
  /** Font size on the page. */
  readonly size: number;
  /** Written left to right on a horizontal baseline (not rotated or vertical text). */
  readonly upright: boolean;
  readonly font: string;
}

/** A horizontal (y0 = y1) or vertical (x0 = x1) ruling, x0 ≤ x1, y0 ≤ y1. */
export interface Ruling {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface PageContent {
  readonly number: number;
  readonly width: number;
  readonly height: number;
  readonly glyphs: readonly Glyph[];
  readonly rulings: readonly Ruling[];
  /** Share of the page's area painted by images (a scanned page is near 1). */
  readonly imageCover: number;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function mul(m: Matrix, n: readonly number[]): Matrix {
  // m × n in PDF's row-vector convention: first n, then m (as canvas's ctx.transform(n) after m).
  return [
    m[0] * n[0]! + m[2] * n[1]!,
    m[1] * n[0]! + m[3] * n[1]!,
    m[0] * n[2]! + m[2] * n[3]!,
    m[1] * n[2]! + m[3] * n[3]!,
    m[0] * n[4]! + m[2] * n[5]! + m[4],
    m[1] * n[4]! + m[3] * n[5]! + m[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

interface State {
  ctm: Matrix;
  lineWidth: number;
  stroke: string;
  fill: string;
  font: string;
  fontSize: number;
  fontDirection: number;
  fontMatrix: readonly number[];
  vertical: boolean;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  renderMode: number;
  textMatrix: Matrix;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
}

/** A colour too light to be a ruling on white paper ("#f0f0f0" and lighter). */
function light(hex: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return false;
  return [m[1]!, m[2]!, m[3]!].every((h) => parseInt(h, 16) >= 0xe6);
}

/** Path data of pdfjs ≥ 4.10: moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3, closePath 4. */
function subpaths(data: ArrayLike<number>): { points: [number, number][]; closed: boolean; curved: boolean }[] {
  const out: { points: [number, number][]; closed: boolean; curved: boolean }[] = [];
  let cur: { points: [number, number][]; closed: boolean; curved: boolean } | undefined;
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    if (op === 0) {
      cur = { points: [[data[i]!, data[i + 1]!]], closed: false, curved: false };
      out.push(cur);
      i += 2;
    } else if (op === 1) {
      cur?.points.push([data[i]!, data[i + 1]!]);
      i += 2;
    } else if (op === 2) {
      if (cur) {
        cur.curved = true;
        cur.points.push([data[i + 4]!, data[i + 5]!]);
      }
      i += 6;
    } else if (op === 3) {
      if (cur) {
        cur.curved = true;
        cur.points.push([data[i + 2]!, data[i + 3]!]);
      }
      i += 4;
    } else if (op === 4) {
      if (cur) {
        cur.closed = true;
        const first = cur.points[0]!;
        cur = { points: [first], closed: false, curved: false };
        out.push(cur);
      }
    } else break; // an older path format: not read
  }
  return out.filter((s) => s.points.length > 1);
}

/** The widest a filled bar can be and still be a ruling (points). */
const BAR = 2.5;
/** Shorter strokes are no rulings (glyph parts, bullets). */
const MIN_RULING = 3;

export function readPageContent(page: RawPage): PageContent {
  const view = page.view as unknown as Matrix;
  const glyphs: Glyph[] = [];
  const rulings: Ruling[] = [];
  let imageArea = 0;
  const fonts: Readonly<Record<string, RawFont>> = page.fonts;
  let s: State = {
    ctm: [...IDENTITY],
    lineWidth: 1,
    stroke: '#000000',
    fill: '#000000',
    font: '',
    fontSize: 0,
    fontDirection: 1,
    fontMatrix: [0.001, 0, 0, 0.001, 0, 0],
    vertical: false,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
    renderMode: 0,
    textMatrix: [...IDENTITY],
    x: 0,
    y: 0,
    lineX: 0,
    lineY: 0,
  };
  const stack: State[] = [];
  const save = () => stack.push({ ...s });
  const restore = () => {
    const prev = stack.pop();
    if (prev) s = prev;
  };
  const setFont = (name: string, size: number) => {
    const f = fonts[name];
    s.font = f?.name ?? name;
    s.fontMatrix = f?.fontMatrix && f.fontMatrix[0] ? f.fontMatrix : [0.001, 0, 0, 0.001, 0, 0];
    s.vertical = !!f?.vertical;
    s.fontDirection = size < 0 ? -1 : 1;
    s.fontSize = Math.abs(size);
  };
  const moveText = (x: number, y: number) => {
    s.x = s.lineX += x;
    s.y = s.lineY += y;
  };
  const nextLine = () => moveText(0, s.leading);

  const showText = (items: readonly unknown[]) => {
    if (!s.fontSize) return;
    const toPage = mul(mul(view, s.ctm), s.textMatrix);
    const scale = s.fontSize * s.fontMatrix[0]!;
    const hs = s.hScale * s.fontDirection;
    // The em box's height on the page, and whether the baseline runs left to right.
    const size = s.fontSize * Math.hypot(toPage[2], toPage[3]);
    const dirX = toPage[0] * hs;
    const dirY = toPage[1] * hs;
    const upright = !s.vertical && dirX > 0 && Math.abs(dirY) < Math.abs(dirX) * 0.05;
    const invisible = s.renderMode === 3 || s.renderMode === 7;
    let x = 0;
    for (const g of items) {
      if (typeof g === 'number') {
        x += (s.vertical ? 1 : -1) * (g * s.fontSize) / 1000;
        continue;
      }
      const glyph = g as { unicode?: string; width?: number; isSpace?: boolean; vmetric?: number[] } | null;
      if (!glyph) continue;
      const spacing = (glyph.isSpace ? s.wordSpacing : 0) + s.charSpacing;
      const width = s.vertical && glyph.vmetric ? -glyph.vmetric[0]! : glyph.width ?? 0;
      const advance = s.vertical ? width * scale - spacing * s.fontDirection : width * scale + spacing * s.fontDirection;
      const ch = glyph.unicode ?? '';
      if (ch && !invisible) {
        let p0: [number, number];
        let p1: [number, number];
        if (s.vertical) {
          p0 = apply(toPage, s.x, s.y + s.rise - x);
          p1 = apply(toPage, s.x, s.y + s.rise - x - width * scale);
        } else {
          p0 = apply(toPage, s.x + x * hs, s.y + s.rise);
          p1 = apply(toPage, s.x + (x + width * scale) * hs, s.y + s.rise);
        }
        const base = upright ? p0[1] : (p0[1] + p1[1]) / 2;
        const x0 = Math.min(p0[0], p1[0]);
        const x1 = Math.max(p0[0], p1[0]);
        glyphs.push({
          ch,
          x0: upright ? x0 : x0 - size / 2,
          x1: upright ? Math.max(x1, x0 + 0.01) : x1 + size / 2,
          top: upright ? base - size * 0.86 : Math.min(p0[1], p1[1]),
          bottom: upright ? base + size * 0.14 : Math.max(p0[1], p1[1]),
          base,
          size,
          upright,
          font: s.font,
        });
      }
      x += advance;
    }
    if (s.vertical) s.y -= x;
    else s.x += x * hs;
  };

  const addPath = (paintOp: number, data: ArrayLike<number>) => {
    const stroked = paintOp === OP.stroke || paintOp === OP.closeStroke || paintOp === OP.fillStroke || paintOp === OP.eoFillStroke || paintOp === OP.closeFillStroke || paintOp === OP.closeEOFillStroke;
    const filled = paintOp === OP.fill || paintOp === OP.eoFill || paintOp === OP.fillStroke || paintOp === OP.eoFillStroke || paintOp === OP.closeFillStroke || paintOp === OP.closeEOFillStroke;
    if (!stroked && !filled) return; // a clip or an ended path draws nothing
    const m = mul(view, s.ctm);
    const strokeVisible = stroked && !light(s.stroke);
    const fillVisible = filled && !light(s.fill);
    for (const sp of subpaths(data)) {
      const pts = sp.points.map(([x, y]) => apply(m, x, y));
      if (sp.curved) continue;
      if (strokeVisible) {
        const n = sp.closed ? pts.length : pts.length - 1;
        for (let i = 0; i < n; i++) {
          const [ax, ay] = pts[i]!;
          const [bx, by] = pts[(i + 1) % pts.length]!;
          if (Math.abs(ay - by) < 0.5 && Math.abs(ax - bx) >= MIN_RULING) rulings.push({ x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: (ay + by) / 2, y1: (ay + by) / 2 });
          else if (Math.abs(ax - bx) < 0.5 && Math.abs(ay - by) >= MIN_RULING) rulings.push({ x0: (ax + bx) / 2, x1: (ax + bx) / 2, y0: Math.min(ay, by), y1: Math.max(ay, by) });
        }
      }
      if (fillVisible) {
        // A thin filled bar (how Word and WPS draw cell borders) is a ruling along its length.
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => p[1]);
        const x0 = Math.min(...xs);
        const x1 = Math.max(...xs);
        const y0 = Math.min(...ys);
        const y1 = Math.max(...ys);
        const axisAligned = pts.every(([px, py]) => (Math.abs(px - x0) < 0.5 || Math.abs(px - x1) < 0.5) && (Math.abs(py - y0) < 0.5 || Math.abs(py - y1) < 0.5));
        if (!axisAligned) continue;
        const w = x1 - x0;
        const h = y1 - y0;
        if (h <= BAR && w >= MIN_RULING) rulings.push({ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
        else if (w <= BAR && h >= MIN_RULING) rulings.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 });
      }
    }
  };

  const paintImage = () => {
    // An image fills the unit square of the current transformation.
    const m = mul(view, s.ctm);
    const corners = [apply(m, 0, 0), apply(m, 1, 0), apply(m, 0, 1), apply(m, 1, 1)];
    const xs = corners.map((c) => Math.max(0, Math.min(page.width, c[0])));
    const ys = corners.map((c) => Math.max(0, Math.min(page.height, c[1])));
    imageArea += (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
  };

  const { fn, args } = page;
  for (let i = 0; i < fn.length; i++) {
    const a = args[i] as unknown[] | null;
    switch (fn[i]) {
      case OP.save:
        save();
        break;
      case OP.restore:
        restore();
        break;
      case OP.transform:
        s.ctm = mul(s.ctm, a as number[]);
        break;
      case OP.setLineWidth:
        s.lineWidth = a![0] as number;
        break;
      case OP.setStrokeRGBColor:
        s.stroke = String(a![0]);
        break;
      case OP.setFillRGBColor:
        s.fill = String(a![0]);
        break;
      case OP.setGState:
        for (const [key, value] of (a![0] as [string, unknown][]) ?? []) {
          if (key === 'Font') setFont(String((value as unknown[])[0]), Number((value as unknown[])[1]));
          else if (key === 'LW') s.lineWidth = Number(value);
        }
        break;
      case OP.beginText:
        s.textMatrix = [...IDENTITY];
        s.x = s.lineX = 0;
        s.y = s.lineY = 0;
        break;
      case OP.endText:
        break;
      case OP.setCharSpacing:
        s.charSpacing = a![0] as number;
        break;
      case OP.setWordSpacing:
        s.wordSpacing = a![0] as number;
        break;
      case OP.setHScale:
        s.hScale = (a![0] as number) / 100;
        break;
      case OP.setLeading:
        s.leading = -(a![0] as number);
        break;
      case OP.setFont:
        setFont(String(a![0]), Number(a![1]));
        break;
      case OP.setTextRenderingMode:
        s.renderMode = a![0] as number;
        break;
      case OP.setTextRise:
        s.rise = a![0] as number;
        break;
      case OP.moveText:
        moveText(a![0] as number, a![1] as number);
        break;
      case OP.setLeadingMoveText:
        s.leading = a![1] as number;
        moveText(a![0] as number, a![1] as number);
        break;
      case OP.setTextMatrix: {
        const m = (Array.isArray(a![0]) || ArrayBuffer.isView(a![0]) ? a![0] : a) as ArrayLike<number>;
        s.textMatrix = [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
        s.x = s.lineX = 0;
        s.y = s.lineY = 0;
        break;
      }
      case OP.nextLine:
        nextLine();
        break;
      case OP.showText:
      case OP.showSpacedText:
        showText(a![0] as unknown[]);
        break;
      case OP.nextLineShowText:
        nextLine();
        showText(a![0] as unknown[]);
        break;
      case OP.nextLineSetSpacingShowText:
        s.wordSpacing = a![0] as number;
        s.charSpacing = a![1] as number;
        nextLine();
        showText(a![2] as unknown[]);
        break;
      case OP.constructPath:
        addPath(a![0] as number, ((a![1] as unknown[])?.[0] ?? []) as ArrayLike<number>);
        break;
      case OP.paintFormXObjectBegin: {
        save();
        const m = a![0] as number[] | null;
        if (m && m.length === 6) s.ctm = mul(s.ctm, m);
        break;
      }
      case OP.paintFormXObjectEnd:
        restore();
        break;
      case OP.beginGroup: {
        save();
        const g = a![0] as { matrix?: number[] } | null;
        if (g?.matrix && g.matrix.length === 6) s.ctm = mul(s.ctm, g.matrix);
        break;
      }
      case OP.endGroup:
        restore();
        break;
      case OP.beginAnnotation: {
        save();
        const t = a![2] as number[] | null;
        const m = a![3] as number[] | null;
        if (t && t.length === 6) s.ctm = mul(s.ctm, t);
        if (m && m.length === 6) s.ctm = mul(s.ctm, m);
        break;
      }
      case OP.endAnnotation:
        restore();
        break;
      case OP.paintImageXObject:
      case OP.paintInlineImageXObject:
      case OP.paintImageMaskXObject:
      case OP.paintSolidColorImageMask:
        paintImage();
        break;
      default:
        break;
    }
  }
  // What lies outside the page is not printed (a spreadsheet exported whole, clipped to the page): not read.
  const W = page.width;
  const H = page.height;
  const onPage = glyphs.filter((g) => (g.x0 + g.x1) / 2 >= 0 && (g.x0 + g.x1) / 2 <= W && (g.top + g.bottom) / 2 >= 0 && (g.top + g.bottom) / 2 <= H);
  const clipped = rulings
    .filter((r) => r.x1 >= 0 && r.x0 <= W && r.y1 >= 0 && r.y0 <= H)
    .map((r) => ({ x0: Math.max(0, r.x0), x1: Math.min(W, r.x1), y0: Math.max(0, r.y0), y1: Math.min(H, r.y1) }))
    .filter((r) => r.x1 - r.x0 >= MIN_RULING || r.y1 - r.y0 >= MIN_RULING);
  return { number: page.number, width: W, height: H, glyphs: onPage, rulings: clipped, imageCover: W * H > 0 ? Math.min(1, imageArea / (W * H)) : 0 };
}
