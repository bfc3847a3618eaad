/**
 * Reading what accountants type and what Excel displays: labels, amounts,
 * number formats and 科目编码.
 *
 * Amounts never pass through binary floating point arithmetic here. A figure
 * is kept as its decimal digit strings (ParsedNumber) and converted to 分 with
 * BigInt; a JS number coming from a cell is first turned into its shortest
 * round-trip decimal string (String(x)), which is exactly the decimal the
 * workbook stores, and only then rounded — on the digits.
 */
import type { GridCell } from '../grid/grid';
import { FEN_DECIMALS, FEN_PER_UNIT, type AmountReading, type AmountUnit, type Fen, type Figure } from './amount';
import { B0, B1, B10, B2 } from './big';

// ---------------------------------------------------------------------------
// Labels

/** Whitespace of every kind, including the zero-width ones that paste in from web pages and Word. */
const ALL_SPACE = /[\s\u200B-\u200D\u2060\uFEFF]/g;
const QUOTES = /["'“”‘’「」『』〝〞〟]/g;

/**
 * A label or header reduced to what matters when comparing it with a template:
 * "因公出国 (境)费" → "因公出国(境)费", "本年收入\n合计" → "本年收入合计",
 * "财政拨款“三公”经费支出决算表" → "财政拨款三公经费支出决算表", "项 目：" → "项目".
 */
export function normalizeText(s: string): string {
  // Workbooks repeat the same labels and headers endlessly; the mapping asks
  // for each of them several times. A bounded memo keeps this off the profile.
  const hit = normCache.get(s);
  if (hit !== undefined) return hit;
  const v = normalizeUncached(s);
  if (normCache.size >= NORM_CACHE_LIMIT) normCache.clear();
  normCache.set(s, v);
  return v;
}

const NORM_CACHE_LIMIT = 50_000;
const normCache = new Map<string, string>();
/** Text that normalisation cannot change: digits, ASCII letters and CJK ideographs only. */
const ALREADY_NORMAL = /^[0-9A-Za-z.,\-\u4e00-\u9fff]*$/;

function normalizeUncached(s: string): string {
  if (ALREADY_NORMAL.test(s)) return s;
  return (
    s
      // NFKC turns full-width ASCII (（）：，１２３Ａ) into half-width, and ideographic space into a space.
      .normalize('NFKC')
      .replace(ALL_SPACE, '')
      .replace(QUOTES, '')
      .replace(/[（﹙]/g, '(')
      .replace(/[）﹚]/g, ')')
      .replace(/[【〔［〖]/g, '[')
      .replace(/[】〕］〗]/g, ']')
      .replace(/[:：]+$/, '')
  );
}

// ---------------------------------------------------------------------------
// Decimal numbers as digit strings

/** A decimal number as written, without any float: 1,820.230 → { negative: false, intDigits: "1820", fracDigits: "230" }. */
export interface ParsedNumber {
  readonly negative: boolean;
  /** Integer digits without leading zeros; "0" when the integer part is zero. */
  readonly intDigits: string;
  /** Fraction digits exactly as written, trailing zeros included (they tell the precision). */
  readonly fracDigits: string;
}

function makeParsed(negative: boolean, intDigits: string, fracDigits: string): ParsedNumber {
  const int = intDigits.replace(/^0+/, '') || '0';
  // A zero has no sign: "-0.00" is 0.
  const zero = int === '0' && !/[1-9]/.test(fracDigits);
  return { negative: negative && !zero, intDigits: int, fracDigits };
}

/** Moves the decimal point of int.frac by `exp` places (the E notation of "1.82E+03"). */
function shiftPoint(negative: boolean, int: string, frac: string, exp: number): ParsedNumber {
  const digits = int + frac;
  const point = int.length + exp;
  if (point <= 0) return makeParsed(negative, '0', '0'.repeat(-point) + digits);
  if (point >= digits.length) return makeParsed(negative, digits + '0'.repeat(point - digits.length), '');
  return makeParsed(negative, digits.slice(0, point), digits.slice(point));
}

/**
 * Rounds half away from zero to exactly `decimals` fraction digits (padding
 * with zeros when there are fewer). Working on the magnitude's digits, "half
 * up" on the magnitude is "half away from zero" on the signed value.
 */
export function roundDecimal(p: ParsedNumber, decimals: number): ParsedNumber {
  const d = Math.max(0, Math.trunc(decimals));
  if (p.fracDigits.length <= d) return { ...p, fracDigits: p.fracDigits.padEnd(d, '0') };
  let scaled = BigInt(p.intDigits + p.fracDigits.slice(0, d));
  if ((p.fracDigits.charCodeAt(d) - 48) >= 5) scaled += B1;
  const s = scaled.toString().padStart(d + 1, '0');
  return makeParsed(p.negative, d === 0 ? s : s.slice(0, -d), d === 0 ? '' : s.slice(-d));
}

function trimFraction(p: ParsedNumber): ParsedNumber {
  return { ...p, fracDigits: p.fracDigits.replace(/0+$/, '') };
}

/** The signed integer p × 10^scale (scale ≥ fracDigits.length). */
function scaledBigInt(p: ParsedNumber, scale: number): bigint {
  const mag = BigInt(p.intDigits + p.fracDigits.padEnd(scale, '0'));
  return p.negative ? -mag : mag;
}

/**
 * The exact decimal a JS number stands for in a workbook: its shortest
 * round-trip string (String(x)), including the exponent forms "1e-7" and
 * "1.5e+21". undefined for NaN and ±Infinity.
 */
export function numberToDecimal(x: number): ParsedNumber | undefined {
  if (!Number.isFinite(x)) return undefined;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) return undefined; // cannot happen for a finite number
  return shiftPoint(m[1] === '-', m[2]!, m[3] ?? '', m[4] ? Number(m[4]) : 0);
}

