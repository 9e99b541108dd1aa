// Routing: the worker's first look at a new suggestion. It picks a lead department from the rules in the
// database and, by configuration, assigns at once or leaves the proposal to the coordinators (see CONTEXT.md).
import { UnrecoverableError } from "bullmq";
import type { Infrastructure } from "../../container.ts";
import { TX_OPTIONS } from "../../platform/db.ts";
import type { RoutingModelService } from "../routing-model/index.ts";
import type { Deadlines } from "../deadlines/index.ts";
import { applyTransition, EVENT_TYPE } from "../lifecycle/index.ts";
import { citizenEmailFor, queueEmails } from "../notifications/index.ts";
import { assignedEmail } from "./assigned-email.ts";
import type { RoutingReason } from "./routing-reason.ts";
import { routingBasis, routingNotes } from "./routing-notes.ts";
import { decideRouting, type RoutingDecision } from "./routing-decision.ts";
import { createTokenizer, type RuleInput, type Tokenizer } from "./rule-matcher.ts";
import * as repo from "./routing.repository.ts";

export type RoutingOutcome =
  /** Accepted and assigned to the lead department, whose email is queued. */
  | { kind: "assigned"; departmentId: number; assignmentId: number; emailIds: number[] }
  /** Left to the coordinators' screening list, with the department the rules proposed if any. */
  | { kind: "triage"; proposedDepartmentId: number | null }
  /** Someone else already did the work (another run of the job, or a coordinator). */
  | { kind: "skipped" };

export interface RoutingService {
  /** Idempotent: does nothing unless the suggestion's routing is still PENDING. */
  routeSuggestion(suggestionId: number): Promise<RoutingOutcome>;
  /** Suggestions committed before `submittedBefore` and never routed, oldest first (for the sweep). */
  findUnrouted(submittedBefore: Date, limit: number): Promise<number[]>;
  /** Of these ids, the ones still waiting for the router. */
  stillUnrouted(ids: number[]): Promise<Set<number>>;
}

export type RoutingDeps = Pick<Infrastructure, "db" | "config" | "logger" | "enqueuer" | "now"> & {
  deadlines: Deadlines;
  /** The learned routing model, consulted only when no rule matched (and it answers only when an administrator allows). */
  routingModel?: Pick<RoutingModelService, "autoAssignment">;
};

const SYSTEM_ACTOR = null;

