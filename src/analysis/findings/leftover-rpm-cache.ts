import { leftoverDetector } from "./leftovers.js";

export default leftoverDetector({
  id: "leftover-rpm-cache",
  label: "dnf/yum/zypper cache",
  advice:
    "End the RUN with `&& dnf clean all` (or `yum clean all`, `zypper clean -a`) and `rm -rf /var/cache/dnf /var/cache/yum`.",
  roots: [/^(var\/cache\/(?:dnf|yum|libdnf5|zypp))\//],
  meta: {
    severity: "warning",
    category: "size",
    summary: "dnf, yum or zypper metadata and package cache left in a layer",
    looksFor:
      "regular files under /var/cache/dnf, /var/cache/yum, /var/cache/libdnf5, /var/cache/zypp",
    docs: {
      what: "Reports, per layer, the bytes of repository metadata and downloaded RPMs kept by dnf, yum, microdnf or zypper.",
      why: "Repository metadata alone often weighs 50–200 MB on RHEL-family images and is never read at run time.",
      example: "FROM fedora:40\nRUN dnf install -y python3\n",
      useInstead:
        "FROM fedora:40\nRUN dnf install -y --setopt=install_weak_deps=False python3 && dnf clean all\n",
    },
  },
});
