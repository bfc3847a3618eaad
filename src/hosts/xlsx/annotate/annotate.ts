/**
 * An annotated copy of a checked workbook, for people who open it in Excel,
 * WPS or LibreOffice: each cell of a finding gets its severity's fill and a
 * note with the reasons, a first sheet 检查结果 lists every finding with links
 * to its cells, and the drafted narrative may follow on a sheet of its own.
 *
 * The copy is the original package with only the parts it must change
 * rewritten — the styles (new formats appended), the marked sheets (the
 * format index of the marked cells), their notes and note drawings, the
 * workbook's sheet list and names, the relationships and content types —
 * and every other part copied as stored: macros (.xlsm keeps its
 * vbaProject), external links, data validation, conditional formats,
 * comments, drawings, printer settings and parts no library models survive
 * byte for byte. The input bytes are not modified.
 *
 * No Node API: the browser page calls it on the file the user opened.
 */
import { RESULT_SHEET_NAME } from '../../../core/mapping/detect';
import type { CheckResult } from '../../../core/check';
import { cellA1 } from '../../../core/grid/a1';
import type { CellRange, CellRef, SheetGrid } from '../../../core/grid/grid';
import type { Narrative } from '../../../core/narrative/types';
import { HIGHLIGHT } from '../../highlight-style';
import { findingKey } from '../../host';
import { noteLine, planMarks } from '../../marks';
import { freeGeneratedNarrativeName } from '../../narrative-sheet';
import { RESULT_COLUMNS, RESULT_HEADER_ROW, RESULT_NAME_RE, freeResultName } from '../../result-table';
import { inflateWithFflate } from '../inflate';
import { folderOf, readPackage, relsPathOf, resolvePath } from '../read-xlsx';
import { attributes, escapeXml } from '../xml';
import { type Inflate, ZipPackage } from '../zip';
import { type CellNote, commentsWith, newVml, usedIdBlocks, vmlWith, vmlWithout, withoutEarlierReasons } from './comments-edit';
import { type NewSheet, narrativeSheet, resultSheet } from './new-sheets';
import { CONTENT_TYPES, PackageEdit, REL_TYPES, escapeRegExp } from './package-edit';
import { type Restyle, legacyDrawingId, restyleCells, rootRelPrefix, withLegacyDrawing, withoutTabSelected } from './sheet-edit';
import { MINIMAL_STYLES, StylesEdit, children, setAttribute } from './styles-edit';
import { PERSONS_REL, PERSONS_TYPE, THREADED_COMMENTS_REL, ourPersonId, personsWith, threadedWithReplies } from './threaded-comments';

export { internalLink } from './new-sheets';
export { noteLine };

/** The sheet the findings are listed in; the mapping never reads it. */
export const RESULT_SHEET = RESULT_SHEET_NAME;
export { RESULT_HEADER_ROW };

export interface AnnotateOptions {
  /** Findings the user acknowledged (忽略), by findingKey(): left out of the copy. */
  readonly ignored?: readonly string[];
  /** The narrative drafted from the figures: written to a new sheet of the copy, 情况说明（生成稿）. */
  readonly narrative?: Narrative;
  /** How to inflate the package's parts (node:zlib in the CLI; fflate, the default, anywhere). */
  readonly inflate?: Inflate;
}

/**
 * Returns an annotated copy (the bytes of a new package) of the workbook
 * `data` that `result` was checked from. Findings whose findingKey() is in
 * opts.ignored are left out.
 */
