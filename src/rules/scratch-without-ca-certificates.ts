import type { Instruction } from "../dockerfile/model.js";
import { isWholeRootCopy } from "../dockerfile/stages.js";
import { copySources, flagValue, stageChain } from "./helpers.js";
import { defineRule } from "./rule.js";

const CERTS = /ca-certificates|ca-bundle|cacert|\/etc\/ssl|\/etc\/pki|\.crt$|\.pem$/;

export default defineRule({
  id: "scratch-without-ca-certificates",
  meta: {
    severity: "warning",
    category: "size",
    summary: "FROM scratch final image with a program but no CA certificates",
    hadolint: [],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags a final image built `FROM scratch` that copies files in but no CA certificate bundle (`/etc/ssl/certs/ca-certificates.crt` or similar), and sets no `SSL_CERT_FILE`.",
      why: "scratch is empty: without CA certificates every HTTPS call of the program fails at run time (docs/guide.md#1-base-images). Copy them from the builder, or use distroless/static, which includes them.",
      example:
        "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM scratch\nCOPY --from=build /app /app\n",
      useInstead:
        "FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=build /app /app\n",
      fixSafety: "No automatic fix: the builder must have the bundle.",
    },
  },
  messages: {
    noCerts:
      "the scratch image has no CA certificates, so HTTPS will fail; copy /etc/ssl/certs/ca-certificates.crt from the builder or use gcr.io/distroless/static",
  },
  create(ctx) {
    return {
      end() {
        const wholeCopyHasCerts = (instr: Instruction): boolean => {
          const from = ctx.dockerfile.graph.resolve(flagValue(instr, "from") ?? "");
          if (from === null) return true;
          const root = ctx.dockerfile.graph.stages[stageChain(ctx.dockerfile, from)[0]];
          return root.image.name !== "scratch";
        };
        const { stages } = ctx.dockerfile.graph;
        if (stages.length === 0) return;
        const chain = stageChain(ctx.dockerfile, stages.length - 1).map((i) => stages[i]);
        if (chain[0].image.name !== "scratch") return;
        const instrs = chain.flatMap((s) => s.instructions);
        const copies = instrs.filter((i) => i.keyword === "COPY" || i.keyword === "ADD");
        if (copies.length === 0) return;
        // A whole stage copied in from a non-scratch image brings that image's certificates along.
        if (copies.some((i) => isWholeRootCopy(i) && wholeCopyHasCerts(i))) return;
        const hasCerts =
          copies.some((i) =>
            [...copySources(i), (i.json ?? i.args).at(-1) ?? ""].some((p) => CERTS.test(p)),
          ) ||
          instrs.some(
            (i) => i.keyword === "ENV" && i.properties.some((p) => p.name === "SSL_CERT_FILE"),
          );
        if (!hasCerts) ctx.report({ instr: stages[stages.length - 1].from, messageId: "noCerts" });
      },
    };
  },
});
