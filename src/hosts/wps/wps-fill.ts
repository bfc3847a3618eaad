/**
 * A cell's fill in WPS (Interior: Pattern, Color, TintAndShade, PatternColor,
 * PatternTintAndShade) in the form the Excel host records it (SavedFill of
 * ../office/fill.ts), so that the two hosts share the record's shape and the
 * planning of marks (../office/plan.ts): pattern by name ('None', 'Solid',
 * 'Gray50' …), colours as "#RRGGBB".
 *
 * Interior.Color is an RGB long, red + green·256 + blue·65536 (the VBA
 * object model's RGB(); WPS's ET reference writes `interior.Color = RGB(255,
 * 0, 0)`), so #FFC7CE is 0xCEC7FF.
 *
 * A theme colour comes back as its RGB and is restored as that RGB: the cell
 * looks the same, but is no longer tied to the workbook's theme (as in Excel).
 * Gradient fills (xlPatternLinearGradient, xlPatternRectangularGradient) are
 * never marked: they cannot be written back through Interior.
 */
import type { SavedFill } from '../office/fill';
import { NO_FILL } from '../office/fill';
import { type EtInterior, XL_PATTERN_NONE, XL_PATTERN_SOLID } from './et';

/** xlPattern numbers by the names Office.js uses for the same patterns (Excel.FillPattern). */
const PATTERNS: ReadonlyArray<readonly [number, string]> = [
  [-4142, 'None'],
  [1, 'Solid'],
  [-4105, 'Automatic'],
  [9, 'Checker'],
  [16, 'CrissCross'],
  [-4121, 'Down'],
  [17, 'Gray16'],
  [-4124, 'Gray25'],
  [-4125, 'Gray50'],
  [-4126, 'Gray75'],
  [18, 'Gray8'],
  [15, 'Grid'],
  [-4128, 'Horizontal'],
  [13, 'LightDown'],
  [11, 'LightHorizontal'],
  [14, 'LightUp'],
  [12, 'LightVertical'],
  [10, 'SemiGray75'],
  [-4162, 'Up'],
  [-4166, 'Vertical'],
  [4000, 'LinearGradient'],
  [4001, 'RectangularGradient'],
];
const NAME_OF = new Map(PATTERNS);
const NUMBER_OF = new Map(PATTERNS.map(([n, s]) => [s, n]));

/** xlPattern → name; a number without a name is kept as "xl:<n>". */
export function patternName(n: number): string {
  return NAME_OF.get(n) ?? `xl:${n}`;
}

/** Name → xlPattern; undefined for a name this host cannot write. */
export function patternNumber(name: string): number | undefined {
  const known = NUMBER_OF.get(name);
  if (known !== undefined) return known;
  const m = /^xl:(-?\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** RGB long → "#RRGGBB". */
export function hexOfLong(n: number): string {
  const v = Math.max(0, Math.min(0xffffff, Math.round(n)));
  const r = v & 0xff;
  const g = (v >> 8) & 0xff;
  const b = (v >> 16) & 0xff;
  return `#${[r, g, b].map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase()}`;
}

/** "#RRGGBB" → RGB long. */
export function longOfHex(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) throw new Error(`颜色格式不对：${hex}`);
  return parseInt(m[1]!, 16) + parseInt(m[2]!, 16) * 256 + parseInt(m[3]!, 16) * 65536;
}

/** The Interior properties a fill is read from. */
export type InteriorProperty = 'Pattern' | 'Color' | 'TintAndShade' | 'PatternColor' | 'PatternTintAndShade';

/**
 * The fill of one cell from its Interior properties, asked one by one only
 * as needed: the pattern first (a cell without fill needs nothing more), the
 * pattern's own colour only for a pattern that shows it.
 */
export function readFill(prop: (name: InteriorProperty) => unknown): SavedFill {
  const p = prop('Pattern');
  if (typeof p !== 'number' || p === XL_PATTERN_NONE) return NO_FILL;
  const out: { -readonly [K in keyof SavedFill]: SavedFill[K] } = { pattern: patternName(p) };
  const color = prop('Color');
  if (typeof color === 'number') out.color = hexOfLong(color);
  const tint = prop('TintAndShade');
  if (typeof tint === 'number') out.tintAndShade = tint;
  if (p !== XL_PATTERN_SOLID) {
    const pc = prop('PatternColor');
    if (typeof pc === 'number') out.patternColor = hexOfLong(pc);
    const pt = prop('PatternTintAndShade');
    if (typeof pt === 'number') out.patternTintAndShade = pt;
  }
  return out;
}

/** The fill behind one cell's Interior. */
export function readInterior(interior: EtInterior): SavedFill {
  return readFill((name) => interior[name]);
}

/** Gives the cells behind `interior` the saved fill, every field saved, the pattern first (a colour written after it does not switch it). */
export function writeInterior(interior: EtInterior, f: SavedFill): void {
  const p = patternNumber(f.pattern);
  if (f.pattern === 'None' || p === undefined) {
    interior.Pattern = XL_PATTERN_NONE;
    return;
  }
  interior.Pattern = p;
  if (f.color !== undefined) interior.Color = longOfHex(f.color);
  if (f.tintAndShade !== undefined) interior.TintAndShade = f.tintAndShade;
  if (f.patternColor !== undefined) interior.PatternColor = longOfHex(f.patternColor);
  if (f.patternTintAndShade !== undefined) interior.PatternTintAndShade = f.patternTintAndShade;
}

/** The mark: a plain solid fill of the colour, without tint (what showsMark() of ../office/fill.ts recognises). */
export function writeMark(interior: EtInterior, color: string): void {
  interior.Pattern = XL_PATTERN_SOLID;
  interior.Color = longOfHex(color);
  interior.TintAndShade = 0;
}
