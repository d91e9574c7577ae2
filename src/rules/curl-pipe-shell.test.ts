import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./curl-pipe-shell.js";

ruleTester(rule, {
  valid: [
    "FROM a\nRUN curl -fsSLo /tmp/i.sh https://x/i.sh && sha256sum -c sums && sh /tmp/i.sh\n",
    "FROM a\nRUN curl -fsSL https://x/key.gpg | gpg --dearmor -o /usr/share/keyrings/x.gpg\n",
    "FROM a\nRUN wget -q https://x/i.sh | sh\n",
    "FROM a\nRUN curl -fsSL https://x/a.tgz | tar xz -C /opt\n",
    "FROM a\nRUN echo hi | sh\n",
  ],
  invalid: [
    {
      code: "FROM a\nRUN curl -fsSL https://x/i.sh | sh\n",
      errors: [{ line: 2, message: /`curl … \| sh`/ }],
    },
    {
      code: "FROM a\nRUN wget -qO- https://x/i.sh | bash -s -- -y\n",
      errors: [{ line: 2, messageId: "pipe" }],
    },
    { code: "FROM a\nRUN wget -O - https://x/i.sh | sh\n", errors: [{ line: 2 }] },
    {
      code: "FROM a\nRUN curl -sL https://deb.nodesource.com/setup_20.x | sudo -E bash -\n",
      errors: [{ line: 2, message: /sudo bash/ }],
    },
    { code: 'FROM a\nRUN sh -c "$(curl -fsSL https://x/install.sh)"\n', errors: [{ line: 2 }] },
    { code: "FROM a\nRUN bash <(curl -s https://x/i.sh)\n", errors: [{ line: 2 }] },
    {
      name: "python installer",
      code: "FROM a\nRUN curl -sSL https://install.python-poetry.org | python3 -\n",
      errors: [{ line: 2 }],
    },
    {
      name: "builder stages too",
      code: "FROM a AS b\nRUN curl https://sh.rustup.rs -sSf | sh -s -- -y\nFROM c\n",
      errors: [{ line: 2 }],
    },
    { name: "ONBUILD", code: "FROM a\nONBUILD RUN curl https://x | sh\n", errors: [{ line: 2 }] },
  ],
});
