/**
 * manifest.xml validates offline against the Office add-in schemas
 * (office-addin-manifest validate needs an online service), and what the
 * schemas cannot see is checked here: every resid points at a resource of the
 * right kind, every icon exists in assets/ at its declared size, the ribbon has
 * its three buttons, and every string has its en-US override. The manifest a
 * build for a unit's server writes (webpack.config.js's rebaseManifest) names
 * only that server, AppDomain included, and still validates;
 * test/e2e/production-build.test.ts checks the one a real build writes.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAIN_XSD, SCHEMA_DIR as schemaDir, manifestUrls, validateManifest } from './helpers/manifest-schema';

const root = path.join(__dirname, '..');

describe('schema', () => {
  const manifest = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
  /** The manifest with `<Stray/>` inserted on a line of its own after the first line that contains `after`; returns it and that line's number. */
  const withStray = (after: string) => {
    const lines = manifest.split('\n');
    const i = lines.findIndex((l) => l.includes(after));
    expect(i).toBeGreaterThanOrEqual(0);
    lines.splice(i + 1, 0, `${lines[i]!.match(/^\s*/)![0]}<Stray/>`);
    return { xml: lines.join('\n'), line: i + 2 };
  };

  test('manifest.xml is valid against OfficeAppManifestV1_1.xsd and the schemas it imports', async () => {
    expect(fs.existsSync(path.join(schemaDir, MAIN_XSD))).toBe(true);
    const r = await validateManifest(manifest);
    expect(r.errors).toEqual([]);
    expect(r.rawOutput).toContain('manifest.xml validates');
    expect(r.valid).toBe(true);
  });

  // The validation can fail: a stray element is rejected, at its line, both in
  // the main schema's part and inside VersionOverrides (an imported schema).
  test.each([
    ['after <DefaultLocale>', '<DefaultLocale>'],
    ['in a button, after its <Supertip>', '</Supertip>'],
  ])('a manifest with a stray element %s is rejected at its line', async (_where, after) => {
    const { xml, line } = withStray(after);
    const r = await validateManifest(xml);
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.loc?.lineNumber)).toContain(line);
    expect(r.errors.find((e) => e.loc?.lineNumber === line)?.message).toMatch(/Stray.*not expected/);
  });
});

test('manifest declares an Excel task pane with the permissions a check needs', () => {
  const xml = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
  expect(xml).toContain('xsi:type="TaskPaneApp"');
  expect(xml).toContain('<Host Name="Workbook"/>');
  expect(xml).toContain('<Permissions>ReadWriteDocument</Permissions>');
  expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1\.\d+"\/>/);
});

// ---------------------------------------------------------------------------
// A small XML reader: elements, attributes, text; comments and declarations
// skipped. Enough for a manifest, which has no CDATA or DTD.

interface El {
  /** Qualified name as written, e.g. "bt:Image". */
  readonly name: string;
  /** Name without its prefix, e.g. "Image". */
  readonly local: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: El[];
  text: string;
  readonly parent?: El;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITIES[e] ?? m),
  );

function parseXml(xml: string): El {
  const doc: El = { name: '#document', local: '#document', attrs: {}, children: [], text: '' };
  let cur = doc;
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = token.exec(xml))) {
    if (m.index !== consumed) throw new Error(`unreadable XML at offset ${consumed}`);
    consumed = token.lastIndex;
    const [whole, close, open, attrText, selfClose, text] = m;
    if (whole.startsWith('<![CDATA[') || whole.startsWith('<!DOCTYPE')) throw new Error('CDATA/DOCTYPE not expected in the manifest');
    if (close !== undefined) {
      if (close !== cur.name) throw new Error(`</${close}> closes <${cur.name}>`);
      cur = cur.parent!;
    } else if (open !== undefined) {
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]!] = decode(a[2] ?? a[3] ?? '');
      const el: El = { name: open, local: open.replace(/^.*:/, ''), attrs, children: [], text: '', parent: cur };
      cur.children.push(el);
      if (!selfClose) cur = el;
    } else if (text !== undefined) {
      cur.text += decode(text);
    }
  }
  if (consumed !== xml.length || cur !== doc) throw new Error('unbalanced XML');
  return doc;
}

