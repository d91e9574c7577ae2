import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./apt-archives-kept.js";

const NO_CLEAN = "FROM debian\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\n";

ruleTester(rule, {
  valid: [
    "FROM debian\nRUN apt-get update && apt-get install -y curl\n",
    {
      name: "the cache mount covers the archives",
      code: `${NO_CLEAN}RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl\n`,
    },
    {
      name: "apt-get clean after the install",
      code: `${NO_CLEAN}RUN apt-get install -y curl && apt-get clean\n`,
    },
    {
      name: "builder stage",
      code: `${NO_CLEAN}RUN apt-get install -y gcc\nFROM scratch\nCOPY --from=0 /x /x\n`,
    },
  ],
  invalid: [
    {
      name: "docker-clean removed and no cache mount (issue 17)",
      code: `${NO_CLEAN}RUN apt-get update && apt-get install -y curl\n`,
      errors: [{ line: 3, message: /removed on line 2/ }],
      output: `${NO_CLEAN}RUN apt-get update && apt-get install -y curl && apt-get clean\n`,
    },
    {
      name: "in a stage built FROM the one that removed it; the clean before the install does not count",
      code: "FROM debian AS base\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nFROM base\nRUN apt-get clean && apt-get install -y curl\n",
      errors: [{ line: 4 }],
      output:
        "FROM debian AS base\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nFROM base\nRUN apt-get clean && apt-get install -y curl && apt-get clean\n",
    },
  ],
});
