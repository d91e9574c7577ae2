import type { Descriptor } from "../../model/image.js";
import { InputError } from "../../model/errors.js";

/** The fields of an image manifest or index that ballast reads (OCI image spec). */
export interface Manifest {
  schemaVersion?: number;
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
}

/**
 * Parses a manifest or index from a registry and checks the types of what is read, so that
 * a wrong one is an error naming the field ("layers[2].size") rather than a TypeError.
 */
export function parseManifest(bytes: Buffer, what: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new InputError(`${what} is not JSON`);
  }
  if (!isObject(value)) throw new InputError(`${what} is not a JSON object`);
  const wrong = (field: string, expected: string) =>
    new InputError(`${what}: "${field}" must be ${expected}`);
  if (value.mediaType !== undefined && typeof value.mediaType !== "string")
    throw wrong("mediaType", "a string");
  if (value.config !== undefined) checkDescriptor(value.config, "config", wrong);
  for (const list of ["layers", "manifests"] as const) {
    const items = value[list];
    if (items === undefined) continue;
    if (!Array.isArray(items)) throw wrong(list, "an array");
    items.forEach((d, i) => checkDescriptor(d, `${list}[${i}]`, wrong));
  }
  return value as Manifest;
}

function checkDescriptor(
  d: unknown,
  field: string,
  wrong: (field: string, expected: string) => InputError,
): void {
  if (!isObject(d)) throw wrong(field, "an object (a descriptor)");
  if (typeof d.digest !== "string") throw wrong(`${field}.digest`, "a string");
  if (typeof d.size !== "number" || !Number.isSafeInteger(d.size) || d.size < 0)
    throw wrong(`${field}.size`, "a whole number of bytes");
  if (d.mediaType !== undefined && typeof d.mediaType !== "string")
    throw wrong(`${field}.mediaType`, "a string");
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
