// A multinomial naive Bayes classifier over segmented text, with each word counted once per document
// ("binarised" NB, which suits short texts better than raw counts: one repeated word cannot outvote the rest).
// Written by hand rather than taken from a library because the two things the product needs are internals a
// library hides: the model as plain JSON (stored, versioned, shown to administrators) and the words that drove
// a prediction (shown next to it in screening).
import { contentWords } from "../../platform/segmenter.ts";

export const MODEL_FORMAT = 1;

export interface SuggestionFeatures {
  /** Title, problem and proposal. */
  text: string;
  /**
   * What the suggestion is filed under, as `name=value` tokens (`category=EDUCATION`, `round=SQGZ`): a round's
   * suggestions go to its owner whatever they say, which no word in the text tells the model.
   */
  facets?: readonly string[];
}

export interface TrainingExample extends SuggestionFeatures {
  departmentCode: string;
}

export interface DepartmentStats {
  departmentCode: string;
  /** Training documents of this department. */
  documents: number;
  logPrior: number;
  /** Sum of `wordCounts`. */
  totalWords: number;
  /** Documents of this department containing each word (only words seen with it). */
  wordCounts: Record<string, number>;
}

/** Plain JSON: stored as is, compared by `version`, read back by `predict` with nothing else. */
export interface RoutingModel {
  format: typeof MODEL_FORMAT;
  algorithm: "multinomial-naive-bayes";
  version: number;
  trainedAt: string;
  /** Laplace smoothing. */
  alpha: number;
  vocabulary: string[];
  departments: DepartmentStats[];
  examples: number;
}

export interface TopWord {
  word: string;
  /** How many times likelier the word is under the chosen department than under the runner-up (log e). */
  weight: number;
}

export interface RoutingPrediction {
  departmentCode: string;
  /** Posterior probability of the chosen department, 0–1 (naive Bayes is overconfident: compare, do not trust). */
  confidence: number;
  runnerUp: { departmentCode: string; confidence: number } | null;
  topWords: TopWord[];
}

export interface TrainOptions {
  version?: number;
  trainedAt?: Date;
  alpha?: number;
  /** Words seen in fewer training documents than this are left out of the vocabulary (noise, names, typos). */
  minDocuments?: number;
  tokenize?: (text: string) => string[];
}

/** The features of a suggestion: its distinct words, then its facets (which cannot collide with a word). */
function featuresOf(tokenize: (text: string) => string[], s: SuggestionFeatures): string[] {
  return [...new Set([...tokenize(s.text), ...(s.facets ?? []).map((f) => `#${f}`)])];
}

export function train(examples: readonly TrainingExample[], options: TrainOptions = {}): RoutingModel {
  if (examples.length === 0) throw new RangeError("a routing model needs at least one training example");
  const tokenize = options.tokenize ?? contentWords;
  const alpha = options.alpha ?? 1;
  const minDocuments = options.minDocuments ?? 2;
  const docs = examples.map((e) => ({ code: e.departmentCode, words: featuresOf(tokenize, e) }));

  const documentFrequency = new Map<string, number>();
  for (const d of docs) for (const w of d.words) documentFrequency.set(w, (documentFrequency.get(w) ?? 0) + 1);
  const vocabulary = [...documentFrequency].filter(([, n]) => n >= minDocuments).map(([w]) => w).sort();
  const inVocabulary = new Set(vocabulary);

  const byDepartment = new Map<string, { documents: number; wordCounts: Map<string, number> }>();
  for (const d of docs) {
    const stats = byDepartment.get(d.code) ?? { documents: 0, wordCounts: new Map<string, number>() };
    stats.documents += 1;
    for (const w of d.words) if (inVocabulary.has(w)) stats.wordCounts.set(w, (stats.wordCounts.get(w) ?? 0) + 1);
    byDepartment.set(d.code, stats);
  }
  const departments = [...byDepartment].sort(([a], [b]) => (a < b ? -1 : 1)).map(([departmentCode, s]) => {
    const wordCounts = Object.fromEntries([...s.wordCounts].sort(([a], [b]) => (a < b ? -1 : 1)));
    return {
      departmentCode,
      documents: s.documents,
      logPrior: Math.log(s.documents / docs.length),
      totalWords: [...s.wordCounts.values()].reduce((a, b) => a + b, 0),
      wordCounts,
    };
  });
  return {
    format: MODEL_FORMAT,
    algorithm: "multinomial-naive-bayes",
    version: options.version ?? 1,
    trainedAt: (options.trainedAt ?? new Date()).toISOString(),
    alpha,
    vocabulary,
    departments,
    examples: examples.length,
  };
}

