/**
 * Writes the narrative from the tables: every figure a sentence restates
 * comes from the mapped tables; what they do not hold (上年 figures, 年初预算,
 * reasons) stays a visible placeholder, never a made-up number.
 */
import type { Fen } from '../numbers/amount';
import { normalizeText } from '../numbers/parse';
import type { TableSet, TableValues } from '../rules/table-values';
import { KNOWN_KUAN, classByCode, ECONOMIC_CODES } from '../templates/subjects';
import { type NumberStyle, amountText, direction, percentText, sharesText } from './format';
import type { PerformanceTables } from '../performance/types';
import type { Narrative, NarrativePattern, NarrativeParagraph, NarrativeSection, SectionPattern } from './types';

/** What the tables do not hold, by key (上年 figures, 年初预算 per 项 as `budget:2010301`), and the accountant's reasons. */
export interface NarrativeInputs {
  readonly year: number;
  readonly figures?: Readonly<Record<string, Fen>>;
  readonly reasons?: Readonly<Record<string, string>>;
  /** 款 names the accountant filled in once (code → name). */
  readonly kuanNames?: Readonly<Record<string, string>>;
  /** The 部门 the tables name. */
  readonly department?: string;
  /** The 绩效自评 tables, for 十四. */
  readonly performance?: PerformanceTables;
  /** Every empty slot as 【请填写原因】, whatever it asks for: the draft reasons are read back against. */
  readonly plainSlots?: boolean;
}

export const SEED_STYLE: NumberStyle = { trimAmounts: true, thousands: false, percentDecimals: 1, trimPercents: true };

type Value = string | undefined;
interface Item {
  readonly values: Record<string, Value>;
  /** Reason slots of this item get this suffix (五(三):2010301). */
  readonly key: string;
  /** Signs of this item's comparisons, by variant key (item, sgItemPrior …). */
  readonly signs?: Readonly<Record<string, Sign>>;
}

type Sign = 'up' | 'down' | 'same' | 'fromZero' | 'unknown';

interface Context {
  readonly values: Record<string, Value>;
  readonly signs: Record<string, Sign | undefined>;
  readonly lists: Record<string, Item[]>;
  readonly pattern: NarrativePattern;
  readonly inputs: NarrativeInputs;
}

const fen = (t: TableValues | undefined, row: string, col: string): Fen | undefined => t?.get(row, col)?.figure.fen;

function changeFacts(ctx: Context, key: string, current: Fen | undefined, prior: Fen | undefined, s: NumberStyle): void {
  if (current === undefined) return;
  if (prior === undefined) return; // the variant shows its placeholders
  const d = current - prior;
  ctx.values[`${key}.delta`] = amountText(Math.abs(d), s);
  ctx.values[`${key}.rate`] = prior === 0 ? undefined : percentText(Math.abs(d), prior, s);
  ctx.signs[key] = d > 0 ? 'up' : d < 0 ? 'down' : 'same';
}

