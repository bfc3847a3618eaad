/**
 * npm run fixtures:pdf — writes test/fixtures/pdf/*.pdf: the fixture
 * workbooks of test/fixtures/pdf/specs.ts printed as a unit prints its
 * disclosure (each table ruled, its header repeated on every page it runs
 * over, A4 landscape one page wide; the narrative wrapped in a wide column,
 * portrait) and exported to PDF by LibreOffice headless.
 *
 * Needs LibreOffice (Debian: apt-get install -y libreoffice-calc
 * fonts-noto-cjk). The PDFs are committed: `npm test` reads them and needs
 * no LibreOffice. fixtures.json records what each PDF was made from.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cellParts } from '../test/fixtures/workbook-spec';
import * as zlib from 'node:zlib';
import { type FixtureManifest, type PdfFixture, PRINT_SETUP_VERSION, SCANNED, fixtureHash, pdfFixtures, scannedHash } from '../test/fixtures/pdf/specs';

const ROOT = [path.join(__dirname, '..'), path.join(__dirname, '..', '..')].find((d) => fs.existsSync(path.join(d, 'package.json')))!;
const OUT = path.join(ROOT, 'test', 'fixtures', 'pdf');
const FONT = 'Noto Sans CJK SC';

/** Display width of a text in Excel's character units: CJK counts double. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

function shown(v: string | number, numFmt: string | undefined): string {
  if (typeof v === 'string') return v;
  return numFmt === '#,##0.00' ? v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(v);
}

export async function fixtureXlsx(f: PdfFixture): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const s of f.spec.sheets) {
    const ws = wb.addWorksheet(s.name);
    const covered = (r: number, c: number) => s.merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && !(r === m.top && c === m.left));
    const paragraphs = f.paragraphs.includes(s.name);
    const ruled = f.ruled.filter((x) => x.sheet === s.name);
    const borders = !(f.unruled ?? []).includes(s.name);
    const inRuled = (r: number, c: number) => ruled.some((x) => r >= x.top && r <= x.bottom && c >= x.left && c <= x.right);
    const widths: number[] = [];
    s.rows.forEach((row, r) => {
      row.forEach((c, col) => {
        if (covered(r, col)) return;
        const p = cellParts(c);
        if (!p) return;
        const cell = ws.getCell(r + 1, col + 1);
        cell.value = p.v;
        if (p.numFmt !== undefined) cell.numFmt = p.numFmt;
        // Width from the table's own cells (a merged header spans several columns; a title or note line overflows).
        const merged = s.merges.some((m) => m.top === r && m.left === col && m.right > m.left);
        if (inRuled(r, col) && !merged) widths[col] = Math.max(widths[col] ?? 0, Math.min(textWidth(shown(p.v, p.numFmt)), 24));
      });
    });
    for (const m of s.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => (cell.font = { name: FONT, size: 10 })));
    if (paragraphs) {
      ws.getColumn(1).width = 62;
      ws.eachRow((row) => {
        row.eachCell((cell) => (cell.alignment = { wrapText: true, vertical: 'top' }));
        // LibreOffice keeps a row's height as the file gives it: room for every wrapped line.
        const text = String(row.getCell(1).value ?? '');
        row.height = 15 * Math.max(1, Math.ceil(textWidth(text) / 76));
      });
      ws.pageSetup = { paperSize: 9, orientation: 'portrait', margins: { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } };
      continue;
    }
    const colWidth = (c: number) => Math.max(6, (widths[c] ?? 4) + 2);
    for (let c = 0; c < widths.length; c++) ws.getColumn(c + 1).width = colWidth(c);
    // A cell whose text wraps gets the height its lines need (LibreOffice keeps the file's row height).
    for (const x of ruled) {
      for (let r = x.top; r <= x.bottom; r++) {
        let lines = 1;
        for (let c = x.left; c <= x.right; c++) {
          const p = cellParts(s.rows[r]?.[c] ?? null);
          const merged = s.merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
          if (p && !merged) lines = Math.max(lines, Math.ceil(textWidth(shown(p.v, p.numFmt)) / (colWidth(c) - 1)));
        }
        if (lines > 1) ws.getRow(r + 1).height = 13 * lines + 2;
      }
    }
    const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
    for (const x of ruled) {
      for (let r = x.top; r <= x.bottom; r++) {
        for (let c = x.left; c <= x.right; c++) {
          const cell = ws.getCell(r + 1, c + 1);
          if (borders) cell.border = { top: thin, left: thin, bottom: thin, right: thin };
          cell.alignment = { wrapText: true, vertical: 'middle', ...(typeof cell.value === 'number' ? {} : r < x.top + x.headerRows ? { horizontal: 'center' as const } : {}) };
        }
      }
    }
    // The title centred and bold over the table.
    const title = ws.getCell(1, 1);
    if (typeof title.value === 'string' && ruled.length) {
      title.font = { name: FONT, size: 14, bold: true };
      title.alignment = { horizontal: 'center' };
    }
    const first = ruled[0];
    ws.pageSetup = {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      ...(first ? { printTitlesRow: `${first.top + 1}:${first.top + first.headerRows}` } : {}),
    };
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** ES modules (pdfjs) from this CommonJS script. */
const importModule = new Function('s', 'return import(s)') as (s: string) => Promise<Record<string, unknown>>;

