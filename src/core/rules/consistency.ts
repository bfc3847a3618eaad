/**
 * Checks beyond arithmetic (C…), and what the mapping could not read (M…):
 * every table names the same 部门; a 科目编码 has one name wherever it
 * appears, and a name that fits its code; an empty table says so; the 栏次
 * row holds no amounts; text where an amount should be; a missing table.
 */
import type { CellRef, WorkbookGrid } from '../grid/grid';
import { cellA1, columnLetters, quoteSheetName } from '../grid/a1';
import { normalizeText, readAmountText } from '../numbers/parse';
import type { Mapping } from '../mapping/types';
import { isTemplateInstruction } from '../mapping/parsers/region';
import { profileById } from '../templates/profiles';
import { ECONOMIC_CODES, GENERIC_XIANG_SUFFIX, KNOWN_XIANG, NAME_KEYWORDS } from '../templates/subjects';
import { type Finding, plainFinding } from './finding';
import type { TableSet } from './table-values';

/** Wording that says the whole table is empty (not a note that one item is nil). */
const EMPTY_NOTE = /本表无数据|故本表无|此表无数据|本表为空|无此项收支|本单位(本年度)?无.{0,30}(收入|支出|收支)[，,。]?(故|因此)/;

/** Why the mapping could not place a row (src/core/mapping/parsers), in English. */
const UNPLACED_WHY_EN: Readonly<Record<string, string>> = {
  有金额但没有科目编码: 'it holds amounts but no 科目 code',
  行名称不在模板中: 'the row name is not in the template',
};

