"""Journalists' queries: what a typed query means, its FTS5 expression, and highlighted snippets."""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from crawler.normalize.fold import ABBREVIATIONS, author_key, fold, fold_key
from crawler.normalize.provinces import PROVINCE_KEYS

PAGE_SIZE = 20
MAX_PAGE = 500
MAX_PAIRS = 4  # ranking looks at the first few pairs of neighbouring words
MAX_QUERY = 300  # characters; longer queries are cut, with a note saying so
WORD = re.compile(r"[^\W_]+")  # what SQLite's unicode61 tokenizer calls a token: letters and digits
CHUNK = re.compile(r'(-?)"([^"]*)"?|(\S+)')  # a quoted phrase (closed or not), or a bare word
FOLDED = "{title_fold body_fold author_key}"
EXACT = "{title body author}"
TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# Vowel pairs whose tone mark sits on either vowel depending on the writer: hòa/hoà, thúy/thuý.
TONE_PAIRS = ("oa", "oe", "uy")
# Every written form of an abbreviation's meaning, folded, mapped to the whole group.
_FORMS = {form: (abbr, *longs) for abbr, longs in ABBREVIATIONS.items() for form in (abbr, *longs)}
_LONGEST_FORM = max(len(form.split()) for form in _FORMS)


@dataclass(frozen=True)
class Term:
    """Something a result must contain: any one of `alternatives`, each a run of adjacent words.

    exact: the words keep their marks (typed with diacritics); otherwise they are compared folded.
    """
    alternatives: tuple[tuple[str, ...], ...]
    exact: bool = False

    def fts(self) -> str:
        phrases = " OR ".join('"' + " ".join(words) + '"' for words in self.alternatives)
        return f"{EXACT if self.exact else FOLDED} : ({phrases})"


@dataclass
class Query:
    """A parsed query: any of `groups` (OR), each a list of terms all required, minus `excluded`."""
    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[list[Term]] = field(default_factory=list)  # any one of these, all its terms
    notes: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # the wanted words, folded, in typed order

    def __bool__(self) -> bool:
        return bool(self.groups)

    def match(self) -> str | None:
        """The FTS5 MATCH expression, or None for a query with nothing to look for."""
        if not self.groups:
            return None
        expr = " OR ".join(_all(group) for group in self.groups)
        if self.excluded:
            expr = f"({expr}) NOT ({' OR '.join(_all(group) for group in self.excluded)})"
        return expr

    def adjacent(self) -> list[str]:
        """One expression per pair of neighbouring words of a one-group query, in typed order.

        A result holding more of these pairs side by side ranks first.
        """
        if len(self.groups) != 1:
            return []
        pairs = list(zip(self.words, self.words[1:]))[:MAX_PAIRS]
        return [f'{FOLDED} : ("{a} {b}")' for a, b in pairs]

    def terms(self) -> list[Term]:
        return [t for group in self.groups for t in group]


def _all(terms: list[Term]) -> str:
    return "(" + " AND ".join(t.fts() for t in terms) + ")"


def tone_variants(word: str) -> tuple[str, ...]:
    """The word as typed and with its tone on the other vowel of oa/oe/uy (hòa ↔ hoà)."""
    decomposed = unicodedata.normalize("NFD", word)
    tone = next((c for c in decomposed if c in TONES), None)
    if tone is None:
        return (word,)
    bare = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
    out = [word]
    for pair in TONE_PAIRS:
        at = bare.find(pair)
        if at < 0:
            continue
        for k in (at, at + 1):
            variant = bare[:k] + unicodedata.normalize("NFC", bare[k] + tone) + bare[k + 1:]
            if variant not in out:
                out.append(variant)
    return tuple(out)


def _word_terms(words: list[str]) -> list[Term]:
    """Bare words as terms: abbreviations with their long forms and place names as one term each,
    other words one by one."""
    terms, i = [], 0
    folded = [fold(w) for w in words]
    while i < len(words):
        for size in range(min(_LONGEST_FORM, len(words) - i), 0, -1):
            key = " ".join(folded[i:i + size])
            if key in _FORMS:
                terms.append(Term(tuple(tuple(form.split()) for form in _FORMS[key])))
            elif key in PROVINCE_KEYS:  # a place name is one thing: "lam dong" is not "làm … động"
                terms += _phrase_terms(words[i:i + size])
            else:
                continue
            i += size
            break
        else:
            word = words[i]
            if folded[i] == word:
                terms.append(Term(((word,),)))
            else:
                terms.append(Term(tuple((v,) for v in tone_variants(word)), exact=True))
            i += 1
    return terms


def _phrase_terms(words: list[str]) -> list[Term]:
    """A quoted phrase: its folded words side by side, and each word typed with marks as typed."""
    terms = [Term((tuple(fold(w) for w in words),))]
    terms += [Term(tuple((v,) for v in tone_variants(w)), exact=True) for w in words if fold(w) != w]
    return terms


def parse(text: str | None) -> Query:
    """Read any string as a query; what cannot be searched is dropped and noted, never an error."""
    query = Query()
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    if len(text) > MAX_QUERY:
        text = text[:MAX_QUERY]
        query.notes.append(f"Từ khóa quá dài: chỉ tìm theo {MAX_QUERY} ký tự đầu.")
    group: list[Term] = []
    bare: list[str] = []

    def flush_bare() -> None:
        group.extend(_word_terms(bare))
        bare.clear()

    for m in CHUNK.finditer(text):
        minus, phrase, token = m.groups()
        if token == "OR":  # the one operator a journalist may know: either side will do
            flush_bare()
            if group:
                query.groups.append(group)
            group = []
            continue
        negative = bool(minus) or (token is not None and token.startswith("-"))
        words = WORD.findall((phrase if phrase is not None else token).lower())
        if not words:
            continue
        if negative:
            query.excluded.append(_word_terms(words) if phrase is None else _phrase_terms(words))
        elif phrase is not None:
            flush_bare()
            group += _phrase_terms(words)
            query.words += [fold(w) for w in words]
        else:
            bare += words
            query.words += [fold(w) for w in words]
    flush_bare()
    if group:
        query.groups.append(group)
    if query.excluded and not query.groups:
        query.excluded = []
        query.notes.append("Chỉ có từ loại trừ (dấu trừ): hãy thêm từ cần tìm.")
    return query


