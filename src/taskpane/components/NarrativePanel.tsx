import { Badge, Button, MessageBar, MessageBarBody, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { narrativeText } from '../../core/narrative/generate';
import type { Narrative } from '../../core/narrative/types';
import { DOCX_TYPE, saveFile } from '../save-file';
import type { PaneController } from '../controller';
import type { Lang, Translate } from '../i18n';
import { usePaneState } from './use-controller';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  heading: { fontWeight: tokens.fontWeightSemibold, marginTop: '8px' },
  title: { fontWeight: tokens.fontWeightBold, marginTop: '24px', textAlign: 'center' },
  para: { textIndent: '2em', lineHeight: '1.7' },
  fill: { backgroundColor: tokens.colorPaletteYellowBackground2, color: tokens.colorNeutralForeground1, padding: '0 2px' },
  buttons: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
});

/** Text with its 【请填写…】 placeholders marked, so the accountant sees what is left to write. */
function Marked({ text, className }: { text: string; className: string }) {
  return (
    <>
      {text.split(/(【[^】]*】)/).map((part, i) =>
        part.startsWith('【') ? (
          <mark key={i} className={className} data-testid="placeholder">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  );
}

export function NarrativePanel({ controller, t, lang }: { controller: PaneController; t: Translate; lang: Lang }) {
  const styles = useStyles();
  const s = usePaneState(controller);
  const [copied, setCopied] = useState(false);
  const [docxError, setDocxError] = useState<string | undefined>();
  const n = s.narrative;
  if (!n) return <Text>{t('narrativeRunFirst')}</Text>;
  const text = narrativeText(n);
  const left = (text.match(/【[^】]*】/g) ?? []).length;
  return (
    <div className={styles.root}>
      <Text size={200}>{t('narrativeIntro')}</Text>
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {t('copyNarrative')}
        </Button>
        <Button
          appearance="secondary"
          data-testid="narrative-docx"
          onClick={() => {
            // The .docx writer is loaded only when asked for: the pane stays light.
            void import('../../hosts/docx/narrative-docx')
              .then(({ narrativeDocx }) => narrativeDocx(n))
              .then((bytes) => saveFile(bytes, `${n.year}年度部门决算情况说明.docx`, DOCX_TYPE))
              .catch((e: unknown) => setDocxError(e instanceof Error ? e.message : String(e)));
          }}
        >
          {t('downloadDocx')}
        </Button>
        {controller.canWriteNarrative && (
          <Button appearance="secondary" data-testid="write-narrative" onClick={() => void controller.writeNarrative()}>
            {t('writeNarrative')}
          </Button>
        )}
        {copied && <Text size={200}>{t('copied')}</Text>}
      </div>
      {s.notice?.key === 'narrativeWritten' && (
        <MessageBar intent="success">
          <MessageBarBody>{t('narrativeWritten', s.notice.args ?? {})}</MessageBarBody>
        </MessageBar>
      )}
      {docxError && (
        <MessageBar intent="error">
          <MessageBarBody>{t('docxFailed', { reason: docxError })}</MessageBarBody>
        </MessageBar>
      )}
      {s.error && (
        <MessageBar intent="error">
          <MessageBarBody>{s.error}</MessageBarBody>
        </MessageBar>
      )}
      {left > 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{t('placeholdersLeft', { n: left })}</MessageBarBody>
        </MessageBar>
      )}
      <PastedCheck controller={controller} t={t} lang={lang} />
      <div data-testid="narrative">
        <Sections sections={n.sections} />
        {n.report && (
          <>
            <Text block className={styles.title} data-testid="report-title">
              {n.report.title}
            </Text>
            <Sections sections={n.report.sections} />
          </>
        )}
      </div>
    </div>
  );
}

/** Headings and paragraphs, with what is left to fill in marked. */
function Sections({ sections }: { sections: Narrative['sections'] }) {
  const styles = useStyles();
  return (
    <>
      {sections.map((sec) => (
        <section key={sec.id}>
          {sec.heading && <Text block className={styles.heading}>{sec.heading}</Text>}
          {sec.subheading && <Text block className={styles.heading}>{sec.subheading}</Text>}
          {sec.paragraphs.map((p, i) => (
            <Text block key={i} className={styles.para}>
              <Marked text={p.text} className={styles.fill} />
            </Text>
          ))}
        </section>
      ))}
    </>
  );
}

const BADGE = { error: 'danger', warning: 'warning', rounding: 'informative' } as const;

/** 核对已有的说明: text pasted from Word or a PDF, checked against the tables (表文核对). */
function PastedCheck({ controller, t, lang }: { controller: PaneController; t: Translate; lang: Lang }) {
  const styles = useStyles();
  const s = usePaneState(controller);
  const [text, setText] = useState('');
  const found = s.pastedFindings;
  return (
    <div className={styles.root}>
      <Text block className={styles.heading}>
        {t('pastedTitle')}
      </Text>
      <Textarea data-testid="pasted-narrative" resize="vertical" rows={4} placeholder={t('pastedPlaceholder')} value={text} onChange={(_, d) => setText(d.value)} />
      <div className={styles.buttons}>
        <Button disabled={!text.trim()} onClick={() => void controller.checkPastedNarrative(text)}>
          {t('pastedCheck')}
        </Button>
        {found && <Text size={200}>{found.length ? t('pastedFound', { n: found.length }) : t('pastedClean')}</Text>}
      </div>
      {found?.map((f, i) => (
        <div key={i} data-testid="pasted-finding" data-rule={f.rule}>
          <Badge appearance="filled" color={BADGE[f.severity]}>
            {f.rule}
          </Badge>{' '}
          <Text>{lang === 'en-US' ? f.messageEn : f.message}</Text>
        </div>
      ))}
    </div>
  );
}
