"""Dialogue decisions in plain Python: what to say for one user turn, given the conversation's facts.

Rasa actions only read the tracker, call `respond`, and send what it returns; keeping the decisions
here lets them be tested without a server.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from enum import Enum

from imnm.dialogue.alongside import ALONGSIDE, alongside_the_steroid
from imnm.dialogue.choice import picked_by_property, which_of_those
from imnm.dialogue.dose_check import dose_check
from imnm.dialogue.frames import (
    ACTS_ON_IT,
    ASPECTS,
    CHOICE_NOUN,
    ESCALATION_LEAD,
    IF_IT_FAILS,
    PLAIN_PLAN_WITHOUT,
    RULED_OUT,
    SHORT_FOLLOW_UP_WORDS,
    THING_POINTED_AT,
    agents_named,
    answer_frame,
    answer_if_it_fails,
    asks_a_dose,
    asks_for_the_plan,
    background_removed,
    discussed,
    drug_for_it,
    escalation_options,
    listed_agent,
    named_in_last_reply,
    names_an_aspect,
    offered_next,
    plan_given,
    points_back,
    ruled_out_lately,
    subject_agents,
    the_alternative_offered,
    the_one_with_alternatives,
    with_its_antecedent,
)
from imnm.dialogue.given import asked_given_a_fact, asked_in_checkpoint_myositis
from imnm.dialogue.needs import answer_needs, named_but_not_answered
from imnm.dialogue.questions import (
    ANTIBODY_TOPICS,
    ASKS_A_RATE,
    BARE_QUESTION,
    CHECKPOINT_DRUG,
    CONTEXT_TOPICS,
    DETAIL_REQUESTS,
    EVENT_RATE,
    GENERIC_TOPICS,
    ICI_STOP_ASKED,
    SERIOUSNESS,
    TREATMENT_TOPICS,
    WEIGHT_FOR_THE_DOSE,
    answer,
    answer_with_entries,
    asks_something,
    bare_drug_asked,
    is_detail_request,
    not_addressed,
    other_audience_version,
    provisional_dose_label,
    question_focus,
    sets_the_steroid_aside,
    split_sentences,
    topics_in,
)
from imnm.dialogue.what_if import what_if_answer, what_the_new_fact_changes
from imnm.engine.facts import (
    MIN_ADULT_WEIGHT_KG,
    Audience,
    InvalidFacts,
    PatientFacts,
    Severity,
    facts_from_slots,
)
from imnm.engine.knowledge import KnowledgeBase, default_knowledge
from imnm.engine.recommendation import Recommendation
from imnm.engine.rules import MISSING_CHANGES, recommend, what_missing_changes
from imnm.language.context_answers import STILL_REFUSED
from imnm.language.extract.course import mentions_treatment, said_in_general
from imnm.language.extract.escalation import EXPLICITLY_NOT_REFRACTORY
from imnm.language.extract.facts import SEVERE_FLAGS, SEVERITY_RANK, extract, severity_without_flags
from imnm.language.extract.lexicon import MONTH, NEGATIVE_CUES, PENDING_CUES, PRED
from imnm.language.extract.measures import find_weights
from imnm.language.extract.pipeline import CORRECTION
from imnm.language.question_words import TOPIC_WORDS
from imnm.language.spoken import written_forms
from imnm.render import render_first
from imnm.render.cds_cards import summary_line
from imnm.render.common import SAFETY_NOTICE
from imnm.render.first_screen import DETAILS, PATIENT_DETAILS, PLAN_HEADER, Detail
from imnm.render.timeline import Timeline, timeline

FACT_SLOTS = ("antibody", "weight_kg", "severity", "statin_exposure", "statin_status", "age_years",
              "age_band", "refractory", "ici_exposure", "red_flags", "treatments_tried", "treatments_ruled_out")
SLOT_LABELS = {
    "antibody": "antibody", "weight_kg": "weight", "severity": "severity",
    "statin_exposure": "statin exposure", "statin_status": "statin exposure", "age_years": "age",
    "age_band": "age group", "refractory": "refractory course", "ici_exposure": "checkpoint inhibitor",
    "red_flags": "red flags", "treatments_tried": "treatments given", "treatments_ruled_out": "treatments ruled out",
    "audience": "audience",
}
#: "Can you help me treat a patient with necrotizing myopathy?": a start, with no facts yet.
OPENER = re.compile(
    r"^\W*(?:hi|hello|hey|morning|afternoon|evening)?\W*(?:(?:can|could|would)\s+you\s+(?:please\s+)?help|"
    r"i\s+(?:need|want|would\s+like)\s+(?:some\s+)?(?:help|advice)|(?:help|advice)\s+(?:needed|please|wanted)|"
    r"i\s+(?:have|'ve\s+got|am\s+seeing|'m\s+seeing)\s+an?\s+(?:new\s+)?(?:patient|pt|case)|"
    r"i\s+(?:have|'ve\s+got)\s+a\s+(?:quick\s+)?(?:question|query|q)|quick\s+(?:question|query|q)|can\s+i\s+ask)\b"
    r"[^?]{0,80}?\b(?:patient|pt|case|treat\w*|manag\w*|imnm|myopath\w*|myositis|necroti[sz]\w*)\b[^?]*\??\W*$",
    re.I)
#: "what info do you need from me?", "which details should I give you?": what to tell, which the opener's reply says.
WHAT_YOU_NEED = re.compile(r"^\W*(?:so\W+|ok(?:ay)?\W+)?(?:what|which)\s+(?:info(?:rmation)?|details?|facts?|data)\s+"
                           r"(?:do|would|should|must)\s+(?:you|i)\s+(?:need|want|give|send|tell|provide)\b[^?]{0,30}\?*\W*$",
                           re.I)
OPENER_REPLY = (
    "Yes. Describe the patient and I will give a cited plan: antibody (anti-HMGCR, anti-SRP or seronegative), "
    "severity, weight with its unit, statin exposure, and age if under 18 - for example \"58 kg, anti-SRP "
    "positive, severe, never took a statin\". Anything you do not know yet, leave out; I will ask."
)
#: "No patient details, just checking my understanding", "general question, not a real patient": a question about
#: the disease announced, not asked yet.
GENERAL_OPENER = re.compile(
    r"^\W*(?:(?:hi|hello|hey)\W+)?(?:no\s+(?:specific\s+|particular\s+|real\s+)?(?:patient|pt|case)(?:\s+(?:details|specifics|"
    r"info|information))?|not\s+(?:about\s+)?a\s+(?:specific\s+|particular\s+|real\s+)?(?:patient|pt|case)|"
    r"(?:(?:just\s+)?a\s+)?(?:general|theoretical|hypothetical|teaching|background)\s+(?:question|query|q)|"
    r"just\s+(?:checking|testing|revising|refreshing)\s+my\s+(?:understanding|knowledge|memory))\b[^?]*$", re.I)
GENERAL_OPENER_REPLY = (
    "Go ahead with your question: I will answer it from the five source texts, with citations, and record "
    "nothing in it as a patient's fact."
)
OUT_OF_SCOPE = (
    "That is outside what I cover: the five source texts do not address it. I give cited treatment plans for "
    "immune-mediated necrotizing myopathy (IMNM). You can describe a patient "
    "(for example \"58 kg, anti-SRP positive, severe, never took a statin\"), "
    "or ask a guideline question such as \"what is the preferred steroid-sparing agent?\", "
    "\"when is IVIG used?\" or \"how do we monitor?\"."
)
NO_FACTS = (
    "I did not find any patient facts in that. Describe the patient: antibody (anti-HMGCR, anti-SRP or "
    "seronegative), severity, weight with its unit, statin exposure, and age if under 18. For example: "
    "\"70 kg, anti-HMGCR positive, moderate weakness, on atorvastatin\"."
)
NO_FACTS_YET = ("For this patient's own plan and worked doses, give what you know: antibody, severity, weight, "
                "statin exposure, age if under 18.")
AUDIENCE_NAMES = {
    Audience.CLINICIAN: "clinician (compact plan with doses and citations)",
    Audience.TRAINEE: "trainee (plan with reasoning, strength of evidence and teaching points)",
    Audience.PATIENT: "patient (plain language)",
}


@dataclass
class Reply:
    text: str
    recommended: bool = False
    recommendation: Recommendation | None = None
    #: Slots the action must set back (a version for another audience does not change the audience).
    slot_updates: dict[str, object] = field(default_factory=dict)
    #: The message was not about an IMNM patient: the facts read from it must not be kept.
    discard_facts: bool = False
    #: Follow-ups offered under a plan (buttons in the widget and Slack; typed words work everywhere).
    buttons: tuple[Detail, ...] = ()
    #: A treatment timeline to draw and send as an image (the text above is its alt text).
    timeline: Timeline | None = None


#: Words that ask what to do; with no topic and no aspect named, a short question made of them asks for the plan.
WHAT_TO_DO = re.compile(
    r"\b(?:start\w*|restart\w*|resum\w*|re-?introduc\w*|give|given|add|added|adding|next|left|else|options?|plan|treat\w*|manage\w*|"
    r"recommend\w*|suggest\w*|try|approach|escalat\w*|happen\w*|regimen|regime|protocol|"
    # "What do the sources favour for her now?": a choice of action.
    r"favou?r\w*|advis\w*|advice)\b|"
    # "what's the first thing to do?", "the priority now?": the step to take, that is the plan.
    r"\b(?:first|next|main|immediate)\s+(?:things?|steps?|moves?|priorit\w+)\b|\bpriorit(?:y|ies)\b|\bto\s+do\b|"
    r"\bstep\s+(?:one|1)\b|"
    # "what do I tell cardiology?", "what should we say to the GP?": the advice to pass on, that is the plan.
    r"\bwhat\s+(?:do|should|shall|would|can)\s+(?:i|we)\s+(?:tell|say\s+to|write\s+to|reply\s+to|feed\s+back\s+to)\s+"
    r"(?:the\s+)?(?:cardiolog\w*|oncolog\w*|gp|(?:referring\s+)?(?:team|doctors?|consultant|physician)|ward|pharmac\w*|"
    r"surgeons?|rheumatolog\w*|neurolog\w*|icu|itu)\b|"
    # "what would you prefer for her?", "what's best for him now?" ("which one is preferred?" chooses from a list).
    r"^\W*(?:(?:so|and|ok)\W+)?what\b.*\b(?:prefer\w*|best)\b", re.I)
SHORT_QUESTION_WORDS = 12
#: Whether something told is part of this disease ("is that part of it or something else?", "could this be related
#: to the myositis?"): a question about the thing told, not a request for the plan.
PART_OF_THE_ILLNESS = re.compile(
    r"\b(?:part\s+of\s+(?:it|this|that|the\s+(?:illness|disease|condition|myositis|myopathy|imnm))|"
    r"(?:related|linked|connected|due)\s+to\s+(?:it|this|that|the\s+(?:illness|disease|condition|myositis|myopathy|imnm))|"
    r"(?:caused\s+by|to\s+do\s+with)\s+(?:it|this|the\s+(?:illness|disease|condition|myositis|myopathy|imnm))|"
    r"(?:something|a\s+separate\s+(?:problem|thing|issue))\s+else|a\s+separate\s+(?:problem|thing|issue)|"
    # "is that typical for his antibody?", "is this usual in SRP?": whether what was told belongs to the disease.
    r"(?:is|are)\s+(?:that|this|it|those|these)\s+(?:\w+\s+)?(?:typical|usual|common|expected|characteristic|classic)\s+"
    r"(?:for|in|of|with)\b)", re.I)
POINTS_AT_SOMETHING = re.compile(r"\b(?:them|it|that|those|these)\b", re.I)
#: The entry telling a patient what to report at once (new trouble swallowing or breathing).
REPORT_AT_ONCE = "monitoring.when_to_report"
URGENT_TO_REPORT = frozenset({"dysphagia", "respiratory"})
#: Words that lead into a question without being part of it ("ok so what now", "right, and which one").
LEAD_IN_WORDS = frozenset({"ok", "okay", "so", "and", "right", "then", "well", "hmm", "fine", "thanks", "sorry", "but"})
#: "what's been missed?", "what are we missing here?" after a course: this case's plan against what was given (the
#: plan leads with what is not yet given), not the disease's easily missed presentations.
MISSED_IN_THIS_CASE = re.compile(
    r"^\W*(?:(?:so|ok(?:ay)?|and|hmm+)\W+)*(?:what|anything)(?:'s|\s+is)?\s+(?:(?:have|'ve)\s+(?:we|i)|has\s+been|been|"
    r"did\s+(?:we|i)|am\s+i|are\s+we|have\s+we\s+been|we(?:'ve|\s+have))\s+(?:\w+\s+)?(?:missed|missing)\b"
    r"(?:\s+(?:here|so\s+far|with\s+(?:her|him|them)))?\W*$", re.I)
#: "what's the best treatment for her knee osteoarthritis?": the treatment of something named after "for", which
#: is not the patient nor this disease - a question about that thing, not a request for the plan.
TREATMENT_OF_SOMETHING = re.compile(
    r"\b(?:for|of|manag(?:e|es|ing)|treat(?:s|ing)?)\s+(?:(?:her|his|their|my|the|this|a|an|that)\s+)?(?P<thing>[a-z][\w'-]*)"
    # Up to three words: "treating inclusion body myositis?"
    r"(?:\s+(?P<more>[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?))?"
    r"(?:\s+(?:now|then|today|please|pls))?\W*$", re.I)
#: Words after "for" or "treat" that name no other thing: the patient, this disease, or filler ("for her now").
NAMES_NO_OTHER_THING = {
    # The work-up of this disease, not another condition: "should I wait for the antibodies before treating?"
    "antibodies", "antibody", "result", "results", "biopsy", "test", "tests", "serology", "panel", "bloods", "ck",
    "mri", "emg",
    "her", "him", "them", "me", "us", "it", "this", "that", "patient", "pt", "patients", "case", "one", "imnm", "nam",
    "myositis", "myopathy", "disease", "condition", "illness", "man", "woman", "lady", "gentleman", "boy", "girl",
    "child", "kid", "son", "daughter", "mum", "mom", "mother", "dad", "father", "husband", "wife", "partner",
    "now", "today", "starters", "start", "first", "next", "necrotising", "necrotizing", "immune-mediated",
    "weakness", "muscles", "muscle", "with", "in", "at", "then", "here", "best", "initially", "first-line",
    # What a finding of this disease is called ("the swallowing problem", "her breathing issues").
    "stairs", "walking", "chairs", "chair", "steps",
    "problem", "problems", "issue", "issues", "trouble", "troubles", "symptom", "symptoms", "difficulty",
    "difficulties", "side", "effects", "involvement", "complication", "complications", "type", "kind", "form",
    "line", "going", "forward", "on", "from", "early", "properly", "acutely", "urgently", "options", "plan",
    # "which tests matter most for choosing treatment?": deciding this disease's treatment, not treating another thing.
    "choosing", "deciding", "picking", "planning", "guiding", "treatment", "treatments", "therapy",
    # "will I need treatment for years with this?": how long, not what.
    "years", "months", "weeks", "days", "life", "ever", "long", "good", "how", "a",
    # "admit, or manage as an outpatient?": where, not what.
    "as", "outpatient", "outpatients", "inpatient", "inpatients", "home", "ward",
    # "sum up the treatment in a couple of sentences": how long the answer should be.
    "sentence", "sentences", "words", "lines", "points", "bullets", "minutes",
    # "what else for the acute management?": a phase of this disease's care, not another condition.
    "acute", "initial", "immediate", "urgent", "emergency", "short-term", "long-term", "ongoing", "maintenance",
    "further", "next-step", "subsequent", "later", "escalation", "induction",
    # "what CK should we aim for when monitoring treatment?": a clause about this disease's care follows, not a thing.
    "when", "while", "whilst", "during", "if", "whether", "what", "which", "after", "before", "until"}


#: How `not_addressed` begins (both audiences): a part of a two-question message that nothing answered.
NOTHING_ANSWERED = ("As far as I can find, the five source texts do not address this question",
                    "The sources I use do not address that question")
MIN_QUESTION_WORDS = 3


#: A question joined to a request for the plan in one sentence: "how often does this happen, and what now?".
JOINED_PLAN_REQUEST = re.compile(r"(?:(?:,|;|\s[-–—])\s*(?:and|but|so|also|then)?|\s+and)\s+(?=\S[^,;]*\?\s*$)", re.I)
QUESTION_OPENING = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:how|what|which|when|why|is|are|can|could|do|does|will|would|should)\b", re.I)


#: A weight refused as implausible (the extractor's or the engine's words).
WEIGHT_REFUSED = re.compile(r"\bweight\s+of\s+[\d.,]+\s*kg\s+is\s+not\s+plausible", re.I)
#: Something in place of a drug ruled out before: "what would you use instead then?".
INSTEAD = re.compile(r"\b(?:instead|in\s+its\s+place|in\s+place\s+of\s+(?:it|that))\b", re.I)
#: A request that points back into the question before it: "what can we do about it?", "what helps with that?".
ABOUT_IT = re.compile(r"\b(?:about|for|with|against|to)\s+(?:it|that|this|them|those)\b", re.I)


def _split_joined(sentence: str) -> list[str]:
    """A sentence that asks a question and then for the plan, as two questions; else the sentence."""
    joints = list(JOINED_PLAN_REQUEST.finditer(sentence)) if sentence.endswith("?") else []
    if joints:  # the last joint: "how do CK and strength respond, and what now?"
        head, tail = sentence[:joints[-1].start()].strip(), sentence[joints[-1].end():].strip()
        # Not when the request points back into the question ("Is this the steroids and what can we do about it?"):
        # what to do about the thing asked is one question.
        if (QUESTION_OPENING.match(head) and len(head.split()) >= MIN_QUESTION_WORDS and asks_what_to_do(tail)
                and not asks_what_to_do(head) and not ABOUT_IT.search(tail)):
            return [f"{head.rstrip('?')}?", tail]
    return [sentence]


def separate_questions(text: str) -> list[str]:
    """The questions of a message that asks two or more, each a sentence of its own ending in "?", or a question
    and the plan asked for in one sentence."""
    sentences = split_sentences(text)
    # "is it coming back? what happens now": a request for the plan needs no question mark to be a question.
    asked = [part for index, sentence in enumerate(sentences)
             if sentence.strip().endswith("?") or index == len(sentences) - 1 and asks_what_to_do(sentence)
             for part in _split_joined(sentence.strip())]
    # "Next steps?" is short but whole: a question asking what to do, or naming a topic, stands on its own.
    return asked if len(asked) > 1 and all(len(q.split()) >= MIN_QUESTION_WORDS or asks_what_to_do(q)
                                           or set(topics_in(q)) - GENERIC_TOPICS for q in asked) else []


def _last_sentence(text: str) -> str:
    sentences = split_sentences(text)
    return sentences[-1] if sentences else text


def _treated_thing(sentence: str) -> list[str]:
    """The words after "for", "of" or "treat" that end a question ("the best treatment for her knee
    osteoarthritis?" -> knee, osteoarthritis), less those that name no other thing (the patient, this disease)."""
    something = TREATMENT_OF_SOMETHING.search(sentence)
    words = [word.lower() for word in (something["thing"], something["more"]) if word] if something else []
    return [word for word in words if word not in NAMES_NO_OTHER_THING]


#: Words that name nothing ("manage as an outpatient").
FUNCTION_WORDS = frozenset({"a", "an", "the", "as", "of", "to", "on", "for", "and", "or", "his", "her", "their", "my",
                            "this", "that", "its", "your", "our", "by", "from", "into", "such", "so", "if", "is"})
#: Words for a bout of a disease, this one's or another's ("gout flare", "asthma attack").
FLARE_WORDS = frozenset({"flare", "flares", "flare-up", "attack", "attacks", "exacerbation", "episode", "relapse"})
#: Said after a question about another condition: what the assistant covers.
ONLY_IMNM = "This assistant covers immune-mediated necrotizing myopathy (IMNM) only."


#: Someone without this disease, or cholesterol treated for itself ("which statin has the fewest side effects for a
#: healthy person with high cholesterol?"): a question of lipid care, not of this myopathy.
LIPID_CARE = re.compile(r"\b(?:healthy\s+(?:person|people|adults?|man|woman|individuals?)|(?:high|raised|elevated)\s+"
                        r"(?:cholesterol|ldl|lipids?)|hypercholesterol\w*|hyperlipid\w*|dyslipid\w*|lower(?:ing)?\s+"
                        r"(?:(?:her|his|my|their|the)\s+)?(?:cholesterol|ldl|lipids?))\b", re.I)
#: What makes a lipid question this disease's own ("can he have a statin for his cholesterol after HMGCR myopathy?").
THE_MYOPATHY = re.compile(r"\b(?:imnm|nam|myositis|myopath\w*|necroti[sz]\w*|hmg\W?co\W?a|hmgcr|srp|ck|muscles?|"
                          r"weak\w*|this\s+(?:disease|illness|condition))\b|"
                          # "after stopping the statin, what should lower his LDL?": this disease's statin, stopped.
                          r"\b\w*statin\w*\b[^.?]{0,30}\b(?:stopped|discontinued|withdrawn|ceased|held)\b|"
                          r"\b(?:stop\w*|discontinu\w*|withdr\w*|ceas\w*)\s+(?:the\s+|her\s+|his\s+|my\s+)?\w*statin",
                          re.I)


#: "which add-on is favoured for her antibody type?", "given his antibody": the patient's own antibody, asked about
#: (not "her type": a patient's "is that a good idea for her type?" is read with her facts already).
THEIR_ANTIBODY = re.compile(
    r"\b(?:her|his|their|my|this|the\s+(?:patient|pt)'?s)\s+(?:auto-?)?(?:antibody|ab|sero-?type)\s+(?:type|subtype|group|"
    r"kind)\b|\b(?:for|given|with)\s+(?:her|his|their|my|this)\s+(?:auto-?)?(?:antibody|antibodies|ab|sero-?type)\b",
    re.I)
ANTIBODY_WORDS = {"HMGCR": "anti-HMGCR", "SRP": "anti-SRP", "seronegative": "seronegative (antibody-negative)"}


def with_their_antibody(text: str, slots: dict[str, object]) -> str:
    """The question with "her antibody type" named as the antibody the patient has, so that what is asked of it
    is found ("which add-on is favoured early for anti-SRP?")."""
    named = ANTIBODY_WORDS.get(str(slots.get("antibody")))
    return THEIR_ANTIBODY.sub(named, text) if named else text


#: A reply that names only this disease ("the one with IMNM", "for IMNM obviously", "necrotising myopathy"): what the
#: question before was about.
JUST_THE_DISEASE = re.compile(
    r"^\W*(?:(?:the|a|my)\s+(?:one|patient|pt|case)\s+)?(?:(?:with|for|in|it'?s|it\s+is|about)\s+)?(?:an?\s+|the\s+)?"
    r"(?:imnm|nam|(?:immune[-\s]mediated\s+)?necroti[sz]ing\s+(?:autoimmune\s+)?(?:myopathy|myositis))"
    r"\W*(?:obviously|of\s+course|sorry)?\W*$", re.I)
#: "no other details sorry", "that's all I have", "I don't have any more info": no patient facts are coming.
NO_MORE_DETAILS = re.compile(
    r"^\W*(?:(?:sorry|no|nope|ok|okay|unfortunately)\W+)*(?:no\s+(?:other|more|further)\s+(?:details?|info\w*|facts?)|"
    r"that'?s\s+all\s+(?:i\s+)?(?:have|know|got)|nothing\s+(?:else|more)\s+(?:to\s+add|i\s+know)|"
    r"(?:i\s+)?(?:don'?t|do\s+not)\s+have\s+(?:any\s+)?(?:more|other|further|the)\s+(?:details?|info\w*|facts?))\b",
    re.I)
NO_DETAILS_LEAD = ("Understood - without patient details, the doses are as the sources give them (per kg where "
                   "weight-based):")
SOURCE_DOSE = re.compile(r"^- \*\*(?P<title>[^*]+)\*\*:.*?Dose as the sources give it: (?P<dose>[^.]+)\.", re.M)


def doses_without_details(last_reply: str) -> str:
    """The doses of the answer before, as the sources give them, and what would work them out for a patient."""
    doses = [f"- {match['title']}: {match['dose']}" for match in SOURCE_DOSE.finditer(last_reply)][:4]
    return "\n".join([NO_DETAILS_LEAD, *doses, WEIGHT_FOR_THE_DOSE[False]] if doses else
                      [NO_DETAILS_LEAD.split(" (")[0] + ".", WEIGHT_FOR_THE_DOSE[False]])


def asks_lipid_care(text: str) -> bool:
    """A question of lipid care with nothing of this myopathy in it (asked outside a patient's conversation: in one,
    "a statin for his high cholesterol?" is this patient's rechallenge)."""
    last = _last_sentence(text)
    return bool(LIPID_CARE.search(last)) and asks_something(last) and not THE_MYOPATHY.search(text)


#: A drug of another condition, known by the ending of its name (antibiotics, antihypertensives, antidiabetics,
#: analgesics, anticoagulants...): none of them is in the knowledge base, which names its own drugs in full.
ANOTHER_CONDITIONS_DRUG = re.compile(
    r"\b[a-z]{2,}(?:cillin|mycin|micin|floxacin|cycline|sartan|pril|olol|dipine|prazole|tidine|gliptin|gliflozin|"
    r"formin|oxetine|azepam|triptan|afil|lukast|xaban|gatran|profen|fenac)s?\b", re.I)


def treats_something_else(text: str) -> bool:
    """Whether the last question asks for the treatment of a condition the knowledge base does not know ("the
    best treatment for her knee osteoarthritis?", "the best clarithromycin dose for his sinusitis?"), not of this
    patient or this disease."""
    last = _last_sentence(text)
    drug = ANOTHER_CONDITIONS_DRUG.search(last)
    if drug and asks_something(last) and not set(topics_in(last)) & TREATMENT_TOPICS and not topics_in(drug[0]):
        return True
    something = TREATMENT_OF_SOMETHING.search(last)
    if not something or not re.search(r"\b(?:treat\w*|manag\w*|therapy|medicine|drug)\b", last, re.I):
        return False
    if not asks_something(last):
        return False  # "after 3 cycles CK 4000 -> 1200 and she's managing stairs again": told, not asked
    words = [something["thing"], *(something["more"] or "").split()]
    if set(topics_in(" ".join(words))) - {"relapse"}:
        return False  # "first choice for sparing the steroid?": a thing of this disease, whatever its first word
    if something["thing"].lower() not in NAMES_NO_OTHER_THING and not topics_in(something["thing"]):
        return True
    # "an acute gout flare": a flare of something named before it, though "acute" names no other thing and "flare"
    # is a word of this disease's course.
    return words[-1].lower() in FLARE_WORDS and any(
        word.lower() not in NAMES_NO_OTHER_THING | FUNCTION_WORDS and not topics_in(word) for word in words[:-1])


def asks_what_to_do(text: str) -> bool:
    """The plan asked for, however it is worded: the known phrasings (`asks_for_the_plan`), or a short question
    in the last sentence that asks what to do and names no topic and no aspect ("what's left?", "so what should
    actually be started?", "what is the treatment normaly"): an adverb or a misspelling the word lists lack no
    longer turns a request for the plan into "the sources do not address this"."""
    last = _last_sentence(text)
    if PART_OF_THE_ILLNESS.search(last):
        return False  # whether a thing told is part of this disease ("is that part of it or something else?")
    if asks_for_the_plan(text):
        return True
    if MISSED_IN_THIS_CASE.match(last):
        return True
    # "What should happen with the nivolumab and what treatment now?": the last of two joined questions.
    # "Is prednisone alone enough, or what should be added?": the last of two questions joined by "or".
    last = re.split(r",?\s+(?:and|or)\s+(?=(?:what|how|which)\b)", last)[-1]
    words = re.findall(r"[a-z'\u2019]+", last.lower())
    # "so what does the treatment look like": a question whatever the words that lead into it.
    opening = next((word for word in words if word not in LEAD_IN_WORDS), "")
    # "remind me what the options are from here": a request put as an instruction.
    asks = last.rstrip().endswith("?") or opening in ("what", "whats", "what's", "how", "which", "remind", "tell",
                                                      "show", "list")
    if _treated_thing(last):
        return False  # the treatment of something else, however it ends
    return (asks and 0 < len(words) <= SHORT_QUESTION_WORDS and bool(WHAT_TO_DO.search(last))
            and set(topics_in(last)) <= {"first-line"} and not names_an_aspect(last) and not IF_IT_FAILS.search(last)
            and not said_in_general(last))


def follow_up(text: str, history: Sequence[str], current: Recommendation | None, audience: Audience,
              kb: KnowledgeBase, last_reply: str = "") -> Reply | None:
    """A follow-up about this patient's plan, read as a frame (see `imnm.dialogue.frames`)."""
    if not plan_given(current):
        return None
    if asks_what_to_do(text):
        return Reply(render_first(current), recommended=True, recommendation=current, buttons=details_for(audience))
    if IF_IT_FAILS.search(text):
        refractory = current if current.facts.refractory else recommend(
            current.facts.model_copy(update={"refractory": True}))
        options = answer_if_it_fails(text, current, refractory)
        if options is not None:
            return Reply(options)
    needed = answer_needs(text, current, kb) if audience is not Audience.PATIENT else None
    if needed is not None:  # "does she still need the triple combo?": this patient's plan, not the entries
        return Reply(needed, recommendation=current)
    if ASKS_A_RATE.search(question_focus(text)):
        return None  # "how often do patients relapse on taper?": about patients in general, not this plan's step
    if sets_the_steroid_aside(text):
        return None  # "I'd like to avoid big-dose steroids in her": what spares the steroid, not its dose
    if set(topics_in(text)) - FRAME_TOPICS:
        # "does she need PJP cover at that pred dose?": the question is about something else the
        # message names (prophylaxis), not the dose of "that"; the knowledge base answers it.
        return None
    if history and not agents_named(text, kb) and asks_something(history[-1]) and (
            set(topics_in(question_focus(history[-1]))) - FRAME_TOPICS):
        # "what about PJP prophylaxis once he's on the steroids?" then "what dose and for how long before it's
        # indicated?": "it" is the prophylaxis asked about, not the steroid it was asked with.
        return None
    framed = answer_frame(text, history, current, kb, audience, names_a_topic=bool(topics_in(text)),
                          last_reply=last_reply, chosen=picked_by_property(text, last_reply, history, kb, current))
    # The plan the answer is drawn from goes with it, so a dose given for this patient is audited.
    return Reply(framed, recommendation=current) if framed is not None else None


#: Topics a follow-up frame (aspect x drug) can be about; any other topic named goes to the entries.
FRAME_TOPICS = TREATMENT_TOPICS | GENERIC_TOPICS | CONTEXT_TOPICS | frozenset(
    {"duration", "steroid-sparing", "add-on", "first-line", "combination", "juvenile", "severe", "refractory",
     "monotherapy", "relapse"})


def details_for(audience: Audience) -> tuple[Detail, ...]:
    return PATIENT_DETAILS if audience is Audience.PATIENT else DETAILS


def audience_from(value: object) -> tuple[Audience, str | None]:
    """The audience for a slot or page value; unknown words fall back to clinician, with a note."""
    if value in (None, ""):
        return Audience.CLINICIAN, None
    try:
        return Audience(str(value).lower()), None
    except ValueError:
        return Audience.CLINICIAN, f"I don't know the audience '{value}', so I am answering for a clinician."


def carried_red_flags(before: object, now: object, absent: set[str]) -> list[str] | None:
    """Red flags are findings that stay until said otherwise: "cardiology think myocarditis" adds to
    the ptosis and dysphagia given earlier, and only a message saying a flag is absent removes it."""
    merged = (set(before or ()) | set(now or ())) - (absent - set(now or ()))
    return sorted(merged) or None


def severity_after_flags_taken_back(severity: object, flags_before: object, flags_now: object,
                                    messages: Sequence[str]) -> object:
    """The severity once the finding that made it severe is taken back ("scratch the dysphagia, that was her
    sister's"): the function told in the messages (the latest that tells any: "walks with a stick" is moderate),
    else unknown. Unchanged while a severe finding remains or when none was taken back."""
    if severity != "severe" or not set(flags_before or ()) & SEVERE_FLAGS or set(flags_now or ()) & SEVERE_FLAGS:
        return severity
    told = (severity_without_flags(message) for message in reversed(messages))
    return next((level for level in told if level is not None), None)


def carried_refractory(before: object, now: object, text: str) -> object:
    """A refractory course is history: once told, a good response to the agent added for it ("added IVIG - good
    response, CK now 400") leaves it refractory; only words that take it back in so many words ("not refractory",
    "sorry, treatment-naive") or a good response told as a correction ("my mistake, wrong patient - he has done really
    well") make it false again."""
    if before is True and now is False and not EXPLICITLY_NOT_REFRACTORY.search(text) and not CORRECTED.search(text):
        return True
    return now


#: Told as the state now, after an earlier one: "now", "since", a date or a day as the note's lead.
STATE_NOW = re.compile(rf"\bnow\b|\bsince\b|^\W*(?:\d{{1,2}}\s+)?{MONTH}[a-z]*\b|^\W*(?:day|week|wk|month)\s*\d+|"
                       r"^\W*\d{1,2}/\d{2,4}\b", re.I)


def worse_on_treatment(before: object, now: object, text: str, earlier: Sequence[str]) -> bool:
    """The disease worse than told before, told as its state now, in a conversation that told of a treatment given: an
    inadequate response, which is what `refractory` records. Not a correction ("sorry, she's in a wheelchair")."""
    if before not in SEVERITY_RANK or now not in SEVERITY_RANK or SEVERITY_RANK[now] <= SEVERITY_RANK[before]:
        return False
    return (bool(STATE_NOW.search(text)) and not CORRECTED.search(text) and not CORRECTION.search(text)
            and not ACTUALLY.search(text) and any(mentions_treatment(message) for message in earlier))


#: "she's actually in a wheelchair": a fact put right, whatever else the message says.
ACTUALLY = re.compile(r"\bactually\b", re.I)


#: What the writer told before was wrong: "my mistake, wrong patient", "sorry, I mixed up two patients".
CORRECTED = re.compile(r"\b(?:my\s+(?:mistake|bad)|wrong\s+(?:patient|notes|chart|person)|mixed\s+up|scratch\s+that|"
                       r"correction|i\s+was\s+wrong|that\s+was\s+wrong)\b", re.I)


def carried_antibody(before: object, now: object, text: str) -> object:
    """A result held that this message takes back ("scrap that, HMGCR is still pending - only the SRP came back
    negative"): unset again. Seronegative needs both results, so either one pending takes it back; a positive result
    when its own antibody is said to be pending or negative."""
    if before is None or now != before or said_in_general(text):
        return now  # this message gave a result of its own, none was held, or it speaks of patients in general
    names = ("HMGCR", "SRP") if before == "seronegative" else (str(before),)
    # A positive result held, now told negative ("I misread it - SRP is negative, HMGCR still pending"), is taken
    # back as well: the message itself reads no result when the other antibody is still to come.
    cues = PENDING_CUES if before == "seronegative" else f"(?:{PENDING_CUES}|{NEGATIVE_CUES})"
    taken_back = re.compile(rf"\b(?:anti[-\s]?)?(?:{'|'.join(names)})\b(?:\s+\w+){{0,3}}?\s+(?:is\s+|are\s+|was\s+)?"
                            rf"(?:still\s+|actually\s+|in\s+fact\s+)?{cues}", re.I)
    return None if taken_back.search(text) else now


def carried_treatments(before: object, now: object) -> list[str] | None:
    """Treatments given, or ruled out, are history: each message's are added to those told before, in the order
    told."""
    merged = list(dict.fromkeys([*(before or ()), *(now or ())]))
    return merged or None


#: The slots a fact taken back empties with it: a statin history is its exposure and its status; an age, its band.
TAKEN_BACK_WITH = {"statin_exposure": ("statin_exposure", "statin_status"), "age_years": ("age_years", "age_band")}


def slots_taken_back(taken_back: Collection[str]) -> set[str]:
    """Every slot emptied when the facts `taken_back` (the extractor's `Extraction.taken_back`) are taken back."""
    return {name for slot in taken_back for name in TAKEN_BACK_WITH.get(slot, (slot,))}


def carried_over(slots: dict[str, object], before: dict[str, object], text: str, flags_said: Sequence[str],
                 flags_absent: set[str], earlier: Sequence[str], taken_back: Collection[str] = ()) -> dict[str, object]:
    """The facts that change when this message is merged with the conversation's: `slots` hold the conversation's
    facts with this message's own already set, `before` those before it, `flags_said` the red flags it names,
    `flags_absent` those it says are absent, `earlier` the user's messages before it. One merge for the action server
    and the tests: red flags and treatments accumulate, a refractory course and an antibody result stay unless taken
    back, and a severity that rested on a flag taken back is read again from the messages."""
    changed: dict[str, object] = {}
    # When a flag is taken back, the flags this message itself names, not the slot: the slot keeps the earlier ones
    # when it names none ("the dysphagia was a documentation error" must still remove it).
    now = list(flags_said) if flags_absent else (list(flags_said) or slots.get("red_flags"))
    flags = carried_red_flags(before.get("red_flags"), now, flags_absent)
    if flags != slots.get("red_flags"):
        changed["red_flags"] = flags
    if flags_absent:  # only a message that takes a flag back can change the severity this way
        severity = severity_after_flags_taken_back(slots.get("severity"), before.get("red_flags"), flags,
                                                   [*earlier, text])
        if severity != slots.get("severity"):
            changed["severity"] = severity
    refractory = carried_refractory(before.get("refractory"), slots.get("refractory"), text)
    if refractory is None and worse_on_treatment(before.get("severity"), slots.get("severity"), text, earlier):
        refractory = True  # "1 April: IVIG #2 ... 1 May: now can't manage stairs" after mild weakness: worse on it
    if refractory != slots.get("refractory"):
        changed["refractory"] = refractory
    antibody = carried_antibody(before.get("antibody"), slots.get("antibody"), text)
    if antibody != slots.get("antibody"):
        changed["antibody"] = antibody
    # Treatments given stay given: a message naming one more adds it to the ones told before.
    for name in ("treatments_tried", "treatments_ruled_out"):
        merged = carried_treatments(before.get(name), slots.get(name))
        if merged != slots.get(name):
            changed[name] = merged
    # "scrap the statin - that was a different patient": a fact taken back with nothing told in its place is unknown.
    for name in slots_taken_back(taken_back):
        if slots.get(name) is not None:
            changed[name] = None
    return changed


#: "dont have a weight yet", "not weighed", "age unknown": a fact the user cannot give now.
NOT_KNOWN_YET = re.compile(
    r"\b(?:don'?t|do\s+not|dont|haven'?t|have\s+not|havent|no|without\s+a|not\s+got\s+a?)\s+(?:have\s+|got\s+|know\s+)?"
    r"(?:an?\s+|the\s+|his\s+|her\s+|their\s+)?(?P<a>weight|age)\b(?![-\s]*(?:gain|loss|change|bearing|related|limits?|cut|restrictions?|requirements?))|"
    r"\b(?P<b>weight|age)\s+(?:is\s+|still\s+)*(?:unknown|not\s+known|not\s+available|unavailable|tbc|to\s+follow)\b|"
    r"\bnot\s+(?:been\s+|yet\s+)*(?P<c>weigh)ed\b|"
    # "Not sure of her weight", "no idea how old he is", "unsure about his weight".
    r"\b(?:not\s+sure|unsure|no\s+idea|don'?t\s+know)\s+(?:of|about|what)?\s*(?:the\s+|his\s+|her\s+|their\s+)?"
    r"(?P<d>weight|age)\b|"
    # "I'll get the weight later", "will send his weight tomorrow", "weight to come": promised, so not known yet.
    r"\b(?:i'?ll|i\s+will|we'?ll|we\s+will|will|can|going\s+to|gonna)\s+(?:get|send|find\s+out|check|chase|give\s+you|"
    r"let\s+you\s+know)\s+(?:you\s+)?(?:the\s+|his\s+|her\s+|their\s+)?(?P<e>weight|age)\b", re.I)
_LACKED_SLOT = {"weight": "weight_kg", "weigh": "weight_kg", "age": "age_years"}


def fact_not_known_yet(text: str) -> str | None:
    """The slot a message says cannot be given yet (weight or age), if it says so."""
    found = NOT_KNOWN_YET.search(text)
    return _LACKED_SLOT[(found["a"] or found["b"] or found["c"] or found["d"] or found["e"]).lower()] if found else None


def _without_the_fact(text: str, slot: str, slots: dict[str, object], audience: Audience, problems: list[str],
                      changes: dict[str, tuple[object, object]], already_recommended: bool,
                      history: Sequence[str], kb: KnowledgeBase, notes: list[str]) -> Reply:
    """Go on without a fact the user does not have: the plan with it set aside (doses per kg), or, before
    any patient fact, the last question answered again in its per-kg form."""
    set_aside = sorted(set(slots.get("set_aside") or ()) | {slot})
    if any(slots.get(name) not in (None, [], "") for name in CORE_FACTS):
        result = assess({**slots, "set_aside": set_aside}, audience, problems, changes, already_recommended,
                        plan_requested=True)
        result.slot_updates.setdefault("set_aside", set_aside)
        asked_before = history[-1] if history and not asks_something(text) else None
        if asked_before and asks_something(asked_before) and (asks_a_dose(asked_before)
                                                              or bare_drug_asked(asked_before)):
            # "12 yo with SRP IMNM, what pred dose?" ... "I'll get the weight later": that dose, per kg, leads.
            earlier = answer(asked_before, None, audience, kb, patient_topics(slots), dose_plan=result.recommendation)
            result.text = "\n".join([*notes, *([earlier, ""] if earlier else []), result.text])
            return result
        result.text = "\n".join([*notes, result.text])
        return result
    # "no weight yet - what's the IVIG dose?" asks now; "dont have a weight yet" answers the question before.
    question = text if asks_something(text) else (history[-1] if history else None)
    if question and asks_what_to_do(question):
        question = f"{question} (first-line treatment)"  # "what can we start now?": the first line
    earlier = answer(question, None, audience, kb) if question else None
    lead = f"No {SLOT_LABELS[slot]} yet: the doses are as the sources give them (per kg where weight-based)."
    return Reply("\n".join([*notes, lead, *([earlier] if earlier else [NO_FACTS])]),
                 slot_updates={"set_aside": set_aside})


#: Whether the treatment works, asked with "it": the whole treatment, not the drug named last.
TREATMENT_WORKING = re.compile(r"\b(?:it'?s|it\s+is|is\s+it|it)\s+(?:working|helping|effective|doing\s+anything)\b|"
                               r"\bhow\s+(?:will|would|do|can|shall)\s+(?:i|we|you|they)\s+(?:know|tell)\b", re.I)
#: The chance that a drug works: "how likely is it to work for her?", "what are the chances that helps?".
CHANCE_IT_WORKS = re.compile(r"\b(?:how\s+likely|chances?|odds|likelihood|how\s+often|how\s+many)\b[^.?!]{0,30}?"
                             r"\b(?:it|that|this)\b[^.?!]{0,20}?\b(?:work|works|help|helps|respond|responds|succeed)\b",
                             re.I)
#: A relapse told in the same message as the question about how often it happens.
WORSE_ON_TAPER = re.compile(
    r"\b(?:dropped|reduced|lowered|tapered|weaned|came\s+down|cut|brought\s+down)\b[^?]{0,80}?"
    r"\b(?:weak(?:er)?\s+again|worse\s+again|came\s+back|relapse\w*|flared?\s+up|back\s+up|went\s+(?:back\s+)?up)\b",
    re.I)
#: A plural pointer back ("protect them"): a thing told of before, not the one drug named.
THEM = re.compile(r"\b(?:them|they|those)\b", re.I)
#: What a course told before can be, for a question about how often "this" happens.
COURSE_EVENTS = ("relapse", "refractory")
#: A statin named (not a plan agent, so not among the knowledge base's drugs).
A_STATIN = re.compile(r"\b(?:statins?|\w*vastatin|atorva|rosuva|simva|prava)\b", re.I)


#: What a question asks of a drug across the subtypes, and nothing else ("does it do better in SRP or HMGCR?"); a
#: question with a topic of its own keeps "it" ("if she relapses on it", "if we cut it down too quick").
COMPARED_ACROSS_SUBTYPES = ANTIBODY_TOPICS | {"subtypes", "response"}
#: "it" as the subject or object of a question about a drug ("is it only for severe cases?", "does it work better").
IT_FOR_THE_DRUG = re.compile(r"\bit\b(?!['’]s\b)", re.I)
#: "if it is that", "if it turns out to be this": the pronoun is the diagnosis being considered.
DIAGNOSIS_SUPPOSED = re.compile(r"\bif\s+(?:it|this|that)\s*(?:is|'s|turns\s+out|comes\s+back|does\s+turn\s+out)\b",
                                re.I)


#: A thing the question names after "dose of", "for": "what dose of apixaban should she have for her AF?".
OBJECT_NAMED = re.compile(r"\b(?:of|for)\s+(?!(?:her|him|them|it|that|this|me|us|the\s+(?:patient|pt)|adults?|kids?)\b)"
                          r"(?:her\s+|his\s+|the\s+)?[a-z]{2,}", re.I)
#: Topics that are an aspect of a subject rather than a subject ("how long", "side effects").
ASPECT_TOPICS = frozenset({"duration", "side-effects", "response", "subtypes"})


#: The cancer team, whose drug (the checkpoint inhibitor) is the "it" they ask about stopping.
ONCOLOGY = re.compile(r"\b(?:oncolog\w*|onc\s+team|cancer\s+(?:team|doctors?|specialists?|nurses?))\b", re.I)


def carried_subject(text: str, history: Sequence[str], kb: KnowledgeBase) -> str | None:
    """What a short question's "it" or "that" stands for when no plan frames it: the user's last question
    (its drug, else what it asked: "Q re pneumocystis prophylaxis ..." then "does she need it now?"), else
    the drug named last ("gave IVIG alone" ... "how often do we keep giving it?")."""
    if EVENT_RATE.search(text) and WORSE_ON_TAPER.search(text):
        # "My steroids were dropped to 10 mg and my legs got weak again. Does this happen to a lot of people?"
        return "relapse"
    if DIAGNOSIS_SUPPOSED.search(text):
        return None  # "if it is that, what will they treat him with?": "it" is the diagnosis
    if ONCOLOGY.search(text) and ICI_STOP_ASKED.search(text):
        return "checkpoint"  # "oncology asking which features would make stopping it mandatory": their drug
    picked = listed_agent(text, history, kb)  # "and the other one?" after "deciding between aza and MMF"
    if picked is not None:
        return picked
    # "how likely is it to work for her?": its chance of working is the drug's own response rate.
    # "how likely is that to happen?" after "scared it'll come back": the likelihood of the event told, not the outlook.
    own_topics = set(topics_in(text)) - GENERIC_TOPICS - (
        {"prognosis"} if CHANCE_IT_WORKS.search(text) or EVENT_RATE.search(text) else set())
    if own_topics & ASPECT_TOPICS:
        # The subtypes an aspect of it is asked in say in which patients, not what ("does it work better in SRP or
        # HMGCR pts?"); alone they are the question ("what's she likely to be treated with, given it's SRP?").
        own_topics -= CONTEXT_TOPICS
    # "my pharmacist made a big deal that it's only once a week. is that right?": a short last question pointing back.
    # "and what's the threshold - what dose and for how long before it's indicated": a clause of it points back.
    clauses = [part for part in re.split(r"\s[-–—]\s|[;,]", text) if part.strip()]
    pointing = points_back(text, kb) or (points_back(_last_sentence(text), kb) or any(
        THING_POINTED_AT.search(part) and points_back(part, kb) for part in clauses[1:])) and not agents_named(text, kb)
    if pointing and THING_POINTED_AT.search(text):
        own_topics -= ASPECT_TOPICS  # "for how long before it's indicated": how long, of the thing pointed at
    # "they're going ahead with RTX" then "how many doses and how far apart?": an aspect asked of nothing named is
    # asked of the drug the conversation just named.
    pointing = pointing or (names_an_aspect(text) and not agents_named(text, kb) and not own_topics - ASPECT_TOPICS
                            # A longer one that tells no number tells no new case ("and the second one is given
                            # how long after the first?").
                            and (len(text.split()) <= SHORT_FOLLOW_UP_WORDS or not re.search(r"\d", text))
                            and not OBJECT_NAMED.search(text)
                            and bool(history) and bool(agents_named(history[-1], kb)))
    if not pointing or own_topics:
        return None  # "what often happens when we taper that?" names its own topic (the taper)
    if TREATMENT_WORKING.search(text):
        return None  # "how will we know it's working?": the treatment as a whole, which monitoring answers
    if EVENT_RATE.search(text) and not CHANCE_IT_WORKS.search(text):
        # "how often does this happen?" after "tapered to 7.5 mg and she's weaker again": the event, not the drug.
        return next((topic for message in reversed(history[-3:]) for topic in topics_in(message)
                     if topic in COURSE_EVENTS), None)
    # The latest question that names its subject, else the latest drug named; a question that itself pointed
    # back ("how often is it repeated?") passes the reference on to the one before.
    recent = list(reversed(history[-3:]))
    deferred = None  # a question that asked an aspect of the one before it, used when no earlier one names a subject
    for message in recent:
        if not asks_something(message):
            continue
        focus = question_focus(message)
        own = set(topics_in(focus)) - GENERIC_TOPICS
        if points_back(focus, kb) and not agents_named(focus, kb) and not own:
            # "on pred 40 mg ... does she need it yet?": the drug is a fact told; the question's "it" is passed on.
            continue
        if points_back(focus, kb) and not agents_named(focus, kb) and not own - ASPECT_TOPICS:
            # "do we need PJP prophylaxis ...?" then "how long before that kicks in?": the subject is further back.
            deferred = deferred or focus
            continue
        agents = subject_agents(message, kb)
        # Of the question, not of the case told before it ("59F, HMGCR+, statin naive. giving IVIG. total dose?").
        # A measure asked about is a subject ("What does the CK mean?" then "what are they aiming for with it?").
        about_else = set(topics_in(focus)) - TREATMENT_TOPICS - GENERIC_TOPICS - (CONTEXT_TOPICS - {"measures"})
        if about_else:  # "pneumocystis prophylaxis in pts on steroids": the prophylaxis is asked, the steroid context
            return focus
        if agents:
            return _the_one_the_aspect_fits(text, agents, kb)
    if deferred is not None:
        return deferred  # "will I need to be on these meds forever?": nothing earlier, so that question itself
    # "I worry about my bones." then "What else should I take to protect them?": what the message before told of.
    last_said = next(reversed(split_sentences(history[-1])), "") if history else ""
    told = [topic for topic in topics_in(last_said) if topic not in TREATMENT_TOPICS | GENERIC_TOPICS | CONTEXT_TOPICS
            ] if last_said and not asks_something(last_said) and (THEM.search(text) or PART_OF_THE_ILLNESS.search(text)
                                                                   ) else []
    if told:
        # A topic named by its words when its name is none of them ("red-flags" is asked as "swallow").
        return told[0] if topics_in(told[0]) else TOPIC_WORDS.get(told[0], (told[0],))[0]
    drug = next((_given_as_said(text, agents, kb) or discussed(message, agents, kb)
                 for message in recent for agents in [subject_agents(message, kb)] if agents), None)
    if drug is None and any(A_STATIN.search(message) for message in recent):
        return "statin"  # "I was on atorvastatin until May" ... "should I stay off it for good?"
    told_ici = next((message for message in recent if "checkpoint" in topics_in(message)), None)
    if drug is None and told_ici is not None and extract(told_ici).ici_exposure is True:
        # "on pembrolizumab for melanoma" ... "can he carry on with it?" (not after "she was never on pembrolizumab").
        return "checkpoint"
    return drug



def _the_one_the_aspect_fits(text: str, agents: list[str], kb: KnowledgeBase) -> str:
    """Of several drugs asked about before, the one this question's aspect can be about ("add tacrolimus and IVIG?"
    ... "what trough do we aim for with it?": only tacrolimus is dosed to a blood level); else the last named."""
    if len(agents) > 1 and ASPECTS["level"].search(text):
        levelled = [agent for agent in agents if any(
            entry.agent == agent and entry.dose is not None and "trough" in entry.dose.text.lower()
            for entry in kb.entries)]
        if levelled:
            return levelled[-1]
    return _given_as_said(text, agents, kb) or agents[-1]


#: How often a drug is said to be given: "it's only once a week", "is that monthly?".
FREQUENCY_SAID = re.compile(r"\b(?:once\s+(?:a|per|every)\s+(?P<a>day|week|month)|(?P<b>dai)ly|(?P<c>week)ly|"
                            r"(?P<d>month)ly|every\s+(?P<e>day|week|month))\b", re.I)


def _given_as_said(text: str, agents: list[str], kb: KnowledgeBase) -> str | None:
    """Of several drugs named before, the one whose dose is given as often as the message says ("on methotrexate
    15 mg a week and prednisolone" ... "it's only once a week, is that right?": the weekly one)."""
    said = FREQUENCY_SAID.search(text)
    if len(agents) < 2 or said is None:
        return None
    unit = next(group for group in said.groups() if group).lower().replace("dai", "day")
    fitting = [agent for agent in dict.fromkeys(agents) if any(
        entry.agent == agent and entry.dose is not None and unit in entry.dose.text.lower() for entry in kb.entries)]
    return fitting[0] if len(fitting) == 1 else None


#: Words a short follow-up may have beside its question word without naming anything ("so for her?", "which
#: agent?", "what else for the acute management?").
ELLIPTICAL_MAX_WORDS = 7
HYPOTHETICAL_OPENING = re.compile(r"^.*\b(?:hypothetical(?:ly)?|in\s+theory|say|if\s+(?:a|an|the)\s+\w+\s+"
                                  r"(?:was|were|is|weighed|weighs|had))\b[^,]*,\s*", re.I)


def earlier_question(text: str, history: Sequence[str], kb: KnowledgeBase) -> str | None:
    """The asking part of the user's latest question that named its subject, for a short question that names
    none ("which agent?", "so for her?"); a made-up patient it was asked for is left out ("hypothetically, if a
    pt was 120 kg, what IVIG dose?" is asked again as "what IVIG dose?", now for this patient)."""
    if (not asks_something(text) or len(re.findall(r"[\w'-]+", text)) > ELLIPTICAL_MAX_WORDS
            or set(topics_in(text)) - GENERIC_TOPICS or agents_named(text, kb)):
        return None
    for message in reversed(history[-3:]):
        if not asks_something(message):
            continue
        focus = question_focus(message)
        if (THING_POINTED_AT.search(focus) and not agents_named(focus, kb)
                and not set(topics_in(focus)) - GENERIC_TOPICS - ASPECT_TOPICS):
            # "how long do they have to be on it before that kicks in" asked an aspect of the question before it:
            # the subject is further back ("do we need PJP prophylaxis ...?").
            continue
        if set(topics_in(focus)) - GENERIC_TOPICS or agents_named(focus, kb):
            return HYPOTHETICAL_OPENING.sub("", focus)
    return None


#: The words a red flag is asked about with, for a question about how grave it is.
FINDING_WORDS = {"myasthenic": "myasthenia", "dysphagia": "dysphagia", "respiratory": "respiratory involvement",
                 "cardiac": "cardiac involvement", "myocarditis": "myocarditis", "ild": "interstitial lung disease",
                 "malignancy": "cancer"}


def findings_asked_about(text: str, slots: dict[str, object]) -> str | None:
    """For "how worried should I be?" or "is that a bad sign?" that names nothing: this patient's red flags, the
    findings the question is about ("myasthenia and cancer")."""
    flags = [flag for flag in FINDING_WORDS if flag in set(slots.get("red_flags") or ())]
    # "Does this change her outlook?" names the outlook (a predictors topic), which is what the findings are asked of.
    if not flags or not SERIOUSNESS.search(text) or set(topics_in(text)) - GENERIC_TOPICS - {"predictors", "prognosis"}:
        return None
    return " and ".join(FINDING_WORDS[flag] for flag in flags)


#: A question that asks for one of several ("which one is preferred?", "which would you pick?").
CHOOSES_ONE = re.compile(r"^\W*(?:(?:and|so|ok(?:ay)?|but)\W+)*(?:which|what)\s+"
                         r"(?:one|agent|drug|option|of\s+(?:them|those|these))\b|"
                         r"\bwhich\s+(?:one\s+)?(?:is|would|should|do)\b.*\b(?:prefer\w*|best|first|pick|choose|go\s+with)\b|"
                         # "what would you use instead then?": the answer names the one to use.
                         r"\b(?:use|give|try|start|go\s+with|pick)\s+instead\b|"
                         # "would u go rituximab or IVIG next for her": a choice between two drugs.
                         r"\b(?:go|go\s+with|pick|choose|use|start|prefer|favou?r)\s+\w+\s+or\s+\w+|"
                         # "IVMP started. what's the next agent given her antibody?"
                         r"\bwhat(?:'s|\s+is|\s+would\s+be|\s+should\s+be)\s+(?:the\s+)?(?:next|best|preferred|right|first)\s+"
                         r"(?:agent|drug|option|one|add[-\s]?on|medication|medicine)\b|"
                         # "after the pulses, which add-on is favoured for her antibody?": a choice, later on.
                         rf"\bwhich\s+{CHOICE_NOUN}\s+(?:is|would|should|do|does|to)\b",
                         re.I)


#: "anything change now we know?", "does that change things?": what a fact just told changes.
WHAT_IT_CHANGES = re.compile(r"\b(?:anything|what|does\s+(?:that|this|it)|will\s+(?:that|this|it)|"
                             r"has\s+(?:that|this))\s+(?:\w+\s+)?chang\w*|\bnow\s+(?:that\s+)?we\s+know\b|"
                             r"\bany\s+different\b", re.I)
RESULT_NAMES = {"hmgcr": "anti-HMGCR", "srp": "anti-SRP", "seronegative": "antibody-negative"}


def bare_lead(text: str) -> str | None:
    """The bare question that opens a longer message ("why not? I hate the side effects"), else None."""
    sentences = split_sentences(text)
    return sentences[0] if len(sentences) > 1 and BARE_QUESTION.fullmatch(sentences[0].strip()) else None


def within_the_question(text: str, words: str) -> str:
    """`words` added inside the asking sentence, so that they count as what it asks about ("what proportion respond
    to it (rituximab)?"), not as a sentence of their own that the question's focus leaves out."""
    stripped = text.rstrip()
    if stripped.endswith("?"):
        return f"{stripped.rstrip('?')} ({words.rstrip('?')})?"
    return f"{text} ({words})"


def _asks_what_the_last_message_changes(text: str, history: Sequence[str]) -> bool:
    return bool(history) and bool(WHAT_IT_CHANGES.search(text)) and not set(topics_in(text)) - GENERIC_TOPICS


def _result_told(message: str) -> str | None:
    told = [RESULT_NAMES[topic] for topic in topics_in(message) if topic in RESULT_NAMES]
    return told[0] if len(told) == 1 else None


def result_just_told(text: str, history: Sequence[str]) -> str | None:
    """The antibody result or the one new finding the user's last message told ("HRCT shows NSIP-pattern ILD"), when
    this one asks what it changes and names no topic; named for the question "does ... change the treatment"."""
    if not _asks_what_the_last_message_changes(text, history):
        return None
    result = _result_told(history[-1])
    if result:
        return f"the {result} result"
    finding = finding_just_told(history)
    return FINDING_WORDS[finding] if finding else None


def finding_just_told(history: Sequence[str]) -> str | None:
    """The one red flag the user's last message told ("HRCT shows NSIP-pattern ILD"), when it told no other fact
    that changes the plan ("he did have nivolumab for RCC" changes it by the checkpoint inhibitor)."""
    if not history:
        return None
    told = extract(history[-1])
    if set(told.slots()) - {"red_flags", "audience", "treatments_tried", "severity"}:
        return None
    flags = set(told.red_flags)
    if {"cardiac", "myocarditis"} <= flags:
        flags.discard("cardiac")  # myocarditis is the cardiac finding named
    return flags.pop() if len(flags) == 1 else None


def _names_the_finding(entry, finding: str | None) -> bool:
    return finding is not None and entry.when is not None and finding in (entry.when.red_flags or ())


def what_the_finding_brings(text: str, history: Sequence[str], plan: Recommendation | None, audience: Audience,
                            kb: KnowledgeBase) -> str | None:
    """For "does this change treatment?" right after a new finding ("HRCT shows NSIP-pattern ILD"): the plan's steps
    that are there because of it (those whose condition names it), each in full; None when it brings none."""
    if plan is None or not _asks_what_the_last_message_changes(text, history) or _result_told(history[-1]):
        return None
    finding = finding_just_told(history)  # the last message read once
    brought = [item.entry_id for item in plan.items if _names_the_finding(kb.entry(item.entry_id), finding)]
    heading = f"What {FINDING_WORDS.get(finding, finding)} changes in this patient's plan:"
    if not brought:
        heading = f"What the sources add for {FINDING_WORDS.get(finding, finding)} (the step is in the plan already):"
        # The step it brings is in the plan already, from another entry (one agent once per plan): that entry's
        # reason for this finding, which the plan's own step does not give.
        agents = {kb.entry(item.entry_id).agent for item in plan.items} - {None}
        brought = [entry.id for entry in kb.entries if entry.agent in agents and _names_the_finding(entry, finding)]
    if not finding or not brought:
        return None
    return f"{heading}\n{answer_with_entries(brought, plan, audience, kb)}"


#: Words that make a question general only when nothing in it points at this patient.
HABITUAL_ONLY = re.compile(r"\b(?:usually|typically|generally|normally|ordinarily)\b", re.I)
#: "when do we usually start coming down on it?", "what do you typically give her next?": this patient's treatment,
#: asked as the usual practice.
POINTS_AT_THE_PATIENT = re.compile(r"\b(?:it|her|him|his|she|he|them|this\s+patient|my\s+patient)\b", re.I)


def asks_in_general(text: str) -> bool:
    """A question about patients in general or a made-up patient, not this one."""
    if not (asks_something(text) and said_in_general(text)):
        return False
    # Only a habitual word ("usually") and a pointer at this patient or her drug: asked of her.
    return not (POINTS_AT_THE_PATIENT.search(text) and not said_in_general(HABITUAL_ONLY.sub(" ", text)))


def plan_for_a_made_up_weight(text: str) -> Recommendation | None:
    """The plan of a patient with only the weight a general question names, to work out its doses."""
    weights = [measure.value for measure in find_weights(text) if measure.value is not None]
    if len(weights) != 1:
        return None
    return recommend(facts_from_slots({"weight_kg": weights[0]}, Audience.CLINICIAN))


def next_fact_asked(slots: dict[str, object]) -> str | None:
    """The fact the bot is asking for now (the first blocking one missing), if the slots are valid."""
    try:
        missing = recommend(facts_from_slots(slots, Audience.CLINICIAN)).missing
    except InvalidFacts:
        return None
    asked_name, _ = _asked(slots.get("asked"))
    if asked_name in {fact.name for fact in missing}:
        return asked_name  # the one the last reply asked for ("What does the patient weigh?" after "7.8 kg" refused)
    return next((fact.name for fact in missing if fact.blocking), None)


def patient_topics(slots: dict[str, object]) -> tuple[str, ...]:
    """Knowledge topics this patient's facts point to, for a question that names none ("what's the plan?")."""
    topics = []
    flags = set(slots.get("red_flags") or ())
    if slots.get("severity") == "severe" or flags & {"dysphagia", "respiratory", "cardiac", "myocarditis"}:
        topics.append("severe")
    if slots.get("refractory"):
        topics.append("refractory")
    if slots.get("ici_exposure"):
        topics.append("checkpoint")
    age = slots.get("age_years")
    if slots.get("age_band") == "juvenile" or (isinstance(age, int | float) and age < 18):
        topics.append("juvenile")
    antibody = str(slots.get("antibody") or "").lower()
    if antibody in {"hmgcr", "srp", "seronegative"}:
        topics.append(antibody)
    return tuple(topics)


#: The statin history in words: the status says it ("statin exposure True; statin exposure current" said it twice).
STATIN_IN_WORDS = {"current": "on a statin now", "past": "statin stopped (taken before)",
                   "never": "never took a statin"}


def _in_words(slot: str, value: object) -> str:
    """A slot's value as a clinician reads it (not Python's True, None or a list's brackets)."""
    if slot == "statin_status" and value in STATIN_IN_WORDS:
        return STATIN_IN_WORDS[str(value)]
    if slot == "statin_exposure" and isinstance(value, bool):
        return "taken (when not said)" if value else "never took a statin"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:g} kg" if slot == "weight_kg" else f"{value:g} y" if slot == "age_years" else f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "none"
    return "not known" if value is None else str(value)


