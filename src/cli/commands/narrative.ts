/** juesuan narrative: the 第三部分 draft from the figures, as text, JSON or a Word document (--format docx --out). */
import { writeFile } from 'node:fs/promises';
import { withoutGeneratedNarratives } from '../../core/check';
import { departmentOf } from '../../core/mapping/detect';
import { narrativeText } from '../../core/narrative/generate';
import { workbookNarrative } from '../../core/narrative/workbook';
import { narrativeDocx } from '../../hosts/docx/narrative-docx';
import { ArgsError, parseArgs } from '../args';
import { type Command, PROFILE_OPTION, YEAR_OPTION, checkFiles, formatOption, profileOf, refuseOutput, wantsJson, yearOf } from './common';

const OPTIONS = {
  '--json': {},
  '--format': formatOption(['text', 'json', 'docx']),
  '--profile': PROFILE_OPTION,
  '--year': YEAR_OPTION,
  '--out': { value: true, missing: '--out 后面应给出 Word 文档的文件名，如 --out 情况说明.docx。' },
  '--force': {},
};

const USE_DOCX = '用法：juesuan narrative <工作簿.xlsx> --format docx --out <情况说明.docx>';

export const narrativeCommand: Command = async (rest, io) => {
  const a = parseArgs(rest, OPTIONS);
  if (a.files.length === 0) throw new ArgsError('请给出要检查的工作簿文件。');
  const json = wantsJson(a);
  const docx = a.values.get('--format') === 'docx';
  const out = a.values.get('--out');
  if (docx || out !== undefined) {
    if (!docx) throw new ArgsError(`--out 只与 --format docx 一起使用。\n${USE_DOCX}`);
    if (out === undefined) throw new ArgsError(`--format docx 需要用 --out 指定 Word 文档的文件名。\n${USE_DOCX}`);
    if (a.files.length !== 1) throw new ArgsError(`--format docx 一次只能处理一个工作簿，收到 ${a.files.length} 个文件。请逐个文件运行。\n${USE_DOCX}`);
    // Never over the workbook, nor an existing file unless --force, and only to a .docx name.
    const refused = await refuseOutput('--out', out, { inputs: a.files, force: a.flags.has('--force'), extension: /\.docx$/i });
    if (refused) {
      io.stderr(refused + '\n');
      return 2;
    }
  }
  const profile = profileOf(a);
  let failed = false;
  const { unreadable } = await checkFiles(a.files, { ...(profile ? { profile } : {}), json }, io, async (file, grid, outcome) => {
    const mapping = outcome.result!.mapping;
    const n = workbookNarrative(withoutGeneratedNarratives(grid), mapping, yearOf(a));
    if (docx && out !== undefined) {
      const department = departmentOf(mapping);
      try {
        await writeFile(out, await narrativeDocx(n, department ? { department } : {}), { flag: a.flags.has('--force') ? 'w' : 'wx' });
      } catch (e) {
        io.stderr(`无法写出 Word 文档：${out}（${e instanceof Error ? e.message : String(e)}）\n`);
        failed = true;
        return;
      }
      io.stdout(`已将情况说明写到：${out}\n`);
    } else io.stdout(json ? JSON.stringify({ file, narrative: n }, null, 2) + '\n' : `━━ ${file}\n${narrativeText(n)}\n\n`);
  });
  return unreadable || failed ? 2 : 0;
};
