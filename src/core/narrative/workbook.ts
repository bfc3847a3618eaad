/**
 * The narrative of a workbook as every host asks for it: the nine tables as
 * mapped, the 说明数据 sheet, the 绩效自评 tables, the year the workbook
 * names (or the one the user gives), and the reasons already written into a
 * 情况说明 sheet — so that generating again never loses the accountant's words.
 */
import type { WorkbookGrid } from '../grid/grid';
import type { Mapping } from '../mapping/types';
import type { PerformanceTables } from '../performance/types';
import { readPerformanceTables } from '../performance/read';
import { type TableSet, readTables } from '../rules/table-values';
import { readWrittenNarrative } from './check-text';
import { generateNarrative } from './generate';
import { readNarrativeInputs } from './inputs-sheet';
import { narrativePattern } from './patterns';
import { harvestReasons } from './reasons';
import type { Narrative } from './types';
import { detectYear } from './year';

export interface WorkbookNarrativeParts {
  readonly tables?: TableSet;
  readonly performance?: PerformanceTables;
  /** Where the written narrative is, when not in the workbook itself (a .docx, pasted text). */
  readonly written?: WorkbookGrid;
}

export function workbookNarrative(grid: WorkbookGrid, mapping: Mapping, year?: number, parts: WorkbookNarrativeParts = {}): Narrative {
  const given = readNarrativeInputs(grid).inputs;
  const tables = parts.tables ?? readTables(grid, mapping);
  const pattern = narrativePattern(mapping.profile);
  // The year a narrative kept outside the workbook names counts too: the tables often do not print it.
  const yearFrom = parts.written ? { sheets: [...grid.sheets, ...parts.written.sheets] } : grid;
  const inputs = { ...given, performance: parts.performance ?? readPerformanceTables(grid), year: year ?? given.year ?? detectYear(yearFrom) };
  const written = readWrittenNarrative(parts.written ?? grid);
  if (!written) return generateNarrative(tables, pattern, inputs);
  // What the sheet says wins over 说明数据: the sheet was drafted from it, so a difference is a later edit.
  const kept = harvestReasons(generateNarrative(tables, pattern, { ...inputs, reasons: {}, plainSlots: true }), written.sections, written.reportSections);
  return generateNarrative(tables, pattern, { ...inputs, reasons: { ...given.reasons, ...kept } });
}
