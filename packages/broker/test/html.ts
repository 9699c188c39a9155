// Reading the HTML the broker and the simulator render, in tests.

/** Undoes the five HTML escapes nunjucks and the simulator apply. */
export function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
