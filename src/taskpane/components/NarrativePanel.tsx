import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { narrativeText } from '../../core/narrative/generate';
import type { PaneController } from '../controller';
import type { Translate } from '../i18n';
import { usePaneState } from './use-controller';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  heading: { fontWeight: tokens.fontWeightSemibold, marginTop: '8px' },
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

export function NarrativePanel({ controller, t }: { controller: PaneController; t: Translate }) {
  const styles = useStyles();
  const s = usePaneState(controller);
  const [copied, setCopied] = useState(false);
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
      <div data-testid="narrative">
        {n.sections.map((sec) => (
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
      </div>
    </div>
  );
}
