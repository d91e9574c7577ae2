import { defineRule } from "./rule.js";

export default defineRule({
  id: "expose-invalid-format",
  meta: {
    severity: "warning",
    category: "correctness",
    summary: "EXPOSE with an IP address or a host port",
    hadolint: [],
    checks: ["ExposeInvalidFormat"],
    fixable: null,
    enabledByDefault: true,
    docs: {
      what: "Flags `EXPOSE` entries that carry an IP address or a host-port mapping (`EXPOSE 8080:80`, `EXPOSE 127.0.0.1:80:80`), as Docker's build check ExposeInvalidFormat does.",
      why: "EXPOSE only documents the container's ports; the host side is chosen at `docker run -p`. BuildKit drops the mapping, so the file says something the image does not do.",
      example: "FROM nginx:1.27\nEXPOSE 8080:80\n",
      useInstead: "FROM nginx:1.27\nEXPOSE 80\n",
      fixSafety: "No automatic fix.",
    },
  },
  messages: {
    mapping: "EXPOSE `{{port}}`: IP address and host-port mapping should not be used in EXPOSE",
  },
  create(ctx) {
    return {
      EXPOSE(instr) {
        for (const port of instr.args) {
          if (port.includes(":") && !port.includes("$"))
            ctx.report({ instr, messageId: "mapping", data: { port } });
        }
      },
    };
  },
});
