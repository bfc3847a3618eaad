/**
 * Pieces shared by the profiles: the labelled rows of the two summary
 * tables and the columns every province prints the same way. Each profile
 * file assembles its nine tables from these and from its own differences.
 */
import type { ColumnSpec, PanelSpec, RowSpec } from './types';
import { EXPENSE_CLASSES } from './subjects';

const col = (key: string, lane: number | undefined, ...match: string[][]): ColumnSpec =>
  lane === undefined ? { key, match } : { key, match, lane };

export const FUNDS = [
  { key: '一般公共预算财政拨款', short: '一般公共预算' },
  { key: '政府性基金预算财政拨款', short: '政府性基金预算' },
  { key: '国有资本经营预算财政拨款', short: '国有资本经营预算' },
] as const;

/** Class rows, keyed cls:201 …, matched with or without the trailing 支出. */
export function classRows(codes: readonly string[], firstLine?: number): RowSpec[] {
  return EXPENSE_CLASSES.filter((c) => codes.includes(c.code)).map((c, i) => ({
    key: `cls:${c.code}`,
    names: [c.name, c.name.replace(/支出$/, ''), `${c.name.replace(/支出$/, '')}(类)`, `${c.name}(类)`],
    ...(firstLine !== undefined ? { lineNo: firstLine + i } : {}),
  }));
}

export const HUNAN_CLASS_CODES = [
  '201', '202', '203', '204', '205', '206', '207', '208', '210', '211', '212', '213', '214',
  '215', '216', '217', '219', '220', '221', '222', '223', '224', '229', '231', '232', '234',
];
export const NATIONAL_CLASS_CODES = HUNAN_CLASS_CODES.filter((c) => c !== '231' && c !== '232');

/** 公开01表 收入支出决算总表. */
export function summaryPanels(opts: { lines: boolean; classCodes: readonly string[] }): PanelSpec[] {
  const ln = (n: number) => (opts.lines ? { lineNo: n } : {});
  const amount = (lane: number) => [col('金额', opts.lines ? lane : undefined, ['金额'], ['决算数'], ['本年数'], ['金额(万元)'])];
  return [
    {
      key: 'income',
      groupNames: ['收入'],
      columns: amount(1),
      rows: [
        { key: '一般公共预算财政拨款收入', names: ['一般公共预算财政拨款收入', '一般公共预算财政拨款'], ...ln(1) },
        { key: '政府性基金预算财政拨款收入', names: ['政府性基金预算财政拨款收入', '政府性基金预算财政拨款'], ...ln(2) },
        { key: '国有资本经营预算财政拨款收入', names: ['国有资本经营预算财政拨款收入', '国有资本经营预算财政拨款'], ...ln(3) },
        { key: '上级补助收入', names: ['上级补助收入'], ...ln(4) },
        { key: '事业收入', names: ['事业收入'], ...ln(5) },
        { key: '经营收入', names: ['经营收入'], ...ln(6) },
        { key: '附属单位上缴收入', names: ['附属单位上缴收入'], ...ln(7) },
        { key: '其他收入', names: ['其他收入'], ...ln(8) },
        { key: '本年收入合计', names: ['本年收入合计', '收入合计'], ...ln(27) },
        { key: '使用非财政拨款结余', names: ['使用非财政拨款结余(含专用结余)', '使用非财政拨款结余', '用事业基金弥补收支差额'], ...ln(28) },
        { key: '年初结转和结余', names: ['年初结转和结余'], ...ln(29) },
        { key: '收入总计', names: ['总计', '收入总计'], ...ln(30) },
      ],
    },
    {
      key: 'expense',
      groupNames: ['支出'],
      columns: amount(2),
      rows: [
        ...classRows(opts.classCodes, opts.lines ? 31 : undefined),
        { key: '本年支出合计', names: ['本年支出合计', '支出合计'], ...ln(57) },
        { key: '结余分配', names: ['结余分配'], ...ln(58) },
        { key: '年末结转和结余', names: ['年末结转和结余'], ...ln(59) },
        { key: '支出总计', names: ['总计', '支出总计'], ...ln(60) },
      ],
    },
  ];
}

/** 财政拨款收入支出决算总表. */
export function fiscalSummaryPanels(opts: { lines: boolean; classCodes: readonly string[] }): PanelSpec[] {
  const ln = (n: number) => (opts.lines ? { lineNo: n } : {});
  const fundNames = (f: (typeof FUNDS)[number]) => [f.key, `${f.key}收入`, f.short];
  return [
    {
      key: 'income',
      groupNames: ['收入'],
      columns: [col('金额', opts.lines ? 1 : undefined, ['金额'], ['决算数'], ['本年数'])],
      rows: [
        ...FUNDS.map((f, i) => ({ key: f.key, names: fundNames(f), ...ln(1 + i) })),
        { key: '本年收入合计', names: ['本年收入合计', '收入合计'], ...ln(27) },
        { key: '年初财政拨款结转和结余', names: ['年初财政拨款结转和结余', '年初结转和结余'], ...ln(28) },
        ...FUNDS.map((f, i) => ({
          key: `年初.${f.key}`,
          names: fundNames(f),
          after: '年初财政拨款结转和结余',
          ...ln(29 + i),
        })),
        { key: '收入总计', names: ['总计', '收入总计'], ...ln(32) },
      ],
    },
    {
      key: 'expense',
      groupNames: ['支出'],
      columns: [
        col('合计', opts.lines ? 2 : undefined, ['合计'], ['小计']),
        ...FUNDS.map((f, i) => col(f.key, opts.lines ? 3 + i : undefined, [f.key], [f.short], [`${f.key}支出`])),
      ],
      rows: [
        ...classRows(opts.classCodes, opts.lines ? 33 : undefined),
        { key: '本年支出合计', names: ['本年支出合计', '支出合计'], ...ln(59) },
        { key: '年末财政拨款结转和结余', names: ['年末财政拨款结转和结余', '年末结转和结余'], ...ln(60) },
        // Hunan prints three numbered rows under 年末 whose labels are blank in
        // the published tables: they are the 年末 balance of each fund, in order.
        ...FUNDS.map((f, i) => ({
          key: `年末.${f.key}`,
          names: fundNames(f),
          after: '年末财政拨款结转和结余',
          positional: true,
          ...ln(61 + i),
        })),
        { key: '支出总计', names: ['总计', '支出总计'], ...ln(64) },
      ],
    },
  ];
}

