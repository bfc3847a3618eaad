/**
 * juesuan check: the findings of each workbook (text or --json), for files
 * and folders (searched for .xlsx, .xlsm and .xls; ./batch.ts), a summary for
 * the finance bureau (--report 汇总.xlsx|.csv|.json), a marked copy
 * (--annotate), the 表文 check of a narrative kept outside the workbook
 * (--narrative). Exit 2 when a file could not be read, else 1 when a workbook
 * has errors, else 0. Nothing is ever written over: --annotate and --report
 * refuse an existing file (and the input) unless --force.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { checkWorkbook, withoutGeneratedNarratives } from '../../core/check';
import type { SheetGrid, WorkbookGrid } from '../../core/grid/grid';
import { WorkbookReadError } from '../../hosts/exceljs/errors';
import { narrativeSheet } from '../../core/narrative/check-text';
import { workbookNarrative } from '../../core/narrative/workbook';
import type { ProfileId } from '../../core/templates/types';
import { readWorkbookFile } from '../../hosts/exceljs/read-file';
import { sniffWorkbookBytes } from '../../hosts/exceljs/errors';
import { decodeText } from '../../hosts/text-decode';
import { ArgsError, parseArgs } from '../args';
import { Progress, checkInOrder, collectFiles } from './batch';
import { type ReportSink, openReport, reportFormatOf } from './batch-report';
import { type Command, PROFILE_OPTION, YEAR_OPTION, formatOption, profileOf, refuseOutput, samePath, wantsJson, yearOf } from './common';

const OPTIONS = {
  '--json': {},
  '--force': {},
  '--format': {
    ...formatOption(['text', 'json']),
    check: (v: string) => (v === 'docx' ? '--format docx 和 --out 只用于 narrative 命令：juesuan narrative <工作簿.xlsx> --format docx --out <情况说明.docx>' : formatOption(['text', 'json']).check!(v)),
  },
  '--profile': PROFILE_OPTION,
  '--year': YEAR_OPTION,
  '--annotate': { value: true, missing: '--annotate 后面应给出副本的文件名，如 --annotate 标注副本.xlsx。' },
  '--previous': { value: true, missing: '--previous 后面应给出上年度的工作簿，如 --previous 2024年决算公开.xlsx。' },
  '--narrative': { value: true, missing: '--narrative 后面应给出情况说明的文件名（.docx、.pdf 或 .txt），如 --narrative 情况说明.docx。' },
  '--report': {
    value: true,
    missing: '--report 后面应给出汇总文件名：.xlsx、.csv 或 .json，如 --report 汇总.xlsx。',
    check: (v: string) => (reportFormatOf(v) ? undefined : `--report 的文件名应以 .xlsx、.csv 或 .json 结尾，收到“${v}”。`),
  },
  '--jobs': {
    value: true,
    missing: '--jobs 后面应给出同时检查的文件数，如 --jobs 2。',
    check: (v: string) => (/^[1-9]\d?$/.test(v) ? undefined : `--jobs 应为 1 到 99 的整数，收到“${v}”。`),
  },
};

export const checkCommand: Command = async (rest, io) => {
  const a = parseArgs(rest, OPTIONS);
  const json = wantsJson(a);
  const force = a.flags.has('--force');
  const annotate = a.values.get('--annotate');
  const narrativeFile = a.values.get('--narrative');
  const reportPath = a.values.get('--report');
  const jobs = Number(a.values.get('--jobs') ?? '1');
  if (a.files.length === 0) throw new ArgsError('请给出要检查的工作簿文件或文件夹。');
  const { files, folders } = await collectFiles(a.files);
  if (annotate !== undefined && (files.length !== 1 || folders > 0)) {
    throw new ArgsError(`--annotate 一次只能标注一个工作簿，收到 ${folders > 0 ? `文件夹（其中 ${files.length} 个工作簿）` : `${files.length} 个文件`}。请逐个文件运行。`);
  }
  // Outputs are checked before any work: never over an input, an existing file (unless --force), or with a wrong extension.
  for (const [option, out, ext] of [
    ['--annotate', annotate, /\.xls[xm]$/i],
    ['--report', reportPath, /\.(xlsx|csv|json)$/i],
  ] as const) {
    if (out === undefined) continue;
    const refused = await refuseOutput(option, out, { inputs: files, force, extension: ext, sameExtensionAs: option === '--annotate' ? files[0] : undefined });
    if (refused) {
      io.stderr(refused + '\n');
      return 2;
    }
  }
  if (folders > 0 && files.length === 0) {
    io.stderr(`文件夹中没有找到工作簿（.xlsx、.xlsm 或 .xls）或 PDF：${a.files.join('、')}\n`);
    return 2;
  }
  // A narrative kept outside the workbook (Word, or plain text) is checked against one workbook's tables.
  let narrative: SheetGrid | undefined;
  if (narrativeFile !== undefined) {
    if (files.length !== 1) throw new ArgsError('--narrative 一次核对一个工作簿：juesuan check <工作簿.xlsx> --narrative <情况说明.docx>');
    const { DocumentReadError, readDocxText } = await import('../../hosts/docx/read-docx');
    try {
      narrative = /\.pdf$/i.test(narrativeFile) ? await pdfNarrative(narrativeFile) : undefined;
      if (!narrative) {
        const bytes = await readFile(narrativeFile);
        const text = /\.docx$/i.test(narrativeFile) ? await readDocxText(bytes, narrativeFile) : decodeText(bytes);
        narrative = narrativeSheet(basename(narrativeFile), text);
      }
    } catch (e) {
      io.stderr(e instanceof DocumentReadError || e instanceof WorkbookReadError ? `${e.message}\n` : `无法读取情况说明文件：${narrativeFile}（${e instanceof Error ? e.message : String(e)}）\n`);
      return 2;
    }
  }

  // Last year's workbook: every line of the one checked is compared with it (warnings for large changes without a reason).
  let previous: WorkbookGrid | undefined;
  const previousFile = a.values.get('--previous');
  if (previousFile !== undefined) {
    if (files.length !== 1) throw new ArgsError('--previous 一次与一个工作簿比较：juesuan check <本年工作簿.xlsx> --previous <上年工作簿.xlsx>');
    if (await samePath(files[0]!, previousFile)) throw new ArgsError(`--previous 给出的是被检查的文件本身（${previousFile}）：请给出上年度的工作簿。`);
    try {
      previous = await readWorkbookFile(previousFile);
    } catch (e) {
      io.stderr(`${e instanceof WorkbookReadError ? e.message : `无法读取上年度工作簿：${previousFile}（${e instanceof Error ? e.message : String(e)}）`}\n`);
      return 2;
    }
  }

  const profile = profileOf(a);
  const report: ReportSink | undefined = reportPath === undefined ? undefined : await openReport(reportFormatOf(reportPath)!);
  const progress = io.stderrIsTTY && files.length > 1 ? new Progress(io.stderr, files.length) : undefined;
  const say = json ? io.stderr : io.stdout;
  let unreadable = 0;
  let withErrors = 0;
  let done = 0;
  let firstResult: { file: string } | undefined;
  try {
    if (json) io.stdout('{\n  "files": [');
    for await (const r of checkInOrder(files, { jobs, output: json ? 'json' : reportPath !== undefined ? 'line' : 'text', ...(profile ? { profile } : {}), ...(narrative ? { narrative } : {}), ...(previous ? { previous } : {}) })) {
      progress?.clear();
      if (r.readError !== undefined) {
        unreadable++;
        if (!json) io.stderr(r.readError + '\n');
      } else if (r.errors > 0) withErrors++;
      if (json) io.stdout((done === 0 ? '\n' : ',\n') + indent(JSON.stringify(r.json, null, 2), '    '));
      else io.stdout(reportPath !== undefined ? `${r.line}　${r.file}\n` : r.text);
      await report?.add(r.row, r.findings);
      if (done === 0 && r.readError === undefined) firstResult = r;
      done++;
      progress?.update(done, r.file);
    }
    progress?.clear();
    if (json) io.stdout(done === 0 ? ']\n}\n' : '\n  ]\n}\n');
    if (files.length > 1 || reportPath !== undefined) {
      say(`共 ${files.length} 个文件：未发现错误 ${files.length - withErrors - unreadable} 个，有错误 ${withErrors} 个，无法读取 ${unreadable} 个。\n`);
    }
    if (report && reportPath !== undefined) {
      await report.finish(reportPath, force);
      say(`已将汇总写到：${reportPath}\n`);
    }
  } catch (e) {
    progress?.clear();
    await report?.abort();
    if (reportPath !== undefined && /EEXIST/.test(String((e as NodeJS.ErrnoException).code))) {
      io.stderr(`--report 的文件已存在，未覆盖：${reportPath}（要覆盖请加 --force）\n`);
      return 2;
    }
    throw e;
  }
  if (unreadable) return 2;

  if (annotate !== undefined && firstResult) {
    const file = firstResult.file;
    let copied: { converted: boolean };
    try {
      copied = await annotateFile(file, annotate, { force, ...(profile ? { profile } : {}), ...(narrative ? { narrative } : {}), ...(previous ? { previous } : {}), year: yearOf(a) });
    } catch (e) {
      io.stderr(`无法写出标注副本：${annotate}（${e instanceof Error ? e.message : String(e)}）\n`);
      return 2;
    }
    // With --json, stdout holds the JSON document only.
    say(`已将标注副本写到：${annotate}${copied.converted ? '（由旧版 .xls 转成 .xlsx：数值、数字格式和合并单元格照原样，字体、边框和列宽未保留）' : ''}\n`);
  }
  return withErrors > 0 ? 1 : 0;
};

const indent = (s: string, pad: string): string => s.replace(/^/gm, pad);

/**
 * The marked copy of one workbook: the original package with only the parts
 * the marks need rewritten (../../hosts/xlsx/annotate), written to a new file
 * (never over one unless --force).
 */
