import { defineRule } from "./rule.js";

/** `*.example.com` matches any subdomain; otherwise the host (with its port) must be equal. */
function trusted(registry: string, patterns: readonly string[]): boolean {
  return patterns.some((p) =>
    p.startsWith("*.") ? registry.endsWith(p.slice(1)) : p.toLowerCase() === registry,
  );
}

export default defineRule({
  id: "untrusted-registry",
  meta: {
    severity: "error",
    category: "security",
    summary: "FROM pulls from a registry that is not in the trusted list",
    hadolint: ["DL3026"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "When trusted registries are configured (`--trusted-registry`, `lint: trusted-registries` in .ballast.yaml, or hadolint's `trustedRegistries`), flags a FROM whose image comes from another registry. Docker Hub images count as `docker.io`; `*.example.com` trusts subdomains. Without a list the rule reports nothing.",
      why: "A company that mirrors and scans its base images wants every build to use the mirror; an image pulled straight from a public registry skips that review.",
      example: "FROM debian:bookworm-slim\n",
      useInstead: "FROM registry.example.com/debian:bookworm-slim\n",
      fixSafety: "No automatic fix: the mirror's path for the image is not knowable.",
      settings: { trustedRegistries: ["registry.example.com"] },
    },
  },
  messages: {
    untrusted: "`{{image}}` comes from {{registry}}, which is not a trusted registry ({{trusted}})",
  },
  create(ctx) {
    const list = ctx.settings.trustedRegistries ?? [];
    if (list.length === 0) return {};
    return {
      FROM(instr) {
        const stage = ctx.dockerfile.graph.stages.find((s) => s.from === instr);
        if (!stage || stage.parent !== null) return;
        const { image } = stage;
        if (image.dynamic || image.name === "scratch" || image.raw === "") return;
        const registry = (image.registry ?? "docker.io").toLowerCase();
        if (trusted(registry, list)) return;
        ctx.report({
          instr,
          messageId: "untrusted",
          data: { image: image.raw, registry, trusted: list.join(", ") },
        });
      },
    };
  },
});