def describe_changes(changes: dict[str, tuple[object, object]]) -> str:
    parts = []
    for slot, (old, new) in changes.items():
        if slot == "statin_exposure" and "statin_status" in changes and changes["statin_status"][1] is not None:
            continue  # said by the status ("on a statin now")
        statin = slot in ("statin_status", "statin_exposure")
        said = f"statin: {_in_words(slot, new)}" if statin else f"{SLOT_LABELS.get(slot, slot)} {_in_words(slot, new)}"
        parts.append(f"{said} (was {_in_words(slot, old)})" if old is not None else said)
    return "Updated: " + "; ".join(parts) + "."


def assess(
    slots: dict[str, object],
    audience: Audience,
    problems: list[str],
    changes: dict[str, tuple[object, object]],
    already_recommended: bool,
    plan_requested: bool = False,
) -> Reply:
    """Ask for the next missing fact, point out a problem, or give the (re-issued) plan. A plan asked for
    outright ("what do we do?") is given without the weight too, its doses per kg, the weight asked after."""
    lead = []
    if problems:
        lead.extend(problems)
    try:
        facts = facts_from_slots(slots, audience)
    except InvalidFacts as error:
        # A weight that cannot be an adult's (given before the age, or after it) is not kept: it is asked again.
        weight, adult = slots.get("weight_kg"), slots.get("age_band") == "adult"
        too_light = isinstance(weight, int | float) and weight < MIN_ADULT_WEIGHT_KG
        dropped = {"weight_kg": None} if too_light and adult else {}
        return Reply("\n".join([*lead, *error.problems]), slot_updates=dropped)
    recommendation = recommend(facts)
    # "45 kg, no age": the age would change the steroid dose; the plan is given (labelled provisional) and the
    # age asked, at most twice.
    pending = [fact.name for fact in recommendation.missing if fact.blocking or fact.ask_first]
    set_aside = set(slots.get("set_aside") or ()) & set(pending)
    waiting = [name for name in pending if name not in set_aside]
    if "weight_kg" in waiting and any(WEIGHT_REFUSED.search(problem) for problem in problems):
        # "weight 7.8 kg" refused: the weight is asked next, so that "sorry 78 obviously" is read as it.
        waiting.remove("weight_kg")
        waiting.insert(0, "weight_kg")
    asked_name, asked_count = _asked(slots.get("asked"))
    count = asked_count + 1 if waiting and waiting[0] == asked_name else 0
    if waiting and count >= ASK_AT_MOST:
        # Asked, then asked again with examples, and still no answer: set it aside and move on,
        # never holding back the part of the plan that does not depend on it.
        set_aside.add(waiting.pop(0))
        count = 0
    memory = {"asked": f"{waiting[0]}:{count}" if waiting else None, "set_aside": sorted(set_aside) or None}
    question = "" if not waiting else (
        PLAIN_QUESTIONS[waiting[0]] if audience is Audience.PATIENT and waiting[0] in PLAIN_QUESTIONS
        else REPHRASED[waiting[0]] if count else recommendation_question(recommendation, waiting[0]))
    # Severe disease is urgent: its plan (admission, the IV steroid, the severe combination) is never held back for the
    # weight, which changes the numbers but not the steps; the doses are per kg until it comes.
    # Not when this message's weight was refused ("7000 kg"): the refusal and the question come first, with no plan.
    urgent = facts.severity is Severity.SEVERE and not problems
    provisional_while = PROVISIONAL_WHILE_MISSING | ({"weight_kg"} if plan_requested or urgent else set())
    if pending and set(waiting) <= provisional_while:
        plan_facts, assumed = assume_set_aside(facts, set_aside | ({"weight_kg"} & set(waiting)), audience)
        shown = recommend(plan_facts) if plan_facts is not facts else recommendation
        provisional = [name for name in pending if name in PROVISIONAL_WHILE_MISSING]
        banners = [*assumed, *([provisional_banner(provisional, audience)] if provisional else [])]
        text = "\n".join([*lead, *banners, render_first(shown), "", question])
        return Reply(text.strip(), recommended=True, recommendation=shown, buttons=details_for(audience),
                     slot_updates=memory)
    if waiting:  # a fact still asked for (blocking, or the age where it changes the dose)
        known = [SLOT_LABELS[s] for s in FACT_SLOTS if slots.get(s) not in (None, [], "")]
        noted = f"Noted: {', '.join(dict.fromkeys(known))}. " if known and not problems else ""
        return Reply("\n".join([*lead, noted + question]).strip(), recommendation=recommendation,
                     slot_updates=memory)
    lead_memory = {"asked": None, "set_aside": None} if slots.get("asked") or slots.get("set_aside") else {}
    if changes and already_recommended:
        lead.append(describe_changes(changes) + " Here is the revised plan.")
    elif already_recommended and not problems:
        lead.append("Nothing in that message changed the facts; the plan stands.")
    return Reply("\n".join([*lead, render_first(recommendation)]).strip(), recommended=True,
                 recommendation=recommendation, buttons=details_for(audience), slot_updates=lead_memory)


