/** Reading a PDF from disk (Node only): pdfjs in a worker thread (./node-pdfjs.ts). */
import { readFile } from 'node:fs/promises';
import { loadRawPdf } from './node-pdfjs';
import { pdfFailure, readPdfBytes } from './read';
import { rememberPdf } from './recent';
import type { PdfWorkbook } from './workbook';

/** A file the CLI reads as a PDF: by its extension. */
export function isPdfPath(path: string): boolean {
  return /\.pdf$/i.test(path);
}

export async function readPdfFile(path: string): Promise<PdfWorkbook> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw pdfFailure('missing', path);
    if (code === 'EISDIR') throw pdfFailure('not-pdf', path);
    throw e;
  }
  const wb = await readPdfBytes(bytes, path, loadRawPdf);
  rememberPdf(path, wb);
  return wb;
}
