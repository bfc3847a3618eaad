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
import { type FixtureManifest, type PdfFixture, PRINT_SETUP_VERSION, fixtureHash, pdfFixtures } from '../test/fixtures/pdf/specs';

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
          cell.border = { top: thin, left: thin, bottom: thin, right: thin };
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
    execFileSync(bin, [`-env:UserInstallation=file://${tmp}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', tmp, xlsx], { stdio: 'pipe', timeout: 120_000 });
    const pdf = path.join(tmp, `${f.name}.pdf`);
    fs.copyFileSync(pdf, path.join(OUT, `${f.name}.pdf`));
    if (process.env.KEEP_XLSX) fs.copyFileSync(xlsx, path.join(OUT, `${f.name}.xlsx`));
    const bytes = fs.statSync(pdf).size;
    manifest.fixtures[f.name] = { hash: fixtureHash(f), bytes };
    console.log(`${f.name}.pdf  ${(bytes / 1024).toFixed(0)} KB`);
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
