/**
 * The command line's options, read the same way for every command: flags
 * (--json), options with a value (--profile national-2024, --profile=…),
 * and files. What is wrong gets one Chinese sentence, never a stack trace.
 */
export interface OptionSpec {
  /** Takes a value (--out 文件); else a flag. */
  readonly value?: boolean;
  /** Checks the value; returns the message when it is wrong. */
  readonly check?: (v: string) => string | undefined;
  /** Said when the value is missing: “--out 后面应给出…”. */
  readonly missing?: string;
}

export interface ParsedArgs {
  readonly files: string[];
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
}

export class ArgsError extends Error {}

export function parseArgs(rest: readonly string[], spec: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const files: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (!a.startsWith('--') || a === '--') {
      files.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const o = spec[name];
    if (!o) throw new ArgsError(`未知选项“${a}”。`);
    if (!o.value) {
      flags.add(name);
      continue;
    }
    const v = eq > 0 ? a.slice(eq + 1) : rest[++i];
    if (v === undefined || v === '' || v.startsWith('--')) throw new ArgsError(o.missing ?? `${name} 后面应给出取值。`);
    const bad = o.check?.(v);
    if (bad) throw new ArgsError(bad);
    values.set(name, v);
  }
  return { files, flags, values };
}
