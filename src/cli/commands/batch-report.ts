/**
 * The summary of a batch (--report): one row per file, every finding, the
 * files that could not be read. As a workbook (.xlsx: three sheets, header
 * frozen, filters on, widths set), a CSV of the per-file rows (UTF-8 with a
 * BOM, so that Excel opens the Chinese right) or a JSON document. Rows are
 * written as the files are checked (the findings sheet to a temporary file),
 * so memory does not grow with the folder.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZipFileWriter } from './batch-zip';

/** One file's line of the summary. */
export interface SummaryRow {
  readonly file: string;
  readonly unit: string;
  readonly profile: string;
  /** "9/9", or "7/9（缺 公开07表、公开08表）". */
  readonly tables: string;
  readonly error: number | null;
  readonly warning: number | null;
  readonly rounding: number | null;
  /** The first error: "[R05] …", or "" when none. */
  readonly firstError: string;
  /** Why the file could not be read (then the counts are null). */
  readonly unreadable?: string;
}

export interface FindingRow {
  readonly file: string;
  readonly unit: string;
  readonly sheet: string;
  readonly cells: string;
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
  readonly expected: number | null;
  readonly actual: number | null;
  readonly difference: number | null;
  /** '万元', '%' or '分'. */
  readonly unit2: string;
}

export interface ReportSink {
  add(row: SummaryRow, findings: readonly FindingRow[]): Promise<void>;
  /** Writes the report to `path` (a new file: it fails if one exists, unless `force`). */
  finish(path: string, force?: boolean): Promise<void>;
  /** Drops what was written (the run failed). */
  abort(): Promise<void>;
}

export type ReportFormat = 'xlsx' | 'csv' | 'json';

export function reportFormatOf(path: string): ReportFormat | undefined {
  const m = /\.(xlsx|csv|json)$/i.exec(path);
  return m ? (m[1]!.toLowerCase() as ReportFormat) : undefined;
}

export async function openReport(format: ReportFormat): Promise<ReportSink> {
  const dir = await mkdtemp(join(tmpdir(), 'juesuan-report-'));
  return format === 'xlsx' ? new XlsxReport(dir) : format === 'csv' ? new CsvReport(dir) : new JsonReport(dir);
}

// ---------------------------------------------------------------------------

/** Sequential writes to a stream, waiting when it is full. */
class Out {
  private readonly s: WriteStream;
  constructor(readonly path: string) {
    this.s = createWriteStream(path, { flags: 'wx' });
  }
  async write(text: string): Promise<void> {
    if (!this.s.write(text)) await new Promise<void>((r) => this.s.once('drain', () => r()));
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.s.once('error', reject);
      this.s.end(() => resolve());
    });
  }
}

const SUMMARY_HEADERS = ['文件', '单位名称', '模板', '识别到的表', '错误', '提示', '尾数误差', '第一个错误', '状态'];
const FINDING_HEADERS = ['文件', '单位名称', '工作表', '单元格', '规则', '级别', '说明', '应为', '实为', '差额', '单位'];
const UNREADABLE_HEADERS = ['文件', '原因'];

const status = (r: SummaryRow): string => (r.unreadable !== undefined ? '无法读取' : (r.error ?? 0) > 0 ? '有错误' : '未发现错误');

function summaryCells(r: SummaryRow): Array<string | number | null> {
  return [r.file, r.unit, r.profile, r.tables, r.error, r.warning, r.rounding, r.unreadable ?? r.firstError, status(r)];
}

function findingCells(f: FindingRow): Array<string | number | null> {
  return [f.file, f.unit, f.sheet, f.cells, f.rule, f.severity, f.message, f.expected, f.actual, f.difference, f.unit2];
}

// ---------------------------------------------------------------------------
// CSV: the per-file rows.

const csvField = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

