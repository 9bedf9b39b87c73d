"""The corpus catalog, generated at build time: one page per article (its text with every
annotation visible) and the corpus statistics with charts.

Written for a phone as much as for a desk: metadata are lists, not wide tables; a
mention shows its label as text; a tapped annotation shows its details right after
it; charts are SVG with a ``viewBox`` that scale to the screen.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from pathlib import Path
from typing import Any

from newsdata.layout import CorpusLayout, dataset_dir


def articles_of(dataset: Path | None = None) -> list[dict[str, Any]]:
    """The articles of the corpus at ``dataset`` (default: the shipped one) as JSON dicts."""
    files = CorpusLayout(dataset or dataset_dir()).article_files()
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def cell(text: str) -> str:
    """``text`` fit for a Markdown table cell: pipes escaped, on one line."""
    return text.replace("|", "\\|").replace("\n", " ")


def plain(text: str) -> str:
    """``text`` shown as written: Markdown's special characters escaped, on one line."""
    return re.sub(r"([\\`*_\[\]<>#|~$])", r"\\\1", text.replace("\n", " "))


def language_name(tag: str) -> str:
    """The English name of a BCP 47 tag, from the CLDR data Babel ships (Sphinx needs it).

    Examples
    --------
    >>> language_name("de"), language_name("en-GB"), language_name("qaa")
    ('German', 'English (United Kingdom)', 'qaa')
    """
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name("en")
    except (ValueError, UnknownLocaleError):
        return tag
    return str(name) if name else tag


def raw(markup: str) -> list[str]:
    """MyST lines that put ``markup`` into the HTML as is."""
    return ["```{raw} html", markup, "```", ""]


LABEL_CLASSES = ("PER", "LOC", "ORG", "OTH")


def _speakers(q: dict[str, Any], entities: dict[str, dict[str, Any]]) -> str:
    """Who speaks, as a reader names them: the entities (joint speakers joined by "&"),
    else the article's own words; "(inferred)" when the text does not attribute it."""
    ids = [q["speaker"], *q.get("co_speakers", [])] if q["speaker"] else []
    who = " & ".join(entities[i]["name"] for i in ids) or q["speaker_text"] or "—"
    return f"{who} (inferred)" if q.get("inferred") else who


def _annotated_html(doc: dict[str, Any]) -> str:
    """The text with every annotation as nested elements; crossing spans are split.

    Everything is readable without hovering: each quotation ends with a tag naming its
    id, kind and speaker; labels differ by class and by `deriv`/`part`; titles and
    headings look like headings; a mention's label follows it as text, so colour is
    never the only sign. Each annotation's first element can take the focus (keyboard,
    or a tap), which shows its details right after it, where the reader looks.
    """
    text = doc["text"]
    entities = {e["id"]: e for e in doc["entities"]}
    # start, end, layer order, class, title, the label shown after the words ("" for none)
    spans: list[tuple[int, int, int, str, str, str]] = []
    for b in doc["blocks"]:
        spans.append((b["start"], b["end"], 0, f"nd-block nd-{b['kind']}", b["kind"], ""))
    tags: dict[int, list[str]] = {}  # where a quotation ends -> its visible tag
    for q in doc["quotes"]:
        who = _speakers(q, entities)
        cue = f", cue: {q['cue']['text']}" if q["cue"] else ""
        spans.append(
            (
                q["start"],
                q["end"],
                1,
                f"nd-quote nd-quote-{q['kind']}",
                f"{q['id']} {q['kind']} quote: {who}{cue}",
                "",
            )
        )
        tags.setdefault(q["end"], []).append(f"{q['id']} · {q['kind']} · {who}")
        if q["cue"]:
            spans.append((q["cue"]["start"], q["cue"]["end"], 1, "nd-cue", f"cue of {q['id']}", ""))
    for m in doc["mentions"]:
        entity = entities.get(m["entity"] or "", {})
        link = f" → {entity.get('name')}" + (
            f" ({entity['wikidata']})" if entity.get("wikidata") else ""
        )
        variant = " nd-deriv" if m["label"].endswith("deriv") else ""
        variant = " nd-part" if m["label"].endswith("part") else variant
        spans.append(
            (
                m["start"],
                m["end"],
                2,
                f"nd-m nd-{m['label'][:3]}{variant}",
                f"{m['id']} {m['label']}{link if entity else ''}",
                m["label"],
            )
        )
    for t in doc["timexes"]:
        mod = f" {t['mod']}" if t.get("mod") else ""
        spans.append(
            (t["start"], t["end"], 3, "nd-timex", f"{t['id']} {t['type']} {t['value']}{mod}", "")
        )
    cuts = sorted({0, len(text)} | {s for s, *_ in spans} | {e for _, e, *_ in spans})
    out = []
    for a, b in itertools.pairwise(cuts):
        active = sorted(
            (s for s in spans if s[0] <= a and b <= s[1]), key=lambda s: (s[2], s[0], -s[1])
        )
        piece = html.escape(text[a:b])
        for start, end, _, css, title, label in reversed(active):
            tip = html.escape(title)
            if start == a and not css.startswith("nd-block"):  # first piece: focusable
                attributes = f'class="{css}" title="{tip}" data-tip="{tip}" tabindex="0"'
            else:
                attributes = f'class="{css}" title="{tip}"'
            if label and end == b:  # the label, as text, after the mention's last piece
                attributes += f' data-label="{html.escape(label)}"'
            piece = f"<span {attributes}>{piece}</span>"
        out.append(piece)
        for tag in tags.get(b, []):
            out.append(f'<span class="nd-tag">{html.escape(tag)}</span>')
    return '<div class="nd-text">' + "".join(out) + "</div>"


