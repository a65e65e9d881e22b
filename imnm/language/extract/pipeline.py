"""A spaCy pipeline built in code (no model download): concept rules, a fuzzy drug matcher,
measures, and a negation/polarity step. `extract` turns a message into slot-ready facts."""


import bisect
import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.matcher.levenshtein import levenshtein_compare
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_suffix_regex, filter_spans

from imnm.language.extract import lexicon as lx
from imnm.language.extract.course import about_patients_in_general, sentence_at
from imnm.language.extract.measures import (
    _WORD_NUMBER,
    MADE_UP_PERSON_BEFORE,
    WORD_NUMBERS,
    a_relatives_measure,
    find_ages,
    find_weights,
)

SPAN_KEY = "facts"

for _name, _default in (("value", None), ("negated", False), ("polarity", None), ("temporal", None),
                         ("chars", None), ("not_patient", False)):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=_default)
if not Doc.has_extension("problems"):
    Doc.set_extension("problems", default=None)
if not Doc.has_extension("taken_back"):
    Doc.set_extension("taken_back", default=None)


def _alternation(patterns: list[str]) -> str:
    return r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w])"


def _concept_table() -> list[tuple[str, str | None, re.Pattern[str]]]:
    """(label, value, compiled pattern) for every lexicon family."""
    table: list[tuple[str, str | None, list[str]]] = []
    for antibody, patterns in lx.ANTIBODY.items():
        table.append(("ANTIBODY", antibody, patterns))
    table.append(("SERONEGATIVE", "seronegative", lx.SERONEGATIVE))
    table.append(("STATIN_NEVER", None, lx.STATIN_NEVER))
    table.append(("STATIN", None, [*lx.STATIN_DRUGS, *lx.STATIN_WORDS]))
    table.append(("ICI", None, lx.ICI))
    for level, patterns in lx.SEVERITY_WORDS.items():
        table.append(("SEVERITY", level, patterns))
    for level, patterns in lx.SEVERITY_DESCRIPTORS.items():
        table.append(("SEVERITY", level, patterns))
    for flag, patterns in lx.RED_FLAGS.items():
        table.append(("RED_FLAG", flag, patterns))
    table.append(("REFRACTORY", "true", lx.REFRACTORY))
    table.append(("NOT_REFRACTORY", "false", lx.NOT_REFRACTORY))
    for band, patterns in lx.AGE_BANDS.items():
        table.append(("AGE_BAND", band, patterns))
    for audience, patterns in lx.AUDIENCE.items():
        table.append(("AUDIENCE", audience, patterns))
    return [(label, value, re.compile(_alternation(p), re.I)) for label, value, p in table]


CONCEPTS = _concept_table()
FUZZY_DRUGS = {
    "STATIN": [d for d in lx.STATIN_DRUGS if len(d) >= 8],
    "ICI": ["pembrolizumab", "nivolumab", "ipilimumab", "atezolizumab", "durvalumab", "cemiplimab"],
}

PRE_NEG = re.compile(r"(?<![\w-])" + lx.PRE_NEGATION + r"(?![\w])", re.I)
#: A result after the finding's name, past the words of a result table ("AChR antibodies | Negative",
#: "AChR antibody: negative", "Trop I 0.02 (nl)").
POST_NEG = re.compile(r"^\W{0,3}(?:[\s:|=]*(?:is|was|were|are|came\s+back|returned|screen|panel|test|workup|work-up|ct|hrct|scan|markers?|"
                      r"ruled|antibod(?:y|ies)|abs?|binding|levels?|results?|\d+(?:\.\d+)?\s*(?:ng/l|ng/ml|nmol/l)?))*"
                      r"[\s:|=(]*" + lx.POST_NEGATION + r"(?![\w])", re.I)
SCOPE_BREAK = re.compile(lx.SCOPE_BREAK, re.I)
#: A negative result in the next cell of a pasted table or after a label's colon ("AChR antibodies | Negative",
#: "AChR antibody: negative"), which the clause breaks at ":" and "|" would otherwise cut off.
RESULT_CELL_NEG = re.compile(r"\s*(?:antibod(?:y|ies)|abs?|binding\s+abs?|level|result|exposure|history|hx|use)?"
                             # "Dysphagia – denies", "Immunotherapy (checkpoint inhibitors): never", "Statin: N/A – never".
                             r"(?:\s*\([^()\n]{1,40}\))?\s*(?:[:|=]|\s[–—-])\s*(?:n/?a\s*[–—-]\s*)?"
                             r"(?:" + lx.POST_NEGATION + r"|none|nil|never|denies|denied|"
                             r"no(?!\s+(?:better|worse|stronger|weaker|change|improvement|different|progress))|"
                             # "ILD: HRCT clear", "Cardiac: ECG/echo normal 2024": the test named, then its result.
                             r"(?:[\w/+-]+\s+){1,2}(?:clear|normal|negative|unremarkable|nad|nil)(?![\w])"
                             r"(?!\s+(?:except|apart|but|other\s+than)))(?![\w])", re.I)
NEGATION_SCOPE_BREAK = re.compile(lx.SCOPE_BREAK + "|" + lx.NEGATION_BREAK, re.I)
#: Words between an antibody's name and its result: "HMGCR antibody is still pending", "the anti-SRP
#: result was still awaited", "HMGCR have been sent".
AB_TAIL = (r"^\s*(?:(?:antibod(?:y|ies)|abs?|igg|titre|titer|serology|status|result|level)s?\s*){0,2}"
           # "(HMGCR, SRP): nothing detected": the bracket of names closes before the result.
           r"(?:(?:[:=\-–—(]|\)\s*[:=\-–—]|is|was|were|are|ha(?:ve|s|d)\s+been|came\s+back|returned|"
           # "anti-SRP tested twice, nothing found", "HMGCR checked - none detected": a test told, then its result.
           r"(?:test(?:ed)?|checked|sent|repeated|done)(?:\s+(?:twice|again|x\s?\d|\w+\s+times|thrice))?\s*[,:\-–—]?|strongly|weakly|both|"
           r"all|also|too|each|still|now|currently|only|(?:are|were)\s+both)\s*)*")
AB_POSITIVE_AFTER = re.compile(AB_TAIL + lx.POSITIVE_CUES + r"(?![\w])", re.I)
AB_NEGATIVE_AFTER = re.compile(r"^\s?-(?![\w-])(?=\s*(?:[,;)/]|and\b|$))|^-(?![\w-])|^\s*\(\s*[-–−]\s*\)|" + AB_TAIL + lx.NEGATIVE_CUES + r"(?![\w])", re.I)
AB_PENDING_AFTER = re.compile(AB_TAIL + r"(?:\?|" + lx.PENDING_CUES + r"(?![\w]))", re.I)
AB_CONNECTOR = re.compile(r"^\s*(?:antibod(?:y|ies)|abs?)?\s*(?:and|&|/|,|or|nor|\+)?\s*$", re.I)
#: "HMGCR + SRP pending": a plus with spaces on both sides joins two names ("HMGCR+ SRP-" does not).
AB_PLUS_JOIN = re.compile(r"^\s+\+\s+$")
#: Findings listed after a negated one share its negation across a slash or "or" ("no ICI / checkpoint").
LIST_JOIN = re.compile(r"^\s*(?:/|,|or|nor|and|&)\s*$", re.I)
#: A sentence that opens as a hypothetical is about no one's present facts.
# Used with .match(text, sentence_start): no '^' (it would only match at the start of the text).
HYPOTHETICAL_SENTENCE = re.compile(
    r"\W*(?:hypothetical(?:ly)?|theoretical(?:ly)?|in\s+theory|suppos(?:e|ing)|imagine|what\s+if)\b|"
    # Safety-netting: "If you develop any difficulty swallowing, choking, or breathlessness, call ...".
    r"\W*(?:if|should|in\s+the\s+event\s+that)\s+(?:you|she|he|they|the\s+patient|your\s+\w+)\s+(?:ever\s+|later\s+|then\s+)?"
    r"(?:develops?|gets?|notices?|experiences?|starts?\s+to|begins?\s+to)\b|"
    # A condition put first by inversion: "Should FVC fall below 1.5 L or she develop orthopnoea, escalate".
    r"\W*should\s+(?:the\s+|her\s+|his\s+)?(?:fvc|ck|swallow\w*|breathing|weakness|she|he|they)\s+(?:\w+\s+){0,2}?"
    r"(?:fall|drop|rise|worsen|deteriorate|develop|become|get)\w*\b|"
    # "Safety-net advice given (dark urine, breathlessness ...)", "Pt advised to return if ...": warnings, not findings.
    r"\W*(?:safety[-\s]?net\w*|return\s+precautions|red[-\s]flags?\s+(?:advice|discussed|explained|given|reviewed)|"
    r"(?:(?:pt|patient|she|he|they|family|parents?|wife|husband)\s+(?:was\s+|were\s+)?)?(?:advised|told|warned|counsell?ed)\s+"
    r"(?:to\s+(?:return|call|seek|come\s+back|attend|ring|phone|report)|about|re|regarding|of|that)\b)", re.I)
SENTENCE_BREAK = re.compile(r"[?!\n]|\.(?!\d)")  # "1.5 L" is one number, not two sentences
AB_NEGATIVE_BEFORE = re.compile(r"(?:negative|neg|-ve)\s*,?\s*as\s+(?:were|was|did)\s+(?:(?:the\s+)?antibod(?:y|ies)\s+(?:to|against)\s+)?$|(?:negative|neg|-ve)(?:\s*x\s*\d)?\s+(?:for|to|incl(?:uding|\.)?|including)\s+(?:[\w-]+(?:\s+|\s*[/,&+]\s*)){0,4}$|(?:negative|neg)(?:\s*x\s*\d)?\s*[(:\[]?\s*(?:[\w-]+(?:\s+|\s*[/,&+]\s*))?$|(?:negative|neg)\s+(?:[\w-]+\s*(?:,|\band\b|\bor\b|&|/|\+)\s*){1,3}$|\b(?:no|not|nor|neither)\s+(?:\w+\s+)?$|\b(?:rather\s+than|instead\s+of|as\s+opposed\s+to)\s+$|"
                                # "not positive for either HMGCR or SRP".
                                r"\b(?:not|never)\s+(?:\w+\s+)?(?:positive|pos)\s+(?:for|to)\s+(?:either\s+|any\s+|both\s+)?"
                                r"(?:(?:anti[-\s]?)?[\w-]+\s+(?:or|nor|and)\s+)?$", re.I)
AB_POSITIVE_BEFORE = re.compile(r"(?:positive|pos|\+ve)\s+(?:for|to)\s+(?:\w+\s+){0,2}$", re.I)
#: Before "order": a drug's order ("IVIG order for anti-HMGCR IMNM"), not a test's.
_NOT_A_DRUG_ORDER = r"(?<!ivig\s)(?<!drug\s)(?<!infusion\s)(?<!rituximab\s)"
AB_PENDING_BEFORE = re.compile(r"(?:\?\s*|(?:pending|awaiting|await|(?:still\s+)?waiting\s+(?:on|for)|sent|send|chase|chasing|check|checking|" + _NOT_A_DRUG_ORDER + r"(?:order|ordered)|test\s+for|testing\s+for|query|possible|suspected?)\s+(?:an?\s+|the\s+)?)$", re.I)
#: A subtype as the group something is compared with: "less consistent than in anti-SRP", "unlike SRP disease".
COMPARED_GROUP_BEFORE = re.compile(r"\b(?:than|unlike|compared\s+(?:with|to)|versus|vs\.?)\s+(?:in\s+|with\s+)?(?:the\s+)?$",
                                   re.I)
#: A finding a few words after "if" is a condition to act on ("call the nurse line if headache severe").
#: "Bring forward review if new weakness/swallowing problems": the words between may be a list.
CONDITION_BEFORE = re.compile(r"\b(?:if|unless|should)\s+(?:[\w'-]+(?:\s+|\s*[/,]\s*)){0,3}$", re.I)
#: A sentence that reports the literature or a rate among patients: "Previous reports describe dysphagia ... in a
#: minority of anti-HMGCR patients", "myocarditis has been reported in up to 10% of cases". Not this patient's.
LITERATURE = re.compile(
    r"\b(?:previous|prior|earlier|other|published|several|few|rare)\s+(?:reports?|studies|series|cases|authors|cohorts?)\b|"
    r"\b(?:our|a|the)\s+(?:previous\s+|earlier\s+|published\s+)?cohort\s+of\s+\d+\b|"
    r"\b(?:has|have)\s+been\s+(?:reported|described)\b|\b(?:reported|described)\s+in\s+(?:the\s+)?literature\b|"
    r"\bin\s+(?:a\s+minority|a\s+subset|a\s+proportion|some|many|most|up\s+to\s+\d+\s*%|\d+\s*%)\s+of\s+"
    r"(?:[\w-]+\s+){0,2}(?:patients|pts|cases|people|adults|children)\b", re.I)
#: A finding held by people in general, not by this patient: "patients with dysphagia or respiratory involvement
#: need escalation", "those with myocarditis do worse" (plural holders; "a patient with dysphagia" may be this one).
GENERIC_HOLDER_BEFORE = re.compile(
    r"\b(?:patients|pts|people|individuals|those|cases|anyone|adults|children)\s+(?:\w+\s+){0,2}?(?:with|who\s+have|having)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:(?:or|and)\s+)?$", re.I)
#: The writer saying that what follows in the sentence is about patients in general or a made-up case
#: ("Before we continue with her - general question: how many ...?", "Viva-style question, not about him: ...",
#: "Stepping back from her, for a teaching slide: ...?", "imagine a made-up 19-year-old with anti-HMGCR ...").
GENERAL_MARKER = re.compile(
    r"\b(?:general\s+(?:[\w-]+\s+)?(?:question|q)\b|gen\.?\s+q\b|in\s+general|generally(?:\s+speaking)?|not\s+about\s+(?:him|her|them|this\s+(?:patient|case))|"
    r"teaching\s+(?:aside|point|question|slide)|viva[-\s]style|stepping\s+back\s+from\s+(?:him|her|them|the\s+case)|"
    r"for\s+(?:a|my|the)\s+(?:teaching|exam|osce|viva|quiz)|quiz\s+question|gen(?:eral)?\.?\s+q(?:uestion|n|s)?)\b", re.I)
