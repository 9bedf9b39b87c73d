"""Write ``reference/topics.md`` at build time: every code of the pinned IPTC Media Topics.

The page is made from the vocabulary the package ships (:mod:`newsdata.topics`), so it
always shows the release the topic check uses: each code with its English, German and
French labels (where the release has them), its broader codes and, for a retired code, the date
and IPTC's note. A filter box finds a code or a label; the table scrolls inside its own
box, so that it reads on a phone.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from newsdata.topics import Vocabulary, vocabulary

# filters the rows as one types; without script the whole table shows
_FILTER = """<script>
(function () {
  var box = document.getElementById("nd-topics-filter");
  var rows = document.querySelectorAll("#nd-topics tbody tr");
  var shown = document.getElementById("nd-topics-shown");
  box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (row) {
      var hit = !q || row.textContent.toLowerCase().indexOf(q) >= 0;
      row.hidden = !hit;
      if (hit) { n += 1; }
    });
    shown.textContent = n + " of " + rows.length;
  });
})();
</script>"""


def anchor(code: str) -> str:
    """The id of a code's row: ``medtop:20000640`` -> ``medtop-20000640``.

    Examples
    --------
    >>> anchor("medtop:20000640")
    'medtop-20000640'
    """
    return code.replace(":", "-")


# the languages the validator knows, in the order the columns show them
_NAMES = {"en": "English", "de": "German", "fr": "French"}


def _others(vocab: Vocabulary) -> list[str]:
    """The release's languages besides English, in column order."""
    return sorted((t for t in vocab.languages if t != "en"), key=lambda t: (t not in _NAMES, t))


def _row(vocab: Vocabulary, code: str, others: list[str]) -> str:
    concept = vocab.concepts[code]
    english = html.escape(concept.labels["en"])
    if concept.retired:
        note = f" {html.escape(concept.note)}" if concept.note else ""
        english += f'<br><span class="nd-retired">retired {concept.retired}.{note}</span>'
    # the other languages under the English label: three columns fit a phone and a page
    translated = "".join(
        f'<br><span class="nd-lang" lang="{t}"><abbr title="{_NAMES.get(t, t)}">{t}</abbr> '
        f"{html.escape(concept.labels[t])}</span>"
        for t in others
        if t in concept.labels
    )
    scheme, number = code.split(":", 1) if ":" in code else ("", code)
    # a break after the prefix lets the code column narrow on a phone
    shown = f"{scheme}:<wbr>{number}" if scheme else number
    cells = [
        f"<td><code>{shown}</code></td>",
        f'<td><span lang="en">{english}</span>{translated}</td>',
    ]
    broader = ", ".join(
        f'<a href="#{anchor(b)}" title="{b}">{html.escape(vocab.concepts[b].labels["en"])}</a>'
        for b in concept.broader
    )
    cells.append(f"<td>{broader}</td>")
    retired = ' class="nd-retired-row"' if concept.retired else ""
    return f'<tr id="{anchor(code)}"{retired}>{"".join(cells)}</tr>'


def topics_page(vocab: Vocabulary) -> str:
    """The page's MyST source."""
    others = _others(vocab)
    names = [_NAMES.get(t, t) for t in others]
    retired = sum(1 for c in vocab.concepts.values() if c.retired)
    head = ["code", "label" + (f" (English; {', '.join(others)})" if others else ""), "broader"]
    if others:
        languages = (
            f"English, {', '.join(names[:-1])} and {names[-1]} labels"
            if len(names) > 1
            else f"English and {names[0]} labels"
        )
        languages += " (an article records the English label, whatever its language)"
    else:
        languages = "English labels only"
    lines = [
        "# IPTC Media Topics",
        "",
        f"The IPTC Media Topics release **{vocab.release}**, the one newsdata pins: "
        f"{len(vocab)} codes, {retired} of them retired, with {languages}. Pick codes here "
        "as the {doc}`/guidelines/topics` say; record the release date as the topic's "
        "`version`. Type a code or a word of a label in the box to filter the table; a "
        "broader code links to its row.",
        "",
        f"*{vocab.attribution}*",
        "",
        "```{raw} html",
        '<p class="nd-topics-search"><label>Filter: <input type="search" '
        'id="nd-topics-filter" placeholder="code or label" autocomplete="off"></label> '
        f'<span id="nd-topics-shown">{len(vocab)} of {len(vocab)}</span></p>',
        '<div class="nd-topics-box table-wrapper"><table id="nd-topics" class="nd-topics">',
        "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>",
        *(_row(vocab, code, others) for code in sorted(vocab.concepts)),
        "</tbody></table></div>",
        _FILTER,
        "```",
        "",
    ]
    return "\n".join(lines)


def _generate(app: Sphinx) -> None:
    reference = Path(app.srcdir) / "reference"
    reference.mkdir(exist_ok=True)
    (reference / "topics.md").write_text(topics_page(vocabulary()), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _generate)
    app.add_css_file("newsdata-topics.css")
    return {"parallel_read_safe": True, "version": "1"}
