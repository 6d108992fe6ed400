/** One small stylesheet: readable type, visible focus, tables that scroll on a phone. */
export const STYLESHEET = `:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --accent: #6a1b9a; --warn: #fff4d6; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
.archived { background: #f1ecf7; border-left: 4px solid var(--accent); padding: 0.75rem 1rem; margin: 1rem 0; }
nav ul { list-style: none; padding: 0; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; }
nav a[aria-current="page"] { font-weight: bold; text-decoration: none; }
a { color: var(--accent); }
a:focus-visible, summary:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
h1 { line-height: 1.2; }
.meta { color: var(--muted); margin-bottom: 0; }
.summary { font-size: 1.125rem; }
details.warning { background: var(--warn); border: 1px solid #e0c060; border-radius: 4px; padding: 0.5rem 1rem; margin: 1rem 0; }
details.warning > summary { cursor: pointer; font-weight: bold; }
details.warning[open] > summary { margin-bottom: 0.5rem; }
.warned { background: #fff; margin: 0 -1rem -0.5rem; padding: 0.5rem 1rem; }
figure { margin: 1rem 0; }
img { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 0.9375rem; }
table { border-collapse: collapse; width: 100%; display: block; overflow-x: auto; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border-bottom: 1px solid #ddd; }
caption { text-align: left; font-weight: bold; padding: 0.5rem 0; }
.facts dt { font-weight: bold; }
.facts dd { margin: 0 0 0.5rem; }
ol.signatories { columns: 2 18rem; }
.signatories .name { font-weight: bold; }
.artwork { border-top: 1px solid #ddd; padding-top: 1rem; }
footer { color: var(--muted); border-top: 1px solid #ddd; margin-top: 2rem; padding-bottom: 2rem; }
`
