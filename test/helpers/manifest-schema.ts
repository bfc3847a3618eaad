/**
 * manifest.xml against the Office add-in schemas, offline: xmllint compiled
 * to WebAssembly (npm xmllint-wasm, no system xmllint needed) with the XSDs
 * copied into test/schemas/office-manifest/ (see its README).
 * office-addin-manifest validate needs an online service.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateXML } from 'xmllint-wasm';

export const SCHEMA_DIR = path.join(__dirname, '..', 'schemas', 'office-manifest');
export const MAIN_XSD = 'OfficeAppManifestV1_1.xsd';

export async function validateManifest(xml: string) {
  const read = (fileName: string) => ({ fileName, contents: fs.readFileSync(path.join(SCHEMA_DIR, fileName), 'utf8') });
  const imported = fs.readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.xsd') && f !== MAIN_XSD);
  return validateXML({ xml: { fileName: 'manifest.xml', contents: xml }, schema: read(MAIN_XSD), preload: imported.map(read) });
}

/** Every absolute URL the manifest names: attribute values (namespace declarations aside) and element text (AppDomain). */
export function manifestUrls(xml: string): string[] {
  const body = xml.replace(/<!--[\s\S]*?-->/g, '');
  const inAttributes = [...body.matchAll(/\s([\w:.-]+)\s*=\s*"(\w+:\/\/[^"]*)"/g)].filter((m) => !/^xmlns(:|$)/.test(m[1]!)).map((m) => m[2]!);
  const inText = [...body.matchAll(/>\s*(\w+:\/\/[^<\s]*)\s*</g)].map((m) => m[1]!);
  return [...inAttributes, ...inText];
}
