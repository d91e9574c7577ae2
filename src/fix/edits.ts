/** How safe a fix is to apply without review (ruff's applicability levels). */
export type Applicability = "safe" | "unsafe" | "display-only";

/** Replace the UTF-16 range [start, end) of the original text with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A fix a finding may carry; edits never overlap. `ballast fix` applies them (a later issue). */
export interface Fix {
  applicability: Applicability;
  description: string;
  edits: TextEdit[];
}
