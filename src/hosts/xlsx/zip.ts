/**
 * A zip package read from its central directory, each part inflated only when
 * asked for, within limits a hostile file cannot get round: the sizes the
 * directory declares are checked before anything is inflated (total and
 * ratio per part), and no part is inflated past its declared size.
 *
 * No Node API: the inflate function is passed in (node:zlib in the CLI,
 * fflate in the browser page; see ./inflate.ts).
 */

/** Inflates raw DEFLATE data; must throw rather than give more than `size` bytes. */
export type Inflate = (data: Uint8Array, size: number) => Uint8Array;

export interface ZipEntry {
  /** The name as stored ("xl/worksheets/sheet1.xml"). */
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  /** Offset of the central directory record (for rewriting the package). */
  readonly centralOffset: number;
  readonly centralLength: number;
}

export interface ZipLimits {
  /** Most bytes all the parts read may inflate to together. */
  readonly totalBytes: number;
  /** A part above `ratioFloor` bytes may not inflate more than this many times its compressed size. */
  readonly ratio: number;
  readonly ratioFloor: number;
}

/** Enough for any workbook a unit prepares (a large ledger sheet is tens of MB), far below what hurts. */
export const DEFAULT_LIMITS: ZipLimits = { totalBytes: 400 * 1024 * 1024, ratio: 100, ratioFloor: 2 * 1024 * 1024 };

/** Why a package cannot be read: 'damaged' (not a valid zip or a part is broken), 'hostile' (a limit), 'encrypted' (zip encryption). */
export class ZipError extends Error {
  constructor(
    readonly kind: 'damaged' | 'hostile' | 'encrypted',
    message: string,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

const u16 = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number): number => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
const u64 = (b: Uint8Array, i: number): number => u32(b, i) + u32(b, i + 4) * 0x1_0000_0000;

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

export class ZipPackage {
  readonly entries: readonly ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byLower = new Map<string, ZipEntry>();
  private inflated = 0;
  /** Offset where the central directory starts (for rewriting the package). */
  readonly centralStart: number;

  constructor(
    readonly bytes: Uint8Array,
    private readonly inflate: Inflate,
    private readonly limits: ZipLimits = DEFAULT_LIMITS,
  ) {
    const b = bytes;
    // The end of central directory record: 22 bytes plus a comment of at most 65535.
    let eocd = -1;
    for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError('damaged', '找不到 zip 目录（文件不完整或不是 zip）');
    let count = u16(b, eocd + 10);
    let cdOffset = u32(b, eocd + 16);
    if (cdOffset === 0xffffffff || count === 0xffff) {
      // Zip64: the locator just before the record points at the zip64 end record.
      const loc = eocd - 20;
      if (loc < 0 || u32(b, loc) !== 0x07064b50) throw new ZipError('damaged', 'zip64 目录不完整');
      const z = u64(b, loc + 8);
      if (z + 56 > b.length || u32(b, z) !== 0x06064b50) throw new ZipError('damaged', 'zip64 目录不完整');
      count = u64(b, z + 32);
      cdOffset = u64(b, z + 48);
    }
    if (cdOffset > b.length) throw new ZipError('damaged', 'zip 目录位置超出文件');
    this.centralStart = cdOffset;
    const entries: ZipEntry[] = [];
    let p = cdOffset;
    for (let n = 0; n < count; n++) {
      if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw new ZipError('damaged', 'zip 目录已损坏');
      const flags = u16(b, p + 8);
      const method = u16(b, p + 10);
      let compressedSize = u32(b, p + 20);
      let size = u32(b, p + 24);
      const nameLen = u16(b, p + 28);
      const extraLen = u16(b, p + 30);
      const commentLen = u16(b, p + 32);
      let localOffset = u32(b, p + 42);
      if (p + 46 + nameLen + extraLen + commentLen > b.length) throw new ZipError('damaged', 'zip 目录已损坏');
      const rawName = b.subarray(p + 46, p + 46 + nameLen);
      const name = (flags & 0x800 ? utf8 : isAscii(rawName) ? latin1 : utf8).decode(rawName);
      if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
        // The zip64 extra field holds, in order, those of the three that overflowed.
        let e = p + 46 + nameLen;
        const end = e + extraLen;
        while (e + 4 <= end) {
          const id = u16(b, e);
          const len = u16(b, e + 2);
          if (id === 0x0001) {
            let q = e + 4;
            if (size === 0xffffffff) (size = u64(b, q)), (q += 8);
            if (compressedSize === 0xffffffff) (compressedSize = u64(b, q)), (q += 8);
            if (localOffset === 0xffffffff) localOffset = u64(b, q);
            break;
          }
          e += 4 + len;
        }
      }
      const centralLength = 46 + nameLen + extraLen + commentLen;
      const entry: ZipEntry = { name, method, flags, compressedSize, size, localOffset, centralOffset: p, centralLength };
      entries.push(entry);
      p += centralLength;
      const key = name.replace(/^\/+/, '').replace(/\\/g, '/');
      if (!this.byName.has(key)) this.byName.set(key, entry);
      if (!this.byLower.has(key.toLowerCase())) this.byLower.set(key.toLowerCase(), entry);
    }
    this.entries = entries;
  }

