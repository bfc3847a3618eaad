#!/usr/bin/env node
/**
 * Draws the add-in icons (assets/icon-16.png … icon-128.png) with no dependencies:
 * a white ledger (header band, rows, one narrow column) on a deep blue (#1F4E78)
 * rounded square, with a green check mark over its lower right corner, cut out
 * of the ledger by a blue gap so it stays legible at 16 px.
 *
 *   node scripts/make-icons.mjs            # writes assets/icon-NN.png
 *   node scripts/make-icons.mjs --preview  # also writes enlarged previews to the temp dir
 *   node scripts/make-icons.mjs --check    # exit 1 unless the committed PNGs are this drawing
 *
 * The design lives on a 16-unit grid; every size here is a whole multiple of 16, so
 * the ledger's edges fall on pixel boundaries at every size. Rule lines get
 * thinner relative to the grid as the icon grows (1 px at 16, 4 px at 80). Each
 * pixel is sampled on a 16×16 sub-grid (painter's order per sample, averaged in
 * premultiplied alpha); the output is deterministic.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZES = [16, 32, 64, 80, 128];
const BLUE = [0x1f, 0x4e, 0x78];
const WHITE = [0xff, 0xff, 0xff];
const GREEN = [0x8c, 0xd6, 0x4b];
const SUB = 16; // samples per pixel along each axis

// The 16-px check mark, pixel by pixel ('#'), and its blue gap ('+'); the first
// row is pixel row 6, the first column pixel column 6.
const GLYPH_16 = [
  '......++++',
  '.....++##+',
  '....++##++',
  '+++++##++.',
  '+##+##++..',
  '++###++...',
  '.++#+++...',
  '..+++.....',
];
const glyph16 = (x, y) => GLYPH_16[Math.floor(y) - 6]?.[Math.floor(x) - 6] ?? '.';

/** Shapes in pixel coordinates for an icon of `size` px (size = 16·u). */
function design(size) {
  const u = size / 16;
  const t = Math.max(1, Math.round(u * 0.75 + 0.25)); // rule line thickness, px
  const rect = (x0, y0, x1, y1) => ({ x0, y0, x1, y1 });
  // Ledger: [2u, 13u) × [2u, 13u); header band 2u tall; rules at 6u and 9u;
  // a narrow first column (科目) ruled at 5u.
  const L = 2 * u, T = 2 * u, R = 13 * u, B = 13 * u;
  const ledger = [
    rect(L, T, R, 4 * u), // header band
    rect(L, T, L + t, B), // left
    rect(R - t, T, R, B), // right
    rect(L, B - t, R, B), // bottom
    rect(L, 6 * u, R, 6 * u + t), // row rule
    rect(L, 9 * u, R, 9 * u + t), // row rule
    rect(5 * u, 4 * u, 5 * u + t, B), // column rule
  ];
  const checkPts = [[8.1 * u, 10.6 * u], [10.1 * u, 12.6 * u], [14.2 * u, 7.4 * u]];
  const checkR = 0.95 * u; // half the check's stroke width
  const gap = 0.9 * u; // blue gap between check and ledger
  if (u === 1) {
    // At 16 px a stroked check only blurs: use hand-placed pixels instead, a
    // 2-px staircase along pixel diagonals, with a 1-px blue gap around it.
    return {
      bg: { x0: 0, y0: 0, x1: size, y1: size, r: 3 },
      ledger,
      inCheck: (x, y) => glyph16(x, y) === '#',
      inHalo: (x, y) => glyph16(x, y) !== '.',
    };
  }
  return {
    bg: { x0: 0, y0: 0, x1: size, y1: size, r: 3 * u },
    ledger,
    inCheck: (x, y) => nearPolyline(x, y, checkPts, checkR),
    // The gap runs around the whole V (closed), and the ledger's corner beyond the
    // long arm goes too, so no slivers of its rules are left around the check.
    inHalo: (x, y) =>
      inTriangle(x, y, checkPts) || nearPolyline(x, y, [...checkPts, checkPts[0]], checkR + gap) || beyond(x, y, checkPts[1], checkPts[2]),
  };
}

