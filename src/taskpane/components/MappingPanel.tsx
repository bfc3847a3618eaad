import {
  Button,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
} from '@fluentui/react-components';
import { useState } from 'react';
import { rangeA1 } from '../../core/grid/a1';
import { profileById } from '../../core/templates/profiles';
import type { PaneController } from '../controller';
import type { MessageKey, Translate } from '../i18n';
import { usePaneState } from './use-controller';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  table: { minWidth: '300px' },
  actions: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
});

const FOUND_BY: Record<string, MessageKey> = { title: 'foundByTitle', label: 'foundByLabel', header: 'foundByHeader', user: 'foundByUser' };

export function MappingPanel({ controller, t, noWorkbook }: { controller: PaneController; t: Translate; noWorkbook?: boolean }) {
  const styles = useStyles();
  const s = usePaneState(controller);
  const [hint, setHint] = useState<string | undefined>();
  const mapping = s.result?.mapping;
  if (!mapping) return <Text>{noWorkbook ? t('openWorkbookFirst') : t('mappingEmpty')}</Text>;
  const profile = profileById(mapping.profile);
  const userRanges = s.saved.overrides.ranges ?? {};
  return (
    <div className={styles.root}>
      <Text>
        {t('profileIs', { name: profile.name })}
      </Text>
      <Text size={200}>{t('profileReason', { reason: mapping.profileReason })}</Text>
      <Text size={200}>{t('mappingIntro')}</Text>
      {hint && (
        <MessageBar intent="warning">
          <MessageBarBody>{hint}</MessageBarBody>
        </MessageBar>
      )}
      {s.error && (
        <MessageBar intent="error">
          <MessageBarBody>{s.error}</MessageBarBody>
        </MessageBar>
      )}
      {s.notice && (
        <MessageBar intent="success">
          <MessageBarBody>{t(s.notice.key, s.notice.args)}</MessageBarBody>
        </MessageBar>
      )}
      <Table size="small" aria-label={t('tabMapping')} className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('table')}</TableHeaderCell>
            <TableHeaderCell>{t('location')}</TableHeaderCell>
            <TableHeaderCell />
          </TableRow>
        </TableHeader>
        <TableBody>
          {profile.tables.map((tpl) => {
            const m = mapping.tables[tpl.id];
            return (
              <TableRow key={tpl.id} data-testid={`map-${tpl.id}`}>
                <TableCell>
                  <Text weight="semibold">{tpl.id}</Text>
                  <br />
                  <Text size={200}>{tpl.title}</Text>
                </TableCell>
                <TableCell>
                  {m ? (
                    <>
                      {m.sheet}!{rangeA1(m)}
                      <br />
                      <Text size={200}>
                        {t('foundByIs', { how: t(FOUND_BY[m.foundBy]!) })}
                        {m.unit === '元' ? t('unitConverted') : ''}
                      </Text>
                    </>
                  ) : (
                    <Text>{t('notFound')}</Text>
                  )}
                </TableCell>
                <TableCell>
                  <div className={styles.actions}>
                    <Button
                      size="small"
                      aria-label={`${t('useSelection')}：${tpl.id}`}
                      onClick={() => {
                        setHint(undefined);
                        void controller.useSelection(tpl.id).then((r) => {
                          if (r === 'no-selection') setHint(t('selectionEmpty'));
                        });
                      }}
                    >
                      {t('useSelection')}
                    </Button>
                    {userRanges[tpl.id] && (
                      <Button size="small" appearance="subtle" onClick={() => void controller.resetRange(tpl.id)}>
                        {t('resetRange')}
                      </Button>
                    )}
                  </div>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <PerformanceFound controller={controller} t={t} />
    </div>
  );
}

/** The 绩效自评 tables found (by title or 项目支出名称): checked too, and the source of 十四 and the 绩效自评报告. */
function PerformanceFound({ controller, t }: { controller: PaneController; t: Translate }) {
  const s = usePaneState(controller);
  const perf = s.result?.performance;
  const found = perf ? [...(perf.basics ? [perf.basics] : []), ...(perf.overall ? [perf.overall] : []), ...perf.projects] : [];
  return (
    <div data-testid="performance-found">
      <Text weight="semibold">{t('performanceTitle')}</Text>
      {found.length === 0 ? (
        <Text block size={200}>
          {t('performanceNone')}
        </Text>
      ) : (
        found.map((x) => (
          <Text block size={200} key={`${x.sheet}-${x.titleRow}`}>
            {x.id}：{x.sheet}!A{x.titleRow + 1}
          </Text>
        ))
      )}
    </div>
  );
}
