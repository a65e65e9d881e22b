"""Forms read as sentences: case report forms, registry pages and checklists answer a labelled field
("Q7 Dysphagia (Y/N): N", "Dysphagia: N   Dysphonia: N", "Weight (kg): 73.5") where a letter writes
"no dysphagia" or "weight 73.5 kg". The readers after this one read sentences, so each answered field
is written as the sentence it stands for; anything else is left as it is.

- A yes/no answer: "N" or "No" makes "no <label>", "Y" or "Yes" makes "<label>", with whatever follows
  the answer kept ("Y - relapse at prednisolone 10 mg/day").
- A unit in the label's brackets goes after a number answer ("Age at visit (years): 61" -> "Age at visit:
  61 years").
- Several fields on one line, apart by two or more spaces, a tab or "|", are separate sentences; question
  numbers ("Q7", "Q5a") are dropped.
- Tick boxes: only the ticked options are read ("Symptoms: [ ] dysphagia [x] weakness" -> "Symptoms: weakness"), a
  ticked antibody is the positive one, and a question a box answers is read as its answer ("Can you stand up
  without your arms? [ ] Yes [x] No" -> "cannot stand up without your arms").
- A database export's snake_case keys are read as words ("statin_ever: yes", "weight_last_kg: 83.5").
"""

from __future__ import annotations

import re

#: A field's place on a line: fields are set apart by a tab or by two or more spaces.
FIELD_GAP = re.compile(r"\t+|\s{2,}|\s*\|\s*")
QUESTION_NUMBER = re.compile(r"^\s*(?:q\s?\d{1,3}[a-z]?|\d{1,3}[a-z]?[.)])\s+", re.I)
#: A labelled answer: "<label> (<hint>): <answer>".
ANSWER_MARK = re.compile(r"[:=]")
FIELD = re.compile(r"^(?P<label>[A-Za-z][^:=\n.;!?]{0,80}?)\s*(?:\((?P<hint>[^()\n]{1,20})\))?\s*[:=]\s*"
                   r"(?P<answer>.*)$")
YES_NO_HINT = re.compile(r"^(?:y\s*/\s*n|yes\s*/\s*no|n\s*/\s*y)$", re.I)
#: The answer a yes/no field takes, and what follows it ("Y - relapse at 10 mg").
YES_NO = re.compile(r"^(?:(?P<no>n|no|none|nil|absent)|(?P<yes>y|yes|present))\b\.?\s*(?:[-–—,;:]\s*)?(?P<rest>.*)$",
                    re.I)
#: A yes/no field anywhere in a sentence: "improving; relapse during taper (Y/N): N".
INLINE_YES_NO = re.compile(r"(?P<label>[A-Za-z][\w\s/<>%.-]{0,60}?)\s*\((?:y\s*/\s*n|yes\s*/\s*no)\)\s*[:=]?\s*"
                           r"(?:(?P<no>n|no)|(?P<yes>y|yes))\b", re.I)
SPEAKER = re.compile(r"^(?:dr|doctor|pt|patient|mum|mom|dad|nurse|me|q|a|caller|parent|carer|husband|wife|son|"
                     r"daughter|interpreter|clinician|physio|therapist)$", re.I)
UNIT_HINT = re.compile(r"^(?:kg|kgs|lbs?|st|stone|years?|yrs?|y|months?|cm|%)$", re.I)
NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
NOT_NOW = re.compile(r"\b(?:current(?:ly)?|now|at\s+present)\b", re.I)
UNIT_LAST = re.compile(r"\s(kg|kgs|lbs?|years?|yrs?)$", re.I)


