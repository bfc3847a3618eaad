/**
 * What `juesuan check` prints: a Chinese text report for people, or one
 * JSON document for the tools of the finance bureau (the contract checked
 * by ../shared/contract/check-json.mjs: `message` stays Chinese; each
 * finding also carries `messageEn`, which other tools may ignore).
 */
import type { CheckResult } from '../core/check';
import { cellA1, columnLetters, rangeA1, refA1 } from '../core/grid/a1';
import type { CellRef } from '../core/grid/grid';
import type { Finding } from '../core/rules/finding';
import { ROUNDING_MEANS, SEVERITY_ZH, ruleLabel } from '../core/rules/finding';
import type { Severity } from '../core/rules/types';
import { profileById } from '../core/templates/profiles';
import { pdfReadFrom } from '../hosts/pdf/recent';
import { type PdfWorkbook, pageList, pageOf } from '../hosts/pdf/workbook';

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
          messageEn: `The file could not be read: ${o.file}`,
          expected: null,
          actual: null,
          difference: null,
          cells: [],
        };
        return { file: o.file, profile: 'unknown', tables: {}, findings: [f], summary: { error: 1, warning: 0, rounding: 0 }, readError: o.readError };
      }
      const r = o.result;
      // A PDF (src/hosts/pdf): the pages of each table and of each cell a finding names.
      const pdf = pdfReadFrom(o.file);
      const tables: Record<string, unknown> = {};
      for (const [id, t] of Object.entries(r.mapping.tables)) {
        tables[id] = {
          sheet: t.sheet,
          range: rangeA1(t),
          title: t.title,
          unit: t.unit,
          foundBy: t.foundBy,
          ...(pdf ? { pages: pdf.info.get(t.sheet)?.pages ?? [] } : {}),
        };
      }
      return {
        file: o.file,
        profile: r.mapping.profile,
        ...(pdf ? { source: 'pdf', pages: pdf.pageCount, notices: pdf.notices } : {}),
        tables,
        findings: r.findings.map((f) => ({
          rule: f.rule,
          severity: f.severity,
          message: f.message,
          messageEn: f.messageEn,
          expected: f.expected,
          actual: f.actual,
          difference: f.difference,
          // Figures not in 万元 say so: '%' (a rate, 99.32 = 99.32 %), '分' (a score).
          ...(f.unit ? { unit: f.unit } : {}),
          cells: f.refs.length === f.cells.length ? f.refs.map(contractAddress) : f.cells,
          ...(pdf && f.refs.length === f.cells.length ? { locations: f.refs.map((ref) => ({ cell: contractAddress(ref), page: pageOf(pdf, ref.sheet, ref.row) ?? null })) } : {}),
          tables: f.tables,
        })),
        summary: r.summary,
      };
    }),
  };
}

/**
 * A cell address as the JSON contract reads it: Excel's form ('My Sheet'!E16),
 * except for a sheet name with an apostrophe, which the contract's quoted form
 * cannot hold ('O''Brien'): written unquoted (O'Brien 表!E16), as readers that
 * split at the last ! take it.
 */
function contractAddress(ref: CellRef): string {
  const a1 = refA1(ref);
  return ref.sheet.includes("'") && !ref.sheet.includes('!') && !/^['\s]/.test(ref.sheet) ? `${ref.sheet}!${cellA1(ref.row, ref.col)}` : a1;
}

const FOUND_BY: Record<string, string> = { title: '按标题', label: '按表号', header: '按表头', user: '按指定区域' };

function fmt(n: number | null): string {
  if (n === null) return '';
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 });
}

/** The cells of a finding on a PDF: 第 7 页 支出决算表 C12、C13、第 8 页 支出决算表 C20. */
function pdfCells(pdf: PdfWorkbook, refs: readonly CellRef[]): string[] {
  let last = '';
  return refs.map((ref) => {
    const where = `第 ${pageOf(pdf, ref.sheet, ref.row) ?? '?'} 页 ${ref.sheet} `;
    const shown = where === last ? cellA1(ref.row, ref.col) : `${where}${cellA1(ref.row, ref.col)}`;
    last = where;
    return shown;
  });
}

