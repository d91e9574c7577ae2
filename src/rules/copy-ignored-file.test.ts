import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./copy-ignored-file.js";

const context = { dockerignore: "secrets\n*.md\n!README.md\nbuild/\n" };

ruleTester(rule, {
  valid: [
    { code: "FROM a\nCOPY README.md src/ /app/\n", context },
    { name: "no .dockerignore", code: "FROM a\nCOPY secrets /s\n" },
    {
      name: "globs and --from are not the context's",
      code: "FROM a\nCOPY *.md /d/\nCOPY --from=b secrets /s\n",
      context,
    },
  ],
  invalid: [
    {
      name: "CopyIgnoredFile (issue 17)",
      code: "FROM a\nCOPY ./secrets /s\nADD CHANGES.md /d/\nCOPY build /b\n",
      context,
      errors: [{ line: 2, message: /`\.\/secrets`/ }, { line: 3 }, { line: 4 }],
    },
  ],
});
