import { ruleTester } from "../../test/lint/rule-tester.js";
import rule from "./add-instead-of-copy.js";

ruleTester(rule, {
  valid: [
    "FROM debian\nADD https://example.com/app.bin /usr/local/bin/app\n",
    "FROM debian\nADD rootfs.tar.xz /\n",
    "FROM debian\nADD app.tgz /opt/\n",
    "FROM debian\nADD git@github.com:moby/buildkit.git /src\n",
    "FROM debian\nADD --checksum=sha256:abc https://e.com/x.tar.gz /x\n",
    "FROM debian\nCOPY app /app\n",
    { name: "variable source", code: "FROM debian\nARG F\nADD ${F} /x\n" },
    'FROM debian\nADD ["a.tar.gz", "/x/"]\n',
    // Issue 13 §3: every compression ADD extracts, whatever the name says about the tar inside.
    "FROM debian\nADD rootfs.tar.bz2 /\n",
    "FROM debian\nADD rootfs.tar.zst /\n",
    "FROM debian\nADD rootfs.tar.zstd /\n",
    "FROM debian\nADD rootfs.tzst /\n",
    "FROM debian\nADD rootfs.tar.Z /\n",
    "FROM debian\nADD rootfs.gz /\n",
    "FROM debian\nADD rootfs.bz2 /\n",
    "FROM debian\nADD rootfs.xz /\n",
    "FROM debian\nADD rootfs.zst /\n",
    "FROM debian\nADD ./ROOTFS.TAR.XZ /\n",
    "FROM debian\nADD --chown=0:0 a.tar.lzma b.tbz2 /\n",
    {
      name: "a tar without an archive name, known from its bytes",
      code: "FROM debian\nADD rootfs /\n",
      context: { isArchive: (p) => p === "rootfs" },
    },
  ],
  invalid: [
    {
      code: "FROM debian\nADD app.py /app/\n",
      errors: [{ line: 2, message: /app\.py/ }],
      output: "FROM debian\nCOPY app.py /app/\n",
    },
    {
      code: "FROM debian\nADD --chown=1:1 . /app\n",
      errors: [{ line: 2, messageId: "useCopy" }],
      output: "FROM debian\nCOPY --chown=1:1 . /app\n",
    },
    {
      code: 'FROM debian\nADD ["conf/", "/etc/app/"]\n',
      errors: [{ line: 2 }],
      output: 'FROM debian\nCOPY ["conf/", "/etc/app/"]\n',
    },
    {
      name: "lower-case keyword, heredoc body kept",
      code: "FROM debian\nadd <<EOF /etc/motd\nhello ADD\nEOF\n",
      errors: [{ line: 2 }],
      output: "FROM debian\ncopy <<EOF /etc/motd\nhello ADD\nEOF\n",
    },
    {
      name: "--checksum exists only on ADD: no fix",
      code: "FROM debian\nADD --checksum=sha256:0 app.py /app/\n",
      errors: [{ line: 2 }],
    },
    {
      name: "archive plus a plain file",
      code: "FROM debian\nADD a.tar b.txt /x/\n",
      errors: [{ line: 2, message: /b\.txt/ }],
      // No fix: COPY would stop extracting a.tar.
    },
    {
      name: "a file named .tar that the context shows is not one",
      code: "FROM debian\nADD notes.tar /x/\n",
      context: { isArchive: () => false },
      errors: [{ line: 2, message: /notes\.tar/ }],
      output: "FROM debian\nCOPY notes.tar /x/\n",
    },
    {
      name: "a glob may match an archive: no fix",
      code: "FROM debian\nADD dist/* /app/\n",
      errors: [{ line: 2, message: /dist/ }],
    },
    {
      name: "ONBUILD",
      code: "FROM debian\nONBUILD ADD . /app\n",
      errors: [{ line: 2 }],
      output: "FROM debian\nONBUILD COPY . /app\n",
    },
  ],
});
