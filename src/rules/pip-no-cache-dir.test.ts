import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./pip-no-cache-dir.js";

ruleTester(rule, {
  valid: [
    "FROM python\nRUN pip install --no-cache-dir flask\n",
    "FROM python\nRUN pip3 install --no-cache-dir -r requirements.txt\n",
    "FROM python\nRUN python3 -m pip install --no-cache-dir --upgrade pip\n",
    {
      name: "ENV in the stage",
      code: "FROM python\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n",
    },
    {
      name: "ENV in an ancestor stage",
      code: "FROM python AS base\nENV PIP_NO_CACHE_DIR=off\nFROM base\nRUN pip install flask\n",
    },
    { name: "ARG default", code: "FROM python\nARG PIP_NO_CACHE_DIR=1\nRUN pip install flask\n" },
    { name: "command prefix", code: "FROM python\nRUN PIP_NO_CACHE_DIR=1 pip install flask\n" },
    {
      name: "export in the same RUN",
      code: "FROM python\nRUN export PIP_NO_CACHE_DIR=1 && pip install flask\n",
    },
    {
      name: "cache mount",
      code: "FROM python\nRUN --mount=type=cache,target=/root/.cache pip install flask\n",
    },
    {
      name: "builder stage (DL3042 differs)",
      code: "FROM python AS b\nRUN pip install --target=/deps flask\nFROM python:3.12-slim\nCOPY --from=b /deps /deps\n",
    },
    "FROM python\nRUN pip freeze\n",
    {
      name: "pip config set earlier",
      code: "FROM python\nRUN pip config set global.no-cache-dir false\nRUN pip install flask\n",
    },
    {
      name: "pip.conf written earlier",
      code: "FROM python\nRUN printf '[global]\\nno-cache-dir = true\\n' > /etc/pip.conf\nRUN pip install flask\n",
    },
  ],
  invalid: [
    {
      code: "FROM python\nRUN pip install flask\n",
      errors: [{ line: 2, messageId: "missing" }],
      output: "FROM python\nRUN pip install --no-cache-dir flask\n",
    },
    {
      code: "FROM python\nRUN python -m pip install -U pip\n",
      errors: [{ line: 2 }],
      output: "FROM python\nRUN python -m pip install --no-cache-dir -U pip\n",
    },
    {
      code: "FROM python\nRUN /usr/local/bin/pip3.12 install x\n",
      errors: [{ line: 2 }],
      output: "FROM python\nRUN /usr/local/bin/pip3.12 install --no-cache-dir x\n",
    },
    {
      name: "every install in the RUN, global options before the subcommand",
      code: "FROM python\nRUN pip --disable-pip-version-check install -r req.txt \\\n && pip3 install --no-cache-dir a \\\n && pip install b\n",
      errors: [{ line: 2 }],
      output:
        "FROM python\nRUN pip --disable-pip-version-check install --no-cache-dir -r req.txt \\\n && pip3 install --no-cache-dir a \\\n && pip install --no-cache-dir b\n",
    },
    {
      name: "ENV after the RUN does not count",
      code: "FROM python\nRUN pip install x\nENV PIP_NO_CACHE_DIR=1\n",
      errors: [{ line: 2 }],
      output: "FROM python\nRUN pip install --no-cache-dir x\nENV PIP_NO_CACHE_DIR=1\n",
    },
    {
      name: "ENV in an unrelated stage",
      code: "FROM python AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python\nRUN pip install x\n",
      errors: [{ line: 4 }],
      output:
        "FROM python AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python\nRUN pip install --no-cache-dir x\n",
    },
    {
      name: "ONBUILD",
      code: "FROM python\nONBUILD RUN pip install -r requirements.txt\n",
      errors: [{ line: 2 }],
      output: "FROM python\nONBUILD RUN pip install --no-cache-dir -r requirements.txt\n",
    },
  ],
});