#: A statin as what causes or triggers the disease, in a question: "why would a statin cause an autoimmune
#: myopathy?", "can a statin trigger this?" asks how the disease arises, not whether this patient took one.
STATIN_AS_AGENT_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:cause|causes|trigger|triggers|induce|induces|lead\s+to|leads\s+to)\b",
                                   re.I)
MADE_UP_MARKER = re.compile(r"\b(?:made[-\s]up|imaginary|fictional|imagine\s+(?:a|an)|hypothetical\w*|"
                            # Not "different patient now - Patient B: 34M ...", which starts the next real patient.
                            r"(?:a\s+)?different\s+scenario)\b|\be\.g\.\s*['\"‘“]", re.I)
#: A sentence's end that is not an abbreviation's full stop ("e.g.", "i.e.", "vs.").
REAL_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\betc)\.(?=\s)|[!?]")
#: Inside a quotation someone is said to have said: the words are theirs ('the daughter says "I can't lift her"').
QUOTED_SPEECH_BEFORE = re.compile(r"\b(?:says|said|reports|reported|states|stated|adds|added)\s*[:,]?\s*[\"“][^\"”\n]*$",
                                  re.I)
#: A course told as a possibility, not as what happened: "it might come back when ...", "may relapse on taper".
MAY_HAPPEN_BEFORE = re.compile(r"\b(?:might|(?-i:may)|could|can|will|would|likely\s+to|tends?\s+to|often)\s+(?:\w+\s+)?$",
                               re.I)
#: A finding queried, not found: "?ILD", "?early ILD", "? mild dysphagia" (a clinician's question mark before it; a
#: "?" that ends a question is glued to its word, so it does not match).
QUERIED = re.compile(r"(?:^|[\s(,;:/])\?\s?(?:(?:early|mild|subtle|possible|some|underlying)\s+)?"
                     # "?renal cell carcinoma", "?small cell lung cancer": the organ or kind before the finding.
                     r"(?:[a-z-]+\s+){0,2}$", re.I)

#: A statin asked about taking again: "can I go back on a lower dose statin?", "is it safe to restart a statin?".
STATIN_AGAIN_BEFORE = re.compile(r"\b(?:go(?:ing)?|get|put\w*|be)\s+back\s+on|\b(?:re-?start\w*|resum\w*|re-?challeng\w*|"
                                 r"re-?introduc\w*|try(?:ing)?)\b|\bever\s+(?:take|have|use)\b", re.I)
#: A form's field named and left empty or unknown: "Statin hx: not documented - ask family", "Statin: -- (field
#: blank)", "Statin: not recorded", "Cardiac: ?".
FIELD_NOT_FILLED_AFTER = re.compile(
    r"\s*(?:hx|history|use|exposure|status|therapy)?\s*[:=]\s*(?:not\s+(?:yet\s+)?(?:documented|recorded|known|stated|"
    r"available|asked|assessed|checked|clear|filled)|unknown|unk\b|n/?k\b|unclear|--+|\(?(?:field\s+)?blank\)?|"
    r"\?\s*(?:$|\n)|_{2,}|\s*(?:$|\n)|(?-i:[A-Z][a-z]+(?:\s+[a-z]+)?\s*:)|tbc\b|to\s+(?:be\s+)?(?:confirmed|checked|asked|confirm|check|ask)\b|none\s+recorded|"
    r"no\s+(?:data|information|info)\b)", re.I)
#: An antibody subtype only suspected: "r/o statin-associated IMNM", "to exclude anti-HMGCR disease".
# "send anti-HMGCR antibody", "please request an SRP": a test to be sent is no result.
SUSPECTED_BEFORE = re.compile(r"(?:\br/o|\brule\s+out|\bruling\s+out|\bto\s+exclude|\bquery|\bsuspected|\bsuspect|"
                              r"\b(?:send|request|order)\s+(?:off\s+)?(?:an?\s+|the\s+)?|"
                              r"\bpossible|\bprobable|\blikely|\bpresumed|\bquestion\s+of|(?:^|\s)\?)\s*"
                              # The next of a list the cue leads: "send HMGCR/SRP", "r/o anti-HMGCR or SRP".
                              r"(?:(?:anti[-\s]?)?(?:hmgcr|srp)\w*\s*(?:/|,|&|\+|\band\b|\bor\b)\s*(?:anti[-\s]?)?)?$", re.I)

#: ...or said after it: "statin-associated anti-HMGCR IMNM needs to be excluded", "anti-SRP disease to be ruled out".
SUSPECTED_AFTER = re.compile(r"(?:[\s-]+(?:ab|antibod(?:y|ies)|imnm|nam|necroti[sz]ing|myopathy|myositis|disease|"
                             r"associated|statin-associated))*\s+(?:are\s+(?=to\s+be\b))?" + lx.TO_BE_EXCLUDED + r"\b",
                             re.I)
#: A history said to be missing from the record ("No statin hx documented", "no immunotherapy recorded").
NONE_RECORDED = re.compile(r"\s*(?:hx|history|use|exposure|therapy|treatment)?\s+(?:is\s+|was\s+)?(?:documented|recorded|"
                           r"on\s+(?:the\s+)?(?:record|file|notes))\b", re.I)
A_NO_JUST_BEFORE = re.compile(r"\bno\s+$", re.I)
A_NOT_JUST_BEFORE = re.compile(r"\bnot\s+$", re.I)
#: A cancer wondered about, not found: "could it be linked to cancer too?", "I'm worried it might be cancer",
#: "scared this means cancer".
CANCER_WONDERED_BEFORE = re.compile(
    r"\b(?:(?:could|might|may|can)\s+(?:it|this|that|these|they)|(?:it|this|that)\s+(?:could|might|may))\s+(?:\w+\s+){0,2}?"
    r"(?:be|mean|means|point\s+to|linked\s+to|related\s+to|a\s+sign\s+of)\s+(?:\w+\s+){0,2}?$|"
    r"\b(?:worried|worry|worrying|scared|afraid|frightened|fear\w*|terrified)\b[^.;!?]{0,20}?\b(?:it|this|that|they)"
    r"(?:\s+(?:could|might|may|will|is|means?)|['’]s)?\s+(?:be\s+|turn\s+(?:out\s+)?(?:to\s+be\s+|into\s+))?"
    r"(?:\w+\s+){0,2}?$", re.I)
FREE_OF_IT = re.compile(r"-free\b(?!\s+(?:margins?|interval|survival|period|light))", re.I)

NOT_THE_PATIENT = re.compile(r"(?<![\w-])" + lx.NOT_THE_PATIENT + r"(?![\w])", re.I)
OTHER_PERSON = re.compile(r"(?<![\w-])" + lx.OTHER_PERSON + r"(?![\w])", re.I)
OTHER_PERSON_SCOPE_BREAK = re.compile(lx.OTHER_PERSON_SCOPE_BREAK, re.I)
FOCUS_SHIFT = re.compile(r"(?<![\w-])" + lx.FOCUS_SHIFT, re.I)
IN_REMISSION = re.compile(r"(?<![\w-])" + lx.IN_REMISSION + r"(?![\w])", re.I)
#: "could our kids get it?", "married with two children", "two teenage sons": the patient is one
#: person, never a plural ("in her teens" is the patient's age, not a plural).
PLURAL_YOUNG = re.compile(r"children|kids|teens|teenagers|adolescents|boys|girls|infants|toddlers", re.I)
YOUNG_PLURAL_AFTER = re.compile(r"\s+(?:sons|daughters|children|kids|boys|girls|grandchildren)\b", re.I)
LOOKING_FOR = re.compile(r"(?<![\w-])" + lx.LOOKING_FOR + r"(?![\w])", re.I)
PLANNED_JUST_BEFORE = re.compile(r"(?<![\w-])" + lx.PLANNED + r"\s+(?:(?:the|a|an|his|her|their|on|with|low[-\s]dose|\w+mab)\s+){0,2}$", re.I)
SCREENING_AFTER = re.compile(r"\s*(?:\w+\s+)?" + lx.SCREENING_AFTER + r"(?![\w])", re.I)
#: "statin-associated", "statin-exposed", "statin: atorvastatin stopped": exposed, timing not said here.
DISEASE_DESCRIPTOR_AFTER = re.compile(
    r"[-\s](?:associated|induced|related|exposed|exposure)\b|\s*(?:history|hx|use)?\s*:|"
    # "I had the statin muscle disease": the kind of disease, not when the statin was taken.
    r"\s+(?:muscle\s+)?(?:disease|myopathy|myositis|illness|condition)\b", re.I)
#: The statin named as the cause: "myopathy from her statin", "caused by the atorvastatin".
STATIN_AS_CAUSE_BEFORE = re.compile(r"\b(?:from|caused\s+by|due\s+to|triggered\s+by|because\s+of)\s+"
                                    r"(?:her|his|my|their|the|a)?\s*$", re.I)
STATIN_PAST = re.compile(r"(?<![\w-])" + lx.STATIN_PAST_CUES + r"(?![\w])", re.I)
#: Shorthand that puts the statin in the past right after its name: "atorva past", "simva (prev)".
STATIN_PAST_RIGHT_AFTER = re.compile(r"\s*(?:[-–:(]\s*)?(?:past|prev(?:ious(?:ly)?)?|historic(?:al)?|formerly)\b|"
                                     # "if the statin's gone", "now the atorvastatin is out of the picture".
                                     r"(?:'s|’s|\s+is|\s+has\s+been|\s+was)\s+(?:gone|out\s+of\s+the\s+picture|long\s+gone)\b",
                                     re.I)
#: The statin stopped again, told after it by a pronoun.
STOPPED_IT_AFTER = re.compile(r"\b(?:stopped|discontinued|ceased|held|withdrew|withdrawn)\s+(?:it|them|the\s+statin)\b", re.I)
#: Taken again: "cardiology restarted atorvastatin 2 months ago" is a statin taken now, however long ago it restarted.
RESTARTED_BEFORE = re.compile(r"\b(?:re-?started|resumed|put\s+(?:\w+\s+)?back\s+on|back\s+on|re-?introduced|"
                              r"re-?challenged\s+(?:with|on))\s+(?:(?:her|his|their|my|the|a)\s+)?$", re.I)
STATIN_PAST_JUST_BEFORE = re.compile(r"(?<![\w])" + lx.STATIN_PAST_JUST_BEFORE, re.I)
STATIN_STILL = re.compile(r"(?<![\w-])" + lx.STATIN_STILL + r"(?![\w])", re.I)
STATIN_STILL_LATER = re.compile(r"(?<![\w-])" + lx.STATIN_STILL_LATER + r"(?![\w])", re.I)
STATIN_NOW = re.compile(r"(?<![\w-])" + lx.STATIN_NOW + r"(?![\w])", re.I)
STATIN_LISTED_AS_PAST = re.compile(r"(?<![\w-])" + lx.STATIN_LISTED_AS_PAST, re.I)
STATIN_STOPPED_LATER = re.compile(r"(?<![\w-])" + lx.STATIN_STOPPED_LATER + r"(?![\w])", re.I)
STATIN_STOPPED_NEXT_CLAUSE = re.compile(lx.STATIN_STOPPED_NEXT_CLAUSE, re.I)
#: Years a drug was taken, with an end: "took it 2019-2021", "from 2015 to 2020", "until 2022".
YEARS_TAKEN_AFTER = re.compile(r"\b(?:19|20)\d\d\s*(?:-|–|—|to|until|till)\s*(?:19|20)?\d\d\b|"
                               r"\b(?:until|till|up\s+to)\s+(?:(?:early|mid|late)[-\s])?(?:19|20)\d\d\b", re.I)
SENTENCE_END = re.compile(r"[.;!?\n]")
RESOLVED_AFTER = re.compile(lx.RESOLVED_AFTER, re.I)
RESOLVED_BEFORE = re.compile(r"(?<![\w-])" + lx.RESOLVED_BEFORE, re.I)
#: A course word ("relapsed", "partial response") with a cancer within a few words of it, in its clause.
#: ...or with the cancer's own treatment told just before it ("Pembrolizumab ceased after 12 cycles (partial
#: response)": the tumour's response to the checkpoint inhibitor).
_CANCER_OR_ITS_TREATMENT = (r"(?:" + lx.CANCER + r"|" + "|".join(lx.ICI_DRUG_NAMES) + r"|chemo\w*|radiotherapy|"
                            r"\d+\s+cycles?)")
CANCER_NEAR_BEFORE = re.compile(r"(?<![\w-])" + _CANCER_OR_ITS_TREATMENT + r"[,:]?(?:\s+\S+){0,3}\s*$", re.I)
CANCER_NEAR_AFTER = re.compile(r"^\s*(?:\S+\s+){0,2}?" + lx.CANCER + r"(?![\w])", re.I)
#: Breathlessness told beside the lung disease said to be worse, in the same sentence ("the HRCT is worse and she's
#: more breathless walking"), is the lung's, not weakness of the breathing muscles, unless those are named.
BREATHLESS_WORD = re.compile(r"(?:dyspn\w*|short(?:ness)?\s+of\s+breath|sob|breathless\w*|(?-i:DOE))", re.I)
THE_LUNG_ITSELF = re.compile(r"\b(?:ild|interstitial\s+lung\s+disease|hrct|ct(?:\s+chest)?|fibrosis|nsip|uip|pneumonitis|"
                             r"lung\s+(?:disease|involvement|fibrosis|scarring)|scarring|(?:the\s+)?lungs?)\s+(?:\w+\s+){0,3}?(?:worse|worsening|"
                             r"progress\w*|deteriorat\w*|more\s+extensive)\b", re.I)
BREATHING_MUSCLES = re.compile(r"\b(?:(?:breathing|respiratory|resp|chest\s+wall)\s+muscles?|diaphragm\w*|niv|bipap|"
                               r"ventilat\w*|supine|orthopn\w*|lying\s+flat)\b", re.I)
