import type { ImageDiff } from "../analysis/diff.js";

export interface HtmlOptions {
  top: number;
  currency?: string;
}

export function renderDiffHtml(_diff: ImageDiff, _o: HtmlOptions): string {
  return "";
}
