/** Reading a workbook from disk (Node only), with a message the user can act on when that fails. */
import { readFile } from 'node:fs/promises';
import type { WorkbookGrid } from '../../core/grid/grid';
import { WorkbookReadError, sniffWorkbookBytes, workbookReadMessage, type WorkbookReadReason } from './errors';
import { loadWorkbookGrid } from './exceljs-grid';

function fail(reason: WorkbookReadReason, path: string, opts?: { detail?: string; oldXls?: boolean }): WorkbookReadError {
  return new WorkbookReadError(reason, path, workbookReadMessage(reason, path, opts));
}

/**
 * Reads an .xlsx file into the grid. Throws WorkbookReadError when the file
 * is missing, is not an .xlsx (old .xls, csv, pdf, text …), is encrypted
 * with an open password, or is a damaged zip; other I/O errors (permissions)
 * are thrown as they are.
 */
export async function readWorkbookFile(path: string): Promise<WorkbookGrid> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw fail('missing', path);
    if (code === 'EISDIR') throw fail('not-xlsx', path);
    throw e;
  }
  switch (sniffWorkbookBytes(bytes)) {
    case 'ole-encrypted':
      throw fail('encrypted', path);
    case 'ole':
      throw fail('not-xlsx', path, { oldXls: true });
    case 'other':
      throw fail('not-xlsx', path);
    case 'zip':
      break;
  }
  let grid: WorkbookGrid;
  try {
    grid = await loadWorkbookGrid(bytes);
  } catch (e) {
    throw fail('corrupt', path, { detail: e instanceof Error ? e.message : String(e) });
  }
  // A zip that is not a spreadsheet at all (a .docx, an archive) loads as a workbook without sheets.
  if (grid.sheets.length === 0) throw fail('not-xlsx', path);
  return grid;
}
