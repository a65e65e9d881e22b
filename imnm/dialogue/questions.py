"""Answers to follow-up and guideline questions, retrieved from knowledge entries (not hand-typed)."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from functools import lru_cache

from imnm.dialogue.frames import BETWEEN_DOSES, agents_named
from imnm.dialogue.similarity import entry_index, similarities
from imnm.engine.dosing import ComputedDose, compute_dose
from imnm.engine.facts import AgeBand, Antibody, Audience, PatientFacts, Severity, StatinExposure
from imnm.engine.knowledge import Entry, Evidence, Gap, KnowledgeBase, Section, default_knowledge, derived
from imnm.engine.recommendation import Recommendation
from imnm.engine.rules import MISSING_CHANGES
from imnm.language.extract.course import TEXTS_REMEMBERED
from imnm.language.extract.lexicon import ICI as ICI_WORDS
from imnm.language.question_words import AGENT_TOPICS, TOPIC_WORDS
from imnm.render.common import EVIDENCE_WORDS, CitationNumbers, dose_line
from imnm.render.markdown import (
    render_for_clinician,
    render_for_patient,
    render_for_trainee,
    render_section,
    render_sources,
    render_trace,
)

#: Questions about the current plan rather than about a topic.
FOLLOW_UPS = {
    "why": re.compile(r"\bwhy\b|\breason|\brationale|\bexplain|\bjustif|\btrace\b|\bbasis\b", re.I),
    "sources": re.compile(
        r"\bsource|\breferenc|\bcitation|\bevidence\b|\bcite|\brefs?\b|\bliterature\b|\bpapers?\b|"
        r"where(?:'s|\s+is|\s+does|\s+did)\s+(?:that|this|it)\s+(?:from|come)|based\s+on\s+what", re.I),
    "alternative": re.compile(
        r"(?:can'?t|cannot|unable to|won'?t|doesn'?t|does not)\s+(?:take|tolerate|have|use)|"
        r"intoleran|contraindicat|alternative|instead of|allerg|other than|switch(?:\s+(?:him|her|them))?\s+to|"
        r"change\s+(?:him|her|them\s+)?to|swap|replace\s+(?:the\s+|his\s+|her\s+)?\w+\s+with|"
        r"what\s+(?:else\s+)?(?:is\s+)?left|"
        # "Methotrexate makes me so sick the day after": the drug does not suit.
        r"makes?\s+(?:me|him|her|them)\s+(?:so\s+|really\s+|very\s+)?(?:sick|ill|nauseous|vomit)", re.I),
    "pitfalls": re.compile(r"\bpitfall|\bmistake|\bavoid\b|\bwatch\s+(?:out|for)|\bcaveat|\bwarning|"
                           r"\bgotcha|\bcareful\b|\bgo\s+wrong", re.I),
    "monitoring": re.compile(r"\bmonitor|\bfollow[- ]?up\b|\bf/u\b|\bcheck(?:ing|s)?\b|\bbloods?\b|\blabs?\b|"
                             r"how\s+(?:will|would|do|can)\s+(?:i|we|you)\s+(?:know|tell)|\bis\s+it\s+working", re.I),
}
#: Asking for the rest of a plan that was given on one screen.
DETAIL_REQUESTS = {
    "full": re.compile(
        r"^\W*(?:(?:the\s+|show\s+(?:me\s+)?(?:the\s+)?)?(?:full|whole|complete|entire|detailed)\s+"
        r"(?:plan|regimen|version|details?)|details|more(?:\s+details?)?|everything|all\s+of\s+it)\W*$", re.I),
    "patient": re.compile(r"\b(?:patient|plain[- ]language|lay)\s+(?:version|summary|leaflet|view)\b", re.I),
    "teaching": re.compile(r"\b(?:teaching|trainee|resident|student)\s+(?:version|view|points?)\b", re.I),
    "timeline": re.compile(r"\b(?:timeline|time\s*line|schedule\s+(?:picture|chart)|over\s+time\s+picture|gantt)\b",
                           re.I),
}
#: The words the detail buttons send, and their usual typed forms: never small talk or out of scope.
DETAIL_WORDS = re.compile(
    r"^\W*(?:why|reasons?|monitoring|monitor|pitfalls?|prognosis|sources?|references?|refs|full\s+plan|details|"
    r"timeline|patient\s+version|teaching\s+version|what\s+should\s+i\s+report|what\s+tests\s+will\s+i\s+have)\W*$",
    re.I)


def is_detail_request(text: str) -> bool:
    """A tap on a detail button, or the same words typed."""
    return bool(DETAIL_WORDS.search(text))


MAX_ENTRIES = 4
#: "Which regimen do the sources recommend?" asks for the regimen, not for the reference list.
SOURCES_SAY = re.compile(
    r"\b(?:do|does|did|would)\s+(?:the\s+)?(?:sources?|guidelines?|literature|evidence|papers?)\s+"
    r"(?:recommend|say|suggest|advise|support|favou?r|list|give|mention|name|offer|warn|describe|discuss|cover|state|"
    r"think|address|report)|"
    r"\b(?:sources?|guidelines?)\s+(?:recommend|suggest|advise|list|give|mention|warn|describe|discuss|cover|state)|"
    # "the sources' view on how often this happens", "the guideline's position on IVIG"
    r"\b(?:sources?|guidelines?|literature|evidence)(?:'s?)?\s+(?:view|position|stance|take|advice|line|verdict)\b|"
    # "consistent with how the sources describe IMNM", "according to the sources"
    r"\bhow\s+(?:the\s+)?(?:sources?|guidelines?|literature)\s+(?:describe|define|present|see|view|put)|"
    r"\baccording\s+to\s+(?:the\s+)?(?:sources?|guidelines?|literature)", re.I)


_WORDS_LONGEST_FIRST = sorted(
    ((word, topic) for topic, words in TOPIC_WORDS.items() for word in words),
    key=lambda pair: -len(pair[0]),
)


def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])" + re.escape(word) + (r"(?![a-z0-9])" if len(word) <= 4 else ""))


#: Each word starts at a word boundary ("ck" is not inside "back"); endings may follow ("monitoring").
#: Short abbreviations must stand alone ("ck" is not "ckd"); longer words may take endings too.
_WORD_PATTERNS = [(_word_pattern(word), topic) for word, topic in _WORDS_LONGEST_FIRST]
#: A sentence that asks something: a question mark, a question word first, or a request.
QUESTION_SENTENCE = re.compile(
    r"\?|^\W*(?:(?:and|so|ok(?:ay)?|then|but|also|right)\W+)?"
    r"(?:what'?s?|wat|which|when|how|why|should|shall|can|could|would|do|does|is|are|any|anyone|who|where)\b|"
    # A question in a later clause, typed without its mark: "my mum is on 60mg of pred, why have they also given her
    # an antibiotic", "she has srp myopathy, what should we do".
    r"[,;:]\s*(?:and\s+|so\s+|but\s+)?(?:why|what|how|should|can|could|is|are|do|does|will)\s+"
    r"(?:have|has|had|do|does|did|are|is|was|were|should|would|can|could|will|we|i|they|she|he|it|this|that|the|my|her|"
    r"his)\b|"
    # "... by 3 months, what's the add-on you'd use for SRP": the contracted form.
    r"[,;:]\s*(?:and\s+|so\s+|but\s+)?(?:what|how|where|who)(?:'s|’s|s)\s+(?:the|a|an|his|her|their|your|it|that|this)\b|"
    # Asked on someone's behalf: "she's asking if she can stop everything", "he wants to know whether ...".
    r"\b(?:asking|asks|asked|wants?\s+to\s+know|wanted\s+to\s+know)\s+(?:me\s+|us\s+)?(?:if|whether|about|when|how|what|why)\b|"
    # The writer's own question named: "I only wanted to ask about tapering", "my question is about the IVIG dose".
    r"\b(?:wanted|want|meant|wanna|wished|would\s+like|'d\s+like)\s+to\s+(?:ask|check|know)\s+(?:about|re|regarding|if|"
    r"whether)\b|\b(?:my|the)\s+(?:real\s+|actual\s+)?question\s+(?:is|was)\s+(?:about|re|regarding|on)\b|"
    r"\b(?:wondering|wonder\s+(?:whether|if)|is\s+there\s+any\s+point|any\s+point\s+in|worth\s+(?:giving|trying|starting))\b|"
    # A request put as an order: "Just tell me which tests matter most", "remind me of the MTX dose", "explain why".
    r"^\W*(?:(?:ok(?:ay)?|so|just|please|can\s+you)\W+)*(?:tell|remind|explain|show|give|walk)\s+(?:me|us)\b|"
    # The order after the facts: "she is 60 kg tell me the aza range".
    r"\b(?:tell|remind|show|give)\s+(?:me|us)\s+(?:the|a|an|what|which|how|why|when|about|more|her|his)\b|"
    r"^\W*(?:(?:quick|brief|short|small|general|gen\.?|another|one|a)\s+)?(?:q|qn|query|question)\s*(?:re|about|on|regarding|"
    r"for\s+you|:)\s|"
    r"\b(?:is|are)\s+there\s+(?:any|anything|something|a|an)\b|\banything\s+(?:that|which|to)\s+(?:helps?|can|could)\b|"
    r"\b(?:dose|dosing|doses|how\s+much|pls|please|options?|next\s+step|evidence\s+for|thoughts|advice|"
    r"recommend\w*|guidance)\b|"
    r"\b(?:how|what|which|when|should|can|could|would|do|does|is|are)\s+(?:do|does|should|would|can|could|is|are|we|i|you)\s+"
    r"(?:we|i|you|he|she|they|it|escalate|add|start|give|use|treat|manage|do)\b|"
    # Inverted verb and subject anywhere: "... am i still allowed to drive", "will it hurt his bones".
    r"\b(?:am|is|are|will|would|can|could|should|do|does|did)\s+(?:i|we|you|he|she|they|it)\s+(?!am\b|is\b|are\b)\w",
    re.I)
#: Topics a case description touches without asking about them.
DESCRIPTIVE_TOPICS = frozenset({"monitoring", "measures", "pathology", "phenotype", "subtypes", "multidisciplinary",
                                "physical-therapy", "damage", "atypical", "associated", "prognosis", "predictors",
                                "report", "early-treatment", "combination", "monotherapy", "duration", "screening",
                                "pitfalls", "rhabdomyolysis"})
#: Topics that say what kind of answer is wanted but not about which treatment.
GENERIC_TOPICS = frozenset({"dosing", "monitoring", "pitfalls", "first-line"})


#: Phrases that contain a topic word but are not about that topic: a result that "comes back" is not
#: a relapse, and "swallowing ok" or "no SOB" are not swallowing or breathing trouble.
NOT_A_TOPIC = re.compile(
    # "how long does each go take?": one infusion or course (its schedule), not how long treatment lasts.
    r"\bhow\s+long\s+(?:does|do|will|would|is)\s+(?:each|every|one|a|an|the)\s+(?:go|infusion|course|session|drip|"
    r"cycle|round|visit)\s*(?:take|last)?\b|"
    # "How much do they give and over how long?": the infusion's days, not how long treatment lasts.
    r"\bover\s+how\s+(?:long|many\s+days)\b|"
    # "the second one is given how long after the first?": the gap between doses, not how long treatment lasts.
    rf"\bhow\s+long(?={BETWEEN_DOSES})|"
    # "is that typical for his antibody?": the subtype a finding is compared with, not the treatment it adds.
    r"\b(?:typical|usual|common|expected|characteristic|classic)\s+(?:for|in|of|with)\s+(?:his|her|their|my|the|this)\s+"
    r"(?:antibody|antibodies|type|subtype)\b(?=\s*[?.!]|\s*$)|"
    # "my blood test says anti-HMGCR positive, what does that mean?": where the result came from, not monitoring.
    r"\b(?:my|his|her|their|the|a)\s+blood\s+tests?\s+(?:says?|said|shows?|showed|came\s+back|results?\s+(?:says?|showed?))\b"
    r"(?![^?]*\b(?:how\s+often|checked|repeat\w*|monitor\w*|when\s+(?:should|do|will)))|"
    # "on high dose steroids" describes the treatment; it does not ask for a dose.
    r"\b(?:high|low|full|reduced|maintenance)[-\s]dose[sd]?\b|"
    r"\b(?:results?|panels?|tests?|antibod\w*|bloods?|labs?|biopsy|scans?|serology)\s+(?:\w+\s+)?(?:comes?|came)\s+back\b|"
    # "only the HMGCR has come back (negative)", "SRP came back positive": a result (the antibody stays a topic).
    r"\b(?:comes?|came|come)\s+back\s*\(?\s*(?:neg\w*|pos\w*|normal|equivocal|weak\w*|strong\w*|as\b|clear|\+|-)|"
    r"\b(?:no|not|without|denies|nil|normal)\s+(?:\w+\s+){0,2}?(?:swallow\w*|dysphagia|breath\w*|dyspn\w*|respiratory\s+\w+)|"
    r"\b(?:swallow\w*|breathing|breath)\s+(?:is\s+|are\s+|still\s+)*(?:ok|okay|fine|normal|intact|safe|good|unaffected|preserved)\b",
    re.I,
)


#: Stopping a statin is the statin question, not how long a treatment lasts ("should we stop the statin?").
STOPPING_A_STATIN = re.compile(
    r"\b(?:stop(?:ping)?|come\s+off|coming\s+off|discontinu\w*)\s+(?:the\s+|his\s+|her\s+|my\s+|their\s+)?"
    r"(?=(?:statin|atorva|simva|rosuva|prava|lipitor|crestor|cholesterol))", re.I)
#: "Is that safe?", "when would I stop it?": the asking sentence points at what the sentence before named.
POINTS_AT_A_THING = re.compile(
    r"\b(?:it|that|them)\b|\bthis\b(?=\s*[?.!,]|\s+(?:safe|ok|okay|normal|true|right|bad|dangerous|serious|allowed)\b)",
    re.I)
GLUED_UNIT = re.compile(r"(?<=\d)(?=(?:mg|mcg|g|kg|ml)(?![a-z]))")


def topics_in(text: str) -> list[str]:
    """Topics named in a question; a longer phrase hides the shorter ones inside it."""
    return list(_topics_in(text))


# One turn reads the same texts for topics several times (the message, its focus, the last few messages), and every
# turn reads the earlier messages again: kept by text, each is read once (measured: 13% of the action server's CPU).
@lru_cache(maxsize=TEXTS_REMEMBERED)
def _topics_in(text: str) -> tuple[str, ...]:
    # "60mg", "2g/kg": a number glued to its unit still names a dose.
    lowered = " " + GLUED_UNIT.sub(" ", NOT_A_TOPIC.sub(" ", STOPPING_A_STATIN.sub(" ", text.lower()))) + " "
    found: list[str] = ["duration"] if STOPPING_A_TREATMENT.search(lowered) else []
    if HOW_OFTEN_IT_WORKS.search(lowered):
        found.append("response")
    if SEX_AS_A_PREDICTOR.search(lowered):
        found.append("predictors")  # "which sex tends to do better?", "do men do better than women?"
    if ACTIVITY_ASKED.search(lowered) and "damage" not in found:
        found.append("damage")  # "CK normal but still weak: is this still active disease?": activity or damage
    if EARLY_COMBINATION.search(lowered):
        found += ["combination", "predictors"]  # "does getting two agents in early matter?": what predicts the outcome
    if DISEASE_COMPARED.search(lowered) and "definition" not in found:
        # "is IMNM the same thing as polymyositis?": what the disease is, which says how it differs.
        found.append("definition")
    if AGE_AT_ONSET.search(lowered) and ONSET_AGE_JUDGED.search(lowered) and not TREATED.search(lowered):
        # "I was 19 when it started. does that make it worse?": what an age at onset predicts.
        found.append("predictors")
    if WORKS_BETTER.search(lowered):
        # "is it thought to work better in SRP or HMGCR?": how well it works, compared (not how it works). Compared
        # between the subtypes, what sets them apart is the answer ("subtypes", from the question's topics).
        lowered = WORKS_BETTER.sub(" ", lowered)
        compared = "subtypes" if SUBTYPES_SIDE_BY_SIDE.search(lowered) else "response"
        if compared not in found:
            found.append(compared)
    for pattern, topic in _WORD_PATTERNS:
        if pattern.search(lowered):
            lowered = pattern.sub(" ", lowered)
            if topic not in found:
                found.append(topic)
    if STATIN_FOR_THE_HEART.search(f" {text.lower()} "):
        found = _the_statin_not_the_heart(found)  # "stop the statin? but what about his heart?"
    plain = INTENSIFIER.sub("", lowered)
    if plain != lowered:  # "why go in so hard?" is "go in hard": a phrase with a word of degree inside it
        for pattern, topic in _WORD_PATTERNS:
            if topic not in found and pattern.search(plain):
                plain = pattern.sub(" ", plain)
                found.append(topic)
    for word in LONG_WORD.findall(lowered):
        topic = _misspelt_drug(word)
        if topic is not None and topic not in found:
            found.append(topic)  # "I'm on metotrexate": a drug name one or two letters off
    return tuple(found)


LONG_WORD = re.compile(r"[a-z]{7,}")
def _the_statin_not_the_heart(topics: list[str]) -> list[str]:
    """The topics of a question about the heart a statin protects: the statin, not the disease's heart."""
    kept = [topic for topic in topics if topic not in ("myocarditis", "cardiac")]
    return kept if "statin" in kept else [*kept, "statin"]


