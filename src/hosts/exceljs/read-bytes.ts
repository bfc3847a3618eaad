/**
 * Reading a workbook from its bytes, with a message the user can act on when
 * that fails. No Node APIs: the CLI (read-file.ts) and the browser page both
 * use it.
 */
import type { WorkbookGrid } from '../../core/grid/grid';
import { WorkbookReadError, type WorkbookReadReason, sniffWorkbookBytes, workbookReadMessage } from './errors';
import { loadWorkbookGrid } from './exceljs-grid';

export function readFailure(reason: WorkbookReadReason, name: string, opts?: { detail?: string; oldXls?: boolean }): WorkbookReadError {
  return new WorkbookReadError(reason, name, workbookReadMessage(reason, name, opts));
}

/**
 * Reads .xlsx bytes into the grid. Throws WorkbookReadError when they are not
 * an .xlsx (old .xls, csv, pdf, text …), are encrypted with an open password,
 * or are a damaged zip. `name` is what the messages call the file.
 */
export async function readWorkbookBytes(bytes: Uint8Array, name: string): Promise<WorkbookGrid> {
  switch (sniffWorkbookBytes(bytes)) {
    case 'ole-encrypted':
      throw readFailure('encrypted', name);
    case 'ole':
      throw readFailure('not-xlsx', name, { oldXls: true });
    case 'other':
      throw readFailure('not-xlsx', name);
    case 'zip':
      break;
  }
  let grid: WorkbookGrid;
  try {
    grid = await loadWorkbookGrid(bytes);
  } catch (e) {
    throw readFailure('corrupt', name, { detail: e instanceof Error ? e.message : String(e) });
  }
  // A zip that is not a spreadsheet at all (a .docx, an archive) loads as a workbook without sheets.
  if (grid.sheets.length === 0) throw readFailure('not-xlsx', name);
  return grid;
}
