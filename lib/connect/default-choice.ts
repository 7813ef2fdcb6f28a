/** The hosted connect page's answer to "make this account the default?" (issue 17): a form field, "yes" or absent/"no". */
export const DEFAULT_CHOICE_FIELD = "makeDefault";

/** Only an explicit "yes" moves the default; anything else keeps the current one. */
export function wantsDefault(value: FormDataEntryValue | null | undefined): boolean {
  return value === "yes";
}