#: Whether weakness left is the disease still active or damage done: "is this still active disease?", "active
#: myositis or damage?".
#: (Not "how do I monitor disease activity?": monitoring, whose entries answer it.)
ACTIVITY_ASKED = re.compile(r"\b(?:still\s+active|(?:active|ongoing)\s+(?:disease|myositis|inflammation)\s+"
                            r"(?:or|vs\.?|versus)\s+damage|activity\s+(?:or|vs\.?|versus)\s+damage|damage\s+(?:or|vs\.?|versus)\s+activity)\b")
#: More than one agent early, as a matter of outcome: "what's the evidence that getting two agents in early matters?",
#: "does starting two drugs up front change the outcome?".
EARLY_COMBINATION = re.compile(
    r"^(?=.*\b(?:two|2|more\s+than\s+one|multiple|several|second|both)\s+(?:\w+\s+)?(?:agents?|drugs?|medicines?|"
    r"medications?|immuno\w*|treatments?)\b)(?=.*\b(?:early|earlier|up\s?front|from\s+(?:the\s+start|day\s+(?:one|1))|"
    r"straight\s+away|at\s+the\s+outset|within)\b)(?=.*\b(?:matter\w*|evidence|outcomes?|better|worse|difference|"
    r"predict\w*|prognos\w*|why|important|benefit\w*|worth|help\w*)\b)", re.S)
#: Sex set against an outcome: "which sex tends to do better?", "do men or women respond better?", "is being female a
#: bad sign?".
SEX_AS_A_PREDICTOR = re.compile(r"^(?=.*\b(?:sex|gender|men|women|males?|females?)\b)"
                                r"(?=.*\b(?:better|worse|prognos\w*|outcomes?|outlook|recover\w*|respond\w*|sign|"
                                r"affect\w*|matter\w*|difference)\b)"
                                r"(?=.*\b(?:which|or|than|being|does|do|is)\b)", re.S)
#: Another use of a drug asked about: "isn't that a cancer drug?", "is it not chemo?", "I thought methotrexate was for
#: arthritis".
ANOTHER_USE_ASKED = re.compile(r"\b(?:cancer|chemo(?:therapy)?|arthritis|transplant|leuk(?:a)?emia|lymphoma|"
                               r"psoriasis)\s+"
                               r"(?:drugs?|medicines?|meds?|medications?|treatments?|tablets?|patients)\b|"
                               r"\b(?:for|treats?|treating|in)\s+(?:cancer|chemo|arthritis|transplants?|leuk(?:a)?emia|"
                               r"lymphoma|psoriasis)\b|\b(?:isn'?t|is)\s+(?:that|it|this)\s+(?:a\s+)?chemo\w*\b", re.I)
#: The checkpoint inhibitor stopped, held or restarted ("make stopping it mandatory", "hold the pembro", "can
#: oncology restart it?").
ICI_STOP_ASKED = re.compile(r"\b(?:stop\w*|discontinu\w*|withh[oe]ld\w*|hold(?:ing)?|interrupt\w*|paus\w*|"
                            r"restart\w*|resum\w*|rechalleng\w*|re-?start\w*)\b", re.I)
#: A statin and the heart it is taken for, in one message: "the doctor said stop the statin, but what about his heart?",
#: "shouldn't she stay on it to protect her heart?". Not the disease's heart ("does the statin myopathy affect the
#: heart?", "myocarditis").
STATIN_FOR_THE_HEART = re.compile(
    r"^(?=.*\b(?:statins?|\w+vastatin|atorva|simva|rosuva|prava|cholesterol)\b)"
    r"(?=.*\b(?:(?:his|her|my|their|the|your)\s+heart|heart\s+attacks?|strokes?|cardiovascular)\b)"
    r"(?=.*\b(?:keep\w*|stay\w*|continu\w*|without|protect\w*|what\s+about|stop\w*|off|risk\w*|need\w*)\b)"
    r"(?!.*\b(?:myocard\w*|involv\w*|inflam\w*|affect\w*|attack\s+the\s+heart|troponin|trop)\b)", re.S)
#: "how often does it actually work?", "how many people does rituximab help?": a frequency asked of an effect is the
#: response rate (not the schedule, "how often is it given?").
HOW_OFTEN_IT_WORKS = re.compile(r"\bhow\s+(?:often|frequently|many\s+(?:people|patients|pts))\b[^?.]{0,40}?"
                                r"\b(?:works?|working|helps?|helping|responds?|succeeds?|benefits?|get\s+better)\b")
#: The disease set beside another ("is IMNM the same as polymyositis?", "how is NAM different from dermatomyositis?",
#: "difference between IMNM and inclusion body myositis").
_THIS_DISEASE = r"(?:imnm|nam|necroti[sz]ing\s+(?:autoimmune\s+)?my\w+|immune[-\s]mediated\s+necroti[sz]ing\s+my\w+)"
DISEASE_COMPARED = re.compile(
    r"\b" + _THIS_DISEASE + r"\b[^?.]{0,25}?\b(?:the\s+same\s+(?:thing\s+|disease\s+|condition\s+)?as|same\s+as|"
    r"different\s+(?:from|to|than)|differ\s+from|a\s+(?:type|kind|form|subtype)\s+of)\s+(?!(?:the\s+)?(?:hmgcr|srp|"
    r"anti|seronegative|antibody))|\bdifference\s+between\s+" + _THIS_DISEASE + r"\s+and\s+(?!(?:anti|hmgcr|srp))")
#: An age at onset told ("I was 19 when it started", "onset at 22", "he was only 20 when it began").
AGE_AT_ONSET = re.compile(r"\b(?:was|were|aged?)\s+(?:only\s+|just\s+)?\d{1,2}\s+when\s+(?:it|this|the\s+\w+|i|he|she|"
                          r"they|my\s+\w+|his\s+\w+|her\s+\w+)\s+(?:\w+\s+)?(?:started|began|start|begin|came\s+on|"
                          r"was\s+diagnosed|got\s+it|first)|\bonset\s+(?:at|aged?)\s+(?:age\s+)?\d{1,2}\b|"
                          r"\bstarted\s+at\s+(?:age\s+)?\d{1,2}\b|"
                          # "our 14-year-old was diagnosed young", "it came on so young".
                          r"\b(?:diagnosed|started|began|came\s+on|onset)\s+(?:so\s+|very\s+|this\s+|that\s+)?young\b")
#: ...and judged: whether it makes the illness worse, or what it means for the outlook.
ONSET_AGE_JUDGED = re.compile(r"\b(?:worse|better|matter\w*|outlook|prognos\w*|differen\w*|affect\w*|mean\w*|"
                              r"harder|bad\s+sign|good\s+sign)\b")
#: How well a treatment works, compared ("does it work better in SRP?", "more effective in HMGCR pts?", "who responds
#: best?"): its response, not its mechanism ("how is it thought to work?").
WORKS_BETTER = re.compile(r"\b(?:thought\s+to\s+|likely\s+to\s+|going\s+to\s+|tend\s+to\s+)?"
                          r"(?:works?|working|respond\w*|helps?|does|do)\s+(?:any\s+|much\s+|even\s+|a\s+lot\s+|a\s+bit\s+)?(?:better|best)\b|"
                          r"\bmore\s+effective\b|\bbetter\s+(?:response|responders?|results?)\b")
#: Words of degree that sit inside a phrase without changing what it asks about ("so hard", "really working").
INTENSIFIER = re.compile(r" (?:so|very|really|actually|quite|too|even|that)(?= )")
#: How close a long word must be to a drug's name to be read as that drug misspelt (difflib's ratio).
MISSPELT_DRUG_RATIO = 0.85


