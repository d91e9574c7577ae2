import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's chromium (`apt-get install chromium`); playwright-core downloads no browser. */
export const CHROMIUM = process.env.BALLAST_CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface OpenedPage {
  page: Page;
  /** Console errors and warnings (CSP violations land here), and uncaught page errors. */
  problems: string[];
  /** Every request but the page's own file. */
  requests: string[];
}

/** Opens a report from disk, recording problems and any request beyond the file itself. */
export async function openReport(browser: Browser, file: string): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  const self = `file://${file}`;
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("request", (r) => {
    if (r.url() !== self) requests.push(r.url());
  });
  // Anything the page tried to fetch is refused, so a leak shows up as a request, not a hang.
  await page.route("**/*", (route) =>
    route.request().url() === self ? route.continue() : route.abort(),
  );
  await page.goto(self, { waitUntil: "load" });
  return { page, problems, requests };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS}${name}`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
