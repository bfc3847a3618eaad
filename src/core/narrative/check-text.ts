/**
 * 表文核对: a narrative someone already wrote (a sheet of paragraphs, found
 * by its section headings whatever the sheet's name) against the tables.
 * Each written clause is matched with the clause the generator writes from
 * the tables — the same words once figures are set aside — and every figure
 * in it is compared: an amount must equal the table's figure, a percentage
 * must be the ratio rounded to the decimals written.
 */
import { type CellRef, type SheetGrid, type WorkbookGrid, sheetFromValues } from '../grid/grid';
import { type Finding, plainFinding } from '../rules/finding';
import type { PerformanceTables } from '../performance/types';
import { checkPerformanceReport } from './check-report';
import { checkTextArithmetic } from './text-arithmetic';
import { readClaims } from './claims';
import { checkClaims, settledKey } from './check-claims';
import type { Fact } from './facts';
import { checkWording } from './check-wording';
import type { TableSet } from '../rules/table-values';
import type { Narrative } from './types';

const HEADING = /^([一二三四五六七八九十]+)、\S*(说明|情况)$/;
const SUB = /^[(（]([一二三四五六七八九十]+)[)）]/;

/** Text (pasted, or read from a .docx) as a sheet of paragraphs, one per row, for the 表文 check. */
export function narrativeSheet(name: string, text: string): SheetGrid {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return sheetFromValues(name, lines.map((l) => [l]));
}

export interface WrittenParagraph {
  readonly text: string;
  readonly ref: CellRef;
}

/** The section of a pasted text that stands under no heading. */
export const WHOLE_TEXT = '全文';

/** Where the narrative ends: the parts after 第三部分 (名词解释, 附件). */
const AFTER_NARRATIVE = /^第[四五六七]部分|^名词解释$/;
/** The title of a 绩效自评报告 (第五部分 附件, or a report on its own), not a list item naming it. */
const REPORT_TITLE = /绩效自评报告$/;
const LIST_ITEM = /^(附件|[一二三四五六七八九十]+、|\d+[.、．])/;

/**
 * The written narrative by section id (一, 五(二), 十四(一) …), or undefined
 * when the workbook holds none; and the 绩效自评报告 when the same sheet
 * carries it after the narrative (the whole disclosure pasted from Word).
 */
export interface WrittenNarrative {
  readonly sheet: string;
  /** The narrative's title (第三部分 XX 2024年度部门决算情况说明), when it has one before its first heading. */
  readonly title?: WrittenParagraph;
  /** 第三部分, by section id. */
  readonly sections: Map<string, WrittenParagraph[]>;
  /** The 绩效自评报告's paragraphs, in order … */
  readonly report: WrittenParagraph[];
  /** … and by its own sections (绩效一, 绩效六(二) …). */
  readonly reportSections: Map<string, WrittenParagraph[]>;
}

/**
 * `partial`: the text is a part of a narrative (a section or a paragraph pasted to check): it is read
 * whatever headings it has, and what stands before its first heading is the section 全文.
 */
