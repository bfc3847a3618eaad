/**
 * 表文核对 for the 整体支出绩效自评报告 (第五部分 附件): the amounts it
 * restates from the 绩效自评 tables — each project's 金额 and 实际支出, the
 * 整体支出, 基本支出 and 项目支出 — must be the tables' own. Seed 000's report
 * gives 双碳资金 实际支出 0.92 万元 where its table has 0.46 (0.92 is the
 * project's 执行率得分): the kind of slip this is for.
 */
import type { Fen } from '../numbers/amount';
import { FEN_PER_WAN } from '../numbers/amount';
import { formatWan } from '../numbers/parse';
import type { PerformanceTables, SelfEvaluationTable } from '../performance/types';
import { type Finding, plainFinding } from '../rules/finding';
import type { WrittenParagraph } from './check-text';

const N = String.raw`(\d[\d,，]*(?:\s*\.\s*\d+)?)`;
const PROJECT = new RegExp(String.raw`“([^”]+)”[，,]\s*金额\s*${N}\s*(?:万元)?[，,]\s*实际支出\s*${N}`);
const PROJECT_SPENT = new RegExp(String.raw`^项目支出\s*${N}\s*万元`);
const OVERALL = new RegExp(String.raw`整体支出\s*${N}\s*万元`);
const BASIC = new RegExp(String.raw`^\d{4}\s*年基本支出\s*${N}\s*万元`);
const PROJECTS = new RegExp(String.raw`^\d{4}\s*年项目支出\s*${N}\s*万元`);

const squash = (s: string) => s.replace(/[\s“”"]/g, '');

interface Said {
  readonly value: number;
  readonly decimals: number;
  readonly text: string;
}
const said = (raw: string): Said => {
  const digits = raw.replace(/[,，\s]/g, '');
  return { value: Number(digits), decimals: (digits.split('.')[1] ?? '').length, text: `${digits} 万元` };
};

/** The written amount equals one of the table's, at the decimals written (1407 = 1,407.00). */
function agrees(s: Said, fens: ReadonlyArray<Fen | undefined>): boolean {
  return fens.some((f) => f !== undefined && Math.round(s.value * 10 ** s.decimals) === Math.round((f / FEN_PER_WAN) * 10 ** s.decimals));
}

export function checkPerformanceReport(report: readonly WrittenParagraph[], perf: PerformanceTables): Finding[] {
  const out: Finding[] = [];
  const byName = (name: string): SelfEvaluationTable | undefined => perf.projects.find((p) => squash(p.name) === squash(name));
  const flag = (p: WrittenParagraph, what: string, s: Said, right: Fen, table: string, note = '') =>
    out.push({
      ...plainFinding(
        'T08',
        'error',
        {
          zh: `绩效自评报告“${p.text.length > 50 ? `${p.text.slice(0, 50)}…` : p.text}”中${what}写作 ${s.text}，${table}为 ${formatWan(right)} 万元。${note}`,
          en: `The performance report writes ${what} as ${s.text}; ${table} has ${formatWan(right)} 万元.${note ? ' ' : ''}${note ? 'The figure written is the project’s execution score, not an amount.' : ''}`,
        },
        [p.ref],
        [table],
      ),
      expected: right / FEN_PER_WAN,
      actual: s.value,
      difference: Math.round(Math.abs(s.value - right / FEN_PER_WAN) * 1e6) / 1e6,
    });
  /** 0.92 written for 0.46: the figure is the project's 执行率得分, which the reader should be told. */
  const scoreNote = (t: SelfEvaluationTable, s: Said) => (t.total?.score !== undefined && Math.round(s.value * 10_000) === t.total.score.scaled ? `${s.value} 是该项目的执行率得分，不是金额。` : '');
  // A project's own paragraph follows its heading line: 项目支出 0.92 万元，主要用于…
  let current: SelfEvaluationTable | undefined;
  /** The paragraph a project's own 项目支出 … sentence may be: the one right after its line. */
  let ownAt = -1;
  // A PDF copy breaks lines inside a sentence (实际支出 0.92 / 万元。): read each paragraph joined to the next.
  for (let i = 0; i < report.length; i++) {
    const p = report[i]!;
    const text = `${p.text}${report[i + 1]?.text.startsWith('万元') ? report[i + 1]!.text : ''}`.replace(/\s+/g, ' ');
    // A heading ends whatever project was being described.
    if (/^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])/.test(p.text.trim())) current = undefined;
    const m = PROJECT.exec(text);
    if (m) {
      current = byName(m[1]!);
      // Its own paragraph comes next (after the line a PDF copy broke off, 万元。项目实施…).
      ownAt = i + (report[i + 1]?.text.startsWith('万元') ? 2 : 1);
      const t = current?.total;
      if (current && t) {
        const amount = said(m[2]!);
        const spent = said(m[3]!);
        if (t.full && !agrees(amount, [t.full.figure.fen])) flag(p, `“${current.name}”金额`, amount, t.full.figure.fen, current.id);
        if (t.actual && !agrees(spent, [t.actual.figure.fen])) flag(p, `“${current.name}”实际支出`, spent, t.actual.figure.fen, current.id, scoreNote(current, spent));
      }
      continue;
    }
    const own = i === ownAt ? PROJECT_SPENT.exec(text.replace(/\s+/g, '')) : null;
    if (own && current?.total?.actual) {
      const spent = said(own[1]!);
      if (!agrees(spent, [current.total.actual.figure.fen])) flag(p, `“${current.name}”项目支出`, spent, current.total.actual.figure.fen, current.id, scoreNote(current, spent));
      continue;
    }
    const overall = perf.overall;
    const o = OVERALL.exec(text);
    if (o && overall?.total?.actual && !agrees(said(o[1]!), [overall.total.actual.figure.fen])) flag(p, '整体支出', said(o[1]!), overall.total.actual.figure.fen, overall.id);
    const b = BASIC.exec(text.replace(/\s+/g, ''));
    if (b && overall?.basic && !agrees(said(b[1]!), [overall.basic.figure.fen, perf.basics?.rows.get('基本支出')?.actual?.figure.fen])) flag(p, '基本支出', said(b[1]!), overall.basic.figure.fen, overall.id);
    // 项目支出 may be the overall table's, the 基础数据表's or the projects' sum: they differ by rounding only in a sound workbook.
    const q = PROJECTS.exec(text.replace(/\s+/g, ''));
    if (q && overall?.project) {
      const sum = perf.projects.reduce<number | undefined>((s, x) => (x.total?.actual ? (s ?? 0) + x.total.actual.figure.fen : s), undefined);
      if (!agrees(said(q[1]!), [overall.project.figure.fen, perf.basics?.rows.get('项目支出')?.actual?.figure.fen, sum])) flag(p, '项目支出', said(q[1]!), overall.project.figure.fen, overall.id);
    }
  }
  return out;
}
