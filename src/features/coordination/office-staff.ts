import { ForbiddenError } from "../../errors.ts";
import { isOfficeStaff, type StaffUser } from "../auth/index.ts";

/** Routes already require the role; every service method refuses too, so no other caller can skip the check. */
export function assertOfficeStaff(user: StaffUser): void {
  if (!isOfficeStaff(user)) throw new ForbiddenError();
}