/** Excel keeps and shows at most 15 significant digits. */
const EXCEL_DIGITS = 15;

/**
 * Rounds to the 15 significant digits Excel shows, as Excel does before
 * displaying or rounding a value: 0.1+0.2 (0.30000000000000004) → 0.3,
 * 1820.2349999999997 → 1820.235. Trailing fraction zeros this produces are
 * dropped. Integers of 16+ digits are left alone.
 */
export function toExcelPrecision(p: ParsedNumber): ParsedNumber {
  const digits = p.intDigits === '0' ? p.fracDigits : p.intDigits + p.fracDigits;
  const leadingZeros = p.intDigits === '0' ? digits.length - digits.replace(/^0+/, '').length : 0;
  if (digits.length - leadingZeros <= EXCEL_DIGITS) return p;
  const keepFrac = p.intDigits === '0' ? leadingZeros + EXCEL_DIGITS : EXCEL_DIGITS - p.intDigits.length;
  if (keepFrac < 0) return p;
  return trimFraction(roundDecimal(p, keepFrac));
}

/** "1234567" → "1,234,567". */
function groupThousands(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function renderDecimal(p: ParsedNumber, thousands: boolean): string {
  const int = thousands ? groupThousands(p.intDigits) : p.intDigits;
  return (p.negative ? '-' : '') + (p.fracDigits ? `${int}.${p.fracDigits}` : int);
}

// ---------------------------------------------------------------------------
// Amount text

/** Minus signs people type: ASCII, U+2212, hyphens and the en dash (NFKC already maps －﹣ to "-"). */
const MINUS = new Set(['-', '\u2212', '\u2010', '\u2011', '\u2012', '\u2013']);
/**
 * Markers for "nothing here": any run of dashes (-, --, —, ——, －, ─ …), a
 * slash, 无. Checked after NFKC and whitespace removal.
 */
// Dashes, a slash, 无, or a note typed into the cell (本表无数据) all mean nothing was spent.
const EMPTY_MARKER = /^(?:[-\u2010-\u2015\u2212\u2500\u2501\uFE58]+|\/|无|无数据|本表无数据|不涉及)$/;
/**
 * The number itself after sign, parentheses and unit are gone: either
 * properly grouped thousands or plain digits, an optional fraction and an
 * optional exponent. "12,34" is refused on purpose: it is more likely two
 * numbers separated by a Chinese comma than a typo for 1,234.
 */
const MANTISSA = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?(?:e([+-]?\d{1,3}))?$/i;
/** Exponents beyond this are not amounts and would only make huge digit strings. */
const MAX_EXPONENT = 30;

/**
 * Reads an amount as typed or displayed: "1,820.23", "2, 945. 90",
 * "１，８２０．２３", "－5", "−5", "(123.45)", "（123.45）", "+3", "1.82E+03",
 * "300万元", "¥1,820.23". Returns 'empty' for a blank or a dash/slash/无
 * marker, undefined when the text is not a number ("约300", "12.5%", "1.2.3").
 * The unit word is accepted and ignored: the table's 单位 line decides the unit.
 */
export function readAmountText(text: string): ParsedNumber | 'empty' | undefined {
  // A leading apostrophe keeps a number as text in Excel and WPS; it is not part of the number.
  let s = text.normalize('NFKC').replace(ALL_SPACE, '').replace(/^['’‘`]/, '');
  if (s === '' || EMPTY_MARKER.test(s)) return 'empty';
  s = s.replace(/万?元$/, '');
  // △ before a figure is the Chinese bookkeeping sign for a negative amount.
  if (s.startsWith('△') || s.startsWith('▲')) s = `-${s.slice(1)}`;
  let negative = false;
  if (s.length >= 2 && (s.startsWith('(') || s.startsWith('（')) && (s.endsWith(')') || s.endsWith('）'))) {
    // Accounting negatives: (123.45). NFKC already made （） half-width.
    negative = true;
    s = s.slice(1, -1);
  } else if (MINUS.has(s.charAt(0))) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  // NFKC maps the full-width ￥ to ¥.
  if (s.startsWith('¥')) s = s.slice(1);
  const m = MANTISSA.exec(s);
  if (!m) return undefined;
  const int = (m[1] ?? '').replace(/,/g, '');
  const frac = m[2] ?? '';
  if (int === '' && frac === '') return undefined;
  const exp = m[3] === undefined ? 0 : Number(m[3]);
  if (Math.abs(exp) > MAX_EXPONENT) return undefined;
  return shiftPoint(negative, int, frac, exp);
}

/**
 * A parsed amount in the table's unit as a Figure in 分. More decimals than
 * 分 can hold (万元 > 6, 元 > 2) are rounded half away from zero. `decimals`
 * is the number of fraction digits as written ("1,407.00" → 2, "1407" → 0);
 * the figure's half-width counts at least 2 of them and is never below ½ 分.
 */
/**
 * `displayRounded`: the figure is what a number format showed of a more
 * precise value (1820.23 shown "1,820"); it then stands for ½·10⁻ᵈ of its own
 * decimals, even below 2 — a typed "1407" keeps the 2-decimal reading.
 */
export function toFigure(p: ParsedNumber, unit: AmountUnit, displayRounded = false): { figure: Figure; decimals: number } {
  const decimals = p.fracDigits.length;
  const rounded = roundDecimal(p, FEN_DECIMALS[unit]);
  const fen = Number(scaledBigInt(rounded, FEN_DECIMALS[unit]));
  return { figure: { fen, halfWidth: halfWidthFor(decimals, unit, displayRounded) }, decimals };
}

function halfWidthFor(decimals: number, unit: AmountUnit, displayRounded: boolean): number {
  // A figure in 元 to the 分 is the ledger's own: exact (a table converted from 万元, every figure a whole
  // hundred 元, is coarsened by the table reader), unless its number format shows it rounded.
  if (unit === '元' && !displayRounded && decimals <= 2) return 0;
  // ½·10⁻ᵈ of the unit, in 分. Below ½ 分 (万元 with 7+ decimals) the figure was rounded to 分 anyway.
  const d = displayRounded ? decimals : Math.max(2, decimals);
  return Math.max(0.5, FEN_PER_UNIT[unit] / (2 * 10 ** d));
}

// ---------------------------------------------------------------------------
// Excel number formats

/** What the minimal formatter needs from one section of a number format code. */
interface FormatSection {
  /** "General" (or "@", or a date/time section, which the formatter shows as General). */
  readonly general: boolean;
  /** Any 0 # ? placeholder at all; a section without one shows only its literal text. */
  readonly hasDigits: boolean;
  /** Fraction placeholders: "0.00" → 2, "0.0#" → 2. */
  readonly decimals: number;
  /** Fraction digits always shown: "0.0#" → 1 (a "#" drops a trailing zero). */
  readonly fixedDecimals: number;
  /** A "0" in the integer part: without one ("#.00", "??"), a zero integer part is not shown. */
  readonly intZero: boolean;
  readonly thousands: boolean;
  readonly percent: boolean;
  readonly scientific: boolean;
  /** Literal text before and after the digits: '"¥"' → "¥", "_)" → " ". */
  readonly prefix: string;
  readonly suffix: string;
}

/** Splits a format code at the ";" that separate its sections, skipping quoted text, [..] and \ escapes. */
function splitSections(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '"') {
      const j = code.indexOf('"', i + 1);
      const end = j < 0 ? code.length : j;
      cur += code.slice(i, end + 1);
      i = end;
    } else if (ch === '[') {
      const j = code.indexOf(']', i + 1);
      const end = j < 0 ? code.length : j;
      cur += code.slice(i, end + 1);
      i = end;
    } else if (ch === '\\') {
      cur += code.slice(i, i + 2);
      i++;
    } else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}

const PLACEHOLDER = new Set(['0', '#', '?']);
/** Unquoted letters that make a section a date or time format. */
const DATE_LETTERS = /[ymdhsYMDHS]/;

function parseSection(section: string): FormatSection {
  let prefix = '';
  let suffix = '';
  let decimals = 0;
  let fixedDecimals = 0;
  let intZero = false;
  let hasDigits = false;
  let inFraction = false;
  let thousands = false;
  let percent = false;
  let scientific = false;
  let general = false;
  let unquotedLetters = '';
  const literal = (t: string): void => {
    if (hasDigits) suffix += t;
    else prefix += t;
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    const next = section[i + 1];
    if (ch === '"') {
      const j = section.indexOf('"', i + 1);
      const end = j < 0 ? section.length : j;
      literal(section.slice(i + 1, end));
      i = end;
    } else if (ch === '[') {
      const j = section.indexOf(']', i + 1);
      const end = j < 0 ? section.length : j;
      const inner = section.slice(i + 1, end);
      // [$¥-804] is a currency symbol with a locale; [Red], [>=100], [h] are not shown.
      if (inner.startsWith('$')) literal(inner.slice(1).split('-')[0] ?? '');
      else if (/^[hms]+$/i.test(inner)) unquotedLetters += inner;
      i = end;
    } else if (ch === '\\') {
      if (next !== undefined) literal(next);
      i++;
    } else if (ch === '_') {
      // "_x" pads with the width of x: shown as a space.
      literal(' ');
      i++;
    } else if (ch === '*') {
      // "*x" repeats x to fill the column: nothing in a text rendering.
      i++;
    } else if (PLACEHOLDER.has(ch)) {
      if (scientific) continue; // exponent digits
      hasDigits = true;
      if (inFraction) {
        decimals++;
        if (ch !== '#') fixedDecimals = decimals;
      } else if (ch === '0') {
        intZero = true;
      }
    } else if (ch === '.' && !scientific && (hasDigits || (next !== undefined && PLACEHOLDER.has(next)))) {
      hasDigits = true;
      inFraction = true;
    } else if (ch === ',' && hasDigits && !inFraction && next !== undefined && PLACEHOLDER.has(next)) {
      // A comma between placeholders groups thousands; a trailing one scales by 1000 (ignored here).
      thousands = true;
    } else if (ch === ',' && hasDigits) {
      // scaling comma: not shown
    } else if ((ch === 'E' || ch === 'e') && hasDigits && (next === '+' || next === '-')) {
      scientific = true;
      i++;
    } else if (ch === '%') {
      percent = true;
      literal('%');
    } else if (/[A-Za-z]/.test(ch)) {
      if (/^general/i.test(section.slice(i))) {
        general = true;
        i += 'general'.length - 1;
      } else {
        unquotedLetters += ch;
        literal(ch);
      }
    } else if (ch === '@') {
      general = true;
    } else {
      literal(ch);
    }
  }
  if (DATE_LETTERS.test(unquotedLetters)) general = true;
  return {
    general,
    hasDigits: hasDigits && !general,
    decimals,
    fixedDecimals,
    intZero,
    thousands,
    percent,
    scientific,
    prefix,
    suffix,
  };
}

/**
 * Parsed format codes. A workbook uses a handful of formats on many cells, so
 * each code is parsed once; the cache is dropped if it ever grows large.
 */
const formatCache = new Map<string, readonly FormatSection[]>();
const FORMAT_CACHE_LIMIT = 1000;

function formatSections(format: string): readonly FormatSection[] {
  let sections = formatCache.get(format);
  if (!sections) {
    sections = splitSections(format).map(parseSection);
    if (formatCache.size >= FORMAT_CACHE_LIMIT) formatCache.clear();
    formatCache.set(format, sections);
  }
  return sections;
}

function firstSection(format: string | undefined): FormatSection | undefined {
  if (format === undefined || format.trim() === '') return undefined;
  const s = formatSections(format)[0];
  return !s || s.general || !s.hasDigits ? undefined : s;
}

/**
 * The fixed number of decimals an Excel number format shows, from its first
 * section: "#,##0.00" → 2, "0.00_ " → 2, "0" → 0, '"¥"#,##0.000' → 3
 * ("0.0#" counts its optional place too → 2); undefined for "General", "@",
 * date formats and no format.
 */
export function numberFormatDecimals(format: string | undefined): number | undefined {
  return firstSection(format)?.decimals;
}

/**
 * What General shows: the shortest round-trip string cut to Excel's 15
 * significant digits, written out without exponent between 1e-7 and 1e21.
 */
function formatGeneral(value: number): string {
  const p = numberToDecimal(value);
  if (!p) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-7 || abs >= 1e21)) return String(value);
  return renderDecimal(toExcelPrecision(p), false);
}

