/**
 * What in a script is newer than a given ECMAScript edition, read with acorn
 * (in node_modules through webpack's minimizer). Used on the built task pane
 * and commands bundles: Excel's EdgeHTML webview (EdgeHTML 18) parses ES2017
 * and nothing newer — not object spread, optional catch binding or the
 * regular expression features of ES2018 (lookbehind, named groups, the s
 * flag, \p{…}), not BigInt, ?. or ?? (ES2020), not class fields (ES2022).
 *
 * newerSyntax() lists each use with its edition and a snippet, so that a
 * failure says what to change and where; parsesAs() is acorn's own verdict.
 */
import * as acorn from 'acorn';

export interface NewerSyntax {
  readonly feature: string;
  /** The edition that brought it. */
  readonly es: number;
  /** Offset in the source. */
  readonly pos: number;
  /** The source around it. */
  readonly snippet: string;
}

type Node = acorn.Node & Record<string, unknown>;

/** The feature a node uses and its edition, or undefined when it is ES2017 or older. */
function featureOf(node: Node, parent: Node | undefined): [string, number] | undefined {
  switch (node.type) {
    case 'ChainExpression':
      return ['optional chaining ?.', 2020];
    case 'LogicalExpression':
      return node.operator === '??' ? ['nullish coalescing ??', 2020] : undefined;
    case 'AssignmentExpression':
      return ['??=', '||=', '&&='].includes(node.operator as string) ? [`logical assignment ${String(node.operator)}`, 2021] : undefined;
    case 'PropertyDefinition':
      return ['class field', 2022];
    case 'PrivateIdentifier':
      return ['private name #…', 2022];
    case 'StaticBlock':
      return ['class static block', 2022];
    case 'SpreadElement':
      return parent?.type === 'ObjectExpression' ? ['object spread {...x}', 2018] : undefined;
    case 'RestElement':
      return parent?.type === 'ObjectPattern' ? ['object rest {...x} =', 2018] : undefined;
    case 'CatchClause':
      return node.param === null ? ['optional catch binding catch {}', 2019] : undefined;
    case 'ForOfStatement':
      return node.await ? ['for await', 2018] : undefined;
    case 'FunctionDeclaration':
    case 'FunctionExpression':
      return node.async && node.generator ? ['async generator', 2018] : undefined;
    case 'ImportExpression':
      return ['dynamic import()', 2020];
    case 'MetaProperty':
      return (node.meta as Node).name === 'import' ? ['import.meta', 2020] : undefined;
    case 'TemplateElement':
      return (node.value as { cooked: string | null }).cooked === null ? ['invalid escape in a tagged template', 2018] : undefined;
    case 'Literal': {
      if (node.bigint !== undefined) return ['BigInt literal 1n', 2020];
      const regex = node.regex as { pattern: string; flags: string } | undefined;
      if (regex) {
        if (/\(\?<[=!]/.test(regex.pattern)) return ['regular expression lookbehind (?<= (?<!', 2018];
        if (/\(\?<[A-Za-z_$]|\\k</.test(regex.pattern)) return ['regular expression named group (?<name>', 2018];
        if (regex.flags.includes('s')) return ['regular expression flag s', 2018];
        if (regex.flags.includes('u') && /\\[pP]\{/.test(regex.pattern)) return ['regular expression \\p{…}', 2018];
        if (regex.flags.includes('d')) return ['regular expression flag d', 2022];
        if (regex.flags.includes('v')) return ['regular expression flag v', 2024];
      }
      if (typeof node.value === 'number' && typeof node.raw === 'string' && node.raw.includes('_')) return ['numeric separator 1_000', 2021];
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Every use of syntax newer than ES`edition` in `source` (a script or a module). */
export function newerSyntax(source: string, edition = 2017): NewerSyntax[] {
  let ast: acorn.Node;
  try {
    ast = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  } catch {
    ast = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true, allowReturnOutsideFunction: true });
  }
  const found: NewerSyntax[] = [];
  const visit = (node: Node, parent: Node | undefined) => {
    const f = featureOf(node, parent);
    if (f && f[1] > edition) found.push({ feature: f[0], es: f[1], pos: node.start, snippet: source.slice(Math.max(0, node.start - 40), Math.min(source.length, node.end + 40)).slice(0, 160) });
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) {
        for (const v of value) if (v && typeof v === 'object' && typeof (v as Node).type === 'string') visit(v as Node, node);
      } else if (value && typeof value === 'object' && typeof (value as Node).type === 'string') {
        visit(value as Node, node);
      }
    }
  };
  visit(ast as Node, undefined);
  return found;
}

/** acorn's verdict: undefined when `source` parses as a script of ES`edition`, else its error. */
export function parseErrorAs(source: string, edition: 2017 | 2019): string | undefined {
  try {
    acorn.parse(source, { ecmaVersion: edition, sourceType: 'script' });
    return undefined;
  } catch (e) {
    const pos = (e as { pos?: number }).pos ?? 0;
    return `${(e as Error).message}: …${source.slice(Math.max(0, pos - 60), pos + 60)}…`;
  }
}

/** A short account of the uses: per feature, how many and one snippet. */
export function summarize(found: readonly NewerSyntax[]): string[] {
  const byFeature = new Map<string, NewerSyntax[]>();
  for (const f of found) byFeature.set(f.feature, [...(byFeature.get(f.feature) ?? []), f]);
  return [...byFeature].map(([feature, uses]) => `${feature} (ES${uses[0]!.es}) ×${uses.length}, e.g. …${uses[0]!.snippet}…`);
}
