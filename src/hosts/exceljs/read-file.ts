/** Reading a workbook from disk (Node only), with a message the user can act on when that fails. */
import { readFile } from 'node:fs/promises';
import type { WorkbookGrid } from '../../core/grid/grid';
import { inflateWithZlib } from '../xlsx/inflate-node';
import { WorkbookReadError } from './errors';
import { readFailure, readWorkbookBytes } from './read-bytes';

/**
 * Reads an .xlsx (or .xlsm, or a legacy .xls) file into the grid. Throws WorkbookReadError when the file
 * is missing or unreadable as a workbook (see readWorkbookBytes); other I/O
 * errors (permissions) are thrown as they are.
 */
export async function readWorkbookFile(path: string): Promise<WorkbookGrid> {
  try {
    return await readWorkbookAt(path);
  } catch (e) {
    // A WPS 表格 file (.et): read when it is an .xlsx or .xls inside, else the way out named.
    if (/\.ett?$/i.test(path) && e instanceof WorkbookReadError && (e.reason === 'not-xlsx' || e.reason === 'corrupt')) {
      throw new WorkbookReadError(e.reason, path, `WPS 表格的 .et 文件无法直接读取，请在 WPS 中“另存为” Excel 工作簿（.xlsx）后再检查：${path}`);
    }
    throw e;
  }
}

async function readWorkbookAt(path: string): Promise<WorkbookGrid> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw readFailure('missing', path);
    if (code === 'EISDIR') throw readFailure('not-xlsx', path);
    throw e;
  }
  return readWorkbookBytes(bytes, path, { inflate: inflateWithZlib });
}
