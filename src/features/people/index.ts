// People (人员管理, see CONTEXT.md): invitations, roles and departments, deactivation, one's own password.
export { createPeopleService, INVITATION_TTL_HOURS, tokenHashOf, type PeopleService } from "./people.service.ts";
export { peopleRoutes } from "./people.routes.ts";
