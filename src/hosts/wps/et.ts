/**
 * The part of the WPS 表格 (ET) object model the WPS host uses, as the WPS
 * 加载项 (JS add-in) runtime exposes it on `window.Application`.
 *
 * Where the names and shapes come from:
 *
 * - Kingsoft's type declarations of the add-in API, npm package
 *   et-jsapi-declare 2.5.0 (lib.et.d.ts, index.d.ts; "用C++代码静态分析的方法分析
 *   api实现得到的类型定义", i.e. read from WPS's own implementation). Every
 *   member below is declared there with the same name and kind (method or
 *   property): test/hosts/wps-api.test.ts checks it against
 *   test/hosts/wps-api-surface.json, made from that package by
 *   scripts/wps-api-surface.mjs. Note that Range.Address is a method there
 *   (`Address(RowAbsolute?, ColumnAbsolute?, …)`), not a property as in VBA.
 * - WPS's ET API reference (airsheet.wps.cn/docs/apiV2/excel/workbook/…:
 *   Range.Value2, Range.Interior, DisplayFormat.NumberFormat "如果指定区域中的所有
 *   单元格不具有相同的数字格式，则此属性将返回 Null") and the wpsjs 2.2.3 templates
 *   (packages/@wps-jsapi/et: window.Application.ActiveWorkbook, CreateTaskPane,
 *   GetTaskPane, PluginStorage, ribbonUI).
 * - Where those are silent, the Excel VBA object model that ET follows
 *   member for member (learn.microsoft.com/office/vba/api/excel.*), which
 *   says: Range.Value/Value2 of a range of more than one cell is a 2-D array
 *   and assigning a 2-D array writes it in one operation; NumberFormat,
 *   Interior.Pattern/Color and MergeCells of a range whose cells differ are
 *   Null; MergeArea of a cell outside any merged area is the cell itself;
 *   Names.Add(Name, RefersTo, Visible) with Visible False makes a hidden
 *   name; a name's RefersTo follows inserted and deleted rows and columns and
 *   renamed sheets, and reads #REF! once its cells are gone; Interior.Color is
 *   an RGB long (red + green·256 + blue·65536); Worksheet.Visible takes
 *   xlSheetVeryHidden (2). The host is written so that it does not depend on
 *   anything beyond these; nobody here could run WPS to confirm them.
 *
 * Calls are synchronous: every property read or write and every method call
 * crosses into WPS. The host counts on nothing being batched.
 */

/** A value of a cell as Value2 gives it (a number, text, a boolean, or nothing). */
export type EtScalar = number | string | boolean | null | undefined;

export interface EtApplication {
  readonly ActiveWorkbook: EtWorkbook | null | undefined;
  readonly ActiveSheet: EtWorksheet | null | undefined;
  readonly ActiveWindow: EtWindow | null | undefined;
  /** The selection: a Range when cells are selected, a shape or chart otherwise. */
  readonly Selection: unknown;
  ScreenUpdating: boolean;
  /** Off: no confirmation when a sheet is deleted. */
  DisplayAlerts: boolean;
}

/** What the WPS add-in runtime adds to Application (index.d.ts, WPS.AddonRoot). */
export interface WpsAddonRoot {
  CreateTaskPane(url: string, title?: string): WpsTaskPane;
  GetTaskPane(id: number): WpsTaskPane | null | undefined;
  readonly PluginStorage: WpsPluginStorage;
  readonly ribbonUI: WpsRibbonUi | undefined;
}

export type WpsApplication = EtApplication & WpsAddonRoot;

export interface WpsTaskPane {
  readonly ID: number;
  Visible: boolean;
  DockPosition: number;
  Width: number;
}

export interface WpsPluginStorage {
  setItem(key: string, value: number | boolean | string): void;
  getItem(key: string): string | null | undefined;
}

export interface WpsRibbonUi {
  Invalidate(): void;
  InvalidateControl(id: string): void;
}

/** The control a ribbon callback receives (lib.kso.d.ts, Kso.RibbonControl). */
export interface WpsRibbonControl {
  readonly Id: string;
}

export interface EtWorkbook {
  readonly Name: string;
  readonly Worksheets: EtSheets;
  readonly Names: EtNames;
  readonly ProtectStructure: boolean;
}