function findingLines(f: Finding, pdf?: PdfWorkbook): string[] {
  const lines = [`  [${ruleLabel(f.rule)}] ${f.message}`];
  if (f.cells.length > 0) {
    const cells = pdf && f.refs.length === f.cells.length ? pdfCells(pdf, f.refs) : f.cells;
    const shown = cells.slice(0, 8).join('、') + (cells.length > 8 ? ` 等 ${cells.length} 个单元格` : '');
    lines.push(`      单元格：${shown}`);
  }
  if (f.expected !== null || f.actual !== null) {
    // An upper limit is no value the figure should have: 上限 0.00, 超出 1,407.00.
    const [want, diff] = f.bound === 'max' ? ['上限', '超出'] : ['应为', '差额'];
    lines.push(
      f.unit === '%'
        ? `      ${want} ${fmt(f.expected)}%　实为 ${fmt(f.actual)}%　${diff} ${fmt(f.difference)} 个百分点`
        : `      ${want} ${fmt(f.expected)}　实为 ${fmt(f.actual)}　${diff} ${fmt(f.difference)}（${f.unit ?? '万元'}）`,
    );
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
    const pdf = pdfReadFrom(o.file);
    const profile = profileById(r.mapping.profile);
    if (pdf) out.push(`PDF：共 ${pdf.pageCount} 页，读出 ${[...pdf.info.values()].filter((i) => i.kind === 'table').length} 张表${pdf.info.has('情况说明') ? '和情况说明' : ''}；单元格按重建的表格编号（第几页、哪张表、哪一格）`);
    for (const n of pdf?.notices ?? []) out.push(`  注意：${n}`);
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
      const pages = pdf?.info.get(m.sheet)?.pages;
      out.push(`  ${t.id} ${t.title}　${pages ? `第 ${pageList(pages)} 页 ${m.sheet}` : `${m.sheet}!${rangeA1(m)}`}（${FOUND_BY[m.foundBy]}）${unit}${dept}`);
    }
    const groups: Severity[] = ['error', 'warning', 'rounding'];
    for (const s of groups) {
      const fs = r.findings.filter((f) => f.severity === s);
      if (fs.length === 0) continue;
      out.push('');
      out.push(`${SEVERITY_ZH[s]}（${fs.length}）${s === 'rounding' ? `：${ROUNDING_MEANS.zh}` : ''}`);
      for (const f of fs) out.push(...findingLines(f, pdf));
    }
    out.push('');
    out.push(`小结：错误 ${r.summary.error} 项，提示 ${r.summary.warning} 项，尾数误差 ${r.summary.rounding} 项。${r.summary.error === 0 ? '未发现错误。' : '请逐项核对错误后再报送。'}`);
    out.push('');
  }
  return out.join('\n');
}

/** `juesuan map`: what each table, row and column was matched to, for a person checking the recognition. */
export function mappingText(file: string, r: CheckResult): string {
  const out: string[] = [`━━ ${file}`];
  const profile = profileById(r.mapping.profile);
  out.push(`模板：${profile.name}（${r.mapping.profileReason}）`);
  for (const t of profile.tables) {
    const m = r.mapping.tables[t.id];
    out.push('');
    if (!m) {
      out.push(`${t.id} ${t.title}：未找到`);
      continue;
    }
    out.push(`${t.id} ${t.title}：${m.sheet}!${rangeA1(m)}（${FOUND_BY[m.foundBy]}，标题“${m.title}”，金额单位 ${m.unit}${m.unitText ? `，“${m.unitText}”` : '（未写明，按其他表）'}）`);
    if (m.department) out.push(`  部门：${m.department.name}`);
    const colName = (c: { col: number; row?: number }) => `${columnLetters(c.col)}${c.row !== undefined ? c.row + 1 : ''}`;
    out.push(`  列：${m.columns.map((c) => `${c.panel === 'income' ? '收入·' : c.panel === 'expense' ? '支出·' : ''}${c.key}→${colName(c)}${c.header && c.header !== c.key ? `（表头“${c.header}”）` : ''}`).join('；')}`);
    if (m.rows.length) out.push(`  行：${m.rows.map((x) => `${x.label || x.key}→${x.row + 1}`).join("；")}`);
    if (m.items.length) out.push(`  科目：${m.items.map((x) => `${x.code} ${x.name}→${x.row + 1}`).join('；')}`);
    if (m.totals.length) out.push(`  合计：${m.totals.map((x) => `${x.label || x.key}→${(x.amountRow ?? x.row) + 1}`).join('；')}`);
    if (m.laneRow !== undefined) out.push(`  栏次行：${m.laneRow + 1}`);
    for (const n of m.notes) out.push(`  说明：${n.text}`);
    for (const u of m.unplaced) out.push(`  未识别：第 ${u.row + 1} 行“${u.text}”（${u.why}）`);
  }
  const perf = r.performance;
  const found = perf ? [...(perf.basics ? [perf.basics] : []), ...(perf.overall ? [perf.overall] : []), ...perf.projects] : [];
  out.push('', found.length ? '绩效自评表：' : '绩效自评表：未找到（有则一并检查，并生成第十四部分和整体支出绩效自评报告）');
  for (const x of found) out.push(`  ${x.id}：${x.sheet}!A${x.titleRow + 1}${'indicators' in x ? `（${x.indicators.length} 个绩效指标）` : ''}`);
  return out.join('\n') + '\n';
}
