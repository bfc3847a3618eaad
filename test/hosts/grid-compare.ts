/** A WorkbookGrid as plain data, to compare two readers' grids with toEqual. */
import type { WorkbookGrid } from '../../src/core/grid/grid';

export function plainGrid(g: WorkbookGrid): unknown {
  return g.sheets.map((s) => {
    const cells: Array<[number, number, unknown]> = [];
    for (let r = 0; r < s.rowCount; r++) for (let c = 0; c < s.colCount; c++) {
      const x = s.cell(r, c);
      if (x !== undefined) cells.push([r, c, x]);
    }
    return { name: s.name, rowCount: s.rowCount, colCount: s.colCount, merges: [...s.merges], cells };
  });
}