@lru_cache(maxsize=4096)
def _misspelt_drug(word: str) -> str | None:
    names = _drug_names()
    # A plural misspelt compares with the name without its "s" ("steriods" is "steroid" mistyped, plural).
    close = difflib.get_close_matches(word, names, n=1, cutoff=MISSPELT_DRUG_RATIO) or (
        difflib.get_close_matches(word[:-1], names, n=1, cutoff=MISSPELT_DRUG_RATIO) if word.endswith("s") else [])
    return names[close[0]] if close else None


@lru_cache(maxsize=1)
def _drug_names() -> dict[str, str]:
    """The knowledge base's drug words of seven letters or more, each with its topic."""
    return {word: topic for topic in sorted(TREATMENT_TOPICS) for word in TOPIC_WORDS.get(topic, ())
            if len(word) >= 7 and word.isalpha()}


def split_sentences(text: str) -> list[str]:
    """The message's sentences (split after . ? ! ; or a line end), each keeping its mark."""
    return [part for part in re.split(r"(?<=[.?!;\n])\s+", text) if part.strip()]


def asks_something(text: str) -> bool:
    return any(QUESTION_SENTENCE.search(part) for part in split_sentences(text))


def question_focus(text: str) -> str:
    """The sentences that ask something, when a message also describes the patient
    ("58M, on pred 1 mg/kg. which steroid sparer first line?"); else the whole text."""
    sentences = split_sentences(text)
    asking = [part for part in sentences if QUESTION_SENTENCE.search(part)]
    if not asking or len(asking) == len(sentences):
        return text
    before = sentences.index(asking[0]) - 1
    if before >= 0 and len(asking) == 1 and BARE_QUESTION.fullmatch(asking[0].strip()):
        # "they said I need an antibiotic to stop a type of pneumonia. why?": a bare question asks of the sentence told
        # just before it.
        return f"{sentences[before]} {asking[0]}"
    if before >= 0 and INTENDED_CHANGE.search(sentences[before]) and set(topics_in(" ".join(asking))) <= {"pitfalls"}:
        # "She's keen to stop the MTX as well. What do the sources warn about?": the question is about that change.
        asking = [sentences[before], *asking]
    return " ".join(asking)


#: A question of a word or two that asks of what was just told ("why?", "how come?", "is that right?").
BARE_QUESTION = re.compile(r"(?:and\s+|but\s+|so\s+)?(?:why(?:\s+not)?|how\s+come|what\s+for|"
                           r"is\s+that\s+(?:right|true|normal|ok|okay)|really|how\s+so|why\s+is\s+that|why\s+so)"
                           r"\s*\?+", re.I)
#: A change to the treatment someone wants or plans: "keen to stop the MTX", "planning to taper", "wants to come off".
INTENDED_CHANGE = re.compile(
    r"\b(?:keen|wants?|wanting|wish\w*|hop(?:e|es|ing)|plan(?:s|ning)?|would\s+like|asking|thinking\s+(?:of|about)|"
    r"considering|going)\s+(?:to\s+)?(?:\w+\s+){0,2}?(?:stop|stopping|come\s+off|coming\s+off|taper|tapering|reduce|"
    r"reducing|switch|switching|start|starting|add|adding|restart|restarting|drop|dropping)\b", re.I)


#: A drug set aside: "avoid high-dose pred", "instead of methotrexate", "rather than steroids".
SET_ASIDE = re.compile(r"\b(?:avoid(?:ing)?|instead\s+of|rather\s+than|other\s+than|apart\s+from|without|"
                       r"keep\s+(?:her|him|them|me)\s+off|minimi[sz]e|cut\s+down\s+on|"
                       r"and\s+not\s+(?:just\s+)?|not\s+just)\s+"
                       r"(?:the\s+|his\s+|her\s+|(?:high|big|large|heavy)[-\s]dose\s+|long[-\s]term\s+|more\s+|"
                       r"(?:lots|a\s+lot|loads)\s+of\s+|(?:so|too)\s+much\s+|(?:high|big|large|heavy)\s+doses?\s+of\s+)*"
                       r"[\w-]+", re.I)
#: Wanting the steroid kept low or left out ("I'd like to avoid big-dose steroids in her", "instead of lots of
#: steroids"): what the sources give that can spare it, IVIG alone in anti-HMGCR disease among them.
AVOIDS_THE_STEROID = re.compile(r"\b(?:avoid(?:ing)?|instead\s+of|rather\s+than|without|minimi[sz]e|spare|sparing|"
                                r"keep\s+(?:her|him|them|me)?\s*off|less|fewer|cut\s+down\s+on)\b", re.I)
#: Two things set side by side ("differ between", "HMGCR vs SRP", "compared with").
COMPARES = re.compile(r"\b(?:differ\w*|difference|compar\w*|versus|vs\.?|contrast|between|same\s+for)\b", re.I)


#: A noun that points back at a described picture ("that overlap", "this combination", "that situation").
THAT_PICTURE = re.compile(r"\b(?:that|this|these|those|such\s+an?)\s+(?:overlap|combination|association|picture|"
                          r"situation|scenario|setting|presentation|constellation|kind\s+of\s+case)\b", re.I)
#: A dose told and then judged ("is it right?", "that sounds a LOT", "too much for a little girl?").
DOSE_JUDGED = re.compile(r"\b(?:right|correct|ok|okay|normal|usual|safe|too\s+(?:much|high|low|little)|a\s+lot|"
                         r"enough)\b", re.I)
TREATED = re.compile(r"\b(?:treat\w*|manag\w*|therap\w*|first[-\s]line|drugs?|medic\w*|regimen)\b", re.I)


#: The two subtypes set side by side in a question ("in SRP or HMGCR pts", "HMGCR versus SRP disease").
SUBTYPES_SIDE_BY_SIDE = re.compile(r"\b(?:anti-?)?(?:srp|hmgcr)\b[^?.]{0,25}?\b(?:or|vs\.?|versus|than|"
                                   r"compared\s+(?:with|to))\s+(?:in\s+|with\s+)?(?:the\s+)?(?:anti-?)?(?:srp|hmgcr)\b",
                                   re.I)
#: Youth or age named in a question ("so young", "younger patients", "at his age"; every `AGE_ASKED` is one).
YOUTH_NAMED = re.compile(r"\byoung\w*\b|\bage\b", re.I)
#: The patient's age asked about ("does his age change anything?", "him being so young").
AGE_ASKED = re.compile(r"\b(?:his|her|my|their|your|the\s+(?:patient|pt)'?s)\s+age\b|\bbeing\s+(?:so\s+)?young\b|"
                       r"\bso\s+young\b", re.I)
#: "Is that serious?", "how bad is it?": how grave this patient's illness is, when nothing else is asked.
SERIOUSNESS = re.compile(
    r"\b(?:is\s+(?:that|it|this)\s+(?:serious|bad|dangerous|grave)|how\s+(?:serious|bad|grave|dangerous)\b|"
    # "How worried should I be?", "should we be concerned?", "is that a bad sign?"
    r"how\s+(?:worried|concerned|anxious)|(?:should|do)\s+(?:i|we|you)\s+(?:be\s+)?(?:worried|concerned)|"
    r"(?:is|are)\s+(?:that|it|this|these|those|they)\s+(?:a\s+)?(?:bad|worrying|concerning|ominous|dangerous)\s*"
    r"(?:sign|thing|news)?\b)", re.I)


PLURAL_AGENTS = re.compile(r"\b(?:agents|drugs|options|medicines|medications|choices|alternatives)\b", re.I)


#: A steroid named by any of its words ("pred alone", "just steroids").
STEROID_NAMED = re.compile(r"\b(?:" + "|".join(map(re.escape, TOPIC_WORDS["steroids"])) + r")\w*", re.I)


#: The lung named as involved ("new ILD on HRCT", "given the lung involvement").
LUNG_NAMED = re.compile(r"\b(?:ild|interstitial|lungs?|pulmonary|nsip|uip|hrct)\b", re.I)


def sets_the_steroid_aside(text: str) -> bool:
    """Whether the message wants the steroid left out or kept low ("avoid big-dose steroids", "instead of lots of
    steroids"): then the steroid is the background, never the subject of a dose."""
    return any("steroids" in topics_in(match.group(0)) and AVOIDS_THE_STEROID.search(match.group(0))
               for match in SET_ASIDE.finditer(text))


#: Whether something suffices: "will stopping the statin be enough?", "is that sufficient on its own?".
ENOUGH = re.compile(r"\b(?:enough|sufficient|suffice|all\s+(?:that'?s\s+|that\s+is\s+)?(?:needed|required))\b", re.I)
#: A treatment asked for: "which treatment helps ...", "is there a regimen for ...", "what works for ...".
TREATMENT_OF_IT_ASKED = re.compile(r"\b(?:treat\w*|regimen|regime|therap\w*|helps?|works?|drugs?|medicines?|"
                                   r"medications?|agents?)\b", re.I)