export const INCOME_COLUMNS = (lanes: boolean): ColumnSpec[] => [
  col('本年收入合计', lanes ? 1 : undefined, ['本年收入合计'], ['收入合计'], ['合计']),
  col('财政拨款收入', lanes ? 2 : undefined, ['财政拨款收入'], ['财政拨款']),
  col('上级补助收入', lanes ? 3 : undefined, ['上级补助收入']),
  col('事业收入', lanes ? 4 : undefined, ['事业收入']),
  col('经营收入', lanes ? 5 : undefined, ['经营收入']),
  col('附属单位上缴收入', lanes ? 6 : undefined, ['附属单位上缴收入']),
  col('其他收入', lanes ? 7 : undefined, ['其他收入']),
];

export const EXPENSE_COLUMNS = (lanes: boolean): ColumnSpec[] => [
  col('本年支出合计', lanes ? 1 : undefined, ['本年支出合计'], ['支出合计'], ['合计']),
  col('基本支出', lanes ? 2 : undefined, ['基本支出']),
  col('项目支出', lanes ? 3 : undefined, ['项目支出']),
  col('上缴上级支出', lanes ? 4 : undefined, ['上缴上级支出']),
  col('经营支出', lanes ? 5 : undefined, ['经营支出']),
  col('对附属单位补助支出', lanes ? 6 : undefined, ['对附属单位补助支出']),
];

/** 本年支出 合计 | 基本支出 | 项目支出 (一般公共预算 and 国有资本经营 tables). */
export const SPENDING_COLUMNS = (lanes: boolean, firstLane = 1): ColumnSpec[] => [
  col('合计', lanes ? firstLane : undefined, ['本年支出', '小计'], ['本年支出', '合计'], ['小计'], ['合计'], ['本年支出合计']),
  col('基本支出', lanes ? firstLane + 1 : undefined, ['基本支出']),
  col('项目支出', lanes ? firstLane + 2 : undefined, ['项目支出']),
];

/** The two totals of the basic-expenditure detail table (公开06表 / 基本支出决算表), in every profile. */
export const BASIC_TOTALS = [
  { key: '人员经费合计', names: ['人员经费合计', '人员经费'] },
  { key: '公用经费合计', names: ['公用经费合计', '公用经费'] },
] as const;

/** 年初结转和结余 | 本年收入 | 本年支出 (合计 基本 项目) | 年末结转和结余. */
export const FUND_FLOW_COLUMNS = (lanes: boolean): ColumnSpec[] => [
  col('年初结转和结余', lanes ? 1 : undefined, ['年初结转和结余']),
  col('本年收入', lanes ? 2 : undefined, ['本年收入']),
  ...SPENDING_COLUMNS(lanes, 3),
  col('年末结转和结余', lanes ? 6 : undefined, ['年末结转和结余']),
];

/** 三公经费: 预算数 and 决算数 of each item, whichever way the header nests them. */
export function threePublicColumns(lanes: boolean): ColumnSpec[] {
  const items = [
    { key: '合计', names: [['合计']] },
    { key: '因公出国（境）费', names: [['因公出国(境)费'], ['因公出国(境)费用'], ['因公出国费']] },
    // 小计 only occurs under the car group; some tables word the group 公务用车购置及运行费 and its parts 购置费 | 运行费.
    { key: '公务用车购置及运行维护费', names: [['公务用车购置及运行维护费', '小计'], ['小计']] },
    { key: '公务用车购置费', names: [['公务用车购置费'], ['公务用车购置'], ['购置费']] },
    { key: '公务用车运行维护费', names: [['公务用车运行维护费'], ['公务用车运行费'], ['运行维护费'], ['运行费']] },
    { key: '公务接待费', names: [['公务接待费']] },
  ];
  const out: ColumnSpec[] = [];
  (['预算', '决算'] as const).forEach((stage, s) => {
    items.forEach((it, i) => {
      out.push({
        key: `${stage}.${it.key}`,
        match: it.names.flatMap((n) => [
          [`${stage}数`, ...n],
          [`${stage}`, ...n],
          [`全年${stage}数`, ...n],
        ]),
        ...(lanes ? { lane: s * 6 + i + 1 } : {}),
      });
    });
  });
  return out;
}