const descendants = (el: El): El[] => el.children.flatMap((c) => [c, ...descendants(c)]);
const all = (el: El, local: string) => descendants(el).filter((d) => d.local === local);
const child = (el: El, local: string): El | undefined => el.children.find((c) => c.local === local);
const children = (el: El, local: string) => el.children.filter((c) => c.local === local);
function only(el: El, local: string): El {
  const found = all(el, local);
  if (found.length !== 1) throw new Error(`expected one <${local}> under <${el.name}>, found ${found.length}`);
  return found[0]!;
}

const xml = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
const app = only(parseXml(xml), 'OfficeApp');
const overrides = only(app, 'VersionOverrides');
const resources = only(overrides, 'Resources');

type Kind = 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings';
const KINDS: readonly Kind[] = ['Images', 'Urls', 'ShortStrings', 'LongStrings'];
/** Defined resources by id, with the collection each sits in. */
const defined = new Map<string, { kind: Kind; el: El }>();
for (const kind of KINDS) {
  for (const el of child(resources, kind)?.children ?? []) {
    if (defined.has(el.attrs.id!)) throw new Error(`resource id ${el.attrs.id} defined twice`);
    defined.set(el.attrs.id!, { kind, el });
  }
}
const resource = (id: string | undefined) => {
  const r = defined.get(id ?? '');
  if (!r) throw new Error(`no resource ${id}`);
  return r;
};
const zh = (resid: string | undefined) => resource(resid).el.attrs.DefaultValue;
const en = (resid: string | undefined) => children(resource(resid).el, 'Override').find((o) => o.attrs.Locale === 'en-US')?.attrs.Value;

/** Which collection a reference must point into, by the referring element. */
function expectedKind(ref: El): Kind {
  if (ref.local === 'Image') return 'Images';
  if (['SourceLocation', 'FunctionFile', 'LearnMoreUrl'].includes(ref.local)) return 'Urls';
  if (ref.local === 'Description') return 'LongStrings';
  if (['Label', 'Title'].includes(ref.local)) return 'ShortStrings';
  throw new Error(`unexpected resid on <${ref.name}>`);
}

const BASE = 'https://localhost:3000/';

