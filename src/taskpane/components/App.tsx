import { FluentProvider, Tab, TabList, Text, makeStyles, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { type ReactNode, useMemo, useState } from 'react';
import type { PaneController } from '../controller';
import { type Lang, translator } from '../i18n';
import { CheckPanel } from './CheckPanel';
import { MappingPanel } from './MappingPanel';
import { NarrativePanel } from './NarrativePanel';
import { NewYearPanel } from './NewYearPanel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', padding: '12px', minHeight: '100vh', boxSizing: 'border-box', backgroundColor: tokens.colorNeutralBackground1 },
  title: { fontWeight: tokens.fontWeightSemibold },
  panel: { paddingTop: '8px' },
});

export interface AppProps {
  readonly controller: PaneController;
  readonly lang: Lang;
  readonly dark?: boolean;
  /** Extra content above the tabs (the browser page's file controls). */
  readonly header?: ReactNode;
  /** The browser page before a file is opened: nothing to check yet. */
  readonly noWorkbook?: boolean;
}

type TabKey = 'check' | 'mapping' | 'narrative' | 'newYear';

const TAB_LABEL = { check: 'tabCheck', mapping: 'tabMapping', narrative: 'tabNarrative', newYear: 'tabNewYear' } as const;

export function App({ controller, lang, dark, header, noWorkbook }: AppProps) {
  const styles = useStyles();
  const t = useMemo(() => translator(lang), [lang]);
  const [tab, setTab] = useState<TabKey>('check');
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} lang={lang}>
      <div className={styles.root}>
        <Text size={500} className={styles.title}>
          {t('appTitle')}
        </Text>
        {header}
        <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabKey)}>
          <Tab value="check">{t('tabCheck')}</Tab>
          <Tab value="mapping">{t('tabMapping')}</Tab>
          <Tab value="narrative">{t('tabNarrative')}</Tab>
          <Tab value="newYear">{t('tabNewYear')}</Tab>
        </TabList>
        <div className={styles.panel} role="tabpanel" aria-label={t(TAB_LABEL[tab])}>
          {tab === 'check' && <CheckPanel controller={controller} t={t} lang={lang} {...(noWorkbook ? { noWorkbook } : {})} />}
          {tab === 'mapping' && <MappingPanel controller={controller} t={t} {...(noWorkbook ? { noWorkbook } : {})} />}
          {tab === 'narrative' && <NarrativePanel controller={controller} t={t} lang={lang} />}
          {tab === 'newYear' && <NewYearPanel controller={controller} t={t} />}
        </div>
      </div>
    </FluentProvider>
  );
}
