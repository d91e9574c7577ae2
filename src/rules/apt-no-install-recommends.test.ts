import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./apt-no-install-recommends.js";

ruleTester(rule, {
  valid: [
    "FROM debian\nRUN apt-get install -y --no-install-recommends curl\n",
    "FROM debian\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n",
    "FROM debian\nRUN apt-get install -o APT::Install-Recommends=false -y curl\n",
    "FROM debian\nRUN apt-get update\n",
    {
      name: "recommends off in apt.conf earlier",
      code: "FROM debian\nRUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/99norec\nRUN apt-get install -y curl\n",
    },
    {
      name: "builder stage that the final image does not inherit (ballast differs from DL3015)",
      code: "FROM debian AS build\nRUN apt-get install -y gcc\nFROM debian:bookworm-slim\nCOPY --from=build /out /out\n",
    },
    "FROM debian\nRUN apt-cache search install\n",
  ],
  invalid: [
    {
      code: "FROM debian\nRUN apt-get install -y curl\n",
      errors: [{ line: 2, messageId: "missing" }],
      output: "FROM debian\nRUN apt-get install --no-install-recommends -y curl\n",
    },
    {
      code: "FROM debian\nRUN apt-get update \\\n  && apt install -y curl\n",
      errors: [{ line: 2, message: /`apt install`/ }],
      output:
        "FROM debian\nRUN apt-get update \\\n  && apt install --no-install-recommends -y curl\n",
    },
    {
      code: "FROM debian\nRUN apt-get -y install curl wget\n",
      errors: [{ line: 2 }],
      output: "FROM debian\nRUN apt-get -y install --no-install-recommends curl wget\n",
    },
    {
      name: "every install of the RUN, exec form and sh -c",
      code: 'FROM debian\nRUN apt-get install -y a && sh -c "apt-get -o Debug::X=1 install b"\nRUN ["apt-get", "install", "-y", "c"]\n',
      errors: [{ line: 2 }, { line: 3 }],
      output:
        'FROM debian\nRUN apt-get install --no-install-recommends -y a && sh -c "apt-get -o Debug::X=1 install --no-install-recommends b"\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "c"]\n',
    },
    {
      name: "escape directive and a comment line inside the continuation are kept",
      code: "# escape=`\nFROM debian\nRUN apt-get update `\n# the tools\n && apt-get install -y curl\n",
      errors: [{ line: 3 }],
      output:
        "# escape=`\nFROM debian\nRUN apt-get update `\n# the tools\n && apt-get install --no-install-recommends -y curl\n",
    },
    {
      name: "sudo and env prefixes",
      code: "FROM debian\nRUN sudo DEBIAN_FRONTEND=noninteractive apt-get install -y x\n",
      errors: [{ line: 2 }],
      output:
        "FROM debian\nRUN sudo DEBIAN_FRONTEND=noninteractive apt-get install --no-install-recommends -y x\n",
    },
    {
      name: "ONBUILD trigger",
      code: "FROM debian\nONBUILD RUN apt-get install -y curl\n",
      errors: [{ line: 2 }],
      output: "FROM debian\nONBUILD RUN apt-get install --no-install-recommends -y curl\n",
    },
    {
      name: "heredoc",
      code: "FROM debian\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n",
      errors: [{ line: 2 }],
      output:
        "FROM debian\nRUN <<EOF\napt-get update\napt-get install --no-install-recommends -y curl\nEOF\n",
    },
    {
      name: "parent stage of the final stage",
      code: "FROM debian AS base\nRUN apt-get install -y curl\nFROM base\n",
      errors: [{ line: 2 }],
      output:
        "FROM debian AS base\nRUN apt-get install --no-install-recommends -y curl\nFROM base\n",
    },
  ],
});
