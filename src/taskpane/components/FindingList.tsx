import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Dropdown,
  Link,
  Option,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { type ReactElement, useState } from 'react';
import { type Finding, ruleLabel } from '../../core/rules/finding';
import type { Severity } from '../../core/rules/types';
import { HIGHLIGHT } from '../../hosts/highlight-style';
import type { Lang, Translate } from '../i18n';

const useStyles = makeStyles({
  filters: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  filter: { minWidth: '140px', flexGrow: 1 },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
    padding: '8px 0',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  head: { display: 'flex', gap: '6px', alignItems: 'center', flexWrap: 'wrap' },
  figures: { display: 'flex', gap: '12px', flexWrap: 'wrap', color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: '8px', alignItems: 'center' },
  ignored: { opacity: 0.55 },
  fold: { paddingLeft: '12px', borderLeft: `2px solid ${tokens.colorNeutralStroke2}` },
});

/** A severity as the cells show it: the same fill and font colour as the marks in the sheet. */
export function SeverityBadge({ severity, t }: { severity: Severity; t: Translate }) {
  const c = HIGHLIGHT[severity];
  return (
    <span
      data-badge={severity}
      style={{ backgroundColor: `#${c.fill}`, color: `#${c.font}`, borderRadius: '4px', padding: '0 6px', fontSize: '12px', fontWeight: 600, lineHeight: '20px', whiteSpace: 'nowrap' }}
    >
      {severityLabel(t, severity)}
    </span>
  );
}

export function severityLabel(t: Translate, s: Severity): string {
  return s === 'error' ? t('countError') : s === 'warning' ? t('countWarning') : t('countRounding');
}

function number(n: number | null): string {
  return n === null ? '' : n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 6 });
}

/**
 * Where a group stands: the nine tables in their order (公开01表 … 公开09表), then the narrative (说明),
 * then the 绩效自评 tables, then the rest.
 */
function groupRank(key: string, narrativeKey: string): number {
  const m = /^公开(\d\d)表/.exec(key);
  if (m) return Number(m[1]);
  if (key === narrativeKey) return 100;
  if (/绩效/.test(key)) return 200;
  return 300;
}

/** The group of a finding: its first table, the narrative for the 表文 rules, or 其他. */
function groupOf(f: Finding, t: Translate): string {
  if (f.tables[0]) return f.tables[0];
  return /^T\d/.test(f.rule) ? t('narrativeGroup') : t('otherFindings');
}

const preview = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

/** Findings of one rule at one severity, folded when there are this many in a group. */
const FOLD_AT = 3;

export interface FindingListProps {
  readonly findings: readonly Finding[];
  readonly t: Translate;
  /** English users read each finding's English message. */
  readonly lang: Lang;
  readonly isIgnored: (f: Finding) => boolean;
  readonly onSelect: (f: Finding) => void;
  readonly onIgnore: (f: Finding, ignored: boolean) => void;
}

/**
 * Findings grouped by the table they concern, in table order, each group collapsible; filters by severity
 * and by table; a rule that fires many times in a group the same way is one line with its count, which opens.
 */
