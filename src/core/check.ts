/**
 * The core's entry point: map a workbook, read its figures, run every rule
 * and consistency check. Pure: a host passes in a grid and gets data back.
 */
import type { SheetGrid, WorkbookGrid } from './grid/grid';
import { departmentOf, mapWorkbook } from './mapping/detect';
import type { Mapping, MappingOverrides } from './mapping/types';
import { consistencyChecks } from './rules/consistency';
import { formulaRangeChecks } from './rules/formula-ranges';
import { RULES } from './rules/definitions';
import { evaluateRules } from './rules/engine';
import { type Finding, plainFinding } from './rules/finding';
import { type TableSet, readTables } from './rules/table-values';
import type { Severity } from './rules/types';
import { readNarrativeInputs } from './narrative/inputs-sheet';
import { checkWrittenNarrative, readWrittenNarrative } from './narrative/check-text';
import { narrativeFacts } from './narrative/facts';
import { workbookNarrative } from './narrative/workbook';
import { statedYear } from './narrative/year';
import { readPerformanceTables } from './performance/read';
import { checkPerformance } from './performance/rules';
import type { PerformanceTables } from './performance/types';
import { type YearOverYearOptions, compareWithPrevious } from './rules/year-over-year';
import { profileById } from './templates/profiles';
import type { ProfileId } from './templates/types';

export interface CheckResult {
  readonly mapping: Mapping;
  /** The 绩效自评 tables found (none: empty lists), shown beside the mapping. */
  readonly performance?: PerformanceTables;
  readonly findings: readonly Finding[];
  readonly summary: Readonly<Record<Severity, number>>;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, rounding: 2 };

/**
 * The sheet the annotated copy writes the drafted narrative to; a second draft
 * (the copy annotated again) is 情况说明（生成稿）2, then 3 …
 */
export const GENERATED_NARRATIVE_SHEET = '情况说明（生成稿）';

/** 情况说明（生成稿）, 情况说明（生成稿）2 …: a draft the add-in wrote, never the user's tables or written text. */
export function isGeneratedNarrativeSheet(name: string): boolean {
  return name.startsWith(GENERATED_NARRATIVE_SHEET) && /^\d*$/.test(name.slice(GENERATED_NARRATIVE_SHEET.length));
}

/** The workbook without the drafts the add-in generated (the same object when it has none). */
export function withoutGeneratedNarratives(grid: WorkbookGrid): WorkbookGrid {
  return grid.sheets.some((s) => isGeneratedNarrativeSheet(s.name)) ? { sheets: grid.sheets.filter((s) => !isGeneratedNarrativeSheet(s.name)) } : grid;
}

export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const s: Record<Severity, number> = { error: 0, warning: 0, rounding: 0 };
  for (const f of findings) s[f.severity]++;
  return s;
}

/** Runs the checks on already-read tables (the part the 2 ms target is about). */
export function checkTables(grid: WorkbookGrid, mapping: Mapping, tables: TableSet): Finding[] {
  const findings = [...consistencyChecks(grid, mapping, tables), ...evaluateRules(RULES, tables), ...formulaRangeChecks(grid, tables)];
  return findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

export interface CheckOptions {
  /**
   * A narrative to check that is not in the workbook: a .docx or pasted text
   * as a sheet of paragraphs (narrativeSheet()). It replaces any narrative
   * sheet the workbook has for the 表文 check.
   */
  readonly narrative?: SheetGrid;
  /** That narrative is a part (a section or a paragraph pasted to check): only what it has is checked. */
  readonly narrativePart?: boolean;
  /** Last year's workbook: every line is compared with it, and a large change without a written reason is a warning. */
  readonly previous?: WorkbookGrid;
}

export function checkWorkbook(workbook: WorkbookGrid, overrides?: MappingOverrides, options: CheckOptions = {}): CheckResult {
  // A draft the annotated copy added is neither a table nor the user's written narrative: checking
  // the copy again gives the findings of the original.
  const grid = withoutGeneratedNarratives(workbook);
  const mapping = mapWorkbook(grid, overrides);
  const tables = readTables(grid, mapping);
  // The 说明数据 sheet, when the workbook has one, is checked too (what it holds must be numbers it can use),
  // and a narrative already written is checked against the figures (表文核对).
  const inputs = readNarrativeInputs(grid);
  const perf = readPerformanceTables(grid);
  const textGrid: WorkbookGrid = options.narrative ? { sheets: [options.narrative] } : grid;
  // The reasons the written text gives are taken into the draft it is compared with, so its clauses pair up.
  const partial = options.narrativePart ?? false;
  const written = readWrittenNarrative(textGrid, { partial });
  const textFindings = written
    ? checkWrittenNarrative(
        textGrid,
        workbookNarrative(grid, mapping, undefined, { tables, performance: perf, written: textGrid }),
        perf,
        {
          facts: narrativeFacts(tables, mapping.profile, inputs.inputs.figures),
          tables,
          ...(inputs.inputs.department ?? departmentOf(mapping) ? { department: inputs.inputs.department ?? departmentOf(mapping) } : {}),
          ...(inputs.inputs.kuanNames ? { kuanNames: inputs.inputs.kuanNames } : {}),
          partial,
        },
      )
    : options.narrative
      ? [plainFinding('T02', 'warning', { zh: `“${options.narrative.name}”中没有找到情况说明的章节标题（如“一、收入支出决算总体情况说明”），未能核对。`, en: `No section headings of the narrative (such as 一、收入支出决算总体情况说明) were found in “${options.narrative.name}”; it was not checked.` }, [], [])]
      : [];
  // The 绩效自评 tables, when the workbook carries them, are checked within themselves and against the nine.
  const performance = checkPerformance(perf, tables, inputs.inputs.figures);
  const yearOverYear = options.previous ? compareWithYear(options.previous, grid, mapping, tables, { reasons: inputs.inputs.reasons ?? {}, ...(written ? { written } : {}) }) : [];
  const findings = [...checkTables(grid, mapping, tables), ...inputs.findings, ...performance, ...textFindings, ...yearOverYear].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return { mapping, performance: perf, findings, summary: summarize(findings) };
}

/** Last year's workbook read the same way (its own profile, detected), then every line compared. */
function compareWithYear(previousGrid: WorkbookGrid, grid: WorkbookGrid, mapping: Mapping, tables: TableSet, opts: YearOverYearOptions): Finding[] {
  const previous = withoutGeneratedNarratives(previousGrid);
  const previousMapping = mapWorkbook(previous);
  const threshold = profileById(mapping.profile).yearOverYear;
  // Who and which year each says it is: last year's must be earlier, and the same 部门.
  const identity = (g: WorkbookGrid, m: Mapping) => {
    const year = readNarrativeInputs(g).inputs.year ?? statedYear(g);
    const department = departmentOf(m);
    return { ...(year ? { year } : {}), ...(department ? { department } : {}) };
  };
  return compareWithPrevious(tables, readTables(previous, previousMapping), {
    ...opts,
    profile: mapping.profile,
    current: identity(grid, mapping),
    previousOf: identity(previous, previousMapping),
    ...(threshold ? { threshold } : {}),
  });
}
