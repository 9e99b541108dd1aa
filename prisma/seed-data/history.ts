// Plans the demo history: a few hundred suggestions over the ten months before "now", each with the full trail
// a real one would have (events for every transition, assignments, replies, extensions, ratings, policy
// measures). Pure: it returns plain objects keyed by codes and emails, and prisma/seed.ts writes them.
// Everything is decided by the seeded PRNG except tracking codes, which come from the real generator.
import type {
  AdoptionResult, AssignmentRole, AssignmentStatus, ExtensionStatus, NotAcceptedReason, PolicyMeasureType,
  RoutingState, SuggestionKind, SuggestionStatus,
} from "../../src/generated/prisma/enums.ts";
import { formatDate } from "../../src/platform/dates.ts";
import { addWorkingDays, isWorkingDay, workingDaysBetween } from "../../src/platform/working-days.ts";
import { coordinationNotes } from "../../src/features/coordination/index.ts";
import { EVENT_TYPE, typedNote, type EventNote, type EventType } from "../../src/features/lifecycle/index.ts";
import { generateTrackingCode } from "../../src/features/submissions/index.ts";
import {
  createTokenizer, matchRule, routingBasis, routingNotes, type RuleInput, type RuleReason, type Tokenizer,
} from "../../src/features/routing/index.ts";
import { CATEGORY_CODES, type CategoryCode } from "./categories.ts";
import { departmentSeed, type DepartmentCode } from "./departments.ts";
import {
  ACCEPT_NOTES, ADOPTION_EXPLANATIONS, ADOPTION_OPENING, ASSIST_REPLY, DEMO_NOTES, DEPARTMENT_FOLLOW_UP, EXTENSION_DECISIONS,
  EXTENSION_REASONS, EXTENSION_REFUSALS, NOT_ACCEPTED_NOTES, RATING_COMMENTS, REFERRALS, RETURN_REASONS,
} from "./handling-texts.ts";
import { randomPerson } from "./people.ts";
import { POLICY_MEASURES } from "./policy-measures.ts";
import type { Rng } from "./prng.ts";
import { CITIES, PROVINCE, type CitySeed, type CountySeed } from "./regions.ts";
import type { RoundCode, RoundSeed } from "./rounds.ts";
import { RULES } from "./rules.ts";
import {
  EVERYDAY_TEMPLATES, NOT_ACCEPTED_TEMPLATES, REFERRED_TEMPLATES, ROUND_TEMPLATES, type SuggestionTemplate,
} from "./suggestion-templates.ts";
import { DEMO_ACCOUNTS } from "./users.ts";

/** Event types written to HandlingEvent.type, one per kind of transition (the app's own names, see event-types.ts). */
export const EVENT = {
  submitted: EVENT_TYPE.SUBMITTED,
  routed: EVENT_TYPE.ROUTED,
  triage: EVENT_TYPE.TRIAGE,
  accepted: EVENT_TYPE.ACCEPTED,
  notAccepted: EVENT_TYPE.NOT_ACCEPTED,
  referred: EVENT_TYPE.REFERRED,
  merged: EVENT_TYPE.MERGED,
  assigned: EVENT_TYPE.ASSIGNED,
  signed: EVENT_TYPE.SIGNED,
  returned: EVENT_TYPE.RETURNED,
  transferred: EVENT_TYPE.TRANSFERRED,
  extensionApproved: EVENT_TYPE.EXTENSION_APPROVED,
  replied: EVENT_TYPE.REPLIED,
  closed: EVENT_TYPE.CLOSED,
} as const;

export interface PlannedEvent {
  type: EventType;
  fromStatus: SuggestionStatus | null;
  toStatus: SuggestionStatus | null;
  /** Email of the demo account that acted; null for the citizen or the routing worker. */
  actor: string | null;
  department: DepartmentCode | null;
  /** In both languages, like the app's own history (see src/features/lifecycle/event-notes.ts). */
  note: EventNote;
  internal: boolean;
  at: Date;
}

export interface PlannedAssignment {
  department: DepartmentCode;
  role: AssignmentRole;
  status: AssignmentStatus;
  assignedAt: Date;
  dueAt: Date;
  acceptedAt: Date | null;
  returnReason: string | null;
}

export interface PlannedReply {
  department: DepartmentCode;
  author: string;
  isLead: boolean;
  body: string;
  adoption: AdoptionResult;
  explanation: string;
  at: Date;
}

