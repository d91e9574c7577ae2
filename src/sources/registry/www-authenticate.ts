/** One challenge of a `WWW-Authenticate` header (RFC 7235 §4.1). */
export interface Challenge {
  /** Lower-cased scheme: `bearer`, `basic`, … */
  scheme: string;
  /** Parameter names are lower-cased; values are unquoted. */
  params: Record<string, string>;
}

/**
 * Parses a `WWW-Authenticate` value that may hold several challenges, e.g.
 * `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:a/b:pull,push"`.
 * Commas inside quoted strings (multi-action scopes) do not split parameters.
 */
export function parseWwwAuthenticate(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let i = 0;
  const n = header.length;
  const skip = (chars: string) => {
    while (i < n && chars.includes(header[i]!)) i++;
  };
  const token = () => {
    const start = i;
    while (i < n && !' \t,="'.includes(header[i]!)) i++;
    return header.slice(start, i);
  };
  while (i < n) {
    skip(" \t,");
    const scheme = token();
    if (!scheme) break;
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    for (;;) {
      skip(" \t");
      const save = i;
      const name = token();
      skip(" \t");
      if (!name || header[i] !== "=") {
        // Not `name=value`: the next challenge's scheme starts here.
        i = save;
        break;
      }
      i++;
      skip(" \t");
      challenge.params[name.toLowerCase()] = header[i] === '"' ? quoted() : token();
      skip(" \t");
      if (header[i] !== ",") break;
      i++;
    }
  }
  return challenges;

  function quoted(): string {
    let value = "";
    i++;
    while (i < n && header[i] !== '"') {
      if (header[i] === "\\" && i + 1 < n) i++;
      value += header[i++];
    }
    i++;
    return value;
  }
}