function formatScientific(p: ParsedNumber, decimals: number): string {
  const digits = (p.intDigits + p.fracDigits).replace(/^0+/, '');
  if (digits === '') return `${'0'}${decimals ? '.' + '0'.repeat(decimals) : ''}E+00`;
  // Exponent of the first significant digit.
  let exp = p.intDigits === '0' ? -(p.fracDigits.length - p.fracDigits.replace(/^0+/, '').length) - 1 : p.intDigits.length - 1;
  let mantissa = roundDecimal({ negative: false, intDigits: digits.slice(0, 1), fracDigits: digits.slice(1) }, decimals);
  if (mantissa.intDigits.length > 1) {
    // 9.99 rounded up to 10.0: renormalise.
    exp++;
    mantissa = roundDecimal({ negative: false, intDigits: mantissa.intDigits.slice(0, 1), fracDigits: mantissa.intDigits.slice(1) + mantissa.fracDigits }, decimals);
  }
  const e = Math.abs(exp).toString().padStart(2, '0');
  return `${renderDecimal(mantissa, false)}E${exp < 0 ? '-' : '+'}${e}`;
}

/**
 * A minimal rendering of a number the way Excel displays it with a format
 * code: fixed decimals (rounded half away from zero on the decimal digits),
 * thousands separators, literal prefix/suffix (currency, units, padding),
 * percent, scientific, and the negative/zero sections ("#,##0.00;(#,##0.00)"
 * shows -5 as "(5.00)"), "#" places that drop zeros ("0.0#", "#.00",
 * "??" in 会计专用's zero section). Without a format, or with "General", the
 * number's shortest string, limited to Excel's 15 significant digits.
 * Colors, conditions and scaling commas are ignored; "?" shows no padding.
 */
