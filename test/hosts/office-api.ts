/**
 * What the shipped Office.js offers, read from the packages themselves:
 *
 * - the API surface: the Excel classes and their members that the bundled
 *   library defines. The add-in serves office.js and the excel-*.js host files
 *   from the npm package @microsoft/office-js (webpack.config.js copies them);
 *   office.js loads one host file per platform (OSF.HostSpecificFileVersionMap
 *   in office.debug.js: excel-win32-16.01, excel-web-16.00, excel-mac-16.00,
 *   excel-ios-16.00, excel-winrt-16.00, and the default 16.00 for the others,
 *   android). Each file is run in a bare vm context and Excel.<Class>.prototype
 *   is read; a member counts only when every one of those files defines it.
 * - the requirement set of each member: the "[Api set: ExcelApi X]" line of
 *   its documentation in @types/office-js, the same text as Microsoft's API
 *   reference. "ExcelApi 1.1 for getting the name; 1.4 for setting it" counts
 *   as the highest version named; members documented only for ExcelApiOnline,
 *   ExcelApiDesktop or a preview set count as unavailable.
 *
 * Used by the fake Excel (a member outside the surface, or above the fake's
 * ExcelApi version, throws) and by office-api.test.ts (the source calls
 * nothing outside the surface, and nothing above 1.9 without a guard).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

const ROOT = path.join(__dirname, '..', '..');
export const OFFICE_DIST = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');
const TYPES_FILE = path.join(ROOT, 'node_modules', '@types', 'office-js', 'index.d.ts');

/** The Excel host files office.js loads on each platform (see the notes at the top). */
export const EXCEL_HOST_FILES = [
  'excel-win32-16.01.js',
  'excel-web-16.00.js',
  'excel-mac-16.00.js',
  'excel-ios-16.00.js',
  'excel-winrt-16.00.js',
  'excel-android-16.00.js',
] as const;

/**
 * Excel.<Class> → every member name on its prototype chain; under '' the
 * names the Excel namespace itself holds (Excel.run, the enums).
 */
export type Surface = ReadonlyMap<string, ReadonlySet<string>>;

/** Excel.<Class> → every member name on its prototype chain, in one host file. */
export function fileSurface(file: string): Surface {
  const code = fs.readFileSync(path.join(OFFICE_DIST, file), 'utf8');
  const quiet = { log() {}, warn() {}, error() {}, info() {}, debug() {} };
  const sandbox: Record<string, unknown> = {
    navigator: { userAgent: 'node' },
    document: { getElementsByTagName: () => [], createElement: () => ({}), addEventListener() {} },
    location: { href: 'https://localhost/' },
    addEventListener() {},
    setTimeout,
    clearTimeout,
    console: quiet,
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  const ctx = vm.createContext(sandbox);
  vm.runInContext(code, ctx, { filename: file });
  const excel = sandbox.Excel as Record<string, unknown> | undefined;
  if (!excel) throw new Error(`${file} defines no Excel namespace`);
  const objectProto = vm.runInContext('Object.prototype', ctx) as object;
  const out = new Map<string, Set<string>>([['', new Set(Object.keys(excel))]]);
  for (const [name, value] of Object.entries(excel)) {
    if (typeof value !== 'function' || !(value as { prototype?: unknown }).prototype) continue;
    const members = new Set<string>();
    for (let p: object | null = (value as { prototype: object }).prototype; p && p !== objectProto; p = Object.getPrototypeOf(p) as object | null) {
      for (const m of Object.getOwnPropertyNames(p)) if (m !== 'constructor') members.add(m);
    }
    out.set(name, members);
  }
  return out;
}

let cachedSurface: Surface | undefined;

/** The members every Excel host file defines (the intersection over EXCEL_HOST_FILES). */
export function bundledSurface(): Surface {
  if (cachedSurface) return cachedSurface;
  let acc: Map<string, Set<string>> | undefined;
  for (const f of EXCEL_HOST_FILES) {
    const s = fileSurface(f);
    if (!acc) {
      acc = new Map([...s].map(([k, v]) => [k, new Set(v)]));
      continue;
    }
    for (const [cls, members] of [...acc]) {
      const other = s.get(cls);
      if (!other) acc.delete(cls);
      else for (const m of [...members]) if (!other.has(m)) members.delete(m);
    }
  }
  cachedSurface = acc!;
  return cachedSurface;
}

/** The installed @microsoft/office-js version. */
export function bundledVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(OFFICE_DIST, '..', 'package.json'), 'utf8')) as { version: string }).version;
}

