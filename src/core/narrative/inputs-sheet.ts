/**
 * The 说明数据 sheet: what the narrative needs that the nine tables do not
 * hold — last year's totals for 与上年相比, 年初预算 per 项 for 完成年初预算的X%,
 * the 机关运行经费 budget, counts, and the reasons the accountant writes.
 *
 * Layout (any sheet named 说明数据, or whose header row says 项目 | 数值 | 文字):
 *
 *   项目                              数值      文字
 *   上年收支总计                      531.62
 *   财政拨款支出年初预算数            417.34
 *   年初预算 2010301 行政运行         305.66
 *   培训人数                          4
 *   原因 一                                     本年增加1407万元征拆款财政指标……
 *   原因 五(三) 2010301                         厉行节约
 *
 * Amounts are 万元. A row the generator does not know is reported, not guessed.
 */
import type { WorkbookGrid, SheetGrid, CellRef } from '../grid/grid';
import { FEN_PER_WAN, type Fen } from '../numbers/amount';
import { normalizeText, readCellAmount } from '../numbers/parse';
import { type Finding, plainFinding } from '../rules/finding';
import type { TableSet } from '../rules/table-values';
import type { ProfileId } from '../templates/types';
import { KNOWN_KUAN } from '../templates/subjects';
import type { NarrativeInputs } from './generate';

export const INPUTS_SHEET = '说明数据';

/** Labels of the figures, as the sheet writes them → the generator's keys. */
const FIGURE_LABELS: Record<string, string> = {
  上年收支总计: 'total.prior',
  上年收入支出总计: 'total.prior',
  上年财政拨款收支总计: 'fiscal.prior',
  上年财政拨款收入支出总计: 'fiscal.prior',
  上年财政拨款支出: 'gpb.prior',
  上年一般公共预算财政拨款支出: 'gpb.prior',
  财政拨款支出年初预算数: 'budget',
  一般公共预算财政拨款支出年初预算数: 'budget',
  机关运行经费年初预算数: 'running.budget',
  上年收入合计: 'income.prior',
  上年本年收入合计: 'income.prior',
  上年支出合计: 'expense.prior',
  上年本年支出合计: 'expense.prior',
  上年基本支出: 'basic.prior',
  上年项目支出: 'project.prior',
  上年人员经费: 'personnel.prior',
  上年公用经费: 'public.prior',
  上年机关运行经费: 'running.prior',
  上年机关运行经费支出: 'running.prior',
  上年政府采购支出: 'gp.prior',
  上年政府采购支出总额: 'gp.prior',
  上年三公经费: 'sg.prior',
  上年三公经费支出: 'sg.prior',
  '上年因公出国(境)费': 'sg.prior.abroad',
  上年公务接待费: 'sg.prior.reception',
  上年公务用车购置费: 'sg.prior.purchase',
  上年公务用车运行维护费: 'sg.prior.running',
  政府采购货物支出: 'gp.goods',
  政府采购工程支出: 'gp.works',
  政府采购服务支出: 'gp.services',
  授予中小企业合同金额: 'gp.sme',
  授予小微企业合同金额: 'gp.micro',
  货物采购授予中小企业合同金额: 'gp.sme.goods',
  工程采购授予中小企业合同金额: 'gp.sme.works',
  服务采购授予中小企业合同金额: 'gp.sme.services',
  面向中小企业预留政府采购项目预算金额: 'gp.smeReserved',
  面向小微企业预留政府采购项目预算金额: 'gp.microReserved',
  预留项目中由中小企业中标或成交的采购金额: 'gp.smeWon',
  预留项目中由小微企业中标或成交的采购金额: 'gp.microWon',
  其他项目中由中小企业中标或成交的采购金额: 'gp.smeOther',
  编报绩效目标的项目涉及预算金额: 'perf.targetBudget',
  绩效跟踪评价的项目涉及预算金额: 'perf.trackBudget',
};
/** Counts (not amounts). */
const COUNT_LABELS: Record<string, string> = {
  培训人数: 'trainees',
  年度: 'year',
  决算年度: 'year',
  '因公出国(境)团组数': 'groupsAbroad',
  '因公出国(境)人次': 'personsAbroad',
  接待来访团组数: 'groupsReception',
  接待来宾人次: 'guests',
  更新公务用车数: 'carsBought',
  公务用车保有量: 'cars',
  上年公务用车保有量: 'cars.prior',
  '副部(省)级及以上领导用车': 'car.minister',
  主要负责人用车: 'car.head',
  机要通信用车: 'car.confidential',
  应急保障用车: 'car.emergency',
  执法执勤用车: 'car.enforcement',
  特种专业技术用车: 'car.special',
  离退休干部服务用车: 'car.retired',
  其他用车: 'car.other',
  '单位价值100万元以上设备(不含车辆)': 'equipment',
  编报绩效目标的项目数: 'perf.targetCount',
  绩效跟踪评价的项目数: 'perf.trackCount',
  绩效自评发现问题数: 'perf.issues',
  已完成整改的问题数: 'perf.fixed',
  正在整改的问题数: 'perf.fixing',
};
/**
 * The label the sheet writes for a figure or count key (the first of its
 * accepted labels, in full-width brackets as accountants type them):
 * the template rows and the test fixtures use it, so the labels live here only.
 */