#: How often one question is asked before its fact is set aside (asked, then rephrased with examples).
ASK_AT_MOST = 2
REPHRASED = {
    "age_years": ('How old is the patient? Under 18 the steroid dose is 2 mg/kg/day up to 60 mg/day, which at this '
                  'weight is more than the adult dose. For example "52 years" or "a 15-year-old".'),
    "antibody": ('I still need the antibody result. Reply for example "anti-HMGCR positive", "anti-SRP positive" '
                 'or "both negative" - or "pending" if it is not back yet.'),
    "severity": ('How weak is the patient? For example "mild - walks normally", "moderate - struggles with stairs", '
                 'or "severe - cannot stand, or swallowing or breathing affected".'),
    "weight_kg": ('I need the weight to work out the doses, for example "64 kg", "141 lb" or "10 st 2 lb". Without it '
                  'I will give the doses per kg.'),
    "statin_exposure": ('Is the patient on a statin now, did they take one before, or never? For example "on '
                        'atorvastatin", "stopped simvastatin last year", "never on a statin" - or "not known".'),
}
#: The same questions in plain words, for a patient or a relative (no "seronegative", "dysphagia", "respiratory
#: compromise"): asked first and asked again alike.
PLAIN_QUESTIONS = {
    "age_years": "How old is the person with the myositis? Treatment for children and teenagers is different.",
    "antibody": ('Which antibody did the blood test find: the HMGCR antibody, the SRP antibody, or neither? If the '
                 'result is not back yet, say "pending".'),
    "severity": ('How much does the weakness affect everyday life? For example "walks normally", "struggles with '
                 'stairs or getting up from a chair", or "cannot stand or walk, or has trouble swallowing or '
                 'breathing".'),
    "weight_kg": 'How much does the person weigh? For example "64 kg", "141 lb" or "10 stone 2".',
    "statin_exposure": ('Has the person ever taken a statin (a cholesterol tablet such as atorvastatin or '
                        'simvastatin)? Now, in the past, or never - or "not known".'),
}
SET_ASIDE_NOTES = {
    "severity": ('**Severity not given, so the non-severe regimen is shown.** If there is dysphagia, breathing '
                 'difficulty or rapid progression, say "severe": the plan changes.'),
    "weight_kg": "**No weight given, so the weight-based doses are per kg.** Give the weight for the numbers.",
}


