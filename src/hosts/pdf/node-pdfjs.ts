/**
 * pdfjs under Node: pdfjs-dist is published as ES modules only, which a
 * CommonJS program (the CLI) and jest's module sandbox cannot load in
 * process. It runs in a worker thread instead, with pdfjs's own worker code
 * on that thread ("fake worker"), and posts each page back as plain data
 * (./raw.ts). One thread serves every file of a run; it does not keep the
 * process alive.
 */
import { Worker } from 'node:worker_threads';
import * as path from 'node:path';
import { IMAGE_OPS, OP, type RawPdf } from './raw';

/** Why pdfjs could not open a file, as the worker reports it. */
export interface PdfJsFailure {
  readonly name: string;
  readonly message: string;
  readonly code?: number;
}

export class PdfJsError extends Error {
  constructor(readonly failure: PdfJsFailure) {
    super(failure.message);
    this.name = failure.name;
  }
}

// The worker's program, plain JavaScript (it is not compiled): the same collection as raw.ts's collectPage.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const IMAGE_OPS = new Set(workerData.imageOps);
const SET_FONT = workerData.setFont, SET_GSTATE = workerData.setGState;
let loading;
function load() {
  return (loading ??= (async () => {
    const pdfjs = await import(pathToFileURL(workerData.pdf).href);
    globalThis.pdfjsWorker = await import(pathToFileURL(workerData.worker).href);
    return pdfjs;
  })());
}
function fontNames(fn, args) {
  const names = new Set();
  for (let i = 0; i < fn.length; i++) {
    if (fn[i] === SET_FONT) names.add(String(args[i][0]));
    else if (fn[i] === SET_GSTATE) for (const e of args[i][0]) if (e[0] === 'Font') names.add(String(e[1][0]));
  }
  return [...names];
}
parentPort.on('message', async ({ id, bytes }) => {
  let doc;
  try {
    const pdfjs = await load();
    doc = await pdfjs.getDocument({
      data: bytes,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
      cMapUrl: workerData.cMaps,
      cMapPacked: true,
      standardFontDataUrl: workerData.standardFonts,
    }).promise;
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const vp = page.getViewport({ scale: 1 });
      const ops = await page.getOperatorList();
      const fonts = {};
      for (const name of fontNames(ops.fnArray, ops.argsArray)) {
        try {
          const f = page.commonObjs.get(name);
          if (f) fonts[name] = { ...(f.fontMatrix ? { fontMatrix: Array.from(f.fontMatrix) } : {}), vertical: !!f.vertical, ...(f.name ? { name: String(f.name) } : {}) };
        } catch {}
      }
      const args = ops.argsArray.map((a, i) => (IMAGE_OPS.has(ops.fnArray[i]) ? null : a));
      pages.push({ number: n, width: vp.width, height: vp.height, view: Array.from(vp.transform), fn: ops.fnArray, args, fonts });
      page.cleanup();
    }
    parentPort.postMessage({ id, pdf: { pages } });
  } catch (e) {
    parentPort.postMessage({ id, error: { name: (e && e.name) || 'Error', message: String((e && e.message) || e), ...(e && typeof e.code === 'number' ? { code: e.code } : {}) } });
  } finally {
    if (doc) doc.destroy().catch(() => {});
  }
});
`;

interface Pending {
  resolve(pdf: RawPdf): void;
  reject(e: Error): void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function pdfjsDir(): string {
  // The package's root, found from its package.json (resolvable under Node and jest alike).
  return path.dirname(require.resolve('pdfjs-dist/package.json'));
}

function startWorker(): Worker {
  const dir = pdfjsDir();
  const w = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      pdf: path.join(dir, 'legacy', 'build', 'pdf.mjs'),
      worker: path.join(dir, 'legacy', 'build', 'pdf.worker.mjs'),
      cMaps: path.join(dir, 'cmaps') + path.sep,
      standardFonts: path.join(dir, 'standard_fonts') + path.sep,
      imageOps: [...IMAGE_OPS],
      setFont: OP.setFont,
      setGState: OP.setGState,
    },
  });
  w.unref();
  w.on('message', (m: { id: number; pdf?: RawPdf; error?: PdfJsFailure }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    if (m.error) p.reject(new PdfJsError(m.error));
    else p.resolve(m.pdf!);
  });
  const fail = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    if (worker === w) worker = undefined;
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`PDF 读取线程意外退出（${code}）`)));
  return w;
}

/** Every page of a PDF as pdfjs sees it. Rejects with PdfJsError when pdfjs cannot open it (PasswordException, InvalidPDFException …). */
export function loadRawPdf(bytes: Uint8Array): Promise<RawPdf> {
  worker ??= startWorker();
  const w = worker;
  const id = nextId++;
  return new Promise<RawPdf>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // Held while a file is being read, so that the process waits for it.
    w.ref();
    // A copy: pdfjs takes the buffer over.
    const copy = new Uint8Array(bytes);
    w.postMessage({ id, bytes: copy }, [copy.buffer]);
  });
}

/** Ends the reading thread (tests; a CLI run needs not: the thread never holds the process). */
export async function closePdfReader(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}