def question_topics(text: str, patient_topics: tuple[str, ...] = ()) -> list[str]:
    """Topics of the asking part; if it only says what kind of answer ("what dose?", "what's the
    plan?"), the treatments named elsewhere in the message and this patient's facts (`patient_topics`,
    e.g. "severe") say about what."""
    asking = question_focus(text)
    focus = topics_in(asking)
    if not focus and CHANGES_THE_TREATMENT.search(asking):
        # "She has the SRP antibody in the blood test. Is this changing which medicine she will receive?": what the
        # fact told before changes is that subtype's own treatment, not the test that found it.
        focus = [topic for topic in topics_in(text) if topic in CONTEXT_TOPICS]
    if "steroid-sparing" in focus and PLURAL_AGENTS.search(asking) and "alternative" not in focus:
        focus.append("alternative")  # "what are the first-line steroid-sparing agents?": each of them
    if "monotherapy" in focus and set(focus) <= {"monotherapy", "steroids"} and STEROID_NAMED.search(asking) and not (
            set(topics_in(text)) & TREATMENT_TOPICS - {"steroids", "monotherapy"}):
        # "Can you treat IMNM with prednisolone alone?": whether the steroid needs a partner, which is the answer
        # (not when another drug is the one asked about: "he needs rituximab. Why is only the steroid not enough?").
        focus.append("steroid-sparing")
    if (NEXT_STEP.search(asking) and "refractory" not in focus
            and ("red-flags" in focus or {"refractory", "severe"} & set(patient_topics))):
        # "if he keeps going downhill on IV methylpred, what's next?", "restart pred or add something?" in a relapse:
        # what comes after the treatment given now, which is the background (the worsening is not a new question).
        given = tried_treatments(asking)
        focus = [topic for topic in focus if topic not in given and topic != "red-flags"] + ["refractory"]
    if "duration" in focus and "steroids" in focus and "relapse" not in focus:
        focus.append("relapse")  # "when can he come off the pred?": a steroid comes off by its taper
    if "ild" in focus and TREATMENT_OF_IT_ASKED.search(asking) and "extramuscular" not in focus:
        # "which treatment helps both the muscle and the lungs?": the lung disease's treatment, not its screening.
        focus = [topic for topic in focus if topic not in ("screening", "first-line")] + ["extramuscular"]
    if "refractory" in focus and LUNG_NAMED.search(asking):
        # "what would you escalate to given the lung involvement?": the extramuscular (lung) escalation, not screening.
        focus = [topic for topic in focus if topic not in ("screening", "ild", "extramuscular")] + ["extramuscular"]
    if "refractory" in focus and "first-line" in focus:
        focus.remove("first-line")  # "what happens if the first treatments don't work?": what comes after them
    # "Desperate to avoid high-dose pred - is there a single agent that could work on its own?": a drug named to
    # be avoided or replaced is the background, not what is asked, when something else is asked.
    background = {topic for match in SET_ASIDE.finditer(asking) for topic in topics_in(match.group(0))}
    # "... rather than azathioprine, and what supports each of them?": both are asked about after all.
    if set(focus) - background - GENERIC_TOPICS - CONTEXT_TOPICS and not re.search(r"\b(?:each\s+of\s+them|both)\b",
                                                                                     asking, re.I):
        focus = [topic for topic in focus if topic not in background]
    elif set(focus) <= background | GENERIC_TOPICS and sets_the_steroid_aside(asking):
        # "I'd really like to avoid big-dose steroids in her. Anything in the sources that supports that?": nothing is
        # asked but the steroid set aside, so what can spare it is.
        focus = ["monotherapy", "steroid-sparing"]
    elif focus and set(focus) <= background and re.search(r"\b(?:that|this|it)\b", asking, re.I):
        # "They want to give me rituximab ... Why that drug and not just more steroids?": "that drug" is the one
        # named before; the steroids are only the comparison.
        focus = [topic for topic in topics_in(text) if topic not in background] or focus
    if ({"hmgcr", "srp"} <= set(focus) and COMPARES.search(asking) and not set(focus) & TREATMENT_TOPICS
            and not set(focus) - {"hmgcr", "srp", "first-line", "dosing", "phenotype"} and TREATED.search(asking)):
        # "How does first-line management differ between anti-HMGCR and anti-SRP?", "what's the difference in
        # treatment between the SRP type and the HMGCR type?": what each subtype adds, not how they look.
        focus = [topic for topic in focus if topic != "phenotype"] + ["add-on"]
    if "add-on" in focus and not set(focus) & {"hmgcr", "srp", "seronegative"}:
        # "which agent early on?" for her: what is added early depends on the antibody, this patient's.
        focus += [topic for topic in patient_topics if topic in ("hmgcr", "srp", "seronegative")]
    if THAT_PICTURE.search(asking):
        # "... pembrolizumab, now has myocarditis and new ptosis. What do the sources say about prognosis with that
        # overlap?": the asking sentence's noun points back at what the message described.
        focus += [topic for topic in topics_in(text) if topic not in focus and topic not in DESCRIPTIVE_TOPICS]
    if set(focus) <= GENERIC_TOPICS:
        # Monitoring words in the description ("CK still 6000") report findings; they ask nothing,
        # and nor do teaching words in a case ("biopsy shows ...", "some facial weakness").
        described = [topic for topic in topics_in(text) if topic not in focus]
        if NEXT_STEP.search(asking) and {"refractory", "severe"} & set(patient_topics):
            # "3 mo pred + MTX, still weak. Next agent?": the treatments told are the ones that failed.
            described = [topic for topic in described if topic not in TREATMENT_TOPICS]
        # When the asking sentence names no topic at all ("does that mean they think I have it?"), the
        # sentence before it says what about.
        focus += [topic for topic in described
                  if asking == text or not focus or topic not in DESCRIPTIVE_TOPICS]
        focus += [topic for topic in patient_topics if topic not in focus]
        if {"severe", "refractory"} & set(patient_topics):  # "what's the plan?" for a severe patient
            focus = [topic for topic in focus if topic != "first-line"]
    if "checkpoint" in patient_topics and "checkpoint" not in focus and (
            ("severe" in focus and "refractory" not in focus)
            or ("refractory" in focus and "severe" in patient_topics)):
        # "And if it becomes life-threatening, what gets added?", or "if he gets worse despite the steroids, what
        # else?" for a severely ill patient on a checkpoint inhibitor: the checkpoint-inhibitor myositis entries
        # say what is added for that patient (glucocorticoid, IVIG and/or plasma exchange).
        focus.append("checkpoint")
    if "juvenile" in patient_topics and "juvenile" not in focus and AGE_ASKED.search(asking):
        # "does her age change anything?" for a 16-year-old: what the sources give for under-18s (the dose) as well.
        focus.append("juvenile")
    if SUBTYPES_SIDE_BY_SIDE.search(asking) and "subtypes" not in focus and set(focus) - ANTIBODY_TOPICS:
        # "does it work better in SRP or HMGCR pts?": what sets the subtypes apart is asked too.
        focus.append("subtypes")
    if "statin" in focus and ENOUGH.search(asking) and not set(focus) & (TREATMENT_TOPICS | {"monotherapy"}):
        # "Will stopping the statin be enough to sort it out?": what treats the disease beside stopping it.
        focus += [topic for topic in ("monotherapy", "first-line") if topic not in focus]
    if not focus and SERIOUSNESS.search(asking):
        focus = ["severe"]  # "is that serious?" and nothing told before it: how grave the illness is
    drugs_told = [topic for topic in topics_in(text) if topic in TREATMENT_TOPICS]
    if drugs_told and ANOTHER_USE_ASKED.search(asking) and not (CHECKPOINT_DRUG.search(text) or "checkpoint" in
                                                                  patient_topics):
        # "they've suggested rituximab. Isn't that a cancer drug?": why this disease's drug is used here, not cancer
        # immunotherapy or cancer screening.
        focus = drugs_told + [topic for topic in focus if topic not in ("checkpoint", "screening", *drugs_told)]
    if (ICI_STOP_ASKED.search(asking) and ("checkpoint" in focus or "checkpoint" in patient_topics)
            and not set(topics_in(asking)) & (TREATMENT_TOPICS | {"statin"})):
        # "oncology asking which features would make stopping it mandatory", "stop the pembro permanently?": whether
        # the checkpoint inhibitor is interrupted or stopped, not how long the myositis's own treatment lasts.
        focus = ["checkpoint"] + [topic for topic in focus if topic not in ("checkpoint", "duration", "damage")]
    if STATIN_FOR_THE_HEART.search(f" {text.lower()} "):
        # "The doctor said stop the statin. But what about his heart? Shouldn't he keep taking it?": the heart the
        # statin told in the sentence before protects.
        focus = _the_statin_not_the_heart(focus)
    return focus


INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def _written_word(pattern: re.Pattern[str], lowered: str) -> str:
    """The word or words the pattern found, as written up to the word's end; "" when not found."""
    match = pattern.search(lowered)
    return re.match(r"[\w-]+(?:\s[\w-]+)*?(?=\W|$)", lowered[match.start():])[0] if match else ""


def _once_each(words: list[str]) -> list[str]:
    """The words in order, one of each ("re-dose" and "redose" are one word)."""
    seen: dict[str, str] = {}
    for word in words:
        seen.setdefault(word.replace("-", ""), word)
    return list(seen.values())


def _gap_words_in(text: str, kb: KnowledgeBase) -> list[tuple[Gap, list[str]]]:
    patterns = derived(kb, "gap patterns", lambda: [(gap, [(word, _word_pattern(word)) for word in gap.words])
                                                    for gap in kb.gaps])
    lowered = f" {text.lower()} "
    # "co-enzyme Q10" is "coenzyme q10": a word is also looked for with the hyphens inside words taken out.
    unhyphenated = INNER_HYPHEN.sub("", lowered)
    found = []
    for gap, words in patterns:
        # Name the word as the asker wrote it ("vaccine", not the trigger "vaccin").
        asked = [word for _, pattern in words
                 if (word := _written_word(pattern, lowered) or _written_word(pattern, unhyphenated))]
        if asked:
            found.append((gap, _once_each(asked)))
    return found


def gaps_in(text: str, kb: KnowledgeBase) -> list[Gap]:
    """Questions in the text that the sources do not address (the knowledge base's `gaps`)."""
    return [gap for gap, _ in _gap_words_in(text, kb)]


def _silence(found: list[tuple[Gap, list[str]]], audience: Audience) -> str:
    """Says which asked-about topics the sources do not address, naming the words that showed it."""
    if audience is Audience.PATIENT:
        about = "; ".join(gap.about for gap, _ in found)
        return f"The sources I use do not address {about}. Please ask your care team about this."
    about = "; ".join(f"{gap.about} (asked: {', '.join(words)})" for gap, words in found)
    return (f"The five source texts do not address {about}, so I cannot answer that from them; "
            "check a drug reference or your local protocol.")


def _asking_part(text: str) -> str:
    """The sentences that ask ("Is it safe for me to keep driving?"), not the story before them."""
    asking = [part for part in split_sentences(text) if "?" in part] or [text]
    return " ".join(asking)


def not_addressed(text: str, audience: Audience) -> str:
    """For an IMNM question that no knowledge entry or known gap matches: say so, never guess."""
    asked = " ".join(_asking_part(text).split())
    asked = asked if len(asked) <= 90 else asked[:87].rstrip() + "..."
    if audience is Audience.PATIENT:
        return (f'The sources I use do not address that question ("{asked}"). Please ask your care team '
                "about it. I can explain the usual treatments, tests and what to report to your team.")
    return (f'As far as I can find, the five source texts do not address this question (asked: "{asked}"), so I '
            "cannot answer it from them. I can answer questions on IMNM treatment, doses, monitoring, prognosis and "
            "pitfalls, or give a plan if you describe the patient.")


def _topic_weights(kb: KnowledgeBase) -> dict[str, float]:
    """Rarer topics say more about what was asked ("bone" beats "steroids"): inverse frequency."""
    counts: dict[str, int] = {}
    for entry in kb.entries:
        for topic in set(entry.topics):
            counts[topic] = counts.get(topic, 0) + 1
    return {topic: 1.0 + math.log(len(kb.entries) / n) for topic, n in counts.items()}


#: A question about what a fact changes in the treatment ("does this change the treatment?").
CHANGES_THE_TREATMENT = re.compile(
    r"\b(?:chang\w*|affect\w*|alter\w*)\s+(?:the\s+|her\s+|his\s+|my\s+|their\s+|which\s+|what\s+)?"
    r"(?:treatment|medicines?|medications?|drugs?|plan|therapy)\b", re.I)
#: Topics that say which patients, not what to do: with another topic named ("refractory HMGCR,
#: options?") they only break ties between entries about that topic.
CONTEXT_TOPICS = frozenset({"hmgcr", "srp", "seronegative", "measures"})
#: The antibody subtypes as topics: a question naming one asks about that subtype, whoever the patient is.
ANTIBODY_TOPICS = frozenset({"hmgcr", "srp", "seronegative"})
TREATMENT_TOPICS = frozenset({"steroids", "methylprednisolone", "methotrexate", "azathioprine", "mycophenolate",
                              "ivig", "rituximab", "tacrolimus", "cyclophosphamide", "plasma-exchange"})
#: Stopping one of this disease's treatments ("can we stop the MTX?", "when can she come off the pred?"): how
#: long it is given. Built from the treatments' own words; "stop it" and "stop his cancer treatment" are not.
STOPPING_A_TREATMENT = re.compile(
    r"\b(?:stop(?:ping)?|come\s+off|coming\s+off|discontinu\w*|wean(?:ing)?\s+off)\s+(?:the\s+|his\s+|her\s+|my\s+|their\s+)?"
    r"(?:" + "|".join(re.escape(word) for topic in sorted(TREATMENT_TOPICS) for word in TOPIC_WORDS[topic]) + r")s?\b",
    re.I)
#: "despite pred + mtx + ivig", "failed rituximab", "no response to IVIG": treatments already tried.
ALREADY_TRIED = re.compile(
    r"\b(?:despite|fail(?:ed|ing)?(?:\s+on)?|tried|already\s+on|been\s+on|(?:pt|patient|currently|still)\s+on|"
    r"beyond|apart\s+from|besides|aside\s+from|"
    r"no\s+response\s+to|not\s+responding\s+to|"
    r"refractory\s+to|resistant\s+to)\b([^.?!;]*)", re.I)


TRIED_CLAUSE_END = re.compile(r"\s[—–-]\s|\b(?:what|which|how|should|would|could|can|and\s+now)\b", re.I)
#: Asking what to do next: then the treatments the patient is on are not the answer either.
NEXT_STEP = re.compile(
    r"\bnext\s+(?:step|agent|drug|option|line|treatment|move)|\bwhat\s+(?:now|next|else|do\s+(?:we|i|you)\s+do|"
    r"would\s+you\s+(?:add|do)|to\s+add)\b|\bescalat|\badd\s+(?:now|next)\b|\bnow\s+what\b|"
    # "what's next?", "restart pred or add something?": what comes after what is given now.
    r"\bwhat(?:'|’)?s\s+next\b|\bwhat\s+is\s+next\b|"
    r"\badd\s+(?:something|anything|another|a\s+second|in\s+something)\b", re.I)
ON_TREATMENT = re.compile(r"(?<![\w-])on\s+([^.?!;]*)", re.I)


#: "escalate from prednisone plus methotrexate to IVIG or rituximab": what is given now sits between
#: "from" and "to".
ESCALATE_FROM = re.compile(r"\bescalat\w*\b[^.?!;]*?\bfrom\b([^.?!;]*?)\bto\b", re.I)


def tried_treatments(text: str) -> set[str]:
    """Treatments the question says were already given without success, and, when it asks what
    to do next, the ones the patient is on ("relapse on taper, on MTX 20 weekly: what now?")."""
    next_step = bool(NEXT_STEP.search(text))
    # "On a ward round: ..." is not a treatment: only "on <treatment> ..." counts.
    on_treatment = [clause for clause in ON_TREATMENT.findall(text) if set(topics_in(clause[:25])) & TREATMENT_TOPICS]
    # "has failed prednisone plus methotrexate - what IVIG dose?": the failed treatments end where the question starts.
    failed = [TRIED_CLAUSE_END.split(clause)[0] for clause in ALREADY_TRIED.findall(text)]
    clauses = failed + (on_treatment if next_step else []) + ESCALATE_FROM.findall(text)
    tried = {topic for clause in clauses for topic in topics_in(clause) if topic in TREATMENT_TOPICS}
    if next_step and "relapse" in topics_in(text):  # a relapse on taper: the steroid is in use
        tried.add("steroids")
    return tried


