import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./label-schema.js";

const settings = {
  labelSchema: { version: "semver", source: "url", maintainer: "email", created: "rfc3339" },
};
const GOOD =
  'FROM a\nLABEL version=1.2.3 source=https://github.com/o/r maintainer=ops@example.com created="2024-05-01T10:00:00Z"\n';

ruleTester(rule, {
  valid: [
    { name: "no schema: nothing to check", code: "FROM a\nLABEL x=1\n" },
    { code: GOOD, settings },
    {
      name: "labels set in the stage the final one is built FROM",
      code: "FROM a AS base\nLABEL version=1.2.3\nFROM base\n",
      settings: { labelSchema: { version: "semver" } },
    },
  ],
  invalid: [
    {
      name: "missing label, DL3049 (issue 17: label-schema)",
      code: "FROM a\nLABEL version=1.2.3\n",
      settings: { labelSchema: { version: "semver", source: "url" } },
      errors: [{ line: 1, message: /`source` is missing/, hadolint: ["DL3049"] }],
    },
    {
      name: "bad formats, each with its own code",
      code: "FROM a\nLABEL version=latest source=github maintainer=ops created=yesterday\n",
      settings,
      errors: [
        { line: 2, hadolint: ["DL3056"] },
        { line: 2, hadolint: ["DL3052"] },
        { line: 2, hadolint: ["DL3058"] },
        { line: 2, hadolint: ["DL3053"] },
      ],
    },
    {
      name: "strict labels, DL3050; empty, DL3051",
      code: 'FROM a\nLABEL version="" extra=1\n',
      settings: { labelSchema: { version: "semver" }, strictLabels: true },
      errors: [
        { line: 2, messageId: "empty", hadolint: ["DL3051"] },
        { line: 2, messageId: "superfluous", hadolint: ["DL3050"] },
      ],
    },
  ],
});
