/**
 * Reading a PDF into the rebuilt workbook, with a message the user can act
 * on when that fails: not a PDF, damaged, encrypted, scanned (no text
 * layer), or text without any ruled table. No Node API here: the CLI
 * (./read-file.ts) and the browser page give it pdfjs's pages their way.
 */
import { WorkbookReadError } from '../exceljs/errors';
import { readPageContent } from './content';
import { readDocument } from './document';
import type { RawPdf } from './raw';
import { type PdfWorkbook, buildWorkbook, pageList } from './workbook';

export type PdfReadReason = 'missing' | 'not-pdf' | 'encrypted' | 'corrupt' | 'scanned' | 'no-rulings' | 'no-tables';

/** A PDF that cannot be checked. A WorkbookReadError too: the CLI says its message and exits 2, as for a workbook. */
export class PdfReadError extends WorkbookReadError {
  constructor(
    readonly pdfReason: PdfReadReason,
    file: string,
    message: string,
  ) {
    super(pdfReason === 'missing' ? 'missing' : pdfReason === 'encrypted' ? 'encrypted' : pdfReason === 'corrupt' ? 'corrupt' : 'not-xlsx', file, message);
    this.name = 'PdfReadError';
  }
}

export function pdfReadMessage(reason: PdfReadReason, file: string, detail?: string): string {
  switch (reason) {
    case 'missing':
      return `找不到文件：${file}`;
    case 'not-pdf':
      return `不是 PDF 文件：${file}`;
    case 'encrypted':
      return `PDF 已加密（设置了打开密码），无法读取。请先取消密码，或另存一份不加密的 PDF 后再检查：${file}`;
    case 'corrupt':
      return `PDF 文件已损坏，无法读取：${file}${detail ? `（${detail}）` : ''}`;
    case 'scanned':
      return `这是扫描件：${detail ?? '各页'}是图片，没有文字层，无法读出其中的表格和数字，不能检查。请使用由 Word、WPS 等直接导出的 PDF，或检查原工作簿：${file}`;
    case 'no-rulings':
      return `PDF 中的表格没有框线（${detail ?? '各页'}）：没有框线就无法可靠地确定每个单元格，为免误报，不作检查。请使用表格带框线导出的 PDF，或检查原工作簿：${file}`;
    case 'no-tables':
      return `PDF 中没有找到表格（只有文字），无法检查各表：${file}`;
  }
}

export function pdfFailure(reason: PdfReadReason, file: string, detail?: string): PdfReadError {
  return new PdfReadError(reason, file, pdfReadMessage(reason, file, detail));
}

/** A PDF starts with %PDF- (some writers put a few bytes before it). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

/** What pdfjs's errors mean for the user. */
export function pdfJsFailure(e: unknown, file: string): PdfReadError {
  const name = (e as { name?: string })?.name ?? '';
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'PasswordException' || /password/i.test(message)) return pdfFailure('encrypted', file);
  if (name === 'InvalidPDFException') return pdfFailure('corrupt', file, '不是有效的 PDF 结构');
  return pdfFailure('corrupt', file, message);
}

/** The rebuilt workbook of pdfjs's pages; throws PdfReadError for a scanned PDF or one without ruled tables. */
export function workbookOfPages(raw: RawPdf, file: string): PdfWorkbook {
  const contents = raw.pages.map(readPageContent);
  const doc = readDocument(contents);
  const glyphs = doc.glyphCounts.reduce((a, b) => a + b, 0);
  if (doc.tables.length === 0) {
    // Nothing is checked rather than something read wrong: a scan, tables without rulings, text only.
    if (doc.imagePages.length > 0) throw pdfFailure('scanned', file, doc.imagePages.length === contents.length ? '各页' : `第 ${pageList(doc.imagePages)} 页`);
    if (glyphs === 0) throw pdfFailure('scanned', file, '各页');
    if (doc.unruled.length > 0) throw pdfFailure('no-rulings', file, unruledList(doc.unruled));
    throw pdfFailure('no-tables', file);
  }
  // One of the disclosure's tables without rulings: what the check would say of the rest could mislead (a 缺表 that is there).
  const unruledTables = doc.unruled.filter((u) => u.title && DISCLOSURE_TABLE.test(u.title));
  if (unruledTables.length > 0) throw pdfFailure('no-rulings', file, unruledList(unruledTables));
  return buildWorkbook(doc);
}

/** The title of one of the disclosure's tables (收入支出决算总表 … 财政拨款“三公”经费支出决算表), or its 公开NN表. */
const DISCLOSURE_TABLE = /决算.*表$|^公开\d+表$/;

/** 第 3 页“收入决算表”、第 5 页 */
export function unruledList(tables: readonly { page: number; title?: string }[]): string {
  return tables.map((t) => `第 ${t.page} 页${t.title ? `“${t.title}”` : ''}`).join('、');
}

/** Reads a PDF's bytes with the pdfjs loader given (a worker thread under Node, pdfjs in the page in a browser). */
export async function readPdfBytes(bytes: Uint8Array, file: string, load: (bytes: Uint8Array) => Promise<RawPdf>): Promise<PdfWorkbook> {
  if (!looksLikePdf(bytes)) throw pdfFailure('not-pdf', file);
  let raw: RawPdf;
  try {
    raw = await load(bytes);
  } catch (e) {
    throw pdfJsFailure(e, file);
  }
  return workbookOfPages(raw, file);
}
