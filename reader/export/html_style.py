"""The stylesheet of the HTML export: screen and print, light colours, no scripts."""

PAGE_CSS = """
:root { color-scheme: light; font-size: 16px; }
* { box-sizing: border-box; }
body { font-family: "Noto Serif", Georgia, "Times New Roman", serif, "Noto Color Emoji";
  color: #1b1b1b; background: #ffffff; margin: 2rem auto; max-width: 1400px; padding: 0 1.5rem;
  line-height: 1.5; font-size: 1rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; border-bottom: 1px solid #c8c8c8;
  padding-bottom: .2rem; }
header .exported, .colophon { color: #555; font-size: .9rem; }
table { border-collapse: collapse; }
th { text-align: left; }
.versions { width: 100%; margin-top: 1rem; }
.versions td.version { border: 1px solid #c8c8c8; padding: .6rem .8rem; vertical-align: top; }
.side-name { margin: 0; font-size: .8rem; text-transform: uppercase; letter-spacing: .05em;
  color: #555; }
.version-title { margin: .2rem 0 .4rem; }
.facts th { font-weight: normal; color: #555; padding: 0 1rem 0 0; font-size: .9rem; }
.facts td { font-size: .9rem; overflow-wrap: anywhere; }
.stats th { font-weight: normal; color: #444; padding: .15rem 1.5rem .15rem 0; }
.legend td { padding: .25rem .8rem .25rem 0; vertical-align: top; }
table.compare { width: 100%; table-layout: fixed; font-size: .95rem; }
table.compare th:nth-child(1) { width: 7.5rem; }
table.compare th:nth-child(4) { width: 22%; }  /* notes: only when a row has one */
table.compare th { background: #f1f1f1; border: 1px solid #bdbdbd; padding: .4rem .5rem;
  font-size: .85rem; }
table.compare td { border: 1px solid #d4d4d4; padding: .45rem .55rem; vertical-align: top;
  overflow-wrap: anywhere; }
td.margin { font-size: .78rem; color: #444; text-align: left; }
td.margin .badge, td.margin .similarity, td.margin .moved-link { display: block;
  margin-top: .2rem; width: fit-content; }
.row-number { color: #444; font-weight: bold; text-decoration: none; }
.similarity { color: #555; }
tr.edited td.side { background: #fffaeb; }
tr.added ins, tr.removed del { background: none; }
tr.added td.right { background: #f1faf1; }
tr.removed td.left { background: #fdf1f0; }
td.side.empty { background: repeating-linear-gradient(135deg, #f6f6f6 0 6px, #ececec 6px 12px); }
tr.moved td.margin { border-left: 4px solid #2f6db5; }
tr.moved-from td { background: #f3f7fd; font-size: .85rem; color: #1f3f66; font-style: italic; }
tr.moved-from td.margin { border-left: 4px dashed #2f6db5; font-style: normal; }
:target { outline: 3px solid #2f6db5; outline-offset: -3px; }
del { background: #fbd3d0; color: #4d0707; text-decoration: line-through;
  text-decoration-color: #a4161a; text-decoration-thickness: 2px; }
ins { background: #cdeccd; color: #08361a; text-decoration: underline;
  text-decoration-color: #1a7f37; text-decoration-thickness: 2px; text-underline-offset: 2px; }
/* Screen readers announce the change too; the words are not duplicated for sighted readers. */
del::before, del::after, ins::before, ins::after { position: absolute; width: 1px; height: 1px;
  overflow: hidden; clip-path: inset(100%); white-space: nowrap; }
del::before { content: " [deleted: "; }
ins::before { content: " [inserted: "; }
del::after, ins::after { content: "] "; }
mark { color: inherit; background: #fffbe0; border: 2px solid; border-radius: 3px;
  padding: 0 1px; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
sup.noteref { font-size: .7em; font-weight: bold; line-height: 0; }
sup.noteref a { text-decoration: none; color: #0b3c7a; padding: 0 .1em; }
.quoted-flagged { border: 1px dotted #6a34b5; border-left: 3px solid #6a34b5;
  padding: 0 2px; }  /* sliced across lines: the bracket opens it once, like the window's */
a.qflag { text-decoration: none; }
.badge { display: inline-block; font-family: system-ui, "Noto Sans", sans-serif;
  font-size: .72rem; font-weight: 600; line-height: 1.3; padding: .05rem .35rem;
  border-radius: 3px; border: 1px solid; white-space: nowrap; vertical-align: baseline; }
.badge.edited { background: #fff0c2; color: #5c3b00; border-color: #b98900; }
.badge.added { background: #d6f2d6; color: #0a4d1c; border-color: #3b8f4f; }
.badge.removed { background: #fbd9d5; color: #7a0c0c; border-color: #b3403a; }
.badge.moved { background: #dce9fb; color: #0b3c7a; border-color: #2f6db5; }
.badge.quote { background: #eadcfb; color: #3b1670; border-color: #6a34b5; }
.badge.label, .badge.orphaned, .badge.other { background: #efefef; color: #222;
  border-color: #888; }
.swatch { display: inline-block; width: .8em; height: .8em; border: 1px solid #555;
  vertical-align: -.05em; }
.note { font-family: system-ui, "Noto Sans", sans-serif, "Noto Color Emoji"; font-size: .85rem;
  margin: 0 0 .6rem; line-height: 1.4; }
.note-head { color: #444; }
.note-number { font-weight: bold; color: #0b3c7a; }
.note-side { font-size: .75rem; text-transform: uppercase; color: #555; }
.when { font-size: .75rem; color: #555; }
.note-body { margin-top: .15rem; overflow-wrap: anywhere; }
.note-author { color: #444; font-style: italic; overflow-wrap: anywhere; }
ul.notes, ol.notes { padding-left: 1.2rem; }
blockquote.passage { margin: .3rem 0; padding-left: .6rem; border-left: 3px solid #aaa;
  color: #333; font-style: italic; }
table.quotes { width: 100%; table-layout: fixed; font-size: .9rem; }
table.quotes th { background: #f1f1f1; border: 1px solid #bdbdbd; padding: .35rem .5rem; }
table.quotes td { border: 1px solid #d4d4d4; padding: .35rem .5rem; vertical-align: top;
  overflow-wrap: anywhere; }
table.quotes th:nth-child(1) { width: 2.5rem; }
table.quotes th:nth-child(2) { width: 9rem; }
table.quotes th:nth-child(3) { width: 9rem; }
table.quotes th:nth-child(6) { width: 6rem; }
.meaning, .evidence { font-size: .75rem; color: #555; }
td.num { text-align: right; }
.row-link { font-size: .75rem; white-space: nowrap; }
@media print {
  @page { size: A4; margin: 12mm 10mm 14mm; }
  :root { font-size: 9.5pt; }  /* every rem size scales down with it */
  body { margin: 0; padding: 0; max-width: none; line-height: 1.35; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table.compare th:nth-child(1) { width: 5.2rem; }
  thead { display: table-header-group; }
  tr, .note, li { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  :target { outline: none; }
}
"""
