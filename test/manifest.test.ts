/**
 * manifest.xml validates offline against the Office add-in schemas
 * (office-addin-manifest validate needs an online service).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..');
const schemaDir = [path.join(root, '..', 'shared', 'schemas', 'office-manifest'), path.join(root, 'test', 'schemas', 'office-manifest')].find((d) =>
  fs.existsSync(path.join(d, 'OfficeAppManifestV1_1.xsd')),
);

test('manifest.xml is valid against OfficeAppManifestV1_1.xsd', () => {
  expect(schemaDir).toBeDefined();
  const r = spawnSync('xmllint', ['--noout', '--schema', path.join(schemaDir!, 'OfficeAppManifestV1_1.xsd'), 'manifest.xml'], { cwd: root, encoding: 'utf8' });
  expect(r.error).toBeUndefined();
  expect(r.stderr).toContain('manifest.xml validates');
  expect(r.status).toBe(0);
});

test('manifest declares an Excel task pane with the permissions a check needs', () => {
  const xml = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
  expect(xml).toContain('xsi:type="TaskPaneApp"');
  expect(xml).toContain('<Host Name="Workbook"/>');
  expect(xml).toContain('<Permissions>ReadWriteDocument</Permissions>');
  expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1\.\d+"\/>/);
});
