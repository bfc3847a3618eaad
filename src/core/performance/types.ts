/**
 * The 绩效自评 tables (第五部分 附件) as read from a workbook: the 整体支出
 * 绩效自评表, one 项目支出绩效自评表 per 一级项目, and the 整体支出绩效评价
 * 基础数据表. They are forms, not lists: labels in the first columns, amounts
 * beside them, an indicator grid below. Every figure keeps its cell so a
 * finding can point at it.
 */
import type { CellRef } from '../grid/grid';
import type { Figure } from '../numbers/amount';

/** An amount in 万元 with its cell. */
export interface AmountCell {
  readonly figure: Figure;
  readonly ref: CellRef;
}

/**
 * A plain number as written (分值 10, 得分 9.93, 编制数 20), scaled to an
 * integer of 1/10000 so that sums of scores never drift.
 */
export interface ScoreCell {
  /** value × 10 000. */
  readonly scaled: number;
  /** Decimals as written ("9.93" → 2, "10" → 0). */
  readonly decimals: number;
  readonly ref: CellRef;
}

/** A percentage as written: "99.32%" → percent 99.32 with 2 decimals. */
export interface PercentCell {
  /** The percentage × 10^decimals (9932 for 99.32 %). */
  readonly scaled: number;
  readonly decimals: number;
  readonly text: string;
  readonly ref: CellRef;
}

/** A text cell that could not be read as the number its place asks for. */
export interface UnreadableCell {
  readonly text: string;
  readonly ref: CellRef;
  readonly what: string;
}

/** One row of the 项目资金 / 年度预算申请 block. */
export interface FundsRow {
  readonly label: string;
  readonly row: number;
  readonly initial?: AmountCell;
  readonly full?: AmountCell;
  readonly actual?: AmountCell;
  readonly weight?: ScoreCell;
  readonly rate?: PercentCell;
  readonly score?: ScoreCell;
}

export interface Indicator {
  readonly row: number;
  readonly level1: string;
  readonly level2: string;
  readonly level3: string;
  readonly target: string;
  readonly achieved: string;
  readonly weight?: ScoreCell;
  readonly score?: ScoreCell;
  /** 偏差原因分析及改进措施; undefined when the table has no such column. */
  readonly reason?: string;
  readonly ref: CellRef;
}

/** A 一级指标 with the points its label gives it: 产出指标 (40分). */
export interface IndicatorGroup {
  readonly name: string;
  readonly points?: number;
  readonly ref: CellRef;
}

export type PerformanceKind = 'overall' | 'project';

export interface SelfEvaluationTable {
  readonly kind: PerformanceKind;
  /** The finding group: 整体支出绩效自评表, 项目支出绩效自评表（双碳资金）. */
  readonly id: string;
  readonly sheet: string;
  readonly titleRow: number;
  /** 项目支出名称, or the 部门 the overall table names. */
  readonly name: string;
  readonly year?: number;
  /** 年度资金总额. */
  readonly total?: FundsRow;
  /** Project: 当年财政拨款, 上年结转, 其他资金. */
  readonly sources: readonly FundsRow[];
  /** Overall: 按收入性质分 (一般公共预算 …) and 按支出性质分 (基本支出, 项目支出). */
  readonly byIncome: ReadonlyArray<{ readonly label: string; readonly amount: AmountCell }>;
  readonly basic?: AmountCell;
  readonly project?: AmountCell;
  /** Text cells of the 年度总体目标 block (预期目标, 实际完成情况). */
  readonly goals: ReadonlyArray<{ readonly text: string; readonly ref: CellRef; /** Under 实际完成情况 (not 预期目标). */ readonly achieved: boolean }>;
  readonly groups: readonly IndicatorGroup[];
  readonly indicators: readonly Indicator[];
  readonly hasReasonColumn: boolean;
  /** The 总分 row: 分值 (100) and 得分. */
  readonly totalWeight?: ScoreCell;
  readonly totalScore?: ScoreCell;
  readonly unreadable: readonly UnreadableCell[];
}

/** A row of the 基础数据表's 经费控制情况 block: 上年决算数 | 本年预算数 | 本年决算数. */
export interface ControlRow {
  readonly label: string;
  readonly row: number;
  readonly prior?: AmountCell;
  readonly budget?: AmountCell;
  readonly actual?: AmountCell;
}

export interface BasicDataTable {
  readonly id: string;
  readonly sheet: string;
  readonly titleRow: number;
  readonly year?: number;
  readonly staff?: { readonly authorized?: ScoreCell; readonly actual?: ScoreCell; readonly rate?: PercentCell };
  /** Fixed rows by key: 三公经费, 公务用车, 公车购置, 公车运行维护, 出国经费, 公务接待, 项目支出, 业务工作经费, 运行维护经费, 专项资金, 公用经费, 政府采购金额, 基本支出. */
  readonly rows: ReadonlyMap<string, ControlRow>;
  /** One row per project under 本级专项资金. */
  readonly projects: readonly ControlRow[];
  readonly unreadable: readonly UnreadableCell[];
}

export interface PerformanceTables {
  readonly overall?: SelfEvaluationTable;
  readonly projects: readonly SelfEvaluationTable[];
  readonly basics?: BasicDataTable;
}
