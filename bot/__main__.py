"""Command line: ``python -m bot eligibility`` and ``python -m bot recommend``.

Reads a profile as JSON on standard input (or ``--profile FILE``) and prints JSON, or
text with ``--format text``. Bad input: exit code 2 and one line on standard error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any, Dict, List, NoReturn, Optional, Sequence

from bot.certifications import Status, evaluate, load_catalog, recommend
from bot.certifications.engine import Recommendations, Verdict
from bot.profile import Profile, ProfileError, canonical_certification


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"error: {message}\n")
        raise SystemExit(2)


def _fail(message: str) -> NoReturn:
    sys.stderr.write("error: " + " ".join(message.split()) + "\n")
    raise SystemExit(2)


def _read_profile(path: Optional[str], today: dt.date) -> Profile:
    try:
        if path:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        else:
            text = sys.stdin.read()
    except (OSError, UnicodeDecodeError) as error:
        _fail(f"cannot read the profile: {error}")
    try:
        data = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as error:
        _fail(f"the profile is not valid JSON ({error.msg} at line {error.lineno} column {error.colno})")
    try:
        return Profile.from_dict(data, today)
    except ProfileError as error:
        _fail(str(error))


def _parse_today(value: Optional[str]) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"--today must be a date like 2026-11-25, not {value!r}")


def verdict_text(verdict: Verdict) -> str:
    """A verdict for a person to read (also used by the conversation)."""
    lines = [f"{verdict.certification}: {verdict.status.replace('_', ' ')}"]
    lines.append(f"  {_path_line(verdict)}")
    for shortfall in verdict.describe_shortfalls():
        lines.append(f"  needs {shortfall}")
    lines += [f"  counted: {line}" for line in _counted(verdict)]
    if verdict.projected_month:
        lines.append(f"  on track for {verdict.projected_month} if you keep working in the role")
    if verdict.missing_info:
        fields = load_catalog().fields
        lines.append("  still need to know: " + ", ".join(fields[f].label for f in verdict.missing_info))
    for note in verdict.notes:
        lines.append(f"  note: {note}")
    for source in verdict.sources:
        lines.append(f"  source: {source}")
    return "\n".join(lines)


_PATH_WORDS = {
    Status.ELIGIBLE: "through",
    Status.NOT_ELIGIBLE: "nearest",
    Status.NEED_INFO: "checked against",
}


def _path_line(verdict: Verdict) -> str:
    """ "through path B (four-year degree)", "nearest path 4 (active PMP)"; one-path rules by their label."""
    paths = load_catalog().certifications[verdict.certification].paths
    if len(paths) == 1:
        return f"rule: {verdict.path_label}"
    return f"{_PATH_WORDS.get(verdict.status, 'path')} path {verdict.path} ({verdict.path_label})"


def _counted(verdict: Verdict) -> List[str]:
    """The amounts the verdict used: "project leadership experience: 30 of 36 months (last 8 years)",
    or what met one instead: "project management education: met by your CAPM (instead of 35 hours)"."""
    catalog = load_catalog()
    lines = []
    for req in verdict.requirements:
        kind = catalog.kind(req.field)
        if kind and kind.unit and (req.met_by or req.have is not None):
            window = f" (last {req.window_years} years)" if req.window_years and not req.met_by else ""
            lines.append(f"{catalog.label(req.field)}{window}: {req.words}")
    return lines


def recommendations_text(recs: Recommendations) -> str:
    lines = [f"Rules as of {recs.rules_as_of}."]
    if recs.apply_now:
        lines.append("You can apply now for:")
        lines += [f"  {i}. {r.certification}: {r.reason}" for i, r in enumerate(recs.apply_now, 1)]
    if recs.nearest:
        lines.append("Closest next steps:")
        lines += [f"  - {r.certification}: {r.reason}" for r in recs.nearest]
    return "\n".join(lines)


def _arguments(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = _Parser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, help_text in (
        ("eligibility", "evaluate a profile against certifications"),
        ("recommend", "rank the certifications a profile can apply for"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--profile", help="JSON file with the profile (default: standard input)")
        command.add_argument("--format", choices=("json", "text"), default="json")
        command.add_argument(
            "--today", help="date used for projections and windows, YYYY-MM-DD (default: today)"
        )
        if name == "eligibility":
            command.add_argument(
                "--cert",
                action="append",
                default=[],
                help="certification name or alias (repeatable; default all)",
            )
    return parser.parse_args(argv)


def _certification_names(requested: Sequence[str]) -> List[str]:
    catalog = load_catalog()
    names: List[str] = []
    for raw in requested or list(catalog.certifications):
        try:
            name = canonical_certification(raw)
        except ProfileError as error:
            _fail(str(error))
        if name not in catalog.certifications:
            _fail(f"{name} has no eligibility rules here; choose from {', '.join(catalog.certifications)}")
        names.append(name)
    return names


def _eligibility(args: argparse.Namespace, today: dt.date) -> None:
    catalog = load_catalog()
    names = _certification_names(args.cert)
    profile = _read_profile(args.profile, today)
    verdicts = [evaluate(profile, n, today) for n in names]
    if args.format == "text":
        print(f"Rules as of {catalog.rules_as_of}; check pmi.org before you apply.")
        print("\n".join(verdict_text(v) for v in verdicts))
        return
    results: List[Dict[str, Any]] = [v.to_dict() for v in verdicts]
    for item in results:
        item.pop("rules_as_of")
    print(json.dumps({"rules_as_of": catalog.rules_as_of, "results": results}, indent=2))


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _arguments(argv)
    today = _parse_today(args.today)
    if args.command == "eligibility":
        _eligibility(args, today)
        return 0
    profile = _read_profile(args.profile, today)
    recs = recommend(profile, today)
    print(recommendations_text(recs) if args.format == "text" else json.dumps(recs.to_dict(), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
