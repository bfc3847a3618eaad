/**
 * `npm start` prints the check of the bundled sample in the terminal, then
 * serves the browser page: a newcomer sees the product work both ways.
 */
import { runCli } from '../src/cli/main';
import { SAMPLE_PATH } from './build-sample';

async function main(): Promise<void> {
  await runCli(['check', SAMPLE_PATH], { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
  process.stdout.write('\n浏览器页面：http://localhost:3000/index.html（点“打开样例”或打开自己的 .xlsx）\n');
  process.stdout.write('Excel 任务窗格：http://localhost:3000/taskpane.html（需在 Excel 中加载，见 README）\n\n');
}

void main();