export function formatWithNumberFormat(value: number, format?: string): string {
  if (!Number.isFinite(value)) return String(value);
  if (format === undefined || format.trim() === '') return formatGeneral(value);
  const sections = formatSections(format);
  let f = sections[0]!; // splitSections always yields at least one section
  let ownMinus = true;
  if (value < 0 && sections.length >= 2) {
    // The negative section writes its own sign (or parentheses) if it wants one.
    f = sections[1]!;
    ownMinus = false;
  } else if (value === 0 && sections.length >= 3) {
    f = sections[2]!;
  }
  if (f.general) return formatGeneral(ownMinus ? value : Math.abs(value));
  if (!f.hasDigits) return f.prefix + f.suffix; // e.g. a zero section '"-"'
  let p = toExcelPrecision(numberToDecimal(Math.abs(value))!);
  if (f.percent) p = shiftPoint(false, p.intDigits, p.fracDigits, 2);
  let body: string;
  let zero: boolean;
  if (f.scientific) {
    body = formatScientific(p, f.decimals);
    zero = /^[0.]+E/.test(body);
  } else {
    let r = roundDecimal(p, f.decimals);
    // "#" fraction places drop trailing zeros; "#"/"?" integer places drop a zero integer part.
    const frac = r.fracDigits.replace(/0+$/, '').padEnd(f.fixedDecimals, '0');
    zero = !/[1-9]/.test(r.intDigits + frac);
    r = { ...r, fracDigits: frac };
    const int = r.intDigits === '0' && !f.intZero ? '' : f.thousands ? groupThousands(r.intDigits) : r.intDigits;
    // The point stays when fraction places exist but show nothing ("0.##" shows 1 as "1.").
    body = f.decimals > 0 ? `${int}.${frac}` : int;
  }
  // A value that rounds to zero is shown without a sign.
  const sign = ownMinus && value < 0 && !zero ? '-' : '';
  return sign + f.prefix + body + f.suffix;
}

