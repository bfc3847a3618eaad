/**
 * juesuan check: the findings of each workbook (text or --json), a marked
 * copy (--annotate), the 表文 check of a narrative kept outside the
 * workbook (--narrative). Exit 1 when a workbook has errors.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { withoutGeneratedNarratives } from '../../core/check';
import type { SheetGrid } from '../../core/grid/grid';
import { narrativeSheet } from '../../core/narrative/check-text';
import { workbookNarrative } from '../../core/narrative/workbook';
import { DocumentReadError, readDocxText } from '../../hosts/docx/read-docx';
import { annotateWorkbook } from '../../hosts/exceljs/annotate';
import { readWorkbookFile } from '../../hosts/exceljs/read-file';
import { ArgsError, parseArgs } from '../args';
import { toJson, toText } from '../report';
import { type Command, PROFILE_OPTION, YEAR_OPTION, checkFiles, formatOption, profileOf, samePath, wantsJson, yearOf } from './common';

const OPTIONS = {
  '--json': {},
  '--format': {
    ...formatOption(['text', 'json']),
    check: (v: string) => (v === 'docx' ? '--format docx 和 --out 只用于 narrative 命令：juesuan narrative <工作簿.xlsx> --format docx --out <情况说明.docx>' : formatOption(['text', 'json']).check!(v)),
  },
  '--profile': PROFILE_OPTION,
  '--year': YEAR_OPTION,
  '--annotate': { value: true, missing: '--annotate 后面应给出副本的文件名，如 --annotate 标注副本.xlsx。' },
  '--narrative': { value: true, missing: '--narrative 后面应给出情况说明的文件名（.docx 或 .txt），如 --narrative 情况说明.docx。' },
};

export const checkCommand: Command = async (rest, io) => {
  const a = parseArgs(rest, OPTIONS);
  const json = wantsJson(a);
  const annotate = a.values.get('--annotate');
  const narrativeFile = a.values.get('--narrative');
  if (a.files.length === 0) throw new ArgsError('请给出要检查的工作簿文件。');
  if (annotate !== undefined) {
    if (a.files.length !== 1) throw new ArgsError(`--annotate 一次只能标注一个工作簿，收到 ${a.files.length} 个文件。请逐个文件运行。`);
    if (await samePath(a.files[0]!, annotate)) {
      io.stderr(`--annotate 的副本不能写到被检查的文件本身（${annotate}）：请另取一个文件名。\n`);
      return 2;
    }
  }
  // A narrative kept outside the workbook (Word, or plain text) is checked against one workbook's tables.
  let narrative: SheetGrid | undefined;
  if (narrativeFile !== undefined) {
    if (a.files.length !== 1) throw new ArgsError('--narrative 一次核对一个工作簿：juesuan check <工作簿.xlsx> --narrative <情况说明.docx>');
    try {
      const bytes = await readFile(narrativeFile);
      const text = /\.docx$/i.test(narrativeFile) ? await readDocxText(bytes, narrativeFile) : bytes.toString('utf8');
      narrative = narrativeSheet(basename(narrativeFile), text);
    } catch (e) {
      io.stderr(e instanceof DocumentReadError ? `${e.message}\n` : `无法读取情况说明文件：${narrativeFile}（${e instanceof Error ? e.message : String(e)}）\n`);
      return 2;
    }
  }
  const profile = profileOf(a);
  const { outcomes, unreadable } = await checkFiles(a.files, { ...(profile ? { profile } : {}), ...(narrative ? { narrative } : {}), json }, io);
  io.stdout(json ? JSON.stringify(toJson(outcomes), null, 2) + '\n' : toText(outcomes));
  if (unreadable) return 2;
  if (annotate !== undefined && outcomes[0]?.result) {
    const { file, result } = outcomes[0];
    try {
      const grid = await readWorkbookFile(file);
      // The draft goes to a new sheet of the copy (情况说明（生成稿）); one an earlier copy has is not the user's text.
      const draft = workbookNarrative(withoutGeneratedNarratives(grid), result.mapping, yearOf(a));
      await writeFile(annotate, await annotateWorkbook(await readFile(file), result, { narrative: draft }));
    } catch (e) {
      io.stderr(`无法写出标注副本：${annotate}（${e instanceof Error ? e.message : String(e)}）\n`);
      return 2;
    }
    // With --json, stdout holds the JSON document only.
    (json ? io.stderr : io.stdout)(`已将标注副本写到：${annotate}\n`);
  }
  return outcomes.some((o) => (o.result?.summary.error ?? 0) > 0) ? 1 : 0;
};
