/**
 * juesuan convert 决算.pdf --out 决算.xlsx: the published PDF's tables
 * rebuilt as a workbook (one sheet per table, the narrative one paragraph per
 * row) for an accountant to continue in Excel. The same reading as
 * `juesuan check 决算.pdf`: checking the .xlsx gives the PDF's findings.
 * An existing --out is not written over without --force, the PDF never.
 */
import { writeFile } from 'node:fs/promises';
import { WorkbookReadError } from '../../hosts/exceljs/errors';
import { ArgsError, parseArgs } from '../args';
import { type Command, refuseOutput } from './common';

const OPTIONS = {
  '--out': { value: true, missing: '--out 后面应给出工作簿的文件名，如 --out 决算.xlsx。' },
  '--force': {},
};

export const USE_CONVERT = '用法：juesuan convert <决算.pdf> --out <决算.xlsx> [--force]';

export const convertCommand: Command = async (rest, io) => {
  const a = parseArgs(rest, OPTIONS);
  if (a.files.length !== 1) throw new ArgsError(`${a.files.length === 0 ? '请给出要转换的 PDF 文件。' : `一次转换一个 PDF，收到 ${a.files.length} 个文件。`}\n${USE_CONVERT}`);
  const file = a.files[0]!;
  if (!/\.pdf$/i.test(file)) throw new ArgsError(`juesuan convert 只转换 PDF（收到“${file}”）；工作簿可直接用 juesuan check 检查。\n${USE_CONVERT}`);
  const out = a.values.get('--out');
  if (out === undefined) throw new ArgsError(`请用 --out 指定重建的工作簿的文件名。\n${USE_CONVERT}`);
  const refused = await refuseOutput('--out', out, { inputs: [file], force: a.flags.has('--force'), extension: /\.xlsx$/i, expected: '.xlsx', example: '决算.xlsx' });
  if (refused) {
    io.stderr(refused + '\n');
    return 2;
  }
  const { readPdfFile } = await import('../../hosts/pdf/read-file');
  let wb;
  try {
    wb = await readPdfFile(file);
  } catch (e) {
    io.stderr((e instanceof WorkbookReadError ? e.message : `无法读取 PDF：${file}（${e instanceof Error ? e.message : String(e)}）`) + '\n');
    return 2;
  }
  const { pdfWorkbookXlsx } = await import('../../hosts/pdf/to-xlsx');
  try {
    await writeFile(out, await pdfWorkbookXlsx(wb), { flag: a.flags.has('--force') ? 'w' : 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr(code === 'EEXIST' ? `--out 的文件已存在，未覆盖：${out}（要覆盖请加 --force）\n` : `无法写出工作簿：${out}（${e instanceof Error ? e.message : String(e)}）\n`);
    return 2;
  }
  for (const n of wb.notices) io.stderr(`注意：${n}\n`);
  const tables = [...wb.info.values()].filter((i) => i.kind === 'table').length;
  const narrative = [...wb.info.values()].find((i) => i.kind === 'narrative');
  io.stdout(`已将重建的工作簿写到：${out}（共 ${wb.pageCount} 页，${tables} 张表${narrative ? `，情况说明 ${narrative.rowPages.length} 段` : ''}）\n`);
  return 0;
};