export function readWrittenNarrative(grid: WorkbookGrid, opts: { partial?: boolean } = {}): WrittenNarrative | undefined {
  // The add-in's own 情况说明 first; the copy it set aside when writing a new one never.
  // Nor a draft the annotated copy added (情况说明（生成稿）): that is the tables' text, not the writer's.
  const sheets = [...grid.sheets].filter((s) => !s.name.endsWith('(上一稿)') && !/^情况说明（生成稿）\d*$/.test(s.name)).sort((a, b) => Number(b.name === '情况说明') - Number(a.name === '情况说明'));
  for (const sheet of sheets) {
    const lines: WrittenParagraph[] = [];
    for (let r = 0; r < sheet.rowCount; r++) {
      for (let c = 0; c < Math.min(sheet.colCount, 4); c++) {
        const v = sheet.cell(r, c)?.value;
        if (typeof v === 'string' && v.trim()) {
          lines.push({ text: v.replace(/\s+/g, ' ').trim(), ref: { sheet: sheet.name, row: r, col: c } });
          break;
        }
      }
    }
    const headings = lines.filter((l) => HEADING.test(l.text.replace(/\s+/g, '')));
    // A narrative has its headings; a 绩效自评报告 on its own may have fewer of that form, but its title.
    const isReport = lines.some((l) => REPORT_TITLE.test(l.text.replace(/\s+/g, '')) && !LIST_ITEM.test(l.text.replace(/\s+/g, '')));
    if (headings.length < 3 && !isReport && !(opts.partial && lines.length > 0)) continue;
    const sections = new Map<string, WrittenParagraph[]>();
    const report: WrittenParagraph[] = [];
    const reportSections = new Map<string, WrittenParagraph[]>();
    let reportKey = '';
    let key = '';
    let title: WrittenParagraph | undefined;
    let part: 'narrative' | 'after' | 'report' = 'narrative';
    for (const l of lines) {
      const t = l.text.replace(/\s+/g, '');
      if (REPORT_TITLE.test(t) && !LIST_ITEM.test(t)) part = 'report';
      else if (part === 'narrative' && AFTER_NARRATIVE.test(t)) part = 'after';
      if (part === 'report') {
        report.push(l);
        // The report's headings are of any wording (七、存在的问题及原因分析).
        const rh = /^([一二三四五六七八九十]+)、/.exec(t);
        const rs = SUB.exec(t);
        if (rh) reportKey = `绩效${rh[1]}`;
        else if (rs && reportKey) reportKey = `${reportKey.replace(/\(.+\)$/, '')}(${rs[1]})`;
        else if (reportKey) reportSections.set(reportKey, [...(reportSections.get(reportKey) ?? []), l]);
        continue;
      }
      if (part === 'after') continue;
      const h = HEADING.exec(t);
      const sub = SUB.exec(t);
      if (!key && !h && /\d{4}年度?.*决算/.test(t)) title ??= l;
      // （一）（二） under a heading make sub-sections: 五(二), 九(一), 十四(三).
      if (h) key = h[1]!;
      else if (sub && key) key = `${key.replace(/\(.+\)$/, '')}(${sub[1]})`;
      else if (key) sections.set(key, [...(sections.get(key) ?? []), l]);
      else if (opts.partial && l !== title) sections.set(WHOLE_TEXT, [...(sections.get(WHOLE_TEXT) ?? []), l]);
    }
    return { sheet: sheet.name, ...(title ? { title } : {}), sections, report, reportSections };
  }
  return undefined;
}

/** The written paragraphs for a generated section: its own, its parent's when not divided, or all its parts'. */
export function writtenFor(sections: Map<string, WrittenParagraph[]>, id: string): WrittenParagraph[] | undefined {
  const own = sections.get(id);
  if (own) return own;
  const parent = id.replace(/\(.+\)$/, '');
  if (parent !== id) return sections.get(parent);
  const parts = [...sections].filter(([k]) => k.startsWith(`${id}(`)).flatMap(([, v]) => v);
  return parts.length ? parts : undefined;
}

/** A figure written in a clause: 1820.23 (万元), 242.4 (%), with the decimals written. */
interface Written {
  readonly value: number;
  readonly decimals: number;
  readonly percent: boolean;
  readonly text: string;
}

// Figures as PDF copies leave them too: “840.70 万元”, “1, 820.23”.
const NUMBER = /(\d{1,3}(?:[,，]\s?\d{3})+(?:\s?[.．]\s?\d+)?|\d{1,3}(?: \d{3})+[.．]\d+|\d+(?:\s*[.．]\s*\d+)?)\s*(%|％|万元|元)?/g;

function figures(clause: string): Written[] {
  const out: Written[] = [];
  for (const m of clause.matchAll(NUMBER)) {
    const digits = m[1]!.replace(/[,，\s]/g, '');
    const unit = m[2];
    // Years, ordinals and counts are words here, not figures of the tables.
    if (!unit && !/^\d+\.\d+$/.test(digits)) continue;
    out.push({ value: Number(digits), decimals: (digits.split('.')[1] ?? '').length, percent: unit === '%' || unit === '％', text: m[0].trim() });
  }
  return out;
}

/** Words that say which way a figure moved: they must agree with the figures, so they are compared, not matched. */
const DIRECTION = /增加|减少|增长|下降|降低|大于|小于/g;

