/**
 * The narrative of a workbook as every host asks for it: the nine tables as
 * mapped, the 说明数据 sheet, the 绩效自评 tables, the year the workbook
 * names (or the one the user gives).
 */
import type { WorkbookGrid } from '../grid/grid';
import type { Mapping } from '../mapping/types';
import { readPerformanceTables } from '../performance/read';
import { readTables } from '../rules/table-values';
import { generateNarrative } from './generate';
import { readNarrativeInputs } from './inputs-sheet';
import { narrativePattern } from './patterns';
import type { Narrative } from './types';
import { detectYear } from './year';

export function workbookNarrative(grid: WorkbookGrid, mapping: Mapping, year?: number): Narrative {
  const given = readNarrativeInputs(grid).inputs;
  return generateNarrative(readTables(grid, mapping), narrativePattern(mapping.profile), {
    ...given,
    performance: readPerformanceTables(grid),
    year: year ?? given.year ?? detectYear(grid),
  });
}