export function inputLabel(key: string): string {
  const label = [...Object.entries(FIGURE_LABELS), ...Object.entries(COUNT_LABELS)].find(([, k]) => k === key)?.[0];
  if (!label) throw new Error(`no 说明数据 label for ${key}`);
  return label.replace(/\(/g, '（').replace(/\)/g, '）');
}

/** Text slots that are not reasons of a section. */
const TEXT_LABELS = new Set(['培训用途', '培训内容', '运维用途', '其他用车用途']);

function findSheet(grid: WorkbookGrid): { sheet: SheetGrid; header: number; cols: { label: number; value: number; text: number } } | undefined {
  // Named 说明数据, or titled so in its first rows: a disclosure table's 项目 | 金额 header is not one.
  const titled = (s: SheetGrid) =>
    s.name.includes(INPUTS_SHEET) ||
    Array.from({ length: Math.min(s.rowCount, 3) }, (_, r) => Array.from({ length: Math.min(s.colCount, 6) }, (_, c) => String(s.cell(r, c)?.value ?? ''))).flat().some((t) => t.replace(/\s+/g, '').startsWith(INPUTS_SHEET));
  const candidates = grid.sheets.filter(titled).sort((a, b) => Number(b.name.includes(INPUTS_SHEET)) - Number(a.name.includes(INPUTS_SHEET)));
  for (const sheet of candidates) {
    for (let r = 0; r < Math.min(sheet.rowCount, 10); r++) {
      const cells = Array.from({ length: sheet.colCount }, (_, c) => normalizeText(String(sheet.cell(r, c)?.value ?? '')));
      const label = cells.indexOf('项目');
      const value = cells.findIndex((t) => t === '数值' || t === '金额' || t === '数值(万元)' || t === '金额(万元)');
      if (label >= 0 && value > label) {
        const text = cells.findIndex((t, i) => i > value && /^(文字|说明|原因|内容)/.test(t));
        return { sheet, header: r, cols: { label, value, text: text >= 0 ? text : value + 1 } };
      }
    }
  }
  return undefined;
}

export interface InputsReading {
  readonly inputs: Omit<NarrativeInputs, 'year'> & { readonly year?: number };
  readonly sheet?: string;
  readonly findings: readonly Finding[];
}

