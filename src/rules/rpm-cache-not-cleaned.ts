import { commandsOf, isCall } from "../dockerfile/query.js";
import { hasCacheMount, reachesFinal, removesPath } from "./helpers.js";
import { RPM_VALUE_FLAGS, isRpmInstall } from "./packages.js";
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

/**
 * Cache directories, clean command, the managers whose clean empties the same cache (yum is dnf
 * on RHEL 8+; microdnf keeps its own), and the one hadolint code per manager (issue 17).
 */
const MANAGERS: Record<
  string,
  { cache: string[]; clean: string; cleanedBy: string[]; hadolint: string | null }
> = {
  yum: {
    cache: ["/var/cache/yum"],
    clean: "yum clean all",
    cleanedBy: ["yum", "dnf"],
    hadolint: "DL3032",
  },
  dnf: {
    cache: ["/var/cache/dnf", "/var/cache/libdnf5"],
    clean: "dnf clean all",
    cleanedBy: ["dnf", "yum"],
    hadolint: "DL3040",
  },
  microdnf: {
    cache: ["/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"],
    clean: "microdnf clean all",
    cleanedBy: ["microdnf"],
    hadolint: "DL3040",
  },
  tdnf: {
    cache: ["/var/cache/tdnf"],
    clean: "tdnf clean all",
    cleanedBy: ["tdnf"],
    hadolint: null,
  },
  zypper: {
    cache: ["/var/cache/zypp"],
    clean: "zypper clean --all",
    cleanedBy: ["zypper"],
    hadolint: "DL3036",
  },
};

export default defineRule({
  id: "rpm-cache-not-cleaned",
  meta: {
    severity: "warning",
    category: "size",
    summary:
      "yum/dnf/microdnf/zypper install or upgrade without the matching clean in the same RUN",
    hadolint: ["DL3032", "DL3040", "DL3036"],
    fixable: "safe",
    enabledByDefault: true,
    docs: {
      what: "Flags `yum`, `dnf`, `microdnf`, `tdnf` and `zypper` installs and upgrades (`upgrade`, `update`, `dup`, `reinstall`, …) in stages that reach the final image when the same RUN does not run the manager's clean (`yum clean all`, `dnf clean all`, `zypper clean`) or remove its cache directory after the install, unless a cache mount covers it. Another manager's clean does not count (`dnf install … && microdnf clean all` leaves dnf's cache); yum and dnf share theirs. Each finding carries its manager's hadolint code: DL3032 (yum), DL3040 (dnf, microdnf), DL3036 (zypper).",
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
          if (!m || hasCacheMount(instr, m.cache)) continue;
          if (removesPath(ctx.dockerfile, instr, m.cache, install)) continue;
          const cleaned = cmds.some(
            (c) =>
              c.index > install.index && isCall(c, m.cleanedBy, ["clean", "cc"], RPM_VALUE_FLAGS),
          );
          if (cleaned) continue;
          ctx.report({
            instr,
            messageId: "notCleaned",
            data: { manager: install.name, clean: m.clean },
            hadolint: m.hadolint,
            fix: cleanFix(ctx.dockerfile, instr, m.clean),
          });
          return;
        }
      },
    };
  },
});