function buildContext(tables: TableSet, pattern: NarrativePattern, inputs: NarrativeInputs, s: NumberStyle): Context {
  const fig = inputs.figures ?? {};
  const ctx: Context = { values: { year: String(inputs.year), 'prior.year': String(inputs.year - 1) }, signs: {}, lists: {}, pattern, inputs };
  const put = (k: string, v: Fen | undefined) => (ctx.values[k] = v === undefined ? undefined : amountText(v, s));
  const summary = tables.get('summary');
  const income = tables.get('income');
  const expense = tables.get('expense');
  const fiscal = tables.get('fiscalSummary');
  const gpb = tables.get('gpbExpense');
  const basic = tables.get('gpbBasic');

  // 一 四: totals and their change from last year.
  const total = fen(summary, '收入总计', '金额');
  put('total', total);
  changeFacts(ctx, 'total', total, fig['total.prior'], s);
  const fiscalTotal = fen(fiscal, '收入总计', '金额');
  put('fiscal', fiscalTotal);
  changeFacts(ctx, 'fiscal', fiscalTotal, fig['fiscal.prior'], s);

  // 二 三: sources of income and kinds of spending, with shares that add up to 100 %.
  const shareList = (t: TableValues | undefined, cols: string[], totalCol: string): Item[] => {
    const whole = fen(t, 'total', totalCol);
    if (!t || whole === undefined) return [];
    const amounts = cols.map((c) => fen(t, 'total', c) ?? 0);
    const shares = sharesText(amounts, whole, s);
    return cols.map((c, i) => ({ key: c, values: { name: c, amount: amountText(amounts[i]!, s), share: shares[i] } }));
  };
  put('income', fen(income, 'total', '本年收入合计'));
  ctx.lists.incomeSources = shareList(income, ['财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'], '本年收入合计');
  put('expense', fen(expense, 'total', '本年支出合计'));
  ctx.lists.expenseKinds = shareList(expense, ['基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'], '本年支出合计');

  // 五: the 一般公共预算 spending, its share of all spending, its 类 and its 项.
  const gpbTotal = fen(gpb, 'total', '合计');
  put('gpb', gpbTotal);
  const spent = fen(summary, '本年支出合计', '金额');
  ctx.values.gpbShare = gpbTotal !== undefined && spent ? percentText(gpbTotal, spent, s) : undefined;
  changeFacts(ctx, 'gpb', gpbTotal, fig['gpb.prior'], s);
  const classRows = (fiscal?.rowKeys ?? []).filter((k) => k.startsWith('cls:')).map((k) => ({ code: k.slice(4), fen: fen(fiscal, k, '一般公共预算财政拨款') ?? 0 }));
  const nonZero = classRows.filter((c) => c.fen !== 0);
  const classShares = gpbTotal ? sharesText(nonZero.map((c) => c.fen), gpbTotal, s) : [];
  ctx.lists.classes = nonZero.map((c, i) => {
    const name = classByCode(c.code)?.name ?? c.code;
    return { key: c.code, values: { shortName: name.replace(/支出$/, ''), className: name, amount: amountText(c.fen, s), share: classShares[i] } };
  });
  const budget = fig.budget;
  put('budget', budget);
  ctx.values.budgetRate = budget && gpbTotal !== undefined ? percentText(gpbTotal, budget, s) : undefined;
  const leaves = (gpb?.items ?? []).filter((it) => it.code.length === 7);
  ctx.lists.items = leaves.map((it, i) => {
    const amount = fen(gpb, it.rowKey, '合计') ?? 0;
    const b = fig[`budget:${it.code}`];
    const kuan = inputs.kuanNames?.[it.code.slice(0, 5)] ?? (gpb?.items.find((x) => x.code === it.code.slice(0, 5))?.name || KNOWN_KUAN[it.code.slice(0, 5)]);
    // Within 1 % of the budget the published texts say 基本持平.
    const sign: Sign = b === undefined ? 'unknown' : b === 0 ? 'fromZero' : Math.abs(amount - b) * 100 < b ? 'same' : amount > b ? 'up' : 'down';
    return {
      key: it.code,
      signs: { item: sign },
      values: {
        n: String(i + 1),
        className: classByCode(it.code.slice(0, 3))?.name ?? it.code.slice(0, 3),
        kuanName: kuan,
        name: it.name,
        amount: amountText(amount, s),
        budget: b === undefined ? undefined : amountText(b, s),
        rate: b ? percentText(amount, b, s) : undefined,
      },
    } as Item;
  });

  // 六: 人员经费 and 公用经费, and what they consist of (款 with figures).
  put('basic', fen(gpb, 'total', '基本支出'));
  const personnel = fen(basic, '人员经费合计', '决算数');
  const publicCost = fen(basic, '公用经费合计', '决算数');
  put('personnel', personnel);
  put('public', publicCost);
  const basicTotal = fen(gpb, 'total', '基本支出');
  if (personnel !== undefined && publicCost !== undefined && basicTotal) {
    const [a, b] = sharesText([personnel, publicCost], basicTotal, s);
    ctx.values.personnelShare = a;
    ctx.values.publicShare = b;
  }
  const names = (prefixes: string[]) =>
    (basic?.items ?? [])
      .filter((it) => it.code.length === 5 && prefixes.includes(it.code.slice(0, 3)) && (fen(basic, it.rowKey, '决算数') ?? 0) !== 0)
      .map((it) => ECONOMIC_CODES.find((c) => c.code === it.code)?.name ?? it.name)
      .join('、');
  ctx.values.personnelItems = names(['301', '303']) || undefined;
  ctx.values.publicItems = names(['302', '307', '310', '399']) || undefined;

  // 九: 三公 from its table, with last year's figures and the counts from 说明数据.
  const sg = tables.get('threePublic');
  const SG_ITEMS = [
    ['因公出国（境）费', 'abroad'],
    ['公务接待费', 'reception'],
    ['公务用车购置费', 'purchase'],
    ['公务用车运行维护费', 'running'],
  ] as const;
  if (sg) {
    const budgetOf = (k: string) => fen(sg, 'data', `预算.${k}`) ?? 0;
    const actualOf = (k: string) => fen(sg, 'data', `决算.${k}`) ?? 0;
    const compare = (actual: Fen, budget: Fen): Sign => (budget === 0 ? 'fromZero' : Math.abs(actual - budget) * 100 < budget ? 'same' : actual > budget ? 'up' : 'down');
    const prior = (actual: Fen, p: Fen | undefined): Sign => (p === undefined ? 'unknown' : actual === p ? 'same' : p === 0 ? 'fromZero' : actual > p ? 'up' : 'down');
    const item = (key: string, name: string, budget: Fen, actual: Fen, p: Fen | undefined): Item => ({
      key,
      signs: { sgBudget: compare(actual, budget), sgTotalBudget: compare(actual, budget), sgItemPrior: prior(actual, p), sgTotalPrior: prior(actual, p), sgNatBudget: compare(actual, budget), sgNatItemBudget: compare(actual, budget), sgNatTotalBudget: compare(actual, budget), sgNatPrior: prior(actual, p) },
      values: {
        name,
        budget: amountText(budget, s),
        actual: amountText(actual, s),
        rate: budget ? percentText(actual, budget, s) : undefined,
        delta: p === undefined ? undefined : amountText(Math.abs(actual - p), s),
        prate: p ? percentText(Math.abs(actual - p), p, s) : undefined,
      },
    });
    const total = item('九', '“三公”经费财政拨款', budgetOf('合计'), actualOf('合计'), fig['sg.prior']);
    for (const [k, v] of Object.entries(total.values)) ctx.values[`sg.${k}`] = v;
    Object.assign(ctx.signs, total.signs);
    ctx.lists.sgItems = SG_ITEMS.map(([name, key]) => item(name, name, budgetOf(name), actualOf(name), fig[`sg.prior.${key}`]));
    // The national template groups 公务用车购置及运行维护费 as one item.
    const priorOf = (...keys: string[]) => (keys.every((k) => fig[`sg.prior.${k}`] === undefined) ? undefined : keys.reduce((t, k) => t + (fig[`sg.prior.${k}`] ?? 0), 0));
    ctx.lists.sgNational = [
      item('因公出国（境）费', '因公出国（境）费', budgetOf('因公出国（境）费'), actualOf('因公出国（境）费'), priorOf('abroad')),
      item('公务用车购置及运行维护费', '公务用车购置及运行维护费', budgetOf('公务用车购置及运行维护费'), actualOf('公务用车购置及运行维护费'), priorOf('purchase', 'running')),
      item('公务接待费', '公务接待费', budgetOf('公务接待费'), actualOf('公务接待费'), priorOf('reception')),
    ];
    const whole = actualOf('合计');
    const parts = [actualOf('公务接待费'), actualOf('因公出国（境）费'), actualOf('公务用车购置及运行维护费')];
    const shares = sharesText(parts, whole, s);
    ctx.values['sg.reception'] = amountText(parts[0]!, s);
    ctx.values['sg.receptionShare'] = whole ? shares[0] : '0';
    ctx.values['sg.abroad'] = amountText(parts[1]!, s);
    ctx.values['sg.abroadShare'] = whole ? shares[1] : '0';
    ctx.values['sg.vehicle'] = amountText(parts[2]!, s);
    ctx.values['sg.vehicleShare'] = whole ? shares[2] : '0';
    ctx.values['sg.purchase'] = amountText(actualOf('公务用车购置费'), s);
    ctx.values['sg.running'] = amountText(actualOf('公务用车运行维护费'), s);
  }
  for (const k of ['groupsAbroad', 'personsAbroad', 'groupsReception', 'guests', 'carsBought', 'cars']) {
    ctx.values[k] = fig[k] === undefined ? undefined : String(fig[k]);
  }
  ctx.values.department = inputs.department ?? [...tables.values()].find((t) => t.mapped.department)?.mapped.department?.name;

  // 十二: 政府采购, all from 说明数据; the total is the sum of its kinds.
  const kinds = [
    ['货物', 'goods'],
    ['工程', 'works'],
    ['服务', 'services'],
  ] as const;
  const gpAmounts = kinds.map(([, k]) => fig[`gp.${k}`]);
  if (gpAmounts.every((x) => x !== undefined)) {
    const total = gpAmounts.reduce((a, b) => a! + b!, 0)!;
    put('gp.total', total);
    const sme = fig['gp.sme'];
    const micro = fig['gp.micro'];
    ctx.values['gp.smeShare'] = sme !== undefined && total ? percentText(sme, total, s) : undefined;
    ctx.values['gp.microShare'] = sme && micro !== undefined ? percentText(micro, sme, s) : undefined;
    ctx.lists.gpKinds = kinds
      .map(([name, k], i) => {
        const amount = gpAmounts[i]!;
        const smeOfKind = fig[`gp.sme.${k}`];
        return {
          key: name,
          signs: { gpKind: (amount === 0 ? 'same' : 'up') as Sign },
          values: { name, share: amount && smeOfKind !== undefined ? percentText(smeOfKind, amount, s) : undefined },
        };
      })
      // Kinds with purchases first, then those without (未发生工程采购支出), as published.
      .sort((a, b) => Number(a.signs.gpKind === 'same') - Number(b.signs.gpKind === 'same'));
  }
  for (const k of ['goods', 'works', 'services', 'sme', 'micro', 'smeReserved', 'microReserved', 'smeWon', 'microWon', 'smeOther']) if (fig[`gp.${k}`] !== undefined) put(`gp.${k}`, fig[`gp.${k}`]);

  // 十三: vehicles by use, their total, and equipment over 100 万元.
  const CARS = ['minister', 'head', 'confidential', 'emergency', 'enforcement', 'special', 'retired', 'other'];
  for (const k of CARS) ctx.values[`car.${k}`] = fig[`car.${k}`] === undefined ? undefined : String(fig[`car.${k}`]);
  if (CARS.every((k) => fig[`car.${k}`] !== undefined)) ctx.values['car.total'] = String(CARS.reduce((a, k) => a + fig[`car.${k}`]!, 0));
  ctx.signs.carOther = fig['car.other'] ? 'up' : fig['car.other'] === 0 ? 'same' : 'unknown';
  ctx.values.equipment = fig.equipment === undefined ? undefined : String(fig.equipment);

  // 七 八: empty tables say so.
  put('fund', fen(tables.get('fund'), 'total', '合计'));
  put('soe', fen(tables.get('soe'), 'total', '合计'));

  // 十 十一: 机关运行经费 is the 公用经费 of the basic table; 会议费 and 培训费 its 30215 and 30216.
  put('running', publicCost);
  // Hunan compares 机关运行经费 with its 年初预算, the national template with last year's.
  changeFacts(ctx, 'running', publicCost, pattern.profile === 'national-2024' ? fig['running.prior'] : fig['running.budget'], s);
  put('meeting', fen(basic, 'code:30215', '决算数') ?? (basic ? 0 : undefined));
  put('training', fen(basic, 'code:30216', '决算数') ?? (basic ? 0 : undefined));
  ctx.values.trainees = fig.trainees === undefined ? undefined : String(fig.trainees);

  // 十四: the projects evaluated and the overall 预算执行率, from the 绩效自评 tables.
  const perf = inputs.performance;
  const overall = perf?.overall?.total;
  put('perf.full', overall?.full?.figure.fen);
  put('perf.actual', overall?.actual?.figure.fen);
  const full = overall?.full?.figure.fen;
  ctx.values['perf.rate'] = full && overall?.actual ? percentText(overall.actual.figure.fen, full, s) : undefined;
  ctx.lists.perfProjects = (perf?.projects ?? []).filter((p) => p.name).map((p) => ({ values: { name: p.name }, key: p.name }));
  ctx.values['perf.count'] = perf?.projects.length ? String(perf.projects.length) : undefined;
  // National 十: the projects self-evaluated, their budget, their average score and grades (优 ≥ 90, 良 ≥ 80, 合格 ≥ 60).
  const scored = (perf?.projects ?? []).map((p) => p.totalScore?.scaled).filter((x): x is number => x !== undefined);
  const budgets = (perf?.projects ?? []).map((p) => p.total?.full?.figure.fen);
  if (perf?.projects.length && budgets.every((b) => b !== undefined)) put('perf.selfBudget', budgets.reduce<number>((a, b) => a + b!, 0));
  if (scored.length && scored.length === perf?.projects.length) {
    const avg = scored.reduce((a, b) => a + b, 0) / scored.length / 10_000;
    ctx.values['perf.avg'] = String(Number(avg.toFixed(2)));
    const grade = (lo: number, hi: number) => String(scored.filter((x) => x >= lo * 10_000 && x < hi * 10_000).length);
    ctx.values['perf.excellent'] = grade(90, Infinity);
    ctx.values['perf.good'] = grade(80, 90);
    ctx.values['perf.pass'] = grade(60, 80);
    ctx.values['perf.fail'] = grade(-Infinity, 60);
  }
  for (const k of ['targetCount', 'trackCount', 'issues', 'fixed', 'fixing']) ctx.values[`perf.${k}`] = fig[`perf.${k}`] === undefined ? undefined : String(fig[`perf.${k}`]);
  for (const k of ['targetBudget', 'trackBudget']) put(`perf.${k}`, fig[`perf.${k}`]);

  // The 绩效自评报告: 基本支出 as the tables give it; 项目支出 as the sum of the projects it lists.
  put('rep.basic', perf?.overall?.basic?.figure.fen ?? fen(expense, 'total', '基本支出'));
  const projectsSpent = (perf?.projects ?? []).map((p) => p.total?.actual?.figure.fen);
  put('rep.project', projectsSpent.length && projectsSpent.every((x) => x !== undefined) ? projectsSpent.reduce<number>((a, b) => a + b!, 0) : (perf?.overall?.project?.figure.fen ?? fen(expense, 'total', '项目支出')));
  const staff = perf?.basics?.staff?.authorized;
  ctx.values['rep.staff'] = staff ? String(staff.scaled / 10_000) : undefined;
  ctx.lists.repNames = (perf?.projects ?? []).filter((p) => p.name).map((p) => ({ values: { name: p.name }, key: p.name }));
  ctx.lists.repProjects = (perf?.projects ?? [])
    .filter((p) => p.name)
    .map((p, i) => ({
      key: p.name,
      values: {
        no: String(i + 1),
        name: p.name,
        // A project with a 年初预算 was planned; one without was added during the year.
        kind: p.total?.initial && p.total.initial.figure.fen > 0 ? '年初预算项目' : '年中追加项目',
        full: p.total?.full ? amountText(p.total.full.figure.fen, s) : undefined,
        actual: p.total?.actual ? amountText(p.total.actual.figure.fen, s) : undefined,
      },
    }));
  return ctx;
}