export function readNarrativeInputs(grid: WorkbookGrid): InputsReading {
  const found = findSheet(grid);
  if (!found) return { inputs: {}, findings: [] };
  const { sheet, header, cols } = found;
  const figures: Record<string, Fen> = {};
  const reasons: Record<string, string> = {};
  const kuanNames: Record<string, string> = {};
  const findings: Finding[] = [];
  const at = (row: number, col: number): CellRef => ({ sheet: sheet.name, row, col });
  for (let r = header + 1; r < sheet.rowCount; r++) {
    const raw = String(sheet.cell(r, cols.label)?.value ?? '').trim();
    if (!raw) continue;
    const label = normalizeText(raw);
    const valueCell = sheet.cell(r, cols.value);
    const text = String(sheet.cell(r, cols.text)?.value ?? '').trim();
    const reason = /^原因(.+)$/.exec(label);
    if (reason) {
      // 原因 五(三) 2010301 → 五(三):2010301; 原因 九(一) 公务接待费 → 九(一):公务接待费; 原因 一 → 一.
      // The item keeps its own writing (因公出国（境）费); the section id is read in either width of bracket.
      const rest = raw.replace(/^原因\s*/, '').replace(/\s+/g, '');
      // 原因 上年 2120399 / 原因 上年 人员经费: why a line moved from last year, for the year-over-year check (no sentence prints it).
      if (rest.startsWith('上年') && rest.length > 2) {
        if (text) reasons[`上年:${rest.slice(2)}`] = text;
        continue;
      }
      // 原因 绩效六(二) 双碳资金: a slot of the 绩效自评报告.
      const m = /^((?:绩效)?[一二三四五六七八九十]+(?:[(（][一二三四五六七八九十][)）])?)(.*)$/.exec(rest);
      const id = m ? m[1]!.replace('（', '(').replace('）', ')') : rest;
      if (text) reasons[m && m[2] ? `${id}:${m[2]}` : id] = text;
      continue;
    }
    // 款名称 20103 | | 政府办公厅（室）及相关机构事务: a 款 the project's list does not know, named once.
    const kuan = /^款名称(\d{5})$/.exec(label);
    if (kuan) {
      const name = text || (typeof valueCell?.value === 'string' ? valueCell.value.trim() : '');
      if (name) kuanNames[kuan[1]!] = name;
      continue;
    }
    if (TEXT_LABELS.has(label)) {
      if (text) reasons[label] = text;
      continue;
    }
    const budget = /^年初预算(\d{7})/.exec(label);
    const key = budget ? `budget:${budget[1]}` : inputKey(label);
    if (!key) {
      findings.push(
        plainFinding(
          'N01',
          'warning',
          { zh: `${INPUTS_SHEET}第 ${r + 1} 行“${raw}”不是说明所需的项目，未使用。`, en: `${INPUTS_SHEET} row ${r + 1} “${raw}” is not an item the narrative needs; it was not used.` },
          [at(r, cols.label)],
          [],
        ),
      );
      continue;
    }
    if (valueCell === undefined || valueCell.value === null || valueCell.value === '') continue;
    const reading = readCellAmount(valueCell, '万元');
    if (reading.kind !== 'number') {
      if (reading.kind === 'text') {
        findings.push(
          plainFinding(
            'N01',
            'error',
            { zh: `${INPUTS_SHEET}第 ${r + 1} 行“${raw}”的数值“${reading.text}”不是数字。`, en: `${INPUTS_SHEET} row ${r + 1} “${raw}”: the value “${reading.text}” is not a number.` },
            [at(r, cols.value)],
            [],
          ),
        );
      }
      continue;
    }
    figures[key] = COUNT_LABELS[label] ? Math.round(reading.figure.fen / FEN_PER_WAN) : reading.figure.fen;
  }
  const { year, ...rest } = figures;
  return { inputs: { figures: rest, reasons, ...(Object.keys(kuanNames).length ? { kuanNames } : {}), ...(year ? { year } : {}) }, sheet: sheet.name, findings };
}

/** The rows of a blank 说明数据 sheet for a workbook: every label its narrative asks for, the 项 of its 一般公共预算 table included. */
export function inputsTemplateRows(tables: TableSet, profile: ProfileId = 'hunan-2024'): Array<[string, string, string]> {
  const gpb = tables.get('gpbExpense');
  const items = (gpb?.items ?? []).map((i) => ({ code: i.code, name: i.name }));
  return inputsRows(items, profile);
}

/** What a 说明数据 sheet is made for: the 一般公共预算 table's 科目, and whether last year's detail figures get rows (新年度). */
export interface InputsRowsOptions {
  /** 上年收入合计, 上年基本支出, 上年支出 201 …: the figures a new year's workbook carries forward beyond what the narrative compares. */
  readonly priorDetail?: { readonly classes: ReadonlyArray<{ readonly code: string; readonly name: string }> };
}