export function consistencyChecks(grid: WorkbookGrid, mapping: Mapping, tables: TableSet): Finding[] {
  const out: Finding[] = [];
  const profile = profileById(mapping.profile);
  const values = [...tables.values()];

  // M01 a table that was not found. A workbook without any of the nine (the 绩效自评 tables kept on their
  // own, a narrative) is told so once, as a warning: what it does hold is checked.
  if (mapping.missing.length === profile.tables.length) {
    out.push(
      plainFinding(
        'M01',
        'warning',
        {
          zh: `工作簿中没有找到九张公开表（收入支出决算总表 …… “三公”经费支出决算表），表内、表间的校验未进行；工作簿中其他的表（如绩效自评表、情况说明）照常检查。如九张表在别的工作簿中，请一并打开检查，或在映射中指定它们的区域。`,
          en: `None of the nine disclosure tables (收入支出决算总表 … “三公”经费支出决算表) was found in the workbook, so the within- and between-table checks were not done; what the workbook does hold (绩效自评 tables, a narrative) is checked. If the nine tables are in another workbook, check it too, or set their ranges in the mapping.`,
        },
        [],
        [],
      ),
    );
    return out;
  }
  for (const id of mapping.missing) {
    const t = profile.tables.find((x) => x.id === id)!;
    out.push(
      plainFinding(
        'M01',
        'error',
        {
          zh: `未找到${id}（${t.title}）。请确认工作簿中有这张表及其标题或表头，或在映射中为它指定区域；该表相关的校验未能进行。`,
          en: `${id} (${t.title}) was not found. Make sure the workbook holds this table with its title or header, or set its range in the mapping; the checks involving it were not done.`,
        },
        [],
        [id],
      ),
    );
  }

  // M02 text where an amount should be.
  for (const t of values) {
    for (const c of t.all()) {
      if (c.invalidText === undefined) continue;
      const at = `${t.id} ${cellA1(c.ref.row, c.ref.col)}`;
      const why =
        c.uncomputedFormula !== undefined
          ? {
              zh: `${at} 是公式“=${c.uncomputedFormula}”，但文件中没有保存它的计算结果（可能由其他程序生成、未经 Excel 计算），无法参与校验。请在 Excel 或 WPS 中打开、保存后再检查。`,
              en: `${at} is the formula “=${c.uncomputedFormula}” but the file holds no computed result for it (perhaps written by another program and never calculated by Excel), so it cannot be checked. Open and save the file in Excel or WPS, then check again.`,
            }
          : /^#(DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!)/.test(c.invalidText)
            ? { zh: `${at} 的公式出错（${c.invalidText}），无法参与校验。请修正公式。`, en: `${at} holds a formula error (${c.invalidText}), so it cannot be checked. Please fix the formula.` }
            : {
                zh: `${at} 应为金额，实际是文字“${c.invalidText}”，无法参与校验。请改为数字（空白表示 0）。`,
                en: `${at} should hold an amount but holds the text “${c.invalidText}”, so it cannot be checked. Please enter a number (a blank cell means 0).`,
              };
      out.push(
        plainFinding(
          'M02',
          'error',
          why,
          [c.ref],
          [t.id],
        ),
      );
    }
    // M03 rows the mapping could not place.
    for (const u of t.mapped.unplaced) {
      out.push(
        plainFinding(
          'M03',
          'warning',
          {
            zh: `${t.id} 第 ${u.row + 1} 行“${u.text}”未能识别（${u.why}），本表各项合计关系因此未校验。请按模板写明行名称或科目编码，或在映射中指定该表区域。`,
            en: `${t.id} row ${u.row + 1} “${u.text}” could not be recognised (${UNPLACED_WHY_EN[u.why] ?? u.why}), so the totals of this table were not checked. Write the row name or 科目 code as in the template, or set the table's range in the mapping.`,
          },
          [{ sheet: t.mapped.sheet, row: u.row, col: u.col }],
          [t.id],
        ),
      );
    }
    // M06 the same table found in more than one place.
    if (t.mapped.alternatives?.length) {
      const here = `${quoteSheetName(t.mapped.sheet)}!${cellA1(t.mapped.top, t.mapped.left)}:${cellA1(t.mapped.bottom, t.mapped.right)}`;
      out.push(
        plainFinding(
          'M06',
          'warning',
          {
            zh: `工作簿中有不止一份${t.id}：已使用 ${here}，另有 ${t.mapped.alternatives.map((a) => `${quoteSheetName(a.sheet)}!${a.range}`).join('、')}（可能是副本或上年的表）。如用错了，请在映射中为该表指定区域。`,
            en: `The workbook holds more than one ${t.id}: ${here} was used, and there is also ${t.mapped.alternatives.map((a) => `${quoteSheetName(a.sheet)}!${a.range}`).join(', ')} (perhaps a copy or last year's table). If the wrong one was used, set the table's range in the mapping.`,
          },
          [{ sheet: t.mapped.sheet, row: t.mapped.top, col: t.mapped.left }],
          [t.id],
        ),
      );
    }
    // M04 columns the template has but the table's header did not name, and columns with amounts left over.
    const template = profile.tables.find((x) => x.id === t.id);
    const specs = template?.columns ?? template?.panels?.flatMap((p) => p.columns) ?? [];
    const found = new Set(t.mapped.columns.map((c) => c.key));
    const missingCols = [...new Set(specs.map((c) => c.key).filter((k) => !found.has(k)))];
    const leftover = t.mapped.unmatchedColumns ?? [];
    const sentenceOnly = t.mapped.columns.length === 0 && t.mapped.notes.some((n) => EMPTY_NOTE.test(n.text.replace(/\s+/g, '')));
    if (!sentenceOnly && (missingCols.length > 0 || leftover.length > 0)) {
      const parts: string[] = [];
      const partsEn: string[] = [];
      if (missingCols.length > 0) {
        parts.push(`未找到栏目：${missingCols.map((k) => `“${k.replace('.', '数·')}”`).join('、')}`);
        partsEn.push(`column${missingCols.length > 1 ? 's' : ''} not found: ${missingCols.map((k) => `“${k.replace('.', '数·')}”`).join(', ')}`);
      }
      if (leftover.length > 0) {
        parts.push(`${leftover.map((c) => `${columnLetters(c.col)} 列（表头“${c.header || '空'}”）`).join('、')}有金额但未能对应到模板栏目`);
        partsEn.push(
          `${leftover.map((c) => `column ${columnLetters(c.col)} (${c.header ? `header “${c.header}”` : 'blank header'})`).join(', ')} ${leftover.length > 1 ? 'hold' : 'holds'} amounts but match${leftover.length > 1 ? '' : 'es'} no column of the template`,
        );
      }
      out.push(
        plainFinding(
          'M04',
          'warning',
          {
            zh: `${t.id} ${parts.join('；')}。涉及这些栏目的校验未进行；请按模板写表头，或在映射中指定该表区域。`,
            en: `${t.id}: ${partsEn.join('; ')}. The checks involving these columns were not done; write the headers as in the template, or set the table's range in the mapping.`,
          },
          leftover.length > 0 ? leftover.map((c) => ({ sheet: t.mapped.sheet, row: t.mapped.dataRows[0] ?? t.mapped.top, col: c.col })) : [],
          [t.id],
        ),
      );
    }
  }

  // C01 every table names the same 部门.
  const named = values.filter((t) => t.mapped.department).map((t) => ({ t, name: normalizeText(t.mapped.department!.name) }));
  if (named.length > 1) {
    const counts = new Map<string, number>();
    for (const n of named) counts.set(n.name, (counts.get(n.name) ?? 0) + 1);
    const main = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    const mainText = named.find((n) => n.name === main)!.t.mapped.department!.name;
    for (const n of named) {
      if (n.name === main) continue;
      const d = n.t.mapped.department!;
      const partial = main.includes(n.name) || n.name.includes(main);
      out.push(
        plainFinding(
          'C01',
          partial ? 'warning' : 'error',
          {
            zh: `${n.t.id} 的部门名称“${d.name}”与其他表的“${mainText}”${partial ? '写法不一致（简称或全称）' : '不一致，可能是套用了其他单位的表'}。`,
            en: `The department name of ${n.t.id} “${d.name}” ${partial ? 'is written differently from' : 'differs from'} “${mainText}” on the other tables${partial ? ' (short or full form)' : '; the table may have been taken from another unit'}.`,
          },
          [{ sheet: n.t.mapped.sheet, row: d.row, col: d.col }],
          [n.t.id],
        ),
      );
    }
  }

  // C02 a 科目编码 has one name wherever it appears.
  const listTables = values.filter((t) => t.mapped.layout === 'code-list');
  const firstName = new Map<string, { name: string; table: string; ref: CellRef }>();
  for (const t of listTables) {
    for (const it of t.items) {
      if (!it.name) continue;
      const prev = firstName.get(it.code);
      if (!prev) {
        firstName.set(it.code, { name: it.name, table: t.id, ref: it.nameRef });
        continue;
      }
      if (normalizeText(prev.name) !== normalizeText(it.name)) {
        out.push(
          plainFinding(
            'C02',
            'warning',
            {
              zh: `科目 ${it.code} 在${t.id}中名为“${it.name}”，在${prev.table}中名为“${prev.name}”，同一科目名称应一致。`,
              en: `科目 ${it.code} is named “${it.name}” in ${t.id} and “${prev.name}” in ${prev.table}; one 科目 should have one name.`,
            },
            [it.nameRef, prev.ref],
            [t.id, prev.table],
          ),
        );
      }
    }
  }

  // C03 a name that fits its code.
  const reported = new Set<string>();
  for (const t of listTables) {
    for (const it of t.items) {
      const name = normalizeText(it.name);
      if (!name || reported.has(`${it.code}|${name}`)) continue;
      const problems: string[] = [];
      const problemsEn: string[] = [];
      const known = KNOWN_XIANG[it.code];
      if (it.code.length === 7) {
        for (const g of GENERIC_XIANG_SUFFIX) {
          if (g.name.test(name) && !it.code.endsWith(g.suffix) && !(known && normalizeText(known) === name)) {
            problems.push(`名称为${g.label}，编码却是 ${it.code}`);
            problemsEn.push(`the name is “${it.name}”, whose 项 code ends in ${g.suffix}, but the code is ${it.code}`);
          }
        }
      }
      for (const k of NAME_KEYWORDS) {
        if (k.words.test(name) && !k.prefixes.some((p) => it.code.startsWith(p)) && it.code.length >= 5) {
          problems.push(`“${it.name}”应属${k.what}，编码却是 ${it.code}`);
          problemsEn.push(`“${it.name}” belongs under ${k.what}, but the code is ${it.code}`);
        }
      }
      if (problems.length === 0 && known && normalizeText(known) !== name && !name.includes(normalizeText(known))) {
        problems.push(`${it.code} 的科目名称应为“${known}”`);
        problemsEn.push(`the name of ${it.code} should be “${known}”`);
      }
      if (problems.length > 0) {
        reported.add(`${it.code}|${name}`);
        out.push(
          plainFinding(
            'C03',
            'warning',
            {
              zh: `${t.id} 科目 ${it.code}“${it.name}”的编码与名称可能不符：${problems.join('；')}。`,
              en: `${t.id} 科目 ${it.code} “${it.name}”: the code and the name may not match; ${problemsEn.join('; ')}.`,
            },
            [it.nameRef],
            [t.id],
          ),
        );
      }
    }
  }

  // C06 经济分类 names in the basic-expenditure table.
  const basic = tables.get('gpbBasic');
  // M05 the basic-expenditure table's totals, which three relations need.
  if (basic) {
    const missing = ['人员经费合计', '公用经费合计'].filter((k) => !basic.rowKeys.includes(k));
    if (missing.length > 0) {
      out.push(
        plainFinding(
          'M05',
          'warning',
          {
            zh: `${basic.id} 中未找到${missing.map((k) => `“${k}”`).join('、')}行，人员经费、公用经费与一般公共预算基本支出的核对未进行。`,
            en: `${basic.id} has no ${missing.map((k) => `“${k}”`).join(' or ')} row, so 人员经费 and 公用经费 were not checked against general public budget 基本支出.`,
          },
          [{ sheet: basic.mapped.sheet, row: basic.mapped.top, col: basic.mapped.left }],
          [basic.id],
        ),
      );
    }
  }
  if (basic) {
    for (const it of basic.items) {
      const std = ECONOMIC_CODES.find((c) => c.code === it.code);
      if (!std || !it.name) continue;
      const a = normalizeText(it.name);
      const b = normalizeText(std.name);
      if (a !== b && !a.includes(b) && !b.includes(a)) {
        out.push(
          plainFinding(
            'C06',
            'warning',
            {
              zh: `${basic.id} 经济分类科目 ${it.code} 名为“${it.name}”，标准名称为“${std.name}”，请核对编码或名称。`,
              en: `${basic.id} economic-classification 科目 ${it.code} is named “${it.name}”, while the standard name is “${std.name}”; please check the code or the name.`,
            },
            [it.nameRef],
            [basic.id],
          ),
        );
      }
    }
  }

  // C04 an empty table says so; a table that says it is empty has no figures.
  for (const t of values) {
    const template = profile.tables.find((x) => x.id === t.id);
    const filled = t.all().filter((c) => !c.empty && c.invalidText === undefined && c.figure.fen !== 0);
    const note = t.mapped.notes.find((n) => EMPTY_NOTE.test(n.text)) ?? noteInside(grid, t.mapped);
    const where = { sheet: t.mapped.sheet, row: t.mapped.top, col: t.mapped.left };
    if (filled.length === 0 && template?.mayBeEmpty && !note && t.role !== 'threePublic') {
      const example = template.emptyNote ?? '说明：本单位无此项收支，故本表无数据。';
      out.push(
        plainFinding(
          'C04',
          'warning',
          {
            zh: `${t.id}（${template.title}）没有数据，但表下没有“本表无数据”的说明。公开时应保留表格并注明，例如：${example}`,
            en: `${t.id} (${template.title}) holds no data, but there is no note under it that the table is empty (本表无数据). Keep the table in the publication and add a note such as “${example}”.`,
          },
          [where],
          [t.id],
        ),
      );
    }
    if (filled.length > 0 && note) {
      out.push(
        plainFinding(
          'C04',
          'error',
          {
            zh: `${t.id} 注明“${note.text}”，但表中有 ${filled.length} 个非零金额，说明与数据矛盾。`,
            en: `${t.id} has a note saying it holds no data (“${note.text}”), but the table holds ${filled.length} non-zero amount${filled.length > 1 ? 's' : ''}; the note contradicts the figures.`,
          },
          [{ sheet: t.mapped.sheet, row: note.row, col: note.col }, ...filled.slice(0, 5).map((c) => c.ref)],
          [t.id],
        ),
      );
    }
  }

  // C07 the template's own instructions left under a table.
  for (const t of values) {
    for (const n of t.mapped.notes) {
      if (!isTemplateInstruction(normalizeText(n.text))) continue;
      out.push(
        plainFinding(
          'C07',
          'warning',
          {
            zh: `${t.id} 下方留有模板的填写说明“${n.text.length > 60 ? `${n.text.slice(0, 60)}…` : n.text}”，公开前请删去。`,
            en: `${t.id} still carries the template's instruction “${n.text.length > 60 ? `${n.text.slice(0, 60)}…` : n.text}” under it; delete it before publishing.`,
          },
          [{ sheet: t.mapped.sheet, row: n.row, col: n.col }],
          [t.id],
        ),
      );
    }
  }

  // C05 the 栏次 row holds column numbers, never amounts.
  for (const t of values) {
    const lr = t.mapped.laneRow;
    if (lr === undefined) continue;
    const sheet = grid.sheets.find((s) => s.name === t.mapped.sheet);
    const bad: CellRef[] = [];
    for (let c = t.mapped.left; c <= t.mapped.right; c++) {
      const cell = sheet?.cell(lr, c);
      if (!cell) continue;
      const text = cell.text || String(cell.value ?? '');
      const p = readAmountText(text);
      if (p !== undefined && p !== 'empty' && (p.fracDigits.replace(/0+$/, '') !== '' || Number(p.intDigits) > 99)) bad.push({ sheet: t.mapped.sheet, row: lr, col: c });
    }
    if (bad.length > 0) {
      out.push(
        plainFinding(
          'C05',
          'warning',
          {
            zh: `${t.id} 的栏次行（第 ${lr + 1} 行）中有金额，栏次行只应写栏次编号，可能是复制时串行。`,
            en: `The column-number row (栏次, row ${lr + 1}) of ${t.id} holds amounts; it should hold only column numbers. Rows may have shifted when copied.`,
          },
          bad,
          [t.id],
        ),
      );
    }
  }
  return out;
}

/** “本表无数据” typed into a cell of the table itself (the 合计 row) says the same as a note under it. */
function noteInside(grid: WorkbookGrid, t: Mapping['tables'][string]): { text: string; row: number; col: number } | undefined {
  const sheet = grid.sheets.find((s) => s.name === t.sheet);
  if (!sheet) return undefined;
  for (let r = t.top; r <= t.bottom; r++) {
    for (let c = t.left; c <= t.right; c++) {
      const v = sheet.cell(r, c)?.value;
      if (typeof v === 'string' && /本表无数据|无数据/.test(v.replace(/\s+/g, ''))) return { text: v.trim(), row: r, col: c };
    }
  }
  return undefined;
}
