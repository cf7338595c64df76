"""Coding the job titles employers write: a normaliser for Swedish forms and an index over the
occupation titles, the hand-kept alias table and the coordinator's answers.

`TitleIndex.code(text)` returns a `TitleMatch`: one code when the title certainly means one
occupation, the candidate codes when it could mean several (a question for a person, those codes
first among the suggestions), or nothing. It never guesses: a title is coded only when

- its normalised form (`key`) is an alias (data/occupation_alias.csv or an answer the coordinator
  gave, `answer_alias`), a JobTech yrkesbenämning, or a unit group's name, and every one of these
  that has that form names the same code; or
- every part of "kock/kallskänka" is coded to the same code; or
- without a qualifier that cannot change the occupation ("Lastbilsförare CE", "Kock vikariat",
  "Undersköterska hemtjänst" where only one candidate group names "hemtjänst") it is coded; or
- it is a spelling within one or two letters of one single-code form, clearly ahead of others.

The normal form: lower case, diacritics folded, hyphens and slashes as spaces, "m.fl." and text in
brackets dropped, "chaufför" read as "förare", and every word stemmed by its Swedish endings
(undersköterskor, undersköterska → underskotersk; kockar → kock; servitörer → servitor).

Suggestions are ranked by meaning, not by letters: a Swedish compound's last part is its head
(a "grillkock" is a kind of "kock", a "jockey" is not), so codes whose titles share the query's
words or heads come first; letter similarity only breaks ties or fills in when nothing shares a
word.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

FUZZY_ACCEPT = 90  # ratio of normal forms a misspelt title needs ...
FUZZY_MARGIN = 6  # ... and its lead over the best form of another code
FUZZY_MIN_LENGTH = 7  # shorter words are too close to each other to accept a misspelling

# Words that qualify a title without changing its occupation: licence classes, terms of
# employment, shifts. "Lastbilsförare CE", "Kock vikariat", "Undersköterska natt".
HARMLESS_QUALIFIERS = frozenset(
    [
        "b",
        "be",
        "c",
        "c1",
        "c1e",
        "ce",
        "d",
        "d1",
        "de",
        "d1e",
        "am",
        "a",
        "a1",
        "a2",
        "yrkesbevis",
        "ykb",
        "vikarie",
        "vikariat",
        "vik",
        "sommarvikarie",
        "sommarvikariat",
        "timvikarie",
        "timanställd",
        "timanstalld",
        "heltid",
        "deltid",
        "tillsvidare",
        "visstid",
        "säsong",
        "sasong",
        "sommar",
        "helg",
        "natt",
        "dag",
        "kväll",
        "kvall",
        "natt-",
        "dag-",
        "fast",
        "tjänst",
        "tjanst",
    ]
)
# Words before a title that do not change it: "Legitimerad sjuksköterska", "Erfaren kock".
LEADING_QUALIFIERS = frozenset(
    [
        "leg",
        "legitimerad",
        "legitimerade",
        "erfaren",
        "erfarna",
        "erfarna",
        "senior",
        "junior",
        "utbildad",
        "utbildade",
        "behörig",
        "behöriga",
        "certifierad",
        "certifierade",
        "vikarierande",
        "extra",
        "timanställd",
        "timanställda",
    ]
)
# Heads so general that sharing them says little ('kökspersonal' is no kind of HR 'personal').
GENERIC_HEADS = frozenset(["personal", "arbet", "medarbet", "anstalld", "assistent", "handlagg"])
STOPWORDS = frozenset(
    [
        "och",
        "inom",
        "i",
        "av",
        "for",
        "med",
        "samt",
        "ovriga",
        "ovrig",
        "m",
        "fl",
        "mm",
        "etc",
        "vid",
        "pa",
        "till",
    ]
)
_ENDINGS = ("orna", "arna", "erna", "or", "ar", "er", "a", "e")


def _fold(text: str) -> str:
    s = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", str(text)).casefold())
    return "".join(c for c in s if not unicodedata.combining(c))


_LEADING = frozenset(_fold(q) for q in LEADING_QUALIFIERS)
_HARMLESS = frozenset(_fold(q) for q in HARMLESS_QUALIFIERS)


def stem(word: str) -> str:
    """A Swedish word without its plural and definite endings (twice at most), diacritics folded:
    'undersköterskor' and 'undersköterska' → 'underskotersk', 'servitörer' → 'servitor'."""
    w = unicodedata.normalize("NFC", word.casefold())
    for _ in range(2):
        for ending in _ENDINGS:
            if w.endswith(ending) and len(w) - len(ending) >= 3:
                w = w[: -len(ending)]
                break
        else:
            break
    return _fold(w)


def words(text: str) -> list[str]:
    """The words of a title, cleaned: no brackets, no 'm.fl.', chaufför as förare."""
    s = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ").casefold()
    s = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", s)
    s = re.sub(r"\bm\.\s?fl\.?|\bm\.\s?m\.?|\bo\.\s?dyl\.?|\betc\.?", " ", s)
    s = re.sub(r"chauff[öo]r(?:erna|er|en)?", "förare", s)
    s = re.sub(r"[-‐‑–—_/\\.,;:&+*'\"!?]", " ", s)
    return [w for w in s.split() if w]


def key(text: str) -> str:
    """The normal form of a title: its stemmed words joined by spaces."""
    return " ".join(stem(w) for w in words(text))


def _heads(text: str) -> list[str]:
    """Other forms a title or a unit group's name is known by: the part before the first comma
    ('Undersköterska, hemtjänst, …' → 'Undersköterska'), the parts of a slash
    ('Servitör/Servitris'), the parts of a short 'A och B' name ('Kockar och kallskänkor')."""
    s = re.sub(r"\([^)]*\)", " ", str(text))
    out = []
    head = s.split(",")[0]
    if head != s:
        out.append(head)
    for part in re.split(r"/", head):
        out.append(part)
    plain = words(head)
    if (
        " och " in f" {' '.join(plain)} "
        and len(plain) <= 4
        and not set(plain) & {"inom", "vid", "samt", "i", "av", "för"}
    ):
        for part in re.split(r"\s+och\s+", head):
            if not part.rstrip().endswith("-"):
                out.append(part)
    return out


@dataclass(frozen=True)
class TitleMatch:
    code: str | None = None  # the one code, when certain
    how: str = ""  # 'alias', 'svar', 'titel', 'delar', 'utan tillägg', 'titel ~93'
    candidates: tuple[str, ...] = ()  # the codes it may mean (ambiguous), best first


@dataclass
class TitleIndex:
    """Normal forms → codes, from titles (JobTech), unit-group names (SSYK), hand-kept aliases
    and the coordinator's answers. Build once per import."""

    codes: set[str]  # the valid SSYK-4 codes
    forms: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    sources: dict[str, str] = field(default_factory=dict)  # normal form -> 'alias', 'titel', ...
    answers: dict[str, str] = field(default_factory=dict)  # coordinator: normal form -> code
    texts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # code -> texts
    plain: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # unstemmed
    exact: set[str] = field(default_factory=set)  # forms written whole as a title or a name

    @classmethod
    def build(
        cls,
        ssyk_names: dict[str, str],
        job_titles: Iterable[tuple[str, str]],
        aliases: Iterable[tuple[str, str]] = (),
        answers: Iterable[tuple[str, str]] = (),
    ) -> TitleIndex:
        index = cls(set(ssyk_names))
        for code, name in ssyk_names.items():
            index._add(name, code, "yrkesgrupp")
            index.texts[code].append(name)
        for title, code in job_titles:
            if code in index.codes:
                index._add(title, code, "titel")
                index.texts[code].append(title)
        for alias, code in aliases:
            if code in index.codes:
                k = key(alias)
                if k:
                    if index.sources.get(k) != "alias":
                        index.forms[k] = set()  # the hand-kept table says what a form means
                    index.forms[k].add(code)
                    index.sources[k] = "alias"
                    index.plain[" ".join(_fold(w) for w in words(alias))].add(code)
                    index.texts[code].append(alias)
        for value, code in answers:
            if code in index.codes and key(value):
                index.answers[key(value)] = code
        index._prepare()
        return index

    def _add(self, text: str, code: str, source: str) -> None:
        plain = " ".join(_fold(w) for w in words(text))
        if plain:
            self.plain[plain].add(code)
        for number, form in enumerate((text, *_heads(text))):
            k = key(form)
            if k and self.sources.get(k) != "alias":
                self.forms[k].add(code)
                self.sources.setdefault(k, source)
                if number == 0:
                    self.exact.add(k)

    def _prepare(self) -> None:
        # A form known only as the head of a name ("Drifttekniker" of "Drifttekniker, IT") is
        # as wide as the titles it begins: "Drifttekniker värmeverk" is 8191, so "Drifttekniker"
        # alone is 3511 or 8191 (a question), never IT by the accident of a comma.
        starting: dict[str, set[str]] = defaultdict(set)
        for k in self.exact:
            parts = k.split()
            for cut in range(1, len(parts)):
                starting[" ".join(parts[:cut])] |= self.forms[k]
        for k, codes in starting.items():
            if k in self.forms and k not in self.exact and self.sources.get(k) != "alias":
                self.forms[k] |= codes
        self._plain_list = list(self.plain)
        self._word_codes: dict[str, set[str]] = defaultdict(set)
        for code, texts in self.texts.items():
            for text in texts:
                for w in words(text):
                    s = stem(w)
                    if s not in STOPWORDS and len(s) >= 2:
                        self._word_codes[s].add(code)
        self._word_list = list(self._word_codes)

    # ------------------------------------------------------------------------------ coding

    def _exact(self, k: str) -> TitleMatch | None:
        if k in self.answers:
            return TitleMatch(self.answers[k], "svar")
        found = self.forms.get(k)
        if not found:
            return None
        how = "alias" if self.sources.get(k) == "alias" else "titel"
        if len(found) == 1:
            return TitleMatch(next(iter(found)), how)
        return TitleMatch(None, how, tuple(sorted(found)))

    def code(self, text: str) -> TitleMatch:
        """Code a title as written; see the module's docstring for when it is certain."""
        raw = words(text)
        while raw and _fold(raw[0]).rstrip(".") in _LEADING:
            raw = raw[1:]
        if not raw:
            return TitleMatch()
        k = " ".join(stem(w) for w in raw)
        found = self._exact(k)
        if found is not None:
            return found
        # "kock/kallskänka", "kock eller kallskänka": every part the same code
        parts = [p for p in re.split(r"/|\beller\b|\+|&", str(text)) if key(p)]
        if len(parts) > 1:
            coded = [self._exact(key(p)) for p in parts]
            if all(c is not None for c in coded):
                codes = {c.code for c in coded if c.code}
                if len(codes) == 1 and all(c.code for c in coded):
                    return TitleMatch(codes.pop(), "delar")
                candidates = {x for c in coded for x in ((c.code,) if c.code else c.candidates)}
                return TitleMatch(None, "delar", tuple(sorted(candidates)))
        # a qualifier that cannot change the occupation, or one only one candidate names
        stems = k.split()
        for cut in range(len(stems) - 1, 0, -1):
            head, rest = stems[:cut], stems[cut:]
            found = self._exact(" ".join(head))
            if found is None:
                continue
            candidates = (found.code,) if found.code else found.candidates
            rest_words = [r for r in rest if r not in STOPWORDS]
            if all(_fold(r) in _HARMLESS for r in raw[cut:]):
                if found.code:
                    return TitleMatch(found.code, "utan tillägg")
                return TitleMatch(None, "utan tillägg", found.candidates)
            naming = [c for c in candidates if all(self._names(c, r) for r in rest_words)]
            if len(naming) == 1 and rest_words:
                return TitleMatch(naming[0], "utan tillägg")
            return TitleMatch(None, "utan tillägg", tuple(naming or candidates))
        # a misspelling of one single-code form, clearly ahead (compared unstemmed)
        plain = " ".join(_fold(w) for w in raw)
        if len(plain.replace(" ", "")) >= FUZZY_MIN_LENGTH:
            close = process.extract(
                plain,
                self._plain_list,
                scorer=fuzz.ratio,
                limit=10,
                score_cutoff=FUZZY_ACCEPT - FUZZY_MARGIN,
            )
            if close:
                best_form, best, _ = close[0]
                best_codes = self.plain[best_form]
                rival = max(
                    (s for f, s, _ in close[1:] if self.plain[f] != best_codes), default=0.0
                )
                if (
                    best >= FUZZY_ACCEPT
                    and best - rival >= FUZZY_MARGIN
                    and self._same_head(plain, best_form)
                ):
                    if len(best_codes) == 1:
                        return TitleMatch(next(iter(best_codes)), f"titel ~{int(best)}")
                    return TitleMatch(None, "stavning", tuple(sorted(best_codes)))
                candidates = [
                    c for f, s, _ in close if s >= FUZZY_ACCEPT for c in sorted(self.plain[f])
                ]
                if candidates:
                    return TitleMatch(None, "stavning", tuple(dict.fromkeys(candidates)))
        return TitleMatch()

    def _same_head(self, written: str, form: str) -> bool:
        """A misspelling keeps its compound's head: "Underhållstekniker" ends in the known
        word "tekniker", so it is no misspelling of "Underhållsmekaniker" however close the
        letters ('tekniker' and 'mekaniker' are two occupations' words)."""
        last = stem(written.split()[-1])
        other = stem(form.split()[-1])
        for size in range(len(last) - 1, 4, -1):  # the longest known word the last one ends in
            head = last[-size:]
            if head in self._word_codes and head not in GENERIC_HEADS:
                return other.endswith(head)
        return True

    def _names(self, code: str, word_stem: str) -> bool:
        return code in self._word_codes.get(word_stem, ())

    # ------------------------------------------------------------------------------ suggesting

    def suggest(self, text: str, first: Iterable[str] = (), limit: int = 3) -> list[str]:
        """Codes to offer for a title, by meaning: `first` (the candidates of an ambiguous title),
        then codes whose titles have the query's words, as whole words or as the head of a
        compound ('grillkock' for 'kock'), then codes whose words begin with them; letters only
        break ties."""
        first = tuple(first)
        out = list(dict.fromkeys(first))
        scores: dict[str, float] = defaultdict(float)
        query = [stem(w) for w in words(text)]
        query = [q for q in query if q not in STOPWORDS and len(q) >= 2]
        for q in query:
            best: dict[str, float] = {}
            for w, codes in self._word_codes.items():
                if w == q:
                    s = 3.0
                elif len(q) >= 4 and w.endswith(q):
                    s = 2.0  # the query is the head of a compound: a kind of it
                elif len(w) >= 5 and q.endswith(w):
                    # the query is a compound whose head is a known word
                    s = 0.5 if w in GENERIC_HEADS else 1.5
                elif len(q) >= 4 and w.startswith(q):
                    s = 1.0
                elif len(q) >= 5 and len(w) >= 5 and fuzz.ratio(q, w) >= 85:
                    s = 1.0  # a misspelt word
                else:
                    continue
                for code in codes:
                    best[code] = max(best.get(code, 0.0), s)
            for code, s in best.items():
                scores[code] += s
        k = key(text)
        ranked = sorted(
            scores,
            key=lambda c: (
                -scores[c],
                -max((fuzz.ratio(k, key(t)) for t in self.texts[c]), default=0),
                c,
            ),
        )
        for code in ranked:
            if code not in out:
                out.append(code)
        if len(out) < limit:  # nothing shares a word: the closest spellings
            plain = " ".join(_fold(w) for w in words(text))
            for form, _score, _ in process.extract(
                plain, self._plain_list, scorer=fuzz.WRatio, limit=20, score_cutoff=60
            ):
                for code in sorted(self.plain[form]):
                    if code not in out:
                        out.append(code)
        return out[: max(limit, len(first))]
