import {
  anyObject,
  arrayOf,
  boolean,
  digest,
  nullable,
  object,
  recordOf,
  size,
  string,
} from "./json-shape.js";

/** The shapes ballast relies on, from the OCI image spec and Docker's image spec v1.2. */

export const platformShape = object({
  os: string,
  architecture: string,
  "variant?": string,
});

export const descriptorShape = object({
  "mediaType?": string,
  digest,
  size,
  "urls?": nullable(arrayOf(string)),
  "annotations?": nullable(recordOf(string)),
  "platform?": platformShape,
  "artifactType?": string,
});

export const indexShape = object({
  "mediaType?": string,
  manifests: arrayOf(descriptorShape),
});

export const manifestShape = object({
  "mediaType?": string,
  "artifactType?": string,
  config: descriptorShape,
  layers: arrayOf(descriptorShape),
});

const stringList = nullable(arrayOf(string));

export const configShape = object({
  "architecture?": string,
  "os?": string,
  "variant?": string,
  "created?": string,
  "author?": string,
  "config?": nullable(
    object({
      "User?": string,
      "Env?": stringList,
      "Entrypoint?": stringList,
      "Cmd?": stringList,
      "WorkingDir?": string,
      "ExposedPorts?": nullable(recordOf(anyObject)),
      "Volumes?": nullable(recordOf(anyObject)),
      "Labels?": nullable(recordOf(string)),
    }),
  ),
  rootfs: object({ "type?": string, diff_ids: arrayOf(digest) }),
  "history?": nullable(
    arrayOf(
      object({
        "created?": string,
        "created_by?": string,
        "comment?": string,
        "author?": string,
        "empty_layer?": boolean,
      }),
    ),
  ),
});

/** docker save's manifest.json: one entry per image. */
export const saveManifestShape = arrayOf(
  object({
    Config: string,
    "RepoTags?": stringList,
    Layers: arrayOf(string),
  }),
);