def _asked(value: object) -> tuple[str | None, int]:
    """'statin_exposure:1' -> ('statin_exposure', 1); anything else -> (None, 0)."""
    name, _, count = str(value or "").partition(":")
    return (name or None, int(count)) if count.isdigit() else (None, 0)


def recommendation_question(recommendation: Recommendation, name: str) -> str:
    return next(fact.question for fact in recommendation.missing if fact.name == name)


def assume_set_aside(facts: PatientFacts, set_aside: set[str], audience: Audience) -> tuple[PatientFacts, list[str]]:
    """Facts for a plan when a question went unanswered twice: severity taken as not severe (said
    so, with what would change it); a missing weight leaves the doses per kg (said so)."""
    notes = []
    if "severity" in set_aside and facts.severity is None:
        facts = facts.model_copy(update={"severity": Severity.MODERATE})
        notes.append(SET_ASIDE_NOTES["severity"])
    if "weight_kg" in set_aside and audience is not Audience.PATIENT:
        notes.append(SET_ASIDE_NOTES["weight_kg"])
    return facts, notes


#: Missing facts that change only part of the plan: with the others known, the rest is given now.
PROVISIONAL_WHILE_MISSING = frozenset({"antibody", "statin_exposure", "age_years"})


#: "which result are we waiting on?", "what's still pending?", "what else do you need from me?": the facts missing.
#: Not "should we wait for the antibody before treating?", which asks whether to wait (the sources: do not).
ASKS_WHAT_IS_AWAITED = re.compile(
    r"\b(?:what|which)\s+(?:\w+\s+){0,2}?(?:are|is|am)\s+(?:we|you|they|i)\s+(?:still\s+)?wait\w*\s+(?:on|for)\b|"
    r"\b(?:what|which)(?:'s|\s+is|\s+are|\s+\w+\s+(?:is|are))\s+(?:still\s+)?(?:pending|outstanding|missing\s+from\s+the\s+plan)\b|"
    r"\bwhat\s+else\s+do\s+you\s+need\b|"
    r"\bwhich\s+(?:results?|tests?|facts?)\b[^.?]*\b(?:change|matter|decide)\w*", re.I)