# ---- The search form: the address bar's parameters, in Vietnamese.

ORDERS = {"moi": "Mới nhất trước", "lien-quan": "Liên quan nhất trước"}
PARAMS = ("q", "tu", "den", "tinh", "tinh_nay", "nguon", "tac_gia", "sap_xep")


@dataclass
class Form:
    """What the reader asked for, read from the address bar; nothing in it can raise."""
    params: dict
    query: Query
    filters: dict
    relevant: bool
    page: int = 1
    notes: list[str] = field(default_factory=list)

    def link(self, path: str = "/tim-kiem", **change) -> str:
        values = {**{k: v for k, v in self.params.items() if v}, **change}
        values = {k: v for k, v in values.items() if v not in (None, "")}
        return path + ("?" + urlencode(values) if values else "")

    @property
    def asked(self) -> bool:
        return bool(self.query or any(self.filters.values()))


def _day(value: str, label: str, notes: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        notes.append(f"{label} “{value[:40]}” không phải ngày hợp lệ (dạng năm-tháng-ngày): bỏ qua.")
        return None


def read_form(args) -> Form:
    """The search form from the address bar (any mapping with .get); nothing in it can raise."""
    params = {k: (args.get(k) or "").strip() for k in PARAMS}
    query = parse(params["q"])
    notes = list(query.notes)
    since, until = _day(params["tu"], "Từ ngày", notes), _day(params["den"], "Đến ngày", notes)
    if since and until and since > until:
        notes.append("“Từ ngày” sau “Đến ngày”: đã đổi chỗ hai ngày.")
        since, until = until, since
    filters = {"since": since and since.isoformat(),
               "before": until and (until + timedelta(days=1)).isoformat(),
               "province": params["tinh"], "province_now": params["tinh_nay"],
               "site": params["nguon"], "author_key": author_key(params["tac_gia"])}
    try:
        page = min(max(int(args.get("trang") or 1), 1), MAX_PAGE)
    except ValueError:
        page = 1
    relevant = params["sap_xep"] != "moi" if query else False
    return Form(params, query, filters, relevant, page, notes)


def _instant(value: str | None) -> str | None:
    """A day without a time ('2022-05-12') as its first moment, Vietnam time: Atom wants both."""
    return value + "T00:00:00+07:00" if value and len(value) == 10 else value


def feed_times(rows: list[dict]) -> list[str]:
    """Each entry's Atom <updated>: its date; an undated one never after the oldest dated entry."""
    dated = [_instant(r["published_at"]) for r in rows if r["published_at"]]
    floor = min(dated) if dated else None
    return [_instant(r["published_at"]) or min(filter(None, (r["first_seen"], floor)))
            for r in rows]


def months_between(first: str, last: str) -> list[str]:
    """Every month from first to last ('2023-11' … '2024-02'), none skipped."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


# ---- Highlighting: the same terms, found again in the text shown to the reader.

def _spans(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    """Character spans of every place where a term matches, as the index would match it."""
    tokens = [(m.start(), m.end(), m.group().lower()) for m in WORD.finditer(text)]
    folded = [fold(t[2]) for t in tokens]
    spans = []
    for term in terms:
        for words in term.alternatives:
            n = len(words)
            for i in range(len(tokens) - n + 1):
                seq = [t[2] for t in tokens[i:i + n]] if term.exact else folded[i:i + n]
                if seq == list(words):
                    spans.append((tokens[i][0], tokens[i + n - 1][1]))
    return sorted(spans)


def _render(text: str, spans: list[tuple[int, int]]) -> str:
    out, at = [], 0
    for start, end in spans:
        if start < at:
            continue  # overlapping matches: the first one wins
        out.append(html.escape(text[at:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def highlight(text: str | None, query: Query) -> str:
    """The whole text as HTML, escaped, with every match in <mark>."""
    text = text or ""
    return _render(text, _spans(text, query.terms()))


def snippet(text: str | None, query: Query, words: int = 40) -> str:
    """About `words` words of the text around its first match, as escaped HTML with <mark>s."""
    text = " ".join((text or "").split())
    tokens = list(WORD.finditer(text))
    if not tokens:
        return ""
    spans = _spans(text, query.terms())
    first = next((i for i, t in enumerate(tokens) if spans and t.start() >= spans[0][0]), 0)
    start = max(0, first - 8)
    end = min(len(tokens), start + words)
    begin, stop = tokens[start].start() if start else 0, tokens[end - 1].end()
    inside = [(a - begin, b - begin) for a, b in spans if a >= begin and b <= stop]
    return ("… " if begin else "") + _render(text[begin:stop], inside) + (" …" if end < len(tokens) else "")


def author_display(author: str | None) -> str:
    """A byline written in capitals ('THẢO VY') as a name is written ('Thảo Vy')."""
    author = " ".join((author or "").split())
    return author.title() if author.isupper() else author


def file_slug(text: str | None, limit: int = 60) -> str:
    """A query as a file-name part: 'Mái ấm công đoàn' → 'mai-am-cong-doan'."""
    return "-".join(WORD.findall(fold_key(text)))[:limit].strip("-")
