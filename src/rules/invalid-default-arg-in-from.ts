import { variablesIn } from "./buildkit.js";
import { defineRule } from "./rule.js";

/** Expands `$X`, `${X}`, `${X:-d}`, `${X-d}` with the global ARG defaults (undeclared or no default: empty). */
function expand(text: string, args: Record<string, string | null>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (
      _,
      braced: string | undefined,
      op: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => {
      const value = args[braced ?? bare ?? ""] ?? "";
      if (op === "-") return value || (word ?? "");
      if (op === "+") return value ? (word ?? "") : "";
      return value;
    },
  );
}

/** A reference Docker can pull: name[:tag][@digest] with no empty parts. */
const VALID_REF =
  /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@[a-z0-9]+:[a-f0-9]{32,})?$/;

export default defineRule({
  id: "invalid-default-arg-in-from",
  meta: {
    severity: "warning",
    category: "correctness",
    summary: "FROM's image is not a valid reference with the ARG defaults",
    hadolint: [],
    checks: ["InvalidDefaultArgInFrom"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags a FROM built from global ARGs whose defaults (no default counts as empty) do not make a valid image reference, as Docker's build check InvalidDefaultArgInFrom does: `ARG TAG` then `FROM alpine:${TAG}` is `alpine:` unless every build passes `--build-arg`.",
      why: "A build without the build arg fails at the FROM, or pulls something else than intended.",
      example: "ARG TAG\nFROM alpine:${TAG}\n",
      useInstead: "ARG TAG=3.20\nFROM alpine:${TAG}\n",
      fixSafety: "No automatic fix: the right default is the project's to choose.",
    },
  },
  messages: {
    invalid:
      "default value for ARG {{image}} results in an empty or invalid base image name (`{{expanded}}`)",
  },
  create(ctx) {
    const global = ctx.dockerfile.globalArgs;
    return {
      FROM(instr) {
        const image = instr.args[0];
        if (!image || instr.onbuild || variablesIn(image).length === 0) return;
        // Only ARGs declared globally are BuildKit's to judge; undeclared ones are UndefinedArgInFrom's.
        if (!variablesIn(image).every((v) => v in global)) return;
        const expanded = expand(image, global);
        if (!VALID_REF.test(expanded))
          ctx.report({ instr, messageId: "invalid", data: { image, expanded } });
      },
    };
  },
});