/** The rows of a 说明数据 sheet, from the 科目 of the 一般公共预算 table (項 with 7-digit codes, 款 rows naming their 款). */
export function inputsRows(items: ReadonlyArray<{ readonly code: string; readonly name: string }>, profile: ProfileId, opts: InputsRowsOptions = {}): Array<[string, string, string]> {
  const rows: Array<[string, string, string]> = [['项目', '数值', '文字'], [inputLabel('year'), '', '']];
  const add = (...keys: string[]) => keys.forEach((k) => rows.push([inputLabel(k), '', '']));
  add('total.prior', 'fiscal.prior', 'gpb.prior');
  if (opts.priorDetail) {
    add('income.prior', 'expense.prior', 'basic.prior', 'project.prior', 'personnel.prior', 'public.prior');
    for (const c of opts.priorDetail.classes) rows.push([`上年支出 ${c.code} ${c.name}`, '', '']);
  }
  add('budget');
  const leaves = items.filter((i) => i.code.length === 7);
  for (const it of leaves) rows.push([`年初预算 ${it.code} ${it.name}`, '', '']);
  // 款 the table does not name and the project's list does not know: named once here.
  const unknownKuan = new Set(leaves.map((i) => i.code.slice(0, 5)).filter((k) => !KNOWN_KUAN[k] && !items.some((x) => x.code === k && x.name)));
  for (const k of unknownKuan) rows.push([`款名称 ${k}`, '', '']);
  add('sg.prior', 'sg.prior.abroad', 'sg.prior.reception', 'sg.prior.purchase', 'sg.prior.running');
  add('groupsAbroad', 'personsAbroad', 'groupsReception', 'guests', 'carsBought', 'cars');
  if (opts.priorDetail) add('cars.prior');
  add('running.budget');
  if (profile === 'national-2024' || opts.priorDetail) add('running.prior');
  add('trainees');
  add('gp.goods', 'gp.works', 'gp.services', 'gp.sme', 'gp.micro', 'gp.sme.goods', 'gp.sme.works', 'gp.sme.services');
  if (opts.priorDetail) add('gp.prior');
  add('car.minister', 'car.head', 'car.confidential', 'car.emergency', 'car.enforcement', 'car.special', 'car.retired', 'car.other', 'equipment');
  for (const text of TEXT_LABELS) rows.push([text, '', '']);
  for (const id of ['一', '四', '五(一)', '九', '十']) rows.push([`原因 ${id}`, '', '']);
  for (const item of ['因公出国（境）费', '公务接待费', '公务用车购置费', '公务用车运行维护费']) rows.push([`原因 九(一) ${item}`, '', '']);
  for (const it of leaves) rows.push([`原因 五(三) ${it.code}`, '', '']);
  if (profile === 'national-2024') {
    // 十 预算绩效管理情况 and 十一(二) 政府采购's 预留 amounts, which only the national template asks for.
    add('perf.targetCount', 'perf.targetBudget', 'perf.trackCount', 'perf.trackBudget', 'perf.issues', 'perf.fixed', 'perf.fixing');
    add('gp.smeReserved', 'gp.microReserved', 'gp.smeWon', 'gp.microWon', 'gp.smeOther');
    for (const id of ['十 制度', '十 机制', '七(一)', '七(一) 上年']) rows.push([`原因 ${id}`, '', '']);
  } else {
    // 十四: the unit's account of its performance, around the figures of the 绩效自评 tables.
    for (const id of ['十四(二)', '十四(二) 运行成本', '十四(二) 履职效能', '十四(二) 满意度', '十四(二) 综上', '十四(三) 方面', '十四(三)']) rows.push([`原因 ${id}`, '', '']);
  }
  return rows;
}

/** The key a 说明数据 label stands for (上年收支总计 → total.prior; 上年支出 201 … → class.prior:201), or undefined. */
export function inputKey(rawLabel: string): string | undefined {
  const label = normalizeText(rawLabel);
  const classPrior = /^上年支出(\d{3})(?!\d)/.exec(label);
  if (classPrior) return `class.prior:${classPrior[1]}`;
  return FIGURE_LABELS[label] ?? COUNT_LABELS[label];
}

/** Whether a key is a count (written as a whole number) rather than an amount in 万元. */
export function isCountKey(key: string): boolean {
  return Object.values(COUNT_LABELS).includes(key);
}