/** Reason keys compare as normalised text: 九(一):因公出国（境）费 = 九(一):因公出国(境)费. */
function reasonOf(reasons: Readonly<Record<string, string>> | undefined, id: string): string | undefined {
  if (!reasons) return undefined;
  if (reasons[id] !== undefined) return reasons[id];
  const want = normalizeText(id);
  for (const [k, v] of Object.entries(reasons)) if (normalizeText(k) === want) return v;
  return undefined;
}

/** What a reason slot shows until the accountant writes it. */
export const REASON_PLACEHOLDER = '【请填写原因】';
const SLOT_OPEN = '\u0001';
const SLOT_TEXT = '\u0002';
const SLOT_CLOSE = '\u0003';
const SLOT_MARKS = /\u0001[^\u0002]*\u0002|\u0003/g;

/** A rendered template cut into paragraphs, each with the reason slots that open in it. */
function paragraphsOf(text: string, missing: readonly string[]): NarrativeParagraph[] {
  return text.split('\n').map((t) => ({
    text: t.replace(SLOT_MARKS, ''),
    missing,
    reasons: [...t.matchAll(/\u0001([^\u0002]*)\u0002/g)].map((m) => m[1]!),
  }));
}

/** Never an internal name in front of the user: a figure without a label of its own asks for this. */
const FALLBACK_LABEL = '表中未找到的数字（请检查映射）';

