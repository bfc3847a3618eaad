/**
 * The little XML the reader needs, scanned from the text rather than built
 * into a tree: tags with their attributes, text with its entities decoded.
 * Linear in the length of the text (every loop moves forward), namespace
 * prefixes ignored (<x:c> is <c>), comments, processing instructions and
 * CDATA handled.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text or an attribute value as written → its characters (entities, character references; CR LF as LF, as an XML parser does). */
export function decodeXml(s: string): string {
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e] ?? m;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
    return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** Excel's escape of characters XML cannot hold: _x000D_ → "\r" (as exceljs reads it: upper-case hex). */
export function decodeOoxmlEscapes(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Attributes by local name (r:id → id, xml:space → space); the first of a local name wins. */
export function attributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const full = m[1]!;
    const i = full.indexOf(':');
    const local = i >= 0 ? full.slice(i + 1) : full;
    if (i >= 0 && full.slice(0, i) === 'xmlns') continue;
    if (!(local in out)) out[local] = decodeXml(m[2] ?? m[3] ?? '');
  }
  return out;
}

/** One token of the scan. */
export const Tok = { Open: 1, Close: 2, Text: 3 } as const;
export type Tok = (typeof Tok)[keyof typeof Tok];

/**
 * Scans XML text, calling back for each start tag (local name, attribute
 * text, self-closing), end tag and text run (raw, entities not yet decoded;
 * CDATA given already literal with `cdata` true). Returns when `visit`
 * returns false.
 */
export function scanXml(
  xml: string,
  visit: (tok: Tok, name: string, body: string, selfClosing: boolean, cdata: boolean) => boolean | void,
  from = 0,
  to = xml.length,
): void {
  let p = from;
  while (p < to) {
    const lt = xml.indexOf('<', p);
    const end = lt < 0 || lt >= to ? to : lt;
    if (end > p) {
      if (visit(Tok.Text, '', xml.slice(p, end), false, false) === false) return;
    }
    if (end >= to) return;
    const c = xml.charCodeAt(lt + 1);
    if (c === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const e = xml.indexOf('-->', lt + 4);
        p = e < 0 ? to : e + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const e = xml.indexOf(']]>', lt + 9);
        const stop = e < 0 ? to : e;
        if (visit(Tok.Text, '', xml.slice(lt + 9, stop), false, true) === false) return;
        p = e < 0 ? to : e + 3;
      } else {
        const e = xml.indexOf('>', lt + 2);
        p = e < 0 ? to : e + 1;
      }
      continue;
    }
    if (c === 63 /* ? */) {
      const e = xml.indexOf('?>', lt + 2);
      p = e < 0 ? to : e + 2;
      continue;
    }
    // The end of the tag: the next '>' outside quotes (each character of a tag looked at once: linear).
    let gt = -1;
    let quote = 0;
    for (let i = lt + 1; i < to; i++) {
      const ch = xml.charCodeAt(i);
      if (quote) {
        if (ch === quote) quote = 0;
      } else if (ch === 62) {
        gt = i;
        break;
      } else if (ch === 34 || ch === 39) quote = ch;
    }
    if (gt < 0) return;
    const closing = c === 47; /* / */
    let nameStart = closing ? lt + 2 : lt + 1;
    let nameEnd = nameStart;
    let colon = -1;
    while (nameEnd < gt) {
      const ch = xml.charCodeAt(nameEnd);
      if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47) break;
      if (ch === 58) colon = nameEnd;
      nameEnd++;
    }
    // A namespace prefix is dropped: <x:c> is <c>.
    if (colon >= 0) nameStart = colon + 1;
    const name = xml.slice(nameStart, nameEnd);
    if (closing) {
      if (visit(Tok.Close, name, '', false, false) === false) return;
    } else {
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      const body = xml.slice(nameEnd, selfClosing ? gt - 1 : gt);
      if (visit(Tok.Open, name, body, selfClosing, false) === false) return;
      if (selfClosing && visit(Tok.Close, name, '', true, false) === false) return;
    }
    p = gt + 1;
  }
}

/** The text of a run as read: CDATA literal, otherwise decoded. */
export const textOf = (raw: string, cdata: boolean): string => (cdata ? raw : decodeXml(raw));

/** Text or an attribute value → XML (control characters XML 1.0 cannot hold dropped; a tab and a line break kept). */
export function escapeXml(s: string): string {
  return (
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Control characters are not allowed in XML 1.0; a tab and a line break are.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}