def facts_awaited(text: str, current: Recommendation | None, audience: Audience) -> str | None:
    """The facts the plan still lacks, each with what it would change and its sources; None when the message does
    not ask what is awaited or nothing is missing."""
    if current is None or not current.missing or not ASKS_WHAT_IS_AWAITED.search(_last_sentence(text)):
        return None
    names = [fact.name for fact in current.missing if fact.name in MISSING_CHANGES]
    if not names:
        return None
    if audience is Audience.PATIENT:
        return ("Some results or details are still to come: " + ", ".join(MISSING_CHANGES[name][0] for name in names)
                + ". Your care team will use them to settle the plan.")
    return "\n".join(["Still missing, and what each would change:"] + [
        f"- **{MISSING_CHANGES[name][0].capitalize()}**: it decides {what_missing_changes(name)}." for name in names])


def provisional_banner(pending: list[str], audience: Audience) -> str:
    """Says what the plan below leaves out and why it is safe to start the rest now."""
    if audience is Audience.PATIENT:
        return ("**A first plan, before all the test results are back.** Some parts may change when "
                "they are. Your care team decides when to start.")
    waiting = " and ".join(f"{MISSING_CHANGES[name][0]} (it decides {what_missing_changes(name)})" for name in pending)
    return (f"**Provisional plan** - still missing: {waiting}. High-dose corticosteroid should be started "
            "immediately upon diagnosis [S003]; the steps below do not depend on what is missing.")


