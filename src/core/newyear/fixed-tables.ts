/**
 * The two tables of fixed rows: the basic-expenditure detail (公开06表, 经济分类
 * codes in side-by-side blocks, each 类 the SUMIFS of its 款 over its block,
 * 人员经费合计 = 301 + 303, 公用经费合计 the other 类) and 三公经费 (one row:
 * 合计 = 出国 + 公务用车 + 接待, 小计 = 购置 + 运行, 预算数 and 决算数).
 */
import type { ProfileId } from '../templates/types';
import { subtotalRows, sumIfsOver } from './list-table';
import { type PlanCell, type PlanSheet, SheetBuilder, type TableHead, code, formula, header, input, label, lane, rel, total } from './plan';

export interface EconomicItem {
  readonly code: string;
  readonly name: string;
}

/** Which 类 each block holds, in the profile's print order; 人员经费 are 301 and 303. */
const BLOCKS: Record<ProfileId, ReadonlyArray<readonly string[]>> = {
  'hunan-2024': [['301', '303'], ['302'], ['307', '310', '399']],
  'national-2024': [['301', '303'], ['302', '310']],
};
const PERSONNEL = new Set(['301', '303']);

export interface EconomicSpec extends TableHead {
  readonly profile: ProfileId;
  /** Every 类 and 款 to print (the profile's list, and any more last year's table had). */
  readonly codes: readonly EconomicItem[];
}

/** The codes of each block, 类 first then its 款 in code order; a 类 no block names goes to the last block. */
function blockCodes(profile: ProfileId, codes: readonly EconomicItem[]): EconomicItem[][] {
  const blocks = BLOCKS[profile].map((classes) => [...classes]);
  const last = blocks[blocks.length - 1]!;
  // A 类 of last year's table (or of a 款 of it) that the profile does not print goes to the last block, under its own name or one to fill in.
  for (const c of codes) {
    const cls = c.code.slice(0, 3);
    if (!blocks.some((b) => b.includes(cls))) last.push(cls);
  }
  return blocks.map((classes) =>
    classes.flatMap((cls) => {
      const own = codes.filter((c) => c.code.startsWith(cls));
      const head = own.find((c) => c.code === cls) ?? { code: cls, name: '' };
      return [head, ...own.filter((c) => c.code !== cls).sort((a, b) => a.code.localeCompare(b.code))];
    }),
  );
}

export function economicTable(spec: EconomicSpec): PlanSheet {
  const hunan = spec.profile === 'hunan-2024';
  const blocks = blockCodes(spec.profile, spec.codes);
  const width = blocks.length * 3;
  const b = new SheetBuilder(spec.sheet, width);
  const top = b.row;
  b.titleBlock(spec);
  if (hunan) {
    const g = b.line(['人员经费']);
    b.set(g, 3, header('公用经费'));
    b.merge(g, 0, g, 2);
    b.merge(g, 3, g, width - 1);
  }
  const head = hunan ? ['科目代码', '科目名称', '决算数'] : ['经济分类科目编码', '科目名称', '决算数'];
  b.line(blocks.flatMap(() => head));
  const first = b.row;
  const depth = Math.max(...blocks.map((bl) => bl.length));
  const last = first + depth - 1;
  const classCells: Array<{ code: string; cell: string }> = [];
  for (let i = 0; i < depth; i++) {
    const cells: Array<PlanCell | null> = [];
    blocks.forEach((bl, k) => {
      const it = bl[i];
      if (!it) return cells.push(null, null, null);
      const amountCol = k * 3 + 2;
      let amount: PlanCell;
      if (it.code.length === 3) {
        const from = Number(it.code) * 100;
        const group = subtotalRows(bl.map((x) => x.code), i, first, last);
        amount = formula(sumIfsOver({ ...group, sheet: spec.sheet, codeCol: k * 3, amountCol }, from, from + 99, spec.sheet));
        classCells.push({ code: it.code, cell: rel(first + i, amountCol) });
      } else {
        amount = input({ table: 'gpbBasic', row: `code:${it.code}`, col: '决算数' });
      }
      return cells.push(code(it.code), it.name ? label(it.name) : { role: 'text' }, amount);
    });
    b.line(cells);
  }
  const sumOf = (personnel: boolean) => {
    const parts = classCells.filter((c) => PERSONNEL.has(c.code) === personnel).map((c) => c.cell);
    return total(parts.length ? parts.join('+') : '0');
  };
  const footer = b.line([label('人员经费合计'), null, sumOf(true), label('公用经费合计')]);
  b.set(footer, width - 1, sumOf(false));
  b.merge(footer, 0, footer, 1);
  b.merge(footer, 3, footer, width - 2);
  b.notes(spec.notes);
  b.table(spec.id, top, b.row - 1);
  return b.build({ widths: blocks.flatMap(() => [10, 26, 13]), freezeRows: first, landscape: true });
}

