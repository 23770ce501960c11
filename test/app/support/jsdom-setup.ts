import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { loadCatalog, LOCALES } from '../../../src/app/i18n/translator';
import { installResizeObserver } from './fake-zaf';

/**
 * What jsdom lacks and the app's libraries need at import time: matchMedia (Garden's theming reads
 * the colour-scheme preference when it loads) and ResizeObserver (recharts, the sidebar). Import
 * this first in a .tsx test.
 */
if (typeof window !== 'undefined' && typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
installResizeObserver();

// jsdom lays nothing out, so recharts warns that every chart is 0 by 0; that says nothing about the app.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('The width(0) and height(0) of chart')) return;
  warn(...args);
};

// The app loads the agent's language before its first render (mount-location.tsx); the component
// tests render the locations directly, so every language is loaded up front.
await Promise.all([...LOCALES].map((locale) => loadCatalog(locale)));