// ---------------------------------------------------------------------------
// Requirement sets

/** "1.9" < "1.13": numeric by part. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Not in any ExcelApi set (online-only, desktop-only, preview): never available to this add-in. */
export const UNAVAILABLE = '999';

export interface ApiVersions {
  /**
   * "Range.getCellProperties" → "1.9"; for classes and interfaces of namespace
   * Excel (not Excel.Interfaces); ".run" for a function of the namespace
   * (Excel.run documents no set: it is the model's entry point, 1.1).
   */
  readonly members: ReadonlyMap<string, string>;
  /** "Range" → "1.1": the type's own requirement set. */
  readonly types: ReadonlyMap<string, string>;
}

let cachedVersions: ApiVersions | undefined;

/** The version a "[Api set: …]" remark names: the highest ExcelApi version in it, or UNAVAILABLE. */
function versionOf(remark: string): string {
  if (!/^ExcelApi \d/.test(remark)) return UNAVAILABLE;
  const all = [...remark.matchAll(/\b1\.\d+\b/g)].map((m) => m[0]);
  return all.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b), '1.1');
}

/** Every member's requirement set, from the documentation comments of @types/office-js. */
export function apiVersions(): ApiVersions {
  if (cachedVersions) return cachedVersions;
  const lines = fs.readFileSync(TYPES_FILE, 'utf8').split('\n');
  const members = new Map<string, string>();
  const types = new Map<string, string>();
  let inExcel = false;
  let type: string | undefined;
  let remark: string | undefined; // the last "[Api set: …]" line of the current comment
  let inComment = false;
  for (const line of lines) {
    if (/^declare namespace /.test(line)) {
      inExcel = /^declare namespace Excel \{/.test(line);
      type = undefined;
      continue;
    }
    if (!inExcel) continue;
    if (/^    namespace /.test(line)) {
      inExcel = false; // Excel.Interfaces and the like: load and update shapes, not the API
      continue;
    }
    const trimmed = line.trim();
    if (trimmed.startsWith('/**')) {
      inComment = true;
      remark = undefined;
    }
    if (inComment) {
      // Only a remark on a line of its own: "@param x … [Api set: ExcelApi 1.2]" is about a parameter.
      const m = /^\*\s*\[Api set: ([^\]]+)\]/.exec(trimmed);
      if (m) remark = m[1];
      if (trimmed.endsWith('*/')) inComment = false;
      continue;
    }
    const fn = /^    function (\w+)/.exec(line);
    if (fn) {
      const key = `.${fn[1]}`;
      const v = remark ? versionOf(remark) : '1.1';
      const before = members.get(key);
      members.set(key, before === undefined || compareVersions(v, before) < 0 ? v : before);
      remark = undefined;
      continue;
    }
    const t = /^    (?:export )?(?:abstract )?(class|interface|enum) (\w+)/.exec(line);
    if (t) {
      type = t[1] === 'enum' ? undefined : t[2];
      if (type) types.set(type, remark ? versionOf(remark) : '1.1');
      remark = undefined;
      continue;
    }
    if (/^    \}/.test(line)) {
      type = undefined;
      continue;
    }
    if (!type) continue;
    const member = /^        (?:readonly )?(\w+)\??(?:\(|<|:)/.exec(line);
    if (member) {
      const key = `${type}.${member[1]}`;
      const v = remark ? versionOf(remark) : types.get(type)!;
      const before = members.get(key);
      // Overloads: the lowest version that offers the member.
      members.set(key, before === undefined || compareVersions(v, before) < 0 ? v : before);
      remark = undefined;
    }
  }
  cachedVersions = { members, types };
  return cachedVersions;
}

/** A member's requirement set: its own, else its type's (ClientObject members: load, context, …). */
export function memberVersion(type: string, member: string): string | undefined {
  const v = apiVersions();
  return v.members.get(`${type}.${member}`) ?? v.types.get(type);
}
