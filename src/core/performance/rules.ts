/**
 * The relations of the 绩效自评 tables, within each table and with the nine
 * disclosure tables:
 *
 *   P01 执行率 = 全年执行数 ÷ 全年预算数          P06 扣分须写偏差原因
 *   P02 执行率得分 = 分值 × min(执行率, 100%)      P07 整体表 = 公开03表 (执行数, 基本, 项目)
 *   P03 资金来源之和 = 年度资金总额                 P08 上年结转 ≤ 公开01表 年初结转和结余
 *   P04 指标分值之和 = 一级指标分值, 总分 100       P09 完成情况里的年份晚于决算年度
 *   P05 总分 = 各指标得分 + 执行率得分, 得分 ≤ 分值  P10 项目表执行数之和 ≤ 整体表项目支出
 *   B01 控制率 = 实际在职 ÷ 编制数  B02 三公 = 用车 + 出国 + 接待 = 公开09表
 *   B03 项目支出 = Σ 专项  B04/B05 = 公开03表  B06 基本 + 项目预算 = 整体表全年预算数
 *   B07 基础数据表的项目行 = 项目支出绩效自评表  B08 政府采购金额 = 说明数据
 *
 * Amounts are compared as intervals, as the nine tables are: a difference
 * inside the figures' rounding is 尾数误差, beyond it an error. Percentages
 * are recomputed exactly (BigInt) and compared at the decimals they are
 * written with; one that is cut off rather than rounded says so.
 *
 * Every finding that compares figures carries them (expected, actual,
 * difference), as the check-json contract requires: amounts in 万元, rates as
 * percentage numbers (unit '%', the message says so), scores in points (unit
 * '分'). Only presence checks (P06, P09, a blank B02/B03 total) are warnings
 * without figures; text where an amount belongs is M02, as in the nine tables.
 */
import type { CellRef } from '../grid/grid';
import type { Fen } from '../numbers/amount';
import { formatWan } from '../numbers/parse';
import { type FigureUnit, type Finding, plainFinding, relationMessage } from '../rules/finding';
import type { TableSet } from '../rules/table-values';
import type { Severity } from '../rules/types';
import type { AmountCell, BasicDataTable, PercentCell, PerformanceTables, ScoreCell, SelfEvaluationTable } from './types';
import { B0, B10, B100, B2 } from '../numbers/big';

const SCORE_SCALE = 10_000;
const wan = (fen: Fen) => formatWan(fen);
const score = (s: ScoreCell | number) => {
  const v = typeof s === 'number' ? s : s.scaled;
  return String(Number((v / SCORE_SCALE).toFixed(4)));
};

/**
 * The finding with the figures it compares, from scaled integers (exact to the
 * decimals written): a rate in percent, a score in points. Amounts go through
 * relationMessage, in 万元.
 */
function withFigures(f: Finding, figures: { expected: number; actual: number; scale: number; unit: FigureUnit }): Finding {
  const { expected, actual, scale, unit } = figures;
  return { ...f, expected: expected / scale, actual: actual / scale, difference: Math.abs(actual - expected) / scale, unit };
}

interface Side {
  readonly fen: Fen;
  readonly halfWidths: readonly number[];
  readonly refs: readonly CellRef[];
}

/** Several figures added up, as one figure: their sum, as uncertain as all of them together. */
const summed = (cells: ReadonlyArray<AmountCell | undefined>): AmountCell | undefined => {
  const present = cells.filter((c): c is AmountCell => c !== undefined);
  if (!present.length) return undefined;
  return { figure: { fen: present.reduce((s, c) => s + c.figure.fen, 0), halfWidth: present.reduce((s, c) => s + c.figure.halfWidth, 0) }, ref: present[0]!.ref };
};

const sideOf = (cells: ReadonlyArray<AmountCell | undefined>): Side => {
  const present = cells.filter((c): c is AmountCell => c !== undefined);
  return { fen: present.reduce((s, c) => s + c.figure.fen, 0), halfWidths: present.map((c) => c.figure.halfWidth), refs: present.map((c) => c.ref) };
};