export function createRoutingService(c: RoutingDeps, opts: { tokenizer?: Tokenizer } = {}): RoutingService {
  // jieba's dictionary takes ~200 ms to load: only when the first suggestion is routed.
  let tokenizer = opts.tokenizer;
  const getTokenizer = () => (tokenizer ??= createTokenizer());

  function decide(s: repo.SuggestionToRoute, rules: RuleInput[], regionIds: number[]): RoutingDecision | null {
    const facts = { roundId: s.roundId, categoryId: s.categoryId, regionIds, text: [s.title, s.problem, s.proposal].join("\n") };
    return decideRouting(rules, facts, s.round, getTokenizer());
  }

  /** "按分办规则“…”" or, for a round without a rule, "按专题征集“…”": the basis named in event notes. */
  function basis(s: repo.SuggestionToRoute, reason: RoutingReason) {
    if (reason.model) return routingBasis({ modelVersion: reason.model.version });
    return reason.roundOwner === true && s.round !== null ? routingBasis({ round: s.round }) : routingBasis({ rule: reason.ruleName ?? "" });
  }

  async function learnedDecision(s: repo.SuggestionToRoute): Promise<RoutingDecision | null> {
    if (!c.routingModel || s.round !== null) return null;
    const learned = await c.routingModel.autoAssignment({
      title: s.title, problem: s.problem, proposal: s.proposal, categoryCode: s.category.code, roundCode: null,
    });
    if (!learned) return null;
    return {
      departmentId: learned.department.id,
      assistDepartmentIds: [],
      reason: { ruleId: null, ruleName: null, matchedKeywords: [], model: { version: learned.version, confidence: learned.confidence } },
    };
  }

  async function routeSuggestion(suggestionId: number): Promise<RoutingOutcome> {
    const s = await repo.findSuggestionToRoute(c.db, suggestionId);
    // The job carries an id only; a row that is gone will not come back, so retrying is pointless.
    if (s === null) throw new UnrecoverableError(`suggestion ${suggestionId} does not exist`);
    if (s.routingState !== "PENDING") return { kind: "skipped" };

    const [rules, regionPath] = await Promise.all([repo.findActiveRules(c.db), repo.findRegionPath(c.db, s.regionId)]);
    // Rule-first: the model is asked only when no rule (and no round) decided.
    const decided = decide(s, rules, regionPath.map((r) => r.id)) ?? (await learnedDecision(s));
    const found = decided ? await repo.findDepartment(c.db, decided.departmentId) : null;
    if (decided && found === null) {
      // Rules reference departments by foreign key, so this is a race with an administrator's edit: try again.
      throw new Error(`department ${decided.departmentId} of the routing decision for suggestion ${suggestionId} is gone`);
    }
    // Deactivated between loading the rules and now: the coordinators decide.
    const decision = found?.active === false ? null : decided;
    const department = decision ? found : null;
    const now = c.now();
    const routingReason = decision ? JSON.stringify(decision.reason) : null;

    // A coordinator acted on the suggestion before the router got to it: record the proposal, change nothing else.
    if (s.status !== "SUBMITTED") {
      const claimed = await repo.claimRouting(c.db, s.id, {
        routingState: "TRIAGE",
        routedAt: now,
        proposedDepartmentId: decision?.departmentId ?? null,
        routingReason,
      });
      c.logger.info({ suggestionId, status: s.status }, "routing superseded by a coordinator");
      return claimed ? { kind: "triage", proposedDepartmentId: decision?.departmentId ?? null } : { kind: "skipped" };
    }

    if (decision && department && c.config.routingAutoAssign) {
      const label = basis(s, decision.reason);
      const dueAt = c.deadlines.replyDueAt(now, { suggestionId });
      const result = await c.db.$transaction(async (tx) => {
        const claimed = await repo.claimRouting(tx, s.id, {
          routingState: "ROUTED",
          routedAt: now,
          proposedDepartmentId: department.id,
          routingReason,
          // applyTransition's `set` cannot carry foreign keys (its type is the relation-only update input),
          // so the lead department is written here, in the same transaction, instead.
          leadDepartmentId: department.id,
        });
        if (!claimed) return null;
        await applyTransition(tx, {
          suggestionId: s.id,
          action: "accept",
          actorId: SYSTEM_ACTOR,
          note: routingNotes.accepted(label),
        });
        const assignment = await repo.createLeadAssignment(tx, {
          suggestionId: s.id,
          departmentId: department.id,
          assignedAt: now,
          dueAt,
        });
        await applyTransition(tx, {
          suggestionId: s.id,
          action: "assign",
          actorId: SYSTEM_ACTOR,
          departmentId: department.id,
          // Worded like a coordinator's assignment, which the citizen's tracking page also shows.
          note: routingNotes.assigned(label, department, dueAt),
          set: { replyDueAt: dueAt },
        });
        // The rule's assisting departments give their opinion to the lead by the same deadline (as a coordinator's
        // assignment with assisting departments does); deactivated ones are left out.
        const assists = await repo.createAssistAssignments(tx, { suggestionId: s.id, departmentIds: decision.assistDepartmentIds, assignedAt: now, dueAt });
        const region = regionPath.map((r) => r.name).join(" ");
        const emailIds = await queueEmails(tx, [
          assignedEmail({ assignment: { id: assignment.id, role: "LEAD" }, department, suggestion: s, region, dueAt, publicBaseUrl: c.config.publicBaseUrl }),
          ...assists.map((a) => assignedEmail({ assignment: { id: a.id, role: "ASSIST" }, department: a.department, suggestion: s, region, dueAt, publicBaseUrl: c.config.publicBaseUrl })),
          // The same "accepted" email a coordinator's acceptance sends (same key scheme: once per lead assignment).
          // Only the outbox row reads the submitter's address; the router itself never handles personal data.
          ...(await citizenEmailFor(tx, c.config.publicBaseUrl, s.id, {
            dedupeKey: `accepted-${assignment.id}`,
            template: "suggestion-accepted",
            data: { leadDepartment: { name: department.name, nameEn: department.nameEn }, replyDueAt: dueAt.toISOString() },
          })),
        ]);
        return { assignmentId: assignment.id, emailIds };
      }, TX_OPTIONS);
      if (result === null) return { kind: "skipped" };

      c.logger.info({ suggestionId, departmentId: department.id, ruleId: decision.reason.ruleId }, "suggestion assigned by the router");
      // After commit and best-effort: if Redis is down the sweep sends them later.
      await c.enqueuer.sendEmails(result.emailIds);
      return { kind: "assigned", departmentId: department.id, assignmentId: result.assignmentId, emailIds: result.emailIds };
    }

    const proposedDepartmentId = decision?.departmentId ?? null;
    const claimed = await c.db.$transaction(async (tx) => {
      const ok = await repo.claimRouting(tx, s.id, { routingState: "TRIAGE", routedAt: now, proposedDepartmentId, routingReason });
      if (!ok) return false;
      // Routing details are for staff: the citizen sees only that the suggestion is being screened.
      await applyTransition(tx, {
        suggestionId: s.id,
        action: "triage",
        actorId: SYSTEM_ACTOR,
        internal: true,
        ...(decision && department
          ? { eventType: EVENT_TYPE.ROUTED, departmentId: department.id, note: routingNotes.proposed(basis(s, decision.reason), department) }
          : { note: routingNotes.noRule() }),
      });
      return true;
    }, TX_OPTIONS);
    if (!claimed) return { kind: "skipped" };
    c.logger.info({ suggestionId, proposedDepartmentId }, "suggestion left to triage");
    return { kind: "triage", proposedDepartmentId };
  }

  return {
    routeSuggestion,
    findUnrouted: (submittedBefore, limit) => repo.findPendingSuggestionIds(c.db, submittedBefore, limit),
    stillUnrouted: (ids) => repo.filterPendingSuggestionIds(c.db, ids),
  };
}