/**
 * A scan of a page: the page rendered by pdfjs (with @napi-rs/canvas, which
 * pdfjs-dist installs) to grey pixels, written as the only thing on a page of
 * a PDF of the same size — no text, no rulings.
 */
async function scannedPdf(source: Buffer, pageNumber: number, dpi: number): Promise<Buffer> {
  const dir = path.dirname(require.resolve('pdfjs-dist/package.json'));
  const { pathToFileURL } = await import('node:url');
  const pdfjs = (await importModule(pathToFileURL(path.join(dir, 'legacy', 'build', 'pdf.mjs')).href)) as { getDocument(o: object): { promise: Promise<any> } }; // eslint-disable-line @typescript-eslint/no-explicit-any
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await importModule(pathToFileURL(path.join(dir, 'legacy', 'build', 'pdf.worker.mjs')).href);
  const { createCanvas } = require('@napi-rs/canvas') as { createCanvas(w: number, h: number): any }; // eslint-disable-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports
  const doc = await pdfjs.getDocument({ data: new Uint8Array(source), isEvalSupported: false, verbosity: 0 }).promise;
  const page = await doc.getPage(pageNumber);
  const size = page.getViewport({ scale: 1 });
  const vp = page.getViewport({ scale: dpi / 72 });
  const w = Math.ceil(vp.width);
  const h = Math.ceil(vp.height);
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, w, h);
  await page.render({ canvasContext: ctx, viewport: vp, canvas }).promise;
  const rgba = ctx.getImageData(0, 0, w, h).data as Uint8ClampedArray;
  const grey = Buffer.alloc(w * h);
  for (let i = 0; i < w * h; i++) grey[i] = Math.round(0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!);
  await doc.destroy();
  const image = zlib.deflateSync(grey, { level: 9 });
  const W = size.width.toFixed(2);
  const H = size.height.toFixed(2);
  const content = Buffer.from(`q ${W} 0 0 ${H} 0 0 cm /Im0 Do Q\n`);
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`),
    Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${image.length} >>\nstream\n`), image, Buffer.from('\nendstream')]),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('endstream')]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((o, i) => {
    offsets.push(at);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    parts.push(obj);
    at += obj.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  parts.push(Buffer.from(xref));
  return Buffer.concat(parts);
}

function soffice(): string {
  for (const p of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice']) if (fs.existsSync(p)) return p;
  throw new Error('LibreOffice not found. Install it first: apt-get install -y libreoffice-calc fonts-noto-cjk');
}

async function main(): Promise<void> {
  const bin = soffice();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'juesuan-pdf-'));
  const only = process.argv.slice(2);
  const manifestPath = path.join(OUT, 'fixtures.json');
  const manifest: FixtureManifest = fs.existsSync(manifestPath) ? JSON.parse(fs.readFileSync(manifestPath, 'utf8')) : { printSetupVersion: PRINT_SETUP_VERSION, fixtures: {} };
  for (const f of pdfFixtures()) {
    if (only.length && !only.includes(f.name)) continue;
    const xlsx = path.join(tmp, `${f.name}.xlsx`);
    fs.writeFileSync(xlsx, await fixtureXlsx(f));
    // A profile of its own, so that a LibreOffice the user has open is left alone.
    // An open password through the PDF export's options (LibreOffice 7.4+ reads them as JSON).
    const filter = f.password ? `pdf:calc_pdf_Export:${JSON.stringify({ EncryptFile: { type: 'boolean', value: 'true' }, DocumentOpenPassword: { type: 'string', value: f.password } })}` : 'pdf';
    execFileSync(bin, [`-env:UserInstallation=file://${tmp}/profile`, '--headless', '--convert-to', filter, '--outdir', tmp, xlsx], { stdio: 'pipe', timeout: 120_000 });
    const pdf = path.join(tmp, `${f.name}.pdf`);
    fs.copyFileSync(pdf, path.join(OUT, `${f.name}.pdf`));
    if (process.env.KEEP_XLSX) fs.copyFileSync(xlsx, path.join(OUT, `${f.name}.xlsx`));
    const bytes = fs.statSync(pdf).size;
    manifest.fixtures[f.name] = { hash: fixtureHash(f), bytes };
    console.log(`${f.name}.pdf  ${(bytes / 1024).toFixed(0)} KB`);
  }
  if (!only.length || only.includes(SCANNED.name)) {
    const bytes = await scannedPdf(fs.readFileSync(path.join(OUT, `${SCANNED.from}.pdf`)), SCANNED.page, SCANNED.dpi);
    fs.writeFileSync(path.join(OUT, `${SCANNED.name}.pdf`), bytes);
    manifest.fixtures[SCANNED.name] = { hash: scannedHash(), bytes: bytes.length };
    console.log(`${SCANNED.name}.pdf  ${(bytes.length / 1024).toFixed(0)} KB`);
  }
  manifest.printSetupVersion = PRINT_SETUP_VERSION;
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  fs.rmSync(tmp, { recursive: true, force: true });
}

if (require.main === module)
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  });
