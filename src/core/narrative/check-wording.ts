/**
 * What a reviewer reads in a narrative besides its figures, each a warning:
 *
 *   T03 a 主要包括 list names a 科目 that is empty in the basic-expenditure
 *       table, or leaves out one that is a large part of 人员经费/公用经费;
 *   T12 a 科目 named otherwise than the tables name it (…（款）…（项）);
 *   T13 template text left in: both words of a choice (增加（减少）),
 *       【…】 or XXX placeholders, the template's own instructions;
 *   T14 the unit named otherwise than the tables name it;
 *   T15 a percentage written without %.
 */
import { normalizeText } from '../numbers/parse';
import { type Finding, plainFinding } from '../rules/finding';
import type { TableSet } from '../rules/table-values';
import { ECONOMIC_CODES, EXPENSE_CLASSES, KNOWN_KUAN } from '../templates/subjects';
import type { WrittenNarrative, WrittenParagraph } from './check-text';

const short = (t: string) => (t.length > 50 ? `${t.slice(0, 50)}…` : t);
const squash = (t: string) => normalizeText(t).replace(/[、，,]/g, '');

function paragraphs(w: WrittenNarrative): Array<{ id: string; p: WrittenParagraph }> {
  return [...(w.title ? [{ id: '标题', p: w.title }] : []), ...[...w.sections].flatMap(([id, ps]) => ps.map((p) => ({ id, p })))];
}

const partName = (id: string) => (id === '标题' ? '标题' : `第${id}部分`);

/** T13: what the template asks the writer to replace or delete, still there. */
const TEMPLATE_TEXT: ReadonlyArray<{ re: RegExp; what: string }> = [
  { re: /(增加|减少|增长|下降|大于|小于|高于|低于)\s*[（(/／]\s*(增加|减少|增长|下降|大于|小于|等于|高于|低于)\s*[)）]?/, what: '选择的两个词都留下了' },
  { re: /【[^】]*】/, what: '留有待填写的【】' },
  { re: /X{2,}|×{2,}/, what: '留有模板的 XXX' },
  { re: /[（(]\s*(不涉及的不列|如持平作持平表述)\s*[)）]|按上述格式依次说明|作下述说明|填报说明/, what: '留有模板的填写说明' },
];

/** T15: a rate written without its %. */
const BARE_RATE = /(占比?|增长|下降|降低|上升|完成(?:年初)?预算(?:数)?的)\s*(\d+(?:\.\d+)?)(?!\s*(?:[\d.%％]|万|亿|元|个|人|辆|次|倍|分|台|套|项|年|月|日|家|户|所))/g;

/** A list after 主要包括 in a paragraph about 人员经费 or 公用经费. */
function listOf(text: string): string[] {
  const m = /主要包括[:：]?(.+?)(?:[。；;]|等|$)/.exec(normalizeText(text));
  return m ? m[1]!.split(/[、,，]/).map((x) => x.trim()).filter(Boolean) : [];
}

/** The share of its group above which a 科目 left out of 主要包括 is worth saying. */
const LARGE_SHARE = 0.1;

