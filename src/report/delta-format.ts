import type { Delta } from "../analysis/diff.js";
import { percent } from "./units.js";

/**
 * A change relative to its starting point: " (-56.2 %)", or a factor once it passes ×10
 * (" (×1,935)"), where a percentage with eight digits says nothing. Empty from zero.
 */
export function relative(x: Delta): string {
  if (x.before === 0) return "";
  const ratio = x.after / x.before;
  if (ratio >= 10) return ` (×${Math.round(ratio).toLocaleString("en-US")})`;
  return ` (${x.delta > 0 ? "+" : ""}${percent(x.delta / x.before)})`;
}
