/**
 * Finding the nine tables in any workbook an accountant keeps: any sheet
 * names, one or several tables per sheet, anywhere on the sheet, with or
 * without titles and 公开NN表 labels.
 *
 * 1. Titles and labels anchor regions (a region runs to the next anchor).
 * 2. Each region is read with its template's parser; a title with no table
 *    under it (a 目录 line, a sentence) is dropped.
 * 3. Tables still missing are looked for by their headers in what is left.
 * Both profiles are tried; the one that fits better wins unless the user
 * names one.
 */
import { withSavedNames } from './saved-names';
import type { WorkbookGrid } from '../grid/grid';
import { parseRangeA1, rangeA1 } from '../grid/a1';
import type { AmountUnit } from '../numbers/amount';
import { normalizeText } from '../numbers/parse';
import { PROFILES, profileById } from '../templates/profiles';
import type { Profile, TableTemplate } from '../templates/types';
import { parseCodeList } from './parsers/code-list';
import { parseEconomicBlocks } from './parsers/economic-blocks';
import { parseMatrix } from './parsers/matrix';
import type { ParseResult, Region, TableParser } from './parsers/region';
import { parseTwoSided } from './parsers/two-sided';
import { SheetView } from './sheet-view';
import type { MappedTable, Mapping, MappingOverrides } from './types';

const PARSERS: Record<TableTemplate['layout'], TableParser> = {
  'code-list': parseCodeList,
  'two-sided': parseTwoSided,
  'economic-blocks': parseEconomicBlocks,
  matrix: parseMatrix,
};

interface Anchor {
  readonly view: SheetView;
  readonly top: number;
  readonly col: number;
  readonly left: number;
  readonly template: TableTemplate;
  readonly title?: string;
  readonly titleRow?: number;
  readonly foundBy: 'title' | 'label';
  /** How much the anchor speaks for this profile: its label's number agrees with the title (+), or not (−). */
  readonly evidence: number;
}

const titleKeyCache = new WeakMap<TableTemplate, string[]>();
function titleKeys(t: TableTemplate): string[] {
  let k = titleKeyCache.get(t);
  if (!k) {
    k = [t.title, ...t.titleAliases].map(normalizeText);
    titleKeyCache.set(t, k);
  }
  return k;
}

/**
 * Every title of every profile, longest first, with the role it names. A
 * title is read against all of them, so that a title of another profile is
 * not taken for a shorter one of this profile (the national
 * 国有资本经营预算财政拨款收入支出决算表 holds the Hunan 支出决算表).
 */
let allTitles: Array<{ key: string; role: TableTemplate['role'] }> | undefined;
function titleIndex(): Array<{ key: string; role: TableTemplate['role'] }> {
  allTitles ??= PROFILES.flatMap((p) => p.tables.flatMap((t) => titleKeys(t).map((key) => ({ key, role: t.role })))).sort((a, b) => b.key.length - a.key.length);
  return allTitles;
}

/** The template whose title the text holds; the longest title wins (财政拨款收入支出决算总表 holds 收入支出决算总表). */
function matchTitle(norm: string, profile: Profile): { template: TableTemplate; len: number } | undefined {
  // Every title ends in 表; a cell without 表 is no title (the quick exit for most cells).
  if (!norm.includes('表')) return undefined;
  const best = titleIndex().find((t) => norm.includes(t.key));
  if (!best) return undefined;
  // A sentence or a 目录 line with its page number is not a title cell.
  if (norm.length > best.key.length + 40 || /[。；]/.test(norm)) return undefined;
  const template = profile.tables.find((t) => t.role === best.role);
  return template ? { template, len: best.key.length } : undefined;
}

