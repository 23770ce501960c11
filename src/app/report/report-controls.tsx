import { Field, Hint, Input, Label, Select, Toggle } from '@zendeskgarden/react-forms';
import { Tooltip } from '@zendeskgarden/react-tooltips';
import type { HoursMode } from '../../metrics/settings';
import type { CreditMode } from '../../metrics/ticket-timeline';
import { useAppText } from '../components/app-context';
import { RANGE_PRESETS, type RangeChoice, type RangePreset } from './report-period';

export interface FilterOption {
  value: string;
  label: string;
}

export interface FilterState {
  group: string;
  brand: string;
  channel: string;
  type: string;
  priority: string;
}

export const NO_FILTER = '';
export const NONE_VALUE = '__none__';

export const FILTER_KEYS: (keyof FilterState)[] = ['group', 'brand', 'channel', 'type', 'priority'];

/** Date range, filters and hours mode: native selects, so keyboards and screen readers know them. */
export function ReportControls({
  range,
  onRange,
  filters,
  onFilters,
  options,
  hours,
  onHours,
  rangeError,
  credit,
}: {
  range: RangeChoice;
  onRange: (range: RangeChoice) => void;
  filters: FilterState;
  onFilters: (filters: FilterState) => void;
  options: Record<keyof FilterState, FilterOption[]>;
  hours: HoursMode;
  onHours: (hours: HoursMode) => void;
  rangeError: string | null;
  /** Managers only: who each number is credited to (METRICS.md, Credit). */
  credit?: { value: CreditMode; onChange: (credit: CreditMode) => void } | null;
}) {
  const { t } = useAppText();
  return (
    <div className="report-controls">
      <Field>
        <Label>{t('report.controls.range')}</Label>
        <Select
          value={range.preset}
          onChange={(event) => onRange({ ...range, preset: event.target.value as RangePreset })}
        >
          {RANGE_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {t(`report.range.${preset}`)}
            </option>
          ))}
        </Select>
      </Field>
      {range.preset === 'custom' && (
        <>
          <Field>
            <Label>{t('report.controls.from')}</Label>
            <Input
              type="date"
              value={range.from ?? ''}
              onChange={(event) => onRange({ ...range, from: event.target.value })}
              validation={rangeError ? 'error' : undefined}
            />
          </Field>
          <Field>
            <Label>{t('report.controls.to')}</Label>
            <Input
              type="date"
              value={range.to ?? ''}
              onChange={(event) => onRange({ ...range, to: event.target.value })}
              validation={rangeError ? 'error' : undefined}
            />
          </Field>
          {rangeError && (
            <p className="field-error" role="alert">
              {rangeError}
            </p>
          )}
        </>
      )}
      {FILTER_KEYS.map((key) => (
        <Field key={key}>
          <Label>{t(`report.filters.${key}`)}</Label>
          <Select value={filters[key]} onChange={(event) => onFilters({ ...filters, [key]: event.target.value })}>
            <option value={NO_FILTER}>{t('report.filters.all')}</option>
            {options[key].map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </Field>
      ))}
      {credit && (
        <Field>
          <Label>{t('report.credit.label')}</Label>
          <Hint className="visually-hidden">{t('report.credit.definition')}</Hint>
          <Tooltip content={t('report.credit.definition')} placement="bottom" size="large">
            <Select value={credit.value} onChange={(event) => credit.onChange(event.target.value as CreditMode)}>
              <option value="actor">{t('report.credit.actor')}</option>
              <option value="assignee">{t('report.credit.assignee')}</option>
            </Select>
          </Tooltip>
        </Field>
      )}
      <Field>
        <Toggle
          checked={hours === 'business'}
          onChange={(event) => onHours(event.target.checked ? 'business' : 'calendar')}
        >
          <Label>{t('report.controls.business_hours')}</Label>
        </Toggle>
      </Field>
    </div>
  );
}
