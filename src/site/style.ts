/**
 * The site's one stylesheet, inlined in every page so that a page saved to disk (the archive)
 * needs nothing else. Readable type, a visible focus ring, tables that scroll at 320 px, no
 * motion when the reader asks for less.
 */
export const STYLESHEET = `:root{color-scheme:light;--ink:#1b1b1b;--muted:#505050;--accent:#6b1f5c;--warn:#fff4d6;--warn-line:#8a6d00;--focus:#ffbf47}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff;overflow-wrap:anywhere}
.wrap{max-width:62rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999rem}
.skip:focus{position:static;display:block;padding:.5rem 1rem;background:var(--focus);color:#000}
a{color:var(--accent)}
a:hover{text-decoration-thickness:3px}
:focus-visible{outline:3px solid var(--focus);outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
.exit-bar{background:#f3f2f1;border-bottom:1px solid #ccc}
.exit-bar .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding-top:.4rem;padding-bottom:.4rem}
.exit-bar p{margin:0;font-size:.9375rem}
.exit{display:inline-block;background:#d4351c;color:#fff;font-weight:bold;padding:.5rem 1rem;border-radius:4px;text-decoration:none;border:2px solid #6e1b0d}
.exit:hover{background:#aa2a16;color:#fff}
.masthead{background:var(--accent);color:#fff}
.masthead .wrap{padding-top:.75rem;padding-bottom:.75rem}
.masthead a{color:#fff}
.site-name{font-size:1.5rem;font-weight:bold;text-decoration:none;display:inline-flex;align-items:center;gap:.5rem}
.site-name img{height:2.5rem;width:auto}
.masthead nav ul{list-style:none;padding:0;margin:.5rem 0 0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.masthead nav a[aria-current="page"]{text-decoration-thickness:3px}
.archived{background:#f1ecf7;border-left:4px solid var(--accent);padding:.75rem 1rem;margin:1rem 0}
main{padding-top:1rem;padding-bottom:2rem}
h1{line-height:1.2;font-size:2rem}
h2{line-height:1.25}
.meta{color:var(--muted);margin-top:0}
.summary{font-size:1.15rem}
.cards{list-style:none;padding:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr))}
.cards>li{border:1px solid #ccc;border-radius:4px;padding:1rem}
.cards h2,.cards h3{margin-top:0;font-size:1.2rem}
.cw-notice{background:var(--warn);border-left:6px solid var(--warn-line);padding:.75rem 1rem;margin:1rem 0}
.cw-notice h2{margin:0;font-size:1.2rem}
.cw-notice p{margin:.4rem 0}
details.cw{margin:1rem 0}
details.cw>summary{cursor:pointer;padding:.5rem 0}
details.cw-doc>summary{display:inline-block;background:var(--accent);color:#fff;font-weight:bold;padding:.5rem 1rem;border-radius:4px}
details.cw-doc[open]>summary{display:none}
details.cw-section{background:var(--warn);border:1px solid var(--warn-line);border-radius:4px;padding:0 1rem}
details.cw-section>summary .cw-label{font-weight:bold}
details.cw-section>summary .cw-action{text-decoration:underline}
details.cw-section[open]>summary .cw-action{display:none}
.cw-section .cw-body{background:#fff;margin:0 -1rem;padding:.25rem 1rem}
.cw-mark{display:inline-block;background:var(--warn);border:1px solid var(--warn-line);padding:0 .4rem;font-size:.9375rem;margin:.25rem 0}
.filters{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:flex-end;background:#f3f2f1;padding:.75rem 1rem;border-radius:4px}
.filters label{display:block;font-weight:bold}
select,input,textarea,button{font:inherit}
select,input[type=text],input[type=email],input[type=search]{padding:.4rem;border:2px solid #0b0c0c;border-radius:0;max-width:100%;min-height:2.75rem}
button,.button{display:inline-block;min-height:2.75rem;padding:.5rem 1rem;background:var(--accent);color:#fff;border:2px solid transparent;border-radius:4px;font-weight:bold;cursor:pointer;text-decoration:none}
.table-scroll{overflow-x:auto;position:relative}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.4rem .6rem;border-bottom:1px solid #bbb;overflow-wrap:normal}
caption{text-align:left;font-weight:bold;padding:.5rem 0}
th a{color:inherit}
.facts dt{font-weight:bold}
.facts dd{margin:0 0 .5rem}
.timeline{list-style:none;padding:0;border-left:4px solid var(--accent);margin-left:.5rem}
.timeline li{padding:0 0 1rem 1rem;position:relative}
.timeline time{font-weight:bold;display:block}
.count{font-size:1.5rem;font-weight:bold}
ol.signatories{columns:2 16rem;padding-left:2.75rem}
ol.signatories li{break-inside:avoid}
.signatories .name{font-weight:bold}
.pager{display:flex;gap:1rem;flex-wrap:wrap}
.sign-form{border:2px solid var(--accent);border-radius:4px;padding:1rem;margin:1.5rem 0}
.field{margin:0 0 1rem}
.field label,.field legend{display:block;font-weight:bold}
.field .hint{color:var(--muted);margin:0}
.field input[type=text],.field input[type=email]{width:100%;max-width:30rem}
.field-error{color:#b00020;font-weight:bold;margin:.25rem 0}
.field.invalid input{border-color:#b00020}
.field.check{display:flex;gap:.5rem;align-items:flex-start}
.field.check input{width:1.5rem;height:1.5rem;flex:none;margin-top:.2rem}
.field.check label{font-weight:normal}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.honeypot{position:absolute;left:-999rem;width:1px;height:1px;overflow:hidden}
.notice{background:#eef5ee;border-left:6px solid #00703c;padding:.75rem 1rem}
.problem{background:#fdecee;border-left:6px solid #b00020;padding:.75rem 1rem}
.gallery{list-style:none;padding:0;display:grid;gap:1.5rem;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr))}
.gallery figure{margin:0}
img{max-width:100%;height:auto}
figcaption{color:var(--muted);font-size:.9375rem}
footer.site-footer{border-top:4px solid var(--accent);background:#f3f2f1;margin-top:2rem;padding:1rem 0 2rem}
.crisis{background:#fff;border-left:6px solid #d4351c;padding:.75rem 1rem}
.crisis h2{margin-top:0;font-size:1.2rem}
.footer-links{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important;scroll-behavior:auto!important}}
@media print{.exit-bar,.masthead nav,.sign-form{display:none}}
`
