import type { SizeTree } from "../../analysis/size-tree.js";
import { layerChart, TREEMAP, type ChartLayer } from "./sections.js";
import { escapeXml, layoutTreemap, subtreeAt, treemapSvg, type ColourBy } from "./treemap.js";

// The report page runs this (bundled by esbuild into client-bundle.ts); Node never imports it.
// The project's TypeScript lib has no DOM, so the few DOM objects used are typed loosely here.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;

interface PageData {
  tree?: SizeTree;
  /** Per layer: the files it added or modified, by directory. */
  walk?: SizeTree[];
  chart?: ChartLayer[];
}

/** Below this width (CSS px) the charts are drawn at the width they have, not scaled down. */
const NARROW = 760;

function start(): void {
  const dataEl = document.getElementById("ballast-data");
  const data: PageData = dataEl ? JSON.parse(dataEl.textContent) : {};
  if (data.tree) treemap(data);
  if (data.chart) layerChartAtWidth(data.chart);
  tableFilters();
}

/**
 * The treemap: zoom into directories (click, or Enter on a focused cell), back with the
 * breadcrumb, Escape or Backspace; switch between the final filesystem and one layer's
 * files (layer buttons, or a layer of the chart); colour by directory, layer or waste.
 */
function treemap(data: PageData): void {
  const svg = document.getElementById("treemap");
  const crumbs = document.getElementById("treemap-path");
  if (!svg || !crumbs) return;
  let tree = data.tree!;
  let current = "/";
  let colourBy: ColourBy = "directory";
  const show = (path: string) => {
    const node = subtreeAt(tree, path);
    if (!node?.children?.length) return;
    current = path;
    const narrow = svg.clientWidth > 0 && svg.clientWidth < NARROW;
    const width = narrow ? Math.round(svg.clientWidth) : TREEMAP.width;
    const height = narrow ? Math.round(width * 1.2) : TREEMAP.height;
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.innerHTML = treemapSvg(layoutTreemap(node, path, width, height), colourBy);
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
  const zoom = (e: any) => {
    const g = e.target.closest("g.dir");
    if (g) show(g.getAttribute("data-path"));
  };
  svg.addEventListener("click", zoom);
  svg.addEventListener("keydown", (e: any) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      zoom(e);
    }
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
  const title = document.getElementById("treemap-title");
  const selectLayer = (layer: string) => {
    const walked = layer === "final" ? undefined : data.walk?.[Number(layer)];
    if (layer !== "final" && !walked) return;
    tree = walked ?? data.tree!;
    if (title)
      title.textContent =
        layer === "final" ? "Final filesystem" : `Layer ${layer}: the files it added or modified`;
    pressed("#layer-picker [data-layer]", (b) => b.getAttribute("data-layer") === layer);
    pressed("#layer-chart g.layer", (g) => g.getAttribute("data-layer") === layer, "aria-current");
    const details = document.getElementById(`layer-${layer}`);
    if (details) details.open = true;
    show("/");
  };
  document.addEventListener("click", (e: any) => {
    const pick = e.target.closest("#layer-picker [data-layer], #layer-chart g.layer");
    if (pick) selectLayer(pick.getAttribute("data-layer"));
    const colour = e.target.closest("#treemap-colour [data-colour]");
    if (colour) {
      colourBy = colour.getAttribute("data-colour");
      pressed("#treemap-colour [data-colour]", (b) => b === colour);
      show(current);
    }
  });
  document.addEventListener("keydown", (e: any) => {
    const g = e.target.closest?.("#layer-chart g.layer");
    if (g && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      selectLayer(g.getAttribute("data-layer"));
    }
  });
  let width = svg.clientWidth;
  const redraw = () => {
    if (Math.abs(svg.clientWidth - width) < 8) return;
    width = svg.clientWidth;
    show(current);
  };
  if (svg.clientWidth < NARROW) show("/");
  window.addEventListener("resize", redraw);
}

function pressed(selector: string, on: (el: any) => boolean, attribute = "aria-pressed"): void {
  for (const el of document.querySelectorAll(selector))
    el.setAttribute(attribute, on(el) ? "true" : "false");
}

/** Redraws the layer chart at the width it is shown at, when that is narrower than drawn. */
function layerChartAtWidth(chart: ChartLayer[]): void {
  const draw = () => {
    const svg = document.getElementById("layer-chart");
    if (!svg || !(svg.clientWidth > 0) || svg.clientWidth >= NARROW) return;
    const holder = document.createElement("div");
    holder.innerHTML = layerChart(chart, "layer-chart", Math.round(svg.clientWidth));
    svg.replaceWith(holder.querySelector("svg"));
  };
  draw();
  window.addEventListener("resize", draw);
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
