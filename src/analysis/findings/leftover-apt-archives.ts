import { leftoverDetector } from "./leftovers.js";

export default leftoverDetector({
  id: "leftover-apt-archives",
  label: "apt cache (downloaded .debs and pkgcache.bin)",
  advice: "Add `&& apt-get clean` (or `rm -rf /var/cache/apt/*`) to the same RUN as the install.",
  roots: [/^(var\/cache\/apt\/archives)\//, /^(var\/cache\/apt)\/[^/]+$/],
  meta: {
    severity: "warning",
    category: "size",
    summary: "apt's cache (/var/cache/apt: .deb archives, pkgcache.bin) left in a layer",
    looksFor:
      "regular files under /var/cache/apt (archives/*.deb, pkgcache.bin, srcpkgcache.bin) in each layer",
    docs: {
      what: "Reports, per layer, the bytes of downloaded .deb files and apt's binary caches under /var/cache/apt.",
      why: "The .deb files are already unpacked and the binary caches are rebuilt on the next `apt-get update`; both only add weight. Official Debian images clean them through a dpkg hook, but a base built another way (debootstrap, a custom rootfs) keeps them.",
      example: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n",
      useInstead:
        "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n && apt-get clean && rm -rf /var/lib/apt/lists/*\n",
    },
  },
});
