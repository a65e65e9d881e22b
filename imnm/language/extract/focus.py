"""Which parts of a document are about the patient in focus.

MDT minutes, case series and ward lists tell of several patients, one after another, and often
say which one the document is sent about: "Item 2 (the patient this referral concerns)", "3. **
Focus of this summary:", "(3) THIS REFERRAL:", "2. PATIENT IN FOCUS -", or, in a question after
the series, "I'm asking about Patient 3". Every other patient's part is blanked (same length, so
every offset is kept), and the facts read are that patient's alone. A document with no such
marker, or with more than one, is left whole: no patient is guessed. A family-history section
("FH: Brother - bowel cancer aged 60") is the family's to the end of its sentence, whatever
punctuation it uses inside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: An item of a list at the start of a line: "Item 2", "Case 1", "Patient C", "Pt 3", "(3)", "2.", "B)".
ITEM_START = re.compile(
    r"^[ \t>*\-•]*(?:(?:item|case|patient|pt|bed)(?:\s*(?=\d)|\s+)(?P<named>[A-Z]|\d{1,2})\b|"
    r"\(?(?P<numbered>\d{1,2})[.)](?!\d))",
    re.I | re.M)
#: "Pt 1: 54F anti-SRP ... Pt 2: 70M HMGCR ...", "Case 1 (this referral): ...": patients labelled one after another,
#: on one line or several. On a clinic list, patients by title and initial: "Ms A (SRP, 55kg), Mr B (HMGCR, 80kg),
#: Mrs C (seroneg)".
PATIENT_LABEL = re.compile(r"(?:(?:^|(?<=[\s.;,(]))(?:patient|pt|case)(?:\s*(?=\d)|\s+)|"
                           r"(?P<title>(?<=\bmr\s)|(?<=\bms\s)|(?<=\bmrs\s)|(?<=\bmiss\s)|(?<=\bmr\.\s)|(?<=\bms\.\s)|"
                           r"(?<=\bmrs\.\s)))(?P<label>[A-Z]|\d{1,2})\b"
                           r"(?(title)\.?(?=\s*[:)(\-–,])|(?=\s*[:)(\-–]))",
                           re.I | re.M)
#: An item that says it is the one the document is about.
FOCUS_MARK = re.compile(
    r"\b(?:in\s+focus|focus\s+of\s+this|this\s+(?:referral|letter|summary|case(?:'s)?|query|entry)\b|"
    r"(?:referral|letter|summary|query)\s+(?:concerns|is\s+about)|patient\s+(?:in\s+question|of\s+interest)|"
    r"index\s+(?:patient|case)|(?:the\s+)?(?:patient|one)\s+(?:i'?m|i\s+am|we\s+are|we're)\s+asking\s+about|"
    # "BED 12 - Mr K., 59M (the IMNM patient)": the one with the disease the document is about.
    r"the\s+(?:imnm|nam|myositis|myopathy|necroti[sz]ing\s+myopathy)\s+(?:patient|pt|one|case))",
    re.I)
#: An item that says it is not the one the document is about: "discussed separately, see individual minute",
#: "(different pt, Mrs E.)", "for information only".
NOT_IN_FOCUS = re.compile(
    r"\b(?:discussed|documented|recorded|reviewed|minuted)\s+separately\b|\bsee\s+(?:(?:the|her|his|their)\s+)?"
    r"(?:individual|separate|own)\s+(?:minute|note|entry|letter|record)|\bdifferent\s+(?:pt|patient|person)\b|"
    r"\bnot\s+(?:the|this|our)\s+(?:pt|patient)\b|\bfor\s+(?:info|information)\s+only\b|\bother\s+(?:patients|pts)\b",
    re.I)
#: One item this many times longer than every other, in a list none of whose items is marked, is the case the
#: document is written about ("Case 1:" with a page of history, "Case 2/3:" one line each).
PROMINENT_RATIO = 3
#: An item that is a person: "Case 1", "BED 12", "Patient C", "Mrs B." (not "1. Type 2 diabetes").
A_PERSON_ITEM = re.compile(r"[\s>*\-•]*(?:case|patient|pt|bed|mrs|mr|ms|miss)\b", re.I)
PROMINENT_MIN_CHARS = 400
#: A question after a series naming the one asked about: "the patient I need help with is Patient C",
#: "I'm asking about Patient 3, the boy", "my question is about Case 2".
LABEL_ASKED_ABOUT = re.compile(
    r"\b(?:asking\s+about|question\s+is\s+about|need\s+(?:help|advice)\s+(?:with|about|on)|help\s+with\s+is|"
    r"advice\s+(?:about|on)|is\s+about|(?:referral|request|consult\w*|query|this)\s+is\s+for)\s+"
    r"(?P<kind>patient|case|pt|bed|mrs|mr|ms|miss)\.?\s+(?P<label>[A-Z]|\d{1,2})\b",
    re.I)
#: How far into an item its focus mark may stand: the item's heading, not a later sentence that mentions
#: "this referral" in passing.
HEADING_CHARS = 90


@dataclass(frozen=True)
class Item:
    label: str
    start: int
    end: int


#: A label, then the same patient's title in brackets right after it: "patient 2 (Mrs ".
TITLE_IN_BRACKETS = re.compile(r"\S+\s*\S*\s*\(\s*$")


TITLE_BEFORE = re.compile(r"(?:mrs|mr|ms|miss)\.?\s*$", re.I)


def _title_start(text: str, match: re.Match[str]) -> int:
    title = TITLE_BEFORE.search(text, max(0, match.start("label") - 8), match.start("label"))
    return title.start() if title else match.start()


def items(text: str) -> list[Item]:
    """The list items of a text, each running to the next item's start (the last to the end)."""
    at_line_start = [(match["named"] or match["numbered"], match.start()) for match in ITEM_START.finditer(text)]
    taken = {start for _, start in at_line_start}
    inline = []
    for match in PATIENT_LABEL.finditer(text):
        # A title's item starts at the title ("2) Mrs B., 52": one item with the list number before it).
        start = _title_start(text, match) if match["title"] is not None else match.start()
        if any(abs(start - other) <= 6 for other in taken) or match["title"] is not None and any(
                other < start and "\n" not in text[other:start] for other in taken):
            continue  # the list item's own patient ("(3) THIS REFERRAL: Ms W., 44")
        if match["title"] is not None and inline and TITLE_IN_BRACKETS.match(text, inline[-1][1], start):
            continue  # "Entry for patient 2 (Mrs B.):": the same patient by another name
        inline.append((match["label"], start))
    starts = sorted(at_line_start + inline, key=lambda pair: pair[1])
    return [Item(label.lower(), start, starts[index + 1][1] if index + 1 < len(starts) else len(text))
            for index, (label, start) in enumerate(starts)]


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span blanked, newlines kept, so lines and offsets stay as they were."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = re.sub(r"[^\n]", " ", text[start:end])
    return "".join(chars)


