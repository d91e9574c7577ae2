/** The report's stylesheet: system fonts only (no fetches), light and dark, printable. */
export const CSS = `
:root{--fg:#1d2330;--muted:#5b6472;--bg:#fff;--card:#f5f7fa;--line:#dde2ea;--accent:#2457c5;--bad:#b3261e;--good:#1e7a3c;--warn:#9a6700;--c1:#2f6fdf;--c2:#9dbaf0}
@media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#a0a8b6;--bg:#14171d;--card:#1d2129;--line:#313744;--accent:#7ea6ff;--bad:#ff7b72;--good:#56d364;--warn:#e3b341;--c1:#5b8def;--c2:#2d4f8f}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1200px;padding:24px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
code,.mono,td.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.ref{font-family:ui-monospace,monospace;word-break:break-all;margin:0}.meta{color:var(--muted);margin:4px 0 0;overflow-wrap:anywhere}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px;margin-top:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card .k{color:var(--muted);font-size:12px}.card .v{font-size:20px;font-weight:600}.card .s{color:var(--muted);font-size:12px}
.bad{color:var(--bad)}.good{color:var(--good)}.warn{color:var(--warn)}
svg{display:block;width:100%;height:auto}
#treemap .cell rect{stroke:var(--bg);stroke-width:.5}#treemap .dir{cursor:zoom-in}#treemap .cell:hover>rect{opacity:.85}
#treemap text{font:11px system-ui,sans-serif;fill:#111;pointer-events:none}
#treemap-path button{font:inherit;font-family:ui-monospace,monospace;background:none;border:0;color:var(--accent);cursor:pointer;padding:0 1px}
.chart text{font:11.5px system-ui,sans-serif;fill:var(--fg)}.chart .instr{font-family:ui-monospace,monospace;font-size:11px;fill:var(--muted)}
.chart .compressed{fill:var(--c1)}.chart .uncompressed{fill:var(--c2)}.chart .removed{fill:var(--bad)}.chart .added{fill:var(--good)}
.legend span{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 12px;vertical-align:-1px}
.legend .compressed{background:var(--c1)}.legend .uncompressed{background:var(--c2)}.legend .added{background:var(--good)}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:12px}td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.path{word-break:break-all}td.instr{font-family:ui-monospace,monospace;font-size:12px;color:var(--muted);word-break:break-word}
input[type=search]{font:inherit;padding:4px 8px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);width:280px}
.sev{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600}
.sev-error{background:var(--bad);color:#fff}.sev-warning{background:var(--warn);color:#fff}.sev-info,.sev-style{background:var(--line)}
details{margin:4px 0}summary{cursor:pointer}pre{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:8px;overflow:auto;font-size:12px}
.muted{color:var(--muted)}footer{margin-top:40px;color:var(--muted);font-size:12px}
.scroll{overflow-x:auto;max-width:100%}td code,summary code,details p code{word-break:break-all}
.treemap-bar{display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center;margin:4px 0}#treemap-title{font-weight:600}
.toggle button{font:inherit;font-size:12.5px;border:1px solid var(--line);background:var(--card);color:var(--fg);padding:3px 8px;margin:2px 4px 2px 0;border-radius:6px;cursor:pointer}
.toggle button[aria-pressed=true]{background:var(--accent);border-color:var(--accent);color:var(--bg)}
.layer-picker .added{color:var(--good)}.layer-picker .modified{color:var(--warn)}.layer-picker .removed{color:var(--bad)}.layer-picker [aria-pressed=true] span{color:inherit}
td.change{font-weight:700;font-family:ui-monospace,monospace}td.added{color:var(--good)}td.modified{color:var(--warn)}
#treemap .cell:focus{outline:none}#treemap .cell:focus>rect{stroke:var(--accent);stroke-width:3}
.chart g.layer{cursor:pointer}.chart g.layer:focus{outline:none}.chart g.layer:focus text,.chart g.layer[aria-current=true] text{fill:var(--accent);font-weight:700}
@media (max-width:600px){body{padding:12px}input[type=search]{width:100%}.card .v{font-size:17px}}
@media print{#treemap-path,input[type=search],.toggle{display:none}}
`;
