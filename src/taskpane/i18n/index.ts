import { enUS } from './en-US';
import { type MessageKey, zhCN } from './zh-CN';

export type Lang = 'zh-CN' | 'en-US';
export type { MessageKey };

/** Chinese unless Office (or the browser) says the user reads English. */
export function pickLang(displayLanguage: string | undefined): Lang {
  return displayLanguage && /^en/i.test(displayLanguage) ? 'en-US' : 'zh-CN';
}

export type Translate = (key: MessageKey, args?: Readonly<Record<string, string | number>>) => string;

export function translator(lang: Lang): Translate {
  const table: Record<MessageKey, string> = lang === 'en-US' ? enUS : zhCN;
  return (key, args) => table[key].replace(/\{(\w+)\}/g, (m, k: string) => (args && k in args ? String(args[k]) : m));
}