def _asked_topics(topics: list[str]) -> list[str]:
    """The topics that choose entries: not "dose" (it says what kind of answer is wanted and only
    breaks ties), and not the subtype unless nothing else was asked."""
    return [topic for topic in topics if topic not in CONTEXT_TOPICS and topic != "dosing"] or [
        topic for topic in topics if topic != "dosing"]


def _score(entry: Entry, topics: list[str], weights: dict[str, float]) -> float:
    asked = _asked_topics(topics)
    context = [topic for topic in topics if topic in CONTEXT_TOPICS and topic not in asked]
    score = sum(weights.get(topic, 1.0) for topic in asked if topic in entry.topics)
    if score:
        score += 0.5 * sum(1 for topic in context if topic in entry.topics)
    if score and "dosing" in topics and entry.dose is not None:
        score += 1.0
    return score


#: How much the question's wording (imnm/dialogue/similarity.py) adds to a topic match: enough to order
#: entries that share the asked topics, not enough to outvote a topic.
LEXICAL_WEIGHT = 3.0
#: A question no topic word matched is answered from the entries closest in wording, when this close.
LEXICAL_FLOOR = 0.25
LEXICAL_LIMIT = 2


#: How often an event told before happens ("the sources' view on how often this happens?"), not how often a
#: drug is given: "this" is the event.
EVENT_RATE_WORDS = (r"\bhow\s+(?:often|frequently|commonly)\s+(?:does\s+|do\s+|will\s+)?(?:this|that|it|they)\s+"
                    r"(?:happens?|occurs?|recurs?|relapses?|comes?\s+back)\b|"
                    # "Is this common?", "is that usual?" asked alone, of what was just told.
                    r"\bis\s+(?:this|that)\s+(?:very\s+|really\s+)?(?:common|usual|normal|typical|expected|rare)\s*\?|"
                    # "Does this happen to a lot of people?", "how common is that?"
                    r"\b(?:does|do|will|would)\s+(?:this|that|it)\s+happen\s+(?:to|in|with)\s+(?:a\s+lot\s+of|lots\s+of|many|"
                    r"most|other|a\s+lot)\b(?:\s+(?:people|patients|others|of\s+them|of\s+people|of\s+patients))?|"
                    r"\bhow\s+(?:common|usual|likely)\s+is\s+(?:this|that|it)\b")
EVENT_RATE = re.compile(EVENT_RATE_WORDS, re.I)
#: The blood level a drug is dosed to, asked for.
LEVEL_ASKED = re.compile(
    r"\b(?:blood\s+)?levels?\b[^?]*\b(?:aim\w*|target\w*|number|range|should\s+(?:it|they)\s+be)\b|"
    r"\b(?:target|trough)\s+(?:level|range)\b", re.I)
#: A question asking how many, how often or how likely: answered by entries that state a proportion.
ASKS_A_RATE = re.compile(
    r"\bhow\s+(?:often|frequently|commonly)\s+(?:do|does|is|are|will|did)\s+(?!(?:i|we|you|u)\b)"
    r"(?![^?.]*\b(?:given|taken|checked|repeated|measured|infused|dosed|monitored|tested|done)\b)|"
    r"\bhow\s+(?:common|rare|likely)\b|"
    r"(?:" + EVENT_RATE_WORDS + r")|"
    r"\bhow\s+many\s+(?:\w+\s+){0,3}?(?:patients|pts|people|cases|of\s+them|end\s+up|go\s+on|respond|relapse)|"
    r"\bwhat\s+(?:proportion|percentage|percent|fraction|share)\b|\bwhat\s+are\s+the\s+(?:chances|odds)\b|"
    # "whats the chance it comes back when they lower my tablets", "what's the risk she relapses".
    r"\bwhat(?:'?s|\s+is|\s+are)\s+(?:the\s+|my\s+|his\s+|her\s+)?(?:chances?|odds|likelihood|risk)\s+"
    r"(?:it|that|this|she|he|they|i|of)\b|"
    r"\b(?:chances?|odds)\s+(?:of|that)\b|\b(?:relapse|response|remission|success)\s+rates?\b|"
    r"\b(?:incidence|prevalence|percentage)\b|%\s+of\b|"
    # "what often happens when we taper?": what usually follows, a rate in other words.
    r"\bwhat\s+(?:often|usually|typically|commonly|normally)\s+happens\b|"
    # "is it normal for my weakness to come back when my steroids are reduced?": how usual, a rate.
    r"\bis\s+(?:it|this|that)\s+(?:normal|common|usual|typical|expected)\s+(?:for|to|that)\b|"
    # "will it come back when they lower his medicines?": whether it will happen is how likely it is.
    r"\b(?:will|would|could|might|does|is)\s+(?:it|this|the\s+(?:illness|disease|condition|weakness|myositis))\s+"
    r"(?:\w+\s+)?(?:come\s+back|return|recur|relapse|flare)", re.I)
#: A statement that carries a proportion ("about 55%", "a third of patients", "90% need two or more").
STATES_A_RATE = re.compile(r"\d+(?:\.\d+)?\s*%|\b(?:a|one|two)[-\s]thirds?\b|\bhalf\b|\bmajority\b|"
                           r"\b\d+\s+(?:of|in|out\s+of)\s+\d+\b", re.I)


def retrieve(text: str, kb: KnowledgeBase, limit: int = MAX_ENTRIES, patient_topics: tuple[str, ...] = (),
             plan_ids: frozenset[str] = frozenset(), facts: PatientFacts | None = None) -> list[Entry]:
    """Entries best matching the question's topics, most specific first; empty if none match.
    `plan_ids`: the steps of this patient's plan, which a follow-up ("what is his dose?") is about first;
    `facts`: this patient's, so that advice for patients unlike them is never chosen."""
    topics = question_topics(text, patient_topics)
    focus = question_focus(text)
    asked = set(topics_in(focus))
    unlike = {entry.id for entry in kb.entries
              if (contradicts(entry, facts) and not asked & ANTIBODY_TOPICS & set(entry.topics)
                  and not _age_itself_asked(entry, focus))
              or for_another_severity(entry, facts, asked, agents_at_severity(kb, facts))
              } if facts is not None else set()
    closeness = {key: value for key, value in similarities(focus, kb).items() if key not in unlike}
    # The sentence asking a rate: the focus, or another question in the message ("can I just stop my tablets?
    # what are the chances it comes back?").
    rate_question = next((part for part in split_sentences(focus) if ASKS_A_RATE.search(part)), None) or next(
        (part for part in split_sentences(text) if "?" in part and ASKS_A_RATE.search(part)), None)
    rates = ({entry.id for entry in kb.entries if STATES_A_RATE.search(entry.statement)}
             if rate_question else set())
    rate_topics = set(topics_in(rate_question or ""))
    named_drugs = rate_topics & TREATMENT_TOPICS
    if named_drugs and "response" in rate_topics:  # "the response rate to IVIG": that drug's, never another's
        rates = {key for key in rates if named_drugs & set(kb.entry(key).topics)}
    rate_entries = rates - unlike
    if rate_entries:
        # "how often do they relapse?", asked with a patient in the conversation, is a question about patients
        # in general: the entry that states the proportion comes first, not this patient's plan steps.
        wording = similarities(rate_question, kb, every_word=True)
        # The rate's own topic counts with its wording ("the chances it comes back" is a relapse rate).
        # "... might come back when my steroids are reduced. How often does that happen?": a rate that points back
        # takes its topic from the message around it.
        asked = set(topics_in(rate_question)) or set(topics_in(text)) - GENERIC_TOPICS
        return _rate_first(_retrieve_by_topics(text, kb, limit, topics, focus, unlike, closeness, frozenset()),
                           {key: wording[key] + (RATE_FLOOR if asked & set(kb.entry(key).topics) else 0.0)
                            # In the knowledge base's order: a tie in wording goes the same way in every process (a
                            # set's order changes with the interpreter's hash seed, and with it the answer).
                            for key in (entry.id for entry in kb.entries if entry.id in rate_entries)}, kb, limit)
    # "Is there anything else left to try?" for a patient who has had IVIG and rituximab: what is left.
    given = frozenset(AGENT_TOPICS.get(t.value, t.value) for t in facts.treatments_tried) if (
        facts is not None and "refractory" in topics) else frozenset()
    chosen = _retrieve_by_topics(text, kb, limit, topics, focus, unlike, closeness, plan_ids,
                                 age_unknown=facts is None or facts.is_juvenile is None, given=given,
                                 juvenile=facts is not None and facts.is_juvenile is True)
    # "of those, which one has the ~62% response figure?": the entries that state that figure lead.
    figures = [float(value) for value in PERCENT.findall(focus)]
    if not figures:
        return chosen
    stating = [entry for entry in kb.entries if entry.id not in unlike and any(
        abs(float(value) - figure) < 1 for figure in figures for value in PERCENT.findall(entry.statement))]
    if not stating:
        return chosen
    return (stating + [entry for entry in chosen if entry not in stating])[:max(limit, len(chosen))]


RATE_FLOOR = 0.1
#: A percentage, in a question ("which one has the ~62% response figure?") and in an entry's statement.
PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*(?:%|per\s*cent\b)", re.I)


def _rate_first(chosen: list[Entry], wording: dict[str, float], kb: KnowledgeBase, limit: int) -> list[Entry]:
    """The entry stating a proportion that is closest in wording to the question leads, then what the topics
    chose (the proportion entries among them first)."""
    best = max(wording, key=wording.get, default=None)
    stated = [kb.entry(best)] if best is not None and wording[best] >= RATE_FLOOR else []
    stated += [entry for entry in chosen if entry.id in wording and entry not in stated]
    return (stated + [entry for entry in chosen if entry not in stated])[:limit]


#: How much an entry written only for under-18s counts when the age is unknown and the question is not about
#: children ("and the methotrexate alongside it?" for a 65 kg patient of no stated age): after the general entry.
JUVENILE_ONLY_WHEN_AGE_UNKNOWN = 0.5
JUVENILE_FIRST = 2.0


def _retrieve_by_topics(text: str, kb: KnowledgeBase, limit: int, topics: list[str], focus: str, unlike: set[str],
                        closeness: dict[str, float], plan_ids: frozenset[str], age_unknown: bool = False,
                        given: frozenset[str] = frozenset(), juvenile: bool = False) -> list[Entry]:
    if not topics:
        return _closest_in_wording(closeness, kb)
    candidates = [entry for entry in kb.entries if entry.id not in unlike]
    tried = tried_treatments(text) | given
    if tried and set(topics) - tried - CONTEXT_TOPICS:
        # "Refractory despite MTX and IVIG, options?" asks what comes next, not about MTX or IVIG.
        topics = [topic for topic in topics if topic not in tried]
        candidates = [entry for entry in candidates if not tried & set(entry.topics)] or candidates
    weights = derived(kb, "topic weights", lambda: _topic_weights(kb))
    scored = [(entry, _score(entry, topics, weights)) for entry in candidates]
    scored = [(entry, score + 1.0 if score and entry.id in plan_ids else score) for entry, score in scored]
    scored = [(entry, score + LEXICAL_WEIGHT * closeness[entry.id] if score else 0.0) for entry, score in scored]
    if age_unknown and "juvenile" not in topics:
        # Only treatment steps (a drug or a dose); what the sources say of young patients stays where it was.
        scored = [(entry, score * JUVENILE_ONLY_WHEN_AGE_UNKNOWN
                   if not _fits_age(entry, None) and (entry.agent or entry.dose) else score) for entry, score in scored]
    if juvenile:
        # A child's question ("when do we start coming down on it?") is answered by the entry written for children
        # first, where one matches: it says what the general one does not (the taper after 2-4 weeks).
        scored = [(entry, score * JUVENILE_FIRST if score and not _fits_age(entry, False) else score)
                  for entry, score in scored]
    matching = sorted(((entry, score) for entry, score in scored if score > 0), key=lambda pair: -pair[1])
    if not matching:
        return _closest_in_wording(closeness, kb)
    chosen = _cover_each_topic(matching, topics, weights, limit, plan_ids)
    # A word only one or two entries use ("is MRI useful, or only CK and strength?") gets its entry too.
    extra = [entry_id for entry_id in entry_index(kb).rare_words_uncovered(focus, [entry.id for entry in chosen])
             if entry_id not in unlike and not _for_checkpoint_myositis_unasked(kb.entry(entry_id), topics)]
    return chosen + [kb.entry(entry_id) for entry_id in extra[:max(0, limit + 1 - len(chosen))]]


