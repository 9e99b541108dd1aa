// How a submitter's personal data appears to staff by default: enough to tell people apart and to recognise a
// caller ("the gentleman surnamed 张, number ending 1234"), not enough to contact them. Contact happens only
// after the logged "reveal contact details" action (see case-page.service.ts).

/** "张三丰" → "张*": the first character (a surname, or a first initial), then one star whatever the length. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "*";
  return `${chars[0]}*`;
}

/** "13812341234" → "138****1234"; shorter numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  if (digits.length >= 8) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length <= 2) return "*".repeat(digits.length || 1);
  return `${"*".repeat(digits.length - 2)}${digits.slice(-2)}`;
}

/** "alice@example.com" → "a***@example.com": the domain says little about a person, the local part a lot. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  const first = [...email.slice(0, at)][0] ?? "";
  return `${first}***${email.slice(at)}`;
}

/** The submitter as one viewer sees them on the case page. */
export type Contact =
  | { state: "none" }
  /** The citizen asked to hide their identity from departments: an official sees nothing of it. */
  | { state: "hidden" }
  | { state: "masked" | "revealed"; name: string; phone: string; email: string | null; hideIdentity: boolean };

export interface SubmitterContact {
  realName: string;
  phone: string;
  email: string | null;
  hideIdentity: boolean;
}

/** Hidden from departments means hidden: an official can neither see nor reveal it. */
export function isHiddenFrom(viewer: { role: string }, submitter: Pick<SubmitterContact, "hideIdentity">): boolean {
  return submitter.hideIdentity && viewer.role === "OFFICIAL";
}

/** Masked by default; in full only on the page that answers the logged "reveal" action. */
export function contactFor(viewer: { role: string }, submitter: SubmitterContact | null, revealed: boolean): Contact {
  if (!submitter) return { state: "none" };
  if (isHiddenFrom(viewer, submitter)) return { state: "hidden" };
  if (revealed) {
    return { state: "revealed", name: submitter.realName, phone: submitter.phone, email: submitter.email, hideIdentity: submitter.hideIdentity };
  }
  return {
    state: "masked",
    name: maskName(submitter.realName),
    phone: maskPhone(submitter.phone),
    email: submitter.email ? maskEmail(submitter.email) : null,
    hideIdentity: submitter.hideIdentity,
  };
}