/** An amount that must equal (or not exceed) others: 尾数误差 within the figures' rounding, else `severity`. */
function compareAmounts(a: {
  rule: string;
  title: string;
  titleEn: string;
  subject: string;
  subjectEn: string;
  tables: string[];
  actual: AmountCell;
  expected: Side;
  kind?: 'eq' | 'le';
  severity?: Severity;
}): Finding | undefined {
  const kind = a.kind ?? 'eq';
  const diff = a.actual.figure.fen - a.expected.fen;
  const halfWidths = [a.actual.figure.halfWidth, ...a.expected.halfWidths];
  const tolerance = halfWidths.reduce((s, h) => s + h, 0);
  if (kind === 'eq' ? diff === 0 : diff <= 0) return undefined;
  const severity: Severity = Math.abs(diff) <= tolerance ? 'rounding' : (a.severity ?? 'error');
  return relationMessage({
    rule: a.rule,
    severity,
    title: a.title,
    titleEn: a.titleEn,
    subject: a.subject,
    subjectEn: a.subjectEn,
    tables: a.tables,
    kind,
    expectedFen: a.expected.fen,
    actualFen: a.actual.figure.fen,
    toleranceFen: tolerance,
    roundedTerms: halfWidths.length,
    halfWidths,
    refs: [a.actual.ref, ...a.expected.refs],
  });
}

/** round(100 · n / d, decimals) × 10^decimals, exactly, half away from zero (n, d ≥ 0). */
function percentScaled(n: bigint, d: bigint, decimals: number, mode: 'round' | 'floor'): bigint {
  const num = B100 * n * B10 ** BigInt(decimals);
  return mode === 'floor' ? num / d : (B2 * num + d) / (B2 * d);
}

/** Renders scaled/10^decimals with its decimals: 9932, 2 → 99.32. */
const percentText = (scaled: bigint | number, decimals: number) => {
  const s = BigInt(scaled);
  const neg = s < B0;
  const digits = (neg ? -s : s).toString().padStart(decimals + 1, '0');
  return `${neg ? '-' : ''}${decimals ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits}%`;
};

/**
 * A written percentage against n ÷ d. Counts and exact figures have no
 * rounding of their own (half-widths 0); amounts bring theirs.
 */
function checkPercent(a: {
  rule: string;
  what: string;
  whatEn: string;
  formula: string;
  formulaEn: string;
  tables: string[];
  written: PercentCell;
  n: { value: number; halfWidth: number; ref?: CellRef };
  d: { value: number; halfWidth: number; ref?: CellRef };
  /** What to divide by, named when a hint shows the wrong denominator was used. */
  denominator?: string;
  denominatorEn?: string;
  /** Other ratios the written figure might be, to name the likely slip. */
  hints?: ReadonlyArray<{ readonly n: number; readonly d: number; readonly zh: string; readonly en: string }>;
}): Finding | undefined {
  const { written, n, d } = a;
  if (d.value <= 0 || n.value < 0) return undefined;
  const k = written.decimals;
  const want = percentScaled(BigInt(Math.round(n.value)), BigInt(Math.round(d.value)), k, 'round');
  if (want === BigInt(written.scaled)) return undefined;
  const unit = 10 ** k;
  const lo = (100 * (n.value - n.halfWidth)) / (d.value + d.halfWidth);
  const hi = d.value - d.halfWidth > 0 ? (100 * (n.value + n.halfWidth)) / (d.value - d.halfWidth) : Infinity;
  const w = written.scaled / unit;
  const withinRounding = n.halfWidth + d.halfWidth > 0 && hi >= w - 0.5 / unit && lo <= w + 0.5 / unit;
  const truncated = percentScaled(BigInt(Math.round(n.value)), BigInt(Math.round(d.value)), k, 'floor') === BigInt(written.scaled);
  const severity: Severity = withinRounding ? 'rounding' : truncated ? 'warning' : 'error';
  const right = percentText(want, k);
  // The difference in percentage points, at the decimals written.
  const apart = percentText(BigInt(written.scaled) - want < B0 ? want - BigInt(written.scaled) : BigInt(written.scaled) - want, k).slice(0, -1);
  const hint = a.hints?.find((h) => h.d > 0 && percentScaled(BigInt(Math.round(h.n)), BigInt(Math.round(h.d)), k, 'floor') <= BigInt(written.scaled) && BigInt(written.scaled) <= percentScaled(BigInt(Math.round(h.n)), BigInt(Math.round(h.d)), k, 'round'));
  const tail =
    severity === 'rounding'
      ? { zh: '差异在相关数的尾数误差范围内', en: 'the difference is within the rounding of the figures involved' }
      : severity === 'warning'
        ? { zh: `似按截尾计算，四舍五入应为 ${right}`, en: `it looks truncated; rounded it is ${right}` }
        : hint
          ? { zh: `该数恰为${hint.zh}的结果，${a.denominator ? `分母应为${a.denominator}` : '请核对公式'}`, en: `it is exactly ${hint.en}${a.denominatorEn ? `; divide by ${a.denominatorEn}` : ''}` }
          : { zh: '请核对', en: 'please check' };
  const f = plainFinding(
    a.rule,
    severity,
    {
      zh: `${a.what}：表中为 ${written.text}，按${a.formula} 计算应为 ${right}，相差 ${apart} 个百分点（应为、实为、差额均按百分数计）。${tail.zh}。`,
      en: `${a.whatEn}: the table shows ${written.text}; ${a.formulaEn} gives ${right}, ${apart} percentage points apart (expected, actual and difference in percent). ${tail.en[0]!.toUpperCase()}${tail.en.slice(1)}.`,
    },
    [written.ref, ...[n.ref, d.ref].filter((r): r is CellRef => r !== undefined)],
    a.tables,
  );
  return withFigures(f, { expected: Number(want), actual: written.scaled, scale: unit, unit: '%' });
}

