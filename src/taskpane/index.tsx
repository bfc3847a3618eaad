/* global Office, Excel */
/**
 * The Excel task pane: renders the pane inside Office.onReady with the
 * Office.js host. Outside Office (the page opened in a plain browser)
 * Office.onReady resolves with no host, and the page says where to go.
 */
import { FluentProvider, MessageBar, MessageBarBody, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { OfficeHost } from '../hosts/office/office-host';
import { App } from './components/App';
import { PaneController } from './controller';
import { pickLang } from './i18n';

/** Office's theme decides light or dark: a dark body background means a dark theme. */
function isDarkTheme(): boolean {
  const bg = Office.context?.officeTheme?.bodyBackgroundColor;
  if (!bg || !/^#?[0-9a-f]{6}$/i.test(bg)) return false;
  const hex = bg.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b! < 128;
}

void Office.onReady((info) => {
  const root = createRoot(document.getElementById('root')!);
  const lang = pickLang(Office.context?.displayLanguage ?? navigator.language);
  if (info.host !== Office.HostType.Excel) {
    root.render(
      <FluentProvider theme={webLightTheme}>
        <MessageBar intent="info">
          <MessageBarBody>
            {lang === 'en-US'
              ? 'This is the task pane of the Excel add-in: open it from Excel. To check a workbook in the browser, open index.html.'
              : '这是 Excel 加载项的任务窗格，请在 Excel 中打开。要在浏览器中检查工作簿，请打开 index.html。'}
          </MessageBarBody>
        </MessageBar>
      </FluentProvider>,
    );
    return;
  }
  const controller = new PaneController(new OfficeHost((batch) => Excel.run(batch)), lang);
  root.render(<App controller={controller} lang={lang} dark={isDarkTheme()} />);
});
