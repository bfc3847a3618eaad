/**
 * The domain core imports nothing from Office, React, the DOM or Node: it
 * runs the same in the CLI, the browser page and the Excel task pane.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const coreDir = path.join(__dirname, '..', '..', 'src', 'core');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const sources = files(coreDir).map((f) => ({ file: path.relative(coreDir, f), text: fs.readFileSync(f, 'utf8') }));

test('the core has source files', () => {
  expect(sources.length).toBeGreaterThan(15);
});

test.each(sources.map((s) => [s.file, s.text]))('%s imports only the core itself', (_file, text) => {
  const imports = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
  expect(imports.filter((i) => !i.startsWith('.'))).toEqual([]);
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  expect(code).not.toMatch(/\b(window|document|Office|Excel|process|globalThis)\s*[.[]/);
});
