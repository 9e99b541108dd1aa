// Inverse document frequencies from jieba's own table (idf.txt shipped with @node-rs/jieba, ~270,000 words
// counted over a large general corpus). A fixed table keeps a stored signature valid for ever: weights never
// drift as our own corpus grows, so nothing is re-indexed when a suggestion arrives.
import { createRequire } from "node:module";

export interface IdfTable {
  idf(word: string): number;
}

let table: IdfTable | undefined;

/** Parsed once per process on first use (~0.5 s on an idle 2-core machine, ~25 MB). */
export function jiebaIdf(): IdfTable {
  if (table === undefined) {
    const require = createRequire(import.meta.url);
    const { idf } = require("@node-rs/jieba/dict.js") as { idf: Uint8Array };
    const values = new Map<string, number>();
    for (const line of Buffer.from(idf).toString("utf8").split("\n")) {
      const space = line.lastIndexOf(" ");
      if (space <= 0) continue;
      const value = Number(line.slice(space + 1));
      if (Number.isFinite(value)) values.set(line.slice(0, space), value);
    }
    // Words the table has never seen get its median, as jieba's own keyword extractor does: rare enough to
    // count, not so rare that a typo or an unusual place name dominates a signature.
    const sorted = Float64Array.from(values.values()).sort();
    const median = sorted[Math.floor(sorted.length / 2)] ?? 10;
    table = { idf: (word) => values.get(word) ?? median };
  }
  return table;
}
