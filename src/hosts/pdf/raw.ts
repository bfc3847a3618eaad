/**
 * What pdfjs gives for each page, as plain data: the page's size, the
 * viewport transform (PDF space → top-left page space, rotation included)
 * and its operator list — text shown glyph by glyph, paths, images — with
 * the fonts it names. Collected in one place (pdfjs in the page, or in a
 * worker thread under Node: see ./node-pdfjs.ts, which does the same in
 * JavaScript) and read by ./content.ts.
 */

/** The font facts positioning needs. */
export interface RawFont {
  readonly fontMatrix?: readonly number[];
  readonly vertical?: boolean;
  readonly name?: string;
}

export interface RawPage {
  /** 1-based. */
  readonly number: number;
  readonly width: number;
  readonly height: number;
  /** The viewport transform at scale 1: PDF user space → page space with the origin at the top left. */
  readonly view: readonly number[];
  readonly fn: ArrayLike<number>;
  readonly args: readonly unknown[];
  readonly fonts: Readonly<Record<string, RawFont>>;
}

export interface RawPdf {
  readonly pages: readonly RawPage[];
}

/** pdfjs's operator codes used here (pdfjs-dist OPS, stable across versions). */
export const OP = {
  setLineWidth: 2,
  setGState: 9,
  save: 10,
  restore: 11,
  transform: 12,
  beginText: 31,
  endText: 32,
  setCharSpacing: 33,
  setWordSpacing: 34,
  setHScale: 35,
  setLeading: 36,
  setFont: 37,
  setTextRenderingMode: 38,
  setTextRise: 39,
  moveText: 40,
  setLeadingMoveText: 41,
  setTextMatrix: 42,
  nextLine: 43,
  showText: 44,
  showSpacedText: 45,
  nextLineShowText: 46,
  nextLineSetSpacingShowText: 47,
  setStrokeRGBColor: 58,
  setFillRGBColor: 59,
  paintXObject: 66,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  beginGroup: 76,
  endGroup: 77,
  beginAnnotation: 80,
  endAnnotation: 81,
  paintImageMaskXObject: 83,
  paintImageMaskXObjectGroup: 84,
  paintImageXObject: 85,
  paintInlineImageXObject: 86,
  paintInlineImageXObjectGroup: 87,
  paintImageXObjectRepeat: 88,
  paintImageMaskXObjectRepeat: 89,
  paintSolidColorImageMask: 90,
  constructPath: 91,
  rawFillPath: 94,
  stroke: 20,
  closeStroke: 21,
  fill: 22,
  eoFill: 23,
  fillStroke: 24,
  eoFillStroke: 25,
  closeFillStroke: 26,
  closeEOFillStroke: 27,
  endPath: 28,
} as const;

/** Image operators: their arguments (the pixels) are not kept, only where they are painted. */
export const IMAGE_OPS: ReadonlySet<number> = new Set([
  OP.paintImageMaskXObject,
  OP.paintImageMaskXObjectGroup,
  OP.paintImageXObject,
  OP.paintInlineImageXObject,
  OP.paintInlineImageXObjectGroup,
  OP.paintImageXObjectRepeat,
  OP.paintImageMaskXObjectRepeat,
  OP.paintSolidColorImageMask,
]);

/** The part of the pdfjs API the collection uses (pdfjs-dist's getDocument result). */
export interface PdfJsDocument {
  readonly numPages: number;
  getPage(n: number): Promise<PdfJsPage>;
  destroy(): Promise<void>;
}
export interface PdfJsPage {
  getViewport(o: { scale: number }): { width: number; height: number; transform: number[] };
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
  readonly commonObjs: { get(name: string): unknown; has?(name: string): boolean };
  cleanup(): void;
}

/** The fonts an operator list names (setFont, and a graphics state's Font). */
export function fontNames(fn: ArrayLike<number>, args: readonly unknown[]): string[] {
  const names = new Set<string>();
  for (let i = 0; i < fn.length; i++) {
    if (fn[i] === OP.setFont) names.add(String((args[i] as unknown[])[0]));
    else if (fn[i] === OP.setGState) {
      for (const entry of (args[i] as unknown[][])[0] as unknown[][]) if (entry[0] === 'Font') names.add(String((entry[1] as unknown[])[0]));
    }
  }
  return [...names];
}

/** One page of a pdfjs document as plain data. */
export async function collectPage(doc: PdfJsDocument, n: number): Promise<RawPage> {
  const page = await doc.getPage(n);
  const vp = page.getViewport({ scale: 1 });
  const ops = await page.getOperatorList();
  const fonts: Record<string, RawFont> = {};
  for (const name of fontNames(ops.fnArray, ops.argsArray)) {
    try {
      const f = page.commonObjs.get(name) as { fontMatrix?: number[]; vertical?: boolean; name?: string } | undefined;
      if (f) fonts[name] = { ...(f.fontMatrix ? { fontMatrix: [...f.fontMatrix] } : {}), vertical: !!f.vertical, ...(f.name ? { name: String(f.name) } : {}) };
    } catch {
      // A font pdfjs could not load: its glyphs keep the default matrix.
    }
  }
  const args = ops.argsArray.map((a, i) => (IMAGE_OPS.has(ops.fnArray[i]!) ? null : a));
  page.cleanup();
  return { number: n, width: vp.width, height: vp.height, view: [...vp.transform], fn: ops.fnArray, args, fonts };
}