def _for_checkpoint_myositis_unasked(entry: Entry, topics: list[str]) -> bool:
    """An entry only for checkpoint-inhibitor myositis, in a question that names no checkpoint inhibitor: a
    shared rare word is no reason to add it ("I'm on methotrexate ... is once a week right?")."""
    return bool(entry.when and entry.when.ici) and not CHECKPOINT_TOPICS & set(topics)


CHECKPOINT_TOPICS = frozenset({"checkpoint", "immunotherapy", "ici"})


def _closest_in_wording(closeness: dict[str, float], kb: KnowledgeBase) -> list[Entry]:
    """No topic word matched: the entries whose own words the question uses, if any are close enough."""
    ranked = sorted(closeness.items(), key=lambda pair: -pair[1])
    if not ranked or ranked[0][1] < LEXICAL_FLOOR:
        return []
    best = ranked[0][1]
    return [kb.entry(entry_id) for entry_id, value in ranked[:LEXICAL_LIMIT] if value >= best * 0.75]


def _cover_each_topic(scored: list[tuple[Entry, float]], topics: list[str], weights: dict[str, float], limit: int,
                      plan_ids: frozenset[str] = frozenset()) -> list[Entry]:
    """Best entries first (`scored` is sorted, best first), but every topic asked about gets at least
    one ("a second agent, or prednisolone alone?" must reach the steroid-sparing entries even when
    steroid entries tie; "SRP vs HMGCR?" reaches an entry of each, not only the one naming both)."""
    core = _asked_topics(topics)
    best = scored[0][1]
    matching = [entry for entry, _ in scored]
    chosen = [entry for entry, score in scored if score >= best * 0.6][:limit]
    for topic in sorted(core, key=lambda topic: -weights.get(topic, 1.0)):
        # With a plan in place, a topic is covered by the plan's own step when it has one ("his dose").
        in_plan = [entry for entry in matching if topic in entry.topics and entry.id in plan_ids]
        covering = in_plan or chosen
        if any(topic in entry.topics for entry in chosen if entry in covering):
            continue
        candidates = in_plan or [entry for entry in matching if topic in entry.topics and entry not in chosen]
        # Prefer an entry about this topic alone ("anti-SRP: rituximab" over the entry naming every subtype).
        focused = [entry for entry in candidates if not set(core) - {topic} & set(entry.topics)]
        pick = (focused or candidates or [None])[0]
        if pick is None:
            continue
        if len(chosen) >= limit:
            spare = next((entry for entry in reversed(chosen) if _redundant(entry, chosen, core)), None)
            if spare is None:
                continue
            chosen.remove(spare)
        chosen.append(pick)
    return sorted(chosen, key=matching.index)


def _redundant(entry: Entry, chosen: list[Entry], core: list[str]) -> bool:
    """Every asked topic this entry covers is also covered by another chosen entry."""
    others = [other for other in chosen if other is not entry]
    return all(any(topic in other.topics for other in others) for topic in core if topic in entry.topics)


def _worked_doses(plan: Recommendation | None, entries: list[Entry] = (),
                  asked_drugs: frozenset[str] = frozenset()) -> dict[str, ComputedDose]:
    """Each step's dose for this patient. With a complete plan, its steps' doses. Before the plan is
    complete, a dose asked about is still worked out from the known weight: the missing facts choose
    which steps there are, not an entry's dose, except the age below the weight where it changes the
    steroid dose (then nothing is worked out) and an entry written for the other age band. The dose of a drug the
    question names (`asked_drugs`, "what IVIG dose for her?") is worked out even before the facts that decide
    whether the plan has that step are known, when no entry of it would be otherwise: the entry says when it is
    used."""
    worked = _worked_for_known_facts(plan, entries)
    asked_drugs = asked_drugs - {topic for entry in entries if entry.id in worked for topic in entry.topics}
    return {**worked, **_worked_for_known_facts(plan, entries, asked_drugs)} if asked_drugs else worked


def _worked_for_known_facts(plan: Recommendation | None, entries: list[Entry] = (),
                            asked_drugs: frozenset[str] = frozenset()) -> dict[str, ComputedDose]:
    if plan is None:
        return {}
    doses = {item.entry_id: item.dose for item in plan.items if item.dose is not None and item.dose.low is not None}
    if plan.complete:
        if not asked_drugs:
            return doses
        # "if he goes downhill and needs IV steroid, how much methylpred for his weight?": a drug outside the plan,
        # asked by name, is worked out for this patient too.
        entries = [entry for entry in entries if set(entry.topics) & asked_drugs and entry.id not in doses]
    facts = plan.facts
    if facts.weight_kg is None:
        return {}
    age_awaited = any(fact.name == "age_years" and fact.ask_first for fact in plan.missing)
    worked: dict[str, ComputedDose] = {}
    for entry in entries:
        if entry.dose is None or entry.dose.basis == "target" or not _fits_age(entry, facts.is_juvenile):
            continue
        if age_awaited and (entry.when is not None and entry.when.age_band or _depends_on_age(entry, facts.weight_kg)):
            continue  # the age the bot is asking for would change this dose (the steroid's)
        severities = set(entry.when.severity or ()) if entry.when is not None else set()
        if set(entry.topics) & asked_drugs:
            severities = set()
        if severities and (facts.severity not in severities if facts.severity is not None
                           else severities == {Severity.SEVERE}):
            continue  # a treatment only severe disease gets (an IV pulse) is worked out once that is known
        if entry.when is not None and entry.when.refractory and not facts.refractory and not set(
                entry.topics) & asked_drugs:
            continue  # an escalation is worked out for a patient whose course calls for it
        if entry.dose.adult_only and facts.is_juvenile is None and facts.audience is Audience.PATIENT:
            continue  # for a patient, an adult-only dose waits for the age (the sources give no paediatric dose)
        dose = doses.get(entry.id) or compute_dose(entry.dose, facts.weight_kg, facts.is_juvenile)
        if dose.low is not None:
            worked[entry.id] = dose
    return {**doses, **worked} if plan.complete else worked


def _depends_on_age(entry: Entry, weight_kg: float) -> bool:
    """Whether this weight's dose differs for a child and an adult (IVIG's 2 g/kg does not)."""
    child, adult = compute_dose(entry.dose, weight_kg, True), compute_dose(entry.dose, weight_kg, False)
    return (child.low, child.high) != (adult.low, adult.high)


def provisional_dose_label(plan: Recommendation, audience: Audience) -> str:
    """Says that a dose was worked out before the plan is complete, and what is still missing."""
    if audience is Audience.PATIENT:
        return "A first answer, before all the test results are back.\n"
    missing = [MISSING_CHANGES[fact.name][0] if fact.name in MISSING_CHANGES else fact.name
               for fact in plan.missing if fact.blocking]
    return (f"**Provisional plan** - still missing: {', '.join(missing)}. The dose below is worked out for the "
            "weight given; the missing facts decide which steps the plan has, not this dose.\n")


DEPENDS_ON_THE_ANTIBODY = (
    "The antibody result is not known yet, and this depends on it: what the sources give for each antibody.",
    "This depends on the antibody test result, which is not back yet. What the sources say for each type:")


def _a_case(facts: PatientFacts) -> bool:
    """Whether the conversation is about a particular patient (a general question has none of these)."""
    return (facts.severity is not None or facts.weight_kg is not None or facts.age_years is not None
            or bool(facts.red_flags) or facts.statin is not StatinExposure.UNKNOWN)


def _for_a_known_antibody_only(entry: Entry) -> bool:
    """An in-plan entry written for particular antibodies, not for a patient whose result is unknown."""
    when = entry.when
    return bool(entry.in_plan and when is not None and when.antibody and Antibody.UNKNOWN not in when.antibody)


def contradicts(entry: Entry, facts: PatientFacts) -> bool:
    """An entry written for patients this one is known not to be (another antibody, statin history or
    age band): never shown as if it were about them."""
    when = entry.when
    if when is None:
        return False
    if when.antibody and facts.antibody is not Antibody.UNKNOWN and facts.antibody not in when.antibody:
        # Evidence for another antibody's disease too ("only a third improved on rituximab in anti-HMGCR disease" is
        # not this anti-SRP patient's response rate).
        return True
    if not entry.in_plan:  # teaching and prognosis entries are about patients in general
        return False
    if when.statin and facts.statin is not StatinExposure.UNKNOWN and facts.statin not in when.statin:
        return True
    return not _fits_age(entry, facts.is_juvenile) if facts.is_juvenile is not None else False


def _age_itself_asked(entry: Entry, focus: str) -> bool:
    """What the sources say of age itself ("young onset is a poor prognostic factor", no cut-off given), asked about
    ("does being 23 matter?"): an adult's question too. The age band of a treatment step stays whom its dose is for."""
    return (entry.agent is None and entry.dose is None and entry.when is not None and bool(entry.when.age_band)
            and bool(YOUTH_NAMED.search(focus) or AGE_AT_ONSET.search(focus.lower())))


#: Topics that name an entry's own matter rather than a kind of patient: asked, the entry is answered whatever the
#: severity it is written for.
OWN_MATTER_TOPICS = frozenset({"admission", "plasma-exchange"})


def agents_at_severity(kb: KnowledgeBase, facts: PatientFacts) -> frozenset[str]:
    """The agents some plan entry gives at this patient's severity (all severities when it is unknown)."""
    return frozenset(entry.agent for entry in kb.entries if entry.in_plan and entry.agent and entry.when is not None
                     and (facts.severity is None or not entry.when.severity or facts.severity in entry.when.severity))


def for_another_severity(entry: Entry, facts: PatientFacts | None, asked: set[str],
                         own_agents: frozenset[str] = frozenset()) -> bool:
    """An in-plan entry for another severity ("what should be added?" for moderate disease is not answered with
    the severe combination), unless the question names its drug ("should he get an IV pulse first?": the entry
    says when it is given)."""
    when = entry.when
    if facts is None or when is None or not entry.in_plan or facts.severity is None:
        return False
    # "none_of: [{severity: [severe]}]": written for every severity but this one.
    excluded = any(branch.severity and facts.severity in branch.severity for branch in when.none_of or ())
    # Unless the question names what the entry is about: its drug, or its own matter ("would I be admitted?").
    # The drug is the entry's own agent: "will she be on steroids forever?" for a moderate patient does not name the
    # severe-disease IV pulse (whose topics include steroids); "an IV pulse first?" does.
    # Nor one whose drug this patient's own severity gives by another entry ("oral prednisone after the IV pulse").
    drugs = ({AGENT_TOPICS.get(entry.agent, entry.agent)} if entry.agent not in own_agents else set()) if entry.agent \
        else set(entry.topics) & TREATMENT_TOPICS
    return ((bool(when.severity) and facts.severity not in when.severity) or excluded) and not (
        asked & drugs or asked & set(entry.topics) & OWN_MATTER_TOPICS)


def _fits_age(entry: Entry, juvenile: bool | None) -> bool:
    """Whether an entry written for one age band ("juvenile prednisone") applies to this patient."""
    bands = entry.when.age_band if entry.when is not None else None
    if not bands:
        return True
    if juvenile is None:
        return AgeBand.ADULT in bands
    return (AgeBand.JUVENILE if juvenile else AgeBand.ADULT) in bands


#: The entry that says the refractory options are alternatives ("add one option"); its options follow it.
OPTIONS_LEAD = "refractory.add_on"


def with_every_option(entries: list[Entry], kb: KnowledgeBase, given: frozenset[str] = frozenset()) -> list[Entry]:
    """An answer that says "the options below are alternatives" lists every option the sources give, not the two or
    three that shared words with the question ("how should we escalate?" without the calcineurin inhibitors would be
    a list that is not the sources'), less those already `given`. The options are the knowledge base's refractory
    steps with an agent, added after the last one the answer has; nothing is taken out or reordered."""
    options = [entry for entry in kb.entries if entry.id.startswith("refractory.") and entry.id != OPTIONS_LEAD
               and entry.in_plan and entry.agent and entry.section is Section.ESCALATION]
    present = [index for index, entry in enumerate(entries) if entry in options]
    if not any(entry.id == OPTIONS_LEAD for entry in entries) or not present:
        return entries
    missing = [entry for entry in options if entry not in entries and entry.agent not in given]
    return [*entries[:present[-1] + 1], *missing, *entries[present[-1] + 1:]]


