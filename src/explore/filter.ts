/** A compiled path filter: a glob, or a regular expression after `re:`. */
export interface PathFilter {
  text: string;
  /** A glob without "/" matches names; anything else matches the absolute path. */
  nameOnly: boolean;
  test(subject: string): boolean;
}

/**
 * Compiles the filter typed in the explorer. Globs: `*` and `?` stay within a name, `**`
 * crosses "/", `[abc]` classes; `re:EXPR` is a JavaScript regular expression searched in
 * the path. Throws an Error with a readable message for an invalid expression.
 */
export function compileFilter(text: string): PathFilter {
  if (text.startsWith("re:")) {
    let re: RegExp;
    try {
      re = new RegExp(text.slice(3));
    } catch (err) {
      throw new Error(`invalid regular expression: ${(err as Error).message}`);
    }
    return { text, nameOnly: false, test: (s) => re.test(s) };
  }
  const nameOnly = !text.includes("/");
  const body = globToRegExp(nameOnly ? text : text.replace(/^\/?/, "/"));
  const re = new RegExp(`^${body}${nameOnly ? "" : "(?:/.*)?"}$`);
  return { text, nameOnly, test: (s) => re.test(s) };
}

function globToRegExp(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === "*" && glob[i + 1] === "*") {
      out += ".*";
      i++;
    } else if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else if (ch === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) out += "\\[";
      else {
        const cls = glob
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\");
        out += `[${cls}]`;
        i = end;
      }
    } else out += ch.replace(/[.+^${}()|\\\]]/g, "\\$&");
  }
  return out;
}
