import type { Instruction } from "../dockerfile/model.js";
import { stageChain } from "./helpers.js";
import { defineRule } from "./rule.js";

/** Value formats of hadolint's label schema, each with the hadolint code of its check. */
const FORMATS: Record<string, { test: (v: string) => boolean; code: string | null }> = {
  text: { test: () => true, code: null },
  url: { test: (v) => /^[a-z][a-z0-9+.-]*:\/\/[^\s/]+\S*$/i.test(v), code: "DL3052" },
  rfc3339: {
    test: (v) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(v),
    code: "DL3053",
  },
  spdx: {
    test: (v) => /^[A-Za-z0-9.+-]+(\s+(AND|OR|WITH)\s+[A-Za-z0-9.+-]+)*$/.test(v),
    code: "DL3054",
  },
  hash: { test: (v) => /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(v), code: "DL3055" },
  semver: {
    test: (v) => /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(v),
    code: "DL3056",
  },
  email: { test: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), code: "DL3058" },
};

/** Format names `--require-label NAME:FORMAT` accepts. */
export const LABEL_FORMATS = Object.keys(FORMATS);

export default defineRule({
  id: "label-schema",
  meta: {
    severity: "warning",
    category: "correctness",
    summary: "the final image lacks a required LABEL, or a label's value has the wrong format",
    hadolint: [
      "DL3049",
      "DL3050",
      "DL3051",
      "DL3052",
      "DL3053",
      "DL3054",
      "DL3055",
      "DL3056",
      "DL3058",
    ],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "With a label schema configured (`--require-label NAME:FORMAT`, `lint: label-schema` in .ballast.yaml, or hadolint's `label-schema`), flags a final image that does not set a required label (DL3049), a label with an empty value (DL3051) or one whose value does not match its format: url (DL3052), rfc3339 (DL3053), spdx (DL3054), hash (DL3055), semver (DL3056), email (DL3058). With `strict-labels`, labels outside the schema are flagged too (DL3050). Without a schema the rule reports nothing.",
      why: "Registries, scanners and deploy tooling read labels such as `org.opencontainers.image.source` or `version`; an image without them, or with a malformed value, breaks that tooling silently.",
      example: "FROM debian:bookworm-slim\nLABEL version=latest\n",
      useInstead: "FROM debian:bookworm-slim\nLABEL version=1.4.2\n",
      fixSafety: "No automatic fix: the values are the project's to choose.",
      settings: { labelSchema: { version: "semver" } },
    },
  },
  messages: {
    missing: "label `{{label}}` is missing from the final image",
    superfluous: "label `{{label}}` is not in the label schema (strict labels)",
    empty: "label `{{label}}` is empty",
    badFormat: "label `{{label}}` is not a valid {{format}}: `{{value}}`",
  },
  create(ctx) {
    const schema = ctx.settings.labelSchema;
    if (!schema || Object.keys(schema).length === 0) return {};
    const labels: { instr: Instruction; name: string; value: string }[] = [];
    return {
      LABEL(instr) {
        if (instr.onbuild) return;
        for (const p of instr.properties)
          labels.push({ instr, name: p.name, value: p.value ?? "" });
      },
      end() {
        const { stages } = ctx.dockerfile.graph;
        if (stages.length === 0) return;
        const final = stages[stages.length - 1];
        const chain = new Set(stageChain(ctx.dockerfile, final.index));
        const visible = labels.filter((l) => chain.has(l.instr.stage));
        for (const l of visible) checkValue(l, schema[l.name]);
        for (const name of Object.keys(schema)) {
          if (!visible.some((l) => l.name === name))
            ctx.report({
              instr: final.from,
              messageId: "missing",
              data: { label: name },
              hadolint: "DL3049",
            });
        }
      },
    };

    function checkValue(l: { instr: Instruction; name: string; value: string }, format?: string) {
      if (format === undefined) {
        if (ctx.settings.strictLabels)
          ctx.report({
            instr: l.instr,
            messageId: "superfluous",
            data: { label: l.name },
            hadolint: "DL3050",
          });
        return;
      }
      if (l.value.trim() === "") {
        ctx.report({
          instr: l.instr,
          messageId: "empty",
          data: { label: l.name },
          hadolint: "DL3051",
        });
        return;
      }
      const f = FORMATS[format];
      if (!f || f.test(l.value) || l.value.includes("$")) return;
      ctx.report({
        instr: l.instr,
        messageId: "badFormat",
        data: { label: l.name, format, value: l.value },
        hadolint: f.code,
      });
    }
  },
});