export function FindingList({ findings, t, lang, isIgnored, onSelect, onIgnore }: FindingListProps) {
  const styles = useStyles();
  const [severity, setSeverity] = useState<Severity | 'all'>('all');
  const [table, setTable] = useState<string>('all');
  const narrativeKey = t('narrativeGroup');
  const allGroups = [...new Set(findings.map((f) => groupOf(f, t)))].sort((a, b) => groupRank(a, narrativeKey) - groupRank(b, narrativeKey) || a.localeCompare(b, 'zh-CN'));
  const shown = findings.filter((f) => (severity === 'all' || f.severity === severity) && (table === 'all' || groupOf(f, t) === table || f.tables.includes(table)));
  const groups = new Map<string, Finding[]>();
  for (const f of shown) {
    const k = table !== 'all' ? table : groupOf(f, t);
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  const keys = [...groups.keys()].sort((a, b) => groupRank(a, narrativeKey) - groupRank(b, narrativeKey) || a.localeCompare(b, 'zh-CN'));
  const severities: Array<Severity | 'all'> = ['all', 'error', 'warning', 'rounding'];
  const severityName = (s: Severity | 'all') => (s === 'all' ? t('filterAllSeverities') : severityLabel(t, s));

  const item = (f: Finding, i: number) => {
    const ignored = isIgnored(f);
    const percent = f.unit === '%';
    return (
      <div
        className={ignored ? `${styles.item} ${styles.ignored}` : styles.item}
        key={`${f.rule}-${i}`}
        data-testid="finding"
        data-rule={f.rule}
        data-severity={f.severity}
        data-tables={f.tables.join(',')}
      >
        <div className={styles.head}>
          <SeverityBadge severity={f.severity} t={t} />
          <Caption1>{ruleLabel(f.rule)}</Caption1>
        </div>
        <Text>{lang === 'en-US' ? f.messageEn : f.message}</Text>
        {f.expected !== null && (
          <div className={styles.figures}>
            <span>
              {f.bound === 'max' ? t('upperLimit') : t('expected')} {number(f.expected)}
              {percent ? '%' : ''}
            </span>
            <span>
              {t('actual')} {number(f.actual)}
              {percent ? '%' : ''}
            </span>
            <span>
              {f.bound === 'max' ? t('excess') : t('difference')} {number(f.difference)} {percent ? t('unitPercentPoints') : f.unit === '分' ? t('unitPoints') : (f.unit ?? t('unitWan'))}
            </span>
          </div>
        )}
        <div className={styles.actions}>
          {f.cells.length > 0 && (
            <Link onClick={() => onSelect(f)} title={f.cells.join('、')}>
              {t('goToCellsList', { cells: f.cells.slice(0, 3).join(t('listSeparator')) })}
              {f.cells.length > 3 ? ' …' : ''}
            </Link>
          )}
          <Button size="small" appearance="subtle" aria-label={`${ignored ? t('unignore') : t('ignore')} ${ruleLabel(f.rule)} ${f.cells[0] ?? ''}`} onClick={() => onIgnore(f, !ignored)}>
            {ignored ? t('unignore') : t('ignore')}
          </Button>
        </div>
      </div>
    );
  };

  return (
    <>
      <div className={styles.filters}>
        <Dropdown
          className={styles.filter}
          data-testid="filter-severity"
          aria-label={t('filterSeverity')}
          value={severityName(severity)}
          selectedOptions={[severity]}
          onOptionSelect={(_, d) => setSeverity((d.optionValue as Severity | 'all') ?? 'all')}
        >
          {severities.map((s) => (
            <Option key={s} value={s} text={severityName(s)}>
              {`${severityName(s)}（${s === 'all' ? findings.length : findings.filter((f) => f.severity === s).length}）`}
            </Option>
          ))}
        </Dropdown>
        <Dropdown
          className={styles.filter}
          data-testid="filter-table"
          aria-label={t('filterTable')}
          value={table === 'all' ? t('filterAllTables') : table}
          selectedOptions={[table]}
          onOptionSelect={(_, d) => setTable(d.optionValue ?? 'all')}
        >
          <Option value="all" text={t('filterAllTables')}>
            {t('filterAllTables')}
          </Option>
          {allGroups.map((g) => (
            <Option key={g} value={g} text={g}>
              {`${g}（${findings.filter((f) => groupOf(f, t) === g || f.tables.includes(g)).length}）`}
            </Option>
          ))}
        </Dropdown>
      </div>
      {shown.length === 0 && <Text>{t('filterNothing')}</Text>}
      <Accordion multiple collapsible defaultOpenItems={allGroups}>
        {keys.map((k) => (
          <AccordionItem value={k} key={k}>
            <AccordionHeader data-testid="group">{t('groupCount', { table: k, n: groups.get(k)!.length })}</AccordionHeader>
            <AccordionPanel>{folded(groups.get(k)!).map((entry, i) => (Array.isArray(entry) ? <Folded key={`fold-${i}`} findings={entry} t={t} lang={lang} render={item} /> : item(entry, i)))}</AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </>
  );
}

/** The findings of a group, with each rule that fires FOLD_AT times or more at one severity gathered where it first appears. */
function folded(list: readonly Finding[]): Array<Finding | Finding[]> {
  const key = (f: Finding) => `${ruleLabel(f.rule)}|${f.severity}`;
  const counts = new Map<string, number>();
  for (const f of list) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  const out: Array<Finding | Finding[]> = [];
  const at = new Map<string, Finding[]>();
  for (const f of list) {
    const k = key(f);
    if ((counts.get(k) ?? 0) < FOLD_AT) {
      out.push(f);
      continue;
    }
    let bucket = at.get(k);
    if (!bucket) {
      bucket = [];
      at.set(k, bucket);
      out.push(bucket);
    }
    bucket.push(f);
  }
  return out;
}

/** One line for many findings of one rule: its count and the first one's words; opens to all of them. */
function Folded({ findings, t, lang, render }: { findings: readonly Finding[]; t: Translate; lang: Lang; render: (f: Finding, i: number) => ReactElement }) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const f = findings[0]!;
  return (
    <div className={styles.item} data-testid="folded" data-rule={ruleLabel(f.rule)} data-count={findings.length}>
      <div className={styles.head}>
        <SeverityBadge severity={f.severity} t={t} />
        <Caption1>{ruleLabel(f.rule)}</Caption1>
        <Text weight="semibold">{t('foldedCount', { n: findings.length })}</Text>
      </div>
      <Text>{preview(lang === 'en-US' ? f.messageEn : f.message)}</Text>
      <div className={styles.actions}>
        <Button size="small" appearance="secondary" aria-expanded={open} data-testid="fold-toggle" onClick={() => setOpen(!open)}>
          {open ? t('foldClose') : t('foldOpen', { n: findings.length })}
        </Button>
      </div>
      {open && <div className={styles.fold}>{findings.map((x, i) => render(x, i))}</div>}
    </div>
  );
}