class CsvReport implements ReportSink {
  private readonly out: Out;
  constructor(private readonly dir: string) {
    this.out = new Out(join(dir, 'report.csv'));
    void this.out.write('\uFEFF' + SUMMARY_HEADERS.join(',') + '\r\n');
  }
  async add(row: SummaryRow): Promise<void> {
    await this.out.write(summaryCells(row).map(csvField).join(',') + '\r\n');
  }
  async finish(path: string, force = false): Promise<void> {
    await this.out.close();
    await moveNew(this.out.path, path, force);
    await rm(this.dir, { recursive: true, force: true });
  }
  async abort(): Promise<void> {
    await this.out.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// JSON: { files: [ { …row, findings: [...] } ] }

class JsonReport implements ReportSink {
  private readonly out: Out;
  private first = true;
  constructor(private readonly dir: string) {
    this.out = new Out(join(dir, 'report.json'));
    void this.out.write('{\n  "files": [');
  }
  async add(row: SummaryRow, findings: readonly FindingRow[]): Promise<void> {
    const o = {
      file: row.file,
      unit: row.unit,
      profile: row.profile,
      tables: row.tables,
      summary: row.unreadable === undefined ? { error: row.error, warning: row.warning, rounding: row.rounding } : null,
      firstError: row.firstError,
      status: status(row),
      ...(row.unreadable !== undefined ? { unreadable: row.unreadable } : {}),
      findings: findings.map((f) => ({ sheet: f.sheet, cells: f.cells, rule: f.rule, severity: f.severity, message: f.message, expected: f.expected, actual: f.actual, difference: f.difference, unit: f.unit2 })),
    };
    await this.out.write((this.first ? '\n' : ',\n') + JSON.stringify(o));
    this.first = false;
  }
  async finish(path: string, force = false): Promise<void> {
    await this.out.write(this.first ? ']\n}\n' : '\n  ]\n}\n');
    await this.out.close();
    await moveNew(this.out.path, path, force);
    await rm(this.dir, { recursive: true, force: true });
  }
  async abort(): Promise<void> {
    await this.out.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// XLSX: 汇总, 全部问题, 无法读取.

/** Characters XML 1.0 cannot hold (a hostile cell may carry them) are dropped; the rest escaped. */
export function xmlEscape(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Excel holds at most 32,767 characters in a cell. */
const clipCell = (s: string): string => (s.length > 32_000 ? `${s.slice(0, 32_000)}…` : s);

const colName = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));

/** Style ids of styles.xml below. */
const S = { text: 0, header: 1, amount: 2, wrap: 3, bad: 4, good: 5, count: 6 } as const;

function rowXml(r: number, cells: ReadonlyArray<string | number | null>, style: (col: number, v: string | number | null) => number): string {
  let x = `<row r="${r}">`;
  cells.forEach((v, c) => {
    if (v === null || v === '') return;
    const ref = `${colName(c)}${r}`;
    const s = style(c, v);
    const sa = s ? ` s="${s}"` : '';
    if (typeof v === 'number') x += `<c r="${ref}"${sa}><v>${Number.isFinite(v) ? v : 0}</v></c>`;
    else x += `<c r="${ref}"${sa} t="inlineStr"><is><t xml:space="preserve">${xmlEscape(clipCell(v))}</t></is></c>`;
  });
  return x + '</row>';
}

function sheetStart(widths: readonly number[], frozen: boolean, selected: boolean): string {
  const view = frozen
    ? `<sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>`
    : `<sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}/>`;
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  // Printed landscape, all columns on one page wide (pageSetUpPr fitToPage + fitToWidth 1), the header on every page (print titles).
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews>${view}</sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`;
}

function sheetEnd(columns: number, rows: number): string {
  const filter = rows >= 1 ? `<autoFilter ref="A1:${colName(columns - 1)}${Math.max(rows, 1)}"/>` : '';
  return `</sheetData>${filter}<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts><fonts count="4"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><sz val="11"/><color rgb="FF9C0006"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><sz val="11"/><color rgb="FF006100"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts><fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFC6EFCE"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf><xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="top"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="2" fillId="3" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="top"/></xf><xf numFmtId="0" fontId="3" fillId="4" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="top"/></xf><xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const SHEETS = ['汇总', '全部问题', '无法读取'] as const;

class XlsxReport implements ReportSink {
  private readonly summary: Out;
  private readonly findings: Out;
  private readonly unreadable: Out;
  private summaryRows = 1;
  private findingRows = 1;
  private unreadableRows = 1;
  constructor(private readonly dir: string) {
    this.summary = new Out(join(dir, 'sheet1.xml'));
    this.findings = new Out(join(dir, 'sheet2.xml'));
    this.unreadable = new Out(join(dir, 'sheet3.xml'));
    const header = () => S.header;
    void this.summary.write(sheetStart([34, 30, 31, 12, 6, 6, 9, 64, 11], true, true) + rowXml(1, SUMMARY_HEADERS, header));
    void this.findings.write(sheetStart([30, 28, 12, 16, 7, 9, 70, 12, 12, 12, 6], true, false) + rowXml(1, FINDING_HEADERS, header));
    void this.unreadable.write(sheetStart([50, 90], true, false) + rowXml(1, UNREADABLE_HEADERS, header));
  }

  async add(row: SummaryRow, findings: readonly FindingRow[]): Promise<void> {
    this.summaryRows++;
    await this.summary.write(
      rowXml(this.summaryRows, summaryCells(row), (c, v) => {
        if (c === 4 && typeof v === 'number') return v > 0 ? S.bad : S.count;
        if (c === 5 || c === 6) return S.count;
        if (c === 7) return S.wrap;
        if (c === 8) return row.unreadable !== undefined || (row.error ?? 0) > 0 ? S.bad : S.good;
        return S.text;
      }),
    );
    for (const f of findings) {
      this.findingRows++;
      await this.findings.write(
        rowXml(this.findingRows, findingCells(f), (c) => {
          if (c === 5) return f.severity === '错误' ? S.bad : S.text;
          if (c === 6) return S.wrap;
          if (c >= 7 && c <= 9) return f.unit2 === '万元' ? S.amount : S.text;
          return S.text;
        }),
      );
    }
    if (row.unreadable !== undefined) {
      this.unreadableRows++;
      await this.unreadable.write(rowXml(this.unreadableRows, [row.file, row.unreadable], (c) => (c === 1 ? S.wrap : S.text)));
    }
  }

  async finish(path: string, force = false): Promise<void> {
    await this.summary.write(sheetEnd(SUMMARY_HEADERS.length, this.summaryRows));
    await this.findings.write(sheetEnd(FINDING_HEADERS.length, this.findingRows));
    await this.unreadable.write(sheetEnd(UNREADABLE_HEADERS.length, this.unreadableRows));
    await Promise.all([this.summary.close(), this.findings.close(), this.unreadable.close()]);
    const tmp = join(this.dir, 'report.xlsx');
    const zip = await ZipFileWriter.create(tmp);
    try {
      await zip.addBuffer(
        '[Content_Types].xml',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${SHEETS.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
      );
      await zip.addBuffer(
        '_rels/.rels',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`,
      );
      await zip.addBuffer('docProps/app.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>决算公开助手</Application></Properties>`);
      const rows = [this.summaryRows, this.findingRows, this.unreadableRows];
      const cols = [SUMMARY_HEADERS.length, FINDING_HEADERS.length, UNREADABLE_HEADERS.length];
      const filters = SHEETS.map(
        (_, i) =>
          `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${SHEETS[i]}'!$A$1:$${colName(cols[i]! - 1)}$${rows[i]}</definedName><definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${SHEETS[i]}'!$1:$1</definedName>`,
      ).join('');
      await zip.addBuffer(
        'xl/workbook.xml',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${SHEETS.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets><definedNames>${filters}</definedNames></workbook>`,
      );
      await zip.addBuffer(
        'xl/_rels/workbook.xml.rels',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${SHEETS.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
      );
      await zip.addBuffer('xl/styles.xml', STYLES);
      for (let i = 0; i < SHEETS.length; i++) await zip.addFile(`xl/worksheets/sheet${i + 1}.xml`, join(this.dir, `sheet${i + 1}.xml`));
      await zip.finish();
    } catch (e) {
      await zip.abort();
      throw e;
    }
    await moveNew(tmp, path, force);
    await rm(this.dir, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    await Promise.all([this.summary.close(), this.findings.close(), this.unreadable.close()].map((p) => p.catch(() => undefined)));
    await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * Moves the finished report to its place without ever replacing a file there
 * (a hard link fails if the name exists; across file systems, an exclusive copy);
 * with --force, replaced.
 */
async function moveNew(from: string, to: string, force: boolean): Promise<void> {
  const { link, copyFile, unlink, rename, constants } = await import('node:fs/promises');
  if (force) {
    await rename(from, to).catch(() => copyFile(from, to));
    return;
  }
  try {
    await link(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw e;
    await copyFile(from, to, constants.COPYFILE_EXCL);
  }
  await unlink(from).catch(() => undefined);
}
