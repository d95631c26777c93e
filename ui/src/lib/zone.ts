// A calendar's time zone in words («за київським часом»), never its IANA id.
import type { Translate } from './i18n-types';

export function zoneName(t: Translate, zone: string): string {
  const key = `zone.${zone}`;
  const named = t(key);
  if (named !== key) return named;
  const city = (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
  return t('zone.other', { city });
}
