import { leftoverDetector } from "./leftovers.js";

export default leftoverDetector({
  id: "leftover-apk-cache",
  label: "apk cache",
  advice: "Use `apk add --no-cache …` so no index or package is kept.",
  roots: [/^(var\/cache\/apk)\//, /^(etc\/apk\/cache)\//],
  meta: {
    severity: "warning",
    category: "size",
    summary: "Alpine apk cache (/var/cache/apk) left in a layer",
    looksFor: "regular files under /var/cache/apk and /etc/apk/cache in each layer",
    docs: {
      what: "Reports, per layer, the bytes of APKINDEX files and cached packages under /var/cache/apk.",
      why: "`apk update` / `apk add` without `--no-cache` keep the repository indexes (a few MB) in the layer; they are useless at run time.",
      example: "FROM alpine:3.20\nRUN apk update && apk add curl\n",
      useInstead: "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
    },
  },
});