// ---------------------------------------------------------------------------
// Cells

const EMPTY: AmountReading = { kind: 'empty' };

function numberReading(p: ParsedNumber, unit: AmountUnit, displayRounded = false): AmountReading {
  const { figure, decimals } = toFigure(p, unit, displayRounded);
  return { kind: 'number', figure, decimals };
}

/** Did showing `shown` drop digits the value has (1820.23 shown as 1820)? */
function dropsDigits(shown: ParsedNumber, value: ParsedNumber): boolean {
  return trimFraction(value).fracDigits.length > shown.fracDigits.length;
}

/** |text − value| ≤ ½ unit of the text's last decimal, exactly. */
function textMatchesValue(text: ParsedNumber, value: ParsedNumber): boolean {
  const scale = Math.max(text.fracDigits.length, value.fracDigits.length);
  const diff = scaledBigInt(text, scale) - scaledBigInt(value, scale);
  const abs = diff < B0 ? -diff : diff;
  return B2 * abs <= B10 ** BigInt(scale - text.fracDigits.length);
}

/**
 * What a cell publishes as an amount of the table's unit.
 *
 * For a number, the figure is the one displayed: the cell's text when it
 * reads as the same number (1820.2345 shown "1,820.23" is published as
 * 1820.23 with 2 decimals); else the value rounded to its number format's
 * decimals; else the value itself with its own decimals (at most what 分
 * holds). Text in exponent notation is not trusted: "1.82E+03" does not
 * say how precise it is in the digits it keeps.
 * A string is read with readAmountText; one that is not a number, and a
 * boolean, come back as text.
 */