def _report_first(reply: Reply, slots: dict[str, object], found_names: frozenset[str], audience: Audience) -> None:
    """A patient or relative who tells of new trouble swallowing or breathing ("My dad has started coughing whenever
    he drinks ... is that serious?") is told first to report it at once, whatever else the reply says."""
    told_urgent = set(slots.get("red_flags") or []) & URGENT_TO_REPORT if "red_flags" in found_names else set()
    report = default_knowledge().entry(REPORT_AT_ONCE).plain
    if audience is Audience.PATIENT and told_urgent and not reply.text.startswith(f"**{report}**"):
        rest = [line for line in reply.text.split("\n") if line.strip("-* ") != report]  # said once, at the top
        reply.text = "\n".join([f"**{report}**", *rest])


def _asked_again(lead: list[str], slots: dict[str, object], already_recommended: bool, found_names: frozenset[str],
                 history: Sequence[str], last_reply: str) -> Reply:
    """The previous message's question answered again for the facts as they now stand, under `lead`: one path for
    "the one with IMNM" after a question and for a fact put right under a plan asked for."""
    again = respond(history[-1], "ask_question", slots, False, [], {}, already_recommended, found_names,
                    history[:-1], last_reply)
    return Reply("\n".join([*lead, again.text]), recommended=again.recommended, recommendation=again.recommendation,
                 buttons=again.buttons, slot_updates=again.slot_updates)


def respond(
    text: str,
    intent: str | None,
    slots: dict[str, object],
    found_facts: bool,
    problems: list[str],
    changes: dict[str, tuple[object, object]],
    already_recommended: bool,
    found_names: frozenset[str] = frozenset(),
    history: Sequence[str] = (),
    last_reply: str = "",
) -> Reply:
    """One turn (see `_respond`), then a question that names a drug is answered about that drug too: where it stands
    in this patient's plan, when the answer left it out."""
    audience = audience_from(slots.get("audience"))[0]
    try:
        current = recommend(facts_from_slots(slots, audience))
    except InvalidFacts:
        current = None
    reply = _respond(text, intent, slots, found_facts, problems, changes, already_recommended, found_names, history,
                     last_reply, current)
    _report_first(reply, slots, found_names, audience)
    if (reply.recommended or not asks_something(text) or reply.text.startswith((*NOTHING_ANSWERED, OUT_OF_SCOPE))
            or audience is Audience.PATIENT or current is None):
        return reply
    kb = default_knowledge()
    if (NEXT_STEP_ASKED.search(text) and current.facts.refractory
            and kb.entry(ESCALATION_LEAD).title not in reply.text  # a reply showing the lead has the options
            and (options := escalation_options(current, "**Next for this patient** (refractory course): "))):
        # "does being antibody-negative change what we do next?": what the fact means, then the next step itself.
        reply.text = f"{reply.text}\n\n{options}"
    if not plan_given(current):
        return reply
    given = frozenset(map(str, slots.get("treatments_tried") or ()))
    named = named_but_not_answered(text, reply.text, current, kb, given)
    if named:
        reply.text = f"{named}\n\n{reply.text}"  # the drug the user named leads
    return reply


#: "does being antibody-negative change what we do next?", "next steps?": the next step is asked too.
NEXT_STEP_ASKED = re.compile(r"\bwhat\s+(?:we|to|should\s+we|do\s+we|would\s+we)\s+(?:do|try|give|add)\s+next\b|"
                             r"\bnext\s+steps?\b|\bchange\s+(?:what\s+we\s+do|the\s+plan|management|our\s+(?:plan|approach))\b|"
                             # "would switching MTX to MMF help him?": for a refractory course, what the sources add.
                             r"\b(?:switch\w*|swap\w*|chang\w*)\b[^?]{0,40}\b(?:help|work|better|improve)\w*|"
                             # "is it too late to go aggressive?", "should we escalate?", "time to step it up?".
                             r"\b(?:go|be|get|going|being)\s+(?:more\s+)?aggressive\b|\bescalat\w+\b|"
                             r"\bstep\s+(?:it\s+|things\s+)?up\b|"
                             r"\bwhat\s+else\s+(?:can|could|should|would|do)\s+(?:we|i|you)\s+(?:add|try|give|use|offer)\b",
                             re.I)


