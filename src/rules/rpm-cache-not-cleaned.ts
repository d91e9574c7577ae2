import { commandsOf, isCall } from "../dockerfile/query.js";
import { hasCacheMount, reachesFinal, removesPath } from "./helpers.js";
import { RPM, RPM_VALUE_FLAGS, isRpmInstall } from "./packages.js";
import { defineRule } from "./rule.js";
import type { Dockerfile, Instruction } from "../dockerfile/model.js";
import type { Fix } from "../fix/edits.js";
import { appendCommand } from "./fixes.js";

function cleanFix(df: Dockerfile, instr: Instruction, clean: string): Fix | undefined {
  const edit = appendCommand(df, instr, clean);
  return edit
    ? { applicability: "safe", description: `append \`&& ${clean}\``, edits: [edit] }
    : undefined;
}

/** Cache directory and clean command per manager. */
const MANAGERS: Record<string, { cache: string[]; clean: string }> = {
  yum: { cache: ["/var/cache/yum"], clean: "yum clean all" },
  dnf: { cache: ["/var/cache/dnf", "/var/cache/libdnf5"], clean: "dnf clean all" },
  microdnf: { cache: ["/var/cache/yum", "/var/cache/dnf"], clean: "microdnf clean all" },
  tdnf: { cache: ["/var/cache/tdnf"], clean: "tdnf clean all" },
  zypper: { cache: ["/var/cache/zypp"], clean: "zypper clean --all" },
};

export default defineRule({
  id: "rpm-cache-not-cleaned",
  meta: {
    severity: "warning",
    category: "size",
    summary: "yum/dnf/microdnf/zypper install without the matching clean in the same RUN",
    hadolint: ["DL3032", "DL3040", "DL3036"],
    fixable: "safe",
    enabledByDefault: true,
    docs: {
      what: "Flags `yum`, `dnf`, `microdnf`, `tdnf` and `zypper` installs in stages that reach the final image when the same RUN does not run the manager's clean (`yum clean all`, `dnf clean all`, `zypper clean`) or remove its cache directory, unless a cache mount covers it.",
      why: "RPM package managers keep repository metadata and downloaded packages under /var/cache; tens to hundreds of megabytes the image never uses.",
      example: "FROM fedora:40\nRUN dnf install -y --setopt=install_weak_deps=False gcc\n",
      useInstead:
        "FROM fedora:40\nRUN dnf install -y --setopt=install_weak_deps=False gcc && dnf clean all\n",
      fixSafety: "Safe: appends the manager's clean command to the RUN.",
    },
  },
  messages: {
    notCleaned:
      "`{{manager}} install` without `{{clean}}` in the same RUN leaves its cache in the layer",
  },
  create(ctx) {
    return {
      RUN(instr) {
        if (!reachesFinal(ctx.dockerfile, instr)) return;
        const cmds = commandsOf(instr);
        for (const install of cmds.filter(isRpmInstall)) {
          const m = MANAGERS[install.name];
          if (!m || hasCacheMount(instr, m.cache) || removesPath(ctx.dockerfile, instr, m.cache))
            continue;
          const cleaned = cmds.some(
            (c) => c.index > install.index && isCall(c, RPM, ["clean", "cc"], RPM_VALUE_FLAGS),
          );
          if (cleaned) continue;
          ctx.report({
            instr,
            messageId: "notCleaned",
            data: { manager: install.name, clean: m.clean },
            fix: cleanFix(ctx.dockerfile, instr, m.clean),
          });
          return;
        }
      },
    };
  },
});