export async function annotateWorkbook(data: ArrayBuffer | Uint8Array, result: CheckResult, opts: AnnotateOptions = {}): Promise<Uint8Array> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const zip = new ZipPackage(bytes, opts.inflate ?? inflateWithFflate);
  const grid = readPackage(zip);
  const edit = new PackageEdit(zip);
  const book = new WorkbookPart(edit);

  const ignored = new Set(opts.ignored ?? []);
  const findings = result.findings.filter((f) => !ignored.has(findingKey(f)));
  const styles = book.styles();

  markCells(edit, book, grid.sheets, findings, styles.edit);

  const removed = book.sheets.filter((s) => {
    const g = grid.sheets.find((x) => x.name === s.name);
    return g !== undefined && isOurResultSheet(g);
  });
  for (const s of book.sheets) {
    if (removed.includes(s) || !s.part) continue;
    const xml = edit.text(s.part);
    if (xml !== undefined && /tabSelected\s*=\s*["'](?:1|true)/.test(xml)) edit.set(s.part, withoutTabSelected(xml));
  }
  const kept = book.sheets.filter((s) => !removed.includes(s));
  const result0 = resultSheet(findings, result.findings.length - findings.length, styles.edit, (name) => kept.some((s) => s.name === name));
  const narrative = opts.narrative ? narrativeSheet(opts.narrative, styles.edit) : undefined;
  const resultName = freeResultName(kept);
  book.replaceSheets(removed, { name: resultName, sheet: result0 }, narrative && { name: freeGeneratedNarrativeName([...kept.map((s) => s.name), resultName]), sheet: narrative });

  styles.save();
  return edit.toBytes();
}

/** A findings sheet written by an earlier annotation or by the add-in: its name, summary line and column headers. */
function isOurResultSheet(g: SheetGrid): boolean {
  if (!RESULT_NAME_RE.test(g.name)) return false;
  const summary = g.cell(0, 0)?.value;
  if (typeof summary !== 'string' || !summary.startsWith(`${RESULT_SHEET}：`)) return false;
  return RESULT_COLUMNS.every((c, i) => g.cell(RESULT_HEADER_ROW - 1, i)?.value === c.header);
}

// ---------------------------------------------------------------------------
// Marks and notes

function markCells(edit: PackageEdit, book: WorkbookPart, sheets: readonly SheetGrid[], findings: CheckResult['findings'], styles: StylesEdit): void {
  const mergeAt = (ref: CellRef): CellRange | undefined => {
    const m = sheets.find((s) => s.name === ref.sheet)?.merges.find((r) => ref.row >= r.top && ref.row <= r.bottom && ref.col >= r.left && ref.col <= r.right);
    return m && { top: m.top, left: m.left, bottom: m.top, right: m.left };
  };
  const bySheet = new Map<string, ReturnType<typeof planMarks>>();
  for (const mark of planMarks(findings, [], mergeAt)) {
    const list = bySheet.get(mark.ref.sheet) ?? [];
    bySheet.set(mark.ref.sheet, list);
    list.push(mark);
  }
  let idBlock = usedIdBlocks(edit.zip.entries.filter((e) => /\.vml$/i.test(e.name)).map((e) => edit.text(e.name) ?? ''));
  const highlights = Object.values(HIGHLIGHT).map((h) => h.fill);
  for (const sheet of book.sheets) {
    if (!sheet.part || !sheet.worksheet) continue;
    const marks = bySheet.get(sheet.name) ?? [];
    const byRow = new Map<number, Map<number, Restyle>>();
    const restyle = (row: number, col: number, f: Restyle) => {
      const cells = byRow.get(row) ?? new Map<number, Restyle>();
      byRow.set(row, cells);
      cells.set(col, f);
    };
    // A copy annotated before: the cells its marks and reasons are on that are not marked now lose them.
    const keep = new Set(marks.map((m) => cellA1(m.ref.row, m.ref.col)));
    for (const c of clearEarlierReasons(edit, sheet.part, keep)) restyle(c.row, c.col, (base) => styles.withoutFillOf(base, highlights));
    for (const m of marks) {
      const fill = HIGHLIGHT[m.severity].fill;
      restyle(m.ref.row, m.ref.col, (base) => styles.withFill(base, fill));
    }
    const notes: CellNote[] = marks.map((m) => ({ row: m.ref.row, col: m.ref.col, text: m.findings.map(noteLine).join('\n') }));
    writeReplies(edit, book, sheet.part, notes);
    if (byRow.size === 0) continue;
    let xml = restyleCells(edit.text(sheet.part)!, byRow);
    if (notes.length) xml = writeNotes(edit, sheet.part, xml, notes, () => ++idBlock);
    edit.set(sheet.part, xml);
  }
}

/** Our reasons as replies in the sheet's threaded comments (Excel 365), earlier replies of ours removed. */
function writeReplies(edit: PackageEdit, book: WorkbookPart, part: string, notes: readonly CellNote[]): void {
  const rel = edit.relationships(part).find((r) => r.type === THREADED_COMMENTS_REL && !r.external);
  if (!rel) return;
  const path = resolvePath(folderOf(part), rel.target);
  const xml = edit.text(path);
  if (xml === undefined) return;
  const personsRel = edit.relationships(book.path).find((r) => r.type === PERSONS_REL && !r.external);
  const personsPath = personsRel ? resolvePath(book.folder, personsRel.target) : `${book.folder ? `${book.folder}/` : ''}persons/person.xml`;
  const persons = personsRel ? edit.text(personsPath) : undefined;
  let personId = ourPersonId(persons);
  if (notes.length === 0 && personId === undefined) return; // nothing of ours to take out, nothing to add
  if (personId === undefined) {
    const added = personsWith(persons);
    personId = added.id;
    edit.set(personsPath, added.xml);
    if (!personsRel) {
      edit.addRelationship(book.path, PERSONS_REL, relativeTarget(book.folder, personsPath));
      edit.declarePart(personsPath, PERSONS_TYPE);
    }
  }
  const next = threadedWithReplies(xml, notes, personId, new Date());
  if (next !== xml) edit.set(path, next);
}

/**
 * Our earlier reasons taken out of the notes of the sheet's cells not in
 * `keep` (a note left empty goes, with its box); returns the cells that had them.
 */
function clearEarlierReasons(edit: PackageEdit, part: string, keep: ReadonlySet<string>): CellNote[] {
  const folder = folderOf(part);
  const rels = edit.relationships(part);
  const commentsRel = rels.find((r) => r.type === REL_TYPES.comments && !r.external);
  if (!commentsRel) return [];
  const path = resolvePath(folder, commentsRel.target);
  const xml = edit.text(path);
  if (xml === undefined) return [];
  const cleared = withoutEarlierReasons(xml, keep);
  if (cleared.hadReasons.length === 0) return [];
  edit.set(path, cleared.xml);
  if (cleared.removed.length) {
    for (const r of rels.filter((x) => x.type === REL_TYPES.vmlDrawing && !x.external)) {
      const vmlPath = resolvePath(folder, r.target);
      const vml = edit.text(vmlPath);
      if (vml !== undefined) edit.set(vmlPath, vmlWithout(vml, cleared.removed));
    }
  }
  return cleared.hadReasons;
}

/** The notes into the sheet's comments part and their boxes into its drawing; returns the sheet part's text (with a new drawing link if it needed one). */
function writeNotes(edit: PackageEdit, part: string, sheetXml: string, notes: readonly CellNote[], nextIdBlock: () => number): string {
  const folder = folderOf(part);
  const rels = edit.relationships(part);
  const commentsRel = rels.find((r) => r.type === REL_TYPES.comments && !r.external);
  const commentsPath = commentsRel ? resolvePath(folder, commentsRel.target) : edit.freePath(`${folderOf(folder) ? `${folderOf(folder)}/` : ''}comments`, '.xml');
  const { xml, added } = commentsWith(commentsRel ? edit.text(commentsPath) : undefined, notes);
  edit.set(commentsPath, xml);
  if (!commentsRel) {
    edit.addRelationship(part, REL_TYPES.comments, relativeTarget(folder, commentsPath));
    edit.declarePart(commentsPath, CONTENT_TYPES.comments);
  }
  if (added.length === 0) return sheetXml;
  const drawingId = legacyDrawingId(sheetXml);
  const drawingRel = drawingId === undefined ? undefined : rels.find((r) => r.id === drawingId && !r.external);
  const drawingPath = drawingRel && resolvePath(folder, drawingRel.target);
  const existing = drawingPath === undefined ? undefined : edit.text(drawingPath);
  if (drawingPath !== undefined && existing !== undefined) {
    edit.set(drawingPath, vmlWith(existing, added, nextIdBlock));
    return sheetXml;
  }
  const vmlPath = edit.freePath(`${folderOf(folder) ? `${folderOf(folder)}/` : ''}drawings/vmlDrawing`, '.vml');
  edit.set(vmlPath, newVml(added, nextIdBlock()));
  edit.declareExtension('vml', CONTENT_TYPES.vml);
  const rid = edit.addRelationship(part, REL_TYPES.vmlDrawing, relativeTarget(folder, vmlPath));
  // A <legacyDrawing> pointing nowhere (a broken link) is replaced, not doubled.
  const cleaned = drawingId === undefined ? sheetXml : sheetXml.replace(/<(?:\w+:)?legacyDrawing\b[^>]*\/>/, '');
  return withLegacyDrawing(cleaned, rid);
}

/** A relationship target from a part in `fromFolder` to `to` ("../comments1.xml"). */
function relativeTarget(fromFolder: string, to: string): string {
  const from = fromFolder.split('/').filter(Boolean);
  const target = to.split('/');
  let common = 0;
  while (common < from.length && common < target.length - 1 && from[common] === target[common]) common++;
  return [...from.slice(common).map(() => '..'), ...target.slice(common)].join('/');
}

// ---------------------------------------------------------------------------
// The workbook part: its sheets, names and views

interface SheetEntry {
  readonly name: string;
  /** The <sheet> element as written. */
  readonly element: string;
  /** The sheet's part, when its relationship resolves inside the package. */
  readonly part: string | undefined;
  readonly rid: string | undefined;
  readonly worksheet: boolean;
}

class WorkbookPart {
  readonly path: string;
  readonly folder: string;
  readonly sheets: SheetEntry[];
  private readonly prefix: string;
  private readonly relPrefix: string;

  constructor(private readonly edit: PackageEdit) {
    const root = edit.relationships('').length ? edit.relationships('') : [];
    const doc = root.find((r) => /\/officeDocument$/.test(r.type) && !r.external);
    this.path = doc ? resolvePath('', doc.target) : 'xl/workbook.xml';
    this.folder = folderOf(this.path);
    const xml = this.xml();
    this.prefix = /<(\w+:)?workbook\b/.exec(xml)?.[1] ?? '';
    const declared = rootRelPrefix(xml, 'workbook');
    this.relPrefix = declared.prefix;
    if (declared.xml !== xml) edit.set(this.path, declared.xml);
    const rels = edit.relationships(this.path);
    const sheets = /<(?:\w+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheets>/.exec(xml)?.[1] ?? '';
    this.sheets = children(sheets, 'sheet').map((element) => {
      const a = attributes(element.slice(0, element.indexOf('>')));
      const rel = a.id === undefined ? undefined : rels.find((r) => r.id === a.id && !r.external);
      return {
        name: a.name ?? '',
        element,
        part: rel ? resolvePath(this.folder, rel.target) : undefined,
        rid: a.id,
        worksheet: rel !== undefined && /\/worksheet$/.test(rel.type),
      };
    });
  }

  xml(): string {
    const xml = this.edit.text(this.path);
    if (xml === undefined) throw new Error(`缺少工作簿部件 ${this.path}`);
    return xml;
  }

  /** The styles part to add formats to (a minimal one made when the package has none); save() writes it back. */
  styles(): { edit: StylesEdit; save: () => void } {
    const rel = this.edit.relationships(this.path).find((r) => r.type === REL_TYPES.styles && !r.external);
    const path = rel ? resolvePath(this.folder, rel.target) : `${this.folder ? `${this.folder}/` : ''}styles.xml`;
    const existing = rel ? this.edit.text(path) : undefined;
    const styles = new StylesEdit(existing ?? MINIMAL_STYLES);
    return {
      edit: styles,
      save: () => {
        if (existing !== undefined && !styles.changed) return;
        this.edit.set(path, styles.toXml());
        if (!rel) {
          this.edit.addRelationship(this.path, REL_TYPES.styles, relativeTarget(this.folder, path));
          this.edit.declarePart(path, CONTENT_TYPES.styles);
        }
      },
    };
  }

  /**
   * The sheet list rewritten: `removed` sheets (our earlier 检查结果) gone,
   * `first` put first and shown on opening, `last` after the user's sheets.
   * Names local to a sheet follow it to its new position.
   */
  replaceSheets(removed: readonly SheetEntry[], first: { name: string; sheet: NewSheet }, last: { name: string; sheet: NewSheet } | undefined): void {
    const p = this.prefix;
    const rp = this.relPrefix;
    let nextId = Math.max(0, ...this.sheets.map((s) => Number(attributes(s.element.slice(0, s.element.indexOf('>'))).sheetId) || 0)) + 1;
    const add = (n: { name: string; sheet: NewSheet }): string => {
      const part = this.edit.freePath(`${this.folder ? `${this.folder}/` : ''}worksheets/sheet`, '.xml');
      this.edit.set(part, n.sheet.xml);
      this.edit.declarePart(part, CONTENT_TYPES.worksheet);
      const rid = this.edit.addRelationship(this.path, REL_TYPES.worksheet, relativeTarget(this.folder, part));
      return `<${p}sheet name="${escapeXml(n.name)}" sheetId="${nextId++}" ${rp}:id="${rid}"/>`;
    };
    for (const s of removed) {
      if (s.part) {
        this.edit.remove(s.part);
        this.edit.remove(relsPathOf(s.part));
        this.edit.undeclarePart(s.part);
      }
      if (s.rid) this.edit.removeRelationship(this.path, s.rid);
    }
    const kept = this.sheets.filter((s) => !removed.includes(s));
    const elements = [add(first), ...kept.map((s) => s.element), ...(last ? [add(last)] : [])];
    const newIndex = new Map(kept.map((s, i) => [this.sheets.indexOf(s), i + 1]));
    const lastIndex = kept.length + 1;

    let xml = this.xml();
    xml = xml.replace(/(<(?:\w+:)?sheets\b[^>]*>)[\s\S]*?(<\/(?:\w+:)?sheets>)/, (_m, open: string, close: string) => `${open}${elements.join('')}${close}`);
    // Names local to a sheet: moved with it (dropped with a removed sheet).
    xml = xml.replace(new RegExp(`<${escapeRegExp(p)}definedName\\b[^>]*>[\\s\\S]*?</${escapeRegExp(p)}definedName>|<${escapeRegExp(p)}definedName\\b[^>]*/>`, 'g'), (name) => {
      const m = /\blocalSheetId\s*=\s*"(\d+)"/.exec(name);
      if (!m) return name;
      const to = newIndex.get(Number(m[1]));
      return to === undefined ? '' : name.replace(m[0], `localSheetId="${to}"`);
    });
    const local = [
      ...first.sheet.localNames.map((n) => ({ ...n, index: 0, sheet: first.name })),
      ...(last ? last.sheet.localNames.map((n) => ({ ...n, index: lastIndex, sheet: last.name })) : []),
    ].map((n) => `<${p}definedName name="${n.name}" localSheetId="${n.index}"${n.hidden ? ' hidden="1"' : ''}>${escapeXml(n.refersTo(n.sheet))}</${p}definedName>`);
    if (local.length) xml = withDefinedNames(xml, p, local.join(''));
    // The findings sheet is the one shown on opening, and the tab strip starts at it.
    if (/<(?:\w+:)?workbookView\b/.test(xml)) xml = xml.replace(/<(?:\w+:)?workbookView\b[^>]*?\/?>/, (view) => setAttribute(setAttribute(view, 'activeTab', '0'), 'firstSheet', '0'));
    else if (/<(?:\w+:)?bookViews\b[^>]*\/>/.test(xml)) xml = xml.replace(/<((?:\w+:)?bookViews)\b([^>]*?)\s*\/>/, `<$1$2><${p}workbookView activeTab="0"/></$1>`);
    else xml = xml.replace(/<(?:\w+:)?sheets\b/, (sheets) => `<${p}bookViews><${p}workbookView activeTab="0"/></${p}bookViews>${sheets}`);
    this.edit.set(this.path, xml);

    // Excel's calculation chain lists the formula cells of every sheet by sheet: a removed sheet
    // would leave it pointing at nothing. It is only a cache; Excel rebuilds it.
    if (removed.length) {
      const calc = this.edit.relationships(this.path).find((r) => r.type === REL_TYPES.calcChain);
      if (calc) {
        const path = resolvePath(this.folder, calc.target);
        this.edit.remove(path);
        this.edit.undeclarePart(path);
        this.edit.removeRelationship(this.path, calc.id);
      }
    }
  }
}

/** Adds names to <definedNames>, creating it in its place (after sheets, functionGroups, externalReferences) when absent. */
function withDefinedNames(xml: string, p: string, names: string): string {
  const close = new RegExp(`</${escapeRegExp(p)}definedNames>`).exec(xml);
  if (close) return xml.slice(0, close.index) + names + xml.slice(close.index);
  const empty = /<((?:\w+:)?definedNames)\b([^>]*?)\s*\/>/.exec(xml);
  if (empty) return `${xml.slice(0, empty.index)}<${empty[1]}${empty[2]}>${names}</${empty[1]}>${xml.slice(empty.index + empty[0].length)}`;
  const element = `<${p}definedNames>${names}</${p}definedNames>`;
  for (const after of [/<\/(?:\w+:)?externalReferences>/, /<\/(?:\w+:)?functionGroups>|<(?:\w+:)?functionGroups\b[^>]*\/>/, /<\/(?:\w+:)?sheets>/]) {
    const m = after.exec(xml);
    if (m) return xml.slice(0, m.index + m[0].length) + element + xml.slice(m.index + m[0].length);
  }
  return xml;
}
