import { createRoot } from 'react-dom/client';
import { pickLang } from '../taskpane/i18n';
import { WebPage } from './WebPage';

const root = document.getElementById('root');
if (root) createRoot(root).render(<WebPage initialLang={pickLang(navigator.language)} />);
