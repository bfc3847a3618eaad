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
import { ArgsError } from './args';
import type { CliIO, Command } from './commands/common';

const USAGE = `决算公开助手（juesuan）：检查部门决算公开表格的表内、表间关系

用法：
  juesuan check <工作簿.xlsx|文件夹>... [--profile auto|hunan-2024|national-2024] [--json]
  juesuan check <文件夹> --report <汇总.xlsx|.csv|.json> [--jobs N]
                                                   财政局批量检查：文件夹（含子文件夹）中的 .xlsx、.xlsm、.xls、.et、.pdf，
                                                   另存一份汇总（每个文件一行、全部问题、无法读取的文件）
  juesuan check <工作簿.xlsx> --annotate <标注副本.xlsx>   另存一份标出问题单元格的副本
  juesuan check <工作簿.xlsx> --narrative <情况说明.docx|.pdf|.txt>
                                                   核对已写好的情况说明与表中数字是否一致（表文核对）
  juesuan check <决算.pdf> [--json]                   检查公开的 PDF（Word、WPS 等导出的文字版，表格带框线）：
                                                   逐表重建单元格后同样检查，问题指明第几页、哪张表、哪一格
  juesuan convert <决算.pdf> --out <决算.xlsx> [--force]
                                                   把 PDF 中的各表和情况说明重建为工作簿，可在 Excel 中继续编辑
  juesuan check <本年工作簿.xlsx> --previous <上年工作簿.xlsx>
                                                   与上年逐行比较：变动超过 10% 且超过 1 万元又没写原因的列为提示
  juesuan map <工作簿.xlsx> [--profile …] [--json]     显示每张表、每行每列识别到的位置
  juesuan narrative <工作簿.xlsx> [--year 2024] [--format text|json]
                                                   由表中数字生成第三部分 部门决算情况说明（初稿）
  juesuan narrative <工作簿.xlsx> --format docx --out <情况说明.docx>
                                                   把情况说明写成 Word 文档，待填写处以黄色标出
  juesuan new --year 2025 [--profile …] [--from <上年工作簿.xlsx>] [--dept 部门] [--unit 单位] --out <2025.xlsx>
                                                   生成新年度工作簿：各表合计均为公式，沿用上年科目，
                                                   上年数写入“说明数据”，供“与上年相比”各句使用

选项：
  --profile   表格模板：auto（默认，按内容识别）、hunan-2024（湖南省）、national-2024（财政部参考模板）
  --json      输出一个 JSON 文档（供其他程序读取）
  --annotate  把检查结果写进一份副本（只能检查一个工作簿）：问题单元格按级别标色并加批注，
              首页“检查结果”逐项列出并可点击跳转，情况说明初稿写在新加的“情况说明（生成稿）”表中；
              原有各工作表的名称和数值不变，原文件不作任何改动
  --narrative 表文核对所用的情况说明（Word 或纯文本）；不给出时核对工作簿中的“情况说明”等文字表
  --report    汇总文件：.xlsx（汇总、全部问题、无法读取三张表，可筛选）、.csv（每个文件一行）或 .json
  --jobs      同时检查的文件数（默认 1）；结果顺序与文件顺序相同，与 --jobs 无关
  --from      新年度：上年度的工作簿（沿用科目、部门、年度和上年数；原文件只读）
  --force     允许覆盖已存在的 --annotate、--report、--out 文件（被检查的文件本身永远不会被覆盖）
  --help      显示本说明

退出码：0 未发现错误；1 发现错误；2 有文件无法读取（不存在、不是工作簿、已加密、已损坏或异常；PDF 为扫描件或表格没有框线）或命令有误。`;

export type { CliIO } from './commands/common';

/** Each command in a module of its own (src/cli/commands/). */
// Loaded only when named: `juesuan check` does not pay for the libraries that write workbooks or Word documents.
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  check: async () => (await import('./commands/check')).checkCommand,
  map: async () => (await import('./commands/map')).mapCommand,
  narrative: async () => (await import('./commands/narrative')).narrativeCommand,
  new: async () => (await import('./commands/new')).newCommand,
  convert: async () => (await import('./commands/convert')).convertCommand,
};

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE + '\n');
    return command ? 0 : 2;
  }
  const load = COMMANDS[command];
  if (!load) {
    io.stderr(`未知命令“${command}”。\n\n${USAGE}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  try {
    const run = await load();
    return await run(rest, io);
  } catch (e) {
    if (e instanceof ArgsError) {
      // The mistake and where to read more: the whole usage would push the message off the screen.
      io.stderr(`${e.message}\n用法见 juesuan ${command} --help。\n`);
      return 2;
    }
    throw e;
  }
}

/** Runs the CLI on this process: arguments, output streams and exit status. */
export function main(): void {
  runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stderrIsTTY: process.stderr.isTTY === true,
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
