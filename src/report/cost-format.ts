import type { CostEstimate, CostInputs } from "../analysis/cost.js";
import { humanBytes } from "./units.js";

/** A monthly amount in the inputs' currency; prices are whatever currency the user gave. */
export function money(n: number, currency = "$"): string {
  const sign = n < 0 ? "-" : "";
  const v = Math.abs(n);
  return `${sign}${currency}${v >= 100 ? v.toFixed(0) : v.toFixed(2)}`;
}

/** Seconds as a person reads a pull: "80 s", "4.0 s", "2 min 5 s". */
export function duration(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}

/** The assumptions behind an estimate, on one line, so a reader can challenge them. */
export function assumptions(i: CostInputs, currency = "$"): string {
  return [
    `${i.tagsRetained} tags retained at ${money(i.storagePricePerGBMonth, currency)}/GB-month`,
    `${i.nodes} nodes × ${i.deploysPerMonth} deploys/month at ${money(i.egressPricePerGB, currency)}/GB`,
    `${i.bandwidthMbps} Mbit/s per node`,
  ].join("; ");
}

/** Label/value rows for one image's estimate (text and markdown lay them out). */
export function costRows(e: CostEstimate, currency = "$"): [string, string][] {
  return [
    [
      "registry storage",
      `${money(e.storage.monthly, currency)}/month (${humanBytes(e.storage.bytes)} stored)`,
    ],
    [
      "deploy egress",
      `${money(e.egress.monthly, currency)}/month (${humanBytes(e.egress.bytesPerMonth)} pulled)`,
    ],
    ["total", `${money(e.monthly, currency)}/month`],
    [
      "pull time",
      e.sharedBytes > 0
        ? `${duration(e.pull.coldSeconds)} cold, ${duration(e.pull.warmSeconds)} with the base cached`
        : duration(e.pull.coldSeconds),
    ],
  ];
}
