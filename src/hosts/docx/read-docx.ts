/**
 * The paragraphs of a .docx (the narrative as the unit wrote it in Word),
 * as text, one paragraph per line, for the 表文 check. Only word/document.xml
 * is read: runs joined, tabs kept, breaks inside a paragraph as spaces.
 */
import JSZip from 'jszip';

export class DocumentReadError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e.startsWith('#x') || e.startsWith('#X') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? _),
  );

/** Paragraph texts of WordprocessingML: <w:p> … <w:t>text</w:t> … </w:p>. */
export function paragraphsOfDocumentXml(xml: string): string[] {
  const out: string[] = [];
  for (const p of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)) {
    let text = '';
    for (const m of p[0].matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:tab\/>|<w:br\/>|<w:cr\/>/g)) {
      if (m[1] !== undefined) text += decode(m[1]);
      else text += m[0] === '<w:tab/>' ? '\t' : ' ';
    }
    out.push(text);
  }
  return out;
}

export async function readDocxText(bytes: Uint8Array | ArrayBuffer, name: string): Promise<string> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new DocumentReadError(`无法读取“${name}”：不是 .docx 文档（Word 2007 及以后的格式）。旧的 .doc 请在 Word 或 WPS 中另存为 .docx。`);
  }
  const doc = zip.file('word/document.xml');
  if (!doc) throw new DocumentReadError(`无法读取“${name}”：文件中没有 Word 正文（word/document.xml）。`);
  return paragraphsOfDocumentXml(await doc.async('string')).join('\n');
}
