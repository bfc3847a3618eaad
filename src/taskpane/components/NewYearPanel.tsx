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

/** The notices each section shows next to its own buttons. */
const MAKE_NOTICES = new Set(['newYearOpened', 'newYearDownloaded']);
const ROW_NOTICES = new Set(['itemAdded', 'blankRowsRemoved', 'blankRowsNone']);

/**
 * 新年度: next year's workbook from this one; 增删科目 in the open workbook
 * (Excel only: the host inserts and deletes rows); and 与上年比较 (last
 * year's workbook chosen here is compared with at every check).
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
  const [lists, setLists] = useState<ReadonlyArray<{ id: string; title: string }>>([]);
  const [listId, setListId] = useState('');
  const [code, setCode] = useState('');
  const [itemName, setItemName] = useState('');
  // Which section the last action came from: its error shows there.
  const [acted, setActed] = useState<'make' | 'rows'>('make');
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
      setLists(d.lists);
      // 支出决算表 first: where 科目 are added most.
      setListId((d.lists.find((l) => l.id === '公开03表') ?? d.lists[0])?.id ?? '');
    });
    return () => {
      live = false;
    };
  }, [controller]);

  const yearValid = /^20\d\d$/.test(year);
  const codeValid = /^\d{7}$/.test(code.trim());
  const addItem = async () => {
    setActed('rows');
    setBusy(true);
    if ((await controller.addItem(listId, code, itemName)) === 'added') {
      setCode('');
      setItemName('');
    }
    setBusy(false);
  };
  const removeBlankRows = async () => {
    setActed('rows');
    setBusy(true);
    await controller.removeBlankRows();
    setBusy(false);
  };

  const make = async () => {
    setActed('make');
    setBusy(true);
    await controller.makeNewYear({ year: Number(year), profile, carry: carry && hasTables, ...(department.trim() ? { department: department.trim() } : {}), ...(unit.trim() ? { unit: unit.trim() } : {}) });
    setBusy(false);
  };

  const choosePrevious = async (file: File) => {
    setActed('make');
    // The reader is loaded only when a file is chosen: the pane stays light.
    const { readWorkbookBytes } = await import('../../hosts/exceljs/read-bytes');
    try {
      const grid = await readWorkbookBytes(new Uint8Array(await file.arrayBuffer()), file.name);
      await controller.setPrevious(grid, file.name);
    } catch (e) {
      controller.showError(e);
    }
  };

  const notice = s.notice && MAKE_NOTICES.has(s.notice.key) ? t(s.notice.key, s.notice.args) : undefined;
  const rowsNotice = s.notice && ROW_NOTICES.has(s.notice.key) ? t(s.notice.key, s.notice.args) : undefined;
  const error = (where: 'make' | 'rows') =>
    s.error && acted === where ? (
      <MessageBar intent="error">
        <MessageBarBody>{s.error}</MessageBarBody>
      </MessageBar>
    ) : null;
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
      {error('make')}
      {notice && (
        <Text role="status" data-testid="newyear-notice">
          {notice}
        </Text>
      )}

      {controller.canEditRows && (
        <>
          <Text className={styles.heading}>{t('rowsTitle')}</Text>
          <Text size={200}>{t('rowsIntro')}</Text>
          {lists.length === 0 ? (
            <Text size={200}>{t('rowsNoLists')}</Text>
          ) : (
            <>
              <Field label={t('rowsTable')}>
                <Select value={listId} onChange={(_, d) => setListId(d.value)} data-testid="rows-table">
                  {lists.map((l) => (
                    <option key={l.id} value={l.id}>
                      {`${l.id} ${l.title}`}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t('rowsCode')} validationState={code === '' || codeValid ? 'none' : 'error'} validationMessage={code === '' || codeValid ? undefined : t('rowsCodeInvalid')}>
                <Input value={code} onChange={(_, d) => setCode(d.value)} inputMode="numeric" data-testid="rows-code" />
              </Field>
              <Field label={t('rowsName')}>
                <Input value={itemName} onChange={(_, d) => setItemName(d.value)} data-testid="rows-name" />
              </Field>
              <div className={styles.row}>
                <Button appearance="primary" disabled={!codeValid || itemName.trim() === '' || !listId || busy} onClick={() => void addItem()} data-testid="rows-add">
                  {t('rowsAdd')}
                </Button>
                <Button appearance="secondary" disabled={busy} onClick={() => void removeBlankRows()} data-testid="rows-remove-blank">
                  {t('rowsRemoveBlank')}
                </Button>
              </div>
            </>
          )}
          {error('rows')}
          {rowsNotice && (
            <Text role="status" data-testid="rows-notice">
              {rowsNotice}
            </Text>
          )}
        </>
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
          accept=".xlsx,.xlsm,.xls,.et"
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
