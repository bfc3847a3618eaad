/** Why a workbook file could not be read, for a message the user can act on. */
export type WorkbookReadReason = 'missing' | 'not-xlsx' | 'encrypted' | 'corrupt' | 'hostile';

export class WorkbookReadError extends Error {
  constructor(
    readonly reason: WorkbookReadReason,
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}

/**
 * The Chinese message for each reason. `detail` is the underlying error's
 * message (for 'corrupt'); `oldXls` tells an old .xls apart from other
 * non-xlsx files.
 */
export function workbookReadMessage(
  reason: WorkbookReadReason,
  file: string,
  opts: { detail?: string } = {},
): string {
  switch (reason) {
    case 'missing':
      return `找不到文件：${file}`;
    case 'encrypted':
      return `文件已加密（设置了打开密码），请先在 Excel 中取消密码后再检查：${file}`;
    case 'not-xlsx':
      return `不是 .xlsx 工作簿：${file}`;
    case 'corrupt':
      return `文件已损坏，无法读取：${file}${opts.detail ? `（${opts.detail}）` : ''}`;
    case 'hostile':
      return `文件异常，已停止读取：${file}${opts.detail ? `（${opts.detail}）` : ''}。请向报送单位索取正常保存的工作簿。`;
  }
}

/** What the first bytes say a file is. */
export type WorkbookBytesKind = 'zip' | 'ole-encrypted' | 'ole' | 'other';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // "PK\x03\x04"
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** "EncryptionInfo" in UTF-16LE, the name of the stream an encrypted OOXML package keeps in its OLE2 container. */
const ENCRYPTION_INFO = [...'EncryptionInfo'].flatMap((ch) => [ch.charCodeAt(0), 0]);

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function contains(bytes: Uint8Array, pattern: readonly number[]): boolean {
  const first = pattern[0];
  const last = bytes.length - pattern.length;
  for (let i = bytes.indexOf(first!); i >= 0 && i <= last; i = bytes.indexOf(first!, i + 1)) {
    let j = 1;
    while (j < pattern.length && bytes[i + j] === pattern[j]) j++;
    if (j === pattern.length) return true;
  }
  return false;
}

/**
 * Sniffs a file's bytes. An .xlsx is a zip. An OLE2 compound file is either
 * an old .xls or an .xlsx saved with an open password: Excel wraps encrypted
 * OOXML in OLE2 with an "EncryptionInfo" stream (MS-OFFCRYPTO), whose
 * directory entry name is stored in UTF-16LE.
 */
export function sniffWorkbookBytes(bytes: Uint8Array): WorkbookBytesKind {
  if (startsWith(bytes, ZIP_MAGIC)) return 'zip';
  if (startsWith(bytes, OLE2_MAGIC)) return contains(bytes, ENCRYPTION_INFO) ? 'ole-encrypted' : 'ole';
  return 'other';
}
