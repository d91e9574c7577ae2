import type { LintRenderer } from "./lint-format.js";
import { renderLintCheckstyle } from "./lint-checkstyle.js";
import { renderLintGitlab } from "./lint-gitlab.js";
import { renderLintCodeclimate, renderLintGnu, renderLintHadolintJson } from "./lint-hadolint.js";
import { renderLintJson } from "./lint-json.js";
import { renderLintJunit } from "./lint-junit.js";
import { renderLintMarkdown } from "./lint-markdown.js";
import { renderLintSarif } from "./lint-sarif.js";
import { renderLintText } from "./lint-text.js";

/** Format name → renderer (DESIGN.md habit 14). */
export const LINT_RENDERERS = {
  text: renderLintText,
  json: renderLintJson,
  sarif: renderLintSarif,
  checkstyle: renderLintCheckstyle,
  gitlab: renderLintGitlab,
  junit: renderLintJunit,
  markdown: renderLintMarkdown,
  // hadolint's format names, so a `hadolint --format X` invocation keeps working (issue 17).
  tty: renderLintText,
  "hadolint-json": renderLintHadolintJson,
  codeclimate: renderLintCodeclimate,
  gitlab_codeclimate: renderLintGitlab,
  gnu: renderLintGnu,
} satisfies Record<string, LintRenderer>;

export type LintFormat = keyof typeof LINT_RENDERERS;
export const LINT_FORMATS = Object.keys(LINT_RENDERERS) as LintFormat[];
