/**
 * Finds and reads the 绩效自评 tables wherever they sit: by their titles
 * (2024年度项目支出绩效自评表), or, untitled, by the 项目支出名称 label.
 *
 * These forms reach us in every state: merged cells in the official Excel
 * template, or pasted from Word/PDF where a merged label moves the rest of
 * its row one column left or right. So the indicator grid is read by the
 * position of each row's own 分值 | 得分 pair, not only by the header's
 * columns, and the 基础数据表 by the offset that fits most of its rows.
 */
import type { CellRef, GridCell, SheetGrid, WorkbookGrid } from '../grid/grid';
import { isOwnSheet } from '../mapping/detect';
import { normalizeText, numberFormatDecimals, readAmountText, readCellAmount, roundDecimal, type ParsedNumber } from '../numbers/parse';
import type {
  AmountCell,
  BasicDataTable,
  ControlRow,
  FundsRow,
  Indicator,
  IndicatorGroup,
  PercentCell,
  PerformanceKind,
  PerformanceTables,
  ScoreCell,
  SelfEvaluationTable,
  UnreadableCell,
} from './types';


type AnchorKind = PerformanceKind | 'basics';

const TITLES: ReadonlyArray<readonly [RegExp, AnchorKind]> = [
  [/(绩效评价)?基础数据表$/, 'basics'],
  [/整体支出绩效自评表$/, 'overall'],
  [/项目支出绩效自评表$/, 'project'],
];

/** How far below a title the table's first labels must appear for the title to count (a sentence naming the table does not). */
const CONFIRM_ROWS = 15;
/** Forms are narrow; the widest seen has 13 columns. */
const SCAN_COLS = 20;

const cellText = (c: GridCell | undefined): string => (c === undefined || c.value === null ? '' : c.text && typeof c.value === 'number' ? c.text : String(c.value));
const normAt = (s: SheetGrid, r: number, c: number): string => normalizeText(cellText(s.cell(r, c)));
/** A label without its 其中： prefix, ordinal (1、) and trailing colon. */
const labelOf = (t: string): string => t.replace(/^其中[:：]?/, '').replace(/^\d+[、.．]/, '').replace(/[:：]$/, '');

function rowCells(s: SheetGrid, r: number): string[] {
  const n = Math.min(s.colCount, SCAN_COLS);
  return Array.from({ length: n }, (_, c) => normAt(s, r, c));
}

/** The text of the merged area a cell lies in (it is kept on the area's first cell only). */
function mergedText(s: SheetGrid, r: number, c: number): string {
  const m = s.merges.find((x) => r >= x.top && r <= x.bottom && c >= x.left && c <= x.right);
  return m ? cellText(s.cell(m.top, m.left)).trim() : '';
}

function findInRows(s: SheetGrid, from: number, to: number, test: (t: string) => boolean): { row: number; col: number } | undefined {
  for (let r = from; r < Math.min(to, s.rowCount); r++) {
    const cells = rowCells(s, r);
    const col = cells.findIndex(test);
    if (col >= 0) return { row: r, col };
  }
  return undefined;
}

interface Anchor {
  readonly sheet: SheetGrid;
  readonly row: number;
  readonly kind: AnchorKind;
  readonly year?: number;
}

function confirms(s: SheetGrid, row: number, kind: AnchorKind): boolean {
  const want = kind === 'basics' ? (t: string) => t === '编制数' || t.startsWith('经费控制情况') : (t: string) => t.includes('全年执行数') || /^项目(支出)?名称$/.test(t);
  return findInRows(s, row + 1, row + 1 + CONFIRM_ROWS, want) !== undefined;
}

