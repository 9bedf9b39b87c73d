"""Fields and validation codes as Sphinx objects, and the models' API through them.

Each field of the article format (``quotes[].cue.start``) and each validation code
(``entity-unknown``) is an object of the standard domain, so that it has a ¶ permalink,
an entry in ``objects.inv`` (``std:field``, ``std:validation-code``), a role to link to
it (``{field}`quotes[].kind```, ``{validation-code}`entity-unknown```), an entry in the
page's table of contents and a place in the search results. A code is also a label, so
``{ref}`entity-unknown``` keeps working and its anchor stays ``#entity-unknown`` (the
address ``Problem.help_url`` builds).

The API page documents the pydantic models without pydantic's internals: a model's
signature (``Annotated[str, Strict(strict=True)]`` …) is left out, and its docstring
gains the list of its fields, each a link to the field reference.
"""

from __future__ import annotations

from typing import Any

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives import ObjectDescription
from sphinx.domains.std import StandardDomain


def field_anchor(path: str) -> str:
    """The anchor of a field's entry.

    Examples
    --------
    >>> field_anchor("quotes[].cue.start")
    'quotes-cue-start'
    """
    return path.replace("[]", "").replace(".", "-").replace("_", "-").lower()


class _Entry(ObjectDescription[str]):
    """An object whose name is written as is and whose anchor the project chooses."""

    kind = ""  # the word the index and the table of contents add to the name

    def anchor(self, name: str) -> str:
        return name

    def handle_signature(self, sig: str, signode: addnodes.desc_signature) -> str:
        signode += addnodes.desc_name(sig, sig)
        return sig

    def add_target_and_index(self, name: str, sig: str, signode: addnodes.desc_signature) -> None:
        node_id = self.anchor(name)
        signode["ids"].append(node_id)
        std = self.env.domains["std"]
        assert isinstance(std, StandardDomain)
        std.note_object(self.objtype, name, node_id, location=signode)
        self.indexnode["entries"].append(("single", f"{name} ({self.kind})", node_id, "", None))

    def _object_hierarchy_parts(self, sig_node: addnodes.desc_signature) -> tuple[str, ...]:
        return (sig_node.astext(),)

    def _toc_entry_name(self, sig_node: addnodes.desc_signature) -> str:
        return str(sig_node.astext())


class FieldEntry(_Entry):
    """``{field} quotes[].cue.start``: a field of the article format."""

    kind = "field"

    def anchor(self, name: str) -> str:
        return field_anchor(name)


class CodeEntry(_Entry):
    """``{validation-code} entity-unknown``: a validation code, also a ``{ref}`` label."""

    kind = "validation code"

    def add_target_and_index(self, name: str, sig: str, signode: addnodes.desc_signature) -> None:
        super().add_target_and_index(name, sig, signode)
        std = self.env.domains["std"]
        assert isinstance(std, StandardDomain)
        # the code's label, with the code as its title: what `{ref}`code`` links to
        std.labels[name] = (self.env.docname, name, name)
        std.anonlabels[name] = (self.env.docname, name)


# ---------------------------------------------------------------------- the API
def _is_model(obj: Any) -> bool:
    from pydantic import BaseModel

    return isinstance(obj, type) and issubclass(obj, BaseModel)


def _signature(
    app: Sphinx,
    what: str,
    name: str,
    obj: Any,
    options: Any,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None] | None:
    """A model is built from JSON, not called by hand: its signature is left out."""
    if what == "class" and _is_model(obj):
        # and no parameter list made from the generated __init__'s annotations either
        document = getattr(app.env, "current_document", None)  # Sphinx >= 8.2
        recorded: dict[str, Any] | None = getattr(document, "autodoc_annotations", None)
        if recorded is None:
            recorded = app.env.temp_data.get("annotations", {})
        if recorded is not None:
            recorded.pop(name, None)
        return "", None
    return None


def model_fields(model: str) -> list[tuple[str, str]]:
    """The fields of the schema object ``model`` (``Quote``): (name, path) pairs.

    Examples
    --------
    >>> ("cue", "quotes[].cue") in model_fields("Quote")
    True
    """
    from newsdata_docs import field_rows

    from newsdata.schema import load_schema

    rows = field_rows(load_schema(), with_examples=False)
    owners = {row["owner"] for row in rows}
    # an object used in several places (a Segment) lists the paths of its first place
    if model not in owners:
        return []
    first = next(row["path"].rsplit(".", 1)[0] for row in rows if row["owner"] == model)
    prefix = "" if model == "Article" else first + "."
    return [
        (row["path"].rsplit(".", 1)[-1], row["path"])
        for row in rows
        if row["owner"] == model and row["path"].startswith(prefix)
    ]


def _docstring(app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    """A model's docstring ends with its fields, each linked to the field reference."""
    if what != "class" or not _is_model(obj):
        return
    fields = model_fields(obj.__name__)
    if not fields:
        return
    links = ", ".join(f":field:`{field} <{path}>`" for field, path in fields)
    lines += ["", f"**Fields** (see the :doc:`fields`): {links}.", ""]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_object_type("field", "field", objname="field of an article")
    app.add_object_type("validation-code", "validation-code", objname="validation code")
    app.add_directive_to_domain("std", "field", FieldEntry, override=True)
    app.add_directive_to_domain("std", "validation-code", CodeEntry, override=True)
    # before autodoc.typehints records the signature (Sphinx < 9 records it in a handler)
    app.connect("autodoc-process-signature", _signature, priority=400)
    app.connect("autodoc-process-docstring", _docstring)
    return {"parallel_read_safe": True, "version": "1"}


__all__ = ["CodeEntry", "FieldEntry", "field_anchor", "model_fields", "setup"]
