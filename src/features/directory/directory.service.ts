// The directory's changes: each one and its audit entry in one transaction. Input problems that only the database
// can see (a code already taken, a parent that would make a loop) come back as per-field ValidationErrors.
import type { Infrastructure } from "../../container.ts";
import { NotFoundError, ValidationError } from "../../errors.ts";
import { sqlState, TX_OPTIONS, UNIQUE_VIOLATION } from "../../platform/db.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import * as repo from "./directory.repository.ts";
import type { CategoryInput, DepartmentInput, RegionInput } from "./directory.schemas.ts";

export type DirectoryDeps = Pick<Infrastructure, "db" | "logger"> & {
  /** After a department or category change committed: pages that cache their names forget them (services.ts). */
  onChange?: () => void;
};

function rethrowTaken(err: unknown): never {
  if (sqlState(err) === UNIQUE_VIOLATION) throw new ValidationError({ code: "directory:errors.codeTaken" });
  throw err;
}

const CHILD_LEVEL = { PROVINCE: "CITY", CITY: "COUNTY" } as const;

export function createDirectoryService(c: DirectoryDeps) {
  const { db } = c;
  const changed = <T>(result: Promise<T>): Promise<T> =>
    result.then((value) => {
      c.onChange?.();
      return value;
    });

  async function assertNoLoop(tx: Parameters<typeof repo.findDepartmentParents>[0], id: number | null, parentId: number | undefined) {
    if (parentId === undefined) return;
    const parents = await repo.findDepartmentParents(tx);
    if (!parents.has(parentId)) throw new ValidationError({ parentId: "directory:errors.parentUnknown" });
    // Walk up from the new parent: meeting the department itself means it would become its own ancestor.
    let current: number | null | undefined = parentId;
    for (let steps = 0; current !== null && current !== undefined && steps <= parents.size; steps += 1) {
      if (current === id) throw new ValidationError({ parentId: "directory:errors.parentLoop" });
      current = parents.get(current);
    }
  }

  return {
    departments: () => repo.findDepartments(db),
    regions: () => repo.findRegions(db),
    categories: () => repo.findCategories(db),

    async department(id: number) {
      const department = await repo.findDepartment(db, id);
      if (!department) throw new NotFoundError("directory:notFound");
      const openCases = await repo.findOpenCases(db, id);
      return { department, openCases };
    },

    async createDepartment(actor: AuditActor, input: DepartmentInput) {
      return changed(db.$transaction(async (tx) => {
        await assertNoLoop(tx, null, input.parentId);
        const created = await repo.createDepartment(tx, input).catch(rethrowTaken);
        await recordAudit(tx, { actor, action: "department.create", entity: "Department", entityId: created.id, after: created });
        return created;
      }, TX_OPTIONS));
    },

    async updateDepartment(actor: AuditActor, id: number, input: DepartmentInput) {
      return changed(db.$transaction(async (tx) => {
        const before = await repo.findDepartment(tx, id);
        if (!before) throw new NotFoundError("directory:notFound");
        await assertNoLoop(tx, id, input.parentId);
        const after = await repo
          .updateDepartment(tx, id, { ...input, regionId: input.regionId ?? null, parentId: input.parentId ?? null, headEmail: input.headEmail ?? null } as DepartmentInput)
          .catch(rethrowTaken);
        await recordAudit(tx, { actor, action: "department.update", entity: "Department", entityId: id, before, after });
        return after;
      }, TX_OPTIONS));
    },

    /**
     * Deactivates a department. With open cases it needs `confirmed`: the administrator has seen the list and will
     * have them re-assigned (the department page keeps listing them). Routing and the coordinators' choices skip it
     * from the moment this commits.
     */
    async setDepartmentActive(actor: AuditActor, id: number, active: boolean, confirmed = false): Promise<{ needsConfirmation: repo.OpenCase[] } | { done: true }> {
      return changed(db.$transaction(async (tx) => {
        const before = await repo.findDepartment(tx, id);
        if (!before) throw new NotFoundError("directory:notFound");
        if (before.active === active) return { done: true as const };
        if (!active && !confirmed) {
          const open = await repo.findOpenCases(tx, id);
          if (open.length > 0) return { needsConfirmation: open };
        }
        const after = await repo.updateDepartment(tx, id, { active });
        await recordAudit(tx, { actor, action: active ? "department.activate" : "department.deactivate", entity: "Department", entityId: id, before, after });
        return { done: true as const };
      }, TX_OPTIONS));
    },

    async category(id: number) {
      const category = await repo.findCategory(db, id);
      if (!category) throw new NotFoundError("directory:notFound");
      return category;
    },

    async saveCategory(actor: AuditActor, id: number | null, input: CategoryInput) {
      return changed(db.$transaction(async (tx) => {
        if (id === null) {
          const created = await repo.createCategory(tx, input).catch(rethrowTaken);
          await recordAudit(tx, { actor, action: "category.create", entity: "Category", entityId: created.id, after: created });
          return created;
        }
        const before = await repo.findCategory(tx, id);
        if (!before) throw new NotFoundError("directory:notFound");
        const after = await repo.updateCategory(tx, id, input).catch(rethrowTaken);
        await recordAudit(tx, { actor, action: "category.update", entity: "Category", entityId: id, before, after });
        return after;
      }, TX_OPTIONS));
    },

    async region(id: number) {
      const region = await repo.findRegion(db, id);
      if (!region) throw new NotFoundError("directory:notFound");
      return region;
    },

    /** A new region sits one level under its parent: a city under the province, a county under a city. */
    async createRegion(actor: AuditActor, input: RegionInput) {
      return db.$transaction(async (tx) => {
        const parent = input.parentId === undefined ? null : await repo.findRegion(tx, input.parentId);
        if (!parent || parent.level === "COUNTY") throw new ValidationError({ parentId: "directory:errors.regionParent" });
        const created = await repo.createRegion(tx, { ...input, level: CHILD_LEVEL[parent.level] }).catch(rethrowTaken);
        await recordAudit(tx, { actor, action: "region.create", entity: "Region", entityId: created.id, after: created });
        return created;
      }, TX_OPTIONS);
    },

    async updateRegion(actor: AuditActor, id: number, input: RegionInput) {
      return db.$transaction(async (tx) => {
        const before = await repo.findRegion(tx, id);
        if (!before) throw new NotFoundError("directory:notFound");
        const after = await repo.updateRegion(tx, id, { code: input.code, name: input.name, nameEn: input.nameEn }).catch(rethrowTaken);
        await recordAudit(tx, { actor, action: "region.update", entity: "Region", entityId: id, before, after });
        return after;
      }, TX_OPTIONS);
    },
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
