/**
 * The add-in uses only what it ships and what its manifest promises:
 *
 * - every Excel member the source uses (a property read or set, a method, an
 *   object literal given to the API, each step of a load("a/b") path) is
 *   defined by the office.js the add-in serves, the npm package
 *   @microsoft/office-js (its API surface read from the package itself,
 *   ./office-api.ts);
 * - every such member is in ExcelApi 1.9, the manifest's minimum, or is one
 *   of GUARDED_EXCEL_APIS, which the host uses only where isSetSupported says
 *   so (office.test.ts runs it on an Excel of 1.9 that throws on anything
 *   above, and shows it would call the member without the guard);
 * - the version of that package is pinned in package.json, so the surface
 *   tested is the surface shipped.
 *
 * The source is read with the TypeScript checker, which resolves each use to
 * its declaration in @types/office-js, whose documentation gives the
 * requirement set. A probe of deliberate misuses shows the check catches them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { GUARDED_EXCEL_APIS, REQUIRED_EXCEL_API } from '../../src/hosts/office/office-host';
import { EXCEL_HOST_FILES, OFFICE_DIST, bundledSurface, bundledVersion, compareVersions, memberVersion } from './office-api';

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');

/** One use of an Office.js member in the source. */
interface Use {
  readonly ns: string; // Excel, Office, OfficeExtension
  readonly type: string; // Range, Dialog, … ('' for a function of the namespace itself)
  readonly member: string;
  /** Declared by a class (an object of the library), not an interface (a plain data shape). */
  readonly isClass: boolean;
  readonly where: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (f) => ts.sys.readFile(f));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options;
}

/** The namespaces a declaration sits in, outermost first ("Excel", "Office.context"…). */
function namespacesOf(node: ts.Node): string[] {
  const out: string[] = [];
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (ts.isModuleDeclaration(n)) out.unshift(n.name.getText());
  return out.join('.').split('.').filter(Boolean);
}

const isOfficeTypes = (d: ts.Declaration) => d.getSourceFile().fileName.replace(/\\/g, '/').includes('/@types/office-js/');

/** A use described by the declaration of the symbol it resolves to; undefined when not Office.js's. */
function useOf(symbol: ts.Symbol | undefined, member: string, where: string): Use | undefined {
  const d = symbol?.declarations?.find(isOfficeTypes);
  if (!d) return undefined;
  const parent = d.parent;
  const ns = namespacesOf(d)[0] ?? '';
  if (ts.isClassDeclaration(parent) || ts.isInterfaceDeclaration(parent)) {
    return { ns, type: parent.name?.getText() ?? '', member, isClass: ts.isClassDeclaration(parent), where };
  }
  return { ns, type: '', member, isClass: false, where };
}

/** Strings a load() argument names: a literal, an array of literals, or a const holding one. */
function loadPaths(arg: ts.Expression, checker: ts.TypeChecker): string[] | undefined {
  if (ts.isStringLiteralLike(arg)) return arg.text.split(',').map((s) => s.trim()).filter(Boolean);
  if (ts.isArrayLiteralExpression(arg)) {
    const parts = arg.elements.map((e) => (ts.isStringLiteralLike(e) ? e.text : undefined));
    return parts.every((p) => p !== undefined) ? (parts as string[]) : undefined;
  }
  if (ts.isIdentifier(arg)) {
    const d = checker.getSymbolAtLocation(arg)?.valueDeclaration;
    if (d && ts.isVariableDeclaration(d) && d.initializer) return loadPaths(d.initializer, checker);
  }
  return undefined;
}

