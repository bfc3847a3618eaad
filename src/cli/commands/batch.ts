/**
 * The finance bureau's batch: `juesuan check <folder|files…>` over hundreds or
 * thousands of workbooks. Folders are searched (sub-folders too) for .xlsx,
 * .xlsm and .xls; results come in a stable order (the files as given, a
 * folder's files sorted by path) whatever --jobs; each file's report is
 * printed as soon as it is its turn, and only a summary row and its findings
 * go on to the --report, so memory stays flat as the folder grows.
 *
 * --jobs N checks N files at a time: in worker threads when the CLI runs
 * compiled (node bin/juesuan.js), otherwise N at a time in this thread.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkWorkbook } from '../../core/check';
import { refA1 } from '../../core/grid/a1';
import type { SheetGrid, WorkbookGrid } from '../../core/grid/grid';
import { departmentOf } from '../../core/mapping/detect';
import type { Finding } from '../../core/rules/finding';
import { SEVERITY_ZH, ruleLabel } from '../../core/rules/finding';
import { profileById } from '../../core/templates/profiles';
import type { ProfileId } from '../../core/templates/types';
import { WorkbookReadError } from '../../hosts/exceljs/errors';
import { type FileOutcome, toJson, toText } from '../report';
import type { FindingRow, SummaryRow } from './batch-report';
import { readGridFile } from './common';

/**
 * The files a folder may hold that are checked: workbooks (WPS 表格's .et
 * among them: read when it holds an .xlsx or .xls, else listed as unreadable
 * with the way out, never passed over), and the published PDFs (a bureau
 * checks what units publish as well as what they submit).
 */
export const WORKBOOK_FILE = /\.(xlsx|xlsm|xls|et|pdf)$/i;

/**
 * The files to check: each argument that is a folder replaced by the
 * workbooks and PDFs under it (sorted by path; Excel's ~$ lock files and
 * hidden files skipped), any other argument kept as given (a missing one is
 * reported as such).
 */
