/**
 * What the task pane does, without React: read the workbook through the
 * host, check it with the core, mark the cells, remember what the user
 * acknowledged or re-mapped. The components render its state; the tests
 * drive it directly.
 */
import { type CheckResult, checkWorkbook, withoutGeneratedNarratives } from '../core/check';
import type { Narrative } from '../core/narrative/types';
import { workbookNarrative } from '../core/narrative/workbook';
import { departmentOf, mapWorkbook } from '../core/mapping/detect';
import type { WorkbookGrid } from '../core/grid/grid';
import { statedYear } from '../core/narrative/year';
import { newYearPlan } from '../core/newyear/build';
import { carryOver } from '../core/newyear/carry-over';
import { type RowEdit, addItemEdit, blankRowsEdits, listTables, rangesAfterEdits } from '../core/newyear/row-edits';
import type { ProfileId } from '../core/templates/types';
import { narrativeSheet, readWrittenNarrative } from '../core/narrative/check-text';
import { readClaims } from '../core/narrative/claims';

/** The name the pasted text goes by in its findings' addresses (粘贴的文字!A12 = its 12th paragraph). */
export const PASTED_SHEET = '粘贴的文字';
import type { Finding } from '../core/rules/finding';
import { type DisclosureHost, EMPTY_STATE, type SavedState, findingKey } from '../hosts/host';
import { describeError } from './errors';
import { type MessageKey, translator } from './i18n';

export type Phase = 'idle' | 'reading' | 'checking' | 'marking' | 'done' | 'error';

export interface PaneState {
  readonly phase: Phase;
  readonly result?: CheckResult;
  /** The 第三部分 draft from the same figures (and the 说明数据 sheet). */
  readonly narrative?: Narrative;
  readonly saved: SavedState;
  /** A Chinese (or English) sentence for the user, never a stack trace. */
  readonly error?: string;
  /** 表文核对 of text the user pasted into the 说明 tab. */
  readonly pastedFindings?: readonly Finding[];
  /** What of the pasted text was checked: its sections (一, 五(三) … or 全文) and how many figures it states. */
  readonly pastedScope?: { readonly sections: readonly string[]; readonly figures: number };
  /** The cells carry the marks of `result` (false after 清除标记: the list stays, the colours are gone). */
  readonly marked?: boolean;
  /** A short confirmation (range saved …), as a message of the UI strings. */
  readonly notice?: { readonly key: MessageKey; readonly args?: Readonly<Record<string, string>> };
  /** Last year's workbook chosen for 与上年比较: every check compares with it until it is cleared. */
  readonly previous?: { readonly name: string };
}

/** What 新年度 makes: the year, the template, who; and whether the open workbook is last year's to carry from. */
export interface NewYearRequest {
  readonly year: number;
  readonly profile: ProfileId;
  readonly department?: string;
  readonly unit?: string;
  /** Carry the open workbook's 科目, projects and figures (as 上年). */
  readonly carry: boolean;
}

type Listener = (s: PaneState) => void;

