import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./maintainer-deprecated.js";

ruleTester(rule, {
  valid: ['FROM a\nLABEL org.opencontainers.image.authors="x"\n'],
  invalid: [
    {
      name: "MaintainerDeprecated (issue 17)",
      code: "FROM a\nMAINTAINER x@y.z\n",
      errors: [{ line: 2, hadolint: ["DL4000"] }],
    },
  ],
});
