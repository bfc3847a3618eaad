/**
 * juesuan — the command line face of the checker.
 *
 *   juesuan check <file.xlsx>... [--profile auto|hunan-2024|national-2024] [--json]
 *   juesuan check <file.xlsx> --annotate <copy.xlsx>
 *   juesuan map <file.xlsx>... [--profile …] [--json]
 *
 * Exit status: 0 no error found, 1 errors found, 2 a file could not be read
 * or written, or the command was wrong. Inputs are only read, never written:
 * --annotate writes a marked copy to another path.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { checkWorkbook, withoutGeneratedNarratives } from '../core/check';
import { departmentOf } from '../core/mapping/detect';
import { isProfileId } from '../core/templates/profiles';
import type { ProfileId } from '../core/templates/types';
import { annotateWorkbook } from '../hosts/exceljs/annotate';
import { WorkbookReadError } from '../hosts/exceljs/errors';
import { readWorkbookFile } from '../hosts/exceljs/read-file';
import { narrativeDocx } from '../hosts/docx/narrative-docx';
import { DocumentReadError, readDocxText } from '../hosts/docx/read-docx';
import { narrativeSheet } from '../core/narrative/check-text';
import type { SheetGrid } from '../core/grid/grid';
import { type FileOutcome, mappingText, toJson, toText } from './report';
import { narrativeText } from '../core/narrative/generate';
import { workbookNarrative } from '../core/narrative/workbook';

const USAGE = `决算公开助手（juesuan）：检查部门决算公开表格的表内、表间关系

用法：
  juesuan check <工作簿.xlsx>... [--profile auto|hunan-2024|national-2024] [--json]
  juesuan check <工作簿.xlsx> --annotate <标注副本.xlsx>   另存一份标出问题单元格的副本
  juesuan check <工作簿.xlsx> --narrative <情况说明.docx|.txt>
                                                   核对已写好的情况说明与表中数字是否一致（表文核对）
  juesuan map <工作簿.xlsx> [--profile …] [--json]     显示每张表、每行每列识别到的位置
  juesuan narrative <工作簿.xlsx> [--year 2024] [--format text|json]
                                                   由表中数字生成第三部分 部门决算情况说明（初稿）
  juesuan narrative <工作簿.xlsx> --format docx --out <情况说明.docx>
                                                   把情况说明写成 Word 文档，待填写处以黄色标出

选项：
  --profile   表格模板：auto（默认，按内容识别）、hunan-2024（湖南省）、national-2024（财政部参考模板）
  --json      输出一个 JSON 文档（供其他程序读取）
  --annotate  把检查结果写进一份副本（只能检查一个工作簿）：问题单元格按级别标色并加批注，
              首页“检查结果”逐项列出并可点击跳转，情况说明初稿写在新加的“情况说明（生成稿）”表中；
              原有各工作表的名称和数值不变，原文件不作任何改动
  --narrative 表文核对所用的情况说明（Word 或纯文本）；不给出时核对工作簿中的“情况说明”等文字表
  --help      显示本说明

退出码：0 未发现错误；1 发现错误；2 文件无法读取或命令有误。`;

export interface CliIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE + '\n');
    return command ? 0 : 2;
  }
  if (command !== 'check' && command !== 'map' && command !== 'narrative') {
    io.stderr(`未知命令“${command}”。\n\n${USAGE}\n`);
    return 2;
  }
  const files: string[] = [];
  let json = false;
  let profile: ProfileId | undefined;
  let annotate: string | undefined;
  let year: number | undefined;
  let docx = false;
  let out: string | undefined;
  let narrativeFile: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--json' || a === '--format=json') json = true;
    else if (a === '--format' || a === '--format=text' || a === '--format=docx') {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (v === 'json') json = true;
      else if (v === 'docx') docx = true;
      else if (v !== 'text') {
        io.stderr(`--format 的取值应为 text、json 或 docx，收到“${v ?? ''}”。\n`);
        return 2;
      }
    } else if (a === '--year' || a.startsWith('--year=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!v || !/^20\d\d$/.test(v)) {
        io.stderr(`--year 应为四位年份，如 --year 2024，收到“${v ?? ''}”。\n`);
        return 2;
      }
      year = Number(v);
    }
    else if (a === '--profile' || a.startsWith('--profile=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (v === undefined || (v !== 'auto' && !isProfileId(v))) {
        io.stderr(`--profile 的取值应为 auto、hunan-2024 或 national-2024，收到“${v ?? ''}”。\n`);
        return 2;
      }
      profile = v === 'auto' ? undefined : v;
    } else if (a === '--annotate' || a.startsWith('--annotate=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!v || v.startsWith('--')) {
        io.stderr(`--annotate 后面应给出副本的文件名，如 --annotate 标注副本.xlsx。\n`);
        return 2;
      }
      annotate = v;
    } else if (a === '--out' || a.startsWith('--out=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!v || v.startsWith('--')) {
        io.stderr(`--out 后面应给出 Word 文档的文件名，如 --out 情况说明.docx。\n`);
        return 2;
      }
      out = v;
    } else if (a === '--narrative' || a.startsWith('--narrative=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!v || v.startsWith('--')) {
        io.stderr(`--narrative 后面应给出情况说明的文件名（.docx 或 .txt），如 --narrative 情况说明.docx。\n`);
        return 2;
      }
      narrativeFile = v;
    } else if (a === '--help' || a === '-h') {
      io.stdout(USAGE + '\n');
      return 0;
    } else if (a.startsWith('--')) {
      io.stderr(`未知选项“${a}”。\n\n${USAGE}\n`);
      return 2;
    } else files.push(a);
  }
  if (files.length === 0) {
    io.stderr(`请给出要检查的工作簿文件。\n\n${USAGE}\n`);
    return 2;
  }
  if (annotate !== undefined) {
    if (command !== 'check') {
      io.stderr(`--annotate 只用于 check 命令。\n\n${USAGE}\n`);
      return 2;
    }
    if (files.length !== 1) {
      io.stderr(`--annotate 一次只能标注一个工作簿，收到 ${files.length} 个文件。请逐个文件运行。\n\n${USAGE}\n`);
      return 2;
    }
    if (await samePath(files[0]!, annotate)) {
      io.stderr(`--annotate 的副本不能写到被检查的文件本身（${annotate}）：请另取一个文件名。\n`);
      return 2;
    }
  }
  // A narrative kept outside the workbook (Word, or plain text) is checked against one workbook's tables.
  let narrative: SheetGrid | undefined;
  if (narrativeFile !== undefined) {
    if (command !== 'check' || files.length !== 1) {
      io.stderr(`--narrative 只用于 check 命令，且一次核对一个工作簿：juesuan check <工作簿.xlsx> --narrative <情况说明.docx>\n`);
      return 2;
    }
    try {
      const bytes = await readFile(narrativeFile);
      const text = /\.docx$/i.test(narrativeFile) ? await readDocxText(bytes, narrativeFile) : bytes.toString('utf8');
      narrative = narrativeSheet(basename(narrativeFile), text);
    } catch (e) {
      io.stderr(e instanceof DocumentReadError ? `${e.message}\n` : `无法读取情况说明文件：${narrativeFile}（${e instanceof Error ? e.message : String(e)}）\n`);
      return 2;
    }
  }
  if (docx || out !== undefined) {
    const use = `用法：juesuan narrative <工作簿.xlsx> --format docx --out <情况说明.docx>`;
    if (command !== 'narrative' || !docx || out === undefined || files.length !== 1) {
      io.stderr(
        (command !== 'narrative'
          ? `--format docx 和 --out 只用于 narrative 命令。`
          : !docx
            ? `--out 只与 --format docx 一起使用。`
            : out === undefined
              ? `--format docx 需要用 --out 指定 Word 文档的文件名。`
              : `--format docx 一次只能处理一个工作簿，收到 ${files.length} 个文件。请逐个文件运行。`) + `\n${use}\n`,
      );
      return 2;
    }
    if (await samePath(files[0]!, out)) {
      io.stderr(`--out 不能写到工作簿本身（${out}）：请另取一个文件名，如 情况说明.docx。\n`);
      return 2;
    }
  }
  const outcomes: FileOutcome[] = [];
  let unreadable = false;
  for (const file of files) {
    try {
      const grid = await readWorkbookFile(file);
      const result = checkWorkbook(grid, profile ? { profile } : undefined, narrative ? { narrative } : {});
      outcomes.push({ file, result });
      if (command === 'narrative') {
        const n = workbookNarrative(withoutGeneratedNarratives(grid), result.mapping, year);
        if (docx && out !== undefined) {
          const department = departmentOf(result.mapping);
          const bytes = await narrativeDocx(n, department ? { department } : {});
          try {
            await writeFile(out, bytes);
          } catch (e) {
            io.stderr(`无法写出 Word 文档：${out}（${e instanceof Error ? e.message : String(e)}）\n`);
            return 2;
          }
          io.stdout(`已将情况说明写到：${out}\n`);
        } else io.stdout(json ? JSON.stringify({ file, narrative: n }, null, 2) + '\n' : `━━ ${file}\n${narrativeText(n)}\n\n`);
      }
    } catch (e) {
      unreadable = true;
      const msg = e instanceof WorkbookReadError ? e.message : `读取或检查时出错：${file}（${e instanceof Error ? e.message : String(e)}）`;
      outcomes.push({ file, readError: msg });
      if (!json) io.stderr(msg + '\n');
    }
  }
  if (command === 'narrative') {
    // printed above, file by file
  } else if (command === 'map') {
    for (const o of outcomes) {
      if (!o.result) continue;
      io.stdout(json ? JSON.stringify({ file: o.file, mapping: o.result.mapping }, null, 2) + '\n' : mappingText(o.file, o.result));
    }
  } else if (json) io.stdout(JSON.stringify(toJson(outcomes), null, 2) + '\n');
  else io.stdout(toText(outcomes));
  if (unreadable) return 2;
  if (annotate !== undefined && outcomes[0]?.result) {
    const { file, result } = outcomes[0];
    try {
      const grid = await readWorkbookFile(file);
      // The draft goes to a new sheet of the copy (情况说明（生成稿）); one an earlier copy has is not the user's text.
      const narrative = workbookNarrative(withoutGeneratedNarratives(grid), result.mapping, year);
      await writeFile(annotate, await annotateWorkbook(await readFile(file), result, { narrative }));
    } catch (e) {
      io.stderr(`无法写出标注副本：${annotate}（${e instanceof Error ? e.message : String(e)}）\n`);
      return 2;
    }
    // With --json, stdout holds the JSON document only.
    (json ? io.stderr : io.stdout)(`已将标注副本写到：${annotate}\n`);
  }
  if (command !== 'check') return 0;
  return outcomes.some((o) => (o.result?.summary.error ?? 0) > 0) ? 1 : 0;
}

/** The same file: the same path, or (when both exist) the same file through another name or a link. */
async function samePath(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** Runs the CLI on this process: arguments, output streams and exit status. */
export function main(): void {
  runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`内部错误：${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) main();
