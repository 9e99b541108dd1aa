// The learned routing suggestion as the platform uses it: trained from confirmed assignments by the
// train-routing-model job and stored with its version, date and held-out accuracy; read (cached) to propose a lead
// department next to the rules' proposal; and, only when an administrator turned it on, trusted by the router for
// suggestions no rule matched (see CONTEXT.md: routing stays rule-first).
import { createHash } from "node:crypto";
import type { Infrastructure } from "../../container.ts";
import { ForbiddenError, ValidationError } from "../../errors.ts";
import { sqlState, UNIQUE_VIOLATION } from "../../platform/db.ts";
import { ttlCache } from "../../platform/ttl-cache.ts";
import type { StaffUser } from "../auth/index.ts";
import { createPredictor, evaluate, train, type Predictor, type RoutingModel, type RoutingPrediction, type SuggestionFeatures } from "./naive-bayes.ts";
import * as repo from "./routing-model.repository.ts";

/** Fewer confirmed assignments than this teach nothing worth showing. */
export const MIN_EXAMPLES = 20;
/** Newest confirmed assignments a training run reads: bounds its memory and time whatever the history. */
export const MAX_EXAMPLES = 50_000;
/** The newest share of the examples held out to measure accuracy. */
export const HELD_OUT_SHARE = 0.2;
/** How long a process keeps the stored model before looking for a newer version. */
const MODEL_TTL_MS = 60_000;
/** The router reads the settings for every suggestion no rule matched: kept briefly rather than queried each time. */
const SETTINGS_TTL_MS = 10_000;
export const THRESHOLD_RANGE = { min: 0.5, max: 1 } as const;

export type TrainOutcome =
  | { kind: "trained"; version: number; examples: number; accuracy: number }
  | { kind: "unchanged"; version: number }
  | { kind: "too-few"; examples: number };

export interface LearnedProposal extends RoutingPrediction {
  version: number;
  department: { id: number; code: string; name: string; nameEn: string };
  runnerUpDepartment: { id: number; code: string; name: string; nameEn: string } | null;
}

/** The model's department for a suggestion on a list, and whether it differs from the rules' proposal. */
export interface LearnedDepartment {
  department: { id: number; name: string; nameEn: string };
  confidence: number;
  disagrees: boolean;
}

export type RoutingModelDeps = Pick<Infrastructure, "db" | "logger" | "now">;

function featuresOf(s: { title: string; problem: string; proposal: string; categoryCode: string; roundCode: string | null }): SuggestionFeatures {
  return { text: `${s.title}\n${s.problem}\n${s.proposal}`, facets: [`category=${s.categoryCode}`, ...(s.roundCode ? [`round=${s.roundCode}`] : [])] };
}

function fingerprintOf(examples: readonly repo.LabelledSuggestion[]): string {
  const h = createHash("sha256");
  for (const e of examples) h.update(`${e.id}:${e.departmentCode}\n`);
  return h.digest("hex");
}

