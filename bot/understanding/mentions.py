"""Finding named things (education levels, certifications) in cleaned text.

Longer names win over shorter ones inside them; "weak" names that are also ordinary words
("ms", "ba", "safe") count only between the words listed under ``weak_context``.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Tuple

from bot.understanding.text import Mention
from bot.understanding.words import words


@dataclass(frozen=True)
class Name:
    text: str  # as written in the data, lower case
    key: str  # what it names
    weak: bool = False
    article_needs_mark: bool = False  # "a-csm" is a name, "a csm" is "a CSM"


@functools.lru_cache(maxsize=4096)  # the names are fixed data: compile each once, not per message
def name_pattern(name: str, article_needs_mark: bool = False) -> re.Pattern[str]:
    return re.compile(name_regex(name, article_needs_mark))


def name_regex(name: str, article_needs_mark: bool = False) -> str:
    """``name`` between word boundaries; spaces, dots and hyphens inside it are interchangeable."""
    parts = [re.escape(p) for p in re.split(r"[\s.\-_]+", name.strip(" .")) if p]
    body = r"[\s.\-_]+".join(parts)
    if article_needs_mark and len(parts) > 1 and parts[0] in ("a", "an"):
        body = parts[0] + r"[.\-_]" + r"[\s.\-_]+".join(parts[1:])
    return r"(?<![\w'])" + body + r"\.?(?![\w'])" if not name.endswith("+") else r"(?<![\w'])" + body


def _token_before(text: str, start: int) -> Tuple[str, str]:
    """The word just before ``start`` and the one before that ('' at a clause start)."""
    head = re.split(r"[,;:!?()]", text[:start])[-1].split()
    last = head[-1] if head else ""
    return last, head[-2] if len(head) > 1 else ""


def _token_after(text: str, end: int) -> str:
    tail = re.split(r"[,;:!?]", text[end:])[0].split()
    return tail[0].strip(".") if tail else ""


def weak_ok(text: str, start: int, end: int) -> bool:
    """A weak name counts only in a context that makes it a name ("a ba in history", not "ms word")."""
    context = words()["weak_context"]
    last, second = _token_before(text, start)
    if not text[:start].strip() or text[:start].rstrip()[-1:] in (".", "!", "?", ";", "\n"):
        # at the start of the message or of a sentence: "... so far. BA in history." (set H, h057)
        return _token_after(text, end) not in {str(w) for w in context["reject_after_at_start"]}
    if last not in {str(w) for w in context["before"]} and not re.fullmatch(r"#+", last):
        return False
    if last in ("a", "an") and second in {str(w) for w in context["copulas"]}:
        return False
    after = _token_after(text, end)
    return after in {str(w) for w in context["after"]} or after.isdigit()


def find_names(text: str, names: Iterable[Name]) -> Tuple[List[Mention], str]:
    """Mentions of ``names`` in ``text`` and the text with them blanked out."""
    found: List[Mention] = []
    masked = text
    for name in sorted(names, key=lambda n: len(n.text), reverse=True):
        for match in name_pattern(name.text, name.article_needs_mark).finditer(masked):
            if name.weak and not weak_ok(masked, match.start(), match.end()):
                continue
            found.append(Mention(match.start(), match.end(), name.key))
            masked = masked[: match.start()] + "#" * (match.end() - match.start()) + masked[match.end() :]
    return sorted(found, key=lambda m: m.start), masked


def find_typos(masked: str, names: Sequence[Name], not_typos: Iterable[str]) -> List[Mention]:
    """Single words within a small edit of a one-word name ("bachelours", "mastrs")."""
    table = words()
    candidates = {n.text: n.key for n in names if " " not in n.text and not n.weak and n.text.isalpha()}
    excluded = {str(w) for w in not_typos}
    found: List[Mention] = []
    for match in re.finditer(r"[a-z]+(?:'s)?", masked):
        word = match.group(0)
        stem = word[:-2] if word.endswith("'s") else word
        if len(stem) < table["typo_min_length"] or stem in excluded or stem in candidates:
            continue
        close = difflib.get_close_matches(stem, list(candidates), n=1, cutoff=table["typo_min_ratio"])
        if close:
            found.append(Mention(match.start(), match.end(), candidates[close[0]]))
    return found


def blank(text: str, phrases: Iterable[str]) -> str:
    """``text`` with every phrase replaced by spaces (positions kept), but a sentence's end kept
    ("i want to sit for pmi-sp. master's": the plan is not the master's; set H, h095)."""
    for phrase in sorted(phrases, key=len, reverse=True):
        text = name_pattern(str(phrase).lower()).sub(_spaces_but_the_end, text)
    return text


def _spaces_but_the_end(match: re.Match[str]) -> str:
    found = match.group(0)
    end = found[-1] if found[-1] in ".!?;" else " "
    return " " * (len(found) - 1) + end


def first(items: Sequence[str]) -> Optional[str]:
    return items[0] if items else None
