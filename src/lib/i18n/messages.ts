// UI strings, zh-CN first, English second. Indicator names and definitions live in the catalogue.
import { zh, type MessageKey } from './zh';
import { en } from './en';
import { format, type Message, type Params } from './translate';
import type { Locale } from '$lib/format';

export type { MessageKey };
export const messages: Record<Locale, Record<MessageKey, Message>> = { zh, en };

/** Text for key in a given locale, outside the reactive locale state (scripts, pure modules). */
export function tIn(locale: Locale, key: MessageKey, params?: Params): string {
  return format(messages[locale][key] ?? messages.zh[key], locale, params);
}
