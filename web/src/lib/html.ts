/**
 * Text for places that render HTML strings (ECharts tooltip formatters): user-entered names are
 * data, never markup. A milestone named `<meta http-equiv=refresh …>` must show as those
 * characters, not redirect whoever hovers over it.
 */
export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(
    /[&<>"'`]/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[ch]!,
  );
}