// ---------------------------------------------------------------------------
// One 自评表

function checkSelfEvaluation(t: SelfEvaluationTable, tables: TableSet): Finding[] {
  const out: Finding[] = [];
  const push = (f: Finding | undefined) => f && out.push(f);
  const ids = [t.id];
  const total = t.total;

  for (const u of t.unreadable) {
    // Text where an amount belongs: M02, as in the nine tables (nothing is compared, so no figures).
    out.push(plainFinding('M02', 'error', { zh: `${t.id}：${u.what}“${u.text}”不是数字，无法参与校验。`, en: `${t.id}: ${u.what} “${u.text}” is not a number, so it cannot be checked.` }, [u.ref], ids));
  }

  if (total?.rate && total.actual && total.full) {
    const a = total.actual.figure;
    const f = total.full.figure;
    push(
      checkPercent({
        rule: 'P01',
        what: `${t.id}执行率`,
        whatEn: `${t.id} execution rate`,
        formula: `全年执行数 ${wan(a.fen)} ÷ 全年预算数 ${wan(f.fen)}`,
        formulaEn: `全年执行数 ${wan(a.fen)} ÷ 全年预算数 ${wan(f.fen)}`,
        tables: ids,
        written: total.rate,
        n: { value: a.fen, halfWidth: a.halfWidth, ref: total.actual.ref },
        d: { value: f.fen, halfWidth: f.halfWidth, ref: total.full.ref },
        denominator: '全年预算数',
        denominatorEn: '全年预算数',
        hints: total.initial ? [{ n: a.fen, d: total.initial.figure.fen, zh: '全年执行数 ÷ 年初预算数', en: '全年执行数 ÷ 年初预算数' }] : [],
      }),
    );
  }

  // P02 执行率得分 = 分值 × min(执行率, 100 %), to the 2 decimals the template prints.
  if (total?.score && total.weight && total.actual && total.full && total.full.figure.fen > 0) {
    const a = total.actual.figure.fen;
    const f = total.full.figure.fen;
    const expected = (total.weight.scaled * Math.min(a, f)) / f;
    const fromRate = total.rate ? (total.weight.scaled * Math.min(total.rate.scaled / 10 ** total.rate.decimals, 100)) / 100 : undefined;
    const roundTo = (v: number, d: number) => Math.round(v / 10 ** (4 - d)) * 10 ** (4 - d);
    const ok = (v: number) => [2, total.score!.decimals].some((d) => roundTo(v, d) === total.score!.scaled);
    if (!ok(expected) && !(fromRate !== undefined && ok(fromRate))) {
      const want = roundTo(expected, 2);
      const apart = score(Math.abs(total.score.scaled - want));
      out.push(
        withFigures(
          plainFinding(
            'P02',
            'error',
            {
              zh: `${t.id}执行率得分：表中为 ${score(total.score)}，按分值 ${score(total.weight)} × 执行率 ${percentText(percentScaled(BigInt(a), BigInt(f), 2, 'round'), 2)} 计算应为 ${score(want)}，相差 ${apart} 分。请核对。`,
              en: `${t.id} execution score: the table shows ${score(total.score)}; weight ${score(total.weight)} × rate ${percentText(percentScaled(BigInt(a), BigInt(f), 2, 'round'), 2)} gives ${score(want)}, ${apart} points apart. Please check.`,
            },
            [total.score.ref, total.weight.ref],
            ids,
          ),
          { expected: want, actual: total.score.scaled, scale: SCORE_SCALE, unit: '分' },
        ),
      );
    }
  }

  // P03 the sources add up to the total.
  if (total) {
    if (t.kind === 'project' && t.sources.length) {
      for (const [col, zh] of [['initial', '年初预算数'], ['full', '全年预算数'], ['actual', '全年执行数']] as const) {
        const whole = total[col];
        const parts = t.sources.map((s) => s[col]);
        if (!whole || parts.every((p) => !p)) continue;
        push(compareAmounts({ rule: 'P03', title: `${t.id}资金来源`, titleEn: `${t.id} sources of funds`, subject: `${zh}：年度资金总额 = 当年财政拨款 + 上年结转 + 其他资金`, subjectEn: `${zh}: total = sum of sources`, tables: ids, actual: whole, expected: sideOf(parts) }));
      }
    }
    if (t.kind === 'overall') {
      if (total.full && t.byIncome.length)
        push(compareAmounts({ rule: 'P03', title: `${t.id}按收入性质分`, titleEn: `${t.id} by kind of income`, subject: '全年预算数 = 一般公共预算 + 政府性基金 + 非税收入 + 其他资金', subjectEn: '全年预算数 = sum by kind of income', tables: ids, actual: total.full, expected: sideOf(t.byIncome.map((b) => b.amount)) }));
      if (total.actual && (t.basic || t.project))
        push(compareAmounts({ rule: 'P03', title: `${t.id}按支出性质分`, titleEn: `${t.id} by kind of spending`, subject: '全年执行数 = 基本支出 + 项目支出', subjectEn: '全年执行数 = 基本支出 + 项目支出', tables: ids, actual: total.actual, expected: sideOf([t.basic, t.project]) }));
    }
  }

  // P04 the points of each 一级指标 and of the whole.
  const withWeight = t.indicators.filter((i) => i.weight);
  for (const g of t.groups) {
    if (g.points === undefined) continue;
    const members = withWeight.filter((i) => i.level1 && (i.level1 === g.name || i.level1.startsWith(g.name)));
    if (!members.length) continue;
    const sum = members.reduce((s, i) => s + i.weight!.scaled, 0);
    const marked = g.points * SCORE_SCALE;
    if (sum !== marked) {
      const apart = score(Math.abs(marked - sum));
      out.push(
        withFigures(
          plainFinding(
            'P04',
            'error',
            { zh: `${t.id}“${g.name}”标为 ${g.points} 分，其下三级指标分值合计 ${score(sum)} 分，相差 ${apart} 分。请核对。`, en: `${t.id} “${g.name}” is marked ${g.points} points; its indicators' weights add up to ${score(sum)}, ${apart} points apart. Please check.` },
            [g.ref, ...members.map((i) => i.weight!.ref)],
            ids,
          ),
          { expected: sum, actual: marked, scale: SCORE_SCALE, unit: '分' },
        ),
      );
    }
  }
  if (t.totalWeight && withWeight.length) {
    const sum = withWeight.reduce((s, i) => s + i.weight!.scaled, 0) + (total?.weight?.scaled ?? 0);
    if (sum !== t.totalWeight.scaled) {
      const apart = score(Math.abs(t.totalWeight.scaled - sum));
      out.push(
        withFigures(
          plainFinding(
            'P04',
            'error',
            {
              zh: `${t.id}总分的分值为 ${score(t.totalWeight)}，各指标分值${total?.weight ? '与执行率分值' : ''}合计 ${score(sum)}，相差 ${apart} 分。请核对。`,
              en: `${t.id} total weight is ${score(t.totalWeight)}; the indicators' weights${total?.weight ? ' and the execution-rate weight' : ''} add up to ${score(sum)}, ${apart} points apart. Please check.`,
            },
            [t.totalWeight.ref],
            ids,
          ),
          { expected: sum, actual: t.totalWeight.scaled, scale: SCORE_SCALE, unit: '分' },
        ),
      );
    }
  }

  // P05 the total score, and no indicator above its weight.
  const scored = t.indicators.filter((i) => i.score);
  if (t.totalScore && scored.length) {
    const sum = scored.reduce((s, i) => s + i.score!.scaled, 0) + (total?.score?.scaled ?? 0);
    const diff = Math.abs(sum - t.totalScore.scaled);
    if (diff !== 0) {
      // The execution score is often carried unrounded into the total (9.998 → 总分 99.998 → 100).
      const severity: Severity = diff <= 0.01 * SCORE_SCALE ? 'rounding' : 'error';
      out.push(
        withFigures(
          plainFinding(
            'P05',
            severity,
            {
              zh: `${t.id}总分：表中为 ${score(t.totalScore)}，各指标得分${total?.score ? '加执行率得分' : ''}合计 ${score(sum)}，相差 ${score(diff)} 分。${severity === 'rounding' ? '差额在得分的舍入范围内' : '请核对'}。`,
              en: `${t.id} total score: the table shows ${score(t.totalScore)}; the indicator scores${total?.score ? ' plus the execution score' : ''} add up to ${score(sum)}, ${score(diff)} points apart. ${severity === 'rounding' ? 'The difference is within the rounding of the scores' : 'Please check'}.`,
            },
            [t.totalScore.ref],
            ids,
          ),
          { expected: sum, actual: t.totalScore.scaled, scale: SCORE_SCALE, unit: '分' },
        ),
      );
    }
  }
  for (const i of t.indicators) {
    if (i.score && i.weight && i.score.scaled > i.weight.scaled) {
      // The weight is the limit: expected is the weight, the difference what the score exceeds it by.
      const over = score(i.score.scaled - i.weight.scaled);
      out.push(
        withFigures(
          plainFinding('P05', 'error', { zh: `${t.id}“${i.level3}”得分 ${score(i.score)} 超过其分值 ${score(i.weight)}，超出 ${over} 分。`, en: `${t.id} “${i.level3}” scores ${score(i.score)}, above its weight ${score(i.weight)} by ${over} points.` }, [i.score.ref, i.weight.ref], ids),
          { expected: i.weight.scaled, actual: i.score.scaled, scale: SCORE_SCALE, unit: '分' },
        ),
      );
    }
    // P06 a lost point needs its reason, when the template has the column for it.
    if (i.score && i.weight && i.score.scaled < i.weight.scaled && i.reason !== undefined && !i.reason.trim()) {
      out.push(
        plainFinding(
          'P06',
          'warning',
          { zh: `${t.id}“${i.level3}”得分 ${score(i.score)} 低于分值 ${score(i.weight)}，未填写偏差原因分析及改进措施。`, en: `${t.id} “${i.level3}” scores ${score(i.score)} of ${score(i.weight)} without a reason for the shortfall.` },
          [i.score.ref],
          ids,
        ),
      );
    }
  }

  // P07 the overall table restates 公开03表 支出决算表.
  const expense = tables.get('expense');
  if (t.kind === 'overall' && expense) {
    const pairs = [
      [total?.actual, '合计', '全年执行数', '本年支出合计'],
      [t.basic, '基本支出', '基本支出', '基本支出'],
      [t.project, '项目支出', '项目支出', '项目支出'],
    ] as const;
    for (const [mine, col, zh, theirs] of pairs) {
      const cell = expense.get('total', col);
      if (!mine || !cell || cell.empty) continue;
      push(compareAmounts({ rule: 'P07', title: `${t.id}${zh}与${expense.id}`, titleEn: `${t.id} ${zh} vs ${expense.id}`, subject: `${expense.id}合计行${theirs}`, subjectEn: `${expense.id} total ${theirs}`, tables: [t.id, expense.id], actual: mine, expected: sideOf([{ figure: cell.figure, ref: cell.ref }]) }));
    }
  }

  // P09 a year well after the table's own in what was achieved (2027年 in a 2024 table): a report written
  // the next spring may well mention that year; two years on is a slip.
  if (t.year) {
    const texts = [...t.goals.filter((g) => g.achieved), ...t.indicators.map((i) => ({ text: i.achieved, ref: i.ref }))];
    for (const g of texts) {
      const later = [...g.text.matchAll(/(20\d{2})\s*年/g)].map((m) => Number(m[1])).find((y) => y >= t.year! + 2);
      if (later !== undefined) {
        out.push(
          plainFinding(
            'P09',
            'warning',
            { zh: `${t.id}写有“${later}年”，晚于自评年度 ${t.year} 年：“${g.text.length > 40 ? `${g.text.slice(0, 40)}…` : g.text}”。是否笔误？`, en: `${t.id} mentions ${later}, later than the year evaluated (${t.year}): “${g.text.length > 40 ? `${g.text.slice(0, 40)}…` : g.text}”. A typo?` },
            [g.ref],
            ids,
          ),
        );
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// 基础数据表

function checkBasicData(b: BasicDataTable, perf: PerformanceTables, tables: TableSet, figures: Readonly<Record<string, Fen>>): Finding[] {
  const out: Finding[] = [];
  const push = (f: Finding | undefined) => f && out.push(f);
  const ids = [b.id];
  for (const u of b.unreadable) out.push(plainFinding('M02', 'error', { zh: `${b.id}：${u.what}“${u.text}”不是数字，无法参与校验。`, en: `${b.id}: ${u.what} “${u.text}” is not a number, so it cannot be checked.` }, [u.ref], ids));

  const staff = b.staff;
  if (staff?.rate && staff.authorized && staff.actual) {
    push(
      checkPercent({
        rule: 'B01',
        what: `${b.id}控制率`,
        whatEn: `${b.id} staffing ratio`,
        formula: `实际在职人数 ${score(staff.actual)} ÷ 编制数 ${score(staff.authorized)}`,
        formulaEn: `staff ${score(staff.actual)} ÷ establishment ${score(staff.authorized)}`,
        tables: ids,
        written: staff.rate,
        n: { value: staff.actual.scaled, halfWidth: 0, ref: staff.actual.ref },
        d: { value: staff.authorized.scaled, halfWidth: 0, ref: staff.authorized.ref },
      }),
    );
  }

  const row = (k: string) => b.rows.get(k);
  const cols = [
    ['prior', '上年决算数'],
    ['budget', '本年预算数'],
    ['actual', '本年决算数'],
  ] as const;
  /** parent = Σ children in each column; a blank parent over non-zero children is flagged too. */
  const sumRule = (rule: string, parentKey: string, childKeys: string[], extra: ReadonlyArray<{ label: string } & Partial<Record<'prior' | 'budget' | 'actual', AmountCell>>> = []) => {
    const parent = row(parentKey);
    const children = [...childKeys.map(row).filter((r): r is NonNullable<typeof r> => r !== undefined), ...extra];
    if (!parent || !children.length) return;
    for (const [col, zh] of cols) {
      const parts = children.map((c) => c[col]);
      const whole = parent[col];
      if (parts.every((p) => !p)) continue;
      if (!whole) {
        const sum = sideOf(parts);
        if (sum.fen !== 0)
          out.push(plainFinding(rule, 'warning', { zh: `${b.id}“${parent.label}”的${zh}未填写，其下各行合计 ${wan(sum.fen)} 万元。`, en: `${b.id} “${parent.label}” ${zh} is blank while the rows under it add up to ${wan(sum.fen)} 万元.` }, [{ sheet: b.sheet, row: parent.row, col: sum.refs[0]!.col }], ids));
        continue;
      }
      push(compareAmounts({ rule, title: `${b.id}${parent.label.replace(/[:：]$/, '')}`, titleEn: `${b.id} ${parent.label}`, subject: `${zh} = ${children.map((c) => c.label.replace(/^\d+、|^其中[:：]/, '')).join(' + ')}`, subjectEn: `${zh} = sum of the rows under it`, tables: ids, actual: whole, expected: sideOf(parts) }));
    }
  };
  sumRule('B02', '三公经费', ['公务用车', '出国经费', '公务接待']);
  sumRule('B02', '公务用车', ['公车购置', '公车运行维护']);
  sumRule('B03', '项目支出', ['业务工作经费', '运行维护经费', '专项资金']);
  if (row('专项资金') && b.projects.length) sumRule('B03', '专项资金', [], b.projects);

  // B02 三公 and 公开09表.
  const sg = tables.get('threePublic');
  const sgRow = row('三公经费');
  if (sg && sgRow) {
    for (const [col, stage] of [['budget', '预算'], ['actual', '决算']] as const) {
      const cell = sg.get('data', `${stage}.合计`);
      const mine = sgRow[col];
      if (!mine || !cell || cell.empty) continue;
      push(compareAmounts({ rule: 'B02', title: `${b.id}三公经费${stage}数与${sg.id}`, titleEn: `${b.id} 三公 ${stage} vs ${sg.id}`, subject: `${sg.id}${stage}数合计`, subjectEn: `${sg.id} ${stage} total`, tables: [b.id, sg.id], actual: mine, expected: sideOf([{ figure: cell.figure, ref: cell.ref }]) }));
    }
  }
  // B04 B05 项目支出 and 基本支出 决算 = 公开03表.
  const expense = tables.get('expense');
  if (expense) {
    for (const [key, col, rule] of [['项目支出', '项目支出', 'B04'], ['基本支出', '基本支出', 'B05']] as const) {
      const mine = row(key)?.actual;
      const cell = expense.get('total', col);
      if (!mine || !cell || cell.empty) continue;
      push(compareAmounts({ rule, title: `${b.id}${key}决算数与${expense.id}`, titleEn: `${b.id} ${key} vs ${expense.id}`, subject: `${expense.id}合计行${col}`, subjectEn: `${expense.id} total ${col}`, tables: [b.id, expense.id], actual: mine, expected: sideOf([{ figure: cell.figure, ref: cell.ref }]) }));
    }
  }
  // B06 基本 + 项目 预算 = 整体表 全年预算数.
  const full = perf.overall?.total?.full;
  const basicBudget = row('基本支出')?.budget;
  const projectBudget = row('项目支出')?.budget ?? row('专项资金')?.budget;
  if (full && (basicBudget || projectBudget)) {
    push(compareAmounts({ rule: 'B06', title: '整体支出绩效自评表全年预算数', titleEn: 'overall table 全年预算数', subject: `等于${b.id}中基本支出与项目支出的本年预算数之和`, subjectEn: `equals the 基本支出 and 项目支出 budgets of ${b.id}`, tables: ['整体支出绩效自评表', b.id], actual: full, expected: sideOf([basicBudget, projectBudget]) }));
  }
  // B07 each project row against its own 自评表.
  const key = (s: string) => s.replace(/[\s“”"'《》（）()]/g, '');
  for (const p of b.projects) {
    const t = perf.projects.find((x) => x.name && (key(x.name) === key(p.label) || key(x.name).includes(key(p.label)) || key(p.label).includes(key(x.name))));
    if (!t?.total) continue;
    for (const [mine, theirs, zh] of [[p.budget, t.total.full, '全年预算数'], [p.actual, t.total.actual, '全年执行数']] as const) {
      if (!mine || !theirs) continue;
      push(compareAmounts({ rule: 'B07', title: `${b.id}“${p.label}”${zh === '全年预算数' ? '本年预算数' : '本年决算数'}`, titleEn: `${b.id} “${p.label}”`, subject: `与其项目支出绩效自评表的${zh}一致`, subjectEn: `equals the ${zh} of its project table`, tables: [b.id, t.id], actual: mine, expected: sideOf([theirs]) }));
    }
  }
  // B08 政府采购金额 = 说明数据's 货物 + 工程 + 服务.
  const gp = row('政府采购金额')?.actual;
  const parts = ['gp.goods', 'gp.works', 'gp.services'].map((k) => figures[k]);
  if (gp && parts.some((p) => p !== undefined)) {
    const fen = parts.reduce<number>((s, p) => s + (p ?? 0), 0);
    push(compareAmounts({ rule: 'B08', title: `${b.id}政府采购金额与说明数据`, titleEn: `${b.id} procurement vs 说明数据`, subject: '说明数据中政府采购货物、工程、服务支出之和', subjectEn: 'goods + works + services in 说明数据', tables: [b.id], actual: gp, expected: { fen, halfWidths: parts.filter((p) => p !== undefined).map(() => 5000), refs: [] } }));
  }
  return out;
}

/** Every check of the 绩效自评 tables; nothing when the workbook has none. */
export function checkPerformance(perf: PerformanceTables, tables: TableSet, figures: Readonly<Record<string, Fen>> = {}): Finding[] {
  const out: Finding[] = [];
  const all = [...(perf.overall ? [perf.overall] : []), ...perf.projects];
  for (const t of all) out.push(...checkSelfEvaluation(t, tables));

  // P08 money the project tables call 上年结转 must have been carried in: 公开01表 年初结转和结余.
  const summary = tables.get('summary');
  const carried = perf.projects.flatMap((p) => p.sources.filter((s) => /上年结转/.test(s.label) && s.actual && s.actual.figure.fen !== 0).map((s) => ({ p, s })));
  const opening = summary?.get('年初结转和结余', '金额');
  const carriedTotal = summed(carried.map((c) => c.s.actual));
  if (summary && carriedTotal) {
    const f = compareAmounts({
      rule: 'P08',
      title: '项目支出绩效自评表的上年结转金额',
      titleEn: 'carried-over funds in the project tables',
      subject: `${carried.map((c) => c.p.name).join('、')}；不能超过${summary.id}年初结转和结余`,
      subjectEn: `${carried.map((c) => c.p.name).join(', ')}; at most ${summary.id} 年初结转和结余`,
      tables: [...new Set(carried.map((c) => c.p.id)), summary.id],
      actual: carriedTotal,
      // A blank 年初结转和结余 is an exact 0; its cell is named all the same, so the accountant sees both ends.
      expected: opening ? { fen: opening.figure.fen, halfWidths: opening.empty ? [] : [opening.figure.halfWidth], refs: [opening.ref] } : { fen: 0, halfWidths: [], refs: [] },
      kind: 'le',
    });
    if (f) out.push({ ...f, message: `${f.message}若资金实为本年财政拨款，应填在“当年财政拨款”行。`, messageEn: `${f.messageEn} If the money is this year's appropriation, it belongs on the 当年财政拨款 row.` });
  }

  // P10 the project tables together cannot spend more than the overall table's 项目支出.
  const overallProject = perf.overall?.project;
  const projectsSpent = summed(perf.projects.map((p) => p.total?.actual));
  if (overallProject && projectsSpent) {
    const f = compareAmounts({
      rule: 'P10',
      title: '项目支出绩效自评表全年执行数之和',
      titleEn: 'project tables, total spent',
      subject: '不超过整体支出绩效自评表项目支出',
      subjectEn: 'at most the overall table 项目支出',
      tables: ['整体支出绩效自评表', ...perf.projects.map((p) => p.id)],
      actual: projectsSpent,
      expected: sideOf([overallProject]),
      kind: 'le',
    });
    if (f) out.push(f);
  }
  if (perf.basics) out.push(...checkBasicData(perf.basics, perf, tables, figures));
  return out;
}