def _only(text: str, keep: Item, every: list[Item]) -> str:
    """The text with every other patient's item blanked ("2) Mrs B. - THIS ENTRY" keeps "Entry for patient 2: ...")."""
    return _blanked(text, [(item.start, item.end) for item in every if item is not keep and item.label != keep.label])


def _marked(text: str, every: list[Item]) -> Item | None:
    """The one item the document marks as its subject; else, when every other item is marked as not it or is
    short beside it, that one (see NOT_IN_FOCUS, PROMINENT_RATIO)."""
    marked = [item for item in every if FOCUS_MARK.search(text, item.start, min(item.end, item.start + HEADING_CHARS))]
    if marked:
        return marked[0] if len(marked) == 1 else None
    labels = {item.label for item in every}
    if len(labels) < 2 or not all(A_PERSON_ITEM.match(text, item.start) for item in every):
        return None  # a numbered list of diagnoses is not a list of patients
    left = [item for item in every
            if not NOT_IN_FOCUS.search(text, item.start, min(item.end, item.start + 2 * HEADING_CHARS))]
    if len({item.label for item in left}) == 1:
        return left[0]
    lengths = sorted(((item.end - item.start, index) for index, item in enumerate(every)), reverse=True)
    (longest, at), (second, _) = lengths[0], lengths[1]
    if longest >= PROMINENT_MIN_CHARS and longest >= PROMINENT_RATIO * second:
        return every[at]
    return None


