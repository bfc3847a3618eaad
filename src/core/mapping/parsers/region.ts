import type { AmountUnit } from '../../numbers/amount';
import type { TableTemplate } from '../../templates/types';
import type { MappedTable } from '../types';
import { type SheetView, isNoteText, readDepartmentText, readUnitText } from '../sheet-view';

/** Where a table may be: a rectangle of a sheet, and how it was found. */
export interface Region {
  readonly view: SheetView;
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  readonly foundBy: MappedTable['foundBy'];
  /** The title as written, when a title anchored the region. */
  readonly title?: string;
  readonly titleRow?: number;
}

/** A parse attempt of a region with one template. */
export interface ParseResult {
  readonly table: MappedTable;
  /** How well the template fits (rows, columns, codes recognised). */
  readonly score: number;
}

export type TableParser = (region: Region, template: TableTemplate) => ParseResult | undefined;

/** Reads the title area (rows above the header) for 单位 and 部门. */
export function readMeta(
  region: Region,
  untilRow: number,
): { unit?: AmountUnit; unitText?: string; department?: { name: string; row: number; col: number } } {
  const out: { unit?: AmountUnit; unitText?: string; department?: { name: string; row: number; col: number } } = {};
  const last = Math.min(untilRow, region.bottom);
  for (let r = region.top; r <= last; r++) {
    for (const cell of region.view.rowCells(r, region.left, region.right)) {
      if (!out.unit) {
        const u = readUnitText(cell.norm);
        if (u) {
          out.unit = u;
          out.unitText = cell.text.trim();
        }
      }
      if (!out.department) {
        // A cell may hold both: "部门：X    单位：万元".
        for (const part of cell.text.split(/\s{2,}|\t/)) {
          const d = readDepartmentText(part);
          if (d) {
            out.department = { name: d, row: r, col: cell.col };
            break;
          }
        }
      }
    }
  }
  return out;
}

/** A line of the template's own instructions left under a table (无…的，仍保留该表格式，并在本表下方作下述说明：). */
export function isTemplateInstruction(norm: string): boolean {
  return /仍保留该表格式|作下述说明|填报说明|不涉及的不列|如持平作持平表述/.test(norm);
}

/** Collects 注/说明 lines from `from` to the region's bottom; stops at the first line that is neither a note nor empty. */
export function readNotes(region: Region, from: number): { notes: MappedTable['notes']; lastRow: number } {
  const notes: Array<{ text: string; row: number; col: number }> = [];
  let lastRow = from - 1;
  let inNotes = false;
  for (let r = from; r <= region.bottom; r++) {
    const cells = region.view.rowCells(r, region.left, region.right);
    // Blank, or zeros only: a spare row of a template whose formulas sum nothing yet.
    if (cells.length === 0 || cells.every((c) => /^0+(\.0+)?$/.test(c.norm))) continue;
    const first = cells[0]!;
    if (isNoteText(first.norm) || isTemplateInstruction(first.norm) || (inNotes && cells.length === 1 && /^\d+[.、．]/.test(first.norm))) {
      inNotes = true;
      notes.push({ text: cells.map((c) => c.text.trim()).join(' '), row: r, col: first.col });
      lastRow = r;
      continue;
    }
    break;
  }
  return { notes, lastRow };
}

/** What every parsed table says about itself: which template, where it was found, its 单位 and 部门. */
export function tableIdentity(
  region: Region,
  template: TableTemplate,
  meta: ReturnType<typeof readMeta>,
): Pick<MappedTable, 'id' | 'role' | 'layout' | 'title' | 'sheet' | 'foundBy' | 'unit' | 'unitText' | 'department'> {
  return {
    id: template.id,
    role: template.role,
    layout: template.layout,
    title: region.title ?? template.title,
    sheet: region.view.name,
    foundBy: region.foundBy,
    unit: meta.unit ?? '万元',
    ...(meta.unitText ? { unitText: meta.unitText } : {}),
    ...(meta.department ? { department: meta.department } : {}),
  };
}
