/**
 * The public face of the pure core: what hosts (the CLI, the browser page,
 * the Excel add-in) call. Nothing here touches Office, React, the DOM or fs.
 */
export type { GridCell, SheetGrid, WorkbookGrid, CellRange, CellRef } from './grid/grid';
export { ArraySheet, sheetFromValues } from './grid/grid';
export { refA1, rangeA1, parseRefA1, parseRangeA1 } from './grid/a1';
export { checkWorkbook, checkTables, summarize, type CheckResult } from './check';
export { mapWorkbook } from './mapping/detect';
export type { Mapping, MappedTable, MappingOverrides } from './mapping/types';
export { readTables } from './rules/table-values';
export { RULES } from './rules/definitions';
export type { Finding } from './rules/finding';
export type { Severity, RuleDef } from './rules/types';
export { PROFILES, profileById } from './templates/profiles';
export type { Profile, ProfileId, TableTemplate } from './templates/types';
export { readPerformanceTables } from './performance/read';
export { checkPerformance } from './performance/rules';
export type { PerformanceTables, SelfEvaluationTable, BasicDataTable } from './performance/types';