async function annotateFile(file: string, out: string, o: { force: boolean; profile?: ProfileId; narrative?: SheetGrid; previous?: WorkbookGrid; year: number | undefined }): Promise<{ converted: boolean }> {
  // A PDF's copy is its rebuilt workbook (as `juesuan convert` writes it), marked: the same sheets and cells the check read.
  const pdf = /\.pdf$/i.test(file) ? await (await import('../../hosts/pdf/read-file')).readPdfFile(file) : undefined;
  const grid = pdf ?? (await readWorkbookFile(file));
  const result = checkWorkbook(grid, o.profile ? { profile: o.profile } : undefined, { ...(o.narrative ? { narrative: o.narrative } : {}), ...(o.previous ? { previous: o.previous } : {}) });
  // The draft goes to a new sheet of the copy (情况说明（生成稿）); one an earlier copy has is not the user's text.
  const draft = workbookNarrative(withoutGeneratedNarratives(grid), result.mapping, o.year);
  // A legacy .xls (or an .et holding one) has no .xlsx package to mark: the copy is its cells written as one.
  const original = pdf ? undefined : await readFile(file);
  const converted = original !== undefined && sniffWorkbookBytes(original) === 'ole';
  const bytes = pdf ? await (await import('../../hosts/pdf/to-xlsx')).pdfWorkbookXlsx(pdf) : converted ? await (await import('../../hosts/exceljs/grid-to-xlsx')).gridToXlsx(grid) : original!;
  const { annotateWorkbook } = await import('../../hosts/xlsx/annotate/annotate');
  const { inflateWithZlib } = await import('../../hosts/xlsx/inflate-node');
  await writeFile(out, await annotateWorkbook(bytes, result, { narrative: draft, inflate: inflateWithZlib }), { flag: o.force ? 'w' : 'wx' });
  return { converted };
}

/** The 情况说明 of a published PDF, its paragraphs as the PDF reader gives them, named after the file. */
async function pdfNarrative(file: string): Promise<SheetGrid> {
  const { readPdfFile } = await import('../../hosts/pdf/read-file');
  const { PDF_NARRATIVE_SHEET } = await import('../../hosts/pdf/workbook');
  const pdf = await readPdfFile(file);
  const text = pdf.sheets.find((s) => s.name === PDF_NARRATIVE_SHEET);
  if (!text) throw new Error('PDF 中没有找到情况说明的正文');
  const lines: string[] = [];
  for (let r = 0; r < text.rowCount; r++) {
    const v = text.cell(r, 0)?.value;
    if (v !== null && v !== undefined && String(v).trim() !== '') lines.push(String(v));
  }
  return narrativeSheet(basename(file), lines.join('\n'));
}