/** Every Office.js member used in the given files (which may include virtual ones). */
function officeUses(files: readonly string[], extra: ReadonlyMap<string, string> = new Map()): { uses: Use[]; unresolved: string[] } {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, v, ...rest) => (extra.has(f) ? ts.createSourceFile(f, extra.get(f)!, v) : getSourceFile(f, v, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => extra.has(f) || fileExists(f);
  const program = ts.createProgram({ rootNames: [...files, ...extra.keys()], options, host });
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  const unresolved: string[] = [];
  const roots = new Set([...files, ...extra.keys()].map((f) => path.resolve(f)));
  for (const sf of program.getSourceFiles()) {
    if (!roots.has(path.resolve(sf.fileName))) continue;
    const where = (n: ts.Node) => `${path.relative(ROOT, sf.fileName)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const u = useOf(checker.getSymbolAtLocation(node.name), node.name.text, where(node));
        if (u) uses.push(u);
        // load("a, b/c"): each step, against the type it is loaded on.
        if (node.name.text === 'load' && u && ts.isCallExpression(node.parent) && node.parent.expression === node && node.parent.arguments[0]) {
          const paths = loadPaths(node.parent.arguments[0], checker);
          if (!paths) unresolved.push(`${where(node)}: load() with an argument this check cannot read`);
          for (const p of paths ?? []) {
            let type = checker.getTypeAtLocation(node.expression);
            for (const step of p.split('/')) {
              const prop = type.getProperty(step);
              const use = useOf(prop, step, where(node));
              if (!prop || !use) {
                unresolved.push(`${where(node)}: load("${p}") — ${step} is not a member of ${checker.typeToString(type)}`);
                break;
              }
              uses.push(use);
              type = checker.getTypeOfSymbolAtLocation(prop, node);
              if (step === 'items') type = checker.getIndexTypeOfType(type, ts.IndexKind.Number) ?? type;
            }
          }
        }
      }
      if (ts.isObjectLiteralExpression(node)) {
        // An object given to the API (a hyperlink, load options, zoom, dialog options): each property against its declared shape.
        const contextual = checker.getContextualType(node);
        if (contextual) {
          for (const p of node.properties) {
            if (!p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) continue;
            const u = useOf(contextual.getNonNullableType().getProperty(p.name.text), p.name.text, where(p));
            if (u) uses.push(u);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { uses, unresolved };
}

/** What is wrong with the uses: outside the shipped library, or above 1.9 without a guard. */
function violations(uses: readonly Use[], guarded: Readonly<Record<string, string>>): string[] {
  const surface = bundledSurface();
  const out = new Set<string>();
  for (const u of uses) {
    if (u.ns !== 'Excel') continue;
    const key = `${u.type}.${u.member}`;
    const defined = u.type === '' ? surface.get('')?.has(u.member) : !u.isClass || surface.get(u.type)?.has(u.member);
    const name = u.type === '' ? `Excel.${u.member}` : `Excel.${key}`;
    if (!defined) out.add(`${u.where}: ${name} is not defined by the bundled office.js ${bundledVersion()}`);
    const v = memberVersion(u.type, u.member);
    if (v === undefined) out.add(`${u.where}: ${name} has no documented requirement set`);
    else if (compareVersions(v, REQUIRED_EXCEL_API) > 0 && guarded[key] !== v) out.add(`${u.where}: ${name} needs ExcelApi ${v}, above ${REQUIRED_EXCEL_API}, and is not guarded`);
  }
  return [...out].sort();
}

/**
 * The host files of the platforms where the ribbon's commands run (the
 * manifest's DesktopFormFactor: Windows, Mac, the web).
 */
const COMMAND_HOST_FILES = ['excel-win32-16.01.js', 'excel-web-16.00.js', 'excel-mac-16.00.js'];

/** A deliberate misuse, compiled with the source (never written to disk): the check must catch it. */
const PROBE = path.join(SRC, '__office_api_probe__.ts');
const PROBE_CODE = `
  export async function misuse(context: Excel.RequestContext): Promise<void> {
    const ws = context.workbook.worksheets.getItem('S');
    ws.getRanges('A1,C3').select();
    ws.getRange('A1:B2').getMergedAreasOrNullObject().load('address');
    context.workbook.worksheets.load('items/name, items/tabId');
    await context.sync();
  }`;
const PROBE_WHERE = path.relative(ROOT, PROBE);

let analysed: { uses: Use[]; unresolved: string[] } | undefined;
/** One analysis of the whole source and the probe (the checker takes some seconds). */
const analysis = () => (analysed ??= officeUses(sourceFiles(SRC), new Map([[PROBE, PROBE_CODE]])));
const inProbe = (u: Use) => u.where.startsWith(`${PROBE_WHERE}:`);
const sourceUses = () => ({ uses: analysis().uses.filter((u) => !inProbe(u)), unresolved: analysis().unresolved });

describe('the Office.js the add-in uses is the Office.js it ships', () => {
  test('every Excel member is defined by the bundled library, and in ExcelApi 1.9 unless guarded', () => {
    const { uses, unresolved } = sourceUses();
    expect(unresolved).toEqual([]);
    expect(uses.filter((u) => u.ns === 'Excel').length).toBeGreaterThan(50); // the analysis sees the host
    expect(violations(uses, GUARDED_EXCEL_APIS)).toEqual([]);
  });

  test('each guarded member is used, with its documented version, and is in the bundled library', () => {
    const used = new Set(sourceUses().uses.filter((u) => u.ns === 'Excel').map((u) => `${u.type}.${u.member}`));
    for (const [key, version] of Object.entries(GUARDED_EXCEL_APIS)) {
      const [type, member] = key.split('.') as [string, string];
      expect(used.has(key)).toBe(true);
      expect(memberVersion(type, member)).toBe(version);
      expect(bundledSurface().get(type)?.has(member)).toBe(true);
    }
  });

  test('the common Office API the host and the commands use appears in the shipped office.js or each host file that runs them', () => {
    // A weaker check than for Excel: the common API is assembled at run time, so only its names can be looked for.
    const texts = ['office.js', ...COMMAND_HOST_FILES].map((f) => fs.readFileSync(path.join(OFFICE_DIST, f), 'utf8'));
    const mine = sourceUses().uses.filter((u) => /^src[\\/](commands|hosts[\\/]office)[\\/]/.test(u.where));
    const common = [...new Set(mine.filter((u) => u.ns === 'Office').map((u) => u.member))].sort();
    expect(common).toEqual(expect.arrayContaining(['associate', 'completed', 'displayDialogAsync', 'isSetSupported', 'onReady']));
    const missing = common.filter((m) => !texts[0]!.includes(m) && !texts.slice(1).every((t) => t.includes(m)));
    expect(missing).toEqual([]);
    expect(EXCEL_HOST_FILES).toEqual(expect.arrayContaining(COMMAND_HOST_FILES));
  });

  test('the check catches misuse: RangeAreas.select (1.18, not in the library), an unguarded 1.13 member, a 1.12 property in a load path', () => {
    const uses = analysis().uses.filter(inProbe);
    const found = violations(uses, GUARDED_EXCEL_APIS).map((v) => v.replace(/^[^:]+:\d+: /, ''));
    expect(found).toEqual([
      `Excel.RangeAreas.select is not defined by the bundled office.js ${bundledVersion()}`,
      'Excel.RangeAreas.select needs ExcelApi 1.18, above 1.9, and is not guarded',
      'Excel.Worksheet.tabId needs ExcelApi 1.14, above 1.9, and is not guarded',
    ]);
    // And the 1.13 member is only accepted because it is listed as guarded.
    expect(violations(uses, {}).some((v) => v.includes('Range.getMergedAreasOrNullObject needs ExcelApi 1.13'))).toBe(true);
  });

  test('@microsoft/office-js is pinned to the exact version installed (its API surface is what these tests read)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string>; dependencies?: Record<string, string> };
    const spec = pkg.devDependencies?.['@microsoft/office-js'] ?? pkg.dependencies?.['@microsoft/office-js'];
    expect(spec).toBe(bundledVersion());
  });
});
