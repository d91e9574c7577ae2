import { describe, expect, it } from "vitest";
import tarStream from "tar-stream";
import {
  encodeHeader,
  END_OF_ARCHIVE,
  padding,
  TYPE,
  type TarMember,
} from "../../src/slim/tar-write.js";
import { parsePax } from "../../src/tar/tar-header.js";

const base: TarMember = {
  path: "f",
  typeflag: TYPE.file,
  size: 0,
  mode: 0o644,
  uid: 0,
  gid: 0,
  mtime: 1_700_000_000,
  linkname: "",
  uname: "root",
  gname: "root",
  devmajor: 0,
  devminor: 0,
  pax: undefined,
};

/** Reads headers back with tar-stream, an independent tar reader. */
async function readBack(members: TarMember[]) {
  const parts = members.flatMap((m) => [
    encodeHeader(m),
    Buffer.alloc(m.size, 0x61),
    Buffer.alloc(padding(m.size)),
  ]);
  const headers: (tarStream.Headers & { pax?: Record<string, string> })[] = [];
  const extract = tarStream.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on("entry", (h, stream, next) => {
      headers.push(h);
      stream.resume();
      stream.on("end", next);
    });
    extract.on("finish", resolve);
    extract.on("error", reject);
  });
  extract.end(Buffer.concat([...parts, END_OF_ARCHIVE]));
  await done;
  return headers;
}

describe("tar headers for the new layer", () => {
  it("writes names beyond ustar's 256 bytes, long link targets, big ids and fractional mtimes through PAX", async () => {
    const long = `${"a".repeat(120)}/${"b".repeat(150)}/c`;
    const [file, link, dir] = await readBack([
      { ...base, path: long, size: 3, uid: 3_000_000, mtime: 1_700_000_000.25 },
      { ...base, path: "l", typeflag: TYPE.symlink, linkname: "t".repeat(150) },
      { ...base, path: `${"d".repeat(150)}/${"e".repeat(90)}`, typeflag: TYPE.dir, mode: 0o2755 },
    ]);
    expect(file).toMatchObject({ name: long, size: 3, uname: "root" });
    // tar-stream leaves PAX uid and mtime in `pax` rather than applying them.
    expect(file.pax?.uid).toBe("3000000");
    expect(file.pax?.mtime).toBe("1700000000.25");
    expect(link).toMatchObject({ type: "symlink", linkname: "t".repeat(150) });
    expect(dir).toMatchObject({
      type: "directory",
      name: `${"d".repeat(150)}/${"e".repeat(90)}/`,
      mode: 0o2755,
    });
  });

  it("writes xattr values byte for byte (file capabilities are binary)", () => {
    const value = Buffer.from([0x01, 0x00, 0x00, 0x02, 0xff, 0x80, 0x0a]).toString("latin1");
    const block = encodeHeader({ ...base, pax: { "SCHILY.xattr.security.capability": value } });
    const size = parseInt(block.toString("latin1", 124, 135), 8);
    const records = parsePax(block.subarray(512, 512 + size));
    expect(Buffer.from(records["SCHILY.xattr.security.capability"], "latin1")).toEqual(
      Buffer.from([0x01, 0x00, 0x00, 0x02, 0xff, 0x80, 0x0a]),
    );
  });
});