#: A statin field answered "not now" and one answered "ever": together, a statin taken in the past.
NOT_CURRENT_STATIN = re.compile(r"\bstatin\s+(?:current(?:ly)?|now)\s*(?:\([^()\n]{1,10}\))?\s*[:=]\s*(?:no|n)\b", re.I)
EVER_STATIN = re.compile(r"\bstatin\s+ever\s*(?:\([^()\n]{1,10}\))?\s*[:=]\s*(?:yes|y)\b", re.I)
#: A database export's key ("statin_ever: yes", "weight_last_kg: 83.5"), read as words.
SNAKE_KEY = re.compile(r"(?m)^[ \t]*[a-z]+(?:_[a-z]+)+(?=\s*:)|(?<=\|\s)[a-z]+(?:_[a-z]+)+(?=\s*:)")
#: A question a tick box answers ("Do you have trouble swallowing? [ ] Yes [x] No"), and how the answer reads.
ASKED_AS = [
    (re.compile(r"^\s*(?:do|does)\s+(?:you|he|she|they)\s+(?:have|get|take)\s+(?:any\s+)?", re.I), "", "no "),
    (re.compile(r"^\s*(?:have|has)\s+(?:you|he|she|they)\s+(?:ever\s+)?(?:had|taken|been\s+on|used)\s+(?:any\s+)?",
                re.I), "took ", "never took "),
    (re.compile(r"^\s*(?:can|could)\s+(?:you|he|she|they)\s+", re.I), "can ", "cannot "),
    (re.compile(r"^\s*(?:are|is)\s+(?:you|he|she|they)\s+", re.I), "", "not "),
    (re.compile(r"^\s*(?:is|are)\s+there\s+(?:any\s+)?", re.I), "", "no "),
]
YES = re.compile(r"^(?:yes|y)\b[,\s]*(?P<rest>.*)$", re.I)
NO = re.compile(r"^(?:no|n|never|none)\b[,\s]*(?P<rest>.*)$", re.I)
#: A tick box: "[x]", "[X]", "[✓]", "☒", "☑" ticked; "[ ]", "☐" not.
BOX = re.compile(r"\[\s*(?P<ticked>[xX✓✔])?\s*\]|(?P<ticked2>[☒☑✅])|☐")
#: A tick-box field about the antibody result ("Antibody: [x] HMGCR [ ] SRP").
ANTIBODY_FIELD = re.compile(
    r"\b(?:anti\s*bod(?:y|ies)|abs?|serology|msa|myositis\s+(?:panel|antibod\w*))\s*[:=]?\s*$", re.I)
ANTIBODY_NAME = re.compile(r"^(?:anti[-\s]?)?(?:hmgcr|srp(?:54)?)$", re.I)


def form_answers_as_sentences(text: str) -> str:
    """The text with each answered form field written as a sentence (see the module's docstring)."""
    text = SNAKE_KEY.sub(lambda match: match[0].replace("_", " "), text)
    if NOT_CURRENT_STATIN.search(text):  # "statin ever: yes" beside "statin current: no" is a past statin
        text = EVER_STATIN.sub("Past statin use: yes", text)
    if BOX.search(text):
        text = "\n".join(_ticked_only(line) for line in text.split("\n"))
    if ":" not in text and "=" not in text:
        return text
    return "\n".join(_line(line) for line in text.split("\n"))


def _ticked_only(line: str) -> str:
    """A line of tick boxes with only the ticked items left ("Symptoms: [ ] dysphagia [x] weakness" ->
    "Symptoms: weakness"): an unticked item is not said of the patient. A ticked antibody is the positive one."""
    chunks = [chunk for chunk in FIELD_GAP.split(line.strip()) if chunk]
    if len(chunks) > 1 and "?" not in line and all(
            (box := BOX.search(chunk)) is None or chunk[:box.start()].strip() for chunk in chunks):
        # "anti-HMGCR [x] pos [ ] neg    anti-SRP [ ] pos [x] neg": each field's boxes on their own.
        return "  ".join(_ticked_only(chunk) for chunk in chunks)
    boxes = list(BOX.finditer(line))
    if not boxes:
        return line
    if len(boxes) == 1 and not line[boxes[0].end():].strip() and line[:boxes[0].start()].strip():
        return _box_after_its_item(line[:boxes[0].start()].rstrip(), _is_ticked(boxes[0]))
    options = _options(line, boxes)
    answered = _question_answered(line[:boxes[0].start()], options)
    if answered is not None:
        return answered
    parts = [line[:boxes[0].start()].rstrip()]
    for ticked, item in options:
        # What follows the last item after a separator ("... [ ] hoist | Age 41") is another field, kept.
        item, _, rest = item.partition("|") if "|" in item else (item, "", "")
        if ticked:
            word = item.strip().rstrip(",;")
            if ANTIBODY_NAME.match(word):
                word += " positive"
            elif ANTIBODY_FIELD.search(parts[0]) and word.lower() in ("negative", "neg", "none"):
                word = "antibody panel negative"
            parts.append(f" {word};")
        if rest:
            parts.append(f" | {rest.strip()}")
    return "".join(parts).rstrip(";")


def _is_ticked(box: re.Match[str]) -> bool:
    return bool(box["ticked"] or box["ticked2"])


