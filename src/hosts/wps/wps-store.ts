/**
 * What the WPS host keeps inside the workbook: the SavedState (mapping set by
 * hand, 忽略) and the record of the marks (every marked cell's own fill, as
 * ../office/fill.ts records it for Excel). Excel keeps these in the add-in's
 * settings; WPS has no such store for JS add-ins (PluginStorage is "not
 * persisted", index.d.ts of et-jsapi-declare), so they go into the workbook:
 *
 * - a worksheet named DATA_SHEET, very hidden (Visible = xlSheetVeryHidden:
 *   not listed by 取消隐藏), holding on column A a line saying what it is and
 *   the JSON in slices (a cell holds at most 32,767 characters), each slice
 *   prefixed so that WPS never reads it as a number, a date or a formula, in
 *   cells formatted as text ("@");
 * - it is saved, closed and reopened with the marks it describes, and a
 *   workbook closed without saving loses both together;
 * - it is created the first time something is stored (a check that marks
 *   cells, 忽略, 用所选区域), and deleted by 清除标记 when nothing is left in it.
 *
 * Custom document properties were the other candidate; Office limits a text
 * property to 255 characters and the record of a few dozen cells is longer,
 * so the sheet it is.
 */
import { EMPTY_STATE, type SavedState } from '../host';
import { EMPTY_RECORD, type HighlightRecord, parseRecord } from '../office/fill';
import { parseState } from '../office/office-host';
import type { EtRange, EtWorksheet } from './et';

/** The name of the data sheet. */
export const DATA_SHEET = '_juesuan_data';
/** Row 1: what the sheet is, for whoever unhides it. */
export const DATA_HEADER = '决算公开助手的数据（标色前各单元格的原有底色、映射、忽略）：请勿修改或删除本工作表，否则“清除标记”无法恢复原有底色。';
/** Characters per slice (below the 32,767 a cell holds). */
export const SLICE_CHARS = 30_000;
/** Every slice starts with this, so no slice looks like a number, a date or a formula. */
const SLICE_PREFIX = 'J';

export interface StoredData {
  readonly state: SavedState;
  readonly record: HighlightRecord;
}

export const EMPTY_DATA: StoredData = { state: EMPTY_STATE, record: EMPTY_RECORD };

/** Whether nothing worth keeping is stored (the sheet may go). */
export function isEmptyData(d: StoredData): boolean {
  const o = d.state.overrides;
  const noOverrides = !o.profile && (!o.ranges || Object.keys(o.ranges).length === 0);
  return noOverrides && d.state.ignored.length === 0 && d.record.cells.length === 0 && d.record.resultSheet === undefined;
}

/** The cells' values (Value2 of the sheet's used range) → the data; anything unreadable gives the empty data. */
export function parseData(values: unknown): StoredData {
  const rows = Array.isArray(values) ? values : [[values]];
  let json = '';
  for (const r of rows) {
    const v = Array.isArray(r) ? r[0] : r;
    if (typeof v === 'string' && v.startsWith(SLICE_PREFIX)) json += v.slice(SLICE_PREFIX.length);
  }
  if (json === '') return EMPTY_DATA;
  try {
    const o = JSON.parse(json) as { state?: unknown; record?: unknown };
    return { state: parseState(o.state ?? null), record: o.record === undefined ? EMPTY_RECORD : parseRecord(o.record) };
  } catch {
    return EMPTY_DATA;
  }
}

/** The column of values that stores `d`: the header, then the slices. */
export function dataColumn(d: StoredData): string[][] {
  const json = JSON.stringify({ version: 1, state: d.state, record: d.record });
  const rows: string[][] = [[DATA_HEADER]];
  for (let i = 0; i < json.length; i += SLICE_CHARS) rows.push([SLICE_PREFIX + json.slice(i, i + SLICE_CHARS)]);
  return rows;
}

/** Reads the data sheet: one Value2 of its used range. */
export function readData(ws: EtWorksheet): StoredData {
  return parseData(ws.UsedRange.Value2);
}

/**
 * Writes the data on an existing data sheet: its old content cleared, the
 * column formatted as text, then the values in one assignment.
 */
export function writeData(ws: EtWorksheet, d: StoredData): void {
  const rows = dataColumn(d);
  ws.UsedRange.ClearContents();
  const range: EtRange = ws.Range(`A1:A${rows.length}`);
  range.NumberFormat = '@';
  range.Value2 = rows;
}