/** An empty slot: 【请填写原因】, or what it asks for when that is not a reason (【请填写：单位主要职能】). */
function emptySlot(ctx: Context, id: string): string {
  if (ctx.inputs.plainSlots) return REASON_PLACEHOLDER;
  const labels = ctx.pattern.slotLabels ?? {};
  const label = labels[id] ?? labels[id.split(':')[0]!];
  return label ? placeholder(label) : REASON_PLACEHOLDER;
}

function placeholder(label: string): string {
  return `【请填写：${label}】`;
}

/** The section being written: its list patterns, and its id for the reason slots of its items. */
interface Scope {
  readonly id: string;
  readonly lists?: SectionPattern['lists'];
  readonly missing: string[];
  readonly reasons: string[];
}

function render(template: string, values: Record<string, Value>, ctx: Context, item: Item | undefined, scope: Scope): string {
  const { missing, reasons } = scope;
  const placeholderFor = (key: string) => {
    const label = ctx.pattern.labels[key] ?? FALLBACK_LABEL;
    missing.push(label);
    return placeholder(label);
  };
  return template.replace(/\{(vary|list|reason):([^}]+)\}|\{([^}:]+)\}/g, (_m, kind: string | undefined, arg: string | undefined, name: string | undefined) => {
    if (kind === 'list') {
      const list = ctx.lists[arg!] ?? [];
      const pattern = scope.lists?.[arg!];
      if (!pattern) return '';
      // An empty list (its table was not found) asks for what it would have listed: `empty` is a template too.
      if (list.length === 0) {
        if (pattern.empty !== undefined) return render(pattern.empty, values, ctx, item, scope);
        // A list a table always fills (收入决算表's columns …) is empty only when its table was not found.
        return ctx.pattern.labels[`list:${arg}`] !== undefined ? placeholderFor(`list:${arg}`) : '';
      }
      return list.map((it) => render(pattern.item, { ...values, ...it.values }, ctx, it, scope)).join(pattern.sep);
    }
    if (kind === 'vary') {
      const sign = item?.signs?.[arg!] ?? ctx.signs[arg!];
      const v = ctx.pattern.variants[arg!];
      if (!v) return '';
      // Without the figure to compare with, the sentence asks for it instead of guessing a direction.
      const chosen = sign === 'fromZero' ? (v.fromZero ?? v.up) : v[sign ?? 'unknown'];
      return render(chosen, values, ctx, item, scope);
    }
    if (kind === 'reason') {
      const id = arg === 'item' && item ? `${scope.id}:${item.key}` : arg!;
      reasons.push(id);
      // Marked so that, once the text is cut into paragraphs, each knows its own slots.
      return `${SLOT_OPEN}${id}${SLOT_TEXT}${reasonOf(ctx.inputs.reasons, id) ?? emptySlot(ctx, id)}${SLOT_CLOSE}`;
    }
    const v = values[name!];
    if (v !== undefined) return v;
    const base = ctx.pattern.labels[name!] ?? FALLBACK_LABEL;
    const label =
      item && ['budget', 'budget.item'].includes(name!)
        ? `${item.key} ${item.values.name ?? ''}${base}`
        : item && name === 'kuanName'
          ? `${item.key.slice(0, 5)} ${base}`
          : base;
    missing.push(label);
    return placeholder(label);
  });
}

