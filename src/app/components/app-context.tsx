import { DEFAULT_THEME, ThemeProvider, type IGardenTheme } from '@zendeskgarden/react-theming';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { createFormatters, type Formatters } from '../i18n/formatters';
import {
  createTranslator,
  intlLocale,
  isRightToLeft,
  isTranslationKey,
  resolveLocale,
  type Translate,
} from '../i18n/translator';

/** Language, direction, formatting and the Garden theme (light or dark, left or right) for a location. */
export interface AppText {
  t: Translate;
  /** A value Zendesk sends (a channel, a ticket type) by its translated name, else as it is. */
  valueName: (kind: string, value: string | number) => string;
  format: Formatters;
  locale: string;
  rtl: boolean;
}

const TextContext = createContext<AppText | null>(null);

export function useAppText(): AppText {
  const value = useContext(TextContext);
  if (!value) throw new Error('useAppText outside AppProviders');
  return value;
}

export function AppProviders({
  zendeskLocale,
  colorScheme,
  children,
}: {
  zendeskLocale: string;
  colorScheme: 'light' | 'dark';
  children: ReactNode;
}) {
  const text = useMemo<AppText>(() => {
    const locale = resolveLocale(zendeskLocale);
    const t = createTranslator(locale, (key) => console.warn(`support-kpis: missing translation "${key}"`));
    return {
      t,
      valueName: (kind, value) => {
        const key = `values.${kind}.${value}`;
        return isTranslationKey(key) ? t(key) : String(value);
      },
      format: createFormatters(intlLocale(locale === 'en' ? zendeskLocale : locale)),
      locale,
      rtl: isRightToLeft(locale),
    };
  }, [zendeskLocale]);
  const theme = useMemo<IGardenTheme>(
    () => ({ ...DEFAULT_THEME, rtl: text.rtl, colors: { ...DEFAULT_THEME.colors, base: colorScheme } }),
    [text.rtl, colorScheme],
  );
  return (
    <TextContext.Provider value={text}>
      <ThemeProvider theme={theme}>
        <div dir={text.rtl ? 'rtl' : 'ltr'} lang={text.locale} className="app-root">
          {children}
        </div>
      </ThemeProvider>
    </TextContext.Provider>
  );
}
