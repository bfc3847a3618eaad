/**
 * Excel 365's threaded comments. A cell with one shows the thread, not the
 * legacy note under it, so our reasons there would be invisible in Excel 365:
 * they go in as a reply by 决算公开助手 (and stay in the legacy note, which
 * older Excel, WPS and LibreOffice show). Replies an earlier annotation wrote
 * are taken out first, on every cell.
 */
import { columnName } from '../cells';
import { escapeXml } from '../xml';
import type { CellNote } from './comments-edit';
import { NOTE_AUTHOR } from './comments-edit';

export const THREADED_COMMENTS_REL = 'http://schemas.microsoft.com/office/2017/10/relationships/threadedComment';
export const PERSONS_REL = 'http://schemas.microsoft.com/office/2017/10/relationships/person';
export const PERSONS_TYPE = 'application/vnd.ms-excel.person+xml';
const THREADED_NS = 'http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments';

/** A GUID as Excel writes them ({8-4-4-4-12}, upper case), from the platform's random source. */
function guid(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase();
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}}`;
}

/** The persons part with 决算公开助手 in it, and its id. */
export function personsWith(existing: string | undefined): { xml: string; id: string } {
  const xml = existing ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<personList xmlns="${THREADED_NS}" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></personList>`;
  for (const m of xml.matchAll(/<(?:\w+:)?person\b[^>]*>/g)) {
    if (new RegExp(`displayName="${NOTE_AUTHOR}"`).test(m[0])) {
      const id = /\bid="([^"]+)"/.exec(m[0])?.[1];
      if (id) return { xml, id };
    }
  }
  const id = guid();
  const p = /<(\w+:)?personList\b/.exec(xml)?.[1] ?? '';
  const person = `<${p}person displayName="${NOTE_AUTHOR}" id="${id}" userId="${NOTE_AUTHOR}" providerId="None"/>`;
  const close = xml.lastIndexOf(`</${p}personList>`);
  if (close >= 0) return { xml: xml.slice(0, close) + person + xml.slice(close), id };
  return { xml: xml.replace(/<((?:\w+:)?personList)\b([^>]*?)\s*\/>/, `<$1$2>${person}</$1>`), id };
}

/**
 * The threaded comments part with our earlier replies removed and, under each
 * marked cell's thread, a reply with its reasons. Cells without a thread are
 * left to the legacy note.
 */
export function threadedWithReplies(xml: string, notes: readonly CellNote[], personId: string, now: Date): string {
  const p = /<(\w+:)?ThreadedComments\b/.exec(xml)?.[1] ?? '';
  const element = new RegExp(`<${p}threadedComment\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}threadedComment>)`, 'g');
  let out = xml.replace(element, (c) => (c.includes(`personId="${personId}"`) ? '' : c));
  const threads = new Map<string, string>();
  for (const m of out.matchAll(element)) {
    const tag = m[0].slice(0, m[0].indexOf('>'));
    if (/\bparentId="/.test(tag)) continue;
    const ref = /\bref="([^"]+)"/.exec(tag)?.[1]?.replace(/\$/g, '').toUpperCase();
    const id = /\bid="([^"]+)"/.exec(tag)?.[1];
    if (ref && id && !threads.has(ref)) threads.set(ref, id);
  }
  const dT = now.toISOString().replace(/Z$/, '').replace(/(\.\d{2})\d*$/, '$1');
  const replies = notes
    .map((n) => {
      const ref = `${columnName(n.col)}${n.row + 1}`;
      const parent = threads.get(ref);
      return parent === undefined ? '' : `<${p}threadedComment ref="${ref}" dT="${dT}" personId="${personId}" id="${guid()}" parentId="${parent}"><${p}text>${escapeXml(n.text)}</${p}text></${p}threadedComment>`;
    })
    .join('');
  if (!replies) return out;
  const close = out.lastIndexOf(`</${p}ThreadedComments>`);
  out = close >= 0 ? out.slice(0, close) + replies + out.slice(close) : out;
  return out;
}

/** The person id of 决算公开助手 in a persons part, if it is there (its earlier replies are recognised by it). */
export function ourPersonId(persons: string | undefined): string | undefined {
  if (persons === undefined) return undefined;
  for (const m of persons.matchAll(/<(?:\w+:)?person\b[^>]*>/g)) if (m[0].includes(`displayName="${NOTE_AUTHOR}"`)) return /\bid="([^"]+)"/.exec(m[0])?.[1];
  return undefined;
}
