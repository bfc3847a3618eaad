/**
 * The WPS host uses only what the WPS 加载项 API declares:
 *
 * - every member of the interfaces in src/hosts/wps/et.ts (the only way the
 *   host reaches WPS: window.Application is typed by them) is declared, with
 *   the same name, in Kingsoft's declarations of the add-in API (npm
 *   et-jsapi-declare 2.5.0, kept as ./wps-api-surface.json by
 *   scripts/wps-api-surface.mjs): a method as a method, a property the host
 *   writes as a writable property;
 * - the fake (./wps.fake.ts) is held to the same list (./wps.test.ts), so the
 *   adapter tests run on nothing WPS does not have.
 *
 * The list is read from the package, not typed by hand; moving to a newer
 * et-jsapi-declare means running the script again and these tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import SURFACE from './wps-api-surface.json';

const ET_TS = path.join(__dirname, '..', '..', 'src', 'hosts', 'wps', 'et.ts');
const KINDS = SURFACE.interfaces as Record<string, Record<string, 'method' | 'property' | 'readonly'>>;

/** The host's interface → the declared interface(s) it stands for. */
const DECLARED: Record<string, string[]> = {
  EtApplication: ['Et.Application'],
  WpsAddonRoot: ['WPS.AddonRoot'],
  WpsTaskPane: ['WPS.CustomTaskpane'],
  WpsPluginStorage: ['WPS.PluginStorage'],
  WpsRibbonUi: ['WPS.RibbonUi'],
  WpsRibbonControl: ['Kso.RibbonControl'],
  EtWorkbook: ['Et.Workbook'],
  EtSheets: ['Et.Sheets'],
  EtWorksheet: ['Et.Worksheet'],
  EtProtection: ['Et.Protection'],
  EtRange: ['Et.Range'],
  EtInterior: ['Et.Interior'],
  EtFont: ['Et.Font'],
  EtComment: ['Et.Comment'],
  EtNames: ['Et.Names'],
  EtName: ['Et.Name'],
  EtHyperlinks: ['Et.Hyperlinks'],
  EtPageSetup: ['Et.PageSetup'],
  EtWindow: ['Et.Window'],
};

interface Member {
  readonly iface: string;
  readonly name: string;
  readonly kind: 'method' | 'property' | 'readonly';
}

function hostMembers(): Member[] {
  const sf = ts.createSourceFile(ET_TS, fs.readFileSync(ET_TS, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Member[] = [];
  sf.forEachChild((n) => {
    if (!ts.isInterfaceDeclaration(n)) return;
    for (const m of n.members) {
      const name = m.name?.getText(sf);
      if (!name) continue;
      if (ts.isMethodSignature(m)) out.push({ iface: n.name.text, name, kind: 'method' });
      else if (ts.isPropertySignature(m)) out.push({ iface: n.name.text, name, kind: m.modifiers?.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword) ? 'readonly' : 'property' });
    }
  });
  return out;
}

describe('the WPS host uses only what the WPS 加载项 API declares', () => {
  const members = hostMembers();

  test('the surface file comes from the package and holds the interfaces used', () => {
    expect(SURFACE.source).toBe('et-jsapi-declare@2.5.0');
    for (const list of Object.values(DECLARED)) for (const i of list) expect(Object.keys(KINDS[i] ?? {}).length).toBeGreaterThan(0);
  });

  test('every interface of src/hosts/wps/et.ts stands for a declared one', () => {
    const ifaces = new Set(members.map((m) => m.iface));
    expect([...ifaces].filter((i) => !DECLARED[i])).toEqual([]);
  });

  test('every member is declared there with the same name and kind; every property the host writes is writable there', () => {
    const problems: string[] = [];
    for (const m of members) {
      const declared = DECLARED[m.iface]!.map((i) => KINDS[i]![m.name]).find((k) => k !== undefined);
      if (declared === undefined) problems.push(`${m.iface}.${m.name}: not declared`);
      else if ((declared === 'method') !== (m.kind === 'method')) problems.push(`${m.iface}.${m.name}: ${m.kind} here, ${declared} there`);
      else if (m.kind === 'property' && declared !== 'property') problems.push(`${m.iface}.${m.name}: written here, read-only there`);
    }
    expect(problems).toEqual([]);
    expect(members.length).toBeGreaterThan(50);
  });

  test('the check catches a misuse: Range.Address as a property, a member WPS does not have', () => {
    const kind = (i: string, n: string) => KINDS[i]?.[n];
    expect(kind('Et.Range', 'Address')).toBe('method');
    expect(kind('Et.Range', 'Value2')).toBe('property');
    expect(kind('Et.Range', 'Text')).toBe('readonly');
    expect(kind('Et.Range', 'values')).toBeUndefined();
  });
});