export interface PlannedExtension {
  department: DepartmentCode;
  requestedBy: string;
  workingDays: number;
  reason: string;
  status: ExtensionStatus;
  decidedBy: string | null;
  decisionNote: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

export interface PlannedRouting {
  /** Index into RULES. */
  ruleIndex: number;
  reason: RuleReason;
}

export interface PlannedSuggestion {
  trackingCode: string;
  kind: SuggestionKind;
  round: RoundCode | null;
  topic: number | null;
  title: string;
  problem: string;
  proposal: string;
  category: CategoryCode;
  regionCode: string;
  status: SuggestionStatus;
  important: boolean;
  submittedAt: Date;
  screeningDueAt: Date;
  replyDueAt: Date | null;
  routingState: RoutingState;
  routedAt: Date;
  routing: PlannedRouting | null;
  proposedDepartment: DepartmentCode | null;
  leadDepartment: DepartmentCode | null;
  notAcceptedReason: NotAcceptedReason | null;
  mergedInto: PlannedSuggestion | null;
  submitter: { realName: string; phone: string; email: string | null; consentPublish: boolean; hideIdentity: boolean };
  assignments: PlannedAssignment[];
  events: PlannedEvent[];
  replies: PlannedReply[];
  extensions: PlannedExtension[];
  rating: { score: number; comment: string | null; at: Date } | null;
  templateKey: string | null;
}

export interface PlannedMeasure {
  type: PolicyMeasureType;
  title: string;
  docNumber: string | null;
  issuingBody: string;
  /** Midnight UTC of the issue date (the column is a DATE). */
  issuedOn: Date;
  url: string | null;
  createdBy: string;
  createdAt: Date;
  linkedAt: Date;
  suggestions: PlannedSuggestion[];
}

export interface HistoryPlan {
  suggestions: PlannedSuggestion[];
  measures: PlannedMeasure[];
}

// ---------------------------------------------------------------------------------------------------------
// Time

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

function shanghaiDay(date: Date): number {
  return Math.floor((date.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
}

function shanghaiYear(date: Date): number {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

function shanghaiMinuteOfDay(date: Date): number {
  return Math.floor(((date.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS) / MINUTE_MS);
}

/** A moment during office hours (08:45–17:15 in Shanghai) on the Shanghai day of `day`. */
function officeTime(day: Date, rng: Rng): Date {
  const minute = rng.int(8 * 60 + 45, 17 * 60 + 15);
  return new Date(shanghaiDay(day) * DAY_MS - SHANGHAI_OFFSET_MS + minute * MINUTE_MS + rng.int(0, 59) * 1000);
}

/** When an office acts `workingDays` working days after `from` (0: later the same working day, if there is time). */
function afterWorkingDays(from: Date, workingDays: number, rng: Rng): Date {
  if (workingDays === 0) {
    const minute = shanghaiMinuteOfDay(from);
    if (isWorkingDay(from) && minute >= 8 * 60 && minute < 16 * 60) {
      return new Date(from.getTime() + rng.int(15, 90) * MINUTE_MS);
    }
    return officeTime(addWorkingDays(from, 1), rng);
  }
  return officeTime(addWorkingDays(from, workingDays), rng);
}

// ---------------------------------------------------------------------------------------------------------
// Regions

interface PlaceChoice {
  regionCode: string;
  city: CitySeed | null;
  county: CountySeed | null;
}

function placeText(place: PlaceChoice): { city: string; place: string } {
  if (!place.city) return { city: "我省", place: "我省" };
  if (!place.county) return { city: place.city.name, place: place.city.name };
  const place_ = place.county.name.endsWith("区") ? place.city.name + place.county.name : place.county.name;
  return { city: place.city.name, place: place_ };
}

function pickPlace(rng: Rng, cityCodes: readonly string[] | undefined, allowProvince: boolean): PlaceChoice {
  if (allowProvince && !cityCodes && rng.chance(0.04)) return { regionCode: PROVINCE.code, city: null, county: null };
  const candidates = cityCodes ? CITIES.filter((c) => cityCodes.includes(c.code)) : CITIES;
  const city = rng.weighted(candidates.map((c) => [c, c.weight] as const));
  if (rng.chance(0.2)) return { regionCode: city.code, city, county: null };
  const county = rng.pick(city.counties);
  return { regionCode: county.code, city, county };
}

/** The place of an earlier suggestion, for a duplicate of it. */
function samePlace(regionCode: string): PlaceChoice {
  const city = CITIES.find((c) => c.code === regionCode || c.counties.some((k) => k.code === regionCode));
  if (!city) return { regionCode: PROVINCE.code, city: null, county: null };
  const county = city.counties.find((k) => k.code === regionCode) ?? null;
  return { regionCode, city, county };
}

function regionAncestry(regionCode: string): number[] {
  const ids = [Number(regionCode)];
  const city = CITIES.find((c) => c.counties.some((k) => k.code === regionCode));
  if (city) ids.push(Number(city.code));
  if (regionCode !== PROVINCE.code) ids.push(Number(PROVINCE.code));
  return ids;
}

// ---------------------------------------------------------------------------------------------------------
// Routing, with the app's own matcher so seeded suggestions sit where the router would have put them.
// Ids here are stand-ins: regions by their numeric code, categories and rounds by list position, rules by
// their position in RULES (the order they are inserted in, so ties break the same way as in the database).

const ROUND_ORDER: readonly RoundCode[] = ["SQGZ", "YSHJ", "MSSS"];

function ruleInputs(): RuleInput[] {
  return RULES.flatMap((rule, index) =>
    rule.active === false
      ? []
      : [{
          id: index + 1,
          name: rule.name,
          priority: rule.priority,
          roundId: rule.round ? ROUND_ORDER.indexOf(rule.round) + 1 : null,
          categoryId: rule.category ? CATEGORY_CODES.indexOf(rule.category) + 1 : null,
          regionId: rule.regionCode ? Number(rule.regionCode) : null,
          keywords: [...(rule.keywords ?? [])],
          departmentId: index + 1,
        }],
  );
}

class Router {
  private readonly rules = ruleInputs();
  constructor(private readonly tokenizer: Tokenizer) {}

  route(input: { round: RoundCode | null; category: CategoryCode; regionCode: string; text: string }): PlannedRouting | null {
    const match = matchRule(this.rules, {
      roundId: input.round ? ROUND_ORDER.indexOf(input.round) + 1 : null,
      categoryId: CATEGORY_CODES.indexOf(input.category) + 1,
      regionIds: regionAncestry(input.regionCode),
      text: input.text,
    }, this.tokenizer);
    return match ? { ruleIndex: match.rule.id - 1, reason: match.reason } : null;
  }
}

function ruleDepartment(routing: PlannedRouting): DepartmentCode {
  const rule = RULES[routing.ruleIndex];
  if (!rule) throw new Error(`no rule ${routing.ruleIndex}`);
  return rule.department;
}

// ---------------------------------------------------------------------------------------------------------
// Text

const NUMERALS = ["一", "二", "三", "四", "五"];

function fill(text: string, place: PlaceChoice): string {
  const names = placeText(place);
  return text.replaceAll("{city}", names.city).replaceAll("{place}", names.place);
}

interface ComposedText {
  title: string;
  problem: string;
  proposal: string;
}

function compose(rng: Rng, template: SuggestionTemplate, place: PlaceChoice): ComposedText {
  const [first, ...rest] = template.problems;
  const extra = rest.length === 0 ? [] : rng.sample(rest, rng.int(1, rest.length));
  const problem = [first ?? "", ...extra].map((s) => fill(s, place)).join("");
  const count = Math.min(template.proposals.length, rng.int(2, 4));
  const clauses = rng.sample(template.proposals, count).map((c, i) => `${NUMERALS[i]}是${fill(c, place)}`);
  return {
    title: `关于${fill(template.subject, place)}的建议`,
    problem,
    proposal: `建议：${clauses.join("；")}。`,
  };
}

function templateUsesPlace(template: SuggestionTemplate): boolean {
  return [template.subject, ...template.problems, ...template.proposals].some((t) => t.includes("{city}") || t.includes("{place}"));
}

const ADOPTION_WORDS: Record<AdoptionResult, { zh: string; en: string }> = {
  ADOPTED: { zh: "采纳", en: "adopted" },
  PARTIALLY_ADOPTED: { zh: "部分采纳", en: "partially adopted" },
  FOR_REFERENCE: { zh: "留作参考", en: "kept for reference" },
  NOT_ADOPTED: { zh: "暂不采纳", en: "not adopted for now" },
};

const zhDate = (date: Date) => formatDate(date, "zh-CN", "textDate");

function replyBody(rng: Rng, department: DepartmentCode, title: string, adoption: AdoptionResult, at: Date): string {
  const dept = departmentSeed(department);
  return [
    "尊敬的建议人：",
    `您好！您提出的《${title}》收悉，感谢您对我省经济社会发展的关心和支持。经认真研究，现答复如下：`,
    ADOPTION_OPENING[adoption].replaceAll("{self}", dept.selfName),
    rng.pick(DEPARTMENT_FOLLOW_UP[department]),
    "再次感谢您的关心和支持，欢迎继续为辽宁全面振兴新突破建言献策。",
    `${dept.name}`,
    zhDate(at),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------------------
// People

const COORDINATOR = "coordinator@demo.example";

function officialOf(department: DepartmentCode): string {
  const staff = DEMO_ACCOUNTS.filter((a) => a.departmentCode === department && a.role === "OFFICIAL");
  const official = staff.find((a) => !a.isHead) ?? staff[0];
  if (!official) throw new Error(`no demo official for ${department}`);
  return official.email;
}

const CATEGORY_DEFAULT: Partial<Record<CategoryCode, DepartmentCode>> = Object.fromEntries(
  RULES.filter((r) => r.category && !r.round && !r.keywords && !r.regionCode).map((r) => [r.category, r.department]),
);

const ASSIST_CANDIDATES: Record<CategoryCode, readonly DepartmentCode[]> = {
  ECONOMY: ["COMMERCE", "SAMR", "DATA"],
  LIVELIHOOD: ["HRSS", "HEALTH", "CIVIL"],
  URBAN: ["NR", "ECO"],
  ECOLOGY: ["AGRI", "NR", "HOUSING"],
  GOVERNANCE: ["SWD", "CIVIL"],
  EDUCATION: ["HEALTH", "HRSS"],
  TRANSPORT: ["HOUSING"],
  CULTURE_TOURISM: ["TRANSPORT", "COMMERCE"],
  RURAL: ["COMMERCE", "CIVIL"],
  GOVERNMENT: ["DATA", "DRC"],
  OTHER: ["CIVIL"],
};

const TRANSFER_CANDIDATES: readonly DepartmentCode[] = ["CIVIL", "HOUSING", "DRC", "HRSS", "HEALTH", "DATA"];

// ---------------------------------------------------------------------------------------------------------
// Status quotas

type Target =
  | "SCREENING" | "SCREENING_TRIAGE" | "ACCEPTED" | "ASSIGNED" | "IN_HANDLING" | "IN_HANDLING_OVERDUE" | "EXTENDED"
  | "RETURNED" | "REPLIED" | "CLOSED" | "NOT_ACCEPTED" | "REFERRED" | "MERGED";

/** Share of each end state; most suggestions of a ten-month history are answered and closed. */
const QUOTAS: readonly (readonly [Target, number])[] = [
  ["CLOSED", 0.38],
  ["REPLIED", 0.2],
  ["IN_HANDLING", 0.05],
  ["IN_HANDLING_OVERDUE", 0.05],
  ["SCREENING", 0.045],
  ["SCREENING_TRIAGE", 0.025],
  ["NOT_ACCEPTED", 0.06],
  ["ASSIGNED", 0.04],
  ["REFERRED", 0.04],
  ["MERGED", 0.04],
  ["EXTENDED", 0.03],
  ["ACCEPTED", 0.02],
  ["RETURNED", 0.02],
];

function allocate(total: number): Map<Target, number> {
  const raw = QUOTAS.map(([target, share]) => ({ target, exact: share * total }));
  const counts = new Map(raw.map((r) => [r.target, Math.floor(r.exact)] as const));
  let left = total - [...counts.values()].reduce((a, b) => a + b, 0);
  const byRemainder = [...raw].sort((a, b) => (b.exact % 1) - (a.exact % 1));
  for (const r of byRemainder) {
    if (left <= 0) break;
    counts.set(r.target, (counts.get(r.target) ?? 0) + 1);
    left -= 1;
  }
  // Every state present once there is room for all of them, each taken from the biggest bucket.
  if (total >= QUOTAS.length) {
    for (const [target] of QUOTAS) {
      if ((counts.get(target) ?? 0) > 0) continue;
      const [biggest] = [...counts.entries()].sort((x, y) => y[1] - x[1])[0] ?? ["CLOSED"];
      counts.set(biggest, (counts.get(biggest) ?? 0) - 1);
      counts.set(target, 1);
    }
  }
  return counts;
}

/** Ages in days (before now) at which a suggestion in each end state was submitted. */
const AGE_RANGE: Record<Target, readonly [number, number]> = {
  SCREENING: [0, 6],
  SCREENING_TRIAGE: [0, 10],
  ACCEPTED: [1, 7],
  ASSIGNED: [2, 9],
  IN_HANDLING: [4, 22],
  IN_HANDLING_OVERDUE: [30, 120],
  EXTENDED: [24, 55],
  RETURNED: [4, 25],
  REPLIED: [15, 150],
  CLOSED: [25, 300],
  NOT_ACCEPTED: [1, 300],
  REFERRED: [1, 300],
  MERGED: [3, 300],
};

const FINAL_STATUS: Record<Target, SuggestionStatus> = {
  SCREENING: "SCREENING",
  SCREENING_TRIAGE: "SCREENING",
  ACCEPTED: "ACCEPTED",
  ASSIGNED: "ASSIGNED",
  IN_HANDLING: "IN_HANDLING",
  IN_HANDLING_OVERDUE: "IN_HANDLING",
  EXTENDED: "EXTENDED",
  RETURNED: "RETURNED",
  REPLIED: "REPLIED",
  CLOSED: "CLOSED",
  NOT_ACCEPTED: "NOT_ACCEPTED",
  REFERRED: "REFERRED",
  MERGED: "MERGED",
};

const STAGE: Record<SuggestionStatus, number> = {
  SUBMITTED: 0, SCREENING: 1, NOT_ACCEPTED: 2, REFERRED: 2, MERGED: 2, ACCEPTED: 2, ASSIGNED: 3,
  RETURNED: 4, IN_HANDLING: 4, EXTENDED: 5, REPLIED: 6, CLOSED: 7,
};

/** Fixes what some suggestions are about (and how they end) so that demo lists are never empty by chance. */
interface Steer {
  templates: readonly string[];
  adoption?: AdoptionResult;
}

/**
 * Departments whose demo officials should find work in their queue whatever the PRNG does: the first open
 * suggestions of each kind are about their subjects.
 */
const SHOWCASE: readonly Steer[] = [
  { templates: ["edu-afterschool", "edu-kindergarten", "edu-myopia", "edu-mental"] },
  { templates: ["liv-remote-medical", "liv-outpatient"] },
  { templates: ["tra-city-bus", "tra-rural-bus", "tra-charging"] },
  { templates: ["liv-meals", "gov-grid", "gov-volunteer"] },
  { templates: ["urb-elevator", "urb-property", "liv-heating"] },
];

/** Likewise every policy measure gets at least two adopted suggestions on its subject to be linked to. */
const MEASURE_STEERS: readonly Steer[] = POLICY_MEASURES.flatMap((m) =>
  m.prefer ? [{ templates: m.prefer, adoption: "ADOPTED" as const }, { templates: m.prefer, adoption: "ADOPTED" as const }] : [],
);

/** Steers for the first suggestions planned for each end state. */
const STEERS: Partial<Record<Target, readonly Steer[]>> = {
  ASSIGNED: SHOWCASE,
  IN_HANDLING: SHOWCASE,
  IN_HANDLING_OVERDUE: SHOWCASE,
  EXTENDED: SHOWCASE,
  CLOSED: MEASURE_STEERS,
};

/** Statuses of a suggestion that a later duplicate can be merged into. */
const MERGEABLE: readonly SuggestionStatus[] = ["ACCEPTED", "ASSIGNED", "IN_HANDLING", "EXTENDED", "REPLIED", "CLOSED"];

// ---------------------------------------------------------------------------------------------------------
// The planner

export interface PlanOptions {
  now: Date;
  count: number;
  rng: Rng;
  rounds: readonly RoundSeed[];
}

/** What a suggestion is about, before its handling is simulated. */
interface Content {
  kind: SuggestionKind;
  round: RoundCode | null;
  topic: number | null;
  category: CategoryCode;
  place: PlaceChoice;
  text: ComposedText;
  template: SuggestionTemplate | null;
  notAcceptedReason: NotAcceptedReason | null;
}

/** A simulated step would lie after "now": the planner tries another submission date. */
class TooLate extends Error {}

export function planHistory(options: PlanOptions): HistoryPlan {
  const { now, rng } = options;
  const router = new Router(createTokenizer());
  const usedCodes = new Set<string>();
  const latest = now.getTime() - 5 * MINUTE_MS;

  const roundWindow = (code: RoundCode) => {
    const round = options.rounds.find((r) => r.code === code);
    return round ? { opens: round.opensAt.getTime(), closes: Math.min(round.closesAt.getTime(), latest) } : null;
  };
  const sqgz = roundWindow("SQGZ");
  const yshj = roundWindow("YSHJ");

  const fullText = (t: SuggestionTemplate) => [t.subject, ...t.problems, ...t.proposals].join("");
  const triageTemplates = EVERYDAY_TEMPLATES.filter(
    (t) => t.lead && !templateUsesPlace(t) &&
      router.route({ round: null, category: t.category, regionCode: PROVINCE.code, text: fullText(t) }) === null,
  );
  const everydayByCategory = new Map<CategoryCode, SuggestionTemplate[]>();
  for (const t of EVERYDAY_TEMPLATES) {
    everydayByCategory.set(t.category, [...(everydayByCategory.get(t.category) ?? []), t]);
  }
  const CATEGORY_WEIGHTS: readonly (readonly [CategoryCode, number])[] = [
    ["LIVELIHOOD", 18], ["URBAN", 14], ["TRANSPORT", 11], ["EDUCATION", 11], ["ECONOMY", 10], ["ECOLOGY", 8],
    ["GOVERNANCE", 7], ["RURAL", 7], ["CULTURE_TOURISM", 6], ["GOVERNMENT", 5], ["OTHER", 3],
  ];

  function submissionTime(target: Target): Date {
    const [minAge, maxAge] = AGE_RANGE[target];
    const age = rng.int(minAge, maxAge);
    let at = now.getTime() - age * DAY_MS - rng.int(10, 24 * 60) * MINUTE_MS;
    // Few people write at night: move small-hours submissions to the evening before.
    const minute = shanghaiMinuteOfDay(new Date(at));
    if (minute < 6 * 60) at -= (minute + rng.int(30, 240)) * MINUTE_MS;
    return new Date(Math.min(at, latest - HOUR_MS));
  }

  function chooseContent(target: Target, submittedAt: Date, steer: Steer | null): Content {
    const t = submittedAt.getTime();
    if (steer) return everydayContent(rng.pick(EVERYDAY_TEMPLATES.filter((template) => steer.templates.includes(template.key))));
    if (target === "NOT_ACCEPTED") {
      if (rng.chance(0.12)) {
        const content = everydayContent(rng.pick(EVERYDAY_TEMPLATES));
        return { ...content, notAcceptedReason: "DUPLICATE" };
      }
      const template = rng.pick(NOT_ACCEPTED_TEMPLATES);
      const place = pickPlace(rng, undefined, false);
      return {
        kind: "EVERYDAY", round: null, topic: null, category: template.category, place, template: null,
        notAcceptedReason: template.reason,
        text: { title: `关于${fill(template.subject, place)}的建议`, problem: fill(template.problem, place), proposal: fill(template.proposal, place) },
      };
    }
    if (target === "REFERRED") {
      const template = rng.pick(REFERRED_TEMPLATES);
      const place = pickPlace(rng, undefined, false);
      return {
        kind: "EVERYDAY", round: null, topic: null, category: template.category, place, template: null,
        notAcceptedReason: null,
        text: { title: `关于${fill(template.subject, place)}的建议`, problem: fill(template.problem, place), proposal: fill(template.proposal, place) },
      };
    }
    if (target === "SCREENING_TRIAGE") return everydayContent(rng.pick(triageTemplates));
    if (sqgz && t >= sqgz.opens && t <= sqgz.closes && rng.chance(0.65)) return roundContent("SQGZ");
    if (yshj && t >= yshj.opens && t <= yshj.closes && rng.chance(0.75)) return roundContent("YSHJ");
    const category = rng.weighted(CATEGORY_WEIGHTS);
    return everydayContent(rng.pick(everydayByCategory.get(category) ?? EVERYDAY_TEMPLATES));
  }

  function everydayContent(template: SuggestionTemplate, place?: PlaceChoice): Content {
    const where = place ?? pickPlace(rng, template.cities, !templateUsesPlace(template));
    return {
      kind: "EVERYDAY", round: null, topic: null, category: template.category, place: where, template,
      notAcceptedReason: null, text: compose(rng, template, where),
    };
  }

  function roundContent(code: RoundCode): Content {
    const template = rng.pick(ROUND_TEMPLATES.filter((t) => t.round === code));
    const place = pickPlace(rng, template.cities, !templateUsesPlace(template));
    return {
      kind: "ROUND", round: code, topic: template.topic ?? null, category: template.category, place, template,
      notAcceptedReason: null, text: compose(rng, template, place),
    };
  }

  function trackingCode(content: Content, submittedAt: Date): string {
    for (;;) {
      const code = generateTrackingCode(content.round ?? "JY", shanghaiYear(submittedAt));
      if (!usedCodes.has(code)) {
        usedCodes.add(code);
        return code;
      }
    }
  }

  /** Simulates the handling of one suggestion up to `target`; throws TooLate when a step would lie in the future. */
  function simulate(
    target: Target, content: Content, submittedAt: Date, mergeTarget: PlannedSuggestion | null, steeredAdoption: AdoptionResult | null,
  ): PlannedSuggestion {
    const at = (date: Date): Date => {
      if (date.getTime() > latest) throw new TooLate();
      return date;
    };
    const events: PlannedEvent[] = [];
    const event = (e: Omit<PlannedEvent, "internal"> & { internal?: boolean }) => events.push({ internal: false, ...e });
    const finalStatus = FINAL_STATUS[target];
    const reaches = (status: SuggestionStatus) => STAGE[finalStatus] >= STAGE[status];

    const person = randomPerson(rng);
    const suggestion: PlannedSuggestion = {
      trackingCode: "",
      kind: content.kind,
      round: content.round,
      topic: content.topic,
      title: content.text.title,
      problem: content.text.problem,
      proposal: content.text.proposal,
      category: content.category,
      regionCode: content.place.regionCode,
      status: finalStatus,
      important: false,
      submittedAt: at(submittedAt),
      screeningDueAt: addWorkingDays(submittedAt, 5),
      replyDueAt: null,
      routingState: "ROUTED",
      routedAt: submittedAt,
      routing: null,
      proposedDepartment: null,
      leadDepartment: null,
      notAcceptedReason: null,
      mergedInto: null,
      submitter: {
        ...person,
        consentPublish: rng.chance(0.35),
        hideIdentity: rng.chance(0.15),
      },
      assignments: [],
      events,
      replies: [],
      extensions: [],
      rating: null,
      templateKey: content.template?.key ?? null,
    };

    event({ type: EVENT.submitted, fromStatus: null, toStatus: "SUBMITTED", actor: null, department: null, note: DEMO_NOTES.submitted, at: submittedAt });

    const routedAt = at(new Date(submittedAt.getTime() + rng.int(5, 240) * 1000));
    suggestion.routedAt = routedAt;
    const routing = router.route({
      round: content.round, category: content.category, regionCode: content.place.regionCode,
      text: content.text.title + content.text.problem + content.text.proposal,
    });
    suggestion.routing = routing;
    if (routing) {
      const proposed = ruleDepartment(routing);
      suggestion.proposedDepartment = proposed;
      const ruleName = RULES[routing.ruleIndex]?.name ?? "";
      event({
        type: EVENT.routed, fromStatus: "SUBMITTED", toStatus: "SCREENING", actor: null, department: proposed,
        note: routingNotes.proposed(routingBasis({ rule: ruleName }), departmentSeed(proposed)), internal: true, at: routedAt,
      });
    } else {
      suggestion.routingState = "TRIAGE";
      event({
        type: EVENT.triage, fromStatus: "SUBMITTED", toStatus: "SCREENING", actor: null, department: null,
        note: routingNotes.noRule(), internal: true, at: routedAt,
      });
    }
    if (finalStatus === "SCREENING") return suggestion;

    // Screening by the collection office: mostly within the five working days, now and then late.
    const screenedAt = at(afterWorkingDays(routedAt, rng.weighted([[0, 2], [1, 4], [2, 3], [3, 2], [4, 1], [6, 0.4]]), rng));
    if (finalStatus === "NOT_ACCEPTED") {
      const reason = content.notAcceptedReason ?? "EMPTY_OR_UNLAWFUL";
      suggestion.notAcceptedReason = reason;
      event({ type: EVENT.notAccepted, fromStatus: "SCREENING", toStatus: "NOT_ACCEPTED", actor: COORDINATOR, department: null, note: typedNote(NOT_ACCEPTED_NOTES[reason]), at: screenedAt });
      return suggestion;
    }
    if (finalStatus === "REFERRED") {
      const referral = rng.pick(REFERRALS);
      event({
        type: EVENT.referred, fromStatus: "SCREENING", toStatus: "REFERRED", actor: COORDINATOR, department: null,
        note: coordinationNotes.referred(referral.channel, referral.note), at: screenedAt,
      });
      return suggestion;
    }
    if (finalStatus === "MERGED") {
      if (!mergeTarget) throw new Error("a merged suggestion needs a target");
      suggestion.mergedInto = mergeTarget;
      event({
        type: EVENT.merged, fromStatus: "SCREENING", toStatus: "MERGED", actor: COORDINATOR, department: null,
        note: coordinationNotes.merged(mergeTarget.trackingCode), at: screenedAt,
      });
      return suggestion;
    }

    event({ type: EVENT.accepted, fromStatus: "SCREENING", toStatus: "ACCEPTED", actor: COORDINATOR, department: null, note: typedNote(rng.pick(ACCEPT_NOTES)), at: screenedAt });
    suggestion.important = rng.chance(0.07);
    if (finalStatus === "ACCEPTED") return suggestion;

    // Assignment: the coordinators' choice where the template names one, else the proposal.
    let lead: DepartmentCode =
      content.template?.lead ?? suggestion.proposedDepartment ?? CATEGORY_DEFAULT[content.category] ?? "DRC";
    const assists: DepartmentCode[] = [];
    for (const d of content.template?.assist ?? []) if (d !== lead) assists.push(d);
    if (assists.length === 0 && rng.chance(0.15)) {
      const candidates = ASSIST_CANDIDATES[content.category].filter((d) => d !== lead);
      if (candidates.length > 0) assists.push(rng.pick(candidates));
    }
    let assignedAt = at(afterWorkingDays(screenedAt, rng.weighted([[0, 3], [1, 2]]), rng));
    let replyDue = addWorkingDays(assignedAt, 15);
    event({
      type: EVENT.assigned, fromStatus: "ACCEPTED", toStatus: "ASSIGNED", actor: COORDINATOR, department: lead,
      note: coordinationNotes.assigned(departmentSeed(lead), assists.map(departmentSeed), replyDue), at: assignedAt,
    });
    let leadAssignment: PlannedAssignment = {
      department: lead, role: "LEAD", status: "PENDING", assignedAt, dueAt: replyDue, acceptedAt: null, returnReason: null,
    };
    suggestion.assignments.push(leadAssignment);
    suggestion.leadDepartment = lead;
    suggestion.replyDueAt = replyDue;

    const returnedOnce = finalStatus === "RETURNED" || (STAGE[finalStatus] >= STAGE.IN_HANDLING && rng.chance(0.05));
    if (returnedOnce && finalStatus !== "ASSIGNED") {
      const returnedAt = at(afterWorkingDays(assignedAt, rng.int(1, 4), rng));
      const reason = rng.pick(RETURN_REASONS);
      leadAssignment.status = "RETURNED";
      leadAssignment.returnReason = reason;
      event({ type: EVENT.returned, fromStatus: "ASSIGNED", toStatus: "RETURNED", actor: officialOf(lead), department: lead, note: typedNote(reason), internal: true, at: returnedAt });
      if (finalStatus === "RETURNED") {
        suggestion.leadDepartment = null;
        suggestion.replyDueAt = null;
        return suggestion;
      }
      lead = rng.pick(TRANSFER_CANDIDATES.filter((d) => d !== lead && !assists.includes(d)));
      assignedAt = at(afterWorkingDays(returnedAt, rng.int(0, 2), rng));
      replyDue = addWorkingDays(assignedAt, 15);
      event({
        type: EVENT.transferred, fromStatus: "RETURNED", toStatus: "ASSIGNED", actor: COORDINATOR, department: lead,
        note: coordinationNotes.transferred(departmentSeed(lead), [], replyDue, "原承办单位退回，经研究改由该单位主办。"), at: assignedAt,
      });
      leadAssignment = { department: lead, role: "LEAD", status: "PENDING", assignedAt, dueAt: replyDue, acceptedAt: null, returnReason: null };
      suggestion.assignments.push(leadAssignment);
      suggestion.leadDepartment = lead;
      suggestion.replyDueAt = replyDue;
    }
    const assistAssignments: PlannedAssignment[] = assists.map((department) => ({
      department, role: "ASSIST", status: "PENDING", assignedAt, dueAt: replyDue, acceptedAt: null, returnReason: null,
    }));
    suggestion.assignments.push(...assistAssignments);
    if (finalStatus === "ASSIGNED") return suggestion;

    const handlingFrom = at(afterWorkingDays(assignedAt, rng.weighted([[0, 3], [1, 3], [2, 1]]), rng));
    leadAssignment.status = "ACCEPTED";
    leadAssignment.acceptedAt = handlingFrom;
    for (const a of assistAssignments) {
      a.status = "ACCEPTED";
      a.acceptedAt = at(afterWorkingDays(assignedAt, rng.int(1, 2), rng));
    }
    event({ type: EVENT.signed, fromStatus: "ASSIGNED", toStatus: "IN_HANDLING", actor: officialOf(lead), department: lead, note: DEMO_NOTES.signed, at: handlingFrom });

    if (finalStatus === "IN_HANDLING") {
      // Some departments ask for more time and wait for the office's decision.
      if (target === "IN_HANDLING" && rng.chance(0.3)) {
        const requestedAt = afterWorkingDays(handlingFrom, rng.int(1, 5), rng);
        if (requestedAt.getTime() < latest) {
          suggestion.extensions.push({
            department: lead, requestedBy: officialOf(lead), workingDays: rng.pick([10, 15]), reason: rng.pick(EXTENSION_REASONS),
            status: "PENDING", decidedBy: null, decisionNote: null, createdAt: requestedAt, decidedAt: null,
          });
        }
      }
      return suggestion;
    }

    let clockFrom = handlingFrom;
    let fromStatus: SuggestionStatus = "IN_HANDLING";
    if (finalStatus === "EXTENDED" || (reaches("REPLIED") && rng.chance(0.08))) {
      const available = Math.max(2, workingDaysBetween(handlingFrom, replyDue) - 2);
      const requestedAt = at(afterWorkingDays(handlingFrom, rng.int(1, available), rng));
      const approvedAt = at(afterWorkingDays(requestedAt, rng.int(0, 1), rng));
      const days = rng.pick([10, 15]);
      replyDue = addWorkingDays(replyDue, days);
      leadAssignment.dueAt = replyDue;
      for (const a of assistAssignments) a.dueAt = replyDue;
      suggestion.replyDueAt = replyDue;
      suggestion.extensions.push({
        department: lead, requestedBy: officialOf(lead), workingDays: days, reason: rng.pick(EXTENSION_REASONS),
        status: "APPROVED", decidedBy: COORDINATOR, decisionNote: rng.pick(EXTENSION_DECISIONS), createdAt: requestedAt, decidedAt: approvedAt,
      });
      event({
        type: EVENT.extensionApproved, fromStatus: "IN_HANDLING", toStatus: "EXTENDED", actor: COORDINATOR, department: lead,
        note: coordinationNotes.extended(days, replyDue), at: approvedAt,
      });
      clockFrom = approvedAt;
      fromStatus = "EXTENDED";
      if (finalStatus === "EXTENDED") return suggestion;
    } else if (rng.chance(0.03)) {
      const requestedAt = at(afterWorkingDays(handlingFrom, rng.int(1, 3), rng));
      suggestion.extensions.push({
        department: lead, requestedBy: officialOf(lead), workingDays: 15, reason: rng.pick(EXTENSION_REASONS),
        status: "REFUSED", decidedBy: COORDINATOR, decisionNote: rng.pick(EXTENSION_REFUSALS), createdAt: requestedAt,
        decidedAt: at(afterWorkingDays(requestedAt, 1, rng)),
      });
    }

    // The reply: nearly always within the deadline.
    const left = Math.max(1, workingDaysBetween(clockFrom, replyDue));
    const onTime = rng.chance(0.9);
    const replyAfter = onTime ? rng.int(Math.min(3, left), left) : left + rng.int(1, 8);
    const repliedAt = at(afterWorkingDays(clockFrom, replyAfter, rng));
    const adoption = steeredAdoption ??
      rng.weighted<AdoptionResult>([["ADOPTED", 40], ["PARTIALLY_ADOPTED", 30], ["FOR_REFERENCE", 20], ["NOT_ADOPTED", 10]]);
    suggestion.replies.push({
      department: lead, author: officialOf(lead), isLead: true, body: replyBody(rng, lead, suggestion.title, adoption, repliedAt),
      adoption, explanation: rng.pick(ADOPTION_EXPLANATIONS[adoption]), at: repliedAt,
    });
    for (const a of assistAssignments) {
      if (rng.chance(0.6)) {
        const assistAt = new Date(repliedAt.getTime() - rng.int(1, 3) * DAY_MS);
        suggestion.replies.push({
          department: a.department, author: officialOf(a.department), isLead: false, body: ASSIST_REPLY,
          adoption, explanation: "协办意见已报主办单位。", at: assistAt.getTime() > (a.acceptedAt?.getTime() ?? 0) ? assistAt : repliedAt,
        });
        a.status = "REPLIED";
      }
    }
    leadAssignment.status = "REPLIED";
    event({
      type: EVENT.replied, fromStatus, toStatus: "REPLIED", actor: officialOf(lead), department: lead,
      note: DEMO_NOTES.replied(departmentSeed(lead), ADOPTION_WORDS[adoption]), at: repliedAt,
    });
    if (finalStatus === "REPLIED") return suggestion;

    const closedAt = at(afterWorkingDays(repliedAt, rng.int(1, 4), rng));
    event({ type: EVENT.closed, fromStatus: "REPLIED", toStatus: "CLOSED", actor: COORDINATOR, department: null, note: DEMO_NOTES.closed, at: closedAt });
    if (rng.chance(0.65)) {
      const ratedAt = new Date(closedAt.getTime() + rng.int(2 * 60, 5 * 24 * 60) * MINUTE_MS);
      if (ratedAt.getTime() < latest) {
        const base = rng.weighted([[5, 58], [4, 27], [3, 10], [2, 3], [1, 2]]);
        // People whose idea was not taken up rate a little lower.
        const score = adoption === "NOT_ADOPTED" || adoption === "FOR_REFERENCE" ? Math.max(1, base - rng.int(0, 1)) : base;
        suggestion.rating = { score, comment: rng.chance(0.6) ? rng.pick(RATING_COMMENTS[score] ?? []) : null, at: ratedAt };
      }
    }
    return suggestion;
  }

  function plan(target: Target, mergeTarget: PlannedSuggestion | null = null, steer: Steer | null = null): PlannedSuggestion {
    for (let attempt = 0; attempt < 60; attempt += 1) {
      let submittedAt: Date;
      let content: Content;
      if (mergeTarget) {
        const earliest = mergeTarget.submittedAt.getTime() + 6 * HOUR_MS;
        const candidate = earliest + rng.int(0, 30) * DAY_MS + rng.int(0, 12 * 60) * MINUTE_MS;
        submittedAt = new Date(Math.min(candidate, latest - 2 * DAY_MS));
        const template = EVERYDAY_TEMPLATES.find((t) => t.key === mergeTarget.templateKey);
        if (!template) throw new Error(`merge target without template ${mergeTarget.trackingCode}`);
        content = everydayContent(template, samePlace(mergeTarget.regionCode));
      } else {
        submittedAt = submissionTime(target);
        content = chooseContent(target, submittedAt, steer);
      }
      try {
        const suggestion = simulate(target, content, submittedAt, mergeTarget, steer?.adoption ?? null);
        if (target === "IN_HANDLING" && (suggestion.replyDueAt?.getTime() ?? 0) <= now.getTime()) continue;
        if (target === "IN_HANDLING_OVERDUE" && (suggestion.replyDueAt?.getTime() ?? Infinity) > now.getTime()) continue;
        if (target === "EXTENDED" && attempt < 30 && (suggestion.replyDueAt?.getTime() ?? 0) <= now.getTime() && rng.chance(0.7)) continue;
        suggestion.trackingCode = trackingCode(content, submittedAt);
        return suggestion;
      } catch (error) {
        if (!(error instanceof TooLate)) throw error;
      }
    }
    throw new Error(`could not plan a suggestion ending in ${target} before ${now.toISOString()}`);
  }

  const counts = allocate(options.count);
  const suggestions: PlannedSuggestion[] = [];
  for (const [target] of QUOTAS) {
    if (target === "MERGED") continue;
    const steers = STEERS[target] ?? [];
    for (let i = 0; i < (counts.get(target) ?? 0); i += 1) suggestions.push(plan(target, null, steers[i] ?? null));
  }
  const mergeable = suggestions.filter(
    (s) => s.kind === "EVERYDAY" && s.templateKey !== null && MERGEABLE.includes(s.status) &&
      s.submittedAt.getTime() < latest - 4 * DAY_MS,
  );
  for (let i = 0; i < (counts.get("MERGED") ?? 0); i += 1) {
    suggestions.push(mergeable.length > 0 ? plan("MERGED", rng.pick(mergeable)) : plan("NOT_ACCEPTED"));
  }
  suggestions.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());

  return { suggestions, measures: planMeasures(rng, now, suggestions) };
}

function planMeasures(rng: Rng, now: Date, suggestions: readonly PlannedSuggestion[]): PlannedMeasure[] {
  const used = new Set<PlannedSuggestion>();
  const measures: PlannedMeasure[] = [];
  const leadReplyAt = (s: PlannedSuggestion) => s.replies.find((r) => r.isLead)?.at.getTime() ?? Infinity;
  const dayStart = (day: number) => day * DAY_MS - SHANGHAI_OFFSET_MS;
  for (const seed of POLICY_MEASURES) {
    const candidates = suggestions
      .filter((s) => {
        const lead = s.replies.find((r) => r.isLead);
        if (!lead || used.has(s)) return false;
        if (lead.adoption !== "ADOPTED" && lead.adoption !== "PARTIALLY_ADOPTED") return false;
        if (seed.prefer) return s.templateKey !== null && seed.prefer.includes(s.templateKey);
        const m = seed.match;
        return (m.round !== undefined && s.round === m.round) ||
          (m.departments?.includes(lead.department) ?? false) ||
          (m.categories?.includes(s.category) ?? false);
      })
      .sort((a, b) => leadReplyAt(a) - leadReplyAt(b));
    if (candidates.length === 0) continue;

    // Issued on its nominal date when enough replies came before it, else a little after the replies it cites.
    let issuedDay = shanghaiDay(now) - seed.issuedDaysAgo;
    const before = candidates.filter((s) => leadReplyAt(s) < dayStart(issuedDay));
    let linked: PlannedSuggestion[];
    if (before.length >= Math.min(2, candidates.length)) {
      linked = rng.sample(before, Math.min(seed.links, before.length));
    } else {
      linked = candidates.slice(0, seed.links);
      const lastReply = Math.max(...linked.map(leadReplyAt));
      issuedDay = Math.min(shanghaiDay(now) - 1, shanghaiDay(new Date(lastReply)) + rng.int(7, 20));
      linked = linked.filter((s) => leadReplyAt(s) < dayStart(issuedDay));
    }
    if (linked.length === 0) continue;
    for (const s of linked) used.add(s);

    const issuedAt = new Date(dayStart(issuedDay));
    const year = String(new Date(issuedAt.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear());
    const createdAt = new Date(Math.min(now.getTime() - HOUR_MS, issuedAt.getTime() + rng.int(2, 12) * DAY_MS + 10 * HOUR_MS));
    measures.push({
      type: seed.type,
      title: seed.title.replaceAll("{year}", year),
      docNumber: seed.docNumber?.replaceAll("{year}", year) ?? null,
      issuingBody: seed.issuingBody,
      issuedOn: new Date(issuedDay * DAY_MS),
      url: seed.url,
      createdBy: COORDINATOR,
      createdAt,
      linkedAt: createdAt,
      suggestions: linked,
    });
  }
  return measures;
}
