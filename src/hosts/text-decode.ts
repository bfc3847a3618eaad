/**
 * The text of a plain-text file as an accountant's machine saved it: UTF-8
 * (with or without a BOM), UTF-16 (Notepad's “Unicode”), or — what Notepad on
 * a Chinese Windows wrote as “ANSI” for years — GB18030/GBK. A file that is
 * not valid UTF-8 is read as GB18030 rather than shown as mojibake.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