export function generateNarrative(tables: TableSet, pattern: NarrativePattern, inputs: NarrativeInputs, style: NumberStyle = SEED_STYLE): Narrative {
  const ctx = buildContext(tables, pattern, inputs, style);
  const sections = renderSections(pattern.sections, tables, ctx, inputs);
  const perf = inputs.performance;
  if (!pattern.report || !perf || (!perf.overall && perf.projects.length === 0)) return { year: inputs.year, sections };
  // The 绩效自评报告 shares the facts; its own labels ask for what it alone needs.
  const reportCtx: Context = {
    ...ctx,
    pattern: { ...pattern, labels: { ...pattern.labels, ...pattern.report.labels }, slotLabels: { ...pattern.slotLabels, ...pattern.report.slotLabels } },
  };
  const title = render(pattern.report.title, ctx.values, reportCtx, undefined, { id: '绩效', missing: [], reasons: [] }).replace(SLOT_MARKS, '');
  return { year: inputs.year, sections, report: { title, sections: renderSections(pattern.report.sections, tables, reportCtx, inputs) } };
}

function renderSections(patterns: readonly SectionPattern[], tables: TableSet, ctx: Context, inputs: NarrativeInputs): NarrativeSection[] {
  return patterns.map((sec) => {
    // The section about the 政府性基金 (国有资本经营) table says so when that table is empty.
    const role = sec.paragraphs.some((p) => p.includes('{fund}'))
      ? 'fund'
      : sec.paragraphs.some((p) => p.includes('{soe}'))
        ? 'soe'
        : sec.paragraphs.some((p) => p.includes('{sg.'))
          ? 'threePublic'
          : undefined;
    const empty = sec.whenEmpty && role !== undefined && isEmpty(tables.get(role));
    const templates = empty ? sec.whenEmpty! : [...sec.paragraphs, ...(sec.lists?.items ? ['{list:items}'] : [])];
    const paragraphs: NarrativeParagraph[] = templates.flatMap((tpl) => {
      const scope: Scope = { id: sec.id, ...(sec.lists ? { lists: sec.lists } : {}), missing: [], reasons: [] };
      return paragraphsOf(render(tpl, ctx.values, ctx, undefined, scope), scope.missing);
    });
    return { id: sec.id, heading: sec.heading.replace(/\{year\}/g, String(inputs.year)), ...(sec.subheading ? { subheading: sec.subheading } : {}), paragraphs };
  });
}

function isEmpty(t: TableValues | undefined): boolean {
  return !t || t.all().every((c) => c.empty || c.figure.fen === 0);
}

/** The narrative as plain text, headings on their own lines; the 绩效自评报告 after it under its title. */
export function narrativeText(n: Narrative): string {
  const out: string[] = [];
  const sections = (list: readonly NarrativeSection[]) => {
    for (const s of list) {
      if (s.heading) out.push(s.heading);
      if (s.subheading) out.push(s.subheading);
      for (const p of s.paragraphs) out.push(p.text);
    }
  };
  sections(n.sections);
  if (n.report) {
    out.push(n.report.title);
    sections(n.report.sections);
  }
  return out.join('\n');
}
