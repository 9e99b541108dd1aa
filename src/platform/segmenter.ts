// Chinese word segmentation for every feature that reads free text (similarity, the routing model, search):
// one jieba instance per process, because its dictionary costs ~200 ms and ~40 MB to load.
import { createRequire } from "node:module";
import { Jieba } from "@node-rs/jieba";

const require = createRequire(import.meta.url);

let jieba: Jieba | undefined;

/** The process's jieba, with the default dictionary, built on first use so processes that never segment skip it. */
export function sharedJieba(): Jieba {
  if (jieba === undefined) {
    const { dict } = require("@node-rs/jieba/dict.js") as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

let stopWords: ReadonlySet<string> | undefined;

/**
 * General Chinese function words (的, 了, 我们, 因为, 关于 …): the `zh` list of stopwords-iso (794 words,
 * collected from the common Chinese lists), plus the full-width punctuation jieba emits as tokens.
 */
export function chineseStopWords(): ReadonlySet<string> {
  if (stopWords === undefined) {
    const lists = require("stopwords-iso") as Record<string, string[]>;
    stopWords = new Set(lists.zh ?? []);
  }
  return stopWords;
}

/** A token worth keeping carries a letter: punctuation, spaces and bare numbers say nothing about the topic. */
const HAS_LETTER = /\p{L}/u;

/**
 * The words of `text`, in order: NFKC-normalised (full-width letters and digits typed on phones fold to ASCII),
 * lower-cased, segmented by jieba with its HMM off, without punctuation, numbers and general stop words.
 * HMM off, as for the routing rules' keywords: jieba then forms only dictionary words, so the same phrase
 * segments the same way in every sentence (with HMM on, a guessed new word can fuse a term with its neighbour
 * in one text and not in another; the similarity evaluation scored lower with it on).
 */
export function contentWords(text: string): string[] {
  const stop = chineseStopWords();
  const normalized = text.normalize("NFKC").toLowerCase();
  return sharedJieba()
    .cut(normalized, false)
    .filter((token) => HAS_LETTER.test(token) && !stop.has(token.trim()))
    .map((token) => token.trim())
    .filter((token) => token.length > 0);
}
