import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  Link,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Finding } from '../../core/rules/finding';
import type { Severity } from '../../core/rules/types';

const RANK: Record<Severity, number> = { error: 0, warning: 1, rounding: 2 };
import type { Lang, Translate } from '../i18n';

const useStyles = makeStyles({
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
});

const BADGE: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', rounding: 'informative' };

export function severityLabel(t: Translate, s: Severity): string {
  return s === 'error' ? t('countError') : s === 'warning' ? t('countWarning') : t('countRounding');
}

function money(n: number | null): string {
  return n === null ? '' : n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 6 });
}

export interface FindingListProps {
  readonly findings: readonly Finding[];
  readonly t: Translate;
  /** English users read each finding's English message. */
  readonly lang: Lang;
  readonly isIgnored: (f: Finding) => boolean;
  readonly onSelect: (f: Finding) => void;
  readonly onIgnore: (f: Finding, ignored: boolean) => void;
}

/** Findings grouped by the first table they concern, each group collapsible. */
export function FindingList({ findings, t, lang, isIgnored, onSelect, onIgnore }: FindingListProps) {
  const styles = useStyles();
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = f.tables[0] ?? t('otherFindings');
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  // Tables with errors first (under deadline, those are what must be fixed), then by name.
  const worst = (k: string) => Math.min(...groups.get(k)!.map((f) => RANK[f.severity]));
  const keys = [...groups.keys()].sort((a, b) => worst(a) - worst(b) || a.localeCompare(b, 'zh-CN'));
  return (
    <Accordion multiple collapsible defaultOpenItems={keys}>
      {keys.map((k) => (
        <AccordionItem value={k} key={k}>
          <AccordionHeader>{t('groupCount', { table: k, n: groups.get(k)!.length })}</AccordionHeader>
          <AccordionPanel>
            {groups.get(k)!.map((f, i) => {
              const ignored = isIgnored(f);
              return (
                <div className={ignored ? `${styles.item} ${styles.ignored}` : styles.item} key={`${f.rule}-${i}`} data-testid="finding" data-rule={f.rule} data-severity={f.severity}>
                  <div className={styles.head}>
                    <Badge appearance="filled" color={BADGE[f.severity]}>
                      {severityLabel(t, f.severity)}
                    </Badge>
                    <Caption1>{f.rule}</Caption1>
                  </div>
                  <Text>{lang === 'en-US' ? f.messageEn : f.message}</Text>
                  {f.expected !== null && (
                    <div className={styles.figures}>
                      <span>
                        {t('expected')} {money(f.expected)}
                        {f.unit === '%' ? '%' : ''}
                      </span>
                      <span>
                        {t('actual')} {money(f.actual)}
                        {f.unit === '%' ? '%' : ''}
                      </span>
                      <span>
                        {t('difference')} {money(f.difference)} {t(f.unit === '%' ? 'unitPercentPoints' : f.unit === '分' ? 'unitPoints' : 'unitWan')}
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
                    <Button size="small" appearance="subtle" aria-label={`${ignored ? t('unignore') : t('ignore')} ${f.rule} ${f.cells[0] ?? ''}`} onClick={() => onIgnore(f, !ignored)}>
                      {ignored ? t('unignore') : t('ignore')}
                    </Button>
                  </div>
                </div>
              );
            })}
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
