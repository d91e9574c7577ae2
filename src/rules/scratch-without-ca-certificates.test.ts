import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./scratch-without-ca-certificates.js";

ruleTester(rule, {
  valid: [
    "FROM golang AS b\nFROM scratch\nCOPY --from=b /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=b /app /app\n",
    "FROM golang AS b\nFROM scratch\nCOPY --from=b /etc/ssl/certs /etc/ssl/certs\nCOPY --from=b /app /app\n",
    "FROM alpine AS b\nFROM scratch\nCOPY --from=b /app /app\nCOPY certs/ca.pem /etc/app/ca.pem\nENV SSL_CERT_FILE=/etc/app/ca.pem\n",
    "FROM golang AS b\nFROM gcr.io/distroless/static\nCOPY --from=b /app /app\n",
    { name: "scratch builder stage", code: "FROM scratch AS r\nCOPY x /x\nFROM alpine\n" },
    {
      name: "a whole Debian-based stage copied in",
      code: "FROM golang AS b\nFROM scratch\nCOPY --from=b / /\n",
    },
    { name: "empty scratch image", code: 'FROM scratch\nCMD ["/x"]\n' },
  ],
  invalid: [
    {
      code: 'FROM golang AS b\nRUN go build -o /app\nFROM scratch\nCOPY --from=b /app /app\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 3, messageId: "noCerts" }],
    },
    {
      name: "a whole scratch stage copied in",
      code: "FROM scratch AS r\nCOPY app /app\nFROM scratch\nCOPY --from=r / /\n",
      errors: [{ line: 3 }],
    },
    {
      name: "FROM a scratch stage",
      code: "FROM scratch AS base\nCOPY app /app\nFROM base\n",
      errors: [{ line: 3 }],
    },
  ],
});
