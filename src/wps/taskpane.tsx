/**
 * The task pane in WPS 表格: the same React pane as in Excel (检查, 映射, 说明,
 * 新年度), on the WPS host. WPS opens this page in its task pane
 * (Application.CreateTaskPane, ./main.ts) and gives it window.Application.
 * Opened anywhere else (a plain browser), it says where it belongs.
 *
 * Chinese only (see ./main.ts); the light theme.
 */
import { FluentProvider, MessageBar, MessageBarBody, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { type EtApplication, wpsApplication } from '../hosts/wps/et';
import { WpsHost } from '../hosts/wps/wps-host';
import { App } from '../taskpane/components/App';
import { PaneController } from '../taskpane/controller';

export function mountPane(element: HTMLElement): void {
  const root = createRoot(element);
  const app = wpsApplication();
  if (!app) {
    root.render(
      <FluentProvider theme={webLightTheme}>
        <MessageBar intent="info">
          <MessageBarBody>这是 WPS 加载项“决算公开助手”的任务窗格，请在 WPS 表格中点击“决算公开 → 打开助手”打开。要在浏览器中检查工作簿，请打开浏览器页面（与本加载项在同一服务器上的 index.html）。</MessageBarBody>
        </MessageBar>
      </FluentProvider>,
    );
    return;
  }
  const controller = new PaneController(new WpsHost(app as EtApplication), 'zh-CN');
  root.render(<App controller={controller} lang="zh-CN" />);
}

const element = typeof document === 'undefined' ? null : document.getElementById('root');
if (element) mountPane(element);
