/** Reading a workbook from disk (Node only), with a message the user can act on when that fails. */
import { readFile } from 'node:fs/promises';
import type { WorkbookGrid } from '../../core/grid/grid';
import { inflateWithZlib } from '../xlsx/inflate-node';
import { readFailure, readWorkbookBytes } from './read-bytes';

/**
 * Reads an .xlsx file into the grid. Throws WorkbookReadError when the file
 * is missing or unreadable as a workbook (see readWorkbookBytes); other I/O
 * errors (permissions) are thrown as they are.
 */
export async function readWorkbookFile(path: string): Promise<WorkbookGrid> {
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