COURSE_OF_A_NAMED_TREATMENT = re.compile(r"\s*(?:to|on|with|despite|after)\b(?!\s+(?:the\s+)?(?:ct|pet|mri|scans?|imaging|"
                                         r"restaging|x-?ray))", re.I)
#: The finding right after "rather than" is the one set aside ("established myocardial involvement rather than acute
#: myocarditis"); further on it is told ("IVIG rather than plasma exchange given her dysphagia").
SET_ASIDE_BEFORE = re.compile(r"\b(?:rather\s+than|as\s+opposed\s+to)\s+(?:an?\s+|the\s+)?(?:acute\s+|active\s+|"
                              r"true\s+|primary\s+|frank\s+)?$", re.I)


#: A troponin is a sign of the heart only when it is raised and not put down to muscle: a value within its
#: reference ("Troponin 11 (ref <14)"), marked normal ("troponin I 6 ng/L (normal)"), said to come from
#: skeletal muscle ("Troponin T 48 ng/L (ref <14) - likely skeletal muscle source"), or beside a normal
#: cardiac work-up ("Troponin T 22 ng/L (ref <14) with normal ECG and a normal echo") is not cardiac involvement.
TROPONIN_WITHIN_REFERENCE = re.compile(
    r"\s*(?P<value>\d+(?:\.\d+)?)?\s*(?:ng/l|ng/ml|pg/ml|[µu]g/l)?\s*\(\s*(?:ref(?:erence)?(?:\s+range)?|normal|nr|uln)?\s*[:=]?\s*"
    r"(?:<|≤|0\s*[-–])\s*(?P<upper>\d+(?:\.\d+)?)", re.I)
TROPONIN_NORMAL_AFTER = re.compile(
    r"\s*(?:\d+(?:\.\d+)?\s*)?(?:ng/l|ng/ml|pg/ml|[µu]g/l)?\s*(?:\(|-|,|:|was|is)?\s*(?:normal|nl|wnl|negative|neg|"
    r"not\s+raised|unremarkable)\b", re.I)
NOT_FROM_THE_HEART = re.compile(
    r"\bskeletal\b|\bmuscle\s+(?:source|origin)|\b(?:from|of)\s+(?:the\s+)?(?:skeletal\s+)?muscle\b|\bnon[-\s]?cardiac\b|"
    r"\bnot\s+(?:thought\s+to\s+be\s+)?cardiac\b|"
    r"\b(?:normal|unremarkable)\s+(?:ecg|echo\w*|cardiac\s+mri|cmr|tte)\b|"
    r"\b(?:ecg|echo\w*|cardiac\s+mri|cmr|tte)\s*(?:was\s+|is\s+|:\s*)?(?:normal|nsr|unremarkable)\b|"
    r"\bno\s+evidence\s+of\s+myocarditis\b", re.I)
#: Breathlessness put down to another disease is not weakness of the breathing muscles ("chronic exertional
#: breathlessness from COPD", "Mild exertional dyspnea, attributed to ILD").
ANOTHER_CAUSE_AFTER = re.compile(
    # "SOB on exertion - medical team attribute this to anaemia": put down to something other than the muscles.
    r"[^.;\n]{0,40}?\b(?:attribut\w+|put\s+down|ascrib\w+)\s+(?:this|it|them|these)?\s*to\s+(?!(?:the\s+|her\s+|his\s+)?"
    r"(?:myositis|myopathy|imnm|nam|disease|muscle|weakness|respiratory\s+muscle|diaphragm))|"
    # "his breathlessness is cardiac": another organ's, said outright.
    r"\s+(?:is|was|felt\s+to\s+be|thought\s+to\s+be)\s+(?:(?:likely|probably|mainly|mostly|purely|entirely)\s+)?"
    r"(?:cardiac|cardiogenic)\b|"
    r"[\s,]*(?:(?:is|was|thought|felt|likely|probably|mostly|largely|mainly)\s+){0,3}(?:from|due\s+to|attributed\s+to|"
    r"secondary\s+to|because\s+of|caused\s+by|related\s+to|2/2|d/t|explained\s+by)\s+(?:(?:her|his|their|the|known|"
    r"chronic|underlying|severe|longstanding|long-standing)\s+)*(?:copd|asthma|ild|interstitial|emphysema|bronchiectasis|"
    r"heart\s+failure|anaemia|anemia|obesity|deconditioning|pneumonia|smoking|sleep\s+apnoea|osa|pulmonary\s+embol\w*|"
    r"pe\b|lung\s+cancer|the\s+tumou?r|(?:his|her)\s+cancer)|"
    # "Mild exertional breathlessness - HRCT booked to look for ILD": the lungs being looked at for its cause.
    r"[^.;\n]{0,25}?\b(?:hrct|ct\s+(?:of\s+the\s+)?chest|ct\s+thorax|pfts?|lung\s+function\s+tests?)\b[^.;\n]{0,35}?"
    r"\b(?:ild|interstitial)\b|"
    # "SOB on exertion ?ILD vs deconditioning": other causes queried right after it, the muscles not named.
    r"(?:\s+(?:on|with)\s+(?:exertion|exercise|walking|stairs)|\s+at\s+rest)?"
    r"\s*[,(]?\s*\?\s*(?:early\s+)?(?:copd|asthma|ild|interstitial|emphysema|heart\s+failure|anaemia|anemia|"
    r"deconditioning|pneumonia|pe\b|cardiac)\b", re.I)
#: A severity word is the disease's unless it qualifies another finding named right after it ("mild exertional
#: dyspnea", "moderate vallecular residue", "Mild throat itch", "mildly raised ALT", "minimal inflammation" on a
#: biopsy); "weakness is pretty mild tbh", "moderate they said", "severe initially" stay the disease's.
SEVERITY_WORD = re.compile(_alternation([p for patterns in lx.SEVERITY_WORDS.values() for p in patterns]) + "$", re.I)
ANOTHER_FINDING_NEXT = re.compile(
    r"[\s-]+(?:[\w-]+\s+){0,2}?(?:dyspn\w*|breathless\w*|cough\w*|itch\w*|nausea\w*|vomit\w*|headaches?|residue|"
    r"gi\s+upset|side[-\s]?effects?|diarrh\w*|"
    r"penetration|o?edema|oedema|inflammation|inflammatory|infiltrat\w*|fibrosis|reticulation|effusions?|an(?:a)?emia|"
    r"hypertension|copd|asthma|ild|transaminitis|alt|ast|lfts?|rise\s+in|elevation|raised|elevated|thick(?:ened)?|rash|"
    r"reactions?|infections?|renal|aki|hypoxi\w*|tremor|confusion|delirium|depression|anxiety|osteop\w*|scoliosis|"
    r"obesity|lymphopeni\w*|neutropeni\w*|hepatitis|cognitive|dementia|care|illness(?=\s+unit)|hypogammaglobulin\w*|"
    r"leukopeni\w*|thrombocytopeni\w*|hyperglyc\w*|diabetes|insomnia|weight\s+(?:gain|loss)|reflux|heartburn|"
    r"diarrho?ea|constipation|fever|pyrexia|sepsis|pneumonia|atrophy\s+on\s+mri|"
    # "Mild fibrotic NSIP pattern on HRCT", "mild throat tightness", "mild LV impairment": the lung, the throat, the
    # heart, not the muscle disease.
    r"nsip|uip|fibrotic|ground[-\s]glass|bronchiect\w*|throat|tightness|chest|pain|ache|aching|myalgia|palpitations?|"
    r"lv|lvsd|impairment|regurgitation|stenosis|dilat\w*|cardiomyopathy|ptosis|diplopia|dysarthria|dysphonia|"
    r"hair\s+loss|bruising|swelling|"
    # "IVIG x3 - minimal change", "mild improvement": the degree of a response, not of the disease.
    r"change|changes|improvement|response|benefit|gains?|effect|difference|fall|rise)\b|"
    # "the legs are slightly better": a change, not a level.
    r"\s+(?:better|worse|improv\w*|worsen\w*|weaker|stronger|higher|lower)\b", re.I)


def _qualifies_another_finding(text: str, end: int) -> bool:
    """The words right after a severity word name another finding than the disease or its weakness."""
    return bool(ANOTHER_FINDING_NEXT.match(text, end))


#: An FVC of 80% predicted or more ("FVC repeated properly: 91%"): read so that it says the breathing is not
#: affected (the lexicon's FVC pattern takes any percentage; below 80 is a red flag, an extraction convention).
#: (Not "FVC down from 80% to 58%": a fall from a normal value.)
FVC_NORMAL = re.compile(r"fvc\b(?!.*\b(?:down|dropped|fallen|fell|falling|declin\w*)\b).*?(?<![\d.])(?:[89]\d|1[0-4]\d)"
                        r"(?:\.\d+)?\s*%.*", re.I | re.S)
#: Where what is said of a troponin ends: a new line, or a full stop that is not a decimal point.
TROPONIN_SENTENCE_END = re.compile(r"\n|\.(?!\d)\s")
TROPONIN = re.compile(r"^(?:raised|elevated|rising|high|positive)?\s*(?:hs-?)?trop", re.I)


def _troponin_not_cardiac(text: str, start: int, end: int) -> bool:
    within = TROPONIN_WITHIN_REFERENCE.match(text, end)
    if within and within["value"] is None:
        value = re.search(r"(\d+(?:\.\d+)?)\s*$", text[start:end])
        within = within if value is None else None if float(value[1]) > float(within["upper"]) else within
    elif within and float(within["value"]) > float(within["upper"]):
        within = None
    if within or TROPONIN_NORMAL_AFTER.match(text, end):
        return True
    stop = min(len(text), end + 160)
    sentence_end = TROPONIN_SENTENCE_END.search(text, end, stop)
    return bool(NOT_FROM_THE_HEART.search(text, end, sentence_end.start() if sentence_end else stop))


#: "No bulbar, cardiac or respiratory involvement", "denies dysphagia, dyspnoea or chest pain": one negation
#: over a list of short items, reaching past the commas that otherwise end its scope.
NEGATED_LIST_BEFORE = re.compile(r"\b(?:no|denies|denied|without|nil)\s+[\w/-]+(?:\s+[\w/-]+)?(?:\s*,\s*[\w/-]+(?:\s+[\w/-]+)?){1,5}"
                                 r"\s*,?\s*(?:or|nor|and)\s+$", re.I)


#: One short item of a listed review ("dysphagia", "chest pain", "Raynaud's").
_LIST_ITEM = r"[\w/'-]+(?:\s+[\w/'-]+)?"


def _more_items(fewest: int, most: int) -> str:
    return rf"(?:\s*,\s*{_LIST_ITEM}){{{fewest},{most}}}"


#: "There was no rash, dysphagia or breathlessness": an item in the middle of a negated list, the list going on
#: after it to its "or".
NEGATED_LIST_AHEAD = re.compile(rf"\b(?:no|denies|denied|without|nil|negative\s+for)\s+{_LIST_ITEM}{_more_items(0, 8)}"
                                r"\s*,\s*$", re.I)
LIST_GOES_ON = re.compile(rf"{_more_items(0, 8)}\s*,?\s*(?:or|nor|and)\s+[\w/'-]+", re.I)
#: A list of three or more after the negation, going on to the end of the sentence ("Denies dysphagia, CP, SOB.";
#: "no myositis antibodies, ILD" is two things, one denied).
NEGATED_LONG_LIST_AHEAD = re.compile(rf"\b(?:no|denies|denied|nil|negative\s+for)\s+{_LIST_ITEM}{_more_items(1, 8)}"
                                     r"\s*,\s*$", re.I)
LIST_ENDS = re.compile(rf"{_more_items(0, 8)}\s*(?:[.;\n]|$)", re.I)
#: A review of systems or a denial ("ROS: negative for fevers, dysphagia, dyspnoea, rash."): one item before is
#: enough when the list goes on after the finding to the end of the sentence.
DENIED_LIST_AHEAD = re.compile(rf"\b(?:denies|denied|negative\s+for)\s+{_LIST_ITEM}{_more_items(0, 8)}\s*,\s*$", re.I)
LIST_CONTINUES_TO_THE_END = re.compile(rf"{_more_items(1, 8)}\s*,?\s*(?:(?:or|and)\s+{_LIST_ITEM}\s*)?(?:[.;\n]|$)",
                                       re.I)
#: Each way a finding is one item of a negated list: (what comes before it, what must come after it).
NEGATED_LIST_SHAPES = ((NEGATED_LIST_AHEAD, LIST_GOES_ON), (NEGATED_LONG_LIST_AHEAD, LIST_ENDS),
                       (DENIED_LIST_AHEAD, LIST_CONTINUES_TO_THE_END))


def _in_a_negated_list(text: str, sentence_start: int, start: int, end: int) -> bool:
    """Whether the finding at [start, end) is an item of a list a negation opened: its last item ("no bulbar,
    cardiac or respiratory involvement"), or one in the middle of it, the list going on after it."""
    if NEGATED_LIST_BEFORE.search(text, max(sentence_start, start - 80), start):
        return True
    return any(before.search(text, max(sentence_start, start - 120), start) and after.match(text, end)
               for before, after in NEGATED_LIST_SHAPES)


#: A finding's word as the name of a service: "Melanoma Clinic", "Lung Cancer MDT", "cardio-oncology service".
SERVICE_NAME_AFTER = re.compile(r"\s+(?:clinic|mdt|mdm|unit|service|team|ward|department|dept|outpatients?|opd)\b", re.I)


def _service_names_yield(text: str, spans: list[Span]) -> None:
    """A finding named only as the service that sees the patient ("Melanoma MDT note: ...") tells that the patient
    has it; where the text also tells of the finding itself ("... complete response, no evidence of disease"), that
    telling is the one that counts."""
    flags = [span for span in spans if span.label_ == "RED_FLAG" and not span._.not_patient]
    for span in flags:
        if SERVICE_NAME_AFTER.match(text, extent(span)[1]) and any(
                other is not span and other._.value == span._.value for other in flags):
            span._.not_patient = True


#: A past-history list's heading: the heart conditions under it are comorbidities.
PAST_HISTORY_HEADING = re.compile(r"\b(?:pmhx?|pmh|past\s+(?:medical\s+)?(?:history|hx)|comorbidit(?:y|ies)|co-morbidit(?:y|ies))"
                                  r"\s*[:\-]", re.I)
