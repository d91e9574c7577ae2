import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./rpm-cache-not-cleaned.js";

ruleTester(rule, {
  valid: [
    "FROM centos:7\nRUN yum install -y httpd && yum clean all\n",
    "FROM fedora\nRUN dnf -y install gcc && dnf clean all\n",
    "FROM ubi8/ubi-minimal\nRUN microdnf install -y tar && microdnf clean all\n",
    "FROM opensuse/leap\nRUN zypper -n install curl && zypper clean --all\n",
    "FROM opensuse/leap\nRUN zypper in -y curl && zypper cc -a\n",
    "FROM fedora\nRUN dnf install -y gcc && rm -rf /var/cache/dnf\n",
    {
      name: "cache mount",
      code: "FROM fedora\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y gcc\n",
    },
    {
      name: "builder stage",
      code: "FROM fedora AS b\nRUN dnf install -y gcc\nFROM fedora-minimal\nCOPY --from=b /out /out\n",
    },
  ],
  invalid: [
    ...["upgrade", "up", "update", "upgrade-minimal", "reinstall"].map((verb) => ({
      name: `dnf ${verb} (issue 17)`,
      code: `FROM fedora\nRUN dnf ${verb} -y\n`,
      errors: [{ line: 2, hadolint: ["DL3040"] }],
      output: `FROM fedora\nRUN dnf ${verb} -y && dnf clean all\n`,
    })),
    {
      name: "zypper dup (issue 17)",
      code: "FROM opensuse/tumbleweed\nRUN zypper -n dup\n",
      errors: [{ line: 2, hadolint: ["DL3036"] }],
      output: "FROM opensuse/tumbleweed\nRUN zypper -n dup && zypper clean --all\n",
    },
    {
      name: "yum update, one code (issue 17)",
      code: "FROM centos:7\nRUN yum update -y\n",
      errors: [{ line: 2, hadolint: ["DL3032"] }],
      output: "FROM centos:7\nRUN yum update -y && yum clean all\n",
    },
    {
      name: "the cache rm before the install is not cleanup (issue 17)",
      code: "FROM centos:7\nRUN rm -rf /var/cache/yum && yum install -y curl\n",
      errors: [{ line: 2 }],
      output: "FROM centos:7\nRUN rm -rf /var/cache/yum && yum install -y curl && yum clean all\n",
    },
    {
      name: "the wrong manager's clean (issue 17)",
      code: "FROM fedora\nRUN dnf install -y curl && microdnf clean all\n",
      errors: [{ line: 2, hadolint: ["DL3040"] }],
      output: "FROM fedora\nRUN dnf install -y curl && microdnf clean all && dnf clean all\n",
    },
    {
      name: "DL3032",
      code: "FROM centos\nRUN yum install -y httpd\n",
      errors: [{ line: 2, message: /`yum clean all`/ }],
      output: "FROM centos\nRUN yum install -y httpd && yum clean all\n",
    },
    {
      name: "DL3040",
      code: "FROM fedora\nRUN dnf install -y gcc\n",
      errors: [{ line: 2, messageId: "notCleaned" }],
      output: "FROM fedora\nRUN dnf install -y gcc && dnf clean all\n",
    },
    {
      name: "DL3040 microdnf",
      code: "FROM ubi\nRUN microdnf install tar\n",
      errors: [{ line: 2, message: /microdnf clean all/ }],
      output: "FROM ubi\nRUN microdnf install tar && microdnf clean all\n",
    },
    {
      name: "DL3036",
      code: "FROM opensuse/leap\nRUN zypper install -y curl\n",
      errors: [{ line: 2, message: /zypper clean/ }],
      output: "FROM opensuse/leap\nRUN zypper install -y curl && zypper clean --all\n",
    },
    {
      name: "clean in a later RUN",
      code: "FROM fedora\nRUN dnf install -y gcc\nRUN dnf clean all\n",
      errors: [{ line: 2 }],
      output: "FROM fedora\nRUN dnf install -y gcc && dnf clean all\nRUN dnf clean all\n",
    },
    {
      name: "ONBUILD",
      code: "FROM fedora\nONBUILD RUN dnf install -y x\n",
      errors: [{ line: 2 }],
      output: "FROM fedora\nONBUILD RUN dnf install -y x && dnf clean all\n",
    },
    {
      name: "two managers: the first one's clean after both",
      code: "FROM fedora\nRUN dnf install -y a \\\n && yum install -y b\n",
      errors: [{ line: 2 }],
      output: "FROM fedora\nRUN dnf install -y a \\\n && yum install -y b \\\n && dnf clean all\n",
    },
  ],
});
