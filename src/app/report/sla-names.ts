import { isTranslationKey, type Translate } from '../i18n/translator';

/**
 * An SLA metric's name for people (`first_reply_time` → "First reply SLA"); a metric Zendesk adds
 * later, with no string yet, is shown by its API name rather than hidden.
 */
export function slaMetricLabel(t: Translate, metric: string): string {
  const key = `sla_metrics.${metric}`;
  return isTranslationKey(key) ? t(key) : t('sla_metrics.other', { metric });
}
