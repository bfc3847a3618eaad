/**
 * Reading a workbook from its bytes, with a message the user can act on when
 * that fails. No Node APIs: the CLI (read-file.ts) and the browser page both
 * use it. The reading itself is our own reader (../xlsx/read-xlsx.ts), which
 * gives the grid exceljs gives at a fraction of the cost; exceljs is loaded
 * only where a workbook is written (the annotated copy).
 */
import type { WorkbookGrid } from '../../core/grid/grid';
import { inflateWithFflate } from '../xlsx/inflate';
import { readXlsx } from '../xlsx/read-xlsx';
import { type Inflate, ZipError } from '../xlsx/zip';
import { WorkbookReadError, type WorkbookReadReason, sniffWorkbookBytes, workbookReadMessage } from './errors';

export function readFailure(reason: WorkbookReadReason, name: string, opts?: { detail?: string }): WorkbookReadError {
  return new WorkbookReadError(reason, name, workbookReadMessage(reason, name, opts));
}

export interface ReadBytesOptions {
  /** How zip parts are inflated: fflate by default (the browser), node:zlib in the CLI. */
  readonly inflate?: Inflate;
}

/**
 * Reads .xlsx (or .xlsm, or legacy .xls) bytes into the grid. Throws WorkbookReadError when they are not
 * a workbook (csv, pdf, text …), are encrypted with an open password, are a
 * damaged zip or package (a sheet part or the shared strings missing), or are
 * hostile (a zip bomb). `name` is what the messages call the file.
 */
export async function readWorkbookBytes(bytes: Uint8Array, name: string, opts: ReadBytesOptions = {}): Promise<WorkbookGrid> {
  switch (sniffWorkbookBytes(bytes)) {
    case 'ole-encrypted':
      throw readFailure('encrypted', name);
    case 'ole':
      return readOldXls(bytes, name);
    case 'other':
      throw readFailure('not-xlsx', name);
    case 'zip':
      break;
  }
  let grid: WorkbookGrid;
  try {
    grid = readXlsx(bytes, { inflate: opts.inflate ?? inflateWithFflate });
  } catch (e) {
    if (e instanceof ZipError) {
      if (e.kind === 'hostile') throw readFailure('hostile', name, { detail: e.message });
      if (e.kind === 'encrypted') throw readFailure('encrypted', name);
      if (/不是 Office 文档/.test(e.message)) throw readFailure('not-xlsx', name);
      throw readFailure('corrupt', name, { detail: e.message });
    }
    throw readFailure('corrupt', name, { detail: e instanceof Error ? e.message : String(e) });
  }
  // A zip that is not a spreadsheet at all (a .docx, an archive) has no workbook part, or no sheets.
  if (grid.sheets.length === 0) throw readFailure('not-xlsx', name);
  return grid;
}

/** Excel 97–2003 (.xls, also what WPS saves as .et): an OLE2 file without an encrypted package inside. SheetJS is loaded only here. */
async function readOldXls(bytes: Uint8Array, name: string): Promise<WorkbookGrid> {
  const { readXls } = await import('../xlsx/read-xls');
  let grid: WorkbookGrid;
  try {
    grid = await readXls(bytes);
  } catch (e) {
    throw readFailure(e instanceof ZipError && e.kind === 'hostile' ? 'hostile' : 'corrupt', name, { detail: e instanceof Error ? e.message : String(e) });
  }
  if (grid.sheets.length === 0) throw readFailure('not-xlsx', name);
  return grid;
}
