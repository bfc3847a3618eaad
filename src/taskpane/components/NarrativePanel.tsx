import { Button, MessageBar, MessageBarBody, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { narrativeText } from '../../core/narrative/generate';
import type { Narrative } from '../../core/narrative/types';
import { DOCX_TYPE, saveFile } from '../save-file';
import type { PaneController } from '../controller';
import type { Lang, Translate } from '../i18n';
import { usePaneState } from './use-controller';
import { SeverityBadge } from './FindingList';
import { WHOLE_TEXT } from '../../core/narrative/check-text';
import { departmentOf } from '../../core/mapping/detect';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  heading: { fontWeight: tokens.fontWeightSemibold, marginTop: '8px' },
  title: { fontWeight: tokens.fontWeightBold, marginTop: '24px', textAlign: 'center' },
  para: { textIndent: '2em', lineHeight: '1.7' },
  fill: { backgroundColor: tokens.colorPaletteYellowBackground2, color: tokens.colorNeutralForeground1, padding: '0 2px' },
  buttons: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  finding: { lineHeight: '1.6' },
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
            // Named and titled with the unit and the year: 区委办2024年度部门决算情况说明.docx.
            const department = s.result ? departmentOf(s.result.mapping) : undefined;
            void import('../../hosts/docx/narrative-docx')
              .then(async ({ narrativeDocx, narrativeFileName }) => saveFile(await narrativeDocx(n, department ? { department } : {}), narrativeFileName(n, department), DOCX_TYPE))
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
      </div>
      {found && s.pastedScope && (
        <Text size={200} data-testid="pasted-scope">
          {s.pastedScope.sections.length
            ? t('pastedScope', { sections: s.pastedScope.sections.map((x) => (x === WHOLE_TEXT ? t('pastedWhole') : x)).join('、'), n: s.pastedScope.figures })
            : t('pastedNothing')}
          {found.length ? t('pastedFound', { n: found.length }) : t('pastedClean')}
        </Text>
      )}
      {found?.map((f, i) => (
        <div key={i} data-testid="pasted-finding" data-rule={f.rule} data-severity={f.severity} className={styles.finding}>
          <SeverityBadge severity={f.severity} t={t} /> <Text>{lang === 'en-US' ? f.messageEn : f.message}</Text>
        </div>
      ))}
    </div>
  );
}
