/** How the statistics screen writes its figures: rates as percentages, averages with one decimal. */

/** 0.25 → '25.0%'; null (nothing received) → '—'. */
export function percentText(rate: number | null, none = '—'): string {
  return rate === null ? none : `${(rate * 100).toFixed(1)}%`;
}

/** 6 → '6.0'; null (nothing completed) → '—'. */
export function decimalText(value: number | null, none = '—'): string {
  return value === null ? none : value.toFixed(1);
}

/** 50000 → '50,000'. */
export function countText(value: number): string {
  return value.toLocaleString('zh-CN');
}