export async function collectFiles(args: readonly string[]): Promise<{ files: string[]; folders: number }> {
  const files: string[] = [];
  let folders = 0;
  for (const a of args) {
    let isDir = false;
    try {
      isDir = (await stat(a)).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) {
      files.push(a);
      continue;
    }
    folders++;
    await walk(a, files);
  }
  return { files, folders };
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

async function walk(dir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => byCodePoint(a.name, b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name.startsWith('~$')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (WORKBOOK_FILE.test(e.name)) {
      if (e.isFile()) out.push(p);
      else if (e.isSymbolicLink()) {
        const s = await stat(p).catch(() => undefined);
        if (s?.isFile()) out.push(p);
      }
    }
  }
}

export interface FileJobOptions {
  readonly profile?: ProfileId;
  readonly narrative?: SheetGrid;
  /** Last year's workbook (--previous): each line compared with it. */
  readonly previous?: WorkbookGrid;
  /** What will be printed of each file: its JSON entry, its text report, or its one line (a --report run); only that is made. */
  readonly output?: 'json' | 'text' | 'line';
}

/** One file's results, ready to print and to add to the summary (plain data: it crosses from a worker thread). */
export interface FileReport {
  readonly file: string;
  /** Its entry of the JSON document (as `juesuan check --json` prints); null unless asked for. */
  readonly json: unknown;
  /** Its text report; '' unless asked for. */
  readonly text: string;
  /** One line for the terminal when a --report is written. */
  readonly line: string;
  readonly row: SummaryRow;
  readonly findings: FindingRow[];
  readonly readError?: string;
  readonly errors: number;
}

/** A cell's text quoted in a message is at most 60 characters (a hostile cell of a million characters stays out of the reports). */
export function clipQuotes(message: string): string {
  return message.replace(/“([^”]{61,})”/g, (_m, q: string) => `“${q.slice(0, 60)}…”`);
}

const clipFinding = (f: Finding): Finding => {
  const message = clipQuotes(f.message);
  const messageEn = clipQuotes(f.messageEn);
  return message === f.message && messageEn === f.messageEn ? f : { ...f, message, messageEn };
};

/** Reads and checks one file; never throws. */
export async function checkOneFile(file: string, opts: FileJobOptions): Promise<FileReport> {
  let outcome: FileOutcome;
  try {
    const grid = await readGridFile(file);
    const result = checkWorkbook(grid, opts.profile ? { profile: opts.profile } : undefined, { ...(opts.narrative ? { narrative: opts.narrative } : {}), ...(opts.previous ? { previous: opts.previous } : {}) });
    outcome = { file, result: { ...result, findings: result.findings.map(clipFinding) } };
  } catch (e) {
    const msg = e instanceof WorkbookReadError ? e.message : `读取或检查时出错：${file}（${e instanceof Error ? e.message : String(e)}）`;
    outcome = { file, readError: msg };
  }
  return reportOf(outcome, opts.output);
}

export function reportOf(o: FileOutcome, output?: FileJobOptions['output']): FileReport {
  const json = output === undefined || output === 'json' ? (toJson([o]) as { files: unknown[] }).files[0] : null;
  const text = output === undefined || output === 'text' ? toText([o]) : '';
  if (!o.result) {
    const reason = o.readError ?? '无法读取文件';
    return {
      file: o.file,
      json,
      text,
      line: `无法读取　${reason}`,
      row: { file: o.file, unit: '', profile: '', tables: '', error: null, warning: null, rounding: null, firstError: '', unreadable: reason },
      findings: [],
      readError: reason,
      errors: 0,
    };
  }
  const r = o.result;
  const profile = profileById(r.mapping.profile);
  const unit = departmentOf(r.mapping) ?? '';
  const missing = profile.tables.filter((t) => !r.mapping.tables[t.id]).map((t) => t.id);
  const found = profile.tables.length - missing.length;
  const tables = `${found}/${profile.tables.length}${missing.length && found ? `（缺 ${missing.join('、')}）` : ''}`;
  const firstError = r.findings.find((f) => f.severity === 'error');
  const findings: FindingRow[] = r.findings.map((f) => {
    const first = f.refs[0];
    const cells = f.refs.length ? f.refs.slice(0, 6).map((ref) => (ref.sheet === first?.sheet ? refA1(ref).replace(/^.*!/, '') : refA1(ref))).join('、') + (f.refs.length > 6 ? ` 等 ${f.refs.length} 处` : '') : f.cells.slice(0, 6).join('、');
    return {
      file: o.file,
      unit,
      sheet: first?.sheet ?? f.tables?.[0] ?? '',
      cells,
      rule: ruleLabel(f.rule),
      severity: SEVERITY_ZH[f.severity],
      message: f.message,
      expected: f.expected,
      actual: f.actual,
      difference: f.difference,
      unit2: f.expected === null && f.actual === null ? '' : (f.unit ?? '万元'),
    };
  });
  const s = r.summary;
  return {
    file: o.file,
    json,
    text,
    line: `${s.error ? `错误 ${s.error}` : '未发现错误'}　提示 ${s.warning}　尾数误差 ${s.rounding}　${unit || '（未识别单位名称）'}`,
    row: {
      file: o.file,
      unit,
      profile: profile.name,
      tables,
      error: s.error,
      warning: s.warning,
      rounding: s.rounding,
      firstError: firstError ? `[${ruleLabel(firstError.rule)}] ${firstError.message}` : '',
    },
    findings,
    errors: s.error,
  };
}

// ---------------------------------------------------------------------------
// Running the files, in order, N at a time.

type Runner = { run(file: string): Promise<FileReport>; close(): Promise<void> };

function inThread(opts: FileJobOptions): Runner {
  return { run: (file) => checkOneFile(file, opts), close: async () => undefined };
}

/** Worker threads, each checking one file at a time (only when running compiled: a worker runs JavaScript). */
async function workerPool(jobs: number, opts: FileJobOptions): Promise<Runner | undefined> {
  if (!__filename.endsWith('.js')) return undefined;
  const script = join(__dirname, 'batch-worker.js');
  if (!(await stat(script).catch(() => undefined))) return undefined;
  const { Worker } = await import('node:worker_threads');
  type Pending = { resolve: (r: FileReport) => void; reject: (e: unknown) => void };
  const workers = Array.from({ length: jobs }, () => {
    const w = new Worker(script, { workerData: opts });
    const waiting = new Map<number, Pending>();
    w.on('message', (m: { id: number; report: FileReport }) => {
      waiting.get(m.id)?.resolve(m.report);
      waiting.delete(m.id);
    });
    w.on('error', (e) => {
      for (const p of waiting.values()) p.reject(e);
      waiting.clear();
    });
    return { w, waiting };
  });
  let next = 0;
  return {
    run(file) {
      const slot = workers.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
      const id = next++;
      return new Promise<FileReport>((resolve, reject) => {
        slot.waiting.set(id, { resolve, reject });
        slot.w.postMessage({ id, file });
      }).catch(() => checkOneFile(file, opts));
    },
    async close() {
      await Promise.all(workers.map((x) => x.w.terminate()));
    },
  };
}

/** The reports of `files`, in their order, at most `jobs` files being checked at once. */
export async function* checkInOrder(files: readonly string[], opts: FileJobOptions & { jobs: number }): AsyncGenerator<FileReport> {
  const jobs = Math.max(1, Math.min(opts.jobs, files.length || 1));
  const runner = (jobs > 1 && !opts.narrative && !opts.previous ? await workerPool(jobs, { ...(opts.profile ? { profile: opts.profile } : {}), ...(opts.output ? { output: opts.output } : {}) }) : undefined) ?? inThread(opts);
  // Each worker is kept a few files ahead, so that none waits on a message round trip while the
  // main thread adds a report to the summary; in one thread, the next file is read from disk while
  // this one is checked. Still a handful of files held, whatever the folder's size.
  const inFlight = jobs === 1 ? 2 : jobs * 4;
  const started = new Map<number, Promise<FileReport>>();
  let launched = 0;
  try {
    for (let i = 0; i < files.length; i++) {
      while (launched < files.length && launched < i + inFlight) {
        started.set(launched, runner.run(files[launched]!));
        launched++;
      }
      const report = await started.get(i)!;
      started.delete(i);
      yield report;
    }
  } finally {
    await runner.close();
  }
}

// ---------------------------------------------------------------------------
// Progress on a terminal.

export class Progress {
  private last = 0;
  private shown = false;
  constructor(
    private readonly write: (s: string) => void,
    private readonly total: number,
    private readonly now: () => number = Date.now,
  ) {}

  update(done: number, file: string): void {
    const t = this.now();
    if (done < this.total && t - this.last < 100) return;
    this.last = t;
    const width = 24;
    const filled = Math.round((done / Math.max(1, this.total)) * width);
    const name = file.length > 40 ? `…${file.slice(-39)}` : file;
    this.write(`\r\x1b[K检查 [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${this.total} ${name}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.write('\r\x1b[K');
    this.shown = false;
  }
}