def _asked_about(text: str) -> Item | None:
    asked = LABEL_ASKED_ABOUT.search(text)
    if asked is None:
        return None
    kind = {"case": "case", "patient": "(?:patient|pt)", "pt": "(?:patient|pt)", "bed": "bed"}.get(
        asked["kind"].lower(), "(?:mrs|mr|ms|miss)")
    label_written = rf"\b{kind}\.?\s+(?P<label>[A-Z]|\d{{1,2}})\b\.?(?=\s*[:,(\-–)]|\s+(?:is|was|had|has)\b)"
    labels = [match for match in re.finditer(label_written, text, re.I) if match.start() != asked.start("kind")]
    own = [match for match in labels if match["label"].lower() == asked["label"].lower()]
    if not own:
        return None
    start = own[-1].start()
    following = [match.start() for match in labels
                 if match.start() > start and match["label"].lower() != asked["label"].lower()]
    return Item(asked["label"].lower(), start, following[0] if following else len(text))


#: A family-history heading ("FH:", "FHx -", "Family history:") and what follows it to the end of its sentence or line
#: (the patient may be named again after it); a heading that ends its line takes the list under it ("Family
#: history:\n- mother: breast cancer").
_FH_SENTENCE_END = r"(?=(?<!\bd)\.(?:\s|$)|;|\s{2,}(?:[A-Z]{2,}\s*[:\-]|[A-Z][a-z]+\s*:)|\n|$)"
_KIN = (r"(?:(?:paternal|maternal)\s+)?(?:mother|mum|mom|father|dad|brother|sister|sibling|son|daughter|aunt|uncle|"
        r"cousin|grand(?:mother|father|ma|pa|parent)|twin|niece|nephew)s?")
FAMILY_HISTORY = re.compile(
    r"(?:^|(?<=[\s|]))(?:fhx?|family\s+(?:history|hx))\s*[:\-–]"
    r"(?:[ \t]*\n(?:[ \t]*[-•*][^\n]*(?:\n|$))+"
    r"|[^\n]*?" + _FH_SENTENCE_END
    # "FHx: mother — breast cancer (survived). Brother — myasthenia gravis.": the next sentences of the line that
    # open with a relative go on with the family's history.
    + r"(?:[.;][ \t]+" + _KIN + r"\b(?!-)[^\n]*?" + _FH_SENTENCE_END + r")*)",
    re.I | re.M)


def _family_history_blanked(text: str) -> str:
    return _blanked(text, [match.span() for match in FAMILY_HISTORY.finditer(text)])


#: A ward list told in prose: "bed 4 is an 80 kg man with HMGCR; bed 6 is a 45-year-old woman".
BEDS_IN_PROSE = re.compile(r"\bbed\s+(?P<label>\d{1,2})\s+(?:is|has)\s", re.I)


def several_patients(text: str) -> list[str]:
    """The labels of two or more patients a text describes with none of them marked or asked about (empty
    otherwise): their facts must not be merged into one patient's, so the writer is asked which one."""
    labels = list(dict.fromkeys(match["label"].upper() for match in PATIENT_LABEL.finditer(text)))
    if len(labels) < 2:
        labels = list(dict.fromkeys(match["label"] for match in BEDS_IN_PROSE.finditer(text)))
    if len(labels) < 2 or _asked_about(text) is not None or _marked(text, items(text)) is not None:
        return []
    return labels


#: Other patients told of in passing and said to be recorded elsewhere: "(Other patients discussed today are recorded
#: separately: Mrs J., 66, SRP-positive with ILD; ...)", "her husband, who is also under our care with anti-SRP IMNM;
#: his care is documented separately." The bracket, else the sentence, is theirs.
RECORDED_SEPARATELY = re.compile(
    r"\([^()]*\b(?:recorded|documented|discussed|reported|seen)\s+separately\b[^()]*\)|"
    r"[^.!?\n()]*\b(?:recorded|documented|reported)\s+separately\b[^.!?\n()]*[.!?]?", re.I)


def patient_in_focus(text: str) -> str:
    """The text with only the patient in focus left, when the document names one among several, and without its
    family history or the patients it says are recorded elsewhere."""
    text = _family_history_blanked(text)
    text = _blanked(text, [match.span() for match in RECORDED_SEPARATELY.finditer(text)])
    every = items(text)
    if len(every) >= 2 and (marked := _marked(text, every)) is not None:
        return _only(text, marked, every)
    asked = _asked_about(text)
    if asked is None:
        return text
    # Labels found in prose ("Patient 1, a 34-year-old woman ... Patient 3, a 17-year-old boy"): everything but
    # the one asked about is blanked, including the question (it names no facts).
    return _blanked(text, [(0, asked.start), (asked.end, len(text))])
