/**
 * The PDFs read in this process, by the path they were read from, so that a
 * report of their findings can say on which page each cell is (第 7 页
 * 支出决算表 C12, and "page" in the JSON) without the check's result carrying
 * anything of the PDF. Only the last few are kept: a batch reads one file
 * after another.
 */
import type { PdfWorkbook } from './workbook';

const KEEP = 8;
const recent = new Map<string, PdfWorkbook>();

export function rememberPdf(file: string, wb: PdfWorkbook): void {
  recent.delete(file);
  recent.set(file, wb);
  while (recent.size > KEEP) recent.delete(recent.keys().next().value!);
}

/** The PDF last read from this path, if it was a PDF. */
export function pdfReadFrom(file: string): PdfWorkbook | undefined {
  return recent.get(file);
}