function findAnchors(views: readonly SheetView[], profile: Profile): Anchor[] {
  const anchors: Anchor[] = [];
  for (const view of views) {
    const labels: Array<{ row: number; col: number; template: TableTemplate }> = [];
    const titles: Anchor[] = [];
    for (let r = 0; r < view.rowCount; r++) {
      for (let c = 0; c < view.colCount; c++) {
        const n = view.norm(r, c);
        if (n === '' || n.length > 90 || !n.includes('表')) continue;
        // The whole cell is the label (公开01表, 附表 公开01表); an address such as 公开02表!C9 is not.
        const lm = /^(?:附表)?公开0?(\d{1,2})表[:：]?$/.exec(n);
        if (lm) {
          const id = `公开${lm[1]!.padStart(2, '0')}表`;
          const template = profile.tables.find((t) => t.id === id);
          if (template) labels.push({ row: r, col: c, template });
          continue;
        }
        const tm = matchTitle(n, profile);
        // 收入决算表（续）: the same table carried over a page, not a table of its own.
        if (tm && /\(续[表一二三四五六七八九十\d]*\)$|续表$|^续表|\(续完\)$/.test(n)) continue;
        if (tm) {
          const merge = view.mergeAt(r, c);
          titles.push({
            view,
            top: r,
            col: c,
            left: merge ? merge.left : c,
            template: tm.template,
            title: view.text(r, c).replace(/\s+/g, ' ').trim(),
            titleRow: r,
            foundBy: 'title',
            evidence: 0,
          });
        }
      }
    }
    // A label within four rows of a title belongs to it; the title says which table it is.
    const usedLabels = new Set<number>();
    for (const t of titles) {
      const i = labels.findIndex((l, k) => !usedLabels.has(k) && Math.abs(l.row - t.top) <= 4);
      if (i >= 0) {
        usedLabels.add(i);
        const agrees = labels[i]!.template.id === t.template.id;
        anchors.push({ ...t, top: Math.min(t.top, labels[i]!.row), evidence: agrees ? 3 : -3 });
      } else anchors.push(t);
    }
    labels.forEach((l, k) => {
      if (!usedLabels.has(k)) anchors.push({ view, top: l.row, col: l.col, left: 0, template: l.template, foundBy: 'label', evidence: profile.hasTableLabels ? 1 : -1 });
    });
  }
  return anchors;
}

/** Regions between anchors: each runs down to the next anchor of its sheet; anchors side by side split the columns. */
function regionsOf(anchors: readonly Anchor[]): Array<{ anchor: Anchor; region: Region }> {
  const out: Array<{ anchor: Anchor; region: Region }> = [];
  const bySheet = new Map<SheetView, Anchor[]>();
  for (const a of anchors) bySheet.set(a.view, [...(bySheet.get(a.view) ?? []), a]);
  for (const [view, list] of bySheet) {
    list.sort((a, b) => a.top - b.top || a.col - b.col);
    for (const a of list) {
      const band = list.filter((b) => Math.abs(b.top - a.top) <= 3);
      const next = list.find((b) => b.top > a.top + 3);
      let left = 0;
      let right = view.colCount - 1;
      if (band.length > 1) {
        band.sort((x, y) => x.col - y.col);
        const i = band.indexOf(a);
        left = i === 0 ? 0 : band[i]!.left;
        right = i + 1 < band.length ? band[i + 1]!.left - 1 : view.colCount - 1;
      }
      out.push({
        anchor: a,
        region: {
          view,
          top: a.top,
          bottom: next ? next.top - 1 : view.rowCount - 1,
          left,
          right,
          foundBy: a.foundBy,
          ...(a.title !== undefined ? { title: a.title } : {}),
          ...(a.titleRow !== undefined ? { titleRow: a.titleRow } : {}),
        },
      });
    }
  }
  return out;
}

function parse(region: Region, template: TableTemplate): ParseResult | undefined {
  return PARSERS[template.layout](region, template);
}

/**
 * A title written exactly as this profile words it (national 基本支出决算表 vs
 * Hunan 基本支出决算明细表) speaks for it; one worded as another profile words
 * the same table speaks against it.
 */
function titleEvidence(anchor: Anchor): number {
  if (!anchor.title) return 0;
  const n = normalizeText(anchor.title);
  if (n.endsWith(normalizeText(anchor.template.title))) return 1;
  const other = PROFILES.some((p) => p.tables.some((t) => t.role === anchor.template.role && t.title !== anchor.template.title && n.endsWith(normalizeText(t.title))));
  return other ? -1 : 0;
}

/**
 * What the layout says for a profile: a 栏次 row is printed by the profiles that number their
 * columns (Hunan), never by the national template; a 合计 row stands first or last as the
 * profile puts it (the national 一般公共预算财政拨款支出决算表 closes with it).
 */