export class PaneController {
  private state: PaneState = { phase: 'idle', saved: EMPTY_STATE };
  /** Last year's workbook for 与上年比较 (kept out of the state: a grid is not for rendering). */
  private previousGrid: WorkbookGrid | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly host: DisclosureHost,
    private readonly lang: 'zh-CN' | 'en-US' = 'zh-CN',
  ) {}

  get current(): PaneState {
    return this.state;
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private set(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  /** Reads, checks and marks: the whole check the ribbon button also runs. */
  async runCheck(): Promise<void> {
    try {
      this.set({ phase: 'reading', error: undefined, notice: undefined });
      const snap = await this.host.read();
      this.set({ phase: 'checking', saved: snap.state });
      // Let the progress paint before the (synchronous) check.
      await new Promise((r) => setTimeout(r, 0));
      const result = checkWorkbook(snap.grid, snap.state.overrides, this.previousGrid ? { previous: this.previousGrid } : {});
      const narrative = workbookNarrative(withoutGeneratedNarratives(snap.grid), result.mapping);
      this.set({ phase: 'marking', result, narrative });
      await this.host.highlight(result, snap.state.ignored);
      this.set({ phase: 'done', marked: true });
    } catch (e) {
      this.set({ phase: 'error', error: describeError(e, this.lang) });
    }
  }

  /** 清除标记: the cells get their own formats back; the list of findings stays to work through. */
  async clearMarks(): Promise<void> {
    try {
      await this.host.clearHighlights();
      this.set({ marked: false, notice: { key: 'marksCleared' } });
    } catch (e) {
      this.set({ phase: 'error', error: describeError(e, this.lang) });
    }
  }

  async select(f: Finding): Promise<void> {
    try {
      await this.host.select(f.refs);
    } catch (e) {
      this.set({ error: describeError(e, this.lang) });
    }
  }

  isIgnored(f: Finding): boolean {
    return this.state.saved.ignored.includes(findingKey(f));
  }

  /** 忽略 / 取消忽略: saved in the workbook; the marks follow at once. */
  async setIgnored(f: Finding, ignored: boolean): Promise<void> {
    const key = findingKey(f);
    const rest = this.state.saved.ignored.filter((k) => k !== key);
    const saved: SavedState = { ...this.state.saved, ignored: ignored ? [...rest, key] : rest };
    try {
      this.set({ saved });
      await this.host.saveState(saved);
      if (this.state.result && this.state.marked) await this.host.highlight(this.state.result, saved.ignored);
    } catch (e) {
      this.set({ error: describeError(e, this.lang) });
    }
  }

  /** 用所选区域: the selection becomes the table's range, saved, and the check runs again. */
  async useSelection(tableId: string): Promise<'saved' | 'no-selection' | 'failed'> {
    try {
      const sel = await this.host.selection();
      if (!sel || !/:/.test(sel.range)) return 'no-selection';
      const saved: SavedState = {
        ...this.state.saved,
        overrides: { ...this.state.saved.overrides, ranges: { ...this.state.saved.overrides.ranges, [tableId]: sel } },
      };
      await this.host.saveState(saved);
      this.set({ saved });
      await this.runCheck();
      this.set({ notice: { key: 'rangeSaved', args: { table: tableId, range: `${sel.sheet}!${sel.range}` } } });
      return 'saved';
    } catch (e) {
      this.set({ error: describeError(e, this.lang) });
      return 'failed';
    }
  }

  /** Whether the host can write the narrative into the workbook (Excel can; the browser page puts it into the copy). */
  get canWriteNarrative(): boolean {
    return typeof this.host.writeNarrative === 'function';
  }

  /**
   * Writes the narrative to the 情况说明 sheet. The workbook is read again
   * first, so reasons typed into the sheet since the check are kept.
   */
  async writeNarrative(): Promise<void> {
    if (!this.host.writeNarrative) return;
    try {
      const snap = await this.host.read();
      const grid = withoutGeneratedNarratives(snap.grid);
      const narrative = workbookNarrative(grid, mapWorkbook(grid, snap.state.overrides));
      const sheet = await this.host.writeNarrative(narrative);
      this.set({ narrative, error: undefined, notice: { key: 'narrativeWritten', args: { sheet } } });
    } catch (e) {
      this.set({ error: describeError(e, this.lang) });
    }
  }

  /**
   * 表文核对 of a narrative pasted from Word or a PDF: checked against the
   * workbook's tables as it is now; nothing is written anywhere.
   */
  async checkPastedNarrative(text: string): Promise<void> {
    try {
      const snap = await this.host.read();
      const sheet = narrativeSheet(PASTED_SHEET, text);
      // One section pasted is checked as well as fourteen: only what the text has is asked of it.
      const result = checkWorkbook(snap.grid, snap.state.overrides, { narrative: sheet, narrativePart: true });
      const written = readWrittenNarrative({ sheets: [sheet] }, { partial: true });
      const sections = written ? [...written.sections.keys(), ...(written.report.length ? ['绩效自评报告'] : [])] : [];
      const figures = written ? readClaims(written.sections).length + readClaims(new Map([['r', written.report]])).length : 0;
      this.set({ pastedFindings: result.findings.filter((f) => /^T\d\d$/.test(f.rule)), pastedScope: { sections, figures }, error: undefined });
    } catch (e) {
      this.set({ error: describeError(e, this.lang) });
    }
  }

  /** Forgets a range the user set: the table is detected again. */
  async resetRange(tableId: string): Promise<void> {
    const ranges = { ...this.state.saved.overrides.ranges };
    delete ranges[tableId];
    const saved: SavedState = { ...this.state.saved, overrides: { ...this.state.saved.overrides, ranges } };
    try {
      await this.host.saveState(saved);
      this.set({ saved });
      await this.runCheck();
    } catch (e) {
      this.set({ error: describeError(e, this.lang) });
    }
  }

  /** An error met outside the controller's own steps (a file the pane read), said as the others are. */
  showError(e: unknown): void {
    this.set({ error: describeError(e, this.lang) });
  }

  /** 与上年比较: last year's workbook, read by the page; the check runs again with it. */
  async setPrevious(grid: WorkbookGrid | undefined, name?: string): Promise<void> {
    this.previousGrid = grid;
    this.set({ previous: grid && name ? { name } : undefined });
    if (this.state.result) await this.runCheck();
  }

  /**
   * What 新年度 proposes: the year after the open workbook's, its template and
   * its 部门; and the 功能分类 lists 增删科目 can add a 科目 to.
   */
  async newYearDefaults(): Promise<{ year: number; profile: ProfileId; department?: string; hasTables: boolean; lists: ReadonlyArray<{ id: string; title: string }> }> {
    try {
      const snap = await this.host.read();
      const mapping = mapWorkbook(snap.grid, snap.state.overrides);
      const department = departmentOf(mapping);
      const stated = statedYear(snap.grid);
      const hasTables = Object.keys(mapping.tables).length > 0;
      const lists = listTables(mapping).map(({ id, title }) => ({ id, title }));
      return { year: (stated ?? new Date().getFullYear() - 1) + 1, profile: mapping.profile, ...(department ? { department } : {}), hasTables, lists };
    } catch {
      return { year: new Date().getFullYear(), profile: 'hunan-2024', hasTables: false, lists: [] };
    }
  }

  /** Whether the host can insert and delete rows of the open workbook (Excel can; a file in the browser page cannot). */
  get canEditRows(): boolean {
    return typeof this.host.editRows === 'function';
  }

  /**
   * 添加科目: the workbook read as it is now, the row placed by the core,
   * inserted through the host, and the check run again on the new layout.
   * A code or a table the core refuses is said in Chinese, nothing changed.
   */
  async addItem(tableId: string, code: string, name: string): Promise<'added' | 'refused' | 'failed'> {
    if (!this.host.editRows) return 'failed';
    try {
      this.set({ error: undefined, notice: undefined });
      const snap = await this.host.read();
      const r = addItemEdit(snap.grid, mapWorkbook(snap.grid, snap.state.overrides), tableId, code, name);
      if (!r.ok) {
        this.set({ error: r.error });
        return 'refused';
      }
      await this.applyRowEdits(snap.state, r.edits);
      const t = translator(this.lang);
      const more = [
        r.added.length > 0 ? t('itemAddedLevels', { codes: r.added.join('、') }) : '',
        r.unnamed.length > 0 ? t('itemUnnamed', { codes: r.unnamed.join('、') }) : '',
        r.formulas ? '' : t('itemTyped'),
        r.checkTotals ? t('itemCheckTotals') : '',
      ].join('');
      this.set({ notice: { key: 'itemAdded', args: { table: tableId, row: String(r.row + 1), code: code.trim(), name: name.trim(), more: more.trim() } } });
      return 'added';
    } catch (e) {
      this.set({ error: describeError(e, this.lang) });
      return 'failed';
    }
  }

  /**
   * Row edits through the host; table ranges the user set by hand follow
   * their rows (a name moves by itself, a saved A1 range does not); then the
   * check runs again on the new layout.
   */
  private async applyRowEdits(state: SavedState, edits: readonly RowEdit[]): Promise<void> {
    await this.host.editRows!(edits);
    const ranges = state.overrides.ranges;
    if (ranges && Object.keys(ranges).length > 0) {
      const saved: SavedState = { ...state, overrides: { ...state.overrides, ranges: rangesAfterEdits(ranges, edits) } };
      if (JSON.stringify(saved) !== JSON.stringify(state)) {
        await this.host.saveState(saved);
        this.set({ saved });
      }
    }
    await this.runCheck();
  }

  /** 删除空行: the blank rows of every 功能分类 list removed through the host (one spare row kept at each end), then the check again. */
  async removeBlankRows(): Promise<'removed' | 'none' | 'failed'> {
    if (!this.host.editRows) return 'failed';
    try {
      this.set({ error: undefined, notice: undefined });
      const snap = await this.host.read();
      const r = blankRowsEdits(snap.grid, mapWorkbook(snap.grid, snap.state.overrides));
      if (!r.ok) {
        this.set({ error: r.error });
        return 'failed';
      }
      if (r.edits.length === 0) {
        this.set({ notice: { key: 'blankRowsNone' } });
        return 'none';
      }
      await this.applyRowEdits(snap.state, r.edits);
      const n = r.removed.reduce((a, x) => a + x.rows.length, 0);
      this.set({ notice: { key: 'blankRowsRemoved', args: { n: String(n), tables: r.removed.map((x) => x.table).join('、') } } });
      return 'removed';
    } catch (e) {
      this.set({ error: describeError(e, this.lang) });
      return 'failed';
    }
  }

  /**
   * 新年度: next year's workbook, from the open one when it is last year's.
   * Excel opens it in a new window; the browser page hands it over as a download.
   */
  async makeNewYear(req: NewYearRequest): Promise<'opened' | 'downloaded' | 'failed'> {
    try {
      const snap = await this.host.read();
      const from = req.carry ? carryOver(snap.grid) : undefined;
      const plan = newYearPlan({
        year: req.year,
        profile: req.profile,
        ...(req.department ? { department: req.department } : {}),
        ...(req.unit ? { unit: req.unit } : {}),
        ...(from ? { from } : {}),
      });
      // The writer (our own, with fflate) is loaded only when asked for: the pane stays light.
      const { writePlan } = await import('../hosts/xlsx/write-plan');
      const bytes = await writePlan(plan);
      const name = `${req.year}年度部门决算公开${req.department ? `-${req.department}` : ''}.xlsx`;
      if (this.host.openWorkbook) {
        await this.host.openWorkbook(bytes);
        this.set({ error: undefined, notice: { key: 'newYearOpened', args: { year: String(req.year) } } });
        return 'opened';
      }
      const { saveFile, XLSX_TYPE } = await import('./save-file');
      saveFile(bytes, name, XLSX_TYPE);
      this.set({ error: undefined, notice: { key: 'newYearDownloaded', args: { name } } });
      return 'downloaded';
    } catch (e) {
      this.set({ error: describeError(e, this.lang) });
      return 'failed';
    }
  }
}
