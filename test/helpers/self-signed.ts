import { execFileSync } from "node:child_process";

/** Writes a 2-day self-signed RSA key and certificate with openssl (a real one, not a fake). */
export function selfSigned(
  keyPath: string,
  certPath: string,
  subject: string,
  extra: string[] = [],
): void {
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      keyPath,
      "-out",
      certPath,
      "-days",
      "2",
      "-subj",
      subject,
      ...extra,
    ],
    { stdio: "ignore" },
  );
}