function findAnchors(grid: WorkbookGrid): Anchor[] {
  const anchors: Anchor[] = [];
  for (const sheet of grid.sheets) {
    if (isOwnSheet(sheet.name)) continue;
    const own: Anchor[] = [];
    const cols = Math.min(sheet.colCount, SCAN_COLS);
    for (let r = 0; r < sheet.rowCount; r++) {
      for (let c = 0; c < cols; c++) {
        // Every anchor is a label: numbers (most of a workbook's cells) are passed over unread.
        const value = sheet.cell(r, c)?.value;
        if (typeof value !== 'string') continue;
        const t = normalizeText(value);
        if (!t) continue;
        const hit = TITLES.find(([re]) => re.test(t));
        // A list of attachments (附件：1. 部门整体支出绩效评价基础数据表) names a table without being it.
        if (hit && t.length <= 40 && !/^(附件|\d+[.、．])/.test(t) && confirms(sheet, r, hit[1])) {
          const y = /(\d{4})年/.exec(t);
          own.push({ sheet, row: r, kind: hit[1], ...(y ? { year: Number(y[1]) } : {}) });
          break;
        }
        // An untitled project table starts at its 项目支出名称 row.
        if (/^项目(支出)?名称$/.test(t) && !own.some((a) => a.kind === 'project' && r - a.row <= CONFIRM_ROWS && r > a.row)) {
          own.push({ sheet, row: r, kind: 'project' });
          break;
        }
        // An untitled overall table: its 按收入性质分 block, under the 部门名称 and funds header rows above it;
        // an untitled 基础数据表: its 财政供养人员情况 row.
        const near = (k: AnchorKind) => own.some((a) => a.kind === k && Math.abs(r - a.row) <= CONFIRM_ROWS);
        if (t.startsWith('按收入性质分') && !near('overall')) {
          const top = findInRows(sheet, Math.max(0, r - 6), r, (x) => /部门名称$|单位名称$|全年执行数|年度预算申请/.test(x));
          own.push({ sheet, row: top ? top.row : r, kind: 'overall' });
          break;
        }
        if (t.startsWith('财政供养人员情况') && !near('basics')) {
          own.push({ sheet, row: r, kind: 'basics' });
          break;
        }
      }
    }
    // In the order they sit, so that each table runs to the next one's start.
    own.sort((a, b) => a.row - b.row);
    anchors.push(...own);
  }
  return anchors;
}

// ---------------------------------------------------------------------------
// Numbers of the forms

function scaledOf(p: ParsedNumber, decimals: number): number {
  const r = roundDecimal(p, decimals);
  const n = Number(r.intDigits + r.fracDigits);
  return p.negative ? -n : n;
}

/** A plain number (分值, 得分, 编制数); undefined when the cell is blank or holds text. */
export function readScore(cell: GridCell | undefined, ref: CellRef): ScoreCell | undefined {
  if (!cell || cell.value === null || cell.value === '' || typeof cell.value === 'boolean') return undefined;
  const t = typeof cell.value === 'number' ? (cell.text && !cell.text.includes('%') ? cell.text : String(cell.value)) : cell.value;
  const p = readAmountText(t);
  if (p === undefined || p === 'empty') return undefined;
  return { scaled: scaledOf(p, 4), decimals: p.fracDigits.length, ref };
}

/** "99.32%", a number formatted as a percentage, or a number written as the percentage itself. */
export function readPercent(cell: GridCell | undefined, ref: CellRef): PercentCell | undefined {
  if (!cell || cell.value === null || cell.value === '' || typeof cell.value === 'boolean') return undefined;
  const fromText = (t: string): PercentCell | undefined => {
    const m = /^(.*?)%$/.exec(t.normalize('NFKC').replace(/\s+/g, ''));
    if (!m) return undefined;
    const p = readAmountText(m[1]!);
    if (p === undefined || p === 'empty') return undefined;
    return { scaled: scaledOf(p, p.fracDigits.length), decimals: p.fracDigits.length, text: t.trim(), ref };
  };
  if (typeof cell.value === 'string') return fromText(cell.value);
  if (cell.text && cell.text.includes('%')) return fromText(cell.text);
  const v = cell.value;
  const isPercentFormat = (cell.numberFormat ?? '').includes('%');
  if (isPercentFormat || Math.abs(v) <= 1.5) {
    // A fraction shown as a percentage: 0.9932 → 99.32 %.
    // Unformatted (a formula's result in General format): read as the two decimals a rate is published with.
    const d = isPercentFormat ? (numberFormatDecimals(cell.numberFormat) ?? 2) : Math.min(2, Math.max(0, (String(v).split('.')[1]?.length ?? 0) - 2));
    const scaled = Math.round(v * 100 * 10 ** d);
    return { scaled, decimals: d, text: `${(scaled / 10 ** d).toFixed(d)}%`, ref };
  }
  const p = readAmountText(String(v));
  if (p === undefined || p === 'empty') return undefined;
  return { scaled: scaledOf(p, p.fracDigits.length), decimals: p.fracDigits.length, text: `${String(v)}%`, ref };
}

