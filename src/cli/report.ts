/**
 * What `juesuan check` prints: a Chinese text report for people, or one
 * JSON document for the tools of the finance bureau (the contract checked
 * by ../shared/contract/check-json.mjs).
 */
import type { CheckResult } from '../core/check';
import { rangeA1 } from '../core/grid/a1';
import type { Finding } from '../core/rules/finding';
import { SEVERITY_ZH } from '../core/rules/finding';
import type { Severity } from '../core/rules/types';
import { profileById } from '../core/templates/profiles';

export interface FileOutcome {
  readonly file: string;
  readonly result?: CheckResult;
  /** Why the file could not be read. */
  readonly readError?: string;
}

export function toJson(outcomes: readonly FileOutcome[]): unknown {
  return {
    files: outcomes.map((o) => {
      if (!o.result) {
        const f = {
          rule: 'M00',
          severity: 'error',
          message: o.readError ?? '无法读取文件',
          expected: null,
          actual: null,
          difference: null,
          cells: [],
        };
        return { file: o.file, profile: 'unknown', tables: {}, findings: [f], summary: { error: 1, warning: 0, rounding: 0 }, readError: o.readError };
      }
      const r = o.result;
      const tables: Record<string, unknown> = {};
      for (const [id, t] of Object.entries(r.mapping.tables)) {
        tables[id] = {
          sheet: t.sheet,
          range: rangeA1(t),
          title: t.title,
          unit: t.unit,
          foundBy: t.foundBy,
        };
      }
      return {
        file: o.file,
        profile: r.mapping.profile,
        tables,
        findings: r.findings.map((f) => ({
          rule: f.rule,
          severity: f.severity,
          message: f.message,
          expected: f.expected,
          actual: f.actual,
          difference: f.difference,
          cells: f.cells,
          tables: f.tables,
        })),
        summary: r.summary,
      };
    }),
  };
}

const FOUND_BY: Record<string, string> = { title: '按标题', label: '按表号', header: '按表头', user: '按指定区域' };

function fmt(n: number | null): string {
  if (n === null) return '';
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 });
}

function findingLines(f: Finding): string[] {
  const lines = [`  [${f.rule}] ${f.message}`];
  if (f.cells.length > 0) {
    const shown = f.cells.slice(0, 8).join('、') + (f.cells.length > 8 ? ` 等 ${f.cells.length} 个单元格` : '');
    lines.push(`      单元格：${shown}`);
  }
  if (f.expected !== null || f.actual !== null) {
    lines.push(`      应为 ${fmt(f.expected)}　实为 ${fmt(f.actual)}　差额 ${fmt(f.difference)}（万元）`);
  }
  return lines;
}

export function toText(outcomes: readonly FileOutcome[]): string {
  const out: string[] = [];
  for (const o of outcomes) {
    out.push(`━━ ${o.file}`);
    if (!o.result) {
      out.push(`  无法检查：${o.readError}`);
      out.push('');
      continue;
    }
    const r = o.result;
    const profile = profileById(r.mapping.profile);
    out.push(`模板：${profile.name}（${r.mapping.profile}，${r.mapping.profileReason}）`);
    out.push('识别到的表：');
    for (const t of profile.tables) {
      const m = r.mapping.tables[t.id];
      if (!m) {
        out.push(`  ${t.id} ${t.title}　未找到`);
        continue;
      }
      const unit = m.unit === '元' ? '　金额单位：元（已换算为万元校验）' : '';
      const dept = m.department ? `　部门：${m.department.name}` : '';
      out.push(`  ${t.id} ${t.title}　${m.sheet}!${rangeA1(m)}（${FOUND_BY[m.foundBy]}）${unit}${dept}`);
    }
    const groups: Severity[] = ['error', 'warning', 'rounding'];
    for (const s of groups) {
      const fs = r.findings.filter((f) => f.severity === s);
      if (fs.length === 0) continue;
      out.push('');
      out.push(`${SEVERITY_ZH[s]}（${fs.length}）${s === 'rounding' ? '：金额单位转换造成的尾数差，公开时可保留，建议核实' : ''}`);
      for (const f of fs) out.push(...findingLines(f));
    }
    out.push('');
    out.push(`小结：错误 ${r.summary.error} 项，提示 ${r.summary.warning} 项，尾数误差 ${r.summary.rounding} 项。${r.summary.error === 0 ? '未发现错误。' : '请逐项核对错误后再报送。'}`);
    out.push('');
  }
  return out.join('\n');
}
