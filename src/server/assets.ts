/** The dashboard's one stylesheet, served from /assets/style.css (the CSP allows styles from the same origin only). */
export const STYLE = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d8dee4;--bg:#fff;--accent:#1f4e9c;--met:#116329;--partial:#7d4e00;--missing:#a40e26;--unknown:#57606a}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;padding:.75rem 1.25rem;border-bottom:1px solid var(--line)}
.brand{font-weight:700;color:var(--fg);text-decoration:none}header nav{display:flex;gap:1rem;flex-wrap:wrap}
header nav a{color:var(--accent)}header nav a[aria-current]{font-weight:700;text-decoration:none;color:var(--fg)}
main{max-width:72rem;margin:0 auto;padding:1rem 1.25rem 3rem}footer{color:var(--muted);font-size:.85rem;padding:1rem 1.25rem;border-top:1px solid var(--line)}
a{color:var(--accent)}a:focus-visible,button:focus-visible,select:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
h1{font-size:1.6rem;margin:.5rem 0 1rem;word-break:break-word}h2{font-size:1.15rem;margin:2rem 0 .5rem}
.crumbs{font-size:.9rem;color:var(--muted)}.meta,.note,.empty{color:var(--muted)}.big-stage{font-size:1.2rem}.big-stage strong{font-size:2rem}
.provisional{color:var(--partial);font-size:.95rem}
.ladder{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}.ladder li{border:1px solid var(--line);border-radius:6px;padding:.35rem .6rem}
.ladder li.reached{background:#eef4ff;border-color:var(--accent)}.sr{position:absolute;left:-9999px}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{font-weight:600;background:#f6f8fa}table.heat th,table.heat td{font-size:.85rem;white-space:nowrap}
.status{white-space:nowrap;font-weight:600}.status.met{color:var(--met)}.status.partial{color:var(--partial)}.status.missing{color:var(--missing)}.status.unknown,.status.na{color:var(--unknown)}
.stage-chip{font-size:.8rem;color:var(--muted)}.optional{font-size:.8rem;color:var(--muted)}
code{font-size:.85em;word-break:break-all}ul.evidence{margin:0;padding-left:1rem}
figure.trend{margin:0}.stage-chart text{font-size:12px;fill:#444}.stage-chart .grid{stroke:#e4e7eb}figcaption{font-size:.85rem;color:var(--muted)}
.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center}select,button{font:inherit;padding:.25rem .5rem}
.regression{color:var(--missing)}ol.regressions li{margin-bottom:.5rem}dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dt{font-weight:600}
@media (max-width:640px){main{padding:.75rem}h1{font-size:1.3rem}.big-stage strong{font-size:1.5rem}}
`;
