import { Readable } from 'node:stream';

/**
 * One CSV cell (RFC 4180). Text a spreadsheet would run as a formula (starting with = + - @, or a tab or
 * carriage return that some strip first) is prefixed with an apostrophe: comment text is attacker-written.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = Array.isArray(value) ? value.join(' ') : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: unknown[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * A CSV stream of `rows`, written as the database pages them in: the reader's pace pulls the next page
 * (Readable.from honours back-pressure), so an export of any size holds one page at a time.
 */
export function csvStream<T>(header: string[], rows: AsyncIterable<T>, cells: (row: T) => unknown[]): Readable {
  async function* lines() {
    // A byte-order mark: spreadsheets then read the Hindi text as UTF-8.
    yield `\uFEFF${csvLine(header)}`;
    let chunk = '';
    for await (const row of rows) {
      chunk += csvLine(cells(row));
      if (chunk.length > 64 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  return Readable.from(lines(), { objectMode: false });
}