def preferred_first(entries: list[Entry]) -> list[Entry]:
    """The entries with each alternative moved after the preferred step of its section, when that is among them
    ("which steroid sparer should I use?": methotrexate, then azathioprine and mycophenolate for when it cannot
    be used). Nothing else moves; a question naming a drug or asking for an alternative keeps retrieval's order."""
    leads = {entry.section for entry in entries if not entry.alternative}
    ordered: list[Entry] = []
    waiting: dict[Section, list[Entry]] = {}
    for entry in entries:
        if entry.alternative and entry.section in leads and not any(
                other.section is entry.section and not other.alternative for other in ordered):
            waiting.setdefault(entry.section, []).append(entry)
            continue
        ordered.append(entry)
        if not entry.alternative:
            ordered.extend(waiting.pop(entry.section, []))
    return ordered + [entry for rest in waiting.values() for entry in rest]


def answer_with_entries(entry_ids: Sequence[str], plan: Recommendation | None, audience: Audience,
                        kb: KnowledgeBase) -> str:
    """The named entries as an answer, each dose worked out for this patient where the facts allow."""
    entries = [kb.entry(entry_id) for entry_id in entry_ids]
    return render_entries(entries, audience, kb, _worked_doses(plan, entries))


def render_entries(entries: list[Entry], audience: Audience, kb: KnowledgeBase,
                   doses: dict[str, ComputedDose] | None = None, dose_asked: bool = False,
                   dose_for: str = "this patient") -> str:
    """Entries as an answer. A patient sees each entry's plain words, and the usual dose (worked out for
    the weight given) only when they asked about a dose."""
    if audience is Audience.PATIENT:
        lines = [f"- {entry.plain}{_plain_dose(entry, (doses or {}).get(entry.id)) if dose_asked else ''}"
                 for entry in entries]
        lines.append(PATIENT_DOSE_CLOSING if dose_asked and any(entry.dose for entry in entries) else
                     "Your care team can tell you what this means for you.")
        return "\n".join(lines)
    numbers = CitationNumbers()
    lines = []
    for entry in entries:
        dose = f" Dose as the sources give it: {entry.dose.text}." if entry.dose else ""
        worked = (doses or {}).get(entry.id)
        if worked is not None:
            dose += f" For {dose_for}: **{worked.amount_text}** ({worked.working})."
            if worked.warning:
                dose += f" **Check dose:** {worked.warning}"
        line = f"- **{entry.title}**: {entry.statement_for()}{dose} {numbers.cite(entry.citations)}"
        if entry.evidence is not Evidence.PRIMARY or entry.caveat:
            line += f" _Evidence: {entry.evidence.value}. {entry.caveat or ''}_".rstrip()
        lines.append(line)
        if audience is Audience.TRAINEE:
            lines.append(f"  Why: {entry.rationale} ({EVIDENCE_WORDS[entry.evidence]})")
    refs = "; ".join(f"[{n}] {kb.reference_text(ref)}" for n, ref in enumerate(numbers.order, 1))
    lines.append(f"**Sources:** {refs}")
    return "\n".join(lines)


def _alternatives(recommendation: Recommendation | None, kb: KnowledgeBase, audience: Audience,
                  known: Recommendation | None = None, asked_about: Sequence[str] = ()) -> str:
    """The steroid-sparing alternatives to methotrexate; the one asked about first ("azathioprine dose for a
    60 kg patient who can't tolerate methotrexate?"), each worked out for the weight when one is known."""
    if recommendation is not None:
        # The sources' alternatives, whether listed as such or leading because methotrexate is ruled out.
        named_alternatives = {entry.id for entry in kb.entries if entry.alternative}
        text = render_section_items(recommendation, lambda item: (
            item.alternative or item.entry_id in named_alternatives) and item.agent != "methotrexate"
            and item.section is Section.STEROID_SPARING)
        if text:
            return "If methotrexate cannot be used, the sources give these alternatives:\n" + text
    entries = [e for e in kb.entries if e.alternative and e.section is Section.STEROID_SPARING] or [
        e for e in kb.entries if e.alternative]
    entries.sort(key=lambda entry: not set(asked_about) & set(entry.topics))
    doses = _worked_doses(known, entries)
    return "If methotrexate cannot be used, the sources give these alternatives:\n" + render_entries(
        entries, audience, kb, doses=doses, dose_asked=bool(doses),
        dose_for=f"{known.facts.weight_kg:g} kg" if doses and known is not None else "this patient")


def render_section_items(recommendation: Recommendation, keep) -> str:
    numbers = CitationNumbers()
    lines = []
    for item in recommendation.items:
        if keep(item):
            dose = dose_line(item)
            lines.append(f"- **{item.title}**: {dose + '. ' if dose else ''}{item.statement} "
                         f"{numbers.cite(item.citations)}")
    if not lines:
        return ""
    lines.append("**Sources:** " + numbers.listing())
    return "\n".join(lines)


PATIENT_DOSE_INTRO = (
    "Your care team sets each dose for you, often by your weight. Here is what the usual plan involves:"
)
PATIENT_DRUG_DOSE_INTRO = "Your care team sets each dose for you, often by your weight. What the sources say:"
PATIENT_DOSE_CLOSING = "Your care team sets your own doses. Do not change a dose yourself."
#: A weight-based dose asked for with no usable weight: what would let it be worked out.
WEIGHT_FOR_THE_DOSE = {
    False: "Give the patient's weight (kg, lb or stone) and I will work out the dose for this patient.",
    True: "The dose depends on weight: tell me the weight (kg, lb or stone) to see what the usual dose comes to.",
}


def bare_drug_asked(text: str) -> bool:
    """A drug's name asked on its own ("and pred?", "Anti-SRP, 16 yo, 55 kg, pred?"): what to give of it."""
    last = re.split(r"[,.;:\n]", text.strip())[-1].strip()
    return last.endswith("?") and len(last.split()) <= 3 and bool(set(topics_in(last)) & TREATMENT_TOPICS)
#: Asking how a drug is given ("is it a drip?", "every day?"): its dose and rhythm are the answer.
HOW_GIVEN = re.compile(r"\bhow\s+(?:is|are|will|would|do|does)\s+(?:it|they|that|this|(?:the\s+|her\s+|his\s+)?\w+)\s+"
                       r"(?:be\s+)?"
                       r"(?:given|taken|done|administered)|"
                       # "how do they give it?", "how will the nurses give it to her?"
                       r"\bhow\s+(?:do|does|will|would|did)\s+(?:they|you|we|the\s+\w+)\s+(?:give|administer|infuse)\b|"
                       # Not how often an event happens ("How often does that happen?" of a relapse).
                       r"\bhow\s+often\b(?!\s+(?:does|do|did|will|would|is|are)\s+(?:that|this|it|they|people|patients|"
                       r"relapses?|a\s+relapse)\s+(?:happen|occur|come\s+back|relapse|recur|flare))|\bevery\s+(?:day|week|month)\b|"
                       r"\b(?:a\s+day|daily|weekly|monthly)\?", re.I)


#: How often alone: "how often will he need the drip?", "is it every month?", "daily?".
FREQUENCY_ONLY = re.compile(r"\bhow\s+often\b|\bevery\s+(?:day|week|month)\b|\b(?:a\s+day|daily|weekly|monthly)\?",
                            re.I)
#: The most that is given: "what's the most prednisolone they would give a teenager a day?".
MOST_GIVEN = re.compile(r"\bthe\s+most\b|\bmax(?:imum)?\b|\bhighest\b|\btop\s+dose\b", re.I)


def amount_asked(focus: str, asked: Sequence[str]) -> bool:
    """Whether a question asks an amount: a dose, the most given, or how a drug is given ("how is it given and how
    many times?"), not only how often."""
    return ("dosing" in asked or bool(MOST_GIVEN.search(focus))
            or bool(HOW_GIVEN.search(FREQUENCY_ONLY.sub(" ", focus))))


DOSED_TO_A_LEVEL = re.compile(r"titrated\s+to\s+a\s+(?:trough\s+)?level\s+of\s+(?P<level>[\d.\-–]+\s*ng/mL)", re.I)


def _plain_dose(entry: Entry, worked: ComputedDose | None) -> str:
    """The dose in the sources, and for this weight, as a patient would read it."""
    if entry.dose is None:
        return ""
    level = DOSED_TO_A_LEVEL.search(entry.dose.text)
    if level:
        weak = " (a figure from summaries, not confirmed by a study)" if entry.evidence is not Evidence.PRIMARY else ""
        return f" The dose is adjusted to a blood level; the sources aim for {level['level']}{weak}."
    if worked is None or worked.low is None or entry.dose.basis != "per_kg":
        return f" The usual dose in the sources is {entry.dose.text}."
    if worked.capped:  # only the amount given: a reader should not take the uncapped step for the dose
        return (f" The usual dose in the sources is {entry.dose.text}; for this weight that is "
                f"{worked.amount_text}, the top limit.")
    return (f" The usual dose in the sources is {entry.dose.text}; for this weight that is "
            f"{worked.amount_text} ({worked.working}).")


def _patient_dose_answer(kb: KnowledgeBase, plan: Recommendation | None, drugs: Sequence[str] = (),
                         amounts: bool = True) -> str:
    """What the usual plan involves in plain words, with the doses the sources give (worked out for the
    weight when it is known): the plan's own dosed steps when there is a plan; only the drugs asked about
    when the question names some ("the doctors want to give her IVIG. how much will she be given?").
    `amounts` False: only how and how often was asked ("how often will he need the drip?"), which the plain
    words tell; no amount is shown to a patient who did not ask for one."""
    def plain_dose(entry: Entry, worked: ComputedDose | None) -> str:
        return _plain_dose(entry, worked) if amounts else ""

    asked = [entry for entry in kb.entries if entry.dose is not None and set(drugs) & set(entry.topics)
             and (plan is None or not contradicts(entry, plan.facts))]
    if asked:
        in_plan = {item.entry_id for item in plan.items} if plan is not None else set()
        # One entry per drug, this patient's own step first.
        by_drug: dict[str, Entry] = {}
        for entry in sorted(asked, key=lambda entry: entry.id not in in_plan):
            by_drug.setdefault(next(topic for topic in entry.topics if topic in drugs), entry)
        entries = list(by_drug.values())
        doses = _worked_doses(plan, entries)
        lines = [f"- {entry.plain}{plain_dose(entry, doses.get(entry.id))}" for entry in entries]
        return "\n".join([PATIENT_DRUG_DOSE_INTRO, *lines, PATIENT_DOSE_CLOSING])
    if plan is not None and plan.complete:
        entries = [kb.entry(item.entry_id) for item in plan.items if item.dose is not None and not item.alternative]
    else:
        juvenile = plan is not None and plan.facts.is_juvenile
        # A child: the juvenile steroid dose, and no adult steroid-sparing dose (the sources give none).
        entries = [kb.entry(entry_id) for entry_id in (
            ("induction.prednisone.juvenile", "sparing.juvenile_not_given") if juvenile else
            ("induction.prednisone.adult", "sparing.methotrexate"))]
    entries = [*entries[:4], kb.entry("taper.general")]
    doses = _worked_doses(plan, entries)
    lines = [f"- {entry.plain}{plain_dose(entry, doses.get(entry.id))}" for entry in entries]
    label = ([provisional_dose_label(plan, Audience.PATIENT)] if amounts and doses and plan is not None
             and not plan.complete else [])
    return "\n".join([*label, PATIENT_DOSE_INTRO, *lines, PATIENT_DOSE_CLOSING])


#: A question whether something is safe or fine to do, whose circumstance is often told in the sentence before it.
IS_IT_SAFE = re.compile(r"\b(?:ok|okay|safe|alright|all\s+right|allowed|fine\s+to|can\s+i\s+(?:keep|still|continue)|"
                        r"should\s+i\s+(?:keep|stop|continue))\b", re.I)


def answer(
    text: str,
    recommendation: Recommendation | None,
    audience: Audience = Audience.CLINICIAN,
    kb: KnowledgeBase | None = None,
    patient_topics: tuple[str, ...] = (),
    dose_plan: Recommendation | None = None,
    dose_for: str = "this patient",
) -> str | None:
    """A reply to a question, or None when nothing in the knowledge base matches it. A question the
    sources do not address is told so first; what they say on the related topic follows.
    `patient_topics` (e.g. "severe") say what a generic question ("what's the plan?") is about;
    `dose_plan`, a plan still waiting for facts, gives the doses its known weight allows; `dose_for` says
    whose they are ("a 70 kg adult" for a made-up patient in a general question)."""
    kb = kb or default_knowledge()
    focus = question_focus(text)
    # Only something asked can be something the sources do not address ("the statin box at home was his
    # late wife's" tells; it asks nothing about treatment at home).
    gaps = _gap_words_in(focus, kb) if asks_something(text) else []
    if asks_something(text) and not gaps and (set(topics_in(focus)) <= GENERIC_TOPICS
                                              or POINTS_AT_A_THING.search(focus)):
        # "my sugars are through the roof. What should I do?", "... want to get pregnant. Is that safe?": the
        # asking sentence names nothing or points back, so the sentence before it says what it is about.
        gaps = _gap_words_in(text, kb)
    if asks_something(text) and not gaps and IS_IT_SAFE.search(focus):
        # "I'm 10 weeks pregnant. Is methotrexate OK to keep taking?": safe given what the sentence before tells.
        gaps = _gap_words_in(text, kb)
    reply = _answer_from_entries(text, recommendation, audience, kb, patient_topics, dose_plan, dose_for)
    if not gaps:
        return reply
    if reply is None or not set(question_topics(text)) - CONTEXT_TOPICS - GENERIC_TOPICS:
        # Nothing but the subtype or the kind of answer named: no entry is about what was asked.
        return _silence(gaps, audience)
    return f"{_silence(gaps, audience)}\nWhat they do say on the related topic:\n{reply}"