function checkMainItems(w: WrittenNarrative, tables: TableSet, out: Finding[]): void {
  const basic = tables.get('gpbBasic');
  const six = w.sections.get('六');
  if (!basic || !six) return;
  const byName = new Map<string, { code: string; fen: number }>();
  for (const it of basic.items) {
    const fen = basic.get(it.rowKey, '决算数')?.figure.fen ?? 0;
    byName.set(squash(it.name), { code: it.code, fen });
  }
  for (const c of ECONOMIC_CODES) if (!byName.has(squash(c.name))) byName.set(squash(c.name), { code: c.code, fen: 0 });
  const groups = [
    { kind: '人员经费', total: '人员经费合计', classes: ['301', '303'] },
    { kind: '公用经费', total: '公用经费合计', classes: ['302', '307', '309', '310', '399'] },
  ];
  for (const g of groups) {
    // The paragraph (or the part of one) that says what the group consists of.
    for (const p of six) {
      const text = normalizeText(p.text);
      const at = text.indexOf(g.kind);
      if (at < 0 || !/主要包括/.test(text.slice(at))) continue;
      const segment = text.slice(at).split(/[；;。]/)[0]!;
      const named = listOf(segment);
      if (named.length === 0) continue;
      const total = basic.get(g.total, '决算数')?.figure.fen ?? 0;
      const inGroup = basic.items.filter((it) => it.code.length === 5 && g.classes.includes(it.code.slice(0, 3)));
      const namedCodes = new Set(named.map((n) => byName.get(squash(n))?.code).filter((x): x is string => x !== undefined));
      const empty = named.filter((n) => {
        const hit = byName.get(squash(n));
        return hit !== undefined && hit.fen === 0 && hit.code.length === 5;
      });
      const large = inGroup.filter((it) => {
        const fen = basic.get(it.rowKey, '决算数')?.figure.fen ?? 0;
        return total > 0 && fen >= total * LARGE_SHARE && !namedCodes.has(it.code) && !namedCodes.has(it.code.slice(0, 3));
      });
      const mixed = named.filter((n) => {
        const code = byName.get(squash(n))?.code;
        return code !== undefined && code.length === 3 && [...namedCodes].some((c) => c.length === 5 && c.startsWith(code));
      });
      if (!empty.length && !large.length && !mixed.length) continue;
      const parts = [
        empty.length ? `列了表中为 0 的${empty.join('、')}` : '',
        large.length ? `漏列了占${g.kind}一成以上的${large.map((it) => it.name).join('、')}` : '',
        mixed.length ? `${mixed.join('、')}是类级科目，与其下的款级科目并列` : '',
      ].filter(Boolean);
      const partsEn = [
        empty.length ? `lists ${empty.join(', ')}, which the table shows as 0` : '',
        large.length ? `leaves out ${large.map((it) => it.name).join(', ')}, more than a tenth of ${g.kind}` : '',
        mixed.length ? `lists the 类 ${mixed.join(', ')} beside its own 款` : '',
      ].filter(Boolean);
      out.push(
        plainFinding(
          'T03',
          'warning',
          {
            zh: `情况说明中${g.kind}“主要包括”的科目与基本支出决算明细表不符：${parts.join('；')}。`,
            en: `The 科目 the narrative lists for ${g.kind} (“主要包括”) do not match the basic expenditure table: it ${partsEn.join('; ')}.`,
          },
          [p.ref],
          [basic.id],
        ),
      );
    }
  }
}

/** T12: …（类）…（款）…（项） against the names the tables (or the catalogue) give those codes. */
function checkSubjectNames(w: WrittenNarrative, tables: TableSet, kuanNames: Readonly<Record<string, string>>, out: Finding[]): void {
  const gpb = tables.get('gpbExpense');
  if (!gpb) return;
  const items = gpb.items.filter((i) => i.code.length === 7);
  const nameOf = (code: string) => gpb.items.find((i) => i.code === code)?.name ?? kuanNames[code] ?? KNOWN_KUAN[code];
  const classNames = (code: string) => {
    const c = EXPENSE_CLASSES.find((x) => x.code === code);
    return c ? [squash(c.name), squash(c.name.replace(/支出$/, ''))] : [];
  };
  for (const { id, p } of paragraphs(w)) {
    const text = normalizeText(p.text);
    for (const m of text.matchAll(/([^()。，,；;:：、\d]+?)\(类\)([^()。，,；;:：、]+?)\(款\)([^()。，,；;:：、]+?)\(项\)/g)) {
      const [cls, kuan, xiang] = [m[1]!.replace(/^\d+[、.]/, ''), m[2]!, m[3]!];
      const candidates = items.filter((i) => squash(i.name) === squash(xiang));
      if (candidates.length === 0) continue; // a 项 the tables do not print: the amounts say more (T01)
      const fits = candidates.some((i) => {
        const k = nameOf(i.code.slice(0, 5));
        const kuanOk = k === undefined || squash(k) === squash(kuan);
        return kuanOk && classNames(i.code.slice(0, 3)).includes(squash(cls));
      });
      if (fits) continue;
      const i = candidates[0]!;
      const right = `${EXPENSE_CLASSES.find((x) => x.code === i.code.slice(0, 3))?.name ?? i.code.slice(0, 3)}（类）${nameOf(i.code.slice(0, 5)) ?? '…'}（款）${i.name}（项）`;
      out.push(
        plainFinding(
          'T12',
          'warning',
          {
            zh: `情况说明${partName(id)}写“${m[0]}”，表中 ${i.code} 为“${right}”，科目名称不一致。`,
            en: `Part ${id} of the narrative writes “${m[0]}”; the tables name ${i.code} “${right}”.`,
          },
          [p.ref, i.nameRef],
          [gpb.id],
        ),
      );
    }
  }
}

