import { leftoverDetector } from "./leftovers.js";

export default leftoverDetector({
  id: "leftover-docs",
  label: "documentation, man pages and locales",
  advice:
    "On Debian/Ubuntu, add a dpkg filter before installing (`path-exclude=/usr/share/doc/*`, `path-include=/usr/share/doc/*/copyright`, `path-exclude=/usr/share/man/*`, `path-exclude=/usr/share/locale/*` in /etc/dpkg/dpkg.cfg.d/excludes), or use a distroless/Chainguard base.",
  roots: [/^(usr\/(?:local\/)?share\/(?:doc|man|info|gtk-doc|locale|help))\//],
  meta: {
    severity: "info",
    category: "size",
    summary: "docs, man and info pages, and message catalogs (locales) in the image",
    looksFor:
      "regular files under /usr/share/{doc,man,info,gtk-doc,locale,help} and their /usr/local counterparts",
    docs: {
      what: "Reports, per layer, the bytes of documentation trees and translation catalogs installed with packages.",
      why: "A container has no reader for man pages, and a server rarely needs every translation; on Debian they are often 5–15 % of the package bytes. Keep the copyright files if you redistribute the image.",
      example:
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*\n",
      useInstead:
        "FROM debian:bookworm-slim\nRUN printf 'path-exclude=/usr/share/doc/*\\npath-include=/usr/share/doc/*/copyright\\npath-exclude=/usr/share/man/*\\npath-exclude=/usr/share/locale/*\\n' > /etc/dpkg/dpkg.cfg.d/excludes \\\n && apt-get update && apt-get install -y --no-install-recommends python3 && rm -rf /var/lib/apt/lists/*\n",
    },
  },
});
