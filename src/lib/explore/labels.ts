// The localised labels of the explorer's filter summary (export captions).
import { indicator } from '../indicators/catalogue';
import { pick, t } from '../i18n/index.svelte';
import type { SummaryLabels } from './view';

/** Labels in the current language; `region` names a region code. */
export function summaryLabels(region: (code: string) => string): SummaryLabels {
  const name = (id: string) => pick(indicator(id));
  return {
    whole: t('exWhole'),
    region,
    years: (from, to) => t('exYears', { from, to }),
    type: (ty) => t(`type_${ty}`),
    size: (c) => t(`exSize_${c}`),
    value: (id, lo, hi) => t('exFilterValue', { name: name(id), from: lo ?? '', to: hi ?? '' }),
    brush: (id, lo, hi) => t('exFilterValue', { name: name(id), from: lo, to: hi })
  };
}