export function readCellAmount(cell: GridCell | undefined, unit: AmountUnit): AmountReading {
  if (!cell) return EMPTY;
  const v = cell.value;
  if (v === null || v === '') return EMPTY;
  if (typeof v === 'boolean') return { kind: 'text', text: cell.text || (v ? 'TRUE' : 'FALSE') };
  if (typeof v === 'string') {
    const p = readAmountText(v);
    if (p === 'empty') return EMPTY;
    if (p === undefined) return { kind: 'text', text: v };
    return numberReading(p, unit);
  }
  const raw = numberToDecimal(v);
  if (!raw) return { kind: 'text', text: cell.text || String(v) };
  const value = toExcelPrecision(raw);
  if (cell.text && !/e/i.test(cell.text)) {
    const t = readAmountText(cell.text);
    if (t !== undefined && t !== 'empty' && textMatchesValue(t, value)) return numberReading(t, unit, dropsDigits(t, value));
  }
  const fmt = firstSection(cell.numberFormat);
  if (fmt) {
    // A percent format shows the value × 100, so its decimals are two more of the value's.
    const shown = roundDecimal(value, fmt.decimals + (fmt.percent ? 2 : 0));
    return numberReading(shown, unit, dropsDigits(shown, value));
  }
  const own = trimFraction(value);
  const cap = FEN_DECIMALS[unit];
  // More decimals than 分 holds: what is kept is rounded, and stands for ½ 分.
  return numberReading(own.fracDigits.length > cap ? roundDecimal(own, cap) : own, unit, own.fracDigits.length > cap);
}