function readAmountAt(s: SheetGrid, r: number, c: number | undefined, what: string, bad: UnreadableCell[]): AmountCell | undefined {
  if (c === undefined || c < 0) return undefined;
  const ref = { sheet: s.name, row: r, col: c };
  const reading = readCellAmount(s.cell(r, c), '万元');
  if (reading.kind === 'number') return { figure: reading.figure, ref };
  if (reading.kind === 'text') bad.push({ text: reading.text, ref, what });
  return undefined;
}

/** An amount written after its label in the same cell: 其中：一般公共预算：2652.14. */
function trailingAmount(s: SheetGrid, r: number, c: number, rest: string): AmountCell | undefined {
  const reading = readCellAmount({ value: rest }, '万元');
  return reading.kind === 'number' ? { figure: reading.figure, ref: { sheet: s.name, row: r, col: c } } : undefined;
}

// ---------------------------------------------------------------------------
// 整体支出 / 项目支出 绩效自评表

const FUNDS_COLUMNS: ReadonlyArray<readonly [keyof Omit<FundsRow, 'label' | 'row'>, RegExp]> = [
  ['initial', /年初预算/],
  ['full', /全年预算/],
  ['actual', /全年执行|执行数/],
  ['weight', /^分值/],
  ['rate', /执行率/],
  ['score', /^得分/],
];

const INCOME_LABELS = /^(一般公共预算|政府性基金拨款|政府性基金|纳入专户管理的非税收入拨款|其他资金|其它资金|基本支出|项目支出)[:：]?(.*)$/;

