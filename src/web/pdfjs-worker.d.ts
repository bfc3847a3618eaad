/** pdfjs-dist's worker code, imported to run on the page's thread (./pdf-in-page.ts). */
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