def _respond(
    text: str,
    intent: str | None,
    slots: dict[str, object],
    found_facts: bool,
    problems: list[str],
    changes: dict[str, tuple[object, object]],
    already_recommended: bool,
    found_names: frozenset[str] = frozenset(),
    history: Sequence[str] = (),
    last_reply: str = "",
    current: Recommendation | None = None,
) -> Reply:
    """One turn. Questions are answered from the knowledge base; facts move the plan forward.

    `found_names` are the slots this message itself supplied; `history` the user's earlier messages
    (oldest first), where a follow-up's "that" or "it" is looked up; `last_reply` the bot's answer before this
    message ("which of those is dosed by weight?" chooses among the drugs it named); `current` the plan for the
    slots as they stand, computed once by `respond`."""
    text = written_forms(text)  # "I V I G", "pred nisolone" as typed
    # "what's the next agent given her antibody?": asked of the steps that fact brings ("... for anti-SRP disease").
    given = asked_given_a_fact(text, slots)
    # "what do we add on top of the steroids?" for a patient on pembrolizumab: asked in checkpoint-inhibitor myositis.
    text = given or asked_in_checkpoint_myositis(text, slots) or text
    audience, audience_note = audience_from(slots.get("audience"))
    notes = [audience_note] if audience_note else []
    kb = default_knowledge()
    if not found_facts and not problems and ACTS_ON_IT.search(text):
        # "and if he can't tolerate it?", "should oncology stop it?": read with the drug the pronoun stands for
        # (the subject is looked up only for a message that acts on a pronoun).
        named_before = next((found[0] for message in reversed(history[-3:])
                             for found in [CHECKPOINT_DRUG.findall(message)] if found), None)
        subject = carried_subject(text, history, kb)
        if subject is None and named_before is None and RULED_OUT.search(text):
            subject = the_one_with_alternatives(current)  # "what's first line?" ... "if he can't tolerate that one?"
        text = drug_for_it(text, subject, kb, named_before)
    instead = not found_facts and INSTEAD.search(text) and not agents_named(text, kb)
    out = ruled_out_lately(history, kb) if instead else set()
    if len(out) == 1:
        # "ALD with cirrhosis so MTX is a no go" then "what would you use instead then?": the alternatives to that drug.
        text = f"{text} (alternatives to {kb.agents[next(iter(out))][0]})"
    if (not found_facts and not problems and ONLY_IMNM in last_reply and not IMNM_SPECIFIC.search(text)
            and not agents_named(text, kb) and not set(topics_in(text)) - GENERIC_TOPICS and asks_something(text)):
        # "best treatment for an acute gout flare" ... "colchicine dose?": still the other condition, not IMNM.
        return Reply("\n".join([*notes, not_addressed(text, audience), ONLY_IMNM]))
    # "They've put me on prednisolone and want to add methotrexate. Is that one once a day?": "that one" is the drug
    # this message named last; the question is answered with it.
    text = with_its_antecedent(text, kb) or (
        the_alternative_offered(text, last_reply, history, kb) if not found_facts else None) or text
    awaited = facts_awaited(text, current, audience) if not found_facts and not problems else None
    if awaited is not None:  # "which result are we waiting on that would change treatment?"
        return Reply("\n".join([*notes, awaited]), recommendation=current)
    supposed = what_if_answer(text, slots, current, audience) if not found_facts and not problems else None
    if supposed is not None:  # "and if it comes back SRP, what changes?": the plan under that fact, beside this one
        return Reply("\n".join([*notes, supposed]), recommendation=current)
    if not problems:
        compared = _compared_with_this_patient(text, slots, changes, current, audience, history, kb, found_facts)
        if compared is not None:
            compared.text = "\n".join([*notes, compared.text])
            return compared
    restated = _said_again(text, history, current, audience, kb, found_facts or bool(problems), last_reply)
    if restated is not None:
        return restated
    version = other_audience_version(text, current)
    if version is not None and not problems and not (set(changes) - {"audience"}):
        # "patient version" / "teaching version" under a plan: show it; the conversation's audience stays.
        before = changes.get("audience", (slots.get("audience"),))[0]
        return Reply("\n".join([*notes, version]), slot_updates={"audience": before} if "audience" in changes else {})
    only_audience = set(changes) == {"audience"} and not problems
    if only_audience:
        text_for = f"Switched to the {AUDIENCE_NAMES[audience]} view."
        if asks_something(text) and asks_in_general(text):
            # "teaching example for the juniors: if a patient weighed 100 kg ...": a made-up patient's doses.
            made_up = plan_for_a_made_up_weight(text)
            asked = answer(text, None, audience, kb, dose_plan=made_up,
                           dose_for=f"{made_up.facts.weight_kg:g} kg" if made_up is not None else "this patient")
        else:
            asked = answer(text, current, audience, kb) if asks_something(text) else None
        if asked is not None:  # "my doctor says I need IVIG, what is it?": answer in the new view
            return Reply(f"{text_for}\n{asked}")
        if current is not None and current.complete:
            return Reply(f"{text_for}\n{render_first(current)}", recommended=True, recommendation=current,
                         buttons=details_for(audience))
        if not asks_something(text):
            return Reply(f"{text_for} Describe the patient, or ask a question.")
        # A patient or relative asking something nothing matched: carry on as for any question.
        notes.append(text_for)
    # "so does HMGCR still fit?" while a fact is awaited names a fact already held: a question to answer,
    # not an answer that leaves the awaited fact unanswered.
    # So does a question under a plan that repeats facts already held ("if she hasn't responded by 3 months, what's
    # the add-on you'd use for SRP specifically"): the plan stands, and the question is what was asked.
    restated_only = (found_facts and (bool(slots.get("asked")) or already_recommended) and asks_something(text)
                     and not (set(changes) - {"audience"}))
    # A question that tells only a treatment given ("She had a bad reaction to MTX years ago, so the other one then.
    # Dose for her?") is a question: the treatment is kept, the question answered as one.
    only_a_treatment = set(found_names) - {"audience"} == {"treatments_tried"} and asks_something(text)
    # "scrap that, HMGCR is still pending", "scrap the statin - wrong patient": a fact taken back is a fact changed,
    # not a question.
    taken_back = any(old is not None and new is None for name, (old, new) in changes.items() if name != "audience")
    fresh_facts = (found_facts and not restated_only and not only_a_treatment) or bool(problems) or taken_back
    if DETAIL_REQUESTS["timeline"].search(text) and not fresh_facts:
        if current is None or not current.complete:
            return Reply("\n".join([*notes, "A timeline needs a plan first. " + NO_FACTS]))
        drawn = timeline(current, audience)
        return Reply("\n".join([*notes, f"**Timeline** (only timings the plan states). {drawn.alt_text}"]),
                     timeline=drawn)
    if is_detail_request(text) and not fresh_facts:
        reply = answer(text, current, audience, kb)
        if reply is not None:
            return Reply("\n".join([*notes, reply]))
    chosen = which_of_those(text, last_reply, history, kb, current, audience) if not fresh_facts else None
    if chosen is not None:
        return Reply("\n".join([*notes, chosen]), recommendation=current)
    questions = separate_questions(text)
    if not fresh_facts and len(questions) > 1 and audience_note is None:
        # "Can I start coming down on the pred? And what CK are we aiming for?": each question answered in turn;
        # one that nothing answers is left out when another was answered.
        # Each question is read after the ones before it ("Is IVIG the drip ...? How many days does each course
        # take?": the course is IVIG's).
        replies = [respond(question, "ask_question", slots, False, [], {}, already_recommended, found_names,
                           (*history, *questions[:index]), last_reply)
                   for index, question in enumerate(questions)]
        parts = [reply.text for reply in replies]
        answered = [part for part in parts if not part.startswith((*NOTHING_ANSWERED, OUT_OF_SCOPE))] or parts[:1]
        # "Next steps? and is her age relevant?": a plan among the answers is a plan given (and audited).
        plan = next((reply for reply in replies if reply.recommended and reply.text in answered), None)
        return Reply("\n\n".join([*notes, *dict.fromkeys(answered)]), recommended=plan is not None,
                     recommendation=plan.recommendation if plan else None, buttons=plan.buttons if plan else ())
    if not fresh_facts and (OPENER.search(text) or WHAT_YOU_NEED.search(text)):
        return Reply("\n".join([*notes, OPENER_REPLY]))
    if not fresh_facts and GENERAL_OPENER.search(text):
        return Reply("\n".join([*notes, GENERAL_OPENER_REPLY]))
    lacking = fact_not_known_yet(text) if not fresh_facts else None
    if lacking is not None:
        return _without_the_fact(text, lacking, slots, audience, problems, changes, already_recommended, history, kb,
                                 notes)
    if not fresh_facts and asks_in_general(text):
        # "general q: is younger onset a worse sign?", "the standard IVIG dose for a typical 70 kg adult?": about
        # patients in general, so this patient's facts neither filter the answer nor give its doses.
        made_up = plan_for_a_made_up_weight(text)
        # "what proportion respond to it?" right after the plan offered rituximab: the rate for that drug.
        offered = offered_next(text, history, current, kb)
        reply = answer(within_the_question(text, offered) if offered else text, None, audience, kb, dose_plan=made_up,
                       dose_for=f"{made_up.facts.weight_kg:g} kg" if made_up is not None else "this patient")
        if reply is not None:
            return Reply("\n".join([*notes, reply]))
    # "Is there anything left to try?" from the family of a patient whose treatments failed: the options for that,
    # which the short plain plan (today's first steps) does not reach.
    after_failures = (audience is Audience.PATIENT and current is not None and current.facts.refractory
                      and "refractory" in topics_in(text))
    brought = what_the_finding_brings(text, history, current, audience, kb) if not fresh_facts else None
    if brought is not None:
        return Reply("\n".join([*notes, brought]), recommendation=current)
    if not fresh_facts and not after_failures:
        followed = follow_up(text, history, current, audience, kb, last_reply)
        if followed is not None:
            return Reply("\n".join([*notes, followed.text]), recommended=followed.recommended,
                         recommendation=followed.recommendation, buttons=followed.buttons)
    # Treatments given describe the course; alone they are not a patient the plan can start from.
    known = any(slots.get(name) not in (None, [], "") for name in FACT_SLOTS if name != "treatments_tried")
    if not problems and audience is Audience.PATIENT and plan_given(current, PLAIN_PLAN_WITHOUT) and any(
            asks_what_to_do(sentence) for sentence in split_sentences(text)) and not after_failures:
        # "is this serious? what will the doctors do": the plan in plain words, which shows no dose and so
        # does not wait for the weight (nor for a statin history or antibody, said as still to come).
        missing = [fact.name for fact in current.missing if fact.blocking]
        # "my wife choked on water twice today ... what should we do": what to report at once leads (_report_first).
        lead = [provisional_banner(missing, audience)] if missing else []
        return Reply("\n".join([*notes, *lead, render_first(current)]), recommendation=current,
                     buttons=details_for(audience))
    if not fresh_facts and current is not None and IF_IT_FAILS.search(text):
        # "and if he doesn't respond adequately what gets added?" before the plan is complete: the options
        # for an inadequate response do not wait for the facts the first-line plan still needs.
        options = answer_if_it_fails(text, current, current if current.facts.refractory else recommend(
            current.facts.model_copy(update={"refractory": True})))
        if options is not None:
            label = [provisional_dose_label(current, audience).strip()] if not current.complete else []
            return Reply("\n".join([*notes, *label, options]), recommendation=current)
    # A patient's "what else should I take to protect them?" asks of something told before, not for the plan.
    if (not fresh_facts and known and asks_what_to_do(text)
            and (audience is not Audience.PATIENT or not (POINTS_AT_SOMETHING.search(text) or after_failures))
            and not result_just_told(text, history)):
        # "what next?" before the plan is complete: the plan so far, or the question it is waiting on.
        result = assess(slots, audience, problems, changes, already_recommended, plan_requested=True)
        if not result.recommended:
            # "What would we start?" while a fact the plan needs is missing: the first-line treatment as the sources
            # give it, then the question that makes it this patient's.
            # For a refractory course ("what options are left?" after prednisone, methotrexate, IVIG and rituximab)
            # the options for that course, which do not wait for the missing fact either.
            general = (escalation_options(current, "**Options for a refractory course** (they do not wait for the "
                                                   "missing fact): ")
                       if current is not None and current.facts.refractory else None
                       ) or answer(f"{text} (first-line treatment)", None, audience, kb, dose_plan=current)
            result.text = f"{general}\n\n{result.text}" if general else result.text
        result.text = "\n".join([*notes, result.text])
        return result
    if intent in SMALL_TALK and not fresh_facts and is_small_talk(text, intent):
        return Reply("\n".join([*notes, SMALL_TALK[intent]]))
    if not fresh_facts and history and JUST_THE_DISEASE.match(text) and asks_something(history[-1]):
        # "which steroid sparer should I use for my patient?" ... "the one with IMNM": the question again, for it.
        return _asked_again(notes, slots, already_recommended, found_names, history, last_reply)
    if not fresh_facts and last_reply and NO_MORE_DETAILS.search(text):
        # "pred dose for IMNM?" ... "no other details sorry": the doses stay as the sources give them.
        return Reply("\n".join([*notes, doses_without_details(last_reply)]))
    if asks_lipid_care(text) and not any(slots.get(name) not in (None, [], "") for name in CORE_FACTS - found_names):
        # "which statin should a healthy adult with high LDL take?": no patient of this disease, whatever it names.
        return Reply("\n".join([*notes, not_addressed(text, audience), ONLY_IMNM]), discard_facts=True)
    if not fresh_facts:
        off_topic = intent == "out_of_scope" and not IMNM_CONTEXT.search(text)
        # "how often do we keep giving it?": "it" is the drug named just before; the question is read with it.
        # "Abs back: HMGCR pos." then "does that change anything?": what that result changes in the treatment.
        learnt = result_just_told(text, history)
        # "which one is preferred?" ... "how's that one dosed?": "that one" is the answer, the last reply's first drug.
        chosen = named_in_last_reply(text, last_reply, kb) if history and CHOOSES_ONE.search(history[-1]) else None
        # "why not? I hate the side effects": a bare question opening the message asks of the answer before it.
        lead = bare_lead(text)
        subject = None if learnt or lead else (chosen or offered_next(text, history, current, kb)
                                               or carried_subject(text, history, kb)
                                               or named_in_last_reply(text, last_reply, kb))
        asked_text = with_their_antibody(f"{text} ({subject})" if subject else text, slots)
        if not subject and CHOOSES_ONE.search(text) and agents_named(text, kb) and not subject_agents(text, kb):
            # "after the pulses, which add-on is favoured?": the choice asked, not the drug it comes after.
            asked_text = background_removed(asked_text, kb)
        chance = CHANCE_IT_WORKS.search(text) if subject in kb.agents else None
        if chance:
            # "how likely is it to work for her?" is read as "how likely is rituximab to work for her?"
            named = re.sub(r"\b(?:it|that|this)\b", kb.agents[subject][0], chance[0], count=1, flags=re.I)
            asked_text = f"{text[:chance.start()]}{named}{text[chance.end():]}"
        elif (subject in kb.agents and set(topics_in(text)) <= COMPARED_ACROSS_SUBTYPES
              and (pronoun := IT_FOR_THE_DRUG.search(text))):
            # "is it thought to do better in SRP or HMGCR?" is asked as "is IVIG thought to do better ...?": the drug
            # is then part of what the question asks, not a note after it.
            asked_text = f"{text[:pronoun.start()]}{kb.agents[subject][0]}{text[pronoun.end():]}"
        earlier = earlier_question(lead or text, history, kb) if subject is None and learnt is None else None
        if earlier is not None:
            # "which agent?" after "does he need PJP prophylaxis?", "so for her?" after "what IVIG dose for a 120 kg
            # pt?": a question naming nothing of its own is the question before it, asked again with its words.
            asked_text = within_the_question(lead or text, earlier)
        if learnt is not None:
            asked_text = within_the_question(text, f"does {learnt} change the treatment")
        grave = findings_asked_about(text, slots) if subject is None and earlier is None and learnt is None else None
        if grave:
            # "How worried should I be?" after "now she's got ptosis and diplopia, AChR positive": what the sources
            # say of this patient's findings, with the patient's context (a checkpoint inhibitor).
            asked_text = within_the_question(text, grave)
        if subject in COURSE_EVENTS and EVENT_RATE.search(text):
            # "how often does this happen?" is asked as "how often does relapse happen?"
            asked_text = EVENT_RATE.sub(f"how often does {subject} happen", text)
        in_a_case = any(slots.get(name) not in (None, [], "") for name in CORE_FACTS)
        if treats_something_else(text):
            # "Unrelated: what's the best treatment for his gout flare?": another condition's treatment.
            return Reply("\n".join([*notes, not_addressed(text, audience), ONLY_IMNM]))
        needed = answer_needs(text, current, kb) if audience is not Audience.PATIENT and in_a_case else None
        if needed is not None:  # "is pred alone enough for him?" before the plan is complete: this patient's steps
            return Reply("\n".join([*notes, needed]), recommendation=current)
        # The intent model's "out of scope" yields to a topic of the knowledge base ("will I need treatment for
        # the rest of my life?").
        # The patient's own context (a checkpoint inhibitor) steers a question that names a topic of its own; a
        # question naming none is answered as before, without the patient's topics.
        context = patient_topics(slots) if set(topics_in(text)) - GENERIC_TOPICS else ()
        reply = None if off_topic and not subject and not topics_in(text) else answer(
            asked_text, current, audience, kb, context)
        if reply is None and not context and topics_in(text) and "juvenile" in patient_topics(slots):
            # "what will they treat him with?" for a 4-year-old: no adult entry fits him, the juvenile ones do.
            reply = answer(asked_text, current, audience, kb, ("juvenile",))
        if reply is not None:
            return Reply("\n".join([*notes, reply]))
        if IMNM_SPECIFIC.search(text) and asks_something(text):  # an IMNM question nothing in the sources answers
            return Reply("\n".join([*notes, not_addressed(text, audience)]))
        if intent != "give_facts" and not (slots.get("asked") and not asks_something(text)):
            # A reply while the bot waits for a fact ("yes", "not sure") goes on to the question below.
            if in_a_case and asks_something(text):
                # In a conversation about a patient any question is about this disease: say the
                # sources do not address it, never "I can't help with that".
                return Reply("\n".join([*notes, not_addressed(text, audience)]))
            if not asks_something(text) and IMNM_CONTEXT.search(text):
                # "pt with IMNM, want to start treatment today", "I have a question about myositis dosing": a
                # start about this disease with nothing to act on yet - say what to give, never "can't help".
                return Reply("\n".join([*notes, OPENER_REPLY]))
            return Reply("\n".join([*notes, OUT_OF_SCOPE]))
    if _not_about_a_patient(text, intent, slots, found_names, problems):
        reply = answer(text, None, audience, kb)
        return Reply("\n".join([*notes, reply or OUT_OF_SCOPE]), discard_facts=True)
    if not fresh_facts and not known:
        if asks_what_to_do(text):
            # "don't know her weight either yet. what can we start now?": the first-line treatment as the
            # sources give it, then what would make it this patient's.
            reply = answer(f"{text} (first-line treatment)", None, audience, kb)
            if reply is not None:
                return Reply("\n".join([*notes, reply, NO_FACTS_YET]))
        return Reply("\n".join([*notes, NO_FACTS]))
    # "anti-SRP, 50F, 10 stone. first-line plan?" ... "sorry, she's HMGCR": a fact put right under a plan asked for
    # gives that plan again, for the facts as they now stand, not only the next question.
    if (fresh_facts and changes and not problems and history and not asks_something(text)
            and asks_for_the_plan(history[-1])):
        told = {name: change for name, change in changes.items() if name != "audience"}
        return _asked_again([*notes, describe_changes(told)], slots, already_recommended, found_names, history,
                            last_reply)
    result = assess(slots, audience, problems, changes, already_recommended)
    # The classifier's "ask_question" for a message of facts that asks nothing in its words ("for IMNM obviously.
    # adult" after "what's the MTX dose") is the facts for the question before.
    # "Name the calcineurin inhibitors used in refractory IMNM." names a topic: the classifier is right that it asks.
    # "yes 250" after "aged 250, ..., which steroid sparer goes first?": the value is refused again and the question
    # asked with it is answered, as it was the first time.
    insisted = any(problem.startswith(STILL_REFUSED) for problem in problems)
    for_the_dose_before = _left_for_the_facts(changes, history) or (
        insisted and bool(history) and asks_something(history[-1]))
    asks = asks_something(text) or (intent == "ask_question" and not taken_back
                                    and (not found_facts or bool(topics_in(text)))
                                    # "mmf dose?" ... "she's been on aza but her LFTs went up, so changing": facts
                                    # for the dose asked before, whatever drug they name.
                                    and not for_the_dose_before)
    if not result.recommended and asks:
        # Answer what was asked from the knowledge base, then ask for what the plan still needs. "what's the
        # range?" after "azathioprine" is about azathioprine, whatever facts came with it.
        subject = carried_subject(question_focus(text), history, kb)
        asked = answer(f"{text} ({subject})" if subject else text, None, audience, kb, patient_topics(slots),
                       dose_plan=result.recommendation)
        if asked is not None:
            # A value refused ("7000 kg") leads: the user sees first that it was not used.
            result.text = _refusals_first([problem for problem in problems if problem in result.text], asked,
                                          result.text)
    elif not asks and history and (again := dose_check(history[-1], history[:-1], current, audience)):
        # "they have him on 70 mg of prednisolone, is that too much" ... "hes 72 if that matters": the dose asked
        # about, held against his dose again with the fact just given.
        result.text = f"{again}\n\n{result.text}"
    elif not asks and for_the_dose_before:
        # "HMGCR pt, 800 kg, pred dose?" ... "lol 80.0 kg sorry": the dose asked before is worked out now.
        asked = answer(history[-1], None, audience, kb, patient_topics(slots), dose_plan=result.recommendation)
        # A patient is not shown the same answer again, word for word (a clinician gets the dose asked for, first).
        if asked is not None and not (audience is Audience.PATIENT and asked in (last_reply or "")):
            # A value refused again leads: the user sees first that it is still not used.
            result.text = _refusals_first([problem for problem in problems if problem.startswith(STILL_REFUSED)
                                           and problem in result.text], asked, result.text)
    elif result.recommended and asks and changes and topics_in(text) and (not asks_what_to_do(text) or given):
        # Answer first: "3 months on: CK 10000 -> 3000 ... what's the max daily MMF dose?" changes the facts and
        # asks something; the answer leads and the revised plan follows.
        asked = answer(text, result.recommendation, audience, kb)
        if asked is not None:
            # An assumption the plan rests on (a severity set aside) leads, since the answer rests on it too.
            assumed = SET_ASIDE_NOTES["severity"] if (
                "severity" in (slots.get("set_aside") or []) and not slots.get("severity")) else ""
            plan_text = result.text.replace(assumed, "", 1).lstrip("\n") if assumed else result.text
            result.text = "\n".join(part for part in (assumed, asked, "", plan_text) if part is not None).lstrip("\n")
    elif (result.recommended and asks and already_recommended and not changes and not problems
          and not asks_what_to_do(text)):
        # "Since we're stopping his atorvastatin, what lipid-lowering instead?": the facts stand, so
        # answer the question rather than repeat the plan.
        asked = answer(text, result.recommendation, audience, kb)
        if asked is not None:
            result = Reply(asked)
    if notes:
        result.text = "\n".join([*notes, result.text])
    return result


