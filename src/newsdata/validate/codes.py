"""Every check `newsdata validate` runs: a stable code, its level, what it means, how to fix it.

Codes are part of the public contract: tools and exemption lists refer to them,
so a code is never renamed or reused for another meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["CHECKS", "LEVELS", "Check", "Level", "Severity"]

Level = Literal["file", "schema", "semantic", "corpus", "package"]
Severity = Literal["error", "warning"]
LEVELS: tuple[Level, ...] = ("file", "schema", "semantic", "corpus", "package")


@dataclass(frozen=True)
class Check:
    """One validation rule."""

    code: str
    level: Level
    description: str
    fix: str
    example: str = ""
    """An example message, for the few checks whose condition no fixture file can hold
    (the docs take the others' examples from the test fixtures)."""
    severity: Severity = "error"
    """``error`` makes the input invalid; a ``warning`` is reported and leaves it valid."""
    guideline: str = ""
    """The label of the annotation-guidelines section whose rule this check enforces
    (``""`` for the checks no guideline states: those of JSON, files and packages); that
    section links back to the code."""


_ALL = [
    # file ------------------------------------------------------------------
    Check("file-unreadable", "file", "The file cannot be read (permissions, a directory, an I/O error).",
          "Make the file readable.",
          example="cannot read the file: Permission denied"),
    Check("file-too-large", "file", "The file exceeds the size limit (16 MiB) for one article.",
          "Split the text or check that the right file was committed.",
          example="file has 17,000,000 bytes, more than the limit of 16,777,216"),
    Check("file-encoding", "file", "The file is not valid UTF-8.",
          "Re-save the file as UTF-8."),
    Check("file-bom", "file", "The file starts with a UTF-8 byte order mark, which JSON (RFC 8259) forbids.",
          "Re-save the file as UTF-8 without BOM."),
    Check("json-syntax", "file", "The file is not syntactically valid JSON.",
          "Fix the JSON at the line and column given (a missing comma, quote or bracket)."),
    Check("json-too-deep", "file", "The JSON nests deeper than the parser allows.",
          "An article nests only a few levels; the file is not an article."),
    Check("json-duplicate-key", "file", "An object has the same key twice; JSON parsers keep only one of them.",
          "Remove or rename the repeated key."),
    Check("json-nonfinite", "file", "The file uses NaN or Infinity, which are not JSON.",
          "Replace the value with a number or null."),
    Check("json-not-object", "file", "The top-level value is not a JSON object.",
          "An article file holds one JSON object."),
    Check("text-control-char", "file", "A string holds a control character other than newline and tab.",
          "Remove the character (line ends are LF only).",
          guideline="guide-verbatim-text"),
    Check("text-lone-surrogate", "file", "A string or key holds a lone UTF-16 surrogate escape (\\ud800-\\udfff); the document is checked no further.",
          "Replace the escape with the character it was meant to encode."),
    # schema ----------------------------------------------------------------
    Check("schema-required", "schema", "A required field is missing.",
          "Add the field; use null where the contract allows an unknown value."),
    Check("schema-additional-property", "schema", "A field that the contract does not define (often a typo).",
          "Rename the field to one the field reference lists, or remove it."),
    Check("schema-type", "schema", "A value has the wrong JSON type.",
          "Use the type the field reference gives (a string, an integer, an array, null)."),
    Check("schema-enum", "schema", "A value is not one of the allowed values.",
          "Use one of the values listed in the message."),
    Check("schema-pattern", "schema", "A string does not match the required pattern (ids, language tags, Wikidata ids).",
          "Write the value in the form the field reference gives."),
    Check("schema-format", "schema", "A string is not a valid value of its format (a real calendar date).",
          "Write a real date as YYYY-MM-DD."),
    Check("schema-min-length", "schema", "A string that must not be empty is empty.",
          "Fill in the value."),
    Check("schema-minimum", "schema", "A number is below its minimum (offsets are never negative).",
          "Use a value at or above the minimum."),
    Check("schema-maximum", "schema", "A number is above its maximum (offsets stay below 2**53, the largest integer every JSON reader keeps exactly).",
          "Use a value at or below the maximum; an offset lies inside the text."),
    Check("schema-other", "schema", "The value violates another JSON Schema rule.",
          "Read the message and the field reference.",
          example="\"Putin und Kim …\" is longer than 3 characters"),
    # semantic --------------------------------------------------------------
    Check("text-not-nfc", "semantic", "`text` is not in Unicode normalisation form NFC.",
          "Normalise the text to NFC (then re-anchor the spans).",
          guideline="guide-verbatim-text"),
    Check("span-empty", "semantic", "A span's `start` is not less than its `end`.",
          "Set `end` after `start` (end is exclusive).",
          guideline="guide-stand-off-spans"),
    Check("span-out-of-range", "semantic", "A span ends beyond the end of `text`.",
          "Fix the offsets; they count code points of `text`.",
          guideline="guide-stand-off-spans"),
    Check("span-text-mismatch", "semantic", "A span's `text` differs from `text[start:end]`.",
          "Fix the offsets or the span text; `newsdata reanchor` recomputes offsets from the span text.",
          guideline="guide-stand-off-spans"),
    Check("span-untrimmed", "semantic", "A span starts or ends with whitespace.",
          "Move `start`/`end` so that the span begins and ends on a non-space character.",
          guideline="guide-tight-boundaries"),
    Check("span-in-boilerplate", "semantic", "A mention, quote or timex lies inside a boilerplate block.",
          "Boilerplate is not annotated; remove the annotation or change the block's kind.",
          guideline="guide-boilerplate"),
    Check("layer-unordered", "semantic", "A layer's items are not in text order (by start, then longest first).",
          "Sort the items by `start` (and by `end` descending for equal starts).",
          guideline="guide-text-order"),
    Check("id-duplicate", "semantic", "Two items of the article share an id.",
          "Give every block, mention, entity, quote and timex its own id.",
          guideline="guide-identifiers"),
    Check("block-overlap", "semantic", "A block begins before the previous one ends, or blocks are out of order.",
          "Order the blocks by offset and make them disjoint.",
          guideline="guide-blocks"),
    Check("block-gap", "semantic", "Non-whitespace text is not covered by any block.",
          "Extend a block or add one (use `boilerplate` for site text).",
          guideline="guide-blocks"),
    Check("block-title", "semantic", "There is not exactly one `title` block, or `title` differs from its text.",
          "Mark the headline as the one `title` block and copy its text to `title`.",
          guideline="guide-blocks"),
    Check("mention-crossing", "semantic", "Two mentions overlap without one containing the other.",
          "Mentions may nest but not cross; fix the boundaries.",
          guideline="guide-mention-nesting"),
    Check("mention-duplicate", "semantic", "Two mentions cover the same span.",
          "Keep one mention per span.",
          guideline="guide-mention-nesting"),
    Check("entity-unknown", "semantic", "A mention's `entity` or a quote's `speaker` names no entity of the article.",
          "Add the entity to `entities` or fix the id.",
          guideline="guide-entities"),
    Check("entity-unreferenced", "semantic", "An entity is referred to by no mention and no quote.",
          "Link a mention to it or remove it.",
          guideline="guide-entities"),
    Check("entity-type-mismatch", "semantic", "A mention's label class (PER, LOC, ORG, OTH) differs from its entity's type.",
          "Fix the label or link the mention to the right entity.",
          guideline="guide-entities"),
    Check("wikidata-duplicate", "semantic", "Two entities of the article have the same Wikidata id.",
          "Merge the entities: one entity per referent.",
          guideline="guide-wikidata"),
    Check("quote-no-speaker", "semantic", "A quote has neither `speaker` nor `speaker_text`.",
          "Link the speaker entity, or name the source in `speaker_text`.",
          guideline="guide-speakers"),
    Check("quote-co-speaker", "semantic", "A co-speaker is given without a `speaker`, repeats the speaker, or is listed twice.",
          "Put the first speaker in `speaker` and each further one once in `co_speakers`.",
          guideline="guide-speakers"),
    Check("quote-speaker-text", "semantic", "`speaker_text` does not occur in the article's text.",
          "Use the article's own words (the guidelines: no glosses, no added names).",
          guideline="guide-speakers"),
    Check("quote-speaker-span", "semantic", "The speaker span overlaps the quote's content.",
          "Mark the words that name the speaker outside the content (a pronoun is fine).",
          guideline="guide-speakers"),
    Check("quote-verbatim", "semantic", "A verbatim part lies outside its quote's content, overlaps or precedes the one before, is given for indirect or reported speech, or a direct quote's part is not its whole content.",
          "Mark each run of quoted words, without its quotation marks, inside the content and in order.",
          guideline="guide-verbatim-parts"),
    Check("quote-marks-unattributed", "semantic", "A pair of quotation marks holds neither exactly one verbatim part of a quote nor exactly a name, and lies inside no verbatim part (checked once the article has verbatim parts; scare quotes may be exempted).",
          "Annotate the quoted words as a verbatim part, or the name as a mention; for scare quotes, add an exemption with the reason.",
          severity="warning",
          guideline="guide-verbatim-parts"),
    Check("quote-verbatim-missing", "semantic", "A direct or mixed quote has no verbatim part (articles annotated before guidelines 1.1.0 have none, so they stay valid).",
          "Mark the quoted words (`newsdata add --suggest` proposes them).",
          severity="warning",
          guideline="guide-verbatim-parts"),
    Check("timex-value", "semantic", "A timex value is not well-formed for its type.",
          "Use an ISO 8601 (partial) date for DATE, a duration (P...) for DURATION, and so on.",
          guideline="guide-timex-fields"),
    Check("timex-invalid-date", "semantic", "A timex value names a date that does not exist (2024-02-30).",
          "Correct the date.",
          guideline="guide-timex-fields"),
    Check("published-future", "semantic", "`published` lies in the future.",
          "Correct the publication date.",
          guideline="guide-metadata"),
    Check("language-tag", "semantic", "`language` is not a well-formed BCP 47 tag (RFC 5646).",
          "Use a tag such as `de`, `de-CH` or `sr-Latn`.",
          guideline="guide-metadata"),
    Check("topic-duplicate", "semantic", "The same topic code is listed twice.",
          "Remove the repetition.",
          guideline="guide-topic-rules"),
    Check("layer-not-annotated", "semantic", "A layer whose method in `annotation.methods` is `none` holds items.",
          "Set the layer's method to how its items were made (`manual`, …), or remove the items.",
          guideline="guide-provenance"),
    # corpus ----------------------------------------------------------------
    Check("corpus-no-articles", "corpus", "The corpus directory has no `articles/` directory.",
          "Put one JSON file per article in `articles/`."),
    Check("corpus-filename", "corpus", "An article's file name differs from its id.",
          "Rename the file to `<id>.json`.",
          guideline="guide-metadata"),
    Check("corpus-duplicate-id", "corpus", "Two article files carry the same id.",
          "Give every article its own id."),
    Check("corpus-stray-file", "corpus", "`articles/` holds something other than `*.json` article files.",
          "Move the file out of `articles/`."),
    # package ---------------------------------------------------------------
    Check("package-missing", "package", "The corpus has no `datapackage.json`.",
          "Run `newsdata build`."),
    Check("package-unsafe-path", "package", "A resource path leaves the corpus directory or is not local.",
          "Use relative paths inside the corpus, without `..` and without links out."),
    Check("package-unlisted", "package", "An article file is not listed as a resource.",
          "Run `newsdata build`."),
    Check("package-missing-file", "package", "A listed resource file does not exist.",
          "Restore the file or run `newsdata build`."),
    Check("package-hash", "package", "A file's sha256 or size differs from the one recorded.",
          "Run `newsdata build` after changing an article."),
    Check("package-stale", "package", "`datapackage.json`, `croissant.json` or the dataset card differs from what `newsdata build` writes (counts, metadata), or a derived file is missing.",
          "Run `newsdata build`."),
    Check("package-leftover", "package", "A table view, `croissant.json` or a generated card is left from a build with table views, which `datapackage.json` no longer has.",
          "Run `newsdata build`, which removes them (or `newsdata build --tables` to keep the views)."),
    Check("package-frictionless", "package", "Frictionless reports the data package as invalid.",
          "Read the message; `newsdata build` writes a valid descriptor."),
    Check("package-frictionless-unavailable", "package", "Frictionless is not installed, so its check was skipped.",
          'Install it: pip install "newsdata[validate]".',
          example='frictionless is not installed; its descriptor check was skipped (pip install "newsdata[validate]")',
          severity="warning"),
    Check("exemption-unused", "package", "An exemption in `validation-exemptions.json` no longer matches any error.",
          "Remove the exemption: the list only shrinks."),
    Check("exemption-invalid", "package", "`validation-exemptions.json` is malformed.",
          "Write a JSON list of {file, code, reason} objects."),
]  # fmt: skip

CHECKS: dict[str, Check] = {check.code: check for check in _ALL}
