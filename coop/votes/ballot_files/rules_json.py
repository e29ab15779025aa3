"""``rules.json``: the options of a count, read with line numbers in every complaint, and written back."""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from coop.errors import BallotFileError
from coop.i18n import _
from coop.votes.ballot_files.common import (
    CONFORMANCE_FORMAT,
    decode_text,
    fail_at,
    read_file_bytes,
    write_atomically,
)
from coop.votes.tally.rules import CountRules, TieBreakRule, default_rules

E = TypeVar("E", bound=enum.Enum)  # a rule with named values (threshold, overvote, ...)

# --------------------------------------------------------------------------- rules.json

_TOP_LEVEL_RULES = {
    "format",
    "title",
    "candidates",
    "excluded_candidates",
    "undeclared_write_in",
    "seats",
    "election_mode",
    "threshold",
    "decimal_places",
    "arithmetic",
    "overvote",
    "max_consecutive_skipped_ranks",
    "duplicate_ranking",
    "batch_elimination",
    "continue_until_two_remain",
    "threshold_fixed_after_round_1",
    "max_rankings",
    "stop_after_round",
    "tiebreak",
    "surplus_transfer",
}


def _line_of(text: str, *keys: str) -> int:
    """Line of ``"key"`` in a JSON text (nested keys searched one after the other)."""
    position = 0
    for key in keys:
        found = text.find(f'"{key}"', position)
        if found < 0:
            break
        position = found
    return text.count("\n", 0, position) + 1


class _RulesReader:
    def __init__(self, path: Path, text: str, data: Mapping[str, Any]) -> None:
        self.path, self.text, self.data = path, text, data

    def fail(self, keys: Sequence[str], message: str) -> BallotFileError:
        return fail_at(self.path, _line_of(self.text, *keys), message)

    def choice(self, keys: Sequence[str], value: Any, default: E) -> E:
        """``value`` as a member of the enum ``default`` is a member of (``default`` when absent)."""
        if value is None:
            return default
        allowed = type(default)
        try:
            return allowed(value)
        except ValueError:
            options = ", ".join(member.value for member in allowed)
            raise self.fail(
                keys,
                _('"{key}" must be one of {options}, not {value}.').format(
                    key=keys[-1], options=options, value=json.dumps(value, ensure_ascii=False)
                ),
            ) from None

    def whole(
        self,
        key: str,
        default: int | None,
        *,
        minimum: int,
        allow_null: bool = False,
        words: Mapping[str, int | None] | None = None,
    ) -> int | None:
        value = self.data.get(key, default)
        if value is None and (allow_null or default is None):
            return None
        if words and isinstance(value, str) and value in words:
            return words[value]
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            accepted = _("a whole number of at least {minimum}").format(minimum=minimum)
            if allow_null:
                accepted += _(" or null")
            if words:
                accepted += "".join(_(' or "{word}"').format(word=word) for word in words)
            raise self.fail(
                (key,),
                _('"{key}" must be {accepted}, not {value}.').format(
                    key=key, accepted=accepted, value=json.dumps(value, ensure_ascii=False)
                ),
            )
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(
                (key,),
                _('"{key}" must be true or false, not {value}.').format(
                    key=key, value=json.dumps(value, ensure_ascii=False)
                ),
            )
        return value

    def names(self, value: Any, keys: Sequence[str]) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
            raise self.fail(keys, _('"{key}" must be a list of names.').format(key=keys[-1]))
        return tuple(value)

    def rules(self) -> CountRules:
        data = self.data
        unknown = sorted(set(data) - _TOP_LEVEL_RULES)
        if unknown:
            raise self.fail((unknown[0],), _('unknown rule "{key}".').format(key=unknown[0]))
        declared_format = data.get("format", CONFORMANCE_FORMAT)
        if declared_format != CONFORMANCE_FORMAT:
            raise self.fail(
                ("format",),
                _('the format must be "{expected}", not {value}.').format(
                    expected=CONFORMANCE_FORMAT, value=json.dumps(declared_format, ensure_ascii=False)
                ),
            )
        surplus = data.get("surplus_transfer", {})
        method = surplus.get("method", "fractional") if isinstance(surplus, Mapping) else surplus
        if not (isinstance(method, str) and method.startswith("fractional")):
            # Only Gregory-style fractional transfer is implemented: refuse rather than count otherwise.
            raise self.fail(
                ("surplus_transfer",),
                _("only fractional (Gregory) surplus transfer is supported, not {method}.").format(
                    method=json.dumps(method, ensure_ascii=False)
                ),
            )
        if "candidates" not in data:
            raise fail_at(self.path, None, _('the rules must list the "candidates".'))
        candidates = self.names(data["candidates"], ("candidates",))
        excluded = self.names(data.get("excluded_candidates", []), ("excluded_candidates",))
        write_in = data.get("undeclared_write_in")
        if isinstance(write_in, Mapping):
            write_in = write_in.get("label")
        if write_in is not None and not isinstance(write_in, str):
            raise self.fail(
                ("undeclared_write_in",),
                _('"undeclared_write_in" must be null or give the write-in "label".'),
            )
        seats = self.whole("seats", 1, minimum=1)
        assert seats is not None
        # What a rule left out is: the counting package's own defaults for this many seats.
        defaults = default_rules(candidates, seats)
        mode = self.choice(("election_mode",), data.get("election_mode"), defaults.election_mode)
        threshold_value = data.get("threshold", {})
        if isinstance(threshold_value, str):
            threshold_value = {"name": threshold_value}
        if not isinstance(threshold_value, Mapping):
            raise self.fail(("threshold",), _('"threshold" must be an object with a "name".'))
        threshold = self.choice(("threshold", "name"), threshold_value.get("name"), defaults.threshold)
        tiebreak = self.tiebreak(candidates)
        decimal_places = self.whole("decimal_places", defaults.decimal_places, minimum=0)
        assert decimal_places is not None
        rules = CountRules(
            candidates=candidates,
            seats=seats,
            election_mode=mode,
            threshold=threshold,
            decimal_places=decimal_places,
            overvote=self.choice(("overvote",), data.get("overvote"), defaults.overvote),
            max_consecutive_skipped_ranks=self.whole(
                "max_consecutive_skipped_ranks", None, minimum=0, allow_null=True, words={"unlimited": None}
            ),
            duplicate_ranking=self.choice(
                ("duplicate_ranking",), data.get("duplicate_ranking"), defaults.duplicate_ranking
            ),
            batch_elimination=self.flag("batch_elimination"),
            continue_until_two_remain=self.flag("continue_until_two_remain"),
            threshold_fixed_after_round_1=self.flag("threshold_fixed_after_round_1"),
            excluded_candidates=excluded,
            undeclared_write_in=write_in,
            max_rankings=self.whole("max_rankings", None, minimum=1, allow_null=True),
            stop_after_round=self.whole("stop_after_round", None, minimum=1, allow_null=True),
            tiebreak=tiebreak,
            title=str(data.get("title", "")),
        )
        for field_name, problem in rules.problems():
            raise self.fail((field_name,), problem)
        return rules

    def tiebreak(self, candidates: tuple[str, ...]) -> TieBreakRule:
        value = self.data.get("tiebreak", {})
        if not isinstance(value, Mapping):
            raise self.fail(("tiebreak",), _('"tiebreak" must be an object with a "mode".'))
        mode = self.choice(("tiebreak", "mode"), value.get("mode"), TieBreakRule().mode)
        seed = value.get("seed")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise self.fail(("tiebreak", "seed"), _('the tie-break "seed" must be a whole number.'))
        order = self.names(value.get("order", []), ("tiebreak", "order"))
        permutation = self.names(value.get("permutation", []), ("tiebreak", "permutation"))
        for listed, key in ((order, "order"), (permutation, "permutation")):
            strangers = [name for name in listed if name not in candidates]
            if strangers:
                raise self.fail(
                    ("tiebreak", key),
                    _('the tie-break {key} names "{name}", who is not a candidate.').format(
                        key=key, name=strangers[0]
                    ),
                )
        return TieBreakRule(mode=mode, seed=seed, order=order, permutation=permutation)


