import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Switch,
  Text,
  makeStyles,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { PaneController } from '../controller';
import type { Lang, Translate } from '../i18n';
import { FindingList, severityLabel } from './FindingList';
import { HIGHLIGHT } from '../../hosts/highlight-style';
import { usePaneState } from './use-controller';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  buttons: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  counts: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
});

/** `noWorkbook`: the browser page before a file is opened — nothing to check yet, and it says how to begin. */
export function CheckPanel({ controller, t, lang, noWorkbook }: { controller: PaneController; t: Translate; lang: Lang; noWorkbook?: boolean }) {
  const styles = useStyles();
  const s = usePaneState(controller);
  const [showIgnored, setShowIgnored] = useState(false);
  const busy = s.phase === 'reading' || s.phase === 'checking' || s.phase === 'marking';
  const findings = s.result?.findings ?? [];
  const visible = findings.filter((f) => showIgnored || !controller.isIgnored(f));
  const ignoredCount = findings.length - findings.filter((f) => !controller.isIgnored(f)).length;
  const count = (sev: 'error' | 'warning' | 'rounding') => findings.filter((f) => f.severity === sev && !controller.isIgnored(f)).length;
  return (
    <div className={styles.root}>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={busy || noWorkbook} onClick={() => void controller.runCheck()}>
          {s.result ? t('rerunCheck') : t('runCheck')}
        </Button>
        <Button disabled={busy || !s.result || !s.marked} onClick={() => void controller.clearMarks()}>
          {t('clearMarks')}
        </Button>
      </div>
      {s.notice?.key === 'marksCleared' && !s.marked && (
        <MessageBar intent="info">
          <MessageBarBody>{t('marksCleared')}</MessageBarBody>
        </MessageBar>
      )}
      {busy && (
        <Field validationMessage={s.phase === 'reading' ? t('readingWorkbook') : s.phase === 'marking' ? t('markingCells') : t('checking')} validationState="none">
          <ProgressBar />
        </Field>
      )}
      {s.error && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{t('errorTitle')}</MessageBarTitle>
            {s.error}
          </MessageBarBody>
        </MessageBar>
      )}
      {!s.result && !busy && !s.error && <Text>{noWorkbook ? t('openWorkbookFirst') : t('notCheckedYet')}</Text>}
      {s.result && (
        <>
          <div className={styles.counts} data-testid="counts" role="status" aria-live="polite">
            {(['error', 'warning', 'rounding'] as const).map((sev) => (
              <span key={sev} data-testid={`count-${sev}`} style={{ backgroundColor: `#${HIGHLIGHT[sev].fill}`, color: `#${HIGHLIGHT[sev].font}`, borderRadius: '4px', padding: '0 8px', fontWeight: 600, lineHeight: '22px' }}>
                {`${severityLabel(t, sev)} ${count(sev)}`}
              </span>
            ))}
            {ignoredCount > 0 && (
              <Switch checked={showIgnored} onChange={(_, d) => setShowIgnored(d.checked)} label={showIgnored ? t('hideIgnored') : t('showIgnored', { n: ignoredCount })} />
            )}
          </div>
          {findings.length === 0 ? (
            <MessageBar intent="success">
              <MessageBarBody>{t('noFindings')}</MessageBarBody>
            </MessageBar>
          ) : (
            <>
              {count('error') === 0 && (
                <MessageBar intent="success">
                  <MessageBarBody>{t('noErrors')}</MessageBarBody>
                </MessageBar>
              )}
              {count('rounding') > 0 && <Text size={200}>{t('roundingExplained')}</Text>}
              <FindingList
                findings={visible}
                t={t}
                lang={lang}
                isIgnored={(f) => controller.isIgnored(f)}
                onSelect={(f) => void controller.select(f)}
                onIgnore={(f, v) => void controller.setIgnored(f, v)}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}