#: "Immunotherapy" is a checkpoint inhibitor only where a cancer is in the text; else it is the myositis's treatment.
CANCER_WORD = re.compile(r"\b(?:cancer|melanoma|carcinoma|tumou?rs?|oncolog\w*|malignan\w*|lymphoma|nsclc|sclc|"
                         r"metasta\w*|chemo\w*|ca\s+(?:lung|breast|bowel|colon|prostate))\b", re.I)
#: A heading over problems that are over: "Inactive / resolved:", "Resolved problems:", "Past problems -". What is
#: listed under it, up to the next heading, is not present now.
RESOLVED_HEADING = re.compile(r"^[ \t•*-]*(?:inactive(?:\s*/\s*resolved)?|resolved|past|previous|historical)"
                              r"(?:\s+(?:problems?|issues?|diagnoses|conditions))?\s*[:\-]\s*$", re.I | re.M)
LINE_HEADING = re.compile(r"^[ \t]*[A-Za-z][\w /&()-]{0,40}:", re.M)


def _under_a_resolved_heading(text: str, start: int) -> bool:
    """Whether `start` lies in a list under a heading of resolved or inactive problems."""
    headings = [match for match in RESOLVED_HEADING.finditer(text, 0, start)]
    if not headings:
        return False
    after = headings[-1].end()
    return not any(LINE_HEADING.finditer(text, after, text.rfind("\n", 0, start) + 1))


#: "Myositis line blot (SRP, Jo-1, etc.): negative": one of a bracketed list whose result follows the bracket.
LISTED_IN_A_NEGATIVE_PANEL = re.compile(r"(?:\s*,\s*(?:anti-?)?[\w-]+){0,8}(?:\s*,?\s*(?:etc|and\s+others)\.?)?\s*\)\s*"
                                        r"[:=-]?\s*(?:all\s+)?(?:negative|neg|-ve|not\s+detected)\b", re.I)
#: A result supposed, not reported: "If the HMGCR comes back positive", "should the SRP be positive".
RESULT_SUPPOSED_BEFORE = re.compile(r"\b(?:if|should|once|in\s+case|unless|whether)\s+(?:the\s+|her\s+|his\s+|an?\s+)?"
                                    r"(?:anti-?\s*)?$", re.I)
#: A sentence that opens by supposing a result: whatever it names as the antibody follows from the supposition.
RESULT_SUPPOSED_SENTENCE = re.compile(
    r"\W*(?:if|should|in\s+case|in\s+the\s+event\s+that|once|assuming)\s+(?:the\s+|both\s+|her\s+|his\s+|all\s+|"
    r"their\s+)?(?:[\w-]+\s+){0,2}?(?:antibod(?:y|ies)|serology|panel|hmgcr|srp|results?|tests?)\b", re.I)
#: A fact that names the kind of another patient: "my other SRP patient", "another anti-HMGCR lady", "the previous
#: statin-naive case".
ANOTHER_PATIENTS_KIND_BEFORE = re.compile(r"\b(?:(?:my|our|an|the|a)\s+(?:other|previous|last|different|earlier|next)|"
                                          r"another)\s+(?:[\w-]+\s+)?$", re.I)
PATIENT_NOUN_AFTER = re.compile(r"[\s-]*(?:[\w-]+\s+)?(?:patient|pt|lady|man|woman|gent|gentleman|case|chap|guy)s?\b",
                                re.I)
#: Said, later in the sentence, to be about someone else.
NOT_THIS_PATIENT_AFTER = re.compile(r"[^.!?\n]{0,80}?\bnot\s+(?:this|our|my|the\s+same)\s+(?:patient|pt|man|woman|lady|"
                                    r"gentleman|boy|girl|child)\b(?!['’]s)", re.I)
#: Said after it to be another patient's: "she's HMGCR. the SRP was my previous one", "the 90 kg is the other patient".
ANOTHER_PATIENTS_AFTER = re.compile(r"\s*(?:(?:result|test|antibody|ab|level|reading|weight|value|figure|one)\s+)?"
                                    + lx.ANOTHER_PATIENTS + r"\b", re.I)
#: A fact the writer takes back, named right after the verb: "scrap the statin", "ignore her 80 kg", "forget the SRP".
TAKEN_BACK_BEFORE = re.compile(r"\b" + lx.TAKE_BACK_VERB + r"\s+(?:(?:the|that|this|her|his|their|my|any|all)\s+)?"
                               r"(?:\w[\w-]*\s+)?$", re.I)
#: ... or said right after it, past a dash or comma, to be another patient's: "scrap the statin - that was a different
#: patient", "the pembro - sorry, that's the other patient's" (not "she's 71, wrong patient list": a value put right).
TAKEN_BACK_AFTER = re.compile(
    r"(?:\s+(?:history|hx|result|bit|part|one|thing|level|reading|exposure|use|value|figure))?\s*(?:[-–—,;:(]\s*)?"
    r"(?:(?:sorry|oops|actually|my\s+bad|my\s+mistake)\W+)?(?:(?:that|this|it|which)\s*(?:['’]s\s+" + lx.ANOTHER_PATIENT + r"|\s" + lx.ANOTHER_PATIENTS + r")|"
    + lx.ANOTHER_PATIENTS + r")\b", re.I)
#: The slot a fact of each kind fills, for a fact taken back (`Extraction.taken_back`).
TAKEN_BACK_SLOT = {"ANTIBODY": "antibody", "SERONEGATIVE": "antibody", "WEIGHT": "weight_kg", "AGE": "age_years",
                   "AGE_BAND": "age_years", "STATIN": "statin_exposure", "STATIN_NEVER": "statin_exposure",
                   "ICI": "ici_exposure"}
#: "had he had swallowing problems we would have admitted him": what did not happen.
COUNTERFACTUAL_BEFORE = re.compile(r"\bhad\s+(?:he|she|they|the\s+(?:patient|pt))\s+(?:ever\s+)?(?:had|been|developed|"
                                   r"received|taken|needed|shown)\b[^.;]*$", re.I)


#: A sentence that opens a search with nothing found: its findings are negated to the sentence's end.
NO_SIGN_BEFORE = re.compile(r"\bno\s+(?:sign|signs|evidence|features?|suggestion)\s+(?:on|of|in|at)\b(?![^.;]*\bbut\b)", re.I)


#: A result said later in the same sentence ("an anti-HMGCR ELISA was requested and was strongly positive",
#: "anti-HMGCR by ELISA also negative"): the last one said is the result.
RESULT_LATER = re.compile(
    r"(?P<negative>\bnegative\b|\bnot\s+detected\b|\bundetectable\b)|(?P<positive>\bpositive\b|\bdetected\b|\braised\b|\belevated\b)|"
    r"(?P<pending>\bpending\b|\bawait(?:ed|ing)\b|\bnot\s+(?:yet\s+)?back\b|\bto\s+follow\b|\boutstanding\b)", re.I)
#: The name used as a test, not as the patient's diagnosis ("sent anti-HMGCR", "HMGCR result", "including HMGCR").
AS_A_TEST_BEFORE = re.compile(r"\b(?:sent|send|sending|requested|request|" + _NOT_A_DRUG_ORDER + r"(?:ordered|order)|including|incl\.?|test(?:ed|ing)?\s+for|"
                              r"screen(?:ed|ing)?\s+for|check(?:ed|ing)?\s+for|suspect\w*|possible|probable|query)\s+"
                              r"(?:[\w-]+\s+){0,4}$", re.I)
#: "antibodies to AChR were negative, as were antibodies to HMGCR and to SRP", "panel negative incl. anti-SRP":
#: a negative result earlier in the sentence that the name is listed under.
LISTED_UNDER_NEGATIVE = re.compile(
    r"(?:negative|neg|-ve)\s*,?\s*(?:incl(?:uding|\.)?|including|as\s+(?:were|was|did))\s+"
    r"(?:(?:the\s+)?(?:antibod(?:y|ies)|abs?)\s+(?:to|against|for)\s+)?(?:(?:and\s+|&\s+)?(?:to\s+)?[\w-]+\s*[,/&]?\s*){0,4}$", re.I)
AS_A_TEST_AFTER = re.compile(r"\s*(?:antibod(?:y|ies)\s+|abs?\s+)?(?:tests?|testing|elisa|assay|blot|results?|titres?|"
                             r"titers?|levels?|serology|was\s+sent|were\s+sent|has\s+been\s+sent|requested|ordered)\b", re.I)
SENTENCE_END_NOT_ABBREVIATION = re.compile(r"(?<!incl)(?<!approx)(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)[.;!?\n](?!\d)", re.I)


def _polarity_further_on(text: str, start: int, end: int, stop: int, before: str) -> str:
    """An antibody name with no result beside it: a result later in its sentence; else, named as a test,
    no result yet ("pending": never positive); else the name of the patient's disease ("HMGCR IMNM")."""
    sentence_end = SENTENCE_END_NOT_ABBREVIATION.search(text, end)
    limit = min(stop, sentence_end.start() if sentence_end else len(text))
    results = [match.lastgroup for match in RESULT_LATER.finditer(text, end, limit)]
    if results:
        return results[-1]
    sentence_start = max((match.end() for match in SENTENCE_END_NOT_ABBREVIATION.finditer(text, 0, start)), default=0)
    if LISTED_UNDER_NEGATIVE.search(text[sentence_start:start]):
        return "negative"
    if AS_A_TEST_BEFORE.search(before) or AS_A_TEST_AFTER.match(text, end):
        return "pending"
    return "positive"


def _result_right_after(text: str, end: int) -> bool:
    after = text[end:end + 40]
    return bool(AB_POSITIVE_AFTER.match(after) or AB_NEGATIVE_AFTER.match(after) or AB_PENDING_AFTER.match(after))


def _break_ends(pattern: re.Pattern[str], text: str) -> list[int]:
    """Where each break ends, in order; searched once over the whole text (a break may look ahead:
    "this 52-year-old man")."""
    return [match.end() for match in pattern.finditer(text)]


def _scope_start(break_ends: list[int], position: int) -> int:
    """Start of the scope around `position`: the end of the last break before it."""
    index = bisect.bisect_right(break_ends, position)
    return break_ends[index - 1] if index else 0


def _sentence_end(text: str, position: int) -> int:
    found = SENTENCE_END.search(text, position)
    return found.start() if found else len(text)


#: "birth weight 3.2 kg", "85 kg (down from 91 kg in January)", "her usual weight of 70 kg": a weight that is
#: not today's.
EARLIER_WEIGHT_BEFORE = re.compile(
    r"\b(?:birth[-\s]?weight|weighed\s+at\s+birth|(?:down|up|dropped|fallen|fell|gone\s+down|gone\s+up|lost\s+\w+)\s+from|"
    r"(?:usual|previous|pre[-\s]?(?:morbid|illness)|baseline|former)\s+(?:body\s*)?weight)\b(?:\s+(?:was|of|is))?\s*(?:about\s+|~)?$",
    re.I)


#: A flare that is not a relapse of this illness: the first one, or another disease's.
ANOTHER_FLARE_BEFORE = re.compile(
    r"\b(?:initial|first|presenting|original|index|gout|asthma|eczema|copd|psoriasis|psoriatic|crohn'?s|colitis|ibd|lupus|"
    r"sle|arthritis|ra|diverticulitis|migraine)\s+$", re.I)


FEMALE_RELATIVE = re.compile(r"\b" + lx.FEMALE_RELATIVE + r"\b", re.I)
MALE_RELATIVE = re.compile(r"\b" + lx.MALE_RELATIVE + r"\b", re.I)
#: A pronoun that opens the break ("she had ...") or the clause right after it ("; she needed ...").
PRONOUN_AT = re.compile(r";?\s*(she|he)\b", re.I)
PRONOUN_BREAK = re.compile(r"(?:she|he)\b", re.I)
#: The patient named in the sentence after the relative: a pronoun then is no longer the relative's.
PATIENT_NAMED = re.compile(r"\b(?:the\s+)?(?:patient|pt)\b|\b(?:mr|mrs|ms|miss)\b\.?", re.I)


def _other_person_breaks(text: str) -> list[int]:
    """Where each scope of another person ends, except a "she"/"he" that points back to the relative
    just named in the same sentence: the last person named before the pronoun is a relative of the
    pronoun's gender, so the relative is still the subject."""
    ends = []
    for match in OTHER_PERSON_SCOPE_BREAK.finditer(text):
        pronoun = PRONOUN_AT.match(text, match.start()) if match[0] == ";" or PRONOUN_BREAK.match(match[0]) else None
        if pronoun and _relative_of_gender_before(text, match.start(), pronoun[1].lower()):
            continue
        ends.append(match.end())
    return ends


def _relative_of_gender_before(text: str, position: int, pronoun: str) -> bool:
    sentence_start = max(text.rfind(mark, 0, position) for mark in (".", "!", "?", "\n")) + 1
    before = text[sentence_start:position]
    same, other = (FEMALE_RELATIVE, MALE_RELATIVE) if pronoun == "she" else (MALE_RELATIVE, FEMALE_RELATIVE)
    relatives = [m.end() for m in same.finditer(before)]
    if not relatives:
        return False
    last = relatives[-1]
    return not any(m.start() > last for m in other.finditer(before)) and not PATIENT_NAMED.search(before, last)


def _about_someone_else(text: str, start: int, scope_breaks: list[int]) -> bool:
    """A relative or another patient is the subject earlier in the same sentence or bracket, and the
    patient has not been named again since."""
    scope = _scope_start(scope_breaks, start)
    if OTHER_PERSON.search(text, scope, start):
        return True
    opened = text.rfind("(", scope - 1 if scope else 0, start)
    if scope and opened == scope - 1 and text.find(")", opened, start) == -1:
        # Inside a bracket after another person's statement ("Her mother has IMNM (on IVIG; had dysphagia last
        # year)"), the bracket goes on about that person.
        return _about_someone_else(text, opened, scope_breaks)
    inner = text.rfind("(", 0, start)
    if inner != -1 and text.find(")", inner, start) == -1 and inner < scope and OTHER_PERSON.search(
            text, _scope_start(scope_breaks, inner), inner):
        return True  # a break inside the bracket ("(on IVIG; had difficulty swallowing") keeps its person
    # The break may be the other person's own noun ("my other SRP pt on IVIG is 80 kg": "pt" names the patient
    # again only when it is not another's): a phrase ending right at the scope's start counts.
    # So may a bracket inside the person's own phrase ("her sister (lives in Leeds) has ..."): a phrase that starts
    # before the scope and runs into it.
    return any(match.start() < scope <= match.end() for match in OTHER_PERSON.finditer(text, max(0, scope - 60), start))