function readSelfEvaluation(sheet: SheetGrid, start: number, end: number, kind: PerformanceKind, year: number | undefined, index: number): SelfEvaluationTable {
  const unreadable: UnreadableCell[] = [];
  const ref = (row: number, col: number): CellRef => ({ sheet: sheet.name, row, col });
  const nextText = (r: number, c: number): string => {
    for (let k = c + 1; k < Math.min(sheet.colCount, SCAN_COLS); k++) {
      const t = cellText(sheet.cell(r, k)).trim();
      if (t) return t;
    }
    return '';
  };

  // The name: 项目支出名称 | 拆违治违经费, or 预算部门名称 | 株洲市…中心.
  const nameAt = findInRows(sheet, start, end, (t) => (kind === 'project' ? /^项目(支出)?名称$/.test(t) : /部门名称$|单位名称$/.test(t)));
  const name = nameAt ? nextText(nameAt.row, nameAt.col) : '';

  // The funds block.
  const header = findInRows(sheet, start, end, (t) => /全年执行|全年预算/.test(t));
  const cols: Partial<Record<string, number>> = {};
  let total: FundsRow | undefined;
  const sources: FundsRow[] = [];
  const byIncome: Array<{ label: string; amount: AmountCell }> = [];
  let basic: AmountCell | undefined;
  let project: AmountCell | undefined;
  const goalsAt = findInRows(sheet, start, end, (t) => t.startsWith('年度总体目标') || t === '年度目标');
  const gridAt = findInRows(sheet, start, end, (t) => t === '一级指标');
  const fundsEnd = Math.min(goalsAt?.row ?? end, gridAt?.row ?? end, end);
  if (header) {
    const cells = rowCells(sheet, header.row);
    for (const [key, re] of FUNDS_COLUMNS) {
      const c = cells.findIndex((t) => re.test(t));
      if (c >= 0) cols[key] = c;
    }
    const firstAmountCol = Math.min(...[cols['initial'], cols['full'], cols['actual']].filter((c): c is number => c !== undefined));
    for (let r = header.row + 1; r < fundsEnd; r++) {
      const cells = rowCells(sheet, r);
      const labels = cells.slice(0, firstAmountCol).filter((t) => t !== '');
      const label = labelOf(labels[labels.length - 1] ?? '');
      const readRow = (): FundsRow => {
        const what = (k: string) => `${label}的${k}`;
        const rate = cols['rate'] !== undefined ? readPercent(sheet.cell(r, cols['rate']), ref(r, cols['rate'])) : undefined;
        const weight = cols['weight'] !== undefined ? readScore(sheet.cell(r, cols['weight']), ref(r, cols['weight'])) : undefined;
        const score = cols['score'] !== undefined ? readScore(sheet.cell(r, cols['score']), ref(r, cols['score'])) : undefined;
        const initial = readAmountAt(sheet, r, cols['initial'], what('年初预算数'), unreadable);
        const full = readAmountAt(sheet, r, cols['full'], what('全年预算数'), unreadable);
        const actual = readAmountAt(sheet, r, cols['actual'], what('全年执行数'), unreadable);
        return { label, row: r, ...(initial && { initial }), ...(full && { full }), ...(actual && { actual }), ...(weight && { weight }), ...(rate && { rate }), ...(score && { score }) };
      };
      if (/^(年度)?资金总额$|^合计$/.test(label)) {
        total = readRow();
        continue;
      }
      if (kind === 'project' && /财政拨款|上年结转|结转资金|其[它他]资金/.test(label)) {
        sources.push(readRow());
        continue;
      }
      if (kind === 'overall') {
        for (let c = 0; c < cells.length; c++) {
          const m = INCOME_LABELS.exec(labelOf(cells[c]!));
          if (!m) continue;
          const which = m[1]!;
          let amount = m[2] ? trailingAmount(sheet, r, c, m[2]) : undefined;
          if (!amount && !m[2]) {
            // The amount sits in the next non-empty cell, unless that is the next label.
            for (let k = c + 1; k < cells.length; k++) {
              if (!cells[k]) continue;
              if (!INCOME_LABELS.test(labelOf(cells[k]!))) amount = readAmountAt(sheet, r, k, `${which}的金额`, unreadable);
              break;
            }
          }
          if (!amount) continue;
          if (which === '基本支出') basic = amount;
          else if (which === '项目支出') project = amount;
          else byIncome.push({ label: which, amount });
        }
      }
    }
  }

  // 年度总体目标: the texts between its label and the indicator grid.
  const goals: Array<{ text: string; ref: CellRef; achieved: boolean }> = [];
  if (goalsAt) {
    const stop = Math.min(gridAt?.row ?? end, end);
    // 预期目标 | 实际完成情况: what was achieved sits under the second label.
    const achievedAt = findInRows(sheet, goalsAt.row, stop, (t) => /^实际完成/.test(t));
    for (let r = goalsAt.row; r < stop; r++) {
      for (let c = 0; c < Math.min(sheet.colCount, SCAN_COLS); c++) {
        const t = cellText(sheet.cell(r, c)).trim();
        if (t && !/^(年度总体目标|年度目标|预期目标|实际完成情况|总体目标)$/.test(normalizeText(t))) goals.push({ text: t, ref: ref(r, c), achieved: !achievedAt || c >= achievedAt.col - 1 });
      }
    }
  }

  // The indicator grid.
  const indicators: Indicator[] = [];
  const groups: IndicatorGroup[] = [];
  let hasReasonColumn = false;
  let totalWeight: ScoreCell | undefined;
  let totalScore: ScoreCell | undefined;
  if (gridAt) {
    const cells = rowCells(sheet, gridAt.row);
    const at = (re: RegExp) => cells.findIndex((t) => re.test(t));
    const g = {
      l1: at(/^一级指标/),
      l2: at(/^二级指标/),
      l3: at(/^三级指标/),
      target: at(/指标值$|^年度指标/),
      achieved: at(/^实际完成值|^实际值|^完成值/),
      weight: at(/^分值/),
      score: at(/^得分/),
      reason: at(/偏差原因|改进措施/),
    };
    hasReasonColumn = g.reason >= 0;
    let level1 = '';
    let level2 = '';
    for (let r = gridAt.row + 1; r < end; r++) {
      const row = rowCells(sheet, r);
      if (row.every((t) => t === '')) continue;
      const numbers = row.map((_, c) => readScore(sheet.cell(r, c), ref(r, c)));
      if (row.some((t) => t === '总分' || t === '合计得分')) {
        const nums = numbers.filter((n): n is ScoreCell => n !== undefined);
        if (nums.length >= 2) {
          totalWeight = nums[nums.length - 2];
          totalScore = nums[nums.length - 1];
        } else if (nums.length === 1) {
          if (nums[0]!.scaled === 100 * 10_000) totalWeight = nums[0];
          else totalScore = nums[0];
        }
        break;
      }
      // A row whose 分值 is not under its header was moved by a paste: its own 分值 | 得分 pair,
      // the adjacent numbers nearest the header's 分值 column, right of what it achieved. A row with
      // its 分值 in place stays (its 得分 may just be blank, not yet scored).
      let shift = 0;
      if (g.weight >= 0 && !numbers[g.weight]) {
        let best: number | undefined;
        for (let c = Math.max(0, g.l3 + 1, g.achieved + 1); c + 1 < row.length; c++) {
          if (numbers[c] && numbers[c + 1] && (best === undefined || Math.abs(c - g.weight) < Math.abs(best - g.weight))) best = c;
        }
        if (best !== undefined && Math.abs(best - g.weight) <= 2) shift = best - g.weight;
      }
      const txt = (c: number) => (c >= 0 ? cellText(sheet.cell(r, c + shift)).trim() : '');
      const l1 = txt(g.l1);
      if (l1) {
        level1 = l1;
        level2 = '';
        const pts = /\((\d+(?:\.\d+)?)分\)|(\d+(?:\.\d+)?)分/.exec(normalizeText(l1));
        groups.push({ name: l1.replace(/[(（].*$/, '').trim(), ...(pts ? { points: Number(pts[1] ?? pts[2]) } : {}), ref: ref(r, g.l1 + shift) });
      }
      const l2 = txt(g.l2);
      if (l2) level2 = l2;
      const l3 = txt(g.l3);
      const weight = g.weight >= 0 ? numbers[g.weight + shift] : undefined;
      const score = g.score >= 0 ? numbers[g.score + shift] : undefined;
      if (!l3 && !weight && !score) continue;
      indicators.push({
        row: r,
        level1,
        level2,
        level3: l3,
        target: txt(g.target),
        achieved: txt(g.achieved),
        ...(weight && { weight }),
        ...(score && { score }),
        // A reason merged down over several rows is written once, in the area's first cell.
        ...(hasReasonColumn ? { reason: txt(g.reason) || mergedText(sheet, r, g.reason + shift) } : {}),
        ref: ref(r, g.l3 >= 0 ? g.l3 + shift : 0),
      });
    }
  }

  const id = kind === 'overall' ? '整体支出绩效自评表' : `项目支出绩效自评表（${name || `第 ${index + 1} 张`}）`;
  return {
    kind,
    id,
    sheet: sheet.name,
    titleRow: start,
    name,
    ...(year !== undefined ? { year } : {}),
    ...(total && { total }),
    sources,
    byIncome,
    ...(basic && { basic }),
    ...(project && { project }),
    goals,
    groups,
    indicators,
    hasReasonColumn,
    ...(totalWeight && { totalWeight }),
    ...(totalScore && { totalScore }),
    unreadable,
  };
}

// ---------------------------------------------------------------------------
// 整体支出绩效评价基础数据表

const CONTROL_KEYS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^三公经费/, '三公经费'],
  [/公务用车购置和维护|公务用车购置及运行/, '公务用车'],
  [/^公车购置|^公务用车购置/, '公车购置'],
  [/公车运行|公务用车运行/, '公车运行维护'],
  [/出国/, '出国经费'],
  [/公务接待/, '公务接待'],
  [/^项目支出/, '项目支出'],
  [/业务工作经费/, '业务工作经费'],
  [/^运行维护经费/, '运行维护经费'],
  [/专项资金/, '专项资金'],
  [/^公用经费/, '公用经费'],
  [/办公经费/, '办公经费'],
  [/^水费/, '水电差旅'],
  [/^会议费/, '会议培训'],
  [/政府采购/, '政府采购金额'],
  [/基本支出/, '基本支出'],
];