/** A clause without its figures and direction words: what must be the same for two clauses to say the same thing. */
function skeleton(clause: string): string {
  return clause.replace(/\s+/g, '').replace(NUMBER, '#').replace(/[:：]/g, '').replace(DIRECTION, '~');
}

const directions = (clause: string) => clause.match(DIRECTION) ?? [];

const clauses = (text: string) => text.split(/[。；;]/).map((c) => c.trim()).filter(Boolean);

/** What a year is about when the text names the accounts with it: 2024年度收入支出总计, 2024年度“三公”经费, 部门决算. */
const ACCOUNT_WORDS = /^(?:收|支|财政拨款|一般公共预算|政府性基金|国有资本|部门决算|单位决算|决算|“?三公|"?三公|机关运行|政府采购|预算绩效|无政府性基金|无国有资本|本部门|本单位)/;

/**
 * The years a text names for the accounts: YYYY年度 (or YYYY年) followed by what the accounts are
 * about, the comparison year of 与/比/较YYYY年度相比, in the part of each sentence before its
 * reasons and purposes (主要原因…, 主要用于…) — a project named with its year is no 年度.
 */
export function accountYears(text: string): Array<{ year: number; text: string; comparison: boolean; priorAllowed?: boolean }> {
  const out: Array<{ year: number; text: string; comparison: boolean; priorAllowed?: boolean }> = [];
  for (const sentence of text.split(/[。；;]/)) {
    const cut = sentence.search(/主要原因|原因[是为:：]|主要用于|用于[:：]|主要是因为|是因为/);
    const head = cut < 0 ? sentence : sentence.slice(0, cut);
    // A sentence that compares with last year may name last year's figure (2023年度…1,500万元，本年比上年增加…).
    const comparing = /相比|比上年|较上年|同比|比\d{4}年|增加|减少|增长|下降|降低/.test(sentence);
    for (const m of head.matchAll(/(与|比|较|同)?(\d{4})年(度)?/g)) {
      const after = head.slice(m.index! + m[0].length);
      const comparison = m[1] !== undefined && /^(相比|同期|减少|增加|增长|下降|降低|持平|基本持平)/.test(after);
      if (!comparison && !(m[3] && ACCOUNT_WORDS.test(after)) && !(!m[3] && /^(?:部门决算|决算)/.test(after))) continue;
      out.push({ year: Number(m[2]), text: m[0] + (comparison ? after.slice(0, 2) : ''), comparison, ...(comparing && !comparison ? { priorAllowed: true } : {}) });
    }
  }
  return out;
}

/** `performance`: the 绩效自评 tables, to check the 绩效自评报告 when the sheet carries it. */
export interface NarrativeCheckContext {
  /** What the tables (and 说明数据) say, for the claims the text makes in any wording. */
  readonly facts?: readonly Fact[];
  readonly tables?: TableSet;
  /** The 部门 the tables name. */
  readonly department?: string;
  readonly kuanNames?: Readonly<Record<string, string>>;
  /** The text is a part of a narrative (pasted to check): sections it does not have are not asked for. */
  readonly partial?: boolean;
}

export function checkWrittenNarrative(grid: WorkbookGrid, generated: Narrative, performance?: PerformanceTables, context: NarrativeCheckContext = {}): Finding[] {
  const facts = context.facts ?? [];
  const written = readWrittenNarrative(grid, { partial: context.partial ?? false });
  if (!written) return [];
  // What the text states on its own (a breakdown's sum, a rate's ratio) holds in the narrative and the report alike;
  // the narrative's shares are claims, checked with the tables'.
  const out: Finding[] = [];
  const arithmetic = (): Finding[] => [
    ...checkTextArithmetic([...written.sections.values()].flat().filter((p) => !compared.has(refKey(p.ref))), { shares: false }),
    ...checkTextArithmetic(written.report),
  ];
  // A 绩效自评报告 on its own has no sections of 第三部分 to compare.
  if (written.sections.size === 0) {
    if (performance && written.report.length) out.push(...checkPerformanceReport(written.report, performance));
    return [...out, ...arithmetic()];
  }
  // Paragraphs whose clauses were compared with the tables' own: their arithmetic is the tables' (R/X rules).
  const compared = new Set<string>();
  const refKey = (r: CellRef) => `${r.sheet}!${r.row}:${r.col}`;
  // Every amount and percentage the text claims, in whatever words, against every figure it can mean.
  const headingOf = (id: string) => {
    const sec = generated.sections.find((x) => x.id === id);
    return sec ? `“${sec.heading || sec.subheading || id}”` : `第${id}部分`;
  };
  const claims = checkClaims(readClaims(written.sections, { year: generated.year }), facts, headingOf);
  out.push(...claims.findings);
  for (const sec of generated.sections) {
    const paras = writtenFor(written.sections, sec.id);
    if (!paras) {
      if (!context.partial) {
        const name = sec.heading || sec.subheading || sec.id;
        out.push(
          plainFinding(
            'T02',
            'warning',
            { zh: `情况说明中没有“${name}”一节，模板要求写明。`, en: `The narrative has no section “${name}”, which the template requires.` },
            [],
            [],
          ),
        );
      }
      continue;
    }
    // The clauses the tables settle, by skeleton, in order: two items worded alike (same reason) pair up in turn.
    const expected = new Map<string, string[]>();
    for (const p of sec.paragraphs) {
      for (const c of clauses(p.text)) {
        if (c.includes('【')) continue;
        const k = skeleton(c);
        expected.set(k, [...(expected.get(k) ?? []), c]);
      }
    }
    for (const p of paras) {
      for (const c of clauses(p.text)) {
        const want = expected.get(skeleton(c))?.shift();
        if (!want) continue;
        compared.add(refKey(p.ref));
        // 增加/减少, 增长/下降, 大于/小于 as the figures say.
        const saidDir = directions(c);
        const rightDir = directions(want);
        saidDir.forEach((w, i) => {
          const r = rightDir[i];
          // 大于/小于 are judged on the written figures with the other claims (check-claims.ts).
          if (!r || r === w || /大于|小于/.test(w + r) || (w === '降低' && r === '下降') || (w === '下降' && r === '降低')) return;
          out.push(
            plainFinding(
              'T04',
              'error',
              {
                zh: `情况说明“${sec.heading || sec.subheading}”中“${c}”写作“${w}”，按表中数字应为“${r}”。`,
                en: `The narrative section “${sec.heading || sec.subheading}” says “${w}” in “${c}”; the figures say “${r}”.`,
              },
              [p.ref],
              [],
            ),
          );
        });
        const got = figures(c);
        const should = figures(want);
        got.forEach((g, i) => {
          const s = should[i];
          if (!s || s.percent !== g.percent) return;
          // Percentages, and amounts the claims already compared with the tables, are settled there: the
          // draft's own rounding (one decimal) is no measure of a figure written at two.
          if (g.percent || claims.settled.has(settledKey(p.ref, g.text))) return;
          // The tables are in 万元: an amount restated in 元 is off by ten thousand, whatever its digits.
          if (/(^|[^万])元$/.test(g.text) && /万元$/.test(s.text)) {
            out.push(
              plainFinding(
                'T09',
                'error',
                { zh: `情况说明“${sec.heading || sec.subheading}”中“${c}”写作 ${g.text}，表中金额单位为万元，应为 ${s.text}。`, en: `In the narrative section “${sec.heading || sec.subheading}”, “${c}” writes ${g.text}; the tables are in 万元: ${s.text}.` },
                [p.ref],
                [],
              ),
            );
            return;
          }
          // A figure written with fewer decimals than the table's is compared at the decimals written (23.6 = 23.60).
          const d = Math.max(g.decimals, s.decimals);
          if (Math.round(g.value * 10 ** d) === Math.round(s.value * 10 ** d)) return;
          out.push({
            ...plainFinding(
              'T01',
              'error',
              {
                zh: `情况说明“${sec.heading || sec.subheading}”中“${c}”写作 ${g.text}，按表中数字应为 ${s.text}${g.percent ? '' : ''}。`,
                en: `In the narrative section “${sec.heading || sec.subheading}”, the clause “${c}” writes ${g.text}; the tables give ${s.text}.`,
              },
              [p.ref],
              [],
            ),
            expected: s.value,
            actual: g.value,
            difference: Math.round(Math.abs(g.value - s.value) * 1e6) / 1e6,
          });
        });
      }
    }
  }
  // 年度 and 截至…日 must be the year disclosed (与2023年度相比 names the year before); years in reasons,
  // purposes and project names (2023年三季度…竞赛考核奖励经费) are not about the accounts.
  const yearParagraphs: Array<[string, WrittenParagraph]> = [
    ...(written.title ? [['标题', written.title] as [string, WrittenParagraph]] : []),
    ...[...written.sections].flatMap(([id, paras]) => paras.map((p) => [id, p] as [string, WrittenParagraph])),
  ];
  for (const [id, p] of yearParagraphs) {
    {
      const t = p.text.replace(/\s+/g, '');
      for (const y of accountYears(t)) {
        const want = y.comparison ? generated.year - 1 : generated.year;
        if (y.year === want || (y.priorAllowed && y.year === generated.year - 1)) continue;
        const part = id === '标题' ? '标题' : `第${id}部分`;
        out.push(
          plainFinding(
            'T05',
            'error',
            {
              zh: `情况说明${part}写“${y.text}”，本套决算是${generated.year}年度的${y.comparison ? `（比较的应是${generated.year - 1}年度）` : ''}。`,
              en: `${id === '标题' ? 'The title' : `Part ${id}`} of the narrative says “${y.text}”, but this disclosure is for ${generated.year}${y.comparison ? ` (the comparison is with ${generated.year - 1})` : ''}.`,
            },
            [p.ref],
            [],
          ),
        );
      }
      for (const m of t.matchAll(/截([至止])(\d{4})年12月31日/g)) {
        if (Number(m[2]) !== generated.year) {
          out.push(
            plainFinding(
              'T05',
              'error',
              { zh: `情况说明第${id}部分写“${m[0]}”，应为截至${generated.year}年12月31日。`, en: `Part ${id} of the narrative says “${m[0]}”; it should be 31 December ${generated.year}.` },
              [p.ref],
              [],
            ),
          );
        } else if (m[1] === '止') {
          out.push(
            plainFinding(
              'T05',
              'warning',
              { zh: `情况说明第${id}部分写“${m[0]}”：到某一时点应写“截至”，“截止”用于表示期限结束。`, en: `Part ${id} of the narrative writes 截止 before a date; 截至 is the word for “as of”.` },
              [p.ref],
              [],
            ),
          );
        }
      }
    }
  }

  // 完成年初预算的X% where the 年初预算 is 0 has no meaning; a reason the template asks for must be written.
  for (const [id, paras] of written.sections) {
    for (const p of paras) {
      const t = p.text.replace(/\s+/g, '');
      for (const c of t.split(/[。；;]/)) {
        if (/预算(数)?为0(\.0+)?万元/.test(c) && /完成(年初)?预算(数)?的/.test(c)) {
          out.push(
            plainFinding(
              'T06',
              'error',
              { zh: `情况说明第${id}部分“${c}”：年初预算为 0，不应写“完成年初预算的…%”。`, en: `Part ${id} of the narrative writes a completion rate against an initial budget of 0: “${c}”.` },
              [p.ref],
              [],
            ),
          );
        }
        if (/主要原因(是|为)?[:：]?$/.test(c) || /主要原因(是|为)?[:：]?(【请填写原因】|XX+|……|…)/.test(c)) {
          out.push(
            plainFinding(
              'T07',
              'warning',
              { zh: `情况说明第${id}部分“${c}”：模板要求写明原因，这里还没有写。`, en: `Part ${id} of the narrative leaves a required reason unwritten: “${c}”.` },
              [p.ref],
              [],
            ),
          );
        }
      }
    }
  }

  // 主要包括 lists, 科目 names, template text, the unit's name, rates without %.
  if (context.tables) out.push(...checkWording(written, context.tables, context));
  if (performance && written.report.length) out.push(...checkPerformanceReport(written.report, performance));
  // A paragraph whose figures were already compared with the tables needs no second word on the same slip.
  const against = new Set(out.filter((f) => f.rule === 'T01' || f.rule === 'T08').flatMap((f) => f.cells));
  return [...out, ...arithmetic().filter((f) => !f.cells.some((c) => against.has(c)))];
}