export function createRoutingModelService(deps: RoutingModelDeps) {
  let cached: { at: number; model: RoutingModel | null; predictor: Predictor | null } | null = null;
  const settingsCache = ttlCache(SETTINGS_TTL_MS, () => repo.findSettings(deps.db));

  async function current(): Promise<{ model: RoutingModel; predictor: Predictor } | null> {
    if (cached === null || Date.now() - cached.at > MODEL_TTL_MS) {
      const model = await repo.findLatestModel(deps.db);
      // Same version as before: keep the predictor (its look-up tables are built once per model).
      const predictor = model && cached?.model?.version === model.version ? cached.predictor : model ? createPredictor(model) : null;
      cached = { at: Date.now(), model, predictor };
    }
    return cached.model && cached.predictor ? { model: cached.model, predictor: cached.predictor } : null;
  }

  async function withDepartments(version: number, p: RoutingPrediction): Promise<LearnedProposal | null> {
    const codes = [p.departmentCode, ...(p.runnerUp ? [p.runnerUp.departmentCode] : [])];
    const byCode = new Map((await repo.findDepartmentsByCode(deps.db, codes)).map((d) => [d.code, d]));
    const department = byCode.get(p.departmentCode);
    // A department removed since training: the model's proposal would point nowhere.
    if (!department) return null;
    return { ...p, version, department, runnerUpDepartment: p.runnerUp ? byCode.get(p.runnerUp.departmentCode) ?? null : null };
  }

  return {
    /** Trains on every confirmed assignment and stores a new version, unless nothing changed since the last one. */
    async train(): Promise<TrainOutcome> {
      const examples = await repo.findLabelled(deps.db, MAX_EXAMPLES);
      if (examples.length < MIN_EXAMPLES) return { kind: "too-few", examples: examples.length };
      const fingerprint = fingerprintOf(examples);
      const latest = await repo.findLatestSummary(deps.db);
      if (latest?.fingerprint === fingerprint) return { kind: "unchanged", version: latest.version };

      const training = examples.map((e) => ({ ...featuresOf(e), departmentCode: e.departmentCode }));
      const cut = Math.max(1, Math.floor(examples.length * (1 - HELD_OUT_SHARE)));
      const trainedAt = deps.now();
      // Accuracy is that of the same training on the older part, measured on the newer: what the stored model
      // (trained on everything) can be expected to do on suggestions still to come.
      const evaluation = evaluate(train(training.slice(0, cut), { trainedAt }), training.slice(cut));
      const heldOut = examples.slice(cut);
      const ruleAccuracy = heldOut.length === 0 ? null : heldOut.filter((e) => e.proposedCode === e.departmentCode).length / heldOut.length;
      const version = (latest?.version ?? 0) + 1;
      const model = train(training, { trainedAt, version });
      try {
        await repo.insertModel(deps.db, {
          version, trainedAt, examples: examples.length, fingerprint, heldOut: evaluation.examples, accuracy: evaluation.accuracy, ruleAccuracy,
          byConfidence: evaluation.byConfidence,
        }, model);
      } catch (err) {
        // Another worker stored this version at the same moment from the same data: its model is as good as ours.
        if (sqlState(err) === UNIQUE_VIOLATION) return { kind: "unchanged", version };
        throw err;
      }
      cached = null;
      deps.logger.info({ version, examples: examples.length, accuracy: evaluation.accuracy }, "routing model trained");
      return { kind: "trained", version, examples: examples.length, accuracy: evaluation.accuracy };
    },

    /** The model's proposal for a stored suggestion, with the departments named; null without a model or words. */
    async proposalFor(suggestionId: number): Promise<(LearnedProposal & { ruleProposal: { id: number; name: string; nameEn: string } | null }) | null> {
      const [m, s] = await Promise.all([current(), repo.findSuggestionToPredict(deps.db, suggestionId)]);
      if (!m || !s) return null;
      const p = m.predictor.predict(featuresOf(s));
      const proposal = p && (await withDepartments(m.model.version, p));
      if (!proposal) return null;
      const ruleProposal = s.proposedDepartmentId === null ? null : await repo.findDepartmentName(deps.db, s.proposedDepartmentId);
      return { ...proposal, ruleProposal };
    },

    /**
     * The model's department for each of a page of suggestions (the screening list): one query, one prediction each.
     * Only the department and confidence; the words behind it are on the case page.
     */
    async departmentsFor(ids: readonly number[]): Promise<Map<number, LearnedDepartment>> {
      const out = new Map<number, LearnedDepartment>();
      const m = await current();
      if (!m || ids.length === 0) return out;
      const rows = await repo.findSuggestionsToPredict(deps.db, ids);
      const predictions = rows.flatMap((s) => {
        const p = m.predictor.predict(featuresOf(s), { topWords: 0 });
        return p ? [{ s, p }] : [];
      });
      const byCode = new Map((await repo.findDepartmentsByCode(deps.db, [...new Set(predictions.map(({ p }) => p.departmentCode))])).map((d) => [d.code, d]));
      for (const { s, p } of predictions) {
        const department = byCode.get(p.departmentCode);
        if (department) out.set(s.id, { department, confidence: p.confidence, disagrees: s.proposedDepartmentId !== null && s.proposedDepartmentId !== department.id });
      }
      return out;
    },

    /**
     * For the router, when no rule matched: the department the model would assign on its own, or null — always null
     * unless an administrator turned auto-assign on, and then only at or above their confidence threshold.
     */
    async autoAssignment(s: { title: string; problem: string; proposal: string; categoryCode: string; roundCode: string | null }): Promise<LearnedProposal | null> {
      const settings = await settingsCache.get();
      if (!settings.autoAssign) return null;
      const m = await current();
      const p = m?.predictor.predict(featuresOf(s));
      if (!m || !p || p.confidence < settings.threshold) return null;
      return withDepartments(m.model.version, p);
    },

    latest: () => repo.findLatestSummary(deps.db),
    settings: () => repo.findSettings(deps.db),

    async saveSettings(user: StaffUser, input: { autoAssign: boolean; threshold: number }): Promise<void> {
      if (user.role !== "ADMIN") throw new ForbiddenError();
      if (!(input.threshold >= THRESHOLD_RANGE.min && input.threshold <= THRESHOLD_RANGE.max)) {
        throw new ValidationError({ threshold: "routingModel:errors.threshold" });
      }
      await repo.saveSettings(deps.db, { ...input, updatedById: user.id });
      settingsCache.clear();
      deps.logger.info({ actorId: user.id, ...input }, "routing model settings changed");
    },
  };
}

export type RoutingModelService = ReturnType<typeof createRoutingModelService>;