/** Lengths of 科目编码: 类 3, 款 5, 项 7 digits (功能分类); 经济分类 uses 3 and 5. */
const CODE_LENGTHS = new Set([3, 5, 7]);
/**
 * A code at the start of a cell, digits possibly spaced ("201 03 01"),
 * optionally in brackets, then an optional separator and a name.
 */
const CODE_AND_NAME = /^[[【〔]?(\d(?:[ \u3000\t]*\d)*)[\]】〕]?[ \u3000\t]*[-—–_.、:：]?\s*([\s\S]*)$/;

/**
 * A 科目编码 from a cell: 2010301 stored as a number, "２０１０３０１",
 * " 201 03 01 ", or a code followed by its name in one cell ("2010301 行政运行",
 * "2010301-行政运行", "[2010301]行政运行") → { code: "2010301", rest: "行政运行" }.
 * Only 3, 5 or 7 digits make a code; anything else is undefined.
 */
export function readCode(cell: GridCell | undefined): { code: string; rest: string } | undefined {
  if (!cell) return undefined;
  const v = cell.value;
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v <= 0) return undefined;
    const code = String(v);
    return CODE_LENGTHS.has(code.length) ? { code, rest: '' } : undefined;
  }
  if (typeof v !== 'string') return undefined;
  // A leading apostrophe is how CSV imports and WPS keep a code as text: it is not part of the code.
  const s = v.normalize('NFKC').trim().replace(/^['’‘`]/, '');
  const m = CODE_AND_NAME.exec(s);
  if (!m) return undefined;
  const rest = (m[2] ?? '').trim();
  // "2010301行政运行" is fine, but "2010301.5" or "2010301,2" is a number, not a code and a name.
  if (/^[\d,.]/.test(rest)) return undefined;
  const code = m[1]!.replace(/[ \u3000\t]/g, '');
  if (!CODE_LENGTHS.has(code.length)) return undefined;
  return { code, rest };
}

// ---------------------------------------------------------------------------
// Output

/**
 * 分 as 万元 text: "1,820.23" by default. `decimals` rounds half away from
 * zero (default 2), `thousands` (default true) groups the integer digits,
 * `trimZeros` drops trailing fraction zeros ("1,407", "23.6"). Exact: the
 * 分 integer is split into digits, never divided as a float.
 */
export function formatWan(fen: Fen, opts?: { thousands?: boolean; decimals?: number; trimZeros?: boolean }): string {
  const thousands = opts?.thousands ?? true;
  const decimals = Math.max(0, Math.trunc(opts?.decimals ?? 2));
  if (!Number.isFinite(fen)) return String(fen);
  // Fen is meant to be an integer; should a fraction slip in, round it half away from zero.
  const whole = Number.isInteger(fen) ? fen : Math.sign(fen) * Math.round(Math.abs(fen));
  const big = BigInt(whole);
  const mag = (big < B0 ? -big : big).toString().padStart(FEN_DECIMALS['万元'] + 1, '0');
  const p = makeParsed(big < B0, mag.slice(0, -FEN_DECIMALS['万元']), mag.slice(-FEN_DECIMALS['万元']));
  let r = roundDecimal(p, decimals);
  if (opts?.trimZeros) r = trimFraction(r);
  return renderDecimal(makeParsed(r.negative, r.intDigits, r.fracDigits), thousands);
}