function readBasicData(sheet: SheetGrid, start: number, end: number, year: number | undefined): BasicDataTable {
  const unreadable: UnreadableCell[] = [];
  const ref = (row: number, col: number): CellRef => ({ sheet: sheet.name, row, col });

  // 财政供养人员情况: 编制数 | 实际在职人数 | 控制率, values on the next row, in that order.
  let staff: BasicDataTable['staff'];
  const staffAt = findInRows(sheet, start, end, (t) => t === '编制数');
  if (staffAt) {
    for (let r = staffAt.row + 1; r < Math.min(end, staffAt.row + 3) && !staff; r++) {
      const found: Array<ScoreCell | PercentCell> = [];
      for (let c = 0; c < Math.min(sheet.colCount, SCAN_COLS); c++) {
        const cell = sheet.cell(r, c);
        const text = cellText(cell);
        if (!text.trim()) continue;
        const pct = text.includes('%') || (cell?.numberFormat ?? '').includes('%') ? readPercent(cell, ref(r, c)) : undefined;
        const n = pct ?? readScore(cell, ref(r, c));
        if (n) found.push(n);
      }
      if (found.length >= 2) {
        const [a, b, rate] = found;
        staff = { authorized: a as ScoreCell, actual: b as ScoreCell, ...(rate && 'text' in rate ? { rate } : {}) };
      }
    }
  }

  // 经费控制情况: 上年决算数 | 本年预算数 | 本年决算数.
  const rows = new Map<string, ControlRow>();
  const projects: ControlRow[] = [];
  const headerAt = findInRows(sheet, start, end, (t) => t.startsWith('经费控制情况'));
  if (headerAt) {
    const cells = rowCells(sheet, headerAt.row);
    const decided = cells.map((t, c) => ({ t, c })).filter(({ t, c }) => c > headerAt.col && /决算|预算/.test(t));
    const prior = decided.find((x) => /决算/.test(x.t))?.c;
    const budget = decided.find((x) => /预算/.test(x.t))?.c;
    const actual = [...decided].reverse().find((x) => /决算/.test(x.t) && x.c !== prior)?.c;
    const stop = findInRows(sheet, headerAt.row + 1, end, (t) => /^楼堂馆所|^厉行节约/.test(t))?.row ?? end;
    // Pasted tables put values one column left of their headers; take the offset that fits most cells.
    const headerCols = [prior, budget, actual].filter((c): c is number => c !== undefined);
    const hits = (off: number) => {
      let n = 0;
      for (let r = headerAt.row + 1; r < stop; r++) for (const c of headerCols) if (cellText(sheet.cell(r, c + off)).trim()) n++;
      return n;
    };
    const offset = [0, -1, 1].reduce((best, off) => (hits(off) > hits(best) ? off : best), 0);
    let inProjects = false;
    for (let r = headerAt.row + 1; r < stop; r++) {
      const raw = cellText(sheet.cell(r, headerAt.col)).trim();
      if (!raw || /^[.。…·]+$/.test(raw)) continue;
      const label = labelOf(normalizeText(raw));
      const what = (k: string) => `${raw}的${k}`;
      const read = (c: number | undefined, k: string) => (c === undefined ? undefined : readAmountAt(sheet, r, c + offset, what(k), unreadable));
      const p = read(prior, '上年决算数');
      const b = read(budget, '本年预算数');
      const a = read(actual, '本年决算数');
      const row: ControlRow = { label: raw, row: r, ...(p && { prior: p }), ...(b && { budget: b }), ...(a && { actual: a }) };
      // Under 专项资金 every row is a project, whatever its name (双碳专项资金, 机关办公经费),
      // until a label of the block after it.
      if (inProjects && !/^(公用经费|政府采购|部门基本支出|基本支出)/.test(label)) {
        projects.push(row);
        continue;
      }
      const key = CONTROL_KEYS.find(([re]) => re.test(label))?.[1];
      if (key === '专项资金') inProjects = true;
      else if (key) inProjects = false;
      if (key && !rows.has(key)) rows.set(key, row);
    }
  }
  return { id: '整体支出绩效评价基础数据表', sheet: sheet.name, titleRow: start, ...(year !== undefined ? { year } : {}), ...(staff && { staff }), rows, projects, unreadable };
}

