// Front door of the privacy feature: the only module other features (publication, the citizen's form) import.
export {
  findPersonalData, maskForPublication, maskPersonalData, personalDataKinds, type MaskOptions, type PersonalDataOptions,
  type PublishableText,
} from "./personal-data.ts";
export type { PersonalDataKind, PersonalDataMatch } from "./detectors.ts";
export { isLuhnValid, isValidResidentId18 } from "./checksums.ts";
