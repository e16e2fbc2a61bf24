"""The web page's style sheet, inline in the page: a desktop's columns, a phone's cards, and print.

The column is 76rem wide, as wide as the signatories' table at its
narrowest (its ids never break on a desktop), so that a 1280-pixel screen
shows it whole; on a narrower desktop it and the candidates' table scroll
sideways in a box of their own rather than stick out of the column.
Below 40rem the tables become cards (each value under its label), long
words and ids wrap and the timeline scrolls in its own box, so the page is
never wider than the screen; in print the links show their addresses and the
navigation is hidden. No rule fetches anything (the page's CSP forbids it).
"""

STYLE = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4d4d4d; --rule: #c9c9c9; --link: #0b57a4;
  --signed: #1d6b3a; --announced: #8a5208; --candidate: #3d5f86; --bad: #a5211a; --paper: #ffffff; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 76rem; padding: 1rem 1.5rem 3rem;
  background: var(--paper); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.8rem; margin: .5rem 0; } h2 { margin-top: 2.5rem; border-bottom: 2px solid var(--ink); }
h3 { margin: 1.5rem 0 .25rem; font-size: 1.1rem; }
a { color: var(--link); } a:focus { outline: 2px solid var(--link); }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; list-style: none; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); }
.status { font-weight: 600; white-space: nowrap; }
.status-signed { color: var(--signed); } .status-announced { color: var(--announced); }
.status-candidate { color: var(--candidate); } .status-suspended, .status-withdrawn { color: var(--bad); }
.state-overdue { color: var(--bad); font-weight: 700; } .state-pending { color: #5b2a86; font-weight: 600; }
.state-stalled, .state-partly-fulfilled { color: var(--announced); font-weight: 600; }
.promise { display: block; font-weight: normal; font-size: .9rem; }
ol.steps { margin: .25rem 0 0; padding-left: 1.25rem; font-size: .9rem; color: var(--muted); }
.muted, .meta { color: var(--muted); } .meta { margin: 0; font-size: .95rem; }
details { border: 1px solid var(--rule); border-radius: 4px; padding: .25rem .75rem; margin: .4rem 0; }
summary { cursor: pointer; font-weight: 600; }
blockquote { margin: .25rem 0 .25rem 0; padding: .25rem .75rem; border-left: 4px solid var(--rule);
  background: #f6f6f6; }
.verified { font-size: .85rem; color: var(--signed); }
figure { margin: 0; } svg { max-width: 100%; height: auto; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; list-style: none; }
.legend svg { vertical-align: middle; }
article { border-top: 1px solid var(--rule); } ol.citations { padding-left: 1.25rem; }
:target { background: #fff6cc; }
.when, .status, time { white-space: nowrap; }
code.id, a.id { white-space: nowrap; } code.id { font-size: .9em; }
.source-title { font-style: italic; }
.chart { overflow-x: auto; } .chart svg { min-width: 36rem; }
.wide { overflow-x: auto; } .wide:focus { outline: 2px solid var(--link); }
@media (max-width: 40rem) {
  body { padding: .5rem .75rem 2rem; font-size: 15px; overflow-wrap: anywhere; } h1 { font-size: 1.4rem; }
  table.cards, table.cards tbody, table.cards tr, table.cards td, table.cards th { display: block; }
  table.cards thead { display: none; } table.cards caption { display: block; }
  table.cards tr { border: 1px solid var(--rule); border-radius: 4px; margin: .5rem 0;
    padding: .25rem .5rem; }
  table.cards td, table.cards th { border: none; padding: .1rem 0; }
  table.cards td[data-label]::before { content: attr(data-label) ": "; font-weight: 600;
    color: var(--muted); }
  code.id, a, a.id { overflow-wrap: anywhere; white-space: normal; }
  .wide { overflow-x: visible; }
  blockquote { margin-left: 0; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; } nav, .noprint { display: none; }
  a { color: inherit; } a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .8em; }
  details { border: none; padding: 0; }
  details::details-content { content-visibility: visible; display: block; }
  h2 { break-after: avoid; } tr, article, figure { break-inside: avoid; }
}
"""