def _plural_young(span: Span, text: str) -> bool:
    if span.label_ != "AGE_BAND":
        return False
    start, end = extent(span)
    return bool(PLURAL_YOUNG.fullmatch(text[start:end])) or bool(YOUNG_PLURAL_AFTER.match(text, end))


def _after_focus_shift(text: str, spans: list[Span]) -> list[Span]:
    """Only what follows "my question is about the father:" (or "this one:") is about the patient."""
    shifts = [match.start() for match in FOCUS_SHIFT.finditer(text)]
    if not shifts:
        return spans
    return [span for span in spans if extent(span)[0] >= shifts[-1] or span.label_ == "AUDIENCE"]


def _statin_timing(text: str, start: int, end: int, left: int, right: int) -> str:
    """"current" (said to go on), "now" ("on", "started on": current unless a later mention says it
    stopped), "past", "default" (no cue: taken as current unless another mention says past) or
    "unknown" ("statin-associated": exposed, timing not said)."""
    if DISEASE_DESCRIPTOR_AFTER.match(text, end):
        return "unknown"
    if STATIN_LISTED_AS_PAST.search(text, max(0, start - 90), start) or STATIN_PAST_RIGHT_AFTER.match(text, end):
        return "past"
    clause = text[left:right]
    rest_of_sentence = text[end:_sentence_end(text, end)]
    if STATIN_STOPPED_NEXT_CLAUSE.match(text, end) and not STATIN_STILL.search(clause):
        return "past"
    if STATIN_STILL.search(clause) or STATIN_STILL_LATER.search(rest_of_sentence):
        return "current"
    if RESTARTED_BEFORE.search(text, max(left, start - 40), start) and not STATIN_STOPPED_LATER.search(rest_of_sentence):
        # Not "Cardiology restarted atorvastatin in May. The GP stopped it last week.": stopped again.
        return "past" if STOPPED_IT_AFTER.search(text, end) else "now"
    if STATIN_PAST.search(clause) or STATIN_PAST_JUST_BEFORE.search(text, left, start):
        return "past"
    if STATIN_STOPPED_LATER.search(rest_of_sentence) or YEARS_TAKEN_AFTER.search(rest_of_sentence):
        return "past"  # "... simvastatin boxes, he took it 2019-2021": taken for years that ended
    if STATIN_AS_CAUSE_BEFORE.search(text, max(0, start - 25), start):
        return "unknown"  # "myopathy from her statin": exposed, timing not said
    return "now" if STATIN_NOW.search(clause) else "default"


def _clause(text: str, start: int, end: int, breaks: re.Pattern[str] = SCOPE_BREAK) -> tuple[int, int]:
    """Bounds of the clause around [start, end): negation never reaches across a break. The breaks of a text are
    found once (every span asks; a long pasted text without full stops made this quadratic)."""
    starts, ends = _breaks_of(text, breaks)
    before = bisect.bisect_right(ends, start)
    left = ends[before - 1] if before else 0
    after = bisect.bisect_left(starts, end)
    return left, starts[after] if after < len(starts) else len(text)


@lru_cache(maxsize=8)
def _breaks_of(text: str, breaks: re.Pattern[str]) -> tuple[list[int], list[int]]:
    found = list(breaks.finditer(text))
    return [match.start() for match in found], [match.end() for match in found]


def extent(span: Span) -> tuple[int, int]:
    """A span's exact characters (a match may end inside a token: "HMGCR+")."""
    return span._.chars or (span.start_char, span.end_char)


@lru_cache(maxsize=8192)
def misspelt_drug_labels(word: str) -> tuple[str, ...]:
    """The drug classes a word names, misspelt or not ("atorvastatine", "pembrolizumap"), by spaCy's own FUZZY
    comparison (at most 2 edits, or 30% of the name). Once per word, not once per token and drug name: a
    message's words recur across messages, and this was a tenth of the extractor's time."""
    return tuple(label for label, drugs in FUZZY_DRUGS.items()
                 if any(word == drug or levenshtein_compare(word, drug, -1) for drug in drugs))


@Language.factory("imnm_concepts")
def make_concepts(nlp: Language, name: str) -> "ConceptFinder":
    return ConceptFinder()


class ConceptFinder:
    """Finds lexicon concepts (regex rules plus a fuzzy matcher for misspelt drug names)."""

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        text = doc.text
        for label, value, pattern in CONCEPTS:
            for match in pattern.finditer(text):
                span = doc.char_span(match.start(), match.end(), label=label, alignment_mode="expand")
                if span is not None:
                    span._.value = value
                    # The match may end inside a token ("HMGCR+" is one token); keep its exact extent.
                    span._.chars = match.span()
                    spans.append(span)
        covered = {(s.start, s.end) for s in spans}
        for token in doc:
            for label in misspelt_drug_labels(token.lower_):
                if (token.i, token.i + 1) not in covered:
                    spans.append(Span(doc, token.i, token.i + 1, label=label))
        for measure in (*find_weights(text), *find_ages(text)):
            label = "WEIGHT" if measure.kind == "weight" else "AGE"
            span = doc.char_span(measure.start, measure.end, label=label, alignment_mode="expand")
            # Two measures widened to the same token ("wt 0F": a weight of 0 and an age of 0 with a sex) would share
            # one value (spaCy keeps a span's extension values by its offsets): the first read stands.
            if span is None or any((s.start_char, s.end_char) == (span.start_char, span.end_char)
                                   for s in spans if s.label_ in ("WEIGHT", "AGE")):
                continue
            span._.value = measure.value
            if measure.problem:
                doc._.problems = [*(doc._.problems or []), measure.problem]
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        doc.ents = filter_spans([s for s in spans if s._.value is not None or s.label_ in FUZZY_DRUGS])
        return doc


_RELATIVE = (r"(?:husband|wife|partner|spouse|mother|mum|mom|mam|father|dad|brother|sister|son|daughter|child|kid|"
             r"boy|girl|grand(?:mother|father|ma|pa|son|daughter)|" + lx.GRANDPARENT_NAMES + r"|aunt|uncle)")
#: "my dad has been diagnosed with HMGCR myopathy", "my son is 11 and they think he has IMNM", "my mum is
#: 79 ... now she can't lift her arms": a relative or partner writing about the one who is ill. That
#: person is the patient in focus, so their facts are the patient's (for a clinician, "her husband is
#: on atorvastatin" stays someone else's).
#: A walking aid said to be someone else's: "the wheelchair is his wife's - he walks with a stick", "the frame belongs to
#: her mum".
AID_OF_ANOTHER_AFTER = re.compile(r"(?:\s+(?:in|at|by|on)\s+(?:the\s+)?[\w-]+)?"
                                  r"\s+(?:is|was|belongs\s+to|is\s+actually|was\s+actually)\s+(?:(?:his|her|their|my|the)\s+)?"
                                  + _RELATIVE + r"(?:['’]s|s['’])?\b", re.I)
AID = re.compile(r"\b(?:wheel\s*chair|frame|walker|rollator|stick|cane|crutch\w*|hoist|scooter)\b", re.I)
#: Right before an aid: the patient has left it ("out of the wheelchair, walking with a stick").
OUT_OF_THE_AID_BEFORE = re.compile(r"\b(?:out\s+of|no\s+longer\s+(?:in|using|needs?)|doesn'?t\s+need|off)\s+"
                                   r"(?:the|her|his|their|my|a)?\s*$", re.I)
RELATIVE_IN_FOCUS = re.compile(
    # Not past a new subject "I" ("my husband is on atorvastatin and I have anti-HMGCR myopathy").
    r"\b(?:my|our)\s+" + _RELATIVE + r"(?:['’]?s)?\b(?=(?:(?!\bi\b)[^.?!]){0,140}?(?:\b(?:has|have|had|with|diagnosed|told|think\w*|"
    # Word-initial: a relative's dermatomyositis or polymyositis is another disease, not the one asked about.
    r"being\s+treated|got)\b[^.?!]{0,80}?\b(?:imnm|myopath\w*|myositis|necroti[sz]\w*|hmgcr|srp|"
    r"muscle\s+(?:condition|disease|problem|illness))|"
    # "My father is 60 years, weight 85 kilo, anti-SRP positive": the relative's own antibody result.
    r"\b(?:anti[-\s]?)?(?:srp|hmgcr)(?:54)?\s*(?:antibod\w+\s*)?(?:positive|pos\b|\+)|\b(?:is|was)\s+anti[-\s]?(?:srp|hmgcr)\b|"
    # "My wife Karen (57) saw you last week and you rang to say her HMGCR antibody came back positive".
    r"\b(?:her|his|their)\s+(?:anti[-\s]?)?(?:hmgcr|srp)\b|"
    r"\b(?:can'?t|cannot|unable\s+to)\s+(?:lift|walk|stand|"
    r"get\s+up|climb|swallow)|\bck\b))", re.I)


#: "Writing for my dad, he's 79.", "I'm asking on behalf of my mum": the writer says whom the message is about.
WRITING_FOR_A_RELATIVE = re.compile(
    r"\b(?:writing|write|asking|ask|enquiring|inquiring|messaging|emailing|contacting\s+you|here)\s+"
    r"(?:for|about|on\s+behalf\s+of|re:?|regarding)\s+(?:my|our)\s+(?P<relative>" + _RELATIVE + r")\b", re.I)


#: "My husband is 59 and was on atorvastatin. Now they say he has HMGCR myopathy": the illness is said of
#: the relative in another sentence, by a pronoun.
ILL_BY_PRONOUN = re.compile(
    r"\b(?:he|she|they)\s+(?:has|have|'s\s+got|has\s+got|had|was\s+diagnosed|has\s+been\s+diagnosed|got|found|"
    r"say|said|think|thought|told\s+(?:us|me))\b[^.?!]{0,60}?"
    r"\b(?:imnm|myopath\w*|myositis|necroti[sz]\w*|hmgcr|srp)", re.I)
#: "my dad's", and "my dads 80" typed without the apostrophe.
MY_RELATIVE = re.compile(r"\b(?:my|our)\s+(" + _RELATIVE + r")(?:['’]?s)?\b", re.I)
#: A relative named as the one who helps ("me and my brother have to lift him", "my sister helps her dress").
RELATIVE_HELPING = re.compile(r"\b(?:my|our)\s+(?P<helper>" + _RELATIVE + r")(?:['’]?s)?\s+(?:and\s+(?:i|me)\s+)?"
                              r"(?:(?:(?:has|have|had)\s+to\s+|(?:always\s+|now\s+)?)(?:help|lift|carry|hoist|move|support|"
                              r"dress|wash|feed|push|turn)\w*|(?:has|have|had)\s+to\s+get)\b", re.I)
#: The writer telling of their own illness ("I have IMNM", "my legs", "I'm on pred"): then "my husband is on
#: atorvastatin" is someone else; without any of these, the one relative the writer names is the patient.
WRITER_IS_ILL = re.compile(
    r"\b(?:i\s+(?:have|had|was|am|got|take|took|weigh|can'?t|cannot|struggle)|i'?m\s+(?:on|\d+|now|taking|having|"
    r"struggling|finding)|i'?ve\s+(?:just\s+|recently\s+)?(?:got|been|had)|my\s+(?:legs|arms|muscles?|ck|strength|weakness|illness|"
    r"condition|diagnosis|myopathy|disease|swallowing|breathing|doctor|neurologist|rheumatologist|treatment|meds|"
    r"medicines?|tablets|pills|antibod\w*|blood|bloods|results?|weight|statin))\b", re.I)
#: The writer's own result or diagnosis: "my antibody tests (HMGCR and SRP) were both negative", "I was diagnosed with".
WRITERS_OWN_RESULT = re.compile(r"\bmy\s+(?:own\s+)?(?:antibod\w*|abs?|results?)\s*(?:tests?|results?|bloods?|levels?)?\b"
                                r"[^.?!]{0,60}?\b(?:negative|positive|came\s+back|were|was)\b|"
                                r"\bi(?:'ve|\s+have|\s+was|\s+got)?\s+(?:just\s+|recently\s+|now\s+)?(?:been\s+)?diagnosed\b",
                                re.I)
#: The relative is told of with what makes a patient: a measure, a drug, a diagnosis ("my husband is 6 foot
#: and 210 lbs, he's on nivolumab for lung cancer").
RELATIVE_AS_A_PATIENT = re.compile(
    r"\b(?:my|our)\s+" + _RELATIVE + r"(?:['’]?s)?\b(?=[^.?!]{0,80}?(?:\b\d+\s*(?:kg|kgs|kilos?|lbs?|pounds?|st\b|stone)|"
    r"\bweighs?\b|\bis\s+\d{1,3}\b|\bha(?:s|ve)\s+\d{1,3}\s+years?\b|"
    rf"\b(?:on|taking|started|given)\s+\w*(?:mab|statin|{lx.PRED}|steroids?)\b|"
    r"\bdiagnos\w*|\bcancer\b|\bweak\w*))", re.I)
#: A note or summary whose subject is a relative: "Caller: daughter ... re: her mother Mrs Doreen Platt",
#: "Summary for Dad's new GP". That relative is the patient, however the note names them later ("mum").
SUBJECT_RELATIVE = re.compile(r"(?:\bre\b\s*:?|\babout|\bregarding|\bsummary\s+(?:for|of|about)|\bcaller'?s)\s+"
                              r"(?:(?:my|her|his|their|our)\s+)?(" + _RELATIVE + r")(?:'s)?\b", re.I)
