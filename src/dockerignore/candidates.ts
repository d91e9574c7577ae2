/** Kinds of content that should not ship in a build context (docs/guide.md#3-the-build-context-and-dockerignore), in proposal order. */
export type Group =
  "vcs" | "secrets" | "dependencies" | "tests" | "docs" | "build" | "caches" | "editor" | "logs";

export interface Candidate {
  group: Group;
  /** Basename glob (no `/`): a directory or file with this name anywhere in the context. */
  name: string;
  dirOnly?: boolean;
}

export const REASONS: Record<Group, string> = {
  vcs: "version control history",
  secrets: "secrets and keys must not reach an image layer",
  dependencies: "dependencies the image installs itself",
  tests: "tests",
  docs: "documentation",
  build: "local build outputs (the image builds its own)",
  caches: "caches",
  editor: "editor and OS files",
  logs: "logs",
};

const list = (group: Group, names: string[], dirOnly = false): Candidate[] =>
  names.map((name) => ({ group, name, dirOnly }));

export const CANDIDATES: Candidate[] = [
  ...list("vcs", [".git", ".hg", ".svn"]),
  ...list("secrets", [
    ".env",
    ".env.*",
    "*.pem",
    "*.key",
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    "*.p12",
    "*.pfx",
    ".npmrc",
    ".pypirc",
    ".netrc",
  ]),
  ...list("secrets", [".aws", ".ssh", ".gnupg"], true),
  ...list("dependencies", ["node_modules", ".venv", "venv", "bower_components"], true),
  ...list("tests", ["test", "tests", "__tests__", "spec"], true),
  ...list("docs", ["docs"], true),
  ...list("build", ["dist", "build", "target", "out", "coverage", ".nyc_output"], true),
  ...list(
    "caches",
    [
      "__pycache__",
      ".pytest_cache",
      ".mypy_cache",
      ".ruff_cache",
      ".tox",
      ".cache",
      ".gradle",
      ".parcel-cache",
    ],
    true,
  ),
  ...list("caches", ["*.pyc", ".eslintcache"]),
  ...list("editor", [".vscode", ".idea"], true),
  ...list("editor", ["*.swp", "*.swo", "*~", ".DS_Store", "Thumbs.db"]),
  ...list("logs", ["*.log"]),
];

/** Files that look like secrets by name but are templates meant to be committed and copied. */
export const SECRET_TEMPLATES = /\.(example|sample|template|dist)$/;
