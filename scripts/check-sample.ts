/**
 * `npm start`: a newcomer sees the product work both ways. Writes the
 * bundled sample workbook, prints its check in the terminal, then builds and
 * serves the browser page (webpack-dev-server, quiet: webpack.config.js keeps
 * its logging to warnings and errors), saying in a short line what it is
 * doing at each step. The page's URL is the last line, printed once the page
 * is actually served.
 */
import * as http from 'node:http';
import * as path from 'node:path';
import webpack from 'webpack';
import WebpackDevServer from 'webpack-dev-server';
import { runCli } from '../src/cli/main';
import { SAMPLE_PATH, writeSample } from './build-sample';

/** The repository (this file runs as build/scripts/check-sample.js). */
const ROOT = path.join(__dirname, '..', '..');
const PORT = 3000;
const PAGE = `http://localhost:${PORT}/index.html`;

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Status code of a GET of `url` (the page as a browser would ask for it). */
function status(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

/** Builds the pages and serves them; resolves once index.html is served. */
async function serve(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, 'webpack.config.js')) as (env: object, argv: object) => webpack.Configuration & { devServer: WebpackDevServer.Configuration };
  // stats 'none': the errors are printed here, once (the dev server would print them again).
  const config = { ...makeConfig({}, { mode: 'development' }), context: ROOT, stats: 'none' as const };
  const compiler = webpack(config);
  let failed = false;
  const built = new Promise<void>((resolve) => {
    compiler.hooks.done.tap('npm start', (stats) => {
      if (stats.hasErrors()) {
        failed = true;
        process.stderr.write(`${stats.toString('errors-only')}\n页面构建出错（见上）。修改源文件后会自动重新构建。\n`);
        return;
      }
      if (failed) say('页面已重新构建。');
      failed = false;
      resolve();
    });
  });
  const server = new WebpackDevServer({ ...config.devServer, port: PORT }, compiler);
  try {
    await server.start();
  } catch (e) {
    const inUse = (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
    throw new Error(inUse ? `端口 ${PORT} 已被占用：可能已有一个 npm start 在运行，请先停止它（Ctrl+C）。` : `无法启动本机服务器：${e instanceof Error ? e.message : String(e)}`);
  }
  await built;
  const code = await status(PAGE);
  if (code !== 200) throw new Error(`本机服务器对 ${PAGE} 的应答是 ${code}。`);
}

async function main(): Promise<void> {
  say('生成样例工作簿…');
  await writeSample();
  say(`检查样例（${path.relative(process.cwd(), SAMPLE_PATH)}）…`);
  say('');
  await runCli(['check', SAMPLE_PATH], { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
  say('');
  say('构建页面…');
  await serve();
  say('Excel 加载项的旁加载见 README（npm run start:excel）。按 Ctrl+C 停止。');
  say(`浏览器页面：${PAGE}（点“打开样例”或打开自己的 .xlsx）`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