describe('VersionOverrides', () => {
  const refs = descendants(overrides).filter((e) => e.attrs.resid !== undefined && e.parent?.local !== 'Resources');

  test('every resid points at a defined resource of the right kind', () => {
    expect(refs.length).toBeGreaterThan(20);
    const problems = refs.flatMap((r) => {
      const d = defined.get(r.attrs.resid!);
      if (!d) return [`<${r.name} resid="${r.attrs.resid}"> has no resource`];
      if (d.kind !== expectedKind(r)) return [`<${r.name} resid="${r.attrs.resid}"> points into ${d.kind}, not ${expectedKind(r)}`];
      return [];
    });
    expect(problems).toEqual([]);
  });

  test('every resource is used', () => {
    const used = new Set(refs.map((r) => r.attrs.resid));
    expect([...defined.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  test('every URL is under the development server, and the function file is commands.html', () => {
    const urls = [...descendants(app).flatMap((e) => [e.attrs.DefaultValue, e.attrs.Value])].filter((v): v is string => !!v && /^\w+:\/\//.test(v));
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => !u.startsWith(BASE))).toEqual([]);
    expect(zh(only(overrides, 'FunctionFile').attrs.resid)).toBe(`${BASE}commands.html`);
    expect(app.children.find((c) => c.local === 'AppDomains')?.children.map((d) => d.text.trim())).toContain(BASE.replace(/\/$/, ''));
  });

  test('the overrides are for Excel on the desktop, with a Get Started text', () => {
    const host = only(overrides, 'Host');
    expect(host.attrs['xsi:type']).toBe('Workbook');
    const getStarted = only(overrides, 'GetStarted');
    expect(zh(child(getStarted, 'Title')?.attrs.resid)).toBeTruthy();
    expect(zh(child(getStarted, 'Description')?.attrs.resid)).toMatch(/一键检查/);
    expect(zh(child(getStarted, 'LearnMoreUrl')?.attrs.resid)).toMatch(/^https:\/\/localhost:3000\//);
  });
});

// ---------------------------------------------------------------------------
// Icons

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(b.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** The file in assets/ an icon URL is served from. */
function assetFile(url: string): string {
  expect(url.startsWith(`${BASE}assets/`)).toBe(true);
  return path.join(root, 'assets', ...url.slice(`${BASE}assets/`.length).split('/'));
}

describe('icons', () => {
  test('IconUrl (32 px) and HighResolutionIconUrl (64 px) exist at their sizes', () => {
    for (const [el, size] of [['IconUrl', 32], ['HighResolutionIconUrl', 64]] as const) {
      const file = assetFile(child(app, el)!.attrs.DefaultValue!);
      expect(fs.existsSync(file)).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });

  test('every ribbon icon exists in assets/ with the pixel size it is used at', () => {
    const images = all(overrides, 'Image').filter((e) => e.parent?.local === 'Icon');
    expect(images.length).toBeGreaterThanOrEqual(12); // the group and three buttons
    for (const img of images) {
      const url = zh(img.attrs.resid)!;
      const file = assetFile(url);
      expect({ url, exists: fs.existsSync(file) }).toEqual({ url, exists: true });
      const size = Number(img.attrs.size);
      expect({ url, ...pngSize(file) }).toEqual({ url, width: size, height: size });
    }
  });

  test('the group and every button have 16, 32 and 80 px icons', () => {
    for (const owner of [only(overrides, 'Group'), ...all(overrides, 'Control')]) {
      const sizes = children(child(owner, 'Icon')!, 'Image').map((i) => Number(i.attrs.size));
      expect(sizes.sort((a, b) => a - b)).toEqual([16, 32, 80]);
    }
  });

  test('the store listing icon (128 px) exists', () => {
    expect(pngSize(path.join(root, 'assets', 'icon-128.png'))).toEqual({ width: 128, height: 128 });
  });

  test('the committed PNGs are what scripts/make-icons.mjs draws', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'make-icons.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

// ---------------------------------------------------------------------------
// The ribbon

describe('ribbon', () => {
  const tab = only(overrides, 'CustomTab');
  const group = only(tab, 'Group');
  const controls = children(group, 'Control');
  const byLabel = (label: string) => {
    const c = controls.find((x) => zh(child(x, 'Label')?.attrs.resid) === label);
    if (!c) throw new Error(`no button ${label}`);
    return c;
  };

  test('a custom tab 决算公开 (JuesuanTab) with one group 检查', () => {
    expect(only(overrides, 'ExtensionPoint').attrs['xsi:type']).toBe('PrimaryCommandSurface');
    expect(tab.attrs.id).toBe('JuesuanTab');
    expect(zh(child(tab, 'Label')?.attrs.resid)).toBe('决算公开');
    expect(children(tab, 'Group')).toHaveLength(1);
    expect(zh(child(group, 'Label')?.attrs.resid)).toBe('检查');
  });

  test('three buttons, in order: 一键检查, 打开助手, 清除标记', () => {
    expect(controls.map((c) => c.attrs['xsi:type'])).toEqual(['Button', 'Button', 'Button']);
    expect(controls.map((c) => zh(child(c, 'Label')?.attrs.resid))).toEqual(['一键检查', '打开助手', '清除标记']);
    const ids = all(overrides, 'Control').map((c) => c.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('一键检查 runs runCheck and 清除标记 runs clearMarks, without the pane', () => {
    for (const [label, fn] of [['一键检查', 'runCheck'], ['清除标记', 'clearMarks']] as const) {
      const action = child(byLabel(label), 'Action')!;
      expect(action.attrs['xsi:type']).toBe('ExecuteFunction');
      expect(child(action, 'FunctionName')?.text.trim()).toBe(fn);
    }
  });

  test('打开助手 shows the task pane (ButtonId1) at the add-in’s own task pane URL', () => {
    const action = child(byLabel('打开助手'), 'Action')!;
    expect(action.attrs['xsi:type']).toBe('ShowTaskpane');
    expect(child(action, 'TaskpaneId')?.text.trim()).toBe('ButtonId1');
    const paneUrl = only(app, 'DefaultSettings').children.find((c) => c.local === 'SourceLocation')!.attrs.DefaultValue;
    expect(paneUrl).toBe(`${BASE}taskpane.html`);
    expect(zh(child(action, 'SourceLocation')?.attrs.resid)).toBe(paneUrl);
  });

  test('every button has a supertip with a title and a description', () => {
    for (const c of controls) {
      const tip = child(c, 'Supertip')!;
      expect(zh(child(tip, 'Title')?.attrs.resid)).toBeTruthy();
      expect(zh(child(tip, 'Description')?.attrs.resid)!.length).toBeGreaterThan(10);
    }
  });
});

// ---------------------------------------------------------------------------
// Languages

describe('strings', () => {
  test('Chinese by default, with English overrides for the labels', () => {
    expect(child(app, 'DefaultLocale')?.text).toBe('zh-CN');
    const labels = Object.fromEntries(
      children(only(overrides, 'Group'), 'Control').map((c) => {
        const resid = child(c, 'Label')?.attrs.resid;
        return [zh(resid)!, en(resid)];
      }),
    );
    expect(labels).toEqual({ 一键检查: expect.any(String), 打开助手: expect.any(String), 清除标记: expect.any(String) });
    for (const v of Object.values(labels)) expect(v).toMatch(/^[A-Za-z][\x20-\x7e]*$/);
  });

  test('every string resource has an en-US override, in English, within its length limit', () => {
    const problems: string[] = [];
    for (const [id, { kind, el }] of defined) {
      if (kind !== 'ShortStrings' && kind !== 'LongStrings') continue;
      const limit = kind === 'ShortStrings' ? 125 : 250;
      const zhValue = el.attrs.DefaultValue ?? '';
      const enValue = en(id);
      if (!/[\u4e00-\u9fff]/.test(zhValue)) problems.push(`${id}: default is not Chinese`);
      if (!enValue) problems.push(`${id}: no en-US override`);
      else if (/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(enValue)) problems.push(`${id}: en-US text has Chinese characters`);
      for (const v of [zhValue, enValue ?? '']) if ([...v].length > limit) problems.push(`${id}: longer than ${limit}`);
    }
    expect(problems).toEqual([]);
  });

  test('the display name and description are localised too', () => {
    for (const el of ['DisplayName', 'Description']) {
      const e = child(app, el)!;
      expect(e.attrs.DefaultValue).toMatch(/[\u4e00-\u9fff]/);
      expect(children(e, 'Override').find((o) => o.attrs.Locale === 'en-US')?.attrs.Value).toBeTruthy();
    }
  });
});

test('the manifest asks for the Excel API set the Office host relies on', async () => {
  const { REQUIRED_EXCEL_API } = await import('../src/hosts/office/office-host');
  const xml = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');
  expect(xml).toContain(`<Set Name="ExcelApi" MinVersion="${REQUIRED_EXCEL_API}"/>`);
});

// ---------------------------------------------------------------------------
// The manifest of a build for a unit's intranet server (--env baseUrl=…)

describe('rebaseManifest (webpack --env baseUrl=…)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rebaseManifest } = require(path.join(root, 'webpack.config.js')) as { rebaseManifest: (xml: string, baseUrl: string) => string };
  const unit = 'https://jsgk.example.gov.cn/juesuan/';
  const rebased = rebaseManifest(xml, unit);

  test('no localhost remains; every URL is under the unit’s server and the AppDomain is its origin', () => {
    expect(rebased).not.toMatch(/localhost|127\.0\.0\.1/);
    const urls = manifestUrls(rebased);
    expect(urls.length).toBe(manifestUrls(xml).length);
    expect(urls.filter((u) => !u.startsWith(unit) && u !== 'https://jsgk.example.gov.cn')).toEqual([]);
    expect([...rebased.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => m[1])).toEqual(['https://jsgk.example.gov.cn']);
    // The same pages, under the new base.
    const paths = (list: string[], base: string) => list.filter((u) => u.startsWith(base)).map((u) => u.slice(base.length)).sort();
    expect(paths(urls, unit)).toEqual(paths(manifestUrls(xml), BASE));
  });

  test('the rebased manifest still validates against the schemas', async () => {
    const r = await validateManifest(rebased);
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });

  test('a server on another port keeps its port in the AppDomain', () => {
    expect(rebaseManifest(xml, 'https://10.1.2.3:8443/jsgk/')).toContain('<AppDomain>https://10.1.2.3:8443</AppDomain>');
  });

  test('an http address, or one not ending in /, is refused (Office loads only https pages)', () => {
    expect(() => rebaseManifest(xml, 'http://jsgk.example.gov.cn/juesuan/')).toThrow(/https/);
    expect(() => rebaseManifest(xml, 'https://jsgk.example.gov.cn/juesuan')).toThrow(/\//);
  });
});

test('every page the manifest names has a source the build turns into it', () => {
  const sources: Record<string, string> = { 'taskpane.html': 'src/taskpane/taskpane.html', 'commands.html': 'src/commands/commands.html', 'help.html': 'src/help/help.html' };
  for (const url of manifestUrls(xml).filter((u) => u.startsWith(BASE))) {
    const file = url.slice(BASE.length);
    const source = file.startsWith('assets/') ? file : sources[file];
    expect({ url, source: source && fs.existsSync(path.join(root, source)) }).toEqual({ url, source: true });
  }
});