def _bar_chart(title: str, counts: dict[str, int]) -> str:
    """A horizontal bar chart as inline SVG (no plotting library, no image file).

    It has a ``viewBox`` and no fixed size, so it scales to the width of the screen;
    the label column is as wide as the longest label.
    """
    rows = list(counts.items())
    top = max([v for _, v in rows] + [1])
    left = 7 * max([len(label) for label, _ in rows] + [4]) + 10  # ~7 units per character
    bar = 260  # the longest bar; its number follows it
    width = left + bar + 10 + 7 * len(f"{top}")
    height = 22 * len(rows) + 30
    bars = []
    for i, (label, value) in enumerate(rows):
        y = 25 + 22 * i
        length = int(bar * value / top)
        bars.append(
            f'<text x="{left - 5}" y="{y + 13}" text-anchor="end">{html.escape(label)}</text>'
            f'<rect x="{left}" y="{y}" width="{length}" height="16" class="nd-bar"/>'
            f'<text x="{left + length + 5}" y="{y + 13}">{value}</text>'
        )
    return (
        f'<svg class="nd-chart" role="img" aria-label="{html.escape(title)}" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<text x="0" y="15" font-weight="bold">{html.escape(title)}</text>{"".join(bars)}</svg>'
    )


def write_catalog(directory: Path, dataset: Path | None = None) -> None:
    from newsdata.stats import count

    directory.mkdir(exist_ok=True)
    for stale in directory.glob("*.md"):  # pages of articles that are gone
        stale.unlink()
    articles = articles_of(dataset)
    counts = count(articles)
    index = [
        "# Corpus catalog",
        "",
        "Generated at build time from `dataset/`: one page per article, with its text and",
        "every annotation visible, the {doc}`corpus statistics <statistics>` and the",
        "{doc}`dataset card <card>` as it ships.",
        "",
        # Article pages stay out of the navigation tree (they are orphans, linked from
        # the table): a tree entry per article would put every article in every page's
        # sidebar, and the site would grow with the square of the corpus.
        "```{toctree}",
        ":hidden:",
        "",
        "statistics",
        "card",
        "```",
        "",
    ]
    # a list, not a seven-column table: it reads on a phone without scrolling sideways
    for doc in articles:
        index += [
            f"{{doc}}`{plain(doc['title'])} <{doc['id']}>`",
            f": `{doc['id']}` · {language_name(doc['language'])} · "
            f"published {doc['published'] or 'unknown'} · {len(doc['mentions'])} mentions · "
            f"{len(doc['quotes'])} quotations · {len(doc['timexes'])} temporal expressions",
            "",
        ]
    (directory / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")

    stats = [
        "# Corpus statistics",
        "",
        f"Counts over the {counts['articles']} article(s) of version "
        "{sub-ref}`release` (the same figures `newsdata info` prints).",
        "",
    ]
    stats += raw(_bar_chart("Items per layer", counts["layers"]))
    stats += raw(_bar_chart("Mentions per label", counts["mention_labels"]))
    for title, key in (
        ("Entity types", "entity_types"),
        ("Block kinds", "block_kinds"),
        ("Quote kinds", "quote_kinds"),
        ("Timex types", "timex_types"),
    ):
        stats += [f"## {title}", "", "| value | count |", "|---|---|"]
        stats += [f"| `{k}` | {v} |" for k, v in counts[key].items()] + [""]
    (directory / "statistics.md").write_text("\n".join(stats), encoding="utf-8")

    for doc in articles:
        entities = {e["id"]: e for e in doc["entities"]}
        source = doc["source"]
        page = [
            "---",
            "orphan: true",
            "---",
            "",
            f"# {doc['title']}",
            "",
            # a definition list, not a two-column table: long values wrap on a phone
            "id",
            f": `{doc['id']}`",
            "",
            "language",
            f": {language_name(doc['language'])} (`{doc['language']}`)",
            "",
            "published",
            f": {doc['published'] or 'unknown'}",
            "",
            "reading time",
            f": {doc.get('reading_time') or 'not stated'}",
            "",
            "source",
            f": {plain(source['name'] or 'unknown')}; address {plain(source['url'] or 'unknown')}; "
            f"retrieved {source['retrieved'] or 'unknown'}",
            "",
            "rights",
            f": {plain(doc['rights'])}",
            "",
            "guidelines",
            f": {doc['annotation']['guidelines']} "
            f"({', '.join(f'{k}: {v}' for k, v in doc['annotation']['methods'].items())})",
            "",
            "## Text",
            "",
            "Mentions are coloured by class (PER, LOC, ORG, OTH); a `deriv` mention is",
            "italic and a `part` mention has a dotted edge; a mention nested inside another",
            "has a dashed outline. Quotations are underlined, one style per kind, and end",
            "with a tag giving their id, kind and speaker; cues are bold; temporal",
            "expressions are boxed; boilerplate is grey. Each mention is followed by its label.",
            "Tap, click or tab to an annotation to show its details (id, label, entity, value)",
            "right after it.",
            "",
            *raw(
                '<p class="nd-legend"><span class="nd-m nd-PER">PER</span> '
                '<span class="nd-m nd-LOC">LOC</span> <span class="nd-m nd-ORG">ORG</span> '
                '<span class="nd-m nd-OTH">OTH</span> '
                '<span class="nd-m nd-LOC nd-deriv">LOCderiv</span> '
                '<span class="nd-m nd-LOC nd-part">LOCpart</span> '
                '<span class="nd-m nd-LOC">outer <span class="nd-m nd-PER">nested</span></span> '
                '<span class="nd-quote nd-quote-direct">direct</span> '
                '<span class="nd-quote nd-quote-mixed">mixed</span> '
                '<span class="nd-quote nd-quote-indirect">indirect</span> '
                '<span class="nd-quote nd-quote-reported">reported</span> '
                '<span class="nd-cue">cue</span> <span class="nd-timex">timex</span> '
                '<span class="nd-boilerplate">boilerplate</span></p>'
            ),
            *raw(_annotated_html(doc)),
            "## Entities",
            "",
            "| id | name | type | Wikidata | mentions |",
            "|---|---|---|---|---|",
        ]
        for e in doc["entities"]:
            n = sum(1 for m in doc["mentions"] if m["entity"] == e["id"])
            qid = e["wikidata"]
            shown = f"[{qid}](https://www.wikidata.org/wiki/{qid})" if qid else "—"
            page.append(f"| `{e['id']}` | {e['name']} | {e['type']} | {shown} | {n} |")
        # a definition list, not a table: long quotations must read well on a phone
        page += ["", "## Quotations", ""]
        for q in doc["quotes"]:
            cue = f" · cue *{plain(q['cue']['text'])}*" if q["cue"] else " · no cue"
            parts = q.get("verbatim", [])
            if [(v["start"], v["end"]) for v in parts] == [(q["start"], q["end"])]:
                words = "verbatim: the whole content"
            elif parts:
                words = "verbatim: " + " · ".join(f"„{plain(v['text'])}“" for v in parts)
            else:
                words = "no verbatim words"
            page += [
                f"**{q['id']}** · {q['kind']} · {plain(_speakers(q, entities))}{cue}",
                f": {plain(q['text'])}",
                "",
                f"  *{words}*",
                "",
            ]
        page += ["", "## Temporal expressions", "", "| id | text | type | value | mod |"]
        page += ["|---|---|---|---|---|"]
        for t in doc["timexes"]:
            page.append(
                f"| {t['id']} | {t['text']} | {t['type']} | `{t['value']}` | {t.get('mod') or ''} |"
            )
        page += ["", "## Topics", "", "| scheme | version | code | label |", "|---|---|---|---|"]
        for topic in doc["topics"]:
            page.append(
                f"| {topic['scheme']} | {topic['version'] or ''} | `{topic['code']}` | "
                f"{topic['label']} |"
            )
        if doc["annotation"].get("notes"):
            page += ["", "## Annotation notes", "", doc["annotation"]["notes"]]
        (directory / f"{doc['id']}.md").write_text("\n".join(page) + "\n", encoding="utf-8")
