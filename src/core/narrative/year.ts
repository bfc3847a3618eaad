import type { WorkbookGrid } from '../grid/grid';

/**
 * The fiscal year a workbook discloses: the year most of its cells name
 * (“2024年度”, “2024年部门决算”), else last calendar year — disclosures are
 * prepared in spring for the year before.
 */
export function detectYear(grid: WorkbookGrid, today: Date = new Date()): number {
  return statedYear(grid) ?? today.getFullYear() - 1;
}

/** The year most of the workbook's cells name, or undefined when none does. */
export function statedYear(grid: WorkbookGrid): number | undefined {
  const counts = new Map<number, number>();
  for (const s of grid.sheets) {
    for (let r = 0; r < Math.min(s.rowCount, 400); r++) {
      for (let c = 0; c < Math.min(s.colCount, 40); c++) {
        const v = s.cell(r, c)?.value;
        if (typeof v !== 'string') continue;
        for (const m of v.matchAll(/(20\d\d)\s*年(?:度|部门决算|决算)/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
      }
    }
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
  return best?.[0];
}
