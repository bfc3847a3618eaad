/**
 * A package being edited part by part: every part of the original that is not
 * touched goes into the new package as its stored (compressed) bytes, exactly
 * as they were — macros, external links, printer settings, custom XML, parts
 * no library models — and only the parts set here are written anew.
 *
 * The zip written is plain (no zip64: the reader's limits keep a workbook far
 * below 4 GB), with each entry's name, method, date and CRC kept.
 */
import { deflateSync } from 'fflate';
import { type ZipEntry, type ZipPackage } from '../zip';
import { parseRelationships, relsPathOf } from '../read-xlsx';
import { escapeXml } from '../xml';

const encoder = new TextEncoder();

/** A relationship of a part, as written in its .rels part. */
export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

export const REL_TYPES = {
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  vmlDrawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing',
  calcChain: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain',
} as const;

export const CONTENT_TYPES = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
} as const;

const CONTENT_TYPES_PART = '[Content_Types].xml';
const PACKAGE_RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export class PackageEdit {
  /** Parts written anew (path as stored in the original when it existed). */
  private readonly changed = new Map<string, Uint8Array>();
  private readonly removed = new Set<string>();
  /** New parts, in the order they were added. */
  private readonly added: string[] = [];

  constructor(readonly zip: ZipPackage) {}

  /** The stored name of a part (the original's spelling, found ignoring case), or the path itself for a new part. */
  private key(path: string): string {
    const p = path.replace(/^\/+/, '');
    return this.zip.entry(p)?.name ?? this.added.find((a) => a.toLowerCase() === p.toLowerCase()) ?? p;
  }

  has(path: string): boolean {
    const k = this.key(path);
    return !this.removed.has(k) && (this.changed.has(k) || this.zip.entry(k) !== undefined);
  }

  /** A part's text as it now stands. */
  text(path: string): string | undefined {
    const k = this.key(path);
    if (this.removed.has(k)) return undefined;
    const data = this.changed.get(k);
    if (data) return new TextDecoder('utf-8').decode(data);
    return this.zip.text(k);
  }

  set(path: string, content: string | Uint8Array): void {
    const k = this.key(path);
    this.removed.delete(k);
    if (!this.zip.entry(k) && !this.added.includes(k)) this.added.push(k);
    this.changed.set(k, typeof content === 'string' ? encoder.encode(content) : content);
  }

  remove(path: string): void {
    const k = this.key(path);
    this.changed.delete(k);
    this.removed.add(k);
  }

  /** A part path not taken yet: `${stem}${n}${ext}` with the smallest n from 1. */
  freePath(stem: string, ext: string): string {
    for (let n = 1; ; n++) {
      const p = `${stem}${n}${ext}`;
      if (!this.has(p)) return p;
    }
  }

  // -------------------------------------------------------------------------
  // Relationships

  relationships(part: string): Relationship[] {
    const xml = this.text(relsPathOf(part));
    return xml === undefined ? [] : parseRelationships(xml);
  }

  /** Adds a relationship from `part` and returns its id (rId1, rId2 … the first free). */
  addRelationship(part: string, type: string, target: string): string {
    const path = relsPathOf(part);
    const xml = this.text(path) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELS_NS}"></Relationships>`;
    const taken = new Set(parseRelationships(xml).map((r) => r.id));
    let n = 1;
    while (taken.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const rel = `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`;
    this.set(path, insertBeforeClose(xml, 'Relationships', rel));
    return id;
  }

  removeRelationship(part: string, id: string): void {
    const path = relsPathOf(part);
    const xml = this.text(path);
    if (xml === undefined) return;
    this.set(path, xml.replace(new RegExp(`<(?:\\w+:)?Relationship\\b[^>]*\\bId="${escapeRegExp(id)}"[^>]*/>`, 'g'), ''));
  }

  // -------------------------------------------------------------------------
  // Content types

  /** Declares a content type for a part (an Override), unless its extension's Default already gives it. */
  declarePart(path: string, contentType: string): void {
    const xml = this.contentTypes();
    const name = `/${path.replace(/^\/+/, '')}`;
    const ext = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase();
    const defaults = [...xml.matchAll(/<(?:\w+:)?Default\b[^>]*>/g)].map((m) => m[0]);
    if (ext && defaults.some((d) => new RegExp(`Extension="${escapeRegExp(ext)}"`, 'i').test(d) && d.includes(`ContentType="${contentType}"`))) return;
    this.undeclarePart(path);
    this.set(CONTENT_TYPES_PART, insertBeforeClose(this.contentTypes(), 'Types', `<Override PartName="${escapeXml(name)}" ContentType="${contentType}"/>`));
  }

  /** Declares a Default content type for an extension, unless there is one. */
  declareExtension(ext: string, contentType: string): void {
    const xml = this.contentTypes();
    if (new RegExp(`<(?:\\w+:)?Default\\b[^>]*Extension="${escapeRegExp(ext)}"`, 'i').test(xml)) return;
    this.set(CONTENT_TYPES_PART, insertBeforeClose(xml, 'Types', `<Default Extension="${ext}" ContentType="${contentType}"/>`));
  }

  undeclarePart(path: string): void {
    const xml = this.contentTypes();
    const name = `/${path.replace(/^\/+/, '')}`;
    const re = /<(?:\w+:)?Override\b[^>]*>/g;
    const out = xml.replace(re, (tag) => {
      const m = /PartName="([^"]*)"/.exec(tag);
      return m && m[1]!.toLowerCase() === name.toLowerCase() ? '' : tag;
    });
    if (out !== xml) this.set(CONTENT_TYPES_PART, out);
  }

  private contentTypes(): string {
    const xml = this.text(CONTENT_TYPES_PART);
    if (xml === undefined) throw new Error('工作簿缺少 [Content_Types].xml');
    return xml;
  }

  // -------------------------------------------------------------------------
  // Writing

  /** The new package's bytes: the original's parts in their order (untouched ones as stored), then the new ones. */
  toBytes(): Uint8Array {
    const out = new ZipWriter();
    for (const e of this.zip.entries) {
      if (this.removed.has(e.name)) continue;
      const data = this.changed.get(e.name);
      if (data) out.addDeflated(e.name, data, timeOf(this.zip.bytes, e));
      else out.addStored(e, this.zip);
    }
    for (const name of this.added) {
      const data = this.changed.get(name);
      if (data && !this.removed.has(name)) out.addDeflated(name, data, undefined);
    }
    return out.finish();
  }
}

