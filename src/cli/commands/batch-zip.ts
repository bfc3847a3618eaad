/**
 * A zip file written to disk part by part (Node only), for the summary
 * workbook of a batch: small parts from memory, the large findings sheet
 * streamed from a temporary file through deflate, so that memory stays flat
 * however many findings a folder has.
 */
import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

interface Written {
  readonly name: Buffer;
  readonly crc: number;
  readonly compressed: number;
  readonly size: number;
  readonly offset: number;
  readonly descriptor: boolean;
}

/** DOS time and date of 1980-01-01 00:00: a fixed stamp, so equal contents give equal files. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

export class ZipFileWriter {
  private offset = 0;
  private readonly written: Written[] = [];
  private constructor(private readonly fh: FileHandle) {}

  static async create(path: string): Promise<ZipFileWriter> {
    return new ZipFileWriter(await open(path, 'wx'));
  }

  private async write(b: Buffer): Promise<void> {
    let at = 0;
    while (at < b.length) {
      const { bytesWritten } = await this.fh.write(b, at, b.length - at);
      at += bytesWritten;
    }
    this.offset += b.length;
  }

  private localHeader(name: Buffer, crc: number, compressed: number, size: number, descriptor: boolean): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x800 | (descriptor ? 0x08 : 0), 6);
    h.writeUInt16LE(8, 8);
    h.writeUInt16LE(DOS_TIME, 10);
    h.writeUInt16LE(DOS_DATE, 12);
    h.writeUInt32LE(crc >>> 0, 14);
    h.writeUInt32LE(compressed, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28);
    return Buffer.concat([h, name]);
  }

  async addBuffer(path: string, data: Buffer | string): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const name = Buffer.from(path, 'utf8');
    const crc = crc32(bytes);
    const deflated = deflateRawSync(bytes);
    const offset = this.offset;
    await this.write(this.localHeader(name, crc, deflated.length, bytes.length, false));
    await this.write(deflated);
    this.written.push({ name, crc, compressed: deflated.length, size: bytes.length, offset, descriptor: false });
  }

  /** A part streamed from a file: read, checksummed and deflated in chunks, its sizes after it (data descriptor). */
  async addFile(path: string, source: string): Promise<void> {
    const name = Buffer.from(path, 'utf8');
    const offset = this.offset;
    await this.write(this.localHeader(name, 0, 0, 0, true));
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const input = createReadStream(source);
    const deflate = createDeflateRaw();
    input.on('data', (b) => {
      crc = crc32(b as Buffer, crc);
      size += b.length;
    });
    input.on('error', (e) => deflate.destroy(e));
    input.pipe(deflate);
    for await (const chunk of deflate) {
      compressed += (chunk as Buffer).length;
      await this.write(chunk as Buffer);
    }
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(crc >>> 0, 4);
    d.writeUInt32LE(compressed, 8);
    d.writeUInt32LE(size, 12);
    await this.write(d);
    this.written.push({ name, crc, compressed, size, offset, descriptor: true });
  }

  async finish(): Promise<void> {
    const start = this.offset;
    for (const w of this.written) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x800 | (w.descriptor ? 0x08 : 0), 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(DOS_TIME, 12);
      h.writeUInt16LE(DOS_DATE, 14);
      h.writeUInt32LE(w.crc >>> 0, 16);
      h.writeUInt32LE(w.compressed, 20);
      h.writeUInt32LE(w.size, 24);
      h.writeUInt16LE(w.name.length, 28);
      h.writeUInt32LE(w.offset, 42);
      await this.write(Buffer.concat([h, w.name]));
    }
    const e = Buffer.alloc(22);
    e.writeUInt32LE(0x06054b50, 0);
    e.writeUInt16LE(this.written.length, 8);
    e.writeUInt16LE(this.written.length, 10);
    e.writeUInt32LE(this.offset - start, 12);
    e.writeUInt32LE(start, 16);
    await this.write(e);
    await this.fh.close();
  }

  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}