#: "that was too technical, can you say it in simple words", "just the number, short as you can": the last
#: answer again, plainer or shorter - not a new question.
_PLAIN_WORDS = (r"\b(?:simple|simpler|plain|plainer|layman'?s?|easier|everyday|normal)\s+"
                r"(?:words|terms|english|language|version)")
SAY_IT_AGAIN = re.compile(
    _PLAIN_WORDS + r"|"
    r"\btoo\s+(?:technical|complicated|long|much\s+(?:jargon|detail))|\bjust\s+the\s+(?:number|numbers|dose|answer|figure)|"
    r"\bshort(?:er)?\s+(?:please|version|answer|as\s+you\s+can)|\bas\s+short\s+as\b|\bin\s+a\s+nutshell\b|"
    r"\b(?:one|1|a\s+single)\s+(?:line|sentence)\b|\bin\s+brief\b|\bbriefly\b|"
    r"\btl;?dr\b", re.I)
PLAINER = re.compile(_PLAIN_WORDS + r"|\btoo\s+(?:technical|complicated)|\bjargon\b", re.I)


def _compared_with_this_patient(text: str, slots: dict[str, object], changes: dict[str, tuple[object, object]],
                                current: Recommendation | None, audience: Audience, history: Sequence[str],
                                kb: KnowledgeBase, found_facts: bool) -> Reply | None:
    """Questions answered by setting something beside this patient's plan: what a result just told changes, a dose
    the user states against the patient's, what goes alongside the steroid. None when the message asks none of these."""
    changed = what_the_new_fact_changes(text, slots, changes, current, audience) if found_facts else None
    if changed is not None:  # "HMGCR just back - positive. does that change anything?": what that result changes
        if current is not None and current.complete:  # the plan it completes or changes follows the answer
            return Reply("\n".join([changed, "", render_first(current)]), recommended=True, recommendation=current,
                         buttons=details_for(audience))
        asked_next = next((fact.question for fact in current.missing if fact.blocking), None) if current else None
        return Reply("\n".join([changed, *([asked_next] if asked_next else [])]), recommendation=current)
    # "is that too much for a child?" after "they've put her on 60 mg of prednisolone": that dose against hers.
    checked = dose_check(text, history, current, audience)
    if checked is not None:
        return Reply(checked, recommendation=current)
    # "what goes alongside it from day one?" after the steroid's dose: the steroid-sparing agent and the prophylaxis.
    companions = alongside_the_steroid(text, carried_subject(text, history, kb), current, audience, kb) \
        if ALONGSIDE.search(text) else None
    return Reply(companions, recommendation=current) if companions is not None else None


def _said_again(text: str, history: Sequence[str], current: Recommendation | None, audience: Audience,
                kb: KnowledgeBase, fresh: bool, last_reply: str = "") -> Reply | None:
    """The user's last question answered again, in plain words when asked for, and cut to its worked figures
    when asked to be short."""
    if fresh or not SAY_IT_AGAIN.search(text):
        return None
    asked = next((message for message in reversed(history) if asks_something(message)), None)
    if set(topics_in(text)) - GENERIC_TOPICS:
        asked = text  # "Too long. One line only: the methotrexate dose." names what to say again, shorter
    plan_was_last = PLAN_HEADER in last_reply or (not last_reply and (asked is None or asks_for_the_plan(asked)))
    if current is not None and current.items and not PLAINER.search(text) and plan_was_last and asked is not text:
        # "Too long. One line please." after a plan: the regimen in one line, with its source texts.
        texts = ", ".join(ref for ref in current.citations if ref.startswith("S0"))
        provisional = "" if current.complete else "Provisional (facts still missing): "
        return Reply(f"{provisional}{summary_line(current)} [{texts}]. Say \"full plan\" for the rest.")
    if asked is None:
        return None
    plain = bool(PLAINER.search(text))
    reply = answer(asked, current if current is not None and current.complete else None,
                   Audience.PATIENT if plain else audience, kb, dose_plan=current)
    if reply is None:
        return None
    lines = reply.splitlines()
    figures = [line for line in lines if re.search(r"\*\*\d", line)]
    one_line = bool(re.search(r"\b(?:one|1|a\s+single)\s+(?:line|sentence)\b", text, re.I))
    short = figures[:1 if one_line else 2] if figures and not plain else [line for line in lines if line.strip()][:4]
    sources = [line for line in lines if line.startswith("**Sources:**") and line not in short]
    return Reply("\n".join([*short, *sources[:1]]))  # shorter, never without its citations


#: What a dose depends on: the weight and age give its figure; the antibody, severity, course and red flags choose
#: the entries that give it (IVIG for anti-HMGCR disease, for the severe combination, for a refractory course).
DOSE_DEPENDS_ON = frozenset({"weight_kg", "age_years", "age_band", "antibody", "severity", "refractory", "red_flags"})


def _refusals_first(refused: list[str], asked: str, plan_text: str) -> str:
    """The refused values first (the user sees at once what was not used), then the answer, then the rest of the
    plan's text without them."""
    rest = plan_text
    for problem in refused:
        rest = rest.replace(problem, "", 1)
    return "\n".join([*refused, asked, "", rest.strip("\n")])


def _left_for_the_facts(changes: dict[str, tuple[object, object]], history: Sequence[str]) -> bool:
    """Whether this message brings or corrects facts a dose the user's previous message asked for depends on
    ("prednisone dose?" ... "sorry, she's 60 kg, not 70"; "what IVIG dose for my pt?" ... "HMGCR, refractory to pred
    + MTX"): that dose is answered again, for this patient, before the plan or the question the plan waits on. So is
    a drug asked for and then explained by what was tried ("aza dose?" ... "she's on MTX but not tolerating it, so
    switching")."""
    return (bool(DOSE_DEPENDS_ON & set(changes) or "treatments_tried" in changes) and bool(history)
            and asks_something(history[-1]) and (asks_a_dose(history[-1]) or bare_drug_asked(history[-1])))


GREETING = (
    "Hello. I give cited treatment plans for immune-mediated necrotizing myopathy (IMNM). "
    "Describe the patient: antibody, severity, weight, statin exposure (and age if under 18). "
    + SAFETY_NOTICE
)
GOODBYE = "Goodbye. Remember to check every dose against the patient and local protocols."
THANKS = 'You\'re welcome. Ask "why?", "sources?", or describe another patient (say "start over" first).'
#: Small talk is answered as such only when the message carries no patient facts ("hi, 70 kg,
#: HMGCR+ ..." is a patient description that starts with a greeting).
SMALL_TALK = {"greet": GREETING, "goodbye": GOODBYE, "thank": THANKS}
#: The words that make a message small talk. The classifier's label alone is not enough: "and IVIG for
#: him?" and "so does she need it now or later?" were taken for a greeting and a goodbye.
SMALL_TALK_WORDS = {
    "greet": re.compile(r"\b(?:hi|hiya|hello|hey|howdy|yo|good\s+(?:morning|afternoon|evening|day)|morning|"
                        r"afternoon|evening|greetings)\b", re.I),
    "goodbye": re.compile(r"\b(?:bye|goodbye|good\s*night|see\s+(?:you|ya)|cheerio|cya|later|that'?s\s+(?:all|it)|"
                          r"(?:i'?m|we'?re|all)\s+done|signing\s+off|ttyl|farewell|take\s+care)\b", re.I),
    "thank": re.compile(r"\b(?:thanks?|thank\s+you|thx|ty|cheers|ta|appreciated?|much\s+obliged|grateful|"
                        r"great|perfect|brilliant|helpful|got\s+it|ok(?:ay)?|cool|nice)\b", re.I),
}


#: A patient's fact or test named: "I'll get the weight later", "bloods back later" tell of a fact still to come, not a
#: goodbye.
A_FACT_NAMED = re.compile(r"\b(?:weight|weighed|weigh|age|antibod(?:y|ies)|serology|statins?|results?|bloods?|ck|kg|"
                          r"kilos?|biopsy|emg|mri|scan)\b", re.I)


def is_small_talk(text: str, intent: str) -> bool:
    """Small talk is a greeting, goodbye or thanks in so many words, asking nothing about the disease."""
    if not SMALL_TALK_WORDS[intent].search(text) or (intent == "goodbye" and A_FACT_NAMED.search(text)):
        return False
    return not (asks_something(text) and (topics_in(text) or len(text.split()) > 4))


#: Words that describe a new patient: the previous patient's facts must not carry over to them.
NEW_PATIENT_WORDS = re.compile(
    # "was thinking of another pt", "mixed her up with another patient": a correction, not a new patient.
    r"(?<!thinking\s\bof\s)(?<!thinking\sabout\s)(?<!with\s)(?<!confused\s)"
    # "no dysphagia, that was a different pt", "that's another patient's": a fact taken back, not a new patient.
    r"(?<!\bwas\sa\s)(?<!\bwas\s)(?<!that's\sa\s)(?<!that's\s)(?<!\bis\sa\s)(?<!\bbelongs\sto\sa\s)"
    # "One" is a patient only as "new one" or "next one"; "the second one", "the other one" are usually a drug.
    r"\b(?:(?:new|next|another|different|second|other)\s+(?:patient|case|pt)|(?<!the\s)(?:new|next)\s+one|"
    r"start(?:ing)?\s+(?:over|again|afresh)|"
    r"from\s+scratch|begin\s+again)\b",
    re.I,
)
#: "an EMG report on a different patient mentioned ...", "a question about another patient": that patient is
#: talked about in passing, not brought in to replace this one.
ABOUT_ANOTHER_BEFORE = re.compile(r"\b(?:on|about|for|of|from|in|re:?|regarding|with)\s+(?:a|an|the|my|our)?\s*$|"
                                  # "scratch the dysphagia - that was the other patient": a fact taken back.
                                  r"\b(?:was|were|belongs?\s+to|belonged\s+to|refers?\s+to|meant)\s+(?:a|an|the|my|our)?\s*$",
                                  re.I)
#: Words that ask to clear the conversation.
RESET_WORDS = re.compile(
    # Not a treatment restarted ("restart what? same again?", "restart the MTX"): only the conversation is restarted.
    r"\b(?:reset|restart(?=\s*(?:$|[.!,]|please\b|(?:the\s+|this\s+)?(?:conversation|chat|session|everything|case|"
    r"patient)\b|over\b|from\s+scratch\b))|clear\s+(?:everything|all|it|the\s+(?:patient|case|facts))|wipe|"
    r"forget\s+(?:that|this|the)\s+(?:patient|case)|forget\s+(?:everything|all\s+that))\b",
    re.I,
)


class StartOver(Enum):
    RESET = "reset"
    RESET_WITH_NEW_FACTS = "reset, then take this message's facts"
    NOT_A_RESET = "not a reset"


def start_over_kind(text: str, intent: str | None, found_facts: bool) -> StartOver:
    """Whether this message ends the current patient. The words decide, not the classifier alone:
    "new patient: 62 kg, SRP+ ..." starts afresh whatever the intent, while a description the
    classifier misread as "start over" ("...requiring BiPAP overnight, HMGCR+") must not wipe the
    facts the clinician already gave, and a bare "ok" misread the same way must not either."""
    asks = any(not ABOUT_ANOTHER_BEFORE.search(text, max(0, match.start() - 20), match.start())
               for match in NEW_PATIENT_WORDS.finditer(text)) or (
        intent == "start_over" and bool(RESET_WORDS.search(text)))
    if not asks:
        return StartOver.NOT_A_RESET
    return StartOver.RESET_WITH_NEW_FACTS if found_facts else StartOver.RESET


#: Words that tie a message the classifier called out of scope back to this disease or its drugs;
#: without one, a word like "flare" or "screening" is not enough to answer from the knowledge base.
IMNM_CONTEXT = re.compile(
    r"\b(?:imnm|nam|myositis|myopath\w*|necroti[sz]\w*|hmg\W?co\W?a|hmgcr|srp|ck|muscle|weakness|statin\w*|"
    rf"{PRED}|steroid\w*|methotrexate|mtx|azathioprine|mycophenolate|mmf|ivig|rituximab|tacrolimus|"
    r"plasma\s*exchange|plex|checkpoint|pembro\w*|nivo\w*|why|sources?|references?|"
    # How patients and families speak of it: "these meds", "this illness", "my legs".
    r"meds|medications?|medicines?|tablets|pills|immune\s+drugs|these\s+drugs|symptoms?|appointment|care\s+team|"
    r"this\s+(?:disease|illness|condition)|my\s+(?:legs|arms|muscles?)|"
    r"biopsy|emg|mdt|physio\w*|antibod\w*|autoimmune|immunosuppress\w*|immunoglobulin|"
    # "why do we have to treat this fast and strong?": the illness the conversation is about.
    r"treat(?:ing|ed|ment)?\s+(?:this|it)\s+(?:so\s+)?(?:fast|quickly|early|hard|strong\w*|aggressively))\b",
    re.I,
)
#: Words that make a question this disease's own (not just a muscle question: "inclusion body
#: myositis treatment?" is declined, not told the sources are silent on it).
IMNM_SPECIFIC = re.compile(
    r"\b(?:imnm|nam|necroti[sz]\w*|hmg\W?co\W?a|hmgcr|srp|statin\w*|this\s+(?:disease|illness|condition)|"
    r"(?:these|the|my|his|her|all\s+these|all\s+the)\s+(?:meds|medications?|medicines?|tablets|pills|drugs|treatment)|"
    r"(?:my|his|her)\s+(?:legs|arms|muscles?))\b",
    re.I,
)
OFF_TOPIC_MIN_WORDS = 5
#: Facts that describe a patient by themselves; the others (age, course, red flags, exposures)
#: also turn up in questions about other conditions ("acute gout flare", "a 3 yo with otitis").
CORE_FACTS = frozenset({"antibody", "weight_kg", "severity", "statin_exposure", "statin_status"})


def _not_about_a_patient(text: str, intent: str | None, slots: dict[str, object], found_names: frozenset[str],
                         problems: list[str]) -> bool:
    """A message the classifier judged out of scope, with nothing tying it to this disease (no
    myositis, muscle, weakness, IMNM drug...), carrying only secondary facts, in a conversation with
    no patient yet: decline it and keep nothing ("amoxicillin dose for otitis in a 3 yo")."""
    if intent not in ("out_of_scope", "nlu_fallback") or problems or not found_names:
        return False
    if IMNM_CONTEXT.search(text) or len(text.split()) < OFF_TOPIC_MIN_WORDS:
        return False  # short replies ("no immunotherapy", "3 yo") answer the bot's own questions
    if found_names & CORE_FACTS:
        return False
    return not any(slots.get(name) not in (None, [], "") for name in CORE_FACTS - found_names)
