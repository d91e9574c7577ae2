import { InputError } from "../model/errors.js";

/**
 * A small validator for the JSON documents of an image (manifests, indexes, configs, docker
 * save's manifest.json): wrong types become one InputError naming the file and the field
 * instead of a TypeError deep in the analysis. It checks only what ballast reads; unknown
 * fields pass. It never descends into a value whose type is already wrong, so its depth is
 * the schema's, not the input's.
 */
export type Shape = (value: unknown, at: string) => void;

class ShapeError extends Error {
  constructor(
    readonly at: string,
    readonly expected: string,
    readonly actual: unknown,
  ) {
    super(`${at} must be ${expected}`);
  }
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

const is =
  (test: (v: unknown) => boolean, expected: string): Shape =>
  (v, at) => {
    if (!test(v)) throw new ShapeError(at, expected, v);
  };

export const string = is((v) => typeof v === "string", "a string");
export const boolean = is((v) => typeof v === "boolean", "a boolean");
export const size = is((v) => Number.isSafeInteger(v) && (v as number) >= 0, "a byte count");
export const digest = is(
  (v) => typeof v === "string" && /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(v),
  "a digest (algorithm:hex)",
);
export const anyObject = is(
  (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  "an object",
);

export const nullable =
  (shape: Shape): Shape =>
  (v, at) => {
    if (v !== null) shape(v, at);
  };

export const arrayOf =
  (item: Shape): Shape =>
  (v, at) => {
    if (!Array.isArray(v)) throw new ShapeError(at, "an array", v);
    v.forEach((x, i) => item(x, `${at}[${i}]`));
  };

export const recordOf =
  (item: Shape): Shape =>
  (v, at) => {
    anyObject(v, at);
    for (const [k, x] of Object.entries(v as object)) item(x, `${at}.${k}`);
  };

/** An object whose listed fields have these shapes; a field whose name ends in "?" may be absent. */
export const object =
  (fields: Record<string, Shape>): Shape =>
  (v, at) => {
    anyObject(v, at);
    const o = v as Record<string, unknown>;
    for (const [key, shape] of Object.entries(fields)) {
      const optional = key.endsWith("?");
      const name = optional ? key.slice(0, -1) : key;
      const path = at ? `${at}.${name}` : name;
      if (o[name] === undefined) {
        if (!optional) throw new ShapeError(path, "present", undefined);
        continue;
      }
      shape(o[name], path);
    }
  };

/** Checks `value` against `shape`; throws an InputError naming `what` (the file) and the field. */
export function checkShape<T>(value: unknown, shape: Shape, what: string): T {
  try {
    shape(value, "");
  } catch (err) {
    if (!(err instanceof ShapeError)) throw err;
    const field = err.at ? `"${err.at}"` : "the document";
    if (err.actual === undefined) throw new InputError(`${what}: ${field} is missing`);
    throw new InputError(`${what}: ${field} must be ${err.expected}, not ${typeName(err.actual)}`);
  }
  return value as T;
}

/** Parses JSON; the error gives the position only, never the file's bytes. */
export function parseJsonBytes(data: Buffer, what: string): unknown {
  try {
    return JSON.parse(data.toString("utf8"));
  } catch (err) {
    const at = /at position (\d+)/.exec((err as Error).message);
    const end = /end of JSON/i.test((err as Error).message);
    const why = at ? `invalid at byte ${at[1]}` : end ? "it ends too early" : "not JSON";
    throw new InputError(`${what} does not parse as JSON (${why})`);
  }
}
