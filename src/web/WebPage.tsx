/**
 * The browser page: the task pane beside a rendered view of the workbook.
 * For WPS and LibreOffice users, and the demo `npm start` serves. The file
 * never leaves the machine: it is read in the page and checked in the page.
 */
import { Button, FluentProvider, MessageBar, MessageBarBody, Text, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { useMemo, useRef, useState } from 'react';
import { readWorkbookBytes } from '../hosts/exceljs/read-bytes';
import { sniffWorkbookBytes } from '../hosts/exceljs/errors';
import type { PdfWorkbook } from '../hosts/pdf/workbook';
import type { WorkbookGrid } from '../core/grid/grid';
import { App } from '../taskpane/components/App';
import { PaneController } from '../taskpane/controller';
import { describeError } from '../taskpane/errors';
import { type Lang, translator } from '../taskpane/i18n';
import { BrowserHost } from './browser-host';
import { SheetViewer } from './SheetViewer';
import { XLSM_TYPE, XLSX_TYPE, saveFile } from '../taskpane/save-file';
import { WorkbookView } from './workbook-view';

const useStyles = makeStyles({
  // The page never scrolls (`clip` cannot be scrolled even by focus): the assistant keeps its place at the left;
  // only its own content and the sheet area scroll.
  page: { display: 'flex', height: '100vh', overflow: 'clip', backgroundColor: tokens.colorNeutralBackground1 },
  pane: { width: '420px', flexShrink: 0, overflowY: 'auto', overflowX: 'clip', borderRight: `1px solid ${tokens.colorNeutralStroke2}` },
  sheets: { flexGrow: 1, minWidth: 0, padding: '12px', display: 'flex', flexDirection: 'column', gap: '8px', overflow: 'clip' },
  files: { display: 'flex', flexDirection: 'column', gap: '8px' },
  buttons: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  hidden: { display: 'none' },
  empty: { margin: 'auto', maxWidth: '420px', color: tokens.colorNeutralForeground3, textAlign: 'center' },
});

export const SAMPLE_URL = 'sample/决算公开样例-2024.xlsx';

interface Opened {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly host: BrowserHost;
  readonly controller: PaneController;
  /** A PDF opened: its tables rebuilt as sheets (src/hosts/pdf). */
  readonly pdf?: PdfWorkbook;
  /** The cells as read (a legacy .xls's copy is made from them). */
  readonly grid: WorkbookGrid;
}

/** A PDF by its name or its first bytes. */
function isPdf(name: string, bytes: Uint8Array): boolean {
  return /\.pdf$/i.test(name) || String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';
}

/** What the page says of a PDF it read: its pages and tables, and what it could not read. */
function pdfSummary(pdf: PdfWorkbook, lang: Lang): string {
  const tables = [...pdf.info.values()].filter((i) => i.kind === 'table').length;
  const narrative = pdf.info.has('情况说明');
  const zh = `PDF 共 ${pdf.pageCount} 页：读出 ${tables} 张表${narrative ? '和情况说明' : ''}，每张表一个工作表（单元格按重建的表格编号，鼠标停在行号上可见所在页）。`;
  const en = `PDF of ${pdf.pageCount} pages: ${tables} tables${narrative ? ' and the narrative' : ''} read, one sheet per table (cells numbered in the rebuilt tables; hover a row number for its page).`;
  return [lang === 'en-US' ? en : zh, ...pdf.notices].join(' ');
}

export function WebPage({ initialLang }: { initialLang: Lang }) {
  const styles = useStyles();
  const [lang, setLang] = useState<Lang>(initialLang);
  const t = useMemo(() => translator(lang), [lang]);
  const view = useMemo(() => new WorkbookView(), []);
  const [opened, setOpened] = useState<Opened | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);

  async function open(name: string, bytes: Uint8Array) {
    setError(undefined);
    setNotice(undefined);
    try {
      // A PDF's reader (and pdfjs) is loaded only when a PDF is opened.
      const pdf = isPdf(name, bytes) ? await (await import('./pdf-in-page')).readPdfInPage(bytes, name) : undefined;
      const grid = pdf ?? (await readWorkbookBytes(bytes, name));
      const host = new BrowserHost(view, grid);
      const controller = new PaneController(host, lang);
      view.update({ grid, fileName: name, activeSheet: grid.sheets[0]?.name, marks: new Map(), selection: undefined, focus: undefined });
      setOpened({ name, bytes, host, controller, grid, ...(pdf ? { pdf } : {}) });
      await controller.runCheck();
    } catch (e) {
      setError(t('fileReadError', { name, detail: describeError(e, lang) }));
    }
  }

  async function openSample() {
    try {
      const res = await fetch(encodeURI(SAMPLE_URL));
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      await open('决算公开样例-2024.xlsx', new Uint8Array(await res.arrayBuffer()));
    } catch (e) {
      setError(t('fileReadError', { name: '决算公开样例-2024.xlsx', detail: describeError(e, lang) }));
    }
  }

  async function download() {
    const o = opened;
    const result = o?.controller.current.result;
    if (!o || !result) return;
    try {
      // Loaded only when a copy is asked for.
      const { annotateWorkbook } = await import('../hosts/xlsx/annotate/annotate');
      const ignored = o.host.savedState.ignored;
      const narrative = o.controller.current.narrative;
      // A PDF's copy is its rebuilt workbook, marked.
      // A legacy .xls (or WPS .et) has no .xlsx package to mark: the copy is its cells written as one.
      const converted = !o.pdf && sniffWorkbookBytes(o.bytes) !== 'zip';
      const bytes = o.pdf
        ? await (await import('../hosts/pdf/to-xlsx')).pdfWorkbookXlsx(o.pdf)
        : converted
          ? await (await import('../hosts/exceljs/grid-to-xlsx')).gridToXlsx(o.grid)
          : o.bytes;
      const out = await annotateWorkbook(bytes, result, { ignored, ...(narrative ? { narrative } : {}) });
      // A macro workbook's copy keeps its macros, so it must stay .xlsm (Excel refuses macros in an .xlsx).
      const macros = !o.pdf && /\.xlsm$/i.test(o.name);
      saveFile(out, o.name.replace(/\.(xlsx|xlsm|xls|et|pdf)$/i, '') + (macros ? '-检查结果.xlsm' : '-检查结果.xlsx'), macros ? XLSM_TYPE : XLSX_TYPE);
      setNotice(converted ? t('copyConverted') : undefined);
    } catch (e) {
      setError(describeError(e, lang));
    }
  }

  const header = (
    <div className={styles.files}>
      <Text size={200}>{t('webIntro')}</Text>
      <div className={styles.buttons}>
        <Button appearance="primary" onClick={() => input.current?.click()}>
          {t('openFile')}
        </Button>
        <Button onClick={() => void openSample()}>{t('openSample')}</Button>
        <Button disabled={!opened} onClick={() => void download()}>
          {t('downloadAnnotated')}
        </Button>
        <Button appearance="subtle" onClick={() => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}>
          {t('language')}
        </Button>
      </div>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept=".xlsx,.xlsm,.xls,.et,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12,application/vnd.ms-excel,.pdf,application/pdf"
        data-testid="file-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void f.arrayBuffer().then((b) => open(f.name, new Uint8Array(b)));
          e.target.value = '';
        }}
      />
      {opened && <Text size={200}>{t('fileLoaded', { name: opened.name })}</Text>}
      {opened?.pdf && (
        <Text size={200} data-testid="pdf-summary">
          {pdfSummary(opened.pdf, lang)}
        </Text>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent="info">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );

  return (
    <FluentProvider theme={webLightTheme} lang={lang}>
    <div className={styles.page} data-testid="page">
      <div className={styles.pane} data-testid="assistant">
        {opened ? (
          <App key={`${opened.name}-${lang}`} controller={opened.controller} lang={lang} header={header} />
        ) : (
          <App controller={placeholderController} lang={lang} header={header} noWorkbook />
        )}
      </div>
      <div className={styles.sheets}>
        {opened ? (
          <SheetViewer view={view} label={t('sheetTabs')} pickerLabel={t('sheetPicker')} />
        ) : (
          <div className={styles.empty}>
            <Text size={400}>{t('webEmpty')}</Text>
          </div>
        )}
      </div>
    </div>
    </FluentProvider>
  );
}

/** Before a file is opened the pane shows its tabs with nothing to check. */
const placeholderController = new PaneController({
  read: () => Promise.reject(new Error('没有可检查的工作簿。请先打开一个 .xlsx 文件或样例。')),
  highlight: () => Promise.resolve(),
  clearHighlights: () => Promise.resolve(),
  select: () => Promise.resolve(),
  selection: () => Promise.resolve(undefined),
  saveState: () => Promise.resolve(),
});
