import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./sudo-in-run.js";

ruleTester(rule, {
  valid: [
    "FROM a\nRUN apt-get update\n",
    "FROM a\nRUN apt-get install -y sudo\n",
    "FROM a\nRUN echo 'app ALL=(ALL) NOPASSWD: ALL' >> /etc/sudoers\n",
  ],
  invalid: [
    { code: "FROM a\nRUN sudo apt-get update\n", errors: [{ line: 2, messageId: "sudo" }] },
    { code: "FROM a\nRUN apt-get update && sudo -E make install\n", errors: [{ line: 2 }] },
    { code: "FROM a\nRUN if true; then sudo rm -rf /x; fi\n", errors: [{ line: 2 }] },
    { code: "FROM a\nRUN doas apk add x\n", errors: [{ line: 2, message: /`doas`/ }] },
    { name: "bare sudo", code: "FROM a\nRUN sudo\n", errors: [{ line: 2 }] },
    { name: "builder stage", code: "FROM a AS b\nRUN sudo make\nFROM c\n", errors: [{ line: 2 }] },
    { name: "ONBUILD", code: "FROM a\nONBUILD RUN sudo make\n", errors: [{ line: 2 }] },
  ],
});
