// The markers of placeholder text that must never reach a user (issue 13
// item 1): dummy addresses and postcodes, brackets around a fill-in,
// to-do notes, filler text, template tags left unfilled. Shared by the
// browser checks (every page the browser tests visit, tests/browser/lib.mjs)
// and the document tests (the decision PDF read back with pdftotext).
export const PLACEHOLDER_MARKERS = [
  /Exempeladress/i, /Esimerkkiosoite/i, /example address/i,
  /\b00000\b/,			// a postcode nobody has (a decision number may hold 000001)
  /\[/, /\]/, /\bTODO\b/i, /\bFIXME\b/i, /\bXXX\b/i, /\blorem\b/i, /\bipsum\b/i,
  /placeholder/i, /\bundefined\b/, /\bnull\b/, /\bNaN\b/, /\{\{/, /\}\}/,
];

// The markers text holds, [] when none (each as its source, with a little
// of the text around the first hit).
export function placeholdersIn(text) {
  const found = [];
  for (const m of PLACEHOLDER_MARKERS) {
    const hit = m.exec(text);
    if (hit)
      found.push(`${m.source}: …${text.slice(Math.max(0, hit.index - 40), hit.index + 40)}…`);
  }
  return found;
}