function inRoundRect(x, y, { x0, y0, x1, y1, r }) {
  if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inRect(x, y, { x0, y0, x1, y1 }) {
  return x >= x0 && x < x1 && y >= y0 && y < y1;
}

function inTriangle(x, y, [[ax, ay], [bx, by], [cx, cy]]) {
  const s1 = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
  const s2 = (cx - bx) * (y - by) - (cy - by) * (x - bx);
  const s3 = (ax - cx) * (y - cy) - (ay - cy) * (x - cx);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/** Point right of the line a→b (screen coordinates, y down) and below b. */
function beyond(x, y, [ax, ay], [bx, by]) {
  return y > by && (bx - ax) * (y - ay) - (by - ay) * (x - ax) > 0;
}

/** Point within distance r of a polyline (round caps and joins). */
function nearPolyline(x, y, pts, r) {
  for (let i = 0; i + 1 < pts.length; i++) {
    const [ax, ay] = pts[i];
    const [bx, by] = pts[i + 1];
    const dx = bx - ax, dy = by - ay;
    const k = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    const px = ax + k * dx - x, py = ay + k * dy - y;
    if (px * px + py * py <= r * r) return true;
  }
  return false;
}

/** RGBA pixels (Uint8Array, row-major) of the icon at `size` px. */
export function renderIcon(size) {
  const d = design(size);
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SUB; sy++) {
        for (let sx = 0; sx < SUB; sx++) {
          const x = px + (sx + 0.5) / SUB;
          const y = py + (sy + 0.5) / SUB;
          if (!inRoundRect(x, y, d.bg)) continue;
          let c = BLUE;
          if (d.ledger.some((s) => inRect(x, y, s))) c = WHITE;
          if (d.inHalo(x, y)) c = BLUE;
          if (d.inCheck(x, y)) c = GREEN;
          r += c[0]; g += c[1]; b += c[2]; a += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
        out[o + 3] = Math.round((255 * a) / (SUB * SUB));
      }
    }
  }
  return out;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Minimal PNG encoder: 8-bit RGBA, no interlace, filter type 0 on every row. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Decodes an 8-bit RGBA, non-interlaced PNG (any row filters) to its pixels, so
 * --check compares pixels rather than deflate output, which may vary with zlib.
 */
export function decodePng(buf) {
  if (!buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
  let width = 0, height = 0;
  const idat = [];
  for (let o = 8; o < buf.length; ) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('ascii', o + 4, o + 8);
    const data = buf.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 6 || data[12] !== 0) throw new Error('not 8-bit RGBA non-interlaced');
    } else if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i];
      const a = i >= 4 ? out[y * stride + i - 4] : 0;
      const b = y > 0 ? out[(y - 1) * stride + i] : 0;
      const c = i >= 4 && y > 0 ? out[(y - 1) * stride + i - 4] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][f];
      if (pred === undefined) throw new Error(`bad filter ${f}`);
      out[y * stride + i] = (x + pred) & 0xff;
    }
  }
  return { width, height, rgba: out };
}

/** Nearest-neighbour enlargement over a light grey backdrop, for eyeballing. */
function enlarge(size, rgba, factor) {
  const n = size * factor;
  const out = new Uint8Array(n * n * 4);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const i = (Math.floor(y / factor) * size + Math.floor(x / factor)) * 4;
      const o = (y * n + x) * 4;
      const al = rgba[i + 3] / 255;
      for (let c = 0; c < 3; c++) out[o + c] = Math.round(rgba[i + c] * al + 0xf3 * (1 - al));
      out[o + 3] = 255;
    }
  }
  return encodePng(n, n, out);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
  if (process.argv.includes('--check')) {
    let ok = true;
    for (const size of SIZES) {
      const file = join(assets, `icon-${size}.png`);
      const png = existsSync(file) ? decodePng(readFileSync(file)) : undefined;
      const same = png && png.width === size && png.height === size && Buffer.from(png.rgba).equals(Buffer.from(renderIcon(size)));
      if (!same) console.error(`${file} ${png ? 'differs from' : 'is missing, expected'} the drawing: run node scripts/make-icons.mjs`);
      ok &&= !!same;
    }
    process.exit(ok ? 0 : 1);
  }
  mkdirSync(assets, { recursive: true });
  const preview = process.argv.includes('--preview');
  for (const size of SIZES) {
    const rgba = renderIcon(size);
    const file = join(assets, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, size, rgba));
    console.log(`wrote ${file}`);
    if (preview) {
      const p = join(tmpdir(), `icon-${size}-preview.png`);
      writeFileSync(p, enlarge(size, rgba, Math.max(1, Math.floor(320 / size))));
      console.log(`wrote ${p}`);
    }
  }
}
