/**
 * What the commands share: the options every command reads the same way,
 * reading and checking the workbooks given, and the file checks that keep
 * an input from being written over.
 */
import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { checkWorkbook } from '../../core/check';
import type { SheetGrid, WorkbookGrid } from '../../core/grid/grid';
import { isProfileId } from '../../core/templates/profiles';
import type { ProfileId } from '../../core/templates/types';
import { WorkbookReadError } from '../../hosts/exceljs/errors';
import { readWorkbookFile } from '../../hosts/exceljs/read-file';
import type { OptionSpec, ParsedArgs } from '../args';
import type { FileOutcome } from '../report';

export interface CliIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** stderr is a terminal: a batch shows its progress there. */
  readonly stderrIsTTY?: boolean;
}

/** A command: its arguments after the command word, and the streams; returns the exit status. */
export type Command = (rest: readonly string[], io: CliIO) => Promise<number>;

export const PROFILE_OPTION: OptionSpec = {
  value: true,
  missing: '--profile 后面应给出模板：auto、hunan-2024 或 national-2024。',
  check: (v) => (v === 'auto' || isProfileId(v) ? undefined : `--profile 的取值应为 auto、hunan-2024 或 national-2024，收到“${v}”。`),
};

export const YEAR_OPTION: OptionSpec = {
  value: true,
  missing: '--year 后面应给出四位年份，如 --year 2024。',
  check: (v) => (/^20\d\d$/.test(v) ? undefined : `--year 应为四位年份，如 --year 2024，收到“${v}”。`),
};

export function formatOption(allowed: readonly string[]): OptionSpec {
  return {
    value: true,
    missing: `--format 后面应给出 ${allowed.join('、')} 之一。`,
    check: (v) => (allowed.includes(v) ? undefined : `--format 的取值应为 ${allowed.join('、')}，收到“${v}”。`),
  };
}

export function profileOf(a: ParsedArgs): ProfileId | undefined {
  const v = a.values.get('--profile');
  return v === undefined || v === 'auto' ? undefined : (v as ProfileId);
}

export function yearOf(a: ParsedArgs): number | undefined {
  const v = a.values.get('--year');
  return v === undefined ? undefined : Number(v);
}

/** JSON asked for: --json, or --format json. */
export function wantsJson(a: ParsedArgs): boolean {
  return a.flags.has('--json') || a.values.get('--format') === 'json';
}

/** Reads a file as its extension says: a .pdf with the PDF reader (its tables rebuilt as sheets, src/hosts/pdf), anything else as a workbook. */
export async function readGridFile(file: string): Promise<WorkbookGrid> {
  if (/\.pdf$/i.test(file)) return (await import('../../hosts/pdf/read-file')).readPdfFile(file);
  return readWorkbookFile(file);
}

/** Reads and checks each workbook; one that cannot be read is an outcome with its reason, said on stderr (not with --json). */
export async function checkFiles(
  files: readonly string[],
  opts: { profile?: ProfileId; narrative?: SheetGrid; json: boolean },
  io: CliIO,
  each?: (file: string, grid: WorkbookGrid, outcome: FileOutcome) => Promise<void>,
): Promise<{ outcomes: FileOutcome[]; unreadable: boolean }> {
  const outcomes: FileOutcome[] = [];
  let unreadable = false;
  for (const file of files) {
    try {
      const grid = await readGridFile(file);
      const result = checkWorkbook(grid, opts.profile ? { profile: opts.profile } : undefined, opts.narrative ? { narrative: opts.narrative } : {});
      const outcome = { file, result };
      outcomes.push(outcome);
      await each?.(file, grid, outcome);
    } catch (e) {
      unreadable = true;
      const msg = e instanceof WorkbookReadError ? e.message : `读取或检查时出错：${file}（${e instanceof Error ? e.message : String(e)}）`;
      outcomes.push({ file, readError: msg });
      if (!opts.json) io.stderr(msg + '\n');
    }
  }
  return { outcomes, unreadable };
}

/** The same file: the same path, or (when both exist) the same file through another name or a link. */
export async function samePath(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Why an output file must not be written, or undefined when it may: never
 * over an input (not even with --force), never over an existing file unless
 * --force, and only with its format's extension (an annotated copy keeps the
 * input's: .xlsx, or .xlsm for a workbook with macros).
 */
export async function refuseOutput(
  option: string,
  out: string,
  o: { inputs: readonly string[]; force: boolean; extension: RegExp; sameExtensionAs?: string | undefined; expected?: string; example?: string; inputWhat?: string },
): Promise<string | undefined> {
  // The input first: whatever its name, it is never written.
  for (const input of o.inputs) {
    if (await samePath(input, out)) {
      return option === '--out' && !o.example
        ? `--out 不能写到工作簿本身（${out}）：请另取一个文件名，如 情况说明.docx。`
        : `${option} 不能写到${o.inputWhat ?? '被检查的文件'}本身（${out}）：请另取一个文件名${o.example ? `，如 ${o.example}` : ''}。`;
    }
  }
  const ext = extname(out).toLowerCase();
  if (!o.extension.test(out)) {
    const want = o.sameExtensionAs ? extname(o.sameExtensionAs).toLowerCase() : '';
    const expected = o.expected ?? (option === '--annotate' ? (want === '.xlsm' ? '.xlsm' : '.xlsx') : option === '--out' ? '.docx' : '.xlsx、.csv 或 .json');
    return `${option} 的文件名应以 ${expected} 结尾，收到“${out}”${ext ? `（${ext} 是另一种文件）` : ''}。`;
  }
  if (o.sameExtensionAs !== undefined) {
    const inExt = extname(o.sameExtensionAs).toLowerCase();
    if ((inExt === '.xlsm') !== (ext === '.xlsm')) return `${option} 的副本应与原文件同为 ${inExt === '.xlsm' ? '.xlsm（含宏的工作簿）' : '.xlsx'}，收到“${out}”。`;
  }
  if (!o.force) {
    const exists = await stat(out).then(
      () => true,
      () => false,
    );
    if (exists) return `${option} 的文件已存在，未覆盖：${out}（要覆盖请加 --force）`;
  }
  return undefined;
}