#: A telephone note's caller who is a relative ("Caller: daughter (aged 55)"): the relative they name is the patient.
CALLER_IS = re.compile(r"\bcaller\s*[:\-–]\s*(?:the\s+)?(?:patient'?s\s+)?(?P<caller>" + _RELATIVE + r")\b(?!\s+of\b)", re.I)
#: The relative a caller names as theirs: "Her mother, 83, has ...".
NAMED_BY_THE_CALLER = re.compile(r"\b(?:her|his|their)\s+(" + _RELATIVE + r")\b", re.I)
#: Any naming of a relative, to write the one in focus as "pt": "my mum", "her mother", "Mum", "Dad's".
A_RELATIVE = re.compile(r"\b(?:(?:my|her|his|their|our)\s+)?(" + _RELATIVE + r")(?:'s)?\b", re.I)
#: One person, many words: "her mother" and "mum" are the same relative.
SAME_RELATIVE = {"mum": "mother", "mom": "mother", "mam": "mother", "dad": "father", "spouse": "partner",
                 "grandma": "grandmother", "grandpa": "grandfather", "gran": "grandmother", "granny": "grandmother",
                 "nan": "grandmother", "nana": "grandmother", "grandad": "grandfather", "kid": "child"}


def _person(word: str) -> str:
    # No relative's name ends in "s": one that does is a possessive ("my dad's 80", "my dads 80").
    word = word.lower().removesuffix("'s").removesuffix("’s").removesuffix("s")
    return SAME_RELATIVE.get(word, word)


#: Dictated punctuation ("forty four comma", "full stop", "new paragraph"): written as the mark itself, padded to
#: the same length so every offset is unchanged.
DICTATED_MARK = re.compile(r"\s(?:comma|full\s+stop|period|new\s+paragraph|new\s+line|semicolon|colon)\b", re.I)
DICTATED_AS = {"comma": ",", "full stop": ".", "period": ".", "new paragraph": "\n", "new line": "\n",
               "semicolon": ";", "colon": ":"}


#: A nurse's title, not a relative: "Sister on ward 6: 61F HMGCR", "Sister in charge here", "ward sister".
NURSING_SISTER = re.compile(r"(?<!\bmy\s)(?<!\bher\s)(?<!\bhis\s)(?<!\bour\s)(?<!\btheir\s)\b(?-i:Sister|SISTER)\b"
                            r"(?=\s+(?:on\s+(?:the\s+)?ward|in\s+charge|here\b|from\s+(?:the\s+)?ward))|"
                            r"(?<=\bward\s)sister\b", re.I)


def nursing_titles(text: str) -> str:
    """'Sister on ward 6' written as 'Nurse  on ward 6' (same length, so offsets are kept): the writer is a nurse."""
    return NURSING_SISTER.sub(lambda match: "Nurse".ljust(len(match[0])), text)


#: "my 9 yo son has been diagnosed", "our 15-year-old daughter": the age between "my" and the relative.
AGE_BEFORE_RELATIVE = re.compile(
    r"\b(my|our)\s+(\d{1,2}[-\s]?(?:yo|y/o|yrs?[-\s]old|years?[-\s]old|year[-\s]old))\s+(" + _RELATIVE + r")\b", re.I)


def relative_before_age(text: str) -> str:
    """'my 9 yo son' written 'my son 9 yo' (same length), so that the relative is named as every reader expects."""
    return AGE_BEFORE_RELATIVE.sub(lambda m: f"{m[1]} {m[3]} {m[2]}".ljust(len(m[0])), text)


def dictation_as_punctuation(text: str) -> str:
    """'who is forty four comma has recently been diagnosed' -> 'who is forty four,       has ...'. Only in a
    text that dictates its punctuation (two such words or more), so "a comma" in prose is left alone."""
    if len(DICTATED_MARK.findall(text)) < 2:
        return text
    punctuated = DICTATED_MARK.sub(lambda m: DICTATED_AS[" ".join(m[0].split()).lower()].ljust(len(m[0])), text)
    return NUMBER_WORDS_RUN.sub(_number_in_digits, punctuated)


#: A run of number words in dictation: "forty nine", "eighteen", "nineteen fifty two", "twenty twenty five".
NUMBER_WORDS_RUN = re.compile(rf"\b(?:{_WORD_NUMBER})(?:\s+(?:{_WORD_NUMBER}))*\b", re.I)


def _number_in_digits(match: re.Match[str]) -> str:
    """'comma forty nine comma' -> ', 49 ,' (a number set off by commas, as an age after a name is) and 'nineteen
    fifty two' -> '1952' (a year said in two parts), padded to the same length; every other number word is left to
    the readers that know numbers in words ("who is forty four today", "seventy five kilograms")."""
    words = [WORD_NUMBERS.get(re.sub(r"[-\s]+", "-", part.lower())) for part in re.findall(_WORD_NUMBER, match[0], re.I)]
    if None in words or match[0].lower() == "one":
        return match[0]
    before, after = match.string[:match.start()].rstrip(), match.string[match.end():].lstrip()
    if len(words) == 1 and before.endswith(",") and after.startswith((",", ".")):
        digits = str(words[0])  # "Re Mr Darius Tehrani comma forty nine comma": a number set off on its own
    elif len(words) == 2 and words[0] in (19, 20) and 0 < words[1] <= 99:
        digits = f"{words[0]}{words[1]:02d}"
    else:
        return match[0]
    return digits.ljust(len(match[0]))


#: A family member's message that opens with the relative, without "my": "dad is 61, SRP myositis, he weighs
#: 200 lb", "Mum has HMGCR myopathy". The first sentence must tell what makes a patient (an age, a measure, the
#: disease), so that "Dad had an MI" alone stays someone else's.
OPENING_RELATIVE = re.compile(
    # After a greeting or the writer's introduction ("Hi Dr Greene, this is Lisa, Walt's daughter. Dad (84) ..."):
    # the first sentence that starts with the relative.
    r"(?:^|(?<=[.!?\n]))\s*(" + _RELATIVE + r")(?:"
    # "Dad (84) has been using his walker", "Mum, 77, is much worse": the relative with an age is the patient.
    r"\s*(?:\(\s*(?:aged?\s+)?\d{1,3}\s*(?:y(?:rs?|ears?)?(?:\s+old)?)?\s*\)|,\s*(?:aged?\s+)?\d{1,3}\s*,)|"
    r"(?:'s)?\s+(?:is|has|was|had|got|weighs|just)\b(?=[^.?!\n]{0,80}?(?:\b\d{1,3}\b|\b(?:imnm|"
    r"myopath\w*|myositis|necroti[sz]\w*|hmgcr|srp)\b))|"
    # "Mum's SRP myositis is getting worse", "Dad's HMGCR came back positive": the relative's own illness, opening.
    r"['’]s\s+(?=(?:[\w-]+\s+){0,2}?(?:imnm|myopath\w*|myositis|necroti[sz]\w*|hmgcr|srp|ck|muscles?|weakness|legs|"
    r"swallow\w*)\b)|"
    # "Mum is taking pravastatin, should she stop?", "Dad's been on atorvastatin for years": the relative's own
    # medicine, told at the opening (a clinician writes "her mother", "FHx: mum ...").
    r"(?:\s+is|\s+was|['’]s|\s+has\s+been|['’]s\s+been)\s+(?:still\s+|currently\s+|now\s+)?(?:taking|on)\s+"
    r"(?:(?:a|her|his|the|some)\s+)?(?:\w*vastatin|statins?|lipitor|crestor|zocor|pred\w*|steroids?|methotrexate|mtx|"
    r"ivig|rituximab|tacrolimus|azathioprine|mycophenolate)\b)", re.I)


#: Before the relative who opens the family's story, nothing of the illness is told (else the story opened earlier).
ILLNESS_WORDS = re.compile(r"\b(?:imnm|nam|myopath\w*|myositis|necroti[sz]\w*|hmgcr|srp|ck|weak\w*|statins?|"
                           r"\w+vastatin|i\s+(?:have|had|am|was)|i'm)\b", re.I)


#: ...nor is a patient introduced before it ("see Mrs Adeyemi, 45. Daughter (19) came with her", "58M, 84 kg. Wife
#: (55) reports ..."): then the relative is the one who came along.
PATIENT_BEFORE = re.compile(r"\d|\b(?:mrs?|ms|miss|mx|patient|pt|see|seeing|review\w*|referr\w*)\b", re.I)


def relatives_in_focus_masked(text: str) -> tuple[str, bool]:
    """The text with the relative in focus written as "pt" (padded to the same length, so offsets
    are unchanged), and whether the writer is that relative's family ("my dad ..."; a clinician's note about a
    caller's relative is not): every reader then takes the relative's facts as the patient's.
    Once one mention of a relative is in focus, every "my <that relative>" in the message is."""
    # "my antibody tests were both negative, which surprised me because my sister's came back HMGCR positive": the
    # writer's own result told, a relative's is a comparison.
    in_focus = set() if WRITERS_OWN_RESULT.search(MY_RELATIVE.sub(" ", text)) else {
        _person(match[0].split()[-1]) for match in RELATIVE_IN_FOCUS.finditer(text)}
    in_focus |= {_person(match["relative"]) for match in WRITING_FOR_A_RELATIVE.finditer(text)}
    # "me and my brother have to lift him off the chair": a relative who helps the patient is not the patient.
    relatives = {_person(match[1]) for match in MY_RELATIVE.finditer(text)} - {
        _person(match["helper"]) for match in RELATIVE_HELPING.finditer(text)}
    if not in_focus and len(relatives) == 1 and (ILL_BY_PRONOUN.search(text) or (
            RELATIVE_AS_A_PATIENT.search(text) and not WRITER_IS_ILL.search(MY_RELATIVE.sub(" ", text)))):
        in_focus = relatives
    opened = next((match for match in OPENING_RELATIVE.finditer(text)
                   if not match.start() or not (ILLNESS_WORDS.search(text, 0, match.start())
                                                or PATIENT_BEFORE.search(text, 0, match.start())
                                                or WRITER_IS_ILL.search(text))), None)
    named_at_the_opening = False
    if opened and not in_focus and relatives <= {_person(opened[1])}:
        in_focus = {_person(opened[1])}
        start, end = opened.span(1)
        text = text[:start] + " " * (end - start - 2) + "pt" + text[end:]
        named_at_the_opening = True  # "Dad is 70 and has IMNM", "Mum's SRP myositis ...": the family writing
    by_family = bool(in_focus)
    if not by_family:
        # A note about a caller's relative: written by a clinician, not by the family, and naming the relative
        # without "my" ("re: her mother ... mum has been choking").
        subjects = {_person(match[1]) for match in SUBJECT_RELATIVE.finditer(text)}
        caller = CALLER_IS.search(text)
        if not subjects and caller:
            # "Caller: daughter (aged 55). Her mother, 83, has anti-HMGCR myopathy": the caller names the patient.
            subjects = {_person(match[1]) for match in NAMED_BY_THE_CALLER.finditer(text)} - {_person(caller["caller"])}
        in_focus = subjects if len(subjects) == 1 else set()
        if not in_focus:
            return text, False
    naming = MY_RELATIVE if by_family else A_RELATIVE
    masked = naming.sub(lambda match: " " * (len(match[0]) - 2) + "pt" if _person(match[1]) in in_focus
                        else match[0], text)
    return masked, by_family and (masked != text or named_at_the_opening)


@Language.factory("imnm_negation")
def make_negation(nlp: Language, name: str) -> "NegationScope":
    return NegationScope()


