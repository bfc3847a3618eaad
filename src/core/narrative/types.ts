/**
 * The narrative (第三部分 部门决算情况说明) as data: sections of paragraphs
 * whose text mixes fixed words, figures from the tables, placeholders for
 * what the tables do not hold (【请填写：上年收入支出总计】) and slots for the
 * reasons only the accountant can write.
 */

/** A piece of a sentence pattern, per profile (patterns/*.ts). */
export interface SectionPattern {
  /** 一, 二, 五(二) … */
  readonly id: string;
  readonly heading: string;
  /** Sub-heading inside a section: （一）一般公共预算财政拨款支出决算总体情况. */
  readonly subheading?: string;
  /**
   * Paragraph templates. {name} is a figure or word the generator computes;
   * {list:name} repeats the list's item template; {reason:name} is a slot for
   * the accountant's words. A paragraph whose figures are all missing still
   * shows, with placeholders.
   */
  readonly paragraphs: readonly string[];
  /** Item templates and separators for {list:…}. */
  readonly lists?: Readonly<Record<string, { readonly item: string; readonly sep: string; readonly empty?: string }>>;
  /** Paragraphs used instead when the section's table is empty (七 八: 本单位无政府性基金收支。). */
  readonly whenEmpty?: readonly string[];
}

export interface NarrativePattern {
  readonly profile: string;
  /** Labels of the figures the tables do not hold, for placeholders. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Alternatives chosen by the sign of a change; `unknown` when the figure to
   * compare with is not filled in yet, `fromZero` when it is 0 (no rate).
   */
  readonly variants: Readonly<Record<string, { readonly up: string; readonly down: string; readonly same: string; readonly unknown: string; readonly fromZero?: string }>>;
  /**
   * What a slot asks for when it is not a reason (单位主要职能, 公车运维用途):
   * by slot id, or by its part before “:” (绩效六(二) for each project's).
   * A slot without a label shows 【请填写原因】.
   */
  readonly slotLabels?: Readonly<Record<string, string>>;
  readonly sections: readonly SectionPattern[];
  /** The 整体支出绩效自评报告 (第五部分 附件), written when the workbook has 绩效自评 tables. */
  readonly report?: ReportPattern;
}

/** The 绩效自评报告's pattern: its title, its labels, its sections (ids 绩效一 …). */
export interface ReportPattern {
  readonly title: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly slotLabels?: Readonly<Record<string, string>>;
  readonly sections: readonly SectionPattern[];
}

export interface NarrativeParagraph {
  readonly text: string;
  /** Placeholders left in the text, by label. */
  readonly missing: readonly string[];
  /** Reason slots in the text, by id. */
  readonly reasons: readonly string[];
}

export interface NarrativeSection {
  readonly id: string;
  readonly heading: string;
  readonly subheading?: string;
  readonly paragraphs: readonly NarrativeParagraph[];
}

export interface Narrative {
  readonly year: number;
  readonly sections: readonly NarrativeSection[];
  /** The 整体支出绩效自评报告, when the workbook has 绩效自评 tables. */
  readonly report?: { readonly title: string; readonly sections: readonly NarrativeSection[] };
}
