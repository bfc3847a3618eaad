import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ProfileId } from '../../core/templates/types';
import type { PaneController } from '../controller';
import type { Translate } from '../i18n';
import { usePaneState } from './use-controller';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '10px' },
  heading: { fontWeight: tokens.fontWeightSemibold, marginTop: '12px' },
  row: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
});

/**
 * 新年度: next year's workbook from this one, and 与上年比较 (last year's
 * workbook chosen here is compared with at every check).
 */
export function NewYearPanel({ controller, t }: { controller: PaneController; t: Translate }) {
  const styles = useStyles();
  const s = usePaneState(controller);
  const [year, setYear] = useState('');
  const [profile, setProfile] = useState<ProfileId>('hunan-2024');
  const [department, setDepartment] = useState('');
  const [unit, setUnit] = useState('');
  const [carry, setCarry] = useState(true);
  const [hasTables, setHasTables] = useState(true);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  // What the open workbook proposes: the year after its own, its template and 部门.
  useEffect(() => {
    let live = true;
    void controller.newYearDefaults().then((d) => {
      if (!live) return;
      setYear(String(d.year));
      setProfile(d.profile);
      setDepartment(d.department ?? '');
      setHasTables(d.hasTables);
      setCarry(d.hasTables);
    });
    return () => {
      live = false;
    };
  }, [controller]);

  const yearValid = /^20\d\d$/.test(year);
  const make = async () => {
    setBusy(true);
    await controller.makeNewYear({ year: Number(year), profile, carry: carry && hasTables, ...(department.trim() ? { department: department.trim() } : {}), ...(unit.trim() ? { unit: unit.trim() } : {}) });
    setBusy(false);
  };

  const choosePrevious = async (file: File) => {
    // The reader is loaded only when a file is chosen: the pane stays light.
    const { readWorkbookBytes } = await import('../../hosts/exceljs/read-bytes');
    try {
      const grid = await readWorkbookBytes(new Uint8Array(await file.arrayBuffer()), file.name);
      await controller.setPrevious(grid, file.name);
    } catch (e) {
      controller.showError(e);
    }
  };

  const notice = s.notice && (s.notice.key === 'newYearOpened' || s.notice.key === 'newYearDownloaded') ? t(s.notice.key, s.notice.args) : undefined;
  return (
    <div className={styles.root}>
      <Text size={200}>{t('newYearIntro')}</Text>
      <Field label={t('newYearYear')} validationState={yearValid ? 'none' : 'error'}>
        <Input value={year} onChange={(_, d) => setYear(d.value)} inputMode="numeric" data-testid="newyear-year" />
      </Field>
      <Field label={t('newYearProfile')}>
        <Select value={profile} onChange={(_, d) => setProfile(d.value as ProfileId)} data-testid="newyear-profile">
          <option value="hunan-2024">{t('profileHunan')}</option>
          <option value="national-2024">{t('profileNational')}</option>
        </Select>
      </Field>
      <Field label={t('newYearDepartment')}>
        <Input value={department} onChange={(_, d) => setDepartment(d.value)} data-testid="newyear-department" />
      </Field>
      <Field label={t('newYearUnit')}>
        <Input value={unit} onChange={(_, d) => setUnit(d.value)} />
      </Field>
      {hasTables ? (
        <Checkbox checked={carry} onChange={(_, d) => setCarry(d.checked === true)} label={t('newYearCarry')} data-testid="newyear-carry" />
      ) : (
        <Text size={200}>{t('newYearNoTables')}</Text>
      )}
      <div className={styles.row}>
        <Button appearance="primary" disabled={!yearValid || busy} onClick={() => void make()} data-testid="newyear-make">
          {t('newYearMake')}
        </Button>
      </div>
      {s.error && (
        <MessageBar intent="error">
          <MessageBarBody>{s.error}</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <Text role="status" data-testid="newyear-notice">
          {notice}
        </Text>
      )}

      <Text className={styles.heading}>{t('previousTitle')}</Text>
      <Text size={200}>{t('previousIntro')}</Text>
      <div className={styles.row}>
        <Button appearance="secondary" onClick={() => fileInput.current?.click()} data-testid="previous-choose">
          {t('previousChoose')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".xlsx,.xlsm"
          hidden
          data-testid="previous-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void choosePrevious(f);
            e.target.value = '';
          }}
        />
        {s.previous && (
          <>
            <Text data-testid="previous-name">{t('previousChosen', { name: s.previous.name })}</Text>
            <Button appearance="subtle" onClick={() => void controller.setPrevious(undefined)}>
              {t('previousClear')}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