function logLikelihood(model: RoutingModel, d: DepartmentStats, word: string): number {
  return Math.log(((d.wordCounts[word] ?? 0) + model.alpha) / (d.totalWords + model.alpha * model.vocabulary.length));
}

/** Ready-made look-ups for a model, built once and reused for every prediction. */
export interface Predictor {
  predict(suggestion: SuggestionFeatures, options?: { topWords?: number }): RoutingPrediction | null;
}

export function createPredictor(model: RoutingModel, tokenize: (text: string) => string[] = contentWords): Predictor {
  if (model.format !== MODEL_FORMAT) throw new RangeError(`unknown routing model format ${String(model.format)}`);
  const vocabulary = new Set(model.vocabulary);
  return {
    predict(suggestion, options = {}) {
      const words = featuresOf(tokenize, suggestion).filter((w) => vocabulary.has(w));
      if (words.length === 0 || model.departments.length === 0) return null;
      const scores = model.departments.map((d) => ({
        d,
        score: d.logPrior + words.reduce((sum, w) => sum + logLikelihood(model, d, w), 0),
      }));
      scores.sort((a, b) => b.score - a.score || (a.d.departmentCode < b.d.departmentCode ? -1 : 1));
      // Softmax in log space: the scores are far below exp's range.
      const max = scores[0]!.score;
      const total = scores.reduce((sum, s) => sum + Math.exp(s.score - max), 0);
      const [best, second] = scores;
      if (!best) return null;
      const topWords = second
        ? words
          .map((word) => ({ word, weight: logLikelihood(model, best.d, word) - logLikelihood(model, second.d, word) }))
          // Facets are shown elsewhere on the screening page; these are the words of the citizen's text.
          .filter((w) => w.weight > 0 && !w.word.startsWith("#"))
          .sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : 1))
          .slice(0, options.topWords ?? 5)
        : [];
      return {
        departmentCode: best.d.departmentCode,
        confidence: 1 / total,
        runnerUp: second ? { departmentCode: second.d.departmentCode, confidence: Math.exp(second.score - max) / total } : null,
        topWords,
      };
    },
  };
}

export interface Evaluation {
  examples: number;
  correct: number;
  accuracy: number;
  /** Accuracy among predictions at or above each confidence level (what an auto-assign threshold would do). */
  byConfidence: { atLeast: number; predictions: number; accuracy: number }[];
}

export function evaluate(model: RoutingModel, heldOut: readonly TrainingExample[], tokenize?: (text: string) => string[]): Evaluation {
  const predictor = createPredictor(model, tokenize);
  const results = heldOut.map((e) => {
    const p = predictor.predict(e);
    return { correct: p?.departmentCode === e.departmentCode, confidence: p?.confidence ?? 0 };
  });
  const correct = results.filter((r) => r.correct).length;
  return {
    examples: heldOut.length,
    correct,
    accuracy: heldOut.length === 0 ? 0 : correct / heldOut.length,
    byConfidence: [0.5, 0.8, 0.9, 0.99].map((atLeast) => {
      const sure = results.filter((r) => r.confidence >= atLeast);
      return { atLeast, predictions: sure.length, accuracy: sure.length === 0 ? 0 : sure.filter((r) => r.correct).length / sure.length };
    }),
  };
}