class NegationScope:
    """Marks each concept negated or not, antibody polarity, and statin timing (NegEx-style)."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        spans = sorted(doc.spans.get(SPAN_KEY, []), key=lambda s: s.start_char)
        scope_breaks = _other_person_breaks(text)
        sentence_breaks = _break_ends(SENTENCE_END, text)
        hypothetical_breaks = _break_ends(SENTENCE_BREAK, text)
        by_sentence: dict[int, bool] = {}
        taken_back: set[str] = set()
        for span in spans:
            start, end = extent(span)
            if (span.label_ == "RED_FLAG" or span.label_ in TAKEN_BACK_SLOT) and (
                    TAKEN_BACK_BEFORE.search(text, max(0, start - 40), start) or TAKEN_BACK_AFTER.match(text, end)):
                # "scrap the statin - that was a different patient": not this patient's, and no longer the conversation's.
                if span.label_ == "RED_FLAG":
                    span._.negated = True
                else:
                    span._.not_patient = True
                    taken_back.add(TAKEN_BACK_SLOT[span.label_])
                continue
            left, right = _clause(text, start, end)
            before = text[left:start]
            after = text[end:right]
            negation_left, negation_right = _clause(text, start, end, NEGATION_SCOPE_BREAK)
            # A bracket opens a new statement for what precedes it: "No statin for 2 years now (was on simva)".
            negation_left = max(negation_left, text.rfind("(", negation_left, start) + 1)
            span._.negated = bool(PRE_NEG.search(text[negation_left:start])) or bool(
                POST_NEG.match(text[end:negation_right])) or bool(RESULT_CELL_NEG.match(text, end))
            sentence_start = _scope_start(sentence_breaks, start)
            # "my husband is on atorvastatin and I have anti-HMGCR myopathy": from "I have" on, the writer's own.
            # The patient as the subject again ("his wife has breast cancer and he can't swallow") ends, like the
            # writer ("my husband is on atorvastatin and I have ..."), what the clause said of someone else.
            subject_again = _scope_start(scope_breaks, start)
            subject = text[subject_again:start] if subject_again > left and OTHER_PERSON.search(
                text, left, subject_again) else before
            own = list(WRITER_AS_SUBJECT.finditer(subject))
            # "the SRP was my previous one": someone else's; a red flag so told is taken back from this patient (below).
            another_patients = bool(ANOTHER_PATIENTS_AFTER.match(text, end))
            span._.not_patient = (self._not_the_patient(span.label_, subject[own[-1].end():] if own else subject, after)
                                  or bool(HYPOTHETICAL_SENTENCE.match(text, _scope_start(hypothetical_breaks, start), start))
                                  or _about_someone_else(text, start, scope_breaks) or _plural_young(span, text)
                                  or (span.label_ != "RED_FLAG" and another_patients)
                                  or (span.label_ in ("AGE", "WEIGHT", "AGE_BAND")
                                      and (a_relatives_measure(text, start, end, span.label_)
                                           or bool(MADE_UP_PERSON_BEFORE.search(text, max(0, start - 30), start))))
                                  or (span.label_ == "WEIGHT" and bool(EARLIER_WEIGHT_BEFORE.search(
                                      text, max(0, start - 40), start))))
            if span.label_ == "RED_FLAG" and another_patients:
                span._.negated = True  # "the swallowing problem was the previous patient": taken back from this one
            if (span.label_ == "RED_FLAG" and span._.value == "cardiac" and not span._.negated
                    and TROPONIN.match(text[start:end])):
                span._.negated = _troponin_not_cardiac(text, start, end)
            if span.label_ == "SEVERITY" and AID.search(text, start, end) and AID_OF_ANOTHER_AFTER.match(text, end):
                span._.not_patient = True  # "the wheelchair is his wife's": not his
            if span.label_ == "SEVERITY" and AID.search(text, start, end) and OUT_OF_THE_AID_BEFORE.search(
                    text, max(0, start - 30), start):
                span._.negated = True  # "out of the wheelchair, walking with a stick": the stick is today's
            if span.label_ == "SEVERITY" and SEVERITY_WORD.match(text[start:end]) and _qualifies_another_finding(text, end):
                span._.not_patient = True  # "mild exertional dyspnea": the dyspnea's degree, not the disease's
            if span.label_ == "RED_FLAG" and span._.value == "respiratory" and not span._.negated:
                span._.negated = bool(ANOTHER_CAUSE_AFTER.match(text, end)) or bool(FVC_NORMAL.fullmatch(text[start:end]))
            if span.label_ != "AUDIENCE" and _said_of_patients_in_general(text, sentence_start, start):
                span._.not_patient = True
            if span.label_ in ("RED_FLAG", "SEVERITY") and LITERATURE.search(
                    text, sentence_start, _sentence_end(text, start) + 1):
                span._.not_patient = True  # "Previous reports describe dysphagia ... in a minority of patients"
            if span.label_ == "STATIN" and HABITUAL_JUST_BEFORE.search(text, max(0, start - 24), start):
                span._.not_patient = True  # "they say it's usually statin-related": the disease in general
            if (span.label_ == "STATIN" and STATIN_AGAIN_BEFORE.search(text, max(0, start - 45), start)
                    and "?" in text[start:_sentence_end(text, start) + 1]):
                span._.not_patient = True  # "can I go back on a lower dose statin?": asked, not taken
            if (span.label_ == "STATIN" and STATIN_AS_AGENT_AFTER.match(text, end)
                    and "?" in text[start:_sentence_end(text, start) + 1]):
                span._.not_patient = True
            if span.label_ in ("STATIN", "ICI", "SEVERITY", "RED_FLAG") and FIELD_NOT_FILLED_AFTER.match(text, end):
                span._.not_patient = True  # "Statin hx: not documented", "Statin: -- (field blank)": not known
            if span.label_ == "ANTIBODY" and (SUSPECTED_BEFORE.search(text, max(0, start - 24), start)
                                              or SUSPECTED_AFTER.match(text, end)):
                span._.not_patient = True  # "r/o statin-associated IMNM": a suspicion, not a result
            if span.label_ in ("STATIN", "STATIN_NEVER", "ICI") and NONE_RECORDED.match(text, end) and (
                    A_NO_JUST_BEFORE.search(text, max(0, start - 8), start) or span.text.lower().startswith("no ")):
                span._.not_patient = True  # "No statin hx documented": not recorded is not known, not "never"
            if span.label_ in ("RED_FLAG", "SEVERITY") and QUERIED.search(text, max(0, start - 30), start):
                span._.negated = True  # "?ILD ?respiratory muscle weakness": asked, not found
            if span.label_ in ("RED_FLAG", "SEVERITY") and GENERIC_HOLDER_BEFORE.search(
                    text, max(text.rfind(mark, 0, start) for mark in ".;!?\n:") + 1, start):
                span._.not_patient = True  # "patients with dysphagia need escalation"
            if (span.label_ == "RED_FLAG" and span._.value == "malignancy"
                    and CANCER_WONDERED_BEFORE.search(text, sentence_start, start)):
                span._.not_patient = True  # "I'm worried it could be cancer", "could it be linked to cancer too?"
            if span.label_ == "RED_FLAG" and span._.value == "malignancy" and not span._.negated:
                # To the full stop: "melanoma treated with nivolumab; stopped after 2 years - complete response".
                stop = text.find(".", end)
                reach = max(_sentence_end(text, end), min(stop if stop != -1 else len(text), end + 200))
                # "tumour-free", "cancer-free": the word names its absence.
                span._.negated = bool(IN_REMISSION.search(text, end, reach) or (
                    FREE_OF_IT.match(text, end) and not A_NOT_JUST_BEFORE.search(text, max(0, start - 6), start)))
            if span.label_ == "RED_FLAG" and not span._.negated:  # "no sign on CT chest, abdo or pelvis of any tumour"
                span._.negated = bool(NO_SIGN_BEFORE.search(text, sentence_start, start)
                                      or _in_a_negated_list(text, sentence_start, start, end)
                                      or SET_ASIDE_BEFORE.search(text, max(0, start - 30), start))
            if span.label_ in ("RED_FLAG", "SEVERITY") and span._.value != "malignancy" and not span._.negated:
                # Over now: "the dysphagia she had at presentation has fully resolved", "previous dysphagia"
                # (a past cancer stays a red flag; remission is read above).
                span._.negated = bool(RESOLVED_AFTER.match(text, end, _sentence_end(text, end))
                                      or RESOLVED_BEFORE.search(text, left, start))
                if span._.negated and span.label_ == "RED_FLAG":
                    span._.temporal = "resolved"  # a later "resolved" outweighs earlier mentions (facts._flags)
            if span.label_ in ("REFRACTORY", "NOT_REFRACTORY") and (
                    CANCER_NEAR_BEFORE.search(before) or CANCER_NEAR_AFTER.match(after)
                    # "After 8 cycles of chemo, partial response": a comma does not end what the cancer's words govern,
                    # unless the course names what it answers to ("on pembrolizumab, refractory to MTX").
                    or CANCER_NEAR_BEFORE.search(text, max(sentence_start, left - 40), start)
                    and not COURSE_OF_A_NAMED_TREATMENT.match(after)):
                span._.not_patient = True  # the cancer's course, not the myopathy's
            if (span.label_ == "RED_FLAG" and span._.value == "respiratory" and not span._.negated
                    and BREATHLESS_WORD.fullmatch(text[start:end])
                    and THE_LUNG_ITSELF.search(text, sentence_start, sentence_end := _sentence_end(text, start) + 1)
                    and not BREATHING_MUSCLES.search(text, sentence_start, sentence_end)):
                span._.not_patient = True  # "the HRCT is worse and she's more breathless": the lung disease's
            if span.label_ == "REFRACTORY" and ANOTHER_FLARE_BEFORE.search(text, max(0, start - 25), start):
                span._.not_patient = True  # "gout flare 2021", "the initial flare in 2024": not a relapse of this
            if span.label_ == "AUDIENCE" and QUOTED_SPEECH_BEFORE.search(text, max(0, start - 120), start):
                span._.not_patient = True  # 'the daughter says "I can't lift her"': someone quoted, not the writer
            if span.label_ == "REFRACTORY" and MAY_HAPPEN_BEFORE.search(text, max(0, start - 25), start):
                span._.not_patient = True  # "I was told it might come back when the steroids are reduced": a warning
            if (span.label_ == "ICI" and not span._.negated and text[start:end].lower() == "immunotherapy"
                    and not CANCER_WORD.search(text, sentence_start, _sentence_end(text, start) + 1)):
                span._.not_patient = True  # "await genetics before any immunotherapy": the myositis's own treatment
            if span.label_ in ("RED_FLAG", "SEVERITY") and not span._.negated and _under_a_resolved_heading(text, start):
                span._.negated = True  # "Inactive / resolved: • Oropharyngeal dysphagia 2022 - resolved 2023"
                if span.label_ == "RED_FLAG":
                    span._.temporal = "resolved"
            if (span.label_ == "RED_FLAG" and span._.value == "cardiac" and not span._.negated
                    and PAST_HISTORY_HEADING.search(text, text.rfind("\n", 0, start) + 1, start)):
                span._.negated = True  # "PMHx: IHD; paroxysmal AF on apixaban": a comorbidity, not the myositis's heart
            if span.label_ in ("ANTIBODY", "SERONEGATIVE") and (
                    RESULT_SUPPOSED_BEFORE.search(text, sentence_start, start)
                    or RESULT_SUPPOSED_SENTENCE.match(text, _scope_start(hypothetical_breaks, start))):
                # "If the HMGCR comes back positive I would ...", "if both antibodies are negative we'll call it
                # seronegative": not a result yet.
                span._.not_patient = True
            if span.label_ in ("ANTIBODY", "SERONEGATIVE") and COMPARED_GROUP_BEFORE.search(text, max(0, start - 30),
                                                                                            start):
                span._.not_patient = True  # "less consistent than in anti-SRP": a group compared with, no result
            if (ANOTHER_PATIENTS_KIND_BEFORE.search(text, max(0, start - 30), start)
                    and PATIENT_NOUN_AFTER.match(text, end)):
                span._.not_patient = True  # "I saw my other SRP patient this morning": that patient's kind
            if NOT_THIS_PATIENT_AFTER.match(text, end):
                span._.not_patient = True  # "(Case 1 was the anti-SRP patient from Ipswich - not this patient.)"
            if COUNTERFACTUAL_BEFORE.search(text, sentence_start, start):
                span._.not_patient = True  # "had he been on pembrolizumab the approach would differ"
            if OWN_EARLIER_WORDS.search(text, sentence_start, start):
                span._.not_patient = True
            if span.label_ != "AUDIENCE" and general_question_at(text, start):
                span._.not_patient = True  # "what proportion of HMGCR patients have never taken a statin?"
            if span.label_ in ("STATIN", "STATIN_NEVER", "WEIGHT", "AGE") and _writer_contrasted(text, sentence_start,
                                                                                        start, by_sentence):
                span._.not_patient = True  # "By the way, I'm on atorvastatin myself": the writer's, not the patient's
            if span.label_ != "AUDIENCE" and DISEASE_IN_GENERAL.match(text, sentence_start):
                span._.not_patient = True  # "Anti-SRP IMNM is often severe and resistant to therapy" (background)
            if span.label_ == "STATIN":
                span._.temporal = _statin_timing(text, start, end, left, right)
        self._share_list_negation(text, spans)
        _service_names_yield(text, spans)
        antibodies = sorted((s for s in spans if s.label_ == "ANTIBODY"), key=lambda s: extent(s)[0])
        self._antibody_polarity(text, antibodies)
        # Facts about someone else, a hypothetical or a plan never reach the slots.
        doc._.taken_back = sorted(taken_back)
        kept = _after_corrections(text, _after_focus_shift(text, [s for s in spans if not s._.not_patient]))
        doc.spans[SPAN_KEY] = _without_group_descriptors(text, kept)
        return doc

    @staticmethod
    def _share_list_negation(text: str, spans: list[Span]) -> None:
        previous: Span | None = None
        for span in spans:
            if (previous is not None and previous.label_ == span.label_ and previous._.negated
                    and LIST_JOIN.match(text[extent(previous)[1]:extent(span)[0]])):
                span._.negated = True
            previous = span

    @staticmethod
    def _not_the_patient(label: str, before: str, after: str) -> bool:
        if NOT_THE_PATIENT.search(before):
            return True
        if label in ("STATIN", "ICI") and PLANNED_JUST_BEFORE.search(before):
            return True
        findings = ("RED_FLAG", "SEVERITY")
        return label in findings and (bool(LOOKING_FOR.search(before)) or bool(SCREENING_AFTER.match(after))
                                      or bool(CONDITION_BEFORE.search(before)))

    @staticmethod
    def _antibody_polarity(text: str, antibodies: list[Span]) -> None:
        NegationScope._polarity_from_the_words(text, antibodies)
        # "ab neg x2 (HMGCR, SRP)": names in brackets after a result take that result.
        for span in antibodies:
            start, end = extent(span)
            opened = text.rfind("(", 0, start)
            if opened < 0 or ")" in text[opened:start] or _result_right_after(text, end):
                continue
            if AB_NEGATIVE_BEFORE_BRACKET.search(text, max(0, opened - 30), opened):
                span._.polarity = "negative"

    @staticmethod
    def _polarity_from_the_words(text: str, antibodies: list[Span]) -> None:
        # Right to left so "HMGCR and SRP negative" lets HMGCR inherit SRP's polarity.
        following: Span | None = None
        for span in reversed(antibodies):
            start, end = extent(span)
            stop = extent(following)[0] if following is not None else len(text)
            after = text[end:stop]
            left, _ = _clause(text, start, end)
            before = text[left:start]
            polarity = None
            if AB_PENDING_AFTER.match(after):
                polarity = "pending"
            elif AB_NEGATIVE_AFTER.match(after) or LISTED_IN_A_NEGATIVE_PANEL.match(text, end):
                polarity = "negative"
            elif AB_POSITIVE_AFTER.match(after) and not (following is not None and AB_PLUS_JOIN.match(after)):
                polarity = "positive"
            elif following is not None and AB_CONNECTOR.match(after) and following._.polarity:
                polarity = following._.polarity
            elif AB_PENDING_BEFORE.search(before):
                polarity = "pending"
            elif AB_NEGATIVE_BEFORE.search(before):
                polarity = "negative"
            elif AB_POSITIVE_BEFORE.search(before):
                polarity = "positive"
            span._.polarity = polarity or _polarity_further_on(text, start, end, stop, before)
            if span._.polarity == "positive" and JUDGED_FALSE_POSITIVE.search(after[:160]):
                # "anti-SRP54: weakly positive on line blot; negative by ELISA - likely false positive": not a result.
                span._.polarity = "negative"
            following = span


#: A positive result the report itself sets aside, before the next antibody is named.
JUDGED_FALSE_POSITIVE = re.compile(r"(?<!\bnot\s)(?<!\bnot\sa\s)(?<!\bno\s)\b(?:(?:likely|probably|probable|possible|"
                                   r"possibly|presumed|suspected)\s+)?false[-\s]?positive\b(?!\s+(?:was\s+|has\s+been\s+)?"
                                   r"(?:ruled\s+out|excluded|unlikely))|\bnot\s+(?:felt\s+to\s+be\s+)?(?:clinically\s+)?significant\b|"
                                   r"\bnon[-\s]?specific\b|\bspurious\b", re.I)
#: The writer turning to themself as the subject of a clause.
WRITER_AS_SUBJECT = re.compile(r"\b(?:i\s+(?:have|had|am|was|take|took|weigh|got)|i'(?:m|ve))\b", re.I)
#: "sorry", "I mean": what follows corrects what came before ("65 kg - sorry, 56 kg").
CORRECTION = re.compile(r"(?<![\w-])(?:sorry|i\s+mean[t]?|correction|scratch\s+that|my\s+(?:mistake|bad)|typo|"
                        r"misread|no\s+wait|i\s+meant|but\s+(?:actually|in\s+fact|on\s+checking|checked|having\s+checked))"
                        r"(?![\w])", re.I)
AB_NEGATIVE_BEFORE_BRACKET = re.compile(r"(?:negative|neg|-ve)(?:\s*x\s*\d)?\s*$", re.I)
#: "earlier I said HMGCR": a reference to the writer's own earlier words, not a fact.
OWN_EARLIER_WORDS = re.compile(r"(?:(?:earlier|before|previously|initially)\s+i|i\s+(?:initially|originally|first))\s+"
                               r"(?:said|wrote|put)\b(?:(?!\bbut\b)[^.;,])*$", re.I)
#: Labels that state the same fact: a later one replaces an earlier one after a correction.
SAME_FACT = {"STATIN": "statin", "STATIN_NEVER": "statin", "ANTIBODY": "antibody", "SERONEGATIVE": "antibody",
             "WEIGHT": "weight", "AGE": "age", "SEVERITY": "severity", "ICI": "ici",
             "REFRACTORY": "refractory", "NOT_REFRACTORY": "refractory"}


def _after_corrections(text: str, spans: list[Span]) -> list[Span]:
    """Drop a fact that the writer corrected later in the same message."""
    cues = [match.start() for match in CORRECTION.finditer(text)]
    if not cues:
        return spans
    dropped: set[int] = set()
    for cue in cues:
        corrected = {SAME_FACT[s.label_] for s in spans if s.label_ in SAME_FACT and extent(s)[0] > cue}
        dropped.update(id(s) for s in spans
                       if extent(s)[1] <= cue and SAME_FACT.get(s.label_) in corrected)
    return [s for s in spans if id(s) not in dropped]


#: Someone in particular is being described: a patient, the asker, a relative, a named person.
PATIENT_ANCHOR = re.compile(
    r"(?<![\w-])(?:she|he|her|him|his|hers|pt|patient|mr|mrs|ms|miss|(?:this|that|a|an|the)\s+(?:\w+\s+)?"
    r"(?:man|woman|lady|gent|gentleman|guy|chap|boy|girl|child|kid|teen\w*|baby|person|chap|bloke|referral)|"
    r"(?:my|our)\s+(?:\w+\s+)?(?:patient|pt|mum|mom|mother|dad|father|wife|husband|son|daughter|child|kid|partner|"
    # "my HMGCR lady in clinic".
    r"lady|man|woman|gent|gentleman|guy|chap|fella|boy|girl|"
    r"brother|sister|friend|boy|girl|ck|muscles?|legs|arms|weakness|doctor|neurologist|rheumatologist|diagnosis|"
    r"statin|meds|medications?|tablets|dose)|"
    r"i'?\s?a?m\s+(?:on|taking|hmgcr|srp|anti|positive|still|now|being|weak)|i\s+(?:have|had|'ve|was|got|take|took)\b|"
    # A particular person by the shorthand of a note: "70F", "55 y/o M", "M 66", "68 kg".
    r"\d{1,3}\s?(?:y/?o\s?|yrs?\s?)?(?-i:[MF])|(?-i:[MF])\s?\d{1,3})"
    r"(?![\w])",
    re.I,
)
#: A concept naming a kind of disease or group of people ("anti-SRP disease", "refractory IMNM",
#: "checkpoint inhibitor myositis", "HMGCR-positive patients", "statins", "children").
GROUP_NOUN_AFTER = re.compile(
    r"[\s-]*(?:(?:antibod(?:y|ies)|abs?|associated|induced|related|mediated|inhibitors?)[\s-]*)*"
    r"(?:(?:anti[-\s]?)?(?!weakness)[\w+]+[\s-]+){0,2}?"
    r"(?:myopath(?:y|ies)|disease|imnm|nam|myositis|necroti[sz]ing|patients|pts|cases|people|population|cohorts?|"
    r"subtypes?|forms?)(?![\w])",
    re.I,
)
#: Only a question can be about no one ("SRP positive necrotizing myopathy" alone describes a patient).
ASKS = re.compile(r"\?|^\W*(?:what|which|when|how|why|should|can|could|would|do|does|is|are|any|tell\s+me|explain)\b",
                  re.I)
GROUP_WORDS = re.compile(r"statins|children|kids|adolescents|teen(?:ager)?s|infants|paediatric|pediatric", re.I)


def _describes_a_group(text: str, span: Span) -> bool:
    start, end = extent(span)
    return bool(GROUP_WORDS.fullmatch(text[start:end])) or bool(GROUP_NOUN_AFTER.match(text, end))


#: "Unrelated to him - ...", "nothing to do with her:": a pronoun that sets the patient aside, not one that
#: points at them.
NOT_ABOUT_THEM = re.compile(r"\b(?:unrelated\s+to|nothing\s+to\s+do\s+with|not\s+about)\s+(?:him|her|them)\b|"
                            # "General question while I have you: ..." (the writer's idiom, no patient).
                            r"\b(?:while|whilst)\s+(?:i\s+have|i'?ve\s+got)\s+you\b|"
                            # In a question about patients in general, "a 100 kg patient" is anyone.
                            r"\b(?:a|an|any)\s+(?:[\w-]+\s+){0,3}?(?:patient|pt|person|adult)\b", re.I)


#: The writer telling of their own disease: then no fact in the message is the writer's as opposed to the patient's.
WRITER_HAS_THE_DISEASE = re.compile(
    r"\b(?:i\s+(?:have|had|was\s+diagnosed\s+with|'ve\s+got|have\s+got)|told\s+(?:that\s+)?i\s+(?:have|had)|i'?ve\s+got)\s+"
    r"(?:\w+[\s-]+){0,3}?(?:imnm|myopath\w*|myositis|hmgcr|srp|nam)\b|"
    r"\bmy\s+(?:hmgcr|srp|antibod\w*|myopathy|myositis|imnm|diagnosis|ck|muscle\s+biopsy)\b", re.I)
#: The patient (written "pt" when a relative is in focus) named in the writer's clause.
THE_PATIENT_NAMED = re.compile(r"\b(?:pt|he|she|him|her|his|they|them|their)\b", re.I)


#: A statin said of the disease as a rule: "it's usually statin-related", "often statin-induced".
HABITUAL_JUST_BEFORE = re.compile(r"\b(?:usually|often|typically|mostly|commonly|generally|frequently|classically)\s+$",
                                  re.I)


#: Facts a writer tells of themself: their own statin, weight or age.
WRITERS_OWN_LABELS = frozenset({"STATIN", "STATIN_NEVER", "WEIGHT", "AGE"})


def writers_own_dropped(doc: Doc) -> None:
    """In a message written about a relative in focus (the relative is the patient), a statin, weight or age in a
    clause whose subject is the writer ("I'm the one on simvastatin, not her", "I weigh 60 kg and can't lift him")
    is the writer's, not the patient's."""
    text = doc.text
    if WRITER_HAS_THE_DISEASE.search(text):
        return  # "my sister also has myositis ... my HMGCR test came back positive": the writer is the patient

    def writers(span: Span) -> bool:
        if span.label_ not in WRITERS_OWN_LABELS:
            return False
        start, end = extent(span)
        left, _right = _clause(text, start, end)
        own = list(WRITER_AS_SUBJECT.finditer(text, left, start))
        # "I'm writing about pt Anil (DOB 14 Aug 1957)": the writer's clause goes on to the patient, who may be named in
        # the span itself ("I'm writing on behalf of my father who is 79": "pt who is 79").
        return bool(own) and not THE_PATIENT_NAMED.search(text, own[-1].end(), end)

    doc.spans[SPAN_KEY] = [span for span in doc.spans.get(SPAN_KEY, []) if not writers(span)]


#: The writer set against the patient: "I'm on atorvastatin myself", "I take a statin too, by the way".
WRITER_CONTRASTED = re.compile(
    r"\b(?:i'?m|i\s+am|i\s+take|i\s+took|i\s+was|i'?ve\s+been|i\s+have\s+been|i\s+weigh)\b[^.!?\n]{0,60}?\bmyself\b|"
    r"\bmyself\b[^.!?\n]{0,10}?\b(?:i'?m|i\s+am|i\s+take|i\s+took)\b", re.I)
def _writer_contrasted(text: str, sentence_start: int, start: int, by_sentence: dict[int, bool]) -> bool:
    """WRITER_CONTRASTED in the sentence around `start`, looked up once per sentence (a pasted text without
    full stops is one long sentence with many spans)."""
    if sentence_start not in by_sentence:
        by_sentence[sentence_start] = bool(WRITER_CONTRASTED.search(text, sentence_start, _sentence_end(text, start) + 1))
    return by_sentence[sentence_start]


#: A sentence describing the disease itself, as a background section or a textbook does ("Anti-SRP IMNM is
#: often severe", "necrotizing myopathy can present with dysphagia"): the disease is the subject and the verb is
#: habitual. Nothing in it is this patient's. Used with .match(text, sentence_start).
DISEASE_IN_GENERAL = re.compile(
    r"\s*(?:[\w:]+\s+){0,2}?(?:(?:anti-?\s?)?(?:hmgcr|srp)(?:[-\s]positive|[-\s]associated)?\s+)?"
    r"(?:imnm|nam|necroti[sz]ing\s+(?:autoimmune\s+)?myopathy|(?:immune-mediated\s+)?necroti[sz]ing\s+myopathy|"
    r"this\s+(?:disease|condition|subtype)|the\s+(?:disease|condition|subtype))(?:\s*\([^()]{1,12}\))?\s+"
    r"(?:is|are|can\s+be|may\s+be|tends\s+to\s+be)\s+(?:often|usually|typically|frequently|commonly|generally|"
    r"classically|characteristically|known\s+to\s+be)\b", re.I)


def _said_of_patients_in_general(text: str, sentence_start: int, start: int) -> bool:
    """Earlier in the sentence the writer turned to a made-up case, or, in a question, to patients in general."""
    # A made-up case runs to the end of its sentence, past an abbreviation's full stop ("a different scenario (e.g.
    # 'a 25-year-old ...')") but not past a real one ("Imagine a 25-year-old. My patient is 60 ...").
    window = max(text.rfind("\n", 0, start) + 1, start - 150, 0)
    ends = [match.end() for match in REAL_SENTENCE_END.finditer(text, window, start)]
    if MADE_UP_MARKER.search(text, ends[-1] if ends else window, start):
        return True
    return bool(GENERAL_MARKER.search(text, sentence_start, start)) and "?" in text[start:_sentence_end(text, start) + 1]


def about_someone_else_at(text: str, start: int, end: int) -> bool:
    """Whether what is said at `start` is of someone other than this patient: a relative or another patient
    as the subject, a made-up or counterfactual case, patients in general. The same checks the concepts get,
    for a reader that works on text (the treatments given)."""
    sentence_start = _scope_start(_break_ends(SENTENCE_END, text), start)
    return (_about_someone_else(text, start, _other_person_breaks(text))
            or bool(HYPOTHETICAL_SENTENCE.match(text, _scope_start(_break_ends(SENTENCE_BREAK, text), start), start))
            or _said_of_patients_in_general(text, sentence_start, start)
            or bool(COUNTERFACTUAL_BEFORE.search(text, sentence_start, start))
            or bool(NOT_THIS_PATIENT_AFTER.match(text, end))
            or general_question_at(text, start)
            or bool(DISEASE_IN_GENERAL.match(text, sentence_start)))


def general_question_at(text: str, position: int) -> bool:
    """A question about patients in general ("generally, how do the myocarditis overlap cases do?"), with
    no one in particular named in it ("she", "my patient"): it states nothing about this patient."""
    sentence = NOT_ABOUT_THEM.sub(" ", sentence_at(text, position))
    return about_patients_in_general(text, position) and not PATIENT_ANCHOR.search(sentence)


def _without_group_descriptors(text: str, spans: list[Span]) -> list[Span]:
    """A general question ("rituximab in anti-SRP disease?") is about no one: its descriptors are not
    facts. Only when nothing else in the message points to a particular patient."""
    facts = [s for s in spans if s.label_ != "AUDIENCE"]
    if not facts or not ASKS.search(text) or PATIENT_ANCHOR.search(text):
        return spans
    descriptors = [s for s in facts if s.label_ not in ("WEIGHT", "AGE") and _describes_a_group(text, s)]
    if len(descriptors) < len(facts):
        return spans
    return [s for s in spans if s.label_ == "AUDIENCE"]


@lru_cache(maxsize=1)
def build_pipeline() -> Language:
    """Blank English tokenizer plus the project's rule components; built once per process."""
    nlp = spacy.blank("en")
    # Clinic shorthand glues signs and slashes to names ("HMGCR+/SRP-"); split them so that every
    # concept gets its own token span (span attributes are stored per character range).
    infixes = [*nlp.Defaults.infixes, r"/", r"\+", r"(?<=[A-Za-z0-9])[-–](?=[A-Za-z0-9])"]
    suffixes = [*nlp.Defaults.suffixes, r"\+", r"-", r"\+ve", r"-ve"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp.add_pipe("imnm_concepts")
    nlp.add_pipe("imnm_negation")
    return nlp
