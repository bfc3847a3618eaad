/**
 * A PDF opened on the browser page: pdfjs in the page (loaded only when a PDF
 * is opened), its worker code run on the page's thread — a disclosure is a few
 * dozen pages — and the same reading as the CLI's (src/hosts/pdf). The CJK
 * character maps pdfjs needs for PDFs whose Chinese fonts are not embedded
 * are served beside the page (webpack copies them to pdfjs/cmaps/).
 */
import { type PdfJsDocument, type RawPdf, collectPage } from '../hosts/pdf/raw';
import { readPdfBytes } from '../hosts/pdf/read';
import type { PdfWorkbook } from '../hosts/pdf/workbook';

export const CMAP_DIR = 'pdfjs/cmaps/';

async function loadInPage(bytes: Uint8Array): Promise<RawPdf> {
  const [pdfjs, worker] = await Promise.all([import(/* webpackChunkName: "pdfjs" */ 'pdfjs-dist'), import(/* webpackChunkName: "pdfjs-worker" */ 'pdfjs-dist/build/pdf.worker.mjs')]);
  // pdfjs uses the worker's code on this thread when it finds it here (no worker script to serve).
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
    cMapUrl: new URL(CMAP_DIR, document.baseURI).href,
    cMapPacked: true,
  });
  const doc = (await task.promise) as unknown as PdfJsDocument;
  try {
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(await collectPage(doc, n));
    return { pages };
  } finally {
    await doc.destroy();
  }
}

/** The rebuilt workbook of a PDF's bytes; throws PdfReadError (scanned, encrypted, no ruled table …) with a Chinese message. */
export function readPdfInPage(bytes: Uint8Array, name: string): Promise<PdfWorkbook> {
  return readPdfBytes(bytes, name, loadInPage);
}