const SG_ITEMS = ['合计', '因公出国（境）费', '公务用车购置及运行维护费', '公务用车购置费', '公务用车运行维护费', '公务接待费'] as const;

export interface ThreePublicSpec extends TableHead {
  readonly profile: ProfileId;
}

/** 三公经费: Hunan prints 预算数 and 决算数 as two blocks of six; the national template pairs them under each item. */
export function threePublicTable(spec: ThreePublicSpec): PlanSheet {
  const hunan = spec.profile === 'hunan-2024';
  const width = 12;
  const b = new SheetBuilder(spec.sheet, width);
  const top = b.row;
  b.titleBlock(spec);
  const stages = ['预算', '决算'] as const;
  // The column of an item of a stage.
  const colOf = (stage: number, item: number) => (hunan ? stage * 6 + item : item * 2 + stage);
  const h = b.row;
  if (hunan) {
    b.line(['预算数', null, null, null, null, null, '决算数']);
    b.merge(h, 0, h, 5);
    b.merge(h, 6, h, 11);
    const groups = b.line(stages.flatMap(() => ['合计', '因公出国（境）费', '公务用车购置及运行维护费', null, null, '公务接待费']));
    b.line(stages.flatMap(() => [null, null, '小计', '公务用车购置费', '公务用车运行维护费', null]));
    for (let s = 0; s < 2; s++) {
      for (const item of [0, 1, 5]) b.merge(groups, colOf(s, item), groups + 1, colOf(s, item));
      b.merge(groups, colOf(s, 2), groups, colOf(s, 4));
    }
    b.line(Array.from({ length: 12 }, (_, i) => lane(i + 1)));
  } else {
    b.line(['财政拨款“三公”经费']);
    b.merge(h, 0, h, 11);
    const groups = b.line(['合计', null, '因公出国（境）费', null, '公务用车购置及运行维护费', null, null, null, null, null, '公务接待费', null]);
    b.line([null, null, null, null, '小计', null, '公务用车购置费', null, '公务用车运行维护费', null, null, null]);
    for (const [l, r] of [[0, 1], [2, 3], [10, 11]] as const) b.merge(groups, l, groups + 1, r);
    b.merge(groups, 4, groups, 9);
    for (const [l, r] of [[4, 5], [6, 7], [8, 9]] as const) b.merge(groups + 1, l, groups + 1, r);
    b.line(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? '预算数' : '决算数')));
  }
  const data = b.row;
  const cells: PlanCell[] = [];
  stages.forEach((stage, s) => {
    const c = (item: number) => rel(data, colOf(s, item));
    const slot = (item: number) => ({ table: 'threePublic' as const, row: 'data', col: `${stage}.${SG_ITEMS[item]}` });
    cells[colOf(s, 0)] = total(`${c(1)}+${c(2)}+${c(5)}`);
    cells[colOf(s, 2)] = formula(`${c(3)}+${c(4)}`);
    for (const item of [1, 3, 4, 5]) cells[colOf(s, item)] = input(slot(item));
  });
  b.line(cells);
  b.notes(spec.notes);
  b.table(spec.id, top, b.row - 1);
  return b.build({ widths: Array.from({ length: 12 }, () => 12), freezeRows: data, landscape: true });
}