function layoutEvidence(profile: Profile, template: TableTemplate, r: ParseResult): number {
  let e = 0;
  if (r.table.laneRow !== undefined) e += profile.printsLanes ? 0.5 : -0.5;
  const total = r.table.totals.find((t) => t.key === 'total');
  if (template.totalRow && total && r.table.items.length > 0) {
    const first = total.row < Math.min(...r.table.items.map((i) => i.row));
    e += (template.totalRow === 'first') === first ? 0.5 : -0.5;
  }
  return e;
}

interface ProfileAttempt {
  readonly profile: Profile;
  readonly tables: Map<string, ParseResult>;
  readonly score: number;
  /** Sum of label and title evidence over the tables found. */
  readonly evidence: number;
  /** Labels whose number names another table than their title in this profile. */
  readonly disagreements: number;
}

function overlaps(a: MappedTable, sheet: string, top: number, bottom: number): boolean {
  return a.sheet === sheet && a.top <= bottom && top <= a.bottom;
}

/** Looks for missing tables by their headers in the rows no table has claimed. */
function findByHeaders(views: readonly SheetView[], profile: Profile, found: Map<string, ParseResult>): void {
  for (let guard = 0; guard < profile.tables.length; guard++) {
    const missing = profile.tables.filter((t) => !found.has(t.id));
    if (missing.length === 0) return;
    let best: { template: TableTemplate; result: ParseResult } | undefined;
    for (const view of views) {
      // Gaps: row spans of the sheet that no found table covers.
      const claimed = [...found.values()].map((r) => r.table).filter((t) => t.sheet === view.name).sort((a, b) => a.top - b.top);
      const gaps: Array<[number, number]> = [];
      let from = 0;
      for (const t of claimed) {
        if (t.top > from) gaps.push([from, t.top - 1]);
        from = Math.max(from, t.bottom + 1);
      }
      if (from < view.rowCount) gaps.push([from, view.rowCount - 1]);
      for (const [top, bottom] of gaps) {
        const region: Region = { view, top, bottom, left: 0, right: view.colCount - 1, foundBy: 'header' };
        for (const template of missing) {
          const result = parse(region, template);
          if (result && result.score >= 6 && (!best || result.score > best.result.score)) best = { template, result };
        }
      }
    }
    if (!best) return;
    found.set(best.template.id, best.result);
  }
}

function attempt(views: readonly SheetView[], profile: Profile, overrides: MappingOverrides | undefined): ProfileAttempt {
  const found = new Map<string, ParseResult>();
  const evidence = new Map<string, number>();
  const others = new Map<string, ParseResult[]>();
  // Ranges the user set come first and are read as given.
  for (const [id, where] of Object.entries(overrides?.ranges ?? {})) {
    const template = profile.tables.find((t) => t.id === id);
    const view = views.find((v) => v.name === where.sheet);
    const range = parseRangeA1(where.range);
    if (!template || !view || !range) continue;
    const result = parse({ view, ...range, foundBy: 'user' }, template);
    if (result) found.set(id, result);
  }
  for (const { anchor, region } of regionsOf(findAnchors(views, profile))) {
    if (found.has(anchor.template.id) && found.get(anchor.template.id)!.table.foundBy === 'user') continue;
    if ([...found.values()].some((f) => f.table.foundBy === 'user' && overlaps(f.table, region.view.name, region.top, region.bottom))) continue;
    const result = parse(region, anchor.template);
    if (!result) continue;
    others.set(anchor.template.id, [...(others.get(anchor.template.id) ?? []), result]);
    const prev = found.get(anchor.template.id);
    if (!prev || result.score > prev.score) {
      found.set(anchor.template.id, result);
      evidence.set(anchor.template.id, anchor.evidence + titleEvidence(anchor));
    }
  }
  findByHeaders(views, profile, found);
  // A table found more than once (a copy, last year's table beside this year's): say where the others are.
  for (const [id, results] of others) {
    const chosen = found.get(id);
    if (!chosen || results.length < 2) continue;
    const alternatives = results
      .filter((r) => r !== chosen && !(r.table.sheet === chosen.table.sheet && r.table.top === chosen.table.top))
      .map((r) => ({ sheet: r.table.sheet, range: rangeA1(r.table) }));
    if (alternatives.length) found.set(id, { ...chosen, table: { ...chosen.table, alternatives } });
  }
  let score = 0;
  let ev = 0;
  let disagreements = 0;
  for (const [id, r] of found) {
    const template = profile.tables.find((t) => t.id === id)!;
    score += 10 + r.score + ((evidence.get(id) ?? 0) + layoutEvidence(profile, template, r)) * 5;
    ev += evidence.get(id) ?? 0;
    if ((evidence.get(id) ?? 0) < 0) disagreements++;
  }
  return { profile, tables: found, score, evidence: ev, disagreements };
}

