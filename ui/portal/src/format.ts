import { get } from 'svelte/store';
import { currentLanguage } from './i18n';

/** A date and time in the portal's language, in the browser's time zone. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString(get(currentLanguage) === 'en' ? 'en-GB' : get(currentLanguage), { dateStyle: 'medium', timeStyle: 'short' });
}
