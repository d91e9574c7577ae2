import { createReadStream, realpathSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { isAbsolute, join, posix, sep } from "node:path";
import { InputError } from "../model/errors.js";
import { JSON_LIMIT, type FileBundle } from "./bundle.js";

/**
 * A bundle over a directory (OCI image layout, extracted docker save, skopeo dir:). Every
 * name comes from a manifest someone else wrote: it must stay inside the directory, even
 * through symlinks, and be a regular file (a FIFO or /dev/zero as a layer would hang).
 */
export function dirBundle(dir: string): FileBundle {
  let root: string | undefined;
  const checked = new Map<string, { path: string; size: number }>();
  /** The checked file behind `name`, or undefined when there is none. */
  const lookup = (name: string): { path: string; size: number } | undefined => {
    const known = checked.get(name);
    if (known) return known;
    root ??= realpathSync(dir);
    const path = resolveInside(root, dir, name);
    if (!path) return undefined;
    const st = statSync(path);
    if (!st.isFile()) throw new InputError(`${dir}: "${name}" is not a regular file`);
    const found = { path, size: st.size };
    checked.set(name, found);
    return found;
  };
  const member = (name: string) => {
    const found = lookup(name);
    if (!found) throw new InputError(`${dir}: missing "${name}"`);
    return found;
  };
  return {
    location: dir,
    has: async (name) => lookup(name) !== undefined,
    size: async (name) => member(name).size,
    read: async (name, limit = JSON_LIMIT) => {
      const { path, size } = member(name);
      if (size > limit) throw new InputError(`${dir}: "${name}" is too large (${size} bytes)`);
      return readFile(path);
    },
    open: (name) => createReadStream(member(name).path, { highWaterMark: 1 << 20 }),
    locate: (name) => ({ path: member(name).path, offset: 0 }),
  };
}

/**
 * The real path of `name` under the directory whose real path is `root`; undefined when it
 * does not exist; an InputError when it (or a symlink on the way) leads outside.
 */
function resolveInside(root: string, dir: string, name: string): string | undefined {
  const normal = posix.normalize(name.replace(/\\/g, "/"));
  if (isAbsolute(name) || normal === ".." || normal.startsWith("../"))
    throw new InputError(`${dir}: "${name}" points outside the directory`);
  let real: string;
  try {
    real = realpathSync(join(root, normal));
  } catch {
    return undefined;
  }
  if (real !== root && !real.startsWith(root + sep))
    throw new InputError(`${dir}: "${name}" leads outside the directory (through a symlink)`);
  return real;
}
