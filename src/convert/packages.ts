/** Runtime package names: the library a `-dev` package builds against, and apt → apk names. */

/** Debian `-dev` packages → the package with the shared library programs built against them load. */
const DEBIAN_RUNTIME: Record<string, string> = {
  "zlib1g-dev": "zlib1g",
  "libssl-dev": "libssl3",
  "libffi-dev": "libffi8",
  "libcurl4-openssl-dev": "libcurl4",
  "libpq-dev": "libpq5",
  "libsqlite3-dev": "libsqlite3-0",
  "libyaml-dev": "libyaml-0-2",
  "libxml2-dev": "libxml2",
  "libpng-dev": "libpng16-16",
  "libjpeg-dev": "libjpeg62-turbo",
  "libbz2-dev": "libbz2-1.0",
  "liblzma-dev": "liblzma5",
  "libzstd-dev": "libzstd1",
  "libreadline-dev": "libreadline8",
  "libncurses-dev": "libncursesw6",
  "libgmp-dev": "libgmp10",
  "libpcre2-dev": "libpcre2-8-0",
  "libuv1-dev": "libuv1",
  "libsodium-dev": "libsodium23",
  "libevent-dev": "libevent-2.1-7",
  "libjansson-dev": "libjansson4",
};

/** The runtime packages a Debian build most likely needs, guessed from the `-dev` packages it installed. */
export function guessRuntimePackages(installed: readonly string[], cxx: boolean): string[] {
  const out = installed.map((p) => DEBIAN_RUNTIME[p]).filter((p): p is string => !!p);
  if (cxx) out.push("libstdc++6");
  return [...new Set(out)];
}

/** apt names → Alpine / Wolfi names where they differ (docs/guide.md#4-package-installs: `apk add --no-cache`). */
const APK_NAMES: Record<string, string> = {
  zlib1g: "zlib",
  libssl3: "libssl3",
  libffi8: "libffi",
  "libstdc++6": "libstdc++",
  libgcc1: "libgcc",
  "libgcc-s1": "libgcc",
  libcurl4: "libcurl",
  libpq5: "libpq",
  "libsqlite3-0": "sqlite-libs",
  "libyaml-0-2": "yaml",
  libxml2: "libxml2",
  "libpng16-16": "libpng",
  "libbz2-1.0": "libbz2",
  liblzma5: "xz-libs",
  libzstd1: "zstd-libs",
  libgmp10: "gmp",
  "libpcre2-8-0": "pcre2",
  libuv1: "libuv",
  libsodium23: "libsodium",
  python3: "python3",
  nodejs: "nodejs",
  "ca-certificates": "ca-certificates",
  "default-jre-headless": "openjdk17-jre-headless",
  "openjdk-17-jre-headless": "openjdk17-jre-headless",
};

/** Maps Debian package names to apk names; a name with no known mapping is returned as `name`, flagged. */
export function toApk(names: readonly string[]): { names: string[]; unmapped: string[] } {
  const unmapped = names.filter((n) => !(n in APK_NAMES));
  return { names: [...new Set(names.map((n) => APK_NAMES[n] ?? n))], unmapped };
}

/** One RUN installing packages the guide's way: no recommends and no lists, or apk's no cache. */
export function installLine(pm: "apt" | "apk", packages: readonly string[]): string {
  if (pm === "apk") return `RUN apk add --no-cache ${packages.join(" ")}`;
  // apt-get clean too: a debootstrap base has no docker-clean hook, so the .debs would stay.
  return `RUN apt-get update \\\n && apt-get install -y --no-install-recommends ${packages.join(" ")} \\\n && apt-get clean && rm -rf /var/lib/apt/lists/*`;
}