def read_rules_json(path: Path | str) -> CountRules:
    """Read the counting rules (the conformance ``rules.json`` format)."""
    path = Path(path)
    return rules_from_text(decode_text(path, read_file_bytes(path)), path)


def rules_from_text(text: str, source: Path | str = "rules.json") -> CountRules:
    """The counting rules from the text of a ``rules.json``; errors name ``source`` and the line."""
    path = Path(source)
    if not text.strip():
        raise fail_at(path, 1, _("the rules file is empty."))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        problem = _("this is not valid JSON ({reason}).").format(reason=error.msg)
        raise fail_at(path, error.lineno, problem) from None
    except RecursionError:  # brackets nested thousands deep: no rules file looks like that
        raise fail_at(path, None, _("its brackets are nested too deep to be a rules file.")) from None
    except ValueError:  # a number of thousands of digits
        problem = _("it holds a number too long to be a rule (thousands of digits).")
        raise fail_at(path, None, problem) from None
    if not isinstance(data, dict):
        raise fail_at(path, 1, _("the rules must be a JSON object ({ ... })."))
    return _RulesReader(path, text, data).rules()


def rules_to_json(rules: CountRules) -> dict[str, Any]:
    """The rules in the ``rules.json`` format, so that ``rules_from_text`` reads them back unchanged."""
    tiebreak: dict[str, Any] = {"mode": rules.tiebreak.mode.value}
    if rules.tiebreak.seed is not None:
        tiebreak["seed"] = rules.tiebreak.seed
    if rules.tiebreak.order:
        tiebreak["order"] = list(rules.tiebreak.order)
    if rules.tiebreak.permutation:
        tiebreak["permutation"] = list(rules.tiebreak.permutation)
    return {
        "format": CONFORMANCE_FORMAT,
        "title": rules.title,
        "candidates": list(rules.candidates),
        "excluded_candidates": list(rules.excluded_candidates),
        "undeclared_write_in": rules.undeclared_write_in,
        "seats": rules.seats,
        "election_mode": rules.election_mode.value,
        "threshold": {"name": rules.threshold.value},
        "decimal_places": rules.decimal_places,
        "overvote": rules.overvote.value,
        "max_consecutive_skipped_ranks": rules.max_consecutive_skipped_ranks,
        "duplicate_ranking": rules.duplicate_ranking.value,
        "batch_elimination": rules.batch_elimination,
        "continue_until_two_remain": rules.continue_until_two_remain,
        "threshold_fixed_after_round_1": rules.threshold_fixed_after_round_1,
        "max_rankings": rules.max_rankings,
        "stop_after_round": rules.stop_after_round,
        "tiebreak": tiebreak,
        "surplus_transfer": {"method": "fractional"},
    }


def write_rules_json(path: Path | str, rules: CountRules) -> None:
    write_atomically(Path(path), [json.dumps(rules_to_json(rules), ensure_ascii=False, indent=2) + "\n"])
