/** Minutes (as Zendesk gives them) for people: `45m`, `1h 05m`, `2d 03h`. */
export function formatMinutes(minutes: number | null): string | null {
  if (minutes === null || !Number.isFinite(minutes)) return null;
  const total = Math.round(minutes);
  if (total < 60) return `${total}m`;
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const rest = total % 60;
  if (days === 0) return `${hours}h ${String(rest).padStart(2, '0')}m`;
  return `${days}d ${String(hours).padStart(2, '0')}h`;
}

/** A fraction in [0, 1] as a percentage with one decimal: `0.8333` → `83.3%`. */
export function formatRate(rate: number | null): string | null {
  if (rate === null || !Number.isFinite(rate)) return null;
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