def _answer_from_entries(
    text: str, recommendation: Recommendation | None, audience: Audience, kb: KnowledgeBase,
    patient_topics: tuple[str, ...] = (), dose_plan: Recommendation | None = None, dose_for: str = "this patient",
) -> str | None:
    has_plan = recommendation is not None and recommendation.complete
    if has_plan:
        if DETAIL_REQUESTS["full"].search(text):
            return (render_for_patient if audience is Audience.PATIENT else
                    render_for_trainee if audience is Audience.TRAINEE else render_for_clinician)(recommendation)
        version = other_audience_version(text, recommendation)
        if version is not None:
            return version
    named = topics_in(text)
    focus = question_focus(text)
    asked = topics_in(focus)
    # The plan whose facts the answer must respect and whose weight works out doses (complete or not).
    known = dose_plan or recommendation
    drugs = [topic for topic in named if topic in TREATMENT_TOPICS]
    # "...put her on prednisolone 56 mg a day. that sounds a LOT for a little girl, is it right?": the dose told
    # before is what the asking sentence points at.
    dose_pointed_at = ("dosing" in named and bool(POINTS_AT_A_THING.search(focus)) and bool(drugs)
                       and bool(DOSE_JUDGED.search(focus)))
    # "they keep checking his blood level - what number are they aiming for?": a drug dosed to a level.
    asks_a_dose = "dosing" in asked or dose_pointed_at or (HOW_GIVEN.search(focus) and drugs) or (
        bool(drugs) and bool(MOST_GIVEN.search(focus))) or (
        bool(drugs) and bool(LEVEL_ASKED.search(text)))
    if audience is Audience.PATIENT and asks_a_dose and not (
            set(asked) - TREATMENT_TOPICS - GENERIC_TOPICS - CONTEXT_TOPICS):
        amounts = amount_asked(focus, asked) or dose_pointed_at or bool(drugs and LEVEL_ASKED.search(text))
        return _patient_dose_answer(kb, known, drugs, amounts=amounts)
    if has_plan and FOLLOW_UPS["why"].search(text) and not named:
        # A patient asking "why?" or for an explanation gets the plan in plain words, not the rule trace.
        return render_for_patient(recommendation) if audience is Audience.PATIENT else render_trace(recommendation)
    if FOLLOW_UPS["sources"].search(text) and not named and not SOURCES_SAY.search(text):
        if has_plan:
            return render_sources(recommendation, kb)
        return "Sources in the knowledge base:\n" + "\n".join(
            kb.reference_text(ref) for ref in sorted(kb.reference_ids)
        )
    if FOLLOW_UPS["alternative"].search(text) and ("methotrexate" in named or not named):
        return _alternatives(recommendation if has_plan else None, kb, audience, known,
                             [drug for drug in drugs if drug != "methotrexate"])
    if has_plan and audience is not Audience.PATIENT and not named:
        if FOLLOW_UPS["pitfalls"].search(text):
            return render_section(recommendation, (Section.PITFALLS, Section.PROGNOSIS))
        if FOLLOW_UPS["monitoring"].search(text):
            return render_section(recommendation, (Section.MONITORING,))
    if FOLLOW_UPS["pitfalls"].search(text) and not named:
        text = text + " pitfall"
    elif FOLLOW_UPS["monitoring"].search(text) and not named:
        text = text + " monitor"
    plan_ids = frozenset(item.entry_id for item in recommendation.items) if has_plan else frozenset()
    if WHAT_IS_IT.search(text) and not topics_in(question_focus(text)):
        # "my mum was just told she has necrotizing myopathy, what is it?": the disease, then what the
        # story around the question names ("he'd been on a cholesterol pill for years").
        entries = [kb.entry("teaching.definition"), kb.entry("teaching.subtypes")]
        told = retrieve(text, kb, facts=known.facts if known is not None else None)[:2] if named else []
        return render_entries([*entries, *(entry for entry in told if entry not in entries)], audience, kb)
    # A drug named in everyday words and no topic ("how long does each drip course take?"): that drug's entries,
    # before anything chosen only for sharing words with the question.
    asking = question_focus(text)
    entries = (not topics_in(asking) and _entries_for_agents(asking, kb)) or retrieve(
        text, kb, patient_topics=patient_topics, plan_ids=plan_ids, facts=known.facts if known is not None else None)
    if not entries:
        entries = _entries_for_agents(text, kb)
    if not entries:
        return None
    if known is not None:
        # Entries that hold only with a finding this patient does not have ("a malignancy is reported").
        flags = known.facts.red_flags
        entries = [entry for entry in entries
                   if not (entry.in_plan and entry.when is not None and entry.when.red_flags
                           and not flags & set(entry.when.red_flags))]
        if not entries:
            return None
    # Antibody still unknown and the question names none: an entry for one antibody only is not this patient's
    # ("what do you add on top in a case like this?" is not answered "early rituximab for anti-SRP disease, for
    # this patient 1000 mg"). Other entries answer if any do; else those are shown as depending on the result.
    awaiting_antibody = (known is not None and known.facts.antibody is Antibody.UNKNOWN and _a_case(known.facts)
                         and not set(named) & CONTEXT_TOPICS)
    # A drug the question names keeps its entries ("the rituximab dose?" is answered, with what it depends on).
    for_one_antibody = [entry for entry in entries if awaiting_antibody and _for_a_known_antibody_only(entry)
                        and not set(entry.topics) & set(drugs)]
    if for_one_antibody and len(for_one_antibody) < len(entries):
        entries = [entry for entry in entries if entry not in for_one_antibody]
        for_one_antibody = []
    # "and pred?" after the facts: a drug's name alone asks what to give of it.
    dose_asked = "dosing" in asked or bool(HOW_GIVEN.search(focus)) or bool(drugs and bare_drug_asked(text))
    if audience is Audience.PATIENT and not amount_asked(focus, asked):
        # A patient asking only how often ("how often will he need the drip?") reads that in the plain words; an
        # amount is shown to one who asked how it is given, how much or the most.
        dose_asked = bool(drugs and LEVEL_ASKED.search(text))
    asked_drugs = frozenset(drugs) if dose_asked and audience is not Audience.PATIENT else frozenset()
    entries = with_every_option(entries, kb, frozenset(
        str(getattr(treatment, "value", treatment)) for treatment in known.facts.treatments_tried)
        if known is not None else frozenset())
    if not drugs and not FOLLOW_UPS["alternative"].search(text):
        entries = preferred_first(entries)
    doses = {} if for_one_antibody else _worked_doses(known, entries, asked_drugs)
    reply = render_entries(entries, audience, kb, doses, dose_asked, dose_for)
    weighed = any(entry.dose is not None and entry.dose.basis == "per_kg" for entry in entries)
    if dose_asked and weighed and (known is None or known.facts.weight_kg is None):
        reply += f"\n{WEIGHT_FOR_THE_DOSE[audience is Audience.PATIENT]}"
    if (doses and known is not None and not known.complete and dose_for == "this patient"
            and (audience is not Audience.PATIENT or dose_asked)):
        reply = provisional_dose_label(known, audience) + reply
    if has_plan and audience is not Audience.PATIENT:
        reply = _in_this_plan(entries, recommendation) + reply
    if for_one_antibody:
        reply = f"{DEPENDS_ON_THE_ANTIBODY[audience is Audience.PATIENT]}\n{reply}"
    glossed = _what_the_drug_is(focus, entries)
    if glossed:
        # "what is IVIG and why a drip over several days?": what the name stands for, then the rest.
        reply = f"{glossed}\n{reply}"
    named_inhibitor = CHECKPOINT_DRUG.search(text)
    if named_inhibitor and "checkpoint inhibitor" in reply:
        # "Should we hold the nivolumab?": the answer speaks of checkpoint inhibitors; say that this is one.
        reply = f"{named_inhibitor[0].capitalize()} is a checkpoint inhibitor, so this applies to it:\n{reply}"
    return reply


#: A checkpoint inhibitor named by the user (the answer's entries name the class): the drug names of the
#: extractor's lexicon, which owns them.
CHECKPOINT_DRUG = re.compile(r"\b(?:" + "|".join(name for name in ICI_WORDS if re.fullmatch(r"[a-z]+", name)) + r")\b",
                             re.I)


#: "What is IVIG?", "what's MMF", "what does RTX stand for": a drug's name asked about.
WHAT_IS_A_DRUG = re.compile(r"\bwhat\s+(?:is|'s|are|exactly\s+is)\s+(?:an?\s+|the\s+)?(?P<name>[\w-]+)\b|"
                            r"\bwhat\s+does\s+(?P<abbr>[\w-]+)\s+(?:stand\s+for|mean)\b", re.I)


def _what_the_drug_is(focus: str, entries: list[Entry]) -> str | None:
    """'**IVIG** is intravenous immunoglobulin.' for a question asking what a drug the entries give is, when an
    entry writes the name with its meaning ("IVIG (intravenous immunoglobulin)")."""
    asked = WHAT_IS_A_DRUG.search(focus)
    if asked is None:
        return None
    name = (asked["name"] or asked["abbr"]).lower()
    for entry in entries:
        drug = entry.drug or ""
        short, _, gloss = drug.partition(" (")
        if gloss and short.lower() == name:
            return f"**{short}** is {gloss.rstrip(')')}."
    return None


#: "What is it?" asked about the disease itself.
WHAT_IS_IT = re.compile(
    # Text-speak too: "wat is IMNM in plain english pls".
    r"\b(?:what|wat|wot)\s+(?:is|'s|(?:exactly|actually|really)\s+is)\s+"
    r"(?:it|this|that|imnm|nam|(?:immune[- ]mediated\s+)?necroti[sz]\w*\s+"
    r"(?:autoimmune\s+)?myopathy|this\s+(?:disease|illness|condition|thing))\b|\bwhat\s+does\s+(?:it|that|this)\s+mean\b|"
    # "what this disease actually is", "what is actually going on in his muscles".
    r"\bwhat\s+(?:this|that|the|it)\s+(?:disease|illness|condition|thing|diagnosis)?\s*(?:actually\s+|really\s+|exactly\s+)?"
    r"(?:is|means)\b|\bwhat\s+(?:is|'s)\s+(?:actually\s+|really\s+)?(?:going\s+on|happening)\b",
    re.I)


def other_audience_version(text: str, recommendation: Recommendation | None) -> str | None:
    """The plan for another audience ("patient version", "teaching version") under a complete plan."""
    if recommendation is None or not recommendation.complete:
        return None
    if DETAIL_REQUESTS["patient"].search(text):
        return render_for_patient(recommendation)
    if DETAIL_REQUESTS["teaching"].search(text):
        return render_for_trainee(recommendation)
    return None


def _entries_for_agents(text: str, kb: KnowledgeBase) -> list[Entry]:
    """A question naming a drug in everyday words ("why do I need a drip every month?") that no topic
    matched: the entries about that drug, from the knowledge base's own vocabulary."""
    agents = agents_named(text, kb)
    if not agents:
        return []
    entries = [e for e in kb.entries if e.agent == agents[0] and e.when is not None]
    return entries[:2]


def _in_this_plan(entries: list[Entry], recommendation: Recommendation) -> str:
    """Which of the entries are this patient's plan steps, with the doses worked out for them."""
    items = {item.entry_id: item for item in recommendation.items}
    planned = [items[e.id] for e in entries if e.id in items]
    if not planned:
        return "Not part of this patient's current plan; from the knowledge base:\n"
    doses = [f"- {item.title}: {dose_line(item)}" for item in planned if item.dose is not None]
    lead = f"In this patient's plan: {', '.join(item.title for item in planned)}."
    return "\n".join([lead, *doses, ""]) if doses else lead + "\n"
