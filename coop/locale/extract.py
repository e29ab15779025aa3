"""A Babel extractor for our Python files: every ``_()``/``ngettext()``/``N_()`` string, the labels
given with their context (``coop.vocabulary.in_context``), and the docstring of every CLI command,
which Typer shows as the command's help.

Typer reads a command's help from its function's docstring (``inspect.getdoc``), so those texts
never pass through ``_()`` in the source; ``coop.cli.main`` translates them when it shows help.
A function counts as a command when it is decorated with ``<app>.command(...)`` or
``<app>.callback(...)``, or when it is public, takes a ``typer.Context`` and only Typer parameters
besides (registered elsewhere, as ``coop init`` is).

Used through ``babel.cfg``::

    [extractors]
    coop_python = coop.locale.extract:extract_python_and_command_help
"""

from __future__ import annotations

import ast
import io
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

COMMAND_DECORATORS = frozenset({"command", "callback"})


def extract_python_and_command_help(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: dict[str, Any],
) -> Iterator[tuple[int, str | None, str | tuple[str, ...], list[str]]]:
    from babel.messages.extract import extract_python

    data = fileobj.read()
    yield from extract_python(io.BytesIO(data), keywords, comment_tags, options)
    encoding = options.get("encoding", "utf-8")
    source = data.decode(encoding)
    for lineno, text in command_docstrings(source):
        yield lineno, None, text, []
    # Given as pgettext's, so that babel reads the first argument as the context.
    for lineno, context, label in labels_in_context(source):
        yield lineno, "pgettext", (context, label), []


def labels_in_context(source: str) -> list[tuple[int, str, str]]:
    """``(line, context, label)`` of every ``vocabulary.in_context("context", "label")`` in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or len(node.args) < 2:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        context, label = node.args[0], node.args[1]
        if (
            name == "in_context"
            and isinstance(context, ast.Constant)
            and isinstance(label, ast.Constant)
            and isinstance(context.value, str)
            and isinstance(label.value, str)
        ):
            found.append((node.lineno, context.value, label.value))
    return sorted(found)


def _registered_names(tree: ast.AST) -> set[str]:
    """Functions registered by name in the module: ``app.command("name")(function)``."""
    names = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Call)
            and isinstance(node.func.func, ast.Attribute)
            and node.func.func.attr in COMMAND_DECORATORS
        ):
            names.update(arg.id for arg in node.args if isinstance(arg, ast.Name))
    return names


def command_docstrings(source: str) -> list[tuple[int, str]]:
    """``(line, cleaned docstring)`` of every CLI command function in ``source``."""
    found = []
    tree = ast.parse(source)
    registered = _registered_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and (
            node.name in registered or _is_command(node)
        ):
            text = ast.get_docstring(node, clean=True)
            if text:
                found.append((node.body[0].lineno, text))
    return sorted(found)


def _is_command(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr in COMMAND_DECORATORS:
            return True
    # Registered elsewhere (app.command(...)(function)): a public function taking a typer.Context
    # whose other parameters are all Typer parameters (a call such as typer.Option(...)).
    if node.name.startswith("_") or node.decorator_list:
        return False
    arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
    defaults = [*node.args.defaults, *node.args.kw_defaults]
    contexts = [a for a in arguments if _is_typer_context(a.annotation)]
    others = len(arguments) - len(contexts)
    return (
        len(contexts) == 1
        and not node.args.vararg
        and not node.args.kwarg
        and len([d for d in defaults if d is not None]) == others
        and all(isinstance(d, ast.Call) for d in defaults if d is not None)
    )


def _is_typer_context(annotation: ast.expr | None) -> bool:
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return annotation.value in {"typer.Context", "Context"}
    if isinstance(annotation, ast.Attribute):
        return (
            annotation.attr == "Context"
            and isinstance(annotation.value, ast.Name)
            and (annotation.value.id == "typer")
        )
    return isinstance(annotation, ast.Name) and annotation.id == "Context"