/** A table without its own 单位 line takes the unit the other tables state. */
function settleUnits(tables: MappedTable[]): MappedTable[] {
  const stated = tables.filter((t) => t.unitText !== undefined).map((t) => t.unit);
  const count = (u: AmountUnit) => stated.filter((x) => x === u).length;
  const common: AmountUnit = count('元') > count('万元') ? '元' : '万元';
  return tables.map((t) => (t.unitText === undefined && t.unit !== common ? { ...t, unit: common } : t));
}

/** The 部门 most of the mapped tables name (their 部门：… line), when they name one. */
export function departmentOf(mapping: Mapping): string | undefined {
  const counts = new Map<string, number>();
  for (const t of Object.values(mapping.tables)) if (t.department) counts.set(t.department.name, (counts.get(t.department.name) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The sheet the add-in writes its findings to: never a disclosure table. */
export const RESULT_SHEET_NAME = '检查结果';
/** The add-in's own sheets; _juesuan_data is the very hidden sheet where the WPS host keeps its record. */
export const OWN_SHEETS: ReadonlySet<string> = new Set([RESULT_SHEET_NAME, '说明数据', '情况说明', '情况说明(上一稿)', '情况说明（生成稿）', '_juesuan_data']);

/** The add-in's own sheets, the numbered drafts of the annotated copy (情况说明（生成稿）2 …) included. */
export function isOwnSheet(name: string): boolean {
  return OWN_SHEETS.has(name) || /^情况说明（生成稿）\d*$/.test(name);
}

export function mapWorkbook(grid: WorkbookGrid, given?: MappingOverrides): Mapping {
  // Ranges the user set by hand, then those the workbook's names keep (a workbook made by 新年度).
  const overrides = withSavedNames(grid.rangeNames, given);
  // The add-in's own sheets (findings, narrative inputs and text) are never disclosure tables.
  const views = grid.sheets.filter((s) => !isOwnSheet(s.name)).map((s) => new SheetView(s));
  const candidates = overrides?.profile ? [profileById(overrides.profile)] : PROFILES;
  // Profiles are tried in turn; one that finds every table with labels that
  // agree with its titles settles it (the usual case), sparing the others.
  const attempts: ProfileAttempt[] = [];
  for (const p of candidates) {
    const a = attempt(views, p, overrides);
    attempts.push(a);
    if (a.tables.size === p.tables.length && a.evidence >= p.tables.length * 2 && !a.disagreements) break;
  }
  const best = attempts.reduce((a, b) => (b.score > a.score ? b : a));
  const tables = settleUnits([...best.tables.values()].map((r) => r.table));
  const byId: Record<string, MappedTable> = {};
  for (const t of best.profile.tables) {
    const m = tables.find((x) => x.id === t.id);
    if (m) byId[t.id] = m;
  }
  const reason = given?.profile
    ? '由用户指定'
    : overrides?.profile
      ? '工作簿中保存的模板（新年度生成时写入）'
    : attempts.length === 1
      ? `按内容识别：找到全部 ${best.tables.size} 张表，表号与标题相符`
      : `按内容识别：${attempts.map((a) => `${a.profile.name}找到 ${a.tables.size} 张表`).join('，')}，取标题、表号与版式更相符的${best.profile.name}`;
  return {
    profile: best.profile.id,
    profileReason: reason,
    tables: byId,
    missing: best.profile.tables.filter((t) => !byId[t.id]).map((t) => t.id),
  };
}