def _box_after_its_item(item: str, ticked: bool) -> str:
    """A box written after what it ticks ("anti-HMGCR [x]  anti-SRP [ ]  Ab-negative [ ]"): the item is said only
    when ticked; a label ending in a colon ("Dysphagia: [x]") is answered yes or no."""
    if item.endswith(":"):
        return f"{item} {'yes' if ticked else 'no'}"
    if not ticked:
        return ""
    last_word = item.split()[-1]
    return f"{item} positive" if ANTIBODY_NAME.match(last_word) else item


def _line(line: str) -> str:
    chunks = [chunk for chunk in FIELD_GAP.split(line.strip()) if chunk]
    fields = [_field(chunk) for chunk in chunks]
    if not any(read is not None for read in fields):
        return INLINE_YES_NO.sub(_inline, line)
    sentences = [read if read is not None else INLINE_YES_NO.sub(_inline, chunk) for read, chunk in
                 zip(fields, chunks, strict=True)]
    return ". ".join(sentence.rstrip(" .") for sentence in sentences) + "."


def _field(chunk: str) -> str | None:
    """The sentence a labelled answer stands for, or None when the chunk is not one this reads. A sentence
    before the field in the same chunk is kept ("Anti-HMGCR positive. Dysphagia: N")."""
    colon = ANSWER_MARK.search(chunk)
    if not colon:
        return None
    cut = max(chunk.rfind(mark, 0, colon.start()) for mark in ".;!?") + 1
    before = f"{chunk[:cut]} " if cut else ""
    match = FIELD.match(QUESTION_NUMBER.sub("", chunk[cut:].lstrip()))
    if not match:
        return None
    read = _answered(match)
    return None if read is None else f"{before}{read}"


def _answered(match: re.Match[str]) -> str | None:
    label, hint, answer = match["label"].strip(), (match["hint"] or "").strip(), match["answer"].strip()
    if SPEAKER.match(label):
        return None  # "Pt: No." answers the question before it (transcript.py), it is not a field
    yes_no = YES_NO.match(answer)
    # Without a "(Y/N)" hint only a bare answer is one ("Dysphagia: N"; not "Subject: Y-12").
    # A bracketed note after the answer is the answer's ("ILD on HRCT: No (HRCT 2024-04)").
    if yes_no and (YES_NO_HINT.match(hint) or not yes_no["rest"] or yes_no["rest"].startswith("(")):
        if yes_no["no"] and NOT_NOW.search(label):
            return ""  # "statin current: no" says only that it is not taken now; "statin ever" tells the rest
        rest = f". {yes_no['rest']}" if yes_no["rest"] else ""
        return (f"No {label}" if yes_no["no"] else label) + rest
    if UNIT_HINT.match(hint) and NUMBER.match(answer):
        return f"{label}: {answer} {hint}"
    unit = UNIT_LAST.search(label)
    if not hint and unit and NUMBER.match(answer):  # "weight last kg: 83.5", "age years: 58"
        return f"{label[:unit.start()].strip()}: {answer} {unit[1]}"
    return None


def _inline(match: re.Match[str]) -> str:
    label = match["label"].strip()
    return f"no {label}" if match["no"] else label


def _options(line: str, boxes: list[re.Match[str]]) -> list[tuple[bool, str]]:
    """Each box of the line: whether it is ticked, and the text up to the next box."""
    ends = [box.start() for box in boxes[1:]] + [len(line)]
    return [(bool(box["ticked"] or box["ticked2"]), line[box.end():end]) for box, end in zip(boxes, ends, strict=True)]


def _question_answered(asked: str, options: list[tuple[bool, str]]) -> str | None:
    """"Do you have trouble swallowing? [ ] Yes [x] No" as "no trouble swallowing."; "Can you stand up from a chair
    without using your arms? [ ] Yes [x] No" as "cannot stand up from a chair without using your arms."."""
    if "?" not in asked:
        return None
    ticked = [item.strip() for is_ticked, item in options if is_ticked]
    if len(ticked) != 1:
        return None
    question = asked.strip().rstrip("?").strip()
    for pattern, said_yes, said_no in ASKED_AS:
        match = pattern.match(question)
        if match is not None:
            rest = question[match.end():]
            if (yes := YES.match(ticked[0])) is not None:
                return f"{said_yes}{rest} {yes['rest']}".rstrip() + "."
            if (no := NO.match(ticked[0])) is not None:
                return f"{said_no}{rest} {no['rest']}".rstrip() + "."
            break
    return f"{question}: {ticked[0]}."