function checkTemplateText(w: WrittenNarrative, out: Finding[]): void {
  for (const { id, p } of paragraphs(w)) {
    for (const t of TEMPLATE_TEXT) {
      const m = t.re.exec(p.text);
      if (!m) continue;
      // The words around it, once: “…主要用于：【请填写原因】。年初预算…”.
      const from = Math.max(0, m.index - 16);
      const to = Math.min(p.text.length, m.index + m[0].length + 8);
      const around = `${from > 0 ? '…' : ''}${p.text.slice(from, to)}${to < p.text.length ? '…' : ''}`;
      out.push(
        plainFinding(
          'T13',
          'warning',
          {
            zh: `情况说明${partName(id)}${t.what}：“${around}”，请改写后再公开。`,
            en: `Part ${id} of the narrative still holds template text: “${around}”; please rewrite it before publishing.`,
          },
          [p.ref],
          [],
        ),
      );
      break;
    }
  }
}

function checkBareRates(w: WrittenNarrative, out: Finding[]): void {
  for (const { id, p } of paragraphs(w)) {
    for (const m of p.text.matchAll(BARE_RATE)) {
      // 占地 12 亩, 增长 3 个: counted above; a year after 增长 is no rate either.
      if (/^\d{4}$/.test(m[2]!)) continue;
      out.push(
        plainFinding(
          'T15',
          'warning',
          {
            zh: `情况说明${partName(id)}“${m[0]}”后面没有“%”：是百分比请补上，不是请写明单位。`,
            en: `Part ${id} of the narrative writes “${m[0]}” without %: add it if it is a percentage, or the unit if not.`,
          },
          [p.ref],
          [],
        ),
      );
    }
  }
}

/** T14: the unit the narrative names in its title and in 一/四 (“XX局2024年度收入支出总计”) against the tables' 部门. */
function checkUnitName(w: WrittenNarrative, department: string | undefined, out: Finding[]): void {
  if (!department) return;
  const dept = squash(department);
  const seen: Array<{ name: string; id: string; p: WrittenParagraph }> = [];
  if (w.title) {
    const m = /^第[三3]部分(.+?)\d{4}年度?/.exec(squash(w.title.text));
    if (m) seen.push({ name: m[1]!, id: '标题', p: w.title });
  }
  for (const id of ['一', '四']) {
    const p = w.sections.get(id)?.[0];
    // The name before the year, as 一 and 四 open: no figure and no punctuation in it.
    const m = p ? /^([^\d,.;:，。；：]+?)\d{4}年度?(?:财政拨款)?收/.exec(squash(p.text)) : undefined;
    if (p && m) seen.push({ name: m[1]!, id, p });
  }
  for (const s of seen) {
    if (/^(本部门|本单位|我单位|我部门|我局|本局)$/.test(s.name) || s.name === dept) continue;
    const partial = dept.includes(s.name) || s.name.includes(dept);
    out.push(
      plainFinding(
        'T14',
        'warning',
        {
          zh: `情况说明${partName(s.id)}称单位为“${s.name}”，表中部门名称为“${department}”${partial ? '（简称与全称不一致）' : ''}。`,
          en: `Part ${s.id} of the narrative names the unit “${s.name}”; the tables name it “${department}”.`,
        },
        [s.p.ref],
        [],
      ),
    );
  }
}

export function checkWording(w: WrittenNarrative, tables: TableSet, opts: { department?: string; kuanNames?: Readonly<Record<string, string>> } = {}): Finding[] {
  const out: Finding[] = [];
  checkMainItems(w, tables, out);
  checkSubjectNames(w, tables, opts.kuanNames ?? {}, out);
  checkTemplateText(w, out);
  checkBareRates(w, out);
  checkUnitName(w, opts.department, out);
  return out;
}