/** Inserts `content` before the closing tag of the root element `<local>` (a self-closing root opened up). */
export function insertBeforeClose(xml: string, local: string, content: string): string {
  const close = new RegExp(`</((?:\\w+:)?${local})>\\s*$`).exec(xml);
  if (close) return xml.slice(0, close.index) + content + xml.slice(close.index);
  const self = new RegExp(`<((?:\\w+:)?${local})\\b([^>]*?)\\s*/>`).exec(xml);
  if (!self) throw new Error(`找不到 <${local}> 元素`);
  return `${xml.slice(0, self.index)}<${self[1]}${self[2]}>${content}</${self[1]}>${xml.slice(self.index + self[0].length)}`;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------
// The zip itself

const u16 = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number): number => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;

/** The entry's DOS time and date, from its central directory record. */
function timeOf(b: Uint8Array, e: ZipEntry): { time: number; date: number } {
  return { time: u16(b, e.centralOffset + 12), date: u16(b, e.centralOffset + 14) };
}

let crcTable: Uint32Array | undefined;
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Written {
  readonly name: Uint8Array;
  readonly utf8: boolean;
  readonly method: number;
  readonly time: number;
  readonly date: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

/** 1980-01-01 00:00, the earliest DOS date: a new part has no date of its own to keep. */
const NEW_PART_TIME = { time: 0, date: (0 << 9) | (1 << 5) | 1 };

class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly written: Written[] = [];
  private offset = 0;

  addStored(e: ZipEntry, zip: ZipPackage): void {
    const b = zip.bytes;
    const crc = u32(b, e.centralOffset + 16);
    this.add(e.name, e.method, timeOf(b, e), crc, zip.raw(e), e.size);
  }

  addDeflated(name: string, data: Uint8Array, time: { time: number; date: number } | undefined): void {
    this.add(name, 8, time ?? NEW_PART_TIME, crc32(data), deflateSync(data, { level: 6 }), data.length);
  }

  private add(name: string, method: number, t: { time: number; date: number }, crc: number, data: Uint8Array, size: number): void {
    const nameBytes = encoder.encode(name);
    const utf8 = /[^\x20-\x7e]/.test(name);
    const header = new Uint8Array(30 + nameBytes.length);
    const v = new DataView(header.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, utf8 ? 0x800 : 0, true);
    v.setUint16(8, method, true);
    v.setUint16(10, t.time, true);
    v.setUint16(12, t.date, true);
    v.setUint32(14, crc, true);
    v.setUint32(18, data.length, true);
    v.setUint32(22, size, true);
    v.setUint16(26, nameBytes.length, true);
    header.set(nameBytes, 30);
    this.written.push({ name: nameBytes, utf8, method, time: t.time, date: t.date, crc, compressedSize: data.length, size, offset: this.offset });
    this.chunks.push(header, data);
    this.offset += header.length + data.length;
  }

  finish(): Uint8Array {
    const start = this.offset;
    for (const w of this.written) {
      const rec = new Uint8Array(46 + w.name.length);
      const v = new DataView(rec.buffer);
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, 20, true);
      v.setUint16(8, w.utf8 ? 0x800 : 0, true);
      v.setUint16(10, w.method, true);
      v.setUint16(12, w.time, true);
      v.setUint16(14, w.date, true);
      v.setUint32(16, w.crc, true);
      v.setUint32(20, w.compressedSize, true);
      v.setUint32(24, w.size, true);
      v.setUint16(28, w.name.length, true);
      v.setUint32(42, w.offset, true);
      rec.set(w.name, 46);
      this.chunks.push(rec);
      this.offset += rec.length;
    }
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, this.written.length, true);
    v.setUint16(10, this.written.length, true);
    v.setUint32(12, this.offset - start, true);
    v.setUint32(16, start, true);
    this.chunks.push(end);
    const out = new Uint8Array(this.offset + end.length);
    let p = 0;
    for (const c of this.chunks) {
      out.set(c, p);
      p += c.length;
    }
    return out;
  }
}
