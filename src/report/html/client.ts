import type { SizeTree } from "../../analysis/size-tree.js";
import { escapeXml, layoutTreemap, subtreeAt, treemapSvg } from "./treemap.js";

// The report page runs this (bundled by esbuild into client-bundle.ts); Node never imports it.
// The project's TypeScript lib has no DOM, so the few DOM objects used are typed loosely here.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;

interface PageData {
  tree?: SizeTree;
}

function start(): void {
  const dataEl = document.getElementById("ballast-data");
  const data: PageData = dataEl ? JSON.parse(dataEl.textContent) : {};
  if (data.tree) treemapZoom(data.tree);
  tableFilters();
}

/** Click a directory to zoom into it; the breadcrumb, Escape or Backspace go back up. */
function treemapZoom(tree: SizeTree): void {
  const svg = document.getElementById("treemap");
  const crumbs = document.getElementById("treemap-path");
  if (!svg || !crumbs) return;
  const width = Number(svg.getAttribute("data-width"));
  const height = Number(svg.getAttribute("data-height"));
  let current = "/";
  const show = (path: string) => {
    const node = subtreeAt(tree, path);
    if (!node?.children?.length) return;
    current = path;
    svg.innerHTML = treemapSvg(layoutTreemap(node, path, width, height));
    svg.setAttribute("data-root", path);
    const parts = path.split("/").filter(Boolean);
    const links = [`<button type="button" data-path="/">/</button>`];
    parts.forEach((name, i) =>
      links.push(
        `<button type="button" data-path="/${escapeXml(parts.slice(0, i + 1).join("/"))}/">${escapeXml(name)}/</button>`,
      ),
    );
    crumbs.innerHTML = links.join("");
  };
  svg.addEventListener("click", (e: any) => {
    const g = e.target.closest("g.dir");
    if (g) show(g.getAttribute("data-path"));
  });
  crumbs.addEventListener("click", (e: any) => {
    const b = e.target.closest("[data-path]");
    if (b) show(b.getAttribute("data-path"));
  });
  document.addEventListener("keydown", (e: any) => {
    if (
      (e.key === "Escape" || e.key === "Backspace") &&
      current !== "/" &&
      e.target.tagName !== "INPUT"
    ) {
      show(current.replace(/[^/]+\/$/, ""));
    }
  });
}

/** `<input data-filter="TABLE-ID">` hides the rows of that table that do not contain the text. */
function tableFilters(): void {
  for (const input of document.querySelectorAll("input[data-filter]")) {
    const table = document.getElementById(input.getAttribute("data-filter"));
    if (!table) continue;
    input.addEventListener("input", () => {
      const needle = String(input.value).toLowerCase();
      for (const row of table.querySelectorAll("tbody tr"))
        row.hidden = needle !== "" && !row.textContent.toLowerCase().includes(needle);
    });
  }
}

start();
