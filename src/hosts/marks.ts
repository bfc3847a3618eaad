/**
 * Which cells a check marks and how, the same in every host (Excel, the
 * annotated copy, the browser page): each finding's cells, a cell inside a
 * merged area folded onto the area's top-left cell (the one Excel shows),
 * the most severe finding giving the colour, every finding's reason kept.
 */
import type { CellRange, CellRef } from '../core/grid/grid';
import { type Finding, SEVERITY_ZH } from '../core/rules/finding';
import type { Severity } from '../core/rules/types';
import { SEVERITY_RANK } from './highlight-style';
import { findingKey } from './host';

export interface CellMarkPlan {
  readonly ref: CellRef;
  readonly severity: Severity;
  /** The findings on this cell, most severe first. */
  readonly findings: readonly Finding[];
}

/** The reason line a mark carries: 【错误 R05.row】… */
export function noteLine(f: Finding): string {
  return `【${SEVERITY_ZH[f.severity]} ${f.rule}】${f.message}`;
}

export function planMarks(
  findings: readonly Finding[],
  ignored: readonly string[] = [],
  mergeAt: (ref: CellRef) => CellRange | undefined = () => undefined,
): CellMarkPlan[] {
  const skip = new Set(ignored);
  const byCell = new Map<string, { ref: CellRef; findings: Finding[] }>();
  for (const f of findings) {
    if (skip.has(findingKey(f))) continue;
    for (const r of f.refs) {
      const m = mergeAt(r);
      const ref = m ? { sheet: r.sheet, row: m.top, col: m.left } : r;
      const key = `${ref.sheet}\u0000${ref.row}\u0000${ref.col}`;
      const entry = byCell.get(key);
      if (!entry) byCell.set(key, { ref, findings: [f] });
      else if (!entry.findings.includes(f)) entry.findings.push(f);
    }
  }
  return [...byCell.values()].map(({ ref, findings: fs }) => {
    const ordered = [...fs].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
    return { ref, severity: ordered[0]!.severity, findings: ordered };
  });
}