  /** The entry of a part path ("xl/workbook.xml", a leading "/" ignored), matched exactly, else ignoring letter case. */
  entry(path: string): ZipEntry | undefined {
    const key = path.replace(/^\/+/, '');
    return this.byName.get(key) ?? this.byLower.get(key.toLowerCase());
  }

  has(path: string): boolean {
    return this.entry(path) !== undefined;
  }

  /** Where the stored (compressed) data of an entry starts. */
  dataOffset(e: ZipEntry): number {
    const b = this.bytes;
    const p = e.localOffset;
    if (p + 30 > b.length || u32(b, p) !== 0x04034b50) throw new ZipError('damaged', `部件 ${e.name} 的数据位置不对`);
    const start = p + 30 + u16(b, p + 26) + u16(b, p + 28);
    if (start + e.compressedSize > b.length) throw new ZipError('damaged', `部件 ${e.name} 不完整（文件被截断）`);
    return start;
  }

  /** The stored bytes of an entry, as they are in the file. */
  raw(e: ZipEntry): Uint8Array {
    const start = this.dataOffset(e);
    return this.bytes.subarray(start, start + e.compressedSize);
  }

  /** A part's bytes, inflated; undefined when there is no such part. Throws ZipError past a limit or when broken. */
  read(path: string): Uint8Array | undefined {
    const e = this.entry(path);
    return e ? this.readEntry(e) : undefined;
  }

  /** A part's text (UTF-8, a BOM dropped). */
  text(path: string): string | undefined {
    const data = this.read(path);
    if (data === undefined) return undefined;
    return utf8.decode(data);
  }

  readEntry(e: ZipEntry): Uint8Array {
    if (e.flags & 1) throw new ZipError('encrypted', `部件 ${e.name} 已加密`);
    const { totalBytes, ratio, ratioFloor } = this.limits;
    if (e.size > ratioFloor && e.size > Math.max(1, e.compressedSize) * ratio) {
      throw new ZipError(
        'hostile',
        `部件 ${e.name} 压缩后 ${mb(e.compressedSize)}，解压后却有 ${mb(e.size)}（${Math.round(e.size / Math.max(1, e.compressedSize))} 倍，正常的表格不超过 ${ratio} 倍），疑为“压缩炸弹”`,
      );
    }
    if (this.inflated + e.size > totalBytes) {
      throw new ZipError('hostile', `解压后的内容超过 ${mb(totalBytes)}（部件 ${e.name} 解压后 ${mb(e.size)}），远大于任何决算工作簿，疑为“压缩炸弹”`);
    }
    const data = this.raw(e);
    let out: Uint8Array;
    if (e.method === 0) out = data;
    else if (e.method === 8) {
      try {
        out = this.inflate(data, e.size);
      } catch (err) {
        if (err instanceof ZipError) throw err;
        throw new ZipError('damaged', `部件 ${e.name} 无法解压（${err instanceof Error ? err.message : String(err)}）`);
      }
    } else throw new ZipError('damaged', `部件 ${e.name} 使用了不支持的压缩方式（${e.method}）`);
    if (out.length !== e.size) throw new ZipError('damaged', `部件 ${e.name} 解压后的长度与目录所记不符（${out.length} ≠ ${e.size}）`);
    this.inflated += out.length;
    return out;
  }
}

function isAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return false;
  return true;
}