export interface EtSheets {
  readonly Count: number;
  Item(index: number | string): EtWorksheet;
  /** Add(Before, After): the new sheet goes after `After`. */
  Add(before?: EtWorksheet, after?: EtWorksheet): EtWorksheet;
}

export interface EtWorksheet {
  Name: string;
  /** xlSheetVisible −1, xlSheetHidden 0, xlSheetVeryHidden 2. */
  Visible: number;
  readonly ProtectContents: boolean;
  readonly Protection: EtProtection;
  readonly UsedRange: EtRange;
  readonly Hyperlinks: EtHyperlinks;
  readonly PageSetup: EtPageSetup;
  Range(address: string): EtRange;
  Activate(): void;
  Delete(): void;
}

export interface EtProtection {
  readonly AllowFormattingCells: boolean;
}

export interface EtRange {
  /** "$A$1:$H$40" with no arguments (absolute row and column). */
  Address(rowAbsolute?: boolean, columnAbsolute?: boolean): string;
  /** One cell: its value; several: a 2-D array, rows of columns. */
  Value2: unknown;
  /** A format code; null when the cells' formats differ. */
  NumberFormat: string | null;
  /** True, false, or null when some cells are merged and some not. */
  readonly MergeCells: boolean | null;
  readonly MergeArea: EtRange;
  readonly Interior: EtInterior;
  readonly Font: EtFont;
  readonly Worksheet: EtWorksheet;
  /** The cell's comment (批注), null when it has none. */
  readonly Comment: EtComment | null | undefined;
  AddComment(text?: string): EtComment;
  ColumnWidth: number;
  WrapText: boolean;
  VerticalAlignment: number;
  Select(): void;
  /** Clears contents, formats and hyperlinks. */
  Clear(): void;
  ClearContents(): void;
  ClearFormats(): void;
}

export interface EtInterior {
  /** xlPattern: xlPatternNone −4142 (no fill), xlPatternSolid 1, …; null when the cells differ. */
  Pattern: number | null;
  /** RGB long: red + green·256 + blue·65536. */
  Color: number | null;
  TintAndShade: number | null;
  PatternColor: number | null;
  PatternTintAndShade: number | null;
}

export interface EtFont {
  Bold: boolean;
  Color: number;
}

export interface EtComment {
  Text(text?: string): string;
  Delete(): void;
}

export interface EtNames {
  readonly Count: number;
  Item(index: number | string): EtName;
  Add(name: string, refersTo: string, visible?: boolean): EtName;
}

export interface EtName {
  readonly Name: string;
  /** "=公开01表!$F$9", "='a b'!$A$1", "=#REF!…" once the cells are gone. */
  readonly RefersTo: string | boolean;
  Visible: boolean;
  Delete(): void;
}

export interface EtHyperlinks {
  Add(anchor: EtRange, address: string, subAddress?: string, screenTip?: string, textToDisplay?: string): unknown;
}

export interface EtPageSetup {
  Orientation: number;
  Zoom: number | boolean;
  FitToPagesWide: number | boolean;
  FitToPagesTall: number | boolean;
  PrintTitleRows: string;
}

export interface EtWindow {
  SplitRow: number;
  SplitColumn: number;
  FreezePanes: boolean;
}

// ---------------------------------------------------------------------------
// Constants (lib.et.d.ts enums; the same numbers as Excel's)

export const XL_PATTERN_NONE = -4142;
export const XL_PATTERN_SOLID = 1;
export const XL_PATTERN_LINEAR_GRADIENT = 4000;
export const XL_PATTERN_RECTANGULAR_GRADIENT = 4001;
export const XL_SHEET_VISIBLE = -1;
export const XL_SHEET_VERY_HIDDEN = 2;
export const XL_LANDSCAPE = 2;
export const XL_TOP = -4160;
/** Kso.MsoCTPDockPosition.msoCTPDockPositionRight. */
export const MSO_CTP_DOCK_RIGHT = 2;

/** The `window.Application` of the WPS add-in runtime; undefined in a plain browser. */
export function wpsApplication(): WpsApplication | undefined {
  const app = (globalThis as { Application?: unknown }).Application;
  return app && typeof app === 'object' ? (app as WpsApplication) : undefined;
}