function yearNear(s: SheetGrid, row: number): number | undefined {
  for (let r = Math.max(0, row - 2); r <= row + 2 && r < s.rowCount; r++) {
    for (const t of rowCells(s, r)) {
      const m = /(\d{4})年度/.exec(t);
      if (m) return Number(m[1]);
    }
  }
  return undefined;
}

/** Every 绩效自评 table of the workbook. */
export function readPerformanceTables(grid: WorkbookGrid): PerformanceTables {
  const anchors = findAnchors(grid);
  let overall: SelfEvaluationTable | undefined;
  let basics: BasicDataTable | undefined;
  const projects: SelfEvaluationTable[] = [];
  anchors.forEach((a, i) => {
    const next = anchors.slice(i + 1).find((b) => b.sheet === a.sheet);
    const end = next ? next.row : a.sheet.rowCount;
    // The year in the title, or on a line of its own under it: （2024年度）.
    const year = a.year ?? yearNear(a.sheet, a.row);
    if (a.kind === 'basics') basics ??= readBasicData(a.sheet, a.row, end, year);
    else if (a.kind === 'overall') overall ??= readSelfEvaluation(a.sheet, a.row, end, 'overall', year, 0);
    else projects.push(readSelfEvaluation(a.sheet, a.row, end, 'project', year, projects.length));
  });
  return { ...(overall && { overall }), projects, ...(basics && { basics }) };
}
