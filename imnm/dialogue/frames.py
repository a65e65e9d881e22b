"""Follow-ups read as frames: an aspect (dose, schedule, taper, maximum, duration) of a subject (a
drug of the plan), or a question about the plan itself (what now, what if it fails).

A follow-up rarely names its subject: "what dose of that?", "how much would she get", "over how
many days?", "is that the max then?". The subject is taken from the message if it names a drug,
otherwise from the conversation: the drug named most recently in the user's earlier messages, or
the plan role they asked about ("the preferred steroid-sparing agent" -> this plan's choice). The
answer is the field of the plan step for that aspect, with this patient's worked dose. Drug words
come from the knowledge base (`agents` in entries.yml), not from lists kept here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from imnm.engine.dosing import compute_dose
from imnm.engine.facts import Audience
from imnm.engine.knowledge import KnowledgeBase, Section, derived
from imnm.engine.recommendation import Item, Recommendation
from imnm.language.extract.lexicon import PRED
from imnm.language.extract.treatments import EXCLUSION_CLAUSE, NOT_FOR_USE, excluded_in
from imnm.language.question_words import AGENT_TOPICS, TOPIC_WORDS
from imnm.render.common import CitationNumbers, dose_line

#: "how long" asked of the gap between doses ("the second one is given how long after the first?"), not of how long
#: treatment lasts.
BETWEEN_DOSES = r"\s+(?:after|between|apart|before\s+the\s+(?:second|next))"
ASPECTS = {
    # Not "why isn't it daily?": that asks the schedule.
    "why": re.compile(r"\bwhy\b(?!\s+(?:isn'?t|not|is|was|wasn'?t)\s+(?:it|that|this|they)\s+(?:given\s+|taken\s+)?"
                      r"(?:daily|weekly|monthly|every\b))|"
                      r"\bwhat\s+(?:is|'s)\s+the\s+(?:point|reason|rationale)\b|\breason\s+for\b", re.I),
    "maximum": re.compile(r"\b(?:max(?:imum)?|cap(?:ped)?|ceiling|upper\s+limit|top\s+dose|go\s+up\s+to|"
                          r"(?:increase|push|raise)\s+(?:it\s+|that\s+|the\s+dose\s+)?(?:up\s+)?to|"
                          r"seems?\s+(?:low|high|a\s+lot|too\s+(?:low|high|much)))\b", re.I),
    "taper": re.compile(r"\b(?:wean\w*|taper\w*|reduc\w*|come\s+down|coming\s+down|"
                        r"bring(?:ing)?\s+(?:it|the\s+\w+)\s+down|lower(?:ing)?\s+(?:it|the\s+dose))\b", re.I),
    # "what level should we aim for with it?": a drug dosed to a blood level (tacrolimus's trough).
    "level": re.compile(r"\b(?:trough|(?:blood\s+)?levels?|target\s+range|aim\s+for)\b", re.I),
    "schedule": re.compile(r"\b(?:how\s+many\s+days|over\s+how\s+(?:many|long)|"
                           # Not how often an event happens ("how often does this happen?").
                           # Nor how often a drug works ("how often does it actually work?": its response rate).
                           r"how\s+often(?![^?.]*\b(?:happen\w*|occur\w*|recur\w*|relapse\w*|come\s+back|work\w*|help\w*|"
                           r"respond\w*|succeed\w*|success\w*|effective))|"
                           # "Is that given daily?", "taken weekly?": how often, asked as yes or no.
                           r"(?:given|taken|done|infused)\s+(?:daily|weekly|monthly|every\s+(?:day|week|month)|"
                           r"once\s+a\s+(?:day|week|month))|"
                           # "why isn't it daily?", "is that weekly?": the schedule asked about as a yes or no.
                           r"(?:is|isn'?t|not|was|wasn'?t)\s+(?:it|that|this|they|he|she)\s+(?:given\s+|taken\s+)?"
                           r"(?:daily|weekly|monthly|every\s+(?:day|week|month))|"
                           # "how long does each go take?": one course or infusion, not the whole treatment.
                           r"how\s+long\s+(?:does|do|will|would|is)\s+(?:each|every|one|a|an|the)\s+(?:go|infusion|"
                           r"course|session|dose|drip|treatment|cycle|round|visit)\s*(?:take|last)?|"
                           r"how\s+(?:long|much\s+time|many\s+(?:days|weeks))\s+between|(?:time|gap)\s+between|apart|"
                           r"how(?:\s+is|\s+are|'s|s)\s+(?:it|they|that|this)\s+(?:given|administered|infused|taken)|"
                           # "what is this medicine and how they give it?"
                           r"how\s+(?:do\s+|does\s+|will\s+|would\s+)?(?:they|you|we|doctors|the\s+team)\s+"
                           r"(?:give|administer|infuse)\s+(?:it|this|that|them)|"
                           r"frequency|interval|"
                           # "and the second one is given how long after the first?"
                           r"how\s+(?:long|soon|many\s+(?:days|weeks))\s+after\s+(?:the\s+)?(?:first|1st)|"
                           r"how\s+many\s+(?:doses|infusions|courses|cycles))\b", re.I),
    "duration": re.compile(rf"\b(?:how\s+long(?!{BETWEEN_DOSES})|forever|for\s+life|for\s+how\s+long|lifelong|"
                           # "can we stop the methotrexate?", "when can she come off it?"
                           r"stop(?:ping)?\s+(?:the|his|her|their|my|it|that|this)|come\s+off|coming\s+off|"
                           r"discontinu\w*)\b", re.I),
    # Not the dose as the setting of another question ("while he's on this dose", "at that dose").
    "dose": re.compile(r"\b(?<!\bon\sthis\s)(?<!\bon\sthat\s)(?<!\bat\sthis\s)(?<!\bat\sthat\s)(?<!\bon\sthe\s)"
                       r"(?:doses?|dosing|dosage|how\s+much|how\s+many\s+(?:mg|milligrams|grams?|g)|total|per\s+course|"
                       r"in\s+(?:grams|g|mg|milligrams)|(?:come|comes|work\s+out)\s+(?:to|at)|"
                       r"what\s+(?:mg|amount)|(?:should|do)\s+i\s+(?:write|prescribe|chart)|mg/kg)\b", re.I),
}
#: Words that point back to something said before instead of naming it.
REFERS_BACK = re.compile(
    r"\b(?:that|this|it|them|those|these|the\s+same|which\s+one)\b|"
    r"^\W*(?:(?:and|so|ok(?:ay)?|right|then|thx|thanks)\W+)*(?:how|what|which|is|over|when)\b|"
    # "And in mg for him?", "and at what interval?": an elliptical follow-up carries on with the same drug.
    r"^\W*and\s+(?:in|at|for|over|by)\b|"
    # "so what's the dose", "remind me the range": the aspect with the definite article and no drug.
    r"\bthe\s+(?:dose|dosing|range|max(?:imum)?|duration|taper|regimen|schedule)\b", re.I)
#: "and if that fails?", "what would you add if she doesn't respond to that?": the refractory options,
#: asked about before they are needed; the patient is not made refractory by asking.
IF_IT_FAILS = re.compile(
    # "If that combo doesn't do the job, what's next?", "if the pred and MTX don't cut it".
    # The negation and the effect may stand apart: "if it isn't doing the job", "if that still doesn't really help".
    r"\bif\s+(?:that|this|it|the|these|those)\s+(?:[\w+/-]+\s+){0,3}?(?:doesn'?t|does\s+not|don'?t|do\s+not|won'?t|"
    r"will\s+not|isn'?t|is\s+not|aren'?t|are\s+not|fails?\s+to)\s+(?:(?:really|quite|actually|seem\s+to|still)\s+)?"
    r"(?:do(?:ing)?\s+(?:the|its)\s+(?:job|trick)|cut(?:ting)?\s+it|work\w*|help\w*|enough|effective|"
    r"control\w*|settl\w*)\b|"
    r"\b(?:if|when|in\s+case)\s+(?:she|he|they|it|that|this|the\s+patient|the\s+pt|pt|the\s+child|the\s+treatment|"
    r"(?:the\s+)?first[-\s]line(?:\s+(?:treatment|therapy|drugs?))?|(?:the\s+)?(?:initial|first)\s+(?:treatment|therapy|drugs?))\s+"
    r"(?:still\s+)?(?:(?:doesn'?t|does\s+not|don'?t|do\s+not|isn'?t|is\s+not|won'?t|will\s+not|never)\s+"
    r"(?:respond\w*|work\w*|improv\w*|help\w*|get\s+better|settle\w*|enough)|fails?|failed|stops?\s+working)\b|"
    r"\bwhat\s+if\s+(?:it|that|this|she|he|they)\s+(?:fails|doesn'?t\s+(?:work|respond|help)|isn'?t\s+enough)|"
    r"\b(?:if|when)\s+(?:that|it|this)\s+(?:fails|doesn'?t\s+work|is\s+not\s+enough|isn'?t\s+enough)|"
    r"\bno\s+response\s+to\s+(?:that|it|this)\b|\bafter\s+that\s+fails\b|"
    # "and if she's no better 3 months after that?", "if he hasn't improved by then", "if there's no response".
    r"\bif\s+(?:she|he|they|the\s+patient|the\s+pt|pt|the\s+child)(?:'s|’s|\s+is|\s+are|'re|\s+was|\s+were)\s+"
    r"(?:still\s+)?(?:no|not)\s+(?:any\s+|much\s+)?(?:better|stronger|improv\w*|respond\w*)|"
    r"\bif\s+(?:she|he|they|the\s+patient|pt)\s+(?:hasn'?t|haven'?t|has\s+not|have\s+not|doesn'?t|does\s+not)\s+"
    r"(?:\w+\s+)?(?:improved?|responded|respond|got\s+better|get\s+better)|"
    r"\bif\s+(?:there(?:'s|\s+is)\s+)?no\s+(?:improvement|response|better)\b", re.I)
#: "what now?", "next step?", "so what changes?", "does that change anything?": the plan itself.
PLAN_AGAIN = re.compile(
    r"^\W*(?:ok(?:ay)?\W+|so\W+|and\W+|right\W+|thanks\W+)*(?:"
    r"what\s+(?:now|next)(?:\s+for\s+(?:him|her|them|the\s+patient))?|(?:what(?:'?s|\s+is|\s+are)\s+the\s+)?next\s+steps?|"
    # "what else is there", "what else do we give him then", "what can we add", "what do you recommend".
    r"what\s+else\s+(?:is\s+there|(?:can|could|should|do|would)\s+(?:we|i|you|they)\s+(?:do|give|add|try|use|start))"
    r"(?:\s+(?:him|her|them|the\s+patient))?(?:\s+(?:then|now|next))?|"
    r"what\s+(?:can|could|should)\s+(?:we|i|you|they)\s+(?:add|give|try|do|start)(?:\s+(?:him|her|them))?"
    r"(?:\s+(?:then|now|next))?|what\s+(?:do|would)\s+(?:you|u)\s+(?:recommend|suggest|advise)(?:\s+(?:now|then|next))?|"
    r"what\s+(?:would|do|should)\s+(?:you|we|i)\s+(?:do|add|suggest|recommend|try|give|start)(?:\s+(?:now|next|then))?|"
    r"what\s+(?:are|r)\s+(?:the|our|his|her|my)\s+options(?:\s+(?:now|then|next|left|from\s+here))?|(?:any\s+)?options|"
    # "what other agents are there?", "which other options do we have?".
    r"(?:what|which)\s+other\s+(?:agents|options|drugs|treatments|medicines|choices)\s+(?:are\s+there|do\s+we\s+have|"
    r"(?:can|could)\s+(?:we|i)\s+(?:use|try))(?:\s+(?:now|then|left))?|"
    # "thoughts?", "your thoughts?", "what do you think?", "advice?": the opinion asked is the plan.
    r"(?:any\s+|your\s+|ur\s+)?(?:thoughts|ideas|suggestions|advice)|what\s+(?:do|would)\s+(?:you|u)\s+think|"
    # "what's missing?", "what am I missing here": what the plan adds to what is given.
    r"what(?:'?s|\s+is|\s+am\s+i|\s+are\s+we|\s+else\s+is)\s+missing(?:\s+(?:here|then|now))?|"
    r"what\s+changes|does\s+(?:that|this|it)\s+change\s+(?:anything|the\s+plan|management|things|what\s+we\s+do)|"
    # "does the cardiac involvement change how we treat?": a finding's effect on the plan is the plan.
    r"(?:does|would|will)\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:[\w-]+\s+){1,3}?change\s+(?:anything|the\s+plan|"
    r"(?:the\s+)?management|things|how\s+(?:we|you|i)\s+(?:treat|manage)(?:\s+(?:her|him|them|it))?|what\s+we\s+do|"
    r"(?:the\s+)?treatment)|"
    r"how\s+(?:does|would|will)\s+(?:that|this|it)\s+(?:change|affect|alter|impact)\s+(?:management|the\s+plan|things|"
    r"treatment|what\s+we\s+do)|"
    # A patient or relative: "what will the doctors do", "what happens now".
    # "what will the hospital do for her?", "what are her specialists going to do for mum now?": the people or the place
    # that treat, asked what they will do.
    r"what\s+(?:will|would|are|is|might|can)\s+(?:they|(?:the|my|her|his|their|our)\s+(?:doctors?|team|hospital|"
    r"specialists?|consultants?|neurologists?|rheumatologists?|nurses?|ward|clinic|gp|medics|unit))\s+"
    r"(?:do|going\s+to\s+do|try|give)(?:\s+for\s+(?:her|him|them|me|us|(?:my|our)\s+\w+))?(?:\s+now|\s+next)?|"
    r"what\s+(?:happens|will\s+happen)\s*(?:now|next)?|"
    r"what(?:'?s|\s+is)\s+the\s+(?:plan|regimen|treatment)(?:\s+(?:now|for\s+now|then|for\s+(?:him|her|them)))?|"
    r"(?:please\s+)?(?:try\s+again|show\s+(?:me\s+)?the\s+plan(?:\s+again)?|the\s+plan\s+again)|what\s+(?:do\s+we|should\s+we)\s+do\s+now|"
    r"anything\s+(?:specific|different|else)\s+(?:for|with)\s+(?:that|this|it)|"
    r"is\s+there\s+anything\s+else\s+(?:they|we|you)\s+can\s+(?:try|do|give)|"
    r"what\s+(?:treatment|treatments)\s+(?:are|is)\s+(?:they|we)\s+likely\s+to\s+(?:start|use|give)(?:\s+\w+)?|"
    # What the sources give for this patient: "what else do the sources say for this situation", "what escalation would
    # the sources support in a kid like this", "what do the guidelines recommend for her".
    r"what\s+(?:else\s+|\w+\s+)?(?:do|does|would|could|can|will)\s+the\s+(?:sources?|guidelines?|evidence|literature|"
    r"texts?)\s+(?:say|suggest|support|recommend|advise|offer|give)\s+(?:for|in|with)\s+(?:this\s+(?:situation|case|"
    r"scenario|patient|pt|setting)|her|him|them|(?:a|an)\s+[\w-]+\s+like\s+(?:this|her|him|that))(?:\s+(?:now|then|next))?"
    # "whats the next step, and dose?": the plan, with its doses.
    r")(?:\s*[,+&]?\s*(?:and|with)?\s*(?:the\s+)?(?:doses?|dosing)(?:\s+please|\s+pls)?)?\W*$", re.I)
#: The plan role people ask about without naming the drug ("the preferred steroid-sparing agent").
STEROID_SPARING_WORDS = re.compile(r"steroid[-\s]?sparing(?:\s+agent)?|steroid[-\s]?sparer|"
                                   r"spar(?:e|es|ing)\s+(?:the\s+)?steroids?|second\s+agent|immunosuppressant|dmard",
                                   re.I)


def _vocabulary(kb: KnowledgeBase) -> list[tuple[re.Pattern[str], str]]:
    def build() -> list[tuple[re.Pattern[str], str]]:
        # A drug's names in the knowledge base and in the question words alike ("the B-cell one", "Imuran"): one
        # drug, however a question names it.
        pairs = list(dict.fromkeys((word, agent) for agent, words in kb.agents.items()
                                   for word in (*words, *TOPIC_WORDS.get(AGENT_TOPICS.get(agent, agent), ()))))
        pairs.sort(key=lambda pair: -len(pair[0]))
        # Not "steroid" in "steroid-sparer": the other drug, named by what it spares.
        return [(re.compile(r"(?<![a-z])" + re.escape(word) + r"(?![a-z])(?![-\s]?spar)", re.I), agent)
                for word, agent in pairs]
    return derived(kb, "agent_vocabulary", build)


def _agent_spans(text: str, kb: KnowledgeBase) -> list[tuple[int, int, str]]:
    """(start, end, agent) for each drug word, longest words first so that a longer name is not read twice."""
    found: list[tuple[int, int, str]] = []
    for pattern, agent in _vocabulary(kb):
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end, _ in found):
                continue
            found.append((match.start(), match.end(), agent))
    return sorted(found)


def _agents_at(text: str, kb: KnowledgeBase) -> list[tuple[int, str]]:
    """(position, agent) for each drug word."""
    return [(start, agent) for start, _end, agent in _agent_spans(text, kb)]


def agents_named(text: str, kb: KnowledgeBase) -> list[str]:
    """The plan agents a message names, in the order they appear."""
    return [agent for _, agent in _agents_at(text, kb)]


#: A drug named after these is the background or the comparison, not the subject: "why that one over aza?",
#: "and after the pulses, oral pred at what dose?", "IVIG on its own rather than steroids", "they want to start
#: methotrexate together with steroids".
CONTRAST = re.compile(
    r"\b(?:rather\s+than|instead\s+of|over|versus|vs\.?|compared\s+(?:with|to)|after|before|following|"
    r"on\s+top\s+of|alongside|in\s+addition\s+to|besides|together\s+with|along\s+with|combined\s+with)\s+"
    r"(?:the\s+|his\s+|her\s+|their\s+)?", re.I)
#: "the second one", "the latter": a drug picked by its place in the message before.
#: ("the second agent" is the steroid-sparing role, STEROID_SPARING_WORDS, not a place in a list).
ORDINAL = re.compile(r"\b(?:the\s+)?(first|second|third|last|latter|former)\s+(?:one|option|drug)\b|"
                     r"\bthe\s+(latter|former)\b", re.I)
_PLACE = {"first": 0, "former": 0, "second": 1, "third": 2, "last": -1, "latter": -1}


def subject_agents(text: str, kb: KnowledgeBase) -> list[str]:
    """The agents a message is about: those it names, less the ones it names only as background or
    comparison (right after "rather than", "over", "after", "on top of" ...)."""
    background = _background(text)
    return [agent for position, agent in _agents_at(text, kb)
            if not any(start <= position < end for _, start, end in background)]


def background_removed(text: str, kb: KnowledgeBase) -> str:
    """The message less the clauses that name a drug only as background ("after the IV steroid, which drug would you
    add for anti-SRP?" asks for the drug to add, not about the steroid)."""
    agents = _agents_at(text, kb)
    spans = [(word, end) for word, start, end in _background(text)
             if any(start <= position < end for position, _ in agents)]
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return text


def _background(text: str) -> list[tuple[int, int, int]]:
    """(where the contrast word starts, where its phrase starts, where it ends) for each background phrase: each runs
    to the end of its clause ("alongside the IVMP and IVIG")."""
    return [(hit.start(), hit.end(), _clause_end(text, hit.end())) for hit in CONTRAST.finditer(text)]


def _clause_end(text: str, start: int) -> int:
    end = re.search(r"[,.;?!\n]|\bbut\b", text[start:])
    return start + end.start() if end else len(text)


def _last_list(text: str, kb: KnowledgeBase) -> list[str]:
    """The agents of the message's last clause that names several ("couldn't tolerate MTX, so the options are
    azathioprine or mycophenolate"): what "the second one" counts in."""
    clauses = re.split(r"[.;?!\n]|,?\s+so\s+|\s[-\u2013]\s", text)
    listed = [agents_named(clause, kb) for clause in clauses]
    return next((agents for agents in reversed(listed) if len(agents) > 1), agents_named(text, kb))


#: "the other one", "the other option": in a list of two, the one not discussed last.
THE_OTHER = re.compile(r"\bthe\s+other\s+(?:one|option|drug|agent|choice)\b|\band\s+the\s+other\b", re.I)
#: A drug the user says cannot be used: "she cant have methotrexate", "mycophenolate gave her awful diarrhoea",
#: "MTX stopped for transaminitis", "intolerant of aza". It is not what "that" or "the other one" stands for.
#: What rules a drug out in a question as well as in a fact: the extractor's words, and "avoid" ("we'd like to avoid
#: steroids": a preference that frames a question, not a fact about the patient).
RULED_OUT = re.compile(NOT_FOR_USE.pattern + r"|\bavoid\b", re.I)


def ruled_out(message: str, kb: KnowledgeBase) -> set[str]:
    """The drugs a message says cannot be used, each judged within its own clause: those named after the words
    that rule them out ("can't take MTX or aza"), else the one named right before them ("is azathioprine or
    mycophenolate better if methotrexate is contraindicated?" rules out methotrexate alone)."""
    out: set[str] = set()
    for clause in EXCLUSION_CLAUSE.split(message):
        cue = RULED_OUT.search(clause)
        if cue is not None:
            out.update(excluded_in(cue, _agents_at(clause, kb), reach=math.inf))
    return out


#: Acting on a drug the message does not name: "and if he can't tolerate it?", "should oncology stop it?",
#: "can we hold that for now?". The pronoun is the drug the conversation is about.
ACTS_ON_IT = re.compile(
    r"\b(?:tolerate|take|have|use|stop|stopping|hold|holding|pause|pausing|interrupt|interrupting|continue|"
    r"continuing|restart|restarting|keep|keeping|switch|switching|change|changing)\s+(?P<it>it|that|this(?!\s+\w+\s+\w))\b|"
    r"\b(?P<it2>it|that)\s+(?:is|'s)\s+(?:not\s+tolerated|contraindicated|out)\b", re.I)


def drug_for_it(text: str, subject: str | None, kb: KnowledgeBase, named_before: str | None = None) -> str:
    """`text` with the pronoun it acts on written as the drug when it names no drug itself: `subject` (a plan
    agent the conversation is about), else `named_before` (a drug outside the plan named earlier, such as a
    checkpoint inhibitor). The question is then read like one that names it ("if he can't tolerate
    methotrexate?", "should oncology stop nivolumab?")."""
    match = ACTS_ON_IT.search(text)
    if match is None or agents_named(text, kb):
        return text
    subject = kb.agents[subject][0] if subject in kb.agents else named_before
    if subject is None:
        return text
    group = "it" if match["it"] else "it2"
    return f"{text[:match.start(group)]}{subject}{text[match.end(group):]}"


def the_one_with_alternatives(plan: Recommendation | None) -> str | None:
    """The plan's agent that has alternatives beside it: what "if he can't tolerate that one?" after a whole plan
    can only be about (the steroid-sparing agent; the steroid itself has none in the sources)."""
    if plan is None:
        return None
    for item in plan.items:
        if item.agent and not item.alternative and any(
                other.alternative and other.section is item.section for other in plan.items):
            return item.agent
    return None


def ruled_out_lately(history: Sequence[str], kb: KnowledgeBase) -> set[str]:
    """The drugs the user's last three messages rule out."""
    return set().union(*(ruled_out(message, kb) for message in history[-3:]))


#: "And the IV one instead, for her?" after the oral steroid's dose: the steroid given by that route.
STEROID_BY_ROUTE = re.compile(r"\bthe\s+(?:(?P<iv>iv|i\.v\.|intravenous|drip|infusion|pulse)|"
                              r"(?P<oral>oral|tablet|pill))\s+"
                              r"(?:one|version|form|option|steroid|route|dose|kind)\b", re.I)
STEROID_TALK = re.compile(rf"\b(?:steroids?|{PRED}|methylpred\w*|ivmp|glucocorticoid\w*|corticosteroid\w*)\b",
                          re.I)


def steroid_by_route(text: str, history: Sequence[str]) -> str | None:
    """The steroid "the IV one" or "the oral one" picks, when the steroid is what was just discussed."""
    route = STEROID_BY_ROUTE.search(text)
    if route is None or not STEROID_TALK.search(" ".join((text, *history[-2:]))):
        return None
    return "methylprednisolone" if route["iv"] else "prednisone"


def listed_agent(text: str, history: Sequence[str], kb: KnowledgeBase, lists: Sequence[Sequence[str]] = ()
                 ) -> str | None:
    """The drug "the second one", "the latter" or "the other one" picks: in the last list the user gave (or,
    when they gave none, in `lists`, the plan's own lists in order), leaving out drugs ruled out."""
    ordinal, other = ORDINAL.search(text), THE_OTHER.search(text)
    if not (ordinal or other) or not history:
        return None
    excluded = ruled_out_lately(history, kb)
    candidates = [[agent for agent in _last_list(message, kb) if agent not in excluded] for message in
                  reversed(history[-3:])]
    listed = next((agents for agents in candidates if len(agents) > 1), None)
    if listed is None:
        # One drug per message ("MMF 1 g BD, usual range?" ... "and azathioprine at her weight?"): the drugs in the
        # order the conversation took them up.
        taken_up = list(dict.fromkeys(agent for message in history[-3:] for agent in agents_named(message, kb)
                                      if agent not in excluded))
        listed = taken_up if len(taken_up) > 1 else None
    if listed is None:
        listed = next((list(agents) for agents in lists if len(agents) > 1), None)
    if listed is None:
        return None
    if other:
        # "She had a bad reaction to MTX, so the other one then": the drug this message names is the one set aside.
        last = next((agents[-1] for agents in (agents_named(message, kb) for message in reversed([*history, text]))
                     if agents and agents[-1] in listed), None)
        rest = [agent for agent in listed if agent != last]
        return rest[0] if last is not None and rest else None
    place = _PLACE[(ordinal.group(1) or ordinal.group(2)).lower()]
    return listed[place] if place < len(listed) else None


#: A dose asked per course: only a drug given in courses has one.
PER_COURSE = re.compile(r"\b(?:per|a|each|every|one)\s+course\b", re.I)


def _subject(text: str, history: Sequence[str], plan: Recommendation, kb: KnowledgeBase) -> Item | None:
    """The plan step a follow-up is about: named here, else named or asked about most recently."""
    by_agent = {item.agent: item for item in plan.items if item.agent}
    # "Go with the first option" after "what are my steroid-sparing options?": the plan's own list for that role.
    asked_role = history and STEROID_SPARING_WORDS.search(history[-1])
    sparing = [item.agent for item in plan.items if item.section is Section.STEROID_SPARING and item.agent]
    picked = steroid_by_route(text, history) or listed_agent(text, history, kb, [sparing] if asked_role else ())
    if picked in by_agent:
        return by_agent[picked]
    # "what would you do next" ... "what's the dose of that?": the step the plan offered, not the drug told before.
    offered = offered_next(text, history, plan, kb)
    if offered in by_agent:
        return by_agent[offered]
    excluded = ruled_out_lately(history, kb)
    if not subject_agents(text, kb) and PER_COURSE.search(text):
        # "what total dose per course would that work out at?": the one step of the plan dosed per course.
        courses = [item for item in plan.items if item.dose is not None and item.dose.per == "course"
                   and not item.alternative]
        if len({item.agent for item in courses}) == 1:
            return courses[0]
    for message in (text, *reversed(history)):
        if STEROID_SPARING_WORDS.search(message):  # "the preferred steroid-sparing agent" (not the steroid)
            lead = _lead(plan, Section.STEROID_SPARING)
            if lead is not None:
                return lead
        told = subject_agents(STEROID_SPARING_WORDS.sub(" ", message), kb)
        named = [agent for agent in told if agent in by_agent and (message is text or agent not in excluded)]
        if named:  # the question's own subject comes first ("why MTX on top of pred?"); earlier, the latest
            return by_agent[named[0] if message is text else discussed(message, named, kb)]
        if message is not text and any(agent not in by_agent for agent in told):
            # "should we go down the IVIG route?" ... "how often would that be repeated?": the drug talked about
            # last is outside the plan, so "that" is no step of it (the question is answered from the entries).
            return None
        if message is text and not REFERS_BACK.search(text):
            return None  # a new question that names nothing is not about the last drug
    if excluded:
        # "she cant have MTX and MMF gave her diarrhoea, so what is left?" then "what dose would that be?": the
        # first steroid-sparing option of the plan that was not ruled out.
        return next((item for item in plan.items if item.section is Section.STEROID_SPARING and item.agent
                     and item.agent not in excluded), None)
    return None


#: A drug named as the plan: "thinking about rituximab", "planning IVIG", "considering adding tacrolimus".
PLANNED_JUST_BEFORE = re.compile(
    r"\b(?:plan(?:ning|s)?(?:\s+to\s+(?:start|give|add|try))?|thinking\s+(?:about|of)|consider(?:ing)?|"
    r"want(?:s|ing)?\s+to\s+(?:start|give|add|try)|(?:to\s+)?start(?:ing)?|add(?:ing)?|try(?:ing)?|"
    # "so we'll use mycophenolate", "going with rituximab", "switching to azathioprine", "opting for IVIG".
    r"(?:'ll|will|shall|going\s+to)\s+use|us(?:e|ing)|go(?:ing)?\s+with|switch(?:ing)?\s+to|opt(?:ing)?\s+for)\s+"
    r"(?:(?:a|an|the|some)\s+)?(?:(?:course|trial|dose)\s+of\s+)?$", re.I)


def discussed(message: str, named: list[str], kb: KnowledgeBase) -> str:
    """Of the drugs an earlier message named, the one it was about: the one named as the plan when others are named as
    background ("Planning IVIG for a man who relapsed on taper despite MTX", "Mum is starting IVIG next week because
    the steroids and methotrexate didn't do enough"), else the latest ("starting pred + methotrexate": both planned)."""
    at = [span for span in _agent_spans(message, kb) if span[2] in named]
    planned: list[str] = []
    accompanying: set[str] = set()
    for index, (start, _end, agent) in enumerate(at):
        if PLANNED_JUST_BEFORE.search(message, max(0, start - 40), start):
            planned.append(agent)
        elif index and at[index - 1][2] in planned and (
                joined := LISTED_WITH.fullmatch(message, at[index - 1][1], start)):
            planned.append(agent)  # "starting pred 1 mg/kg + methotrexate": the plan's list
            if re.search(r"\bwith\b", joined[0], re.I):
                accompanying.add(agent)  # "we'll use mycophenolate with the pred": the steroid goes with it
    unplanned = [agent for _, _, agent in at if agent not in planned]
    heads = [agent for agent in planned if agent not in accompanying]
    return (heads or planned)[-1] if planned and unplanned else named[-1]


#: What joins one drug of a list to the next: "pred 1 mg/kg + methotrexate", "IVIG and rituximab".
LISTED_WITH = re.compile(r"[\s\w./]{0,16}?(?:\+|&|,|\band\b|\bplus\b|\bwith\b)\s*(?:(?:the|then)\s+)?", re.I)


#: "it", or "that"/"this" standing alone ("how many respond to that?") or before its verb; "that combination" names
#: its own thing.
THE_THING_OFFERED = re.compile(r"\bit\b|\b(?:that|this)\s*(?:[?.!,;]|$)|\b(?:that|this)\s+one\b|"
                               # "how is that dosed?", "is that given monthly?": a pronoun before its verb.
                               r"\b(?:that|this)\s+(?=(?:\w+ed|given|taken|be|work\w*|start\w*|help\w*)\b)", re.I)


def offered_next(text: str, history: Sequence[str], plan: Recommendation | None, kb: KnowledgeBase) -> str | None:
    """What "it" stands for right after the user asked what to do next and the plan answered: the first option the
    plan adds ("what next?" ... "roughly how many respond to it?" is about the escalation offered, rituximab, not the
    IVIG the user had told of)."""
    if (plan is None or not plan.items or not history or not asks_for_the_plan(history[-1])
            or not THE_THING_OFFERED.search(text) or agents_named(text, kb)):
        return None
    lead = _lead(plan, Section.ESCALATION) or _lead(plan, Section.ANTIBODY_SPECIFIC)
    return lead.agent if lead is not None else None


#: A note on a drug the user named ("**pulses** is not a step of this plan"): not what the answer offered.
NOTE_ON_A_NAMED_DRUG = re.compile(r"^.*\bis\s+(?:not|already)\s+a\s+step\s+of\s+this\s+plan\b.*$", re.M)


def named_in_last_reply(text: str, last_reply: str, kb: KnowledgeBase,
                        excluded: frozenset[str] = frozenset()) -> str | None:
    """What "that" or "it" stands for when the user never named it: the first drug of the bot's last answer
    ("which agent should go in early for her?" ... "Early rituximab ..." ... "what's the dosing schedule for that?"),
    less the notes on drugs the user named and the drugs in `excluded` (named as background)."""
    if not last_reply or not THE_THING_OFFERED.search(text) or agents_named(text, kb):
        return None
    answered = NOTE_ON_A_NAMED_DRUG.sub("", last_reply.split("**Sources")[0])
    named = [agent for agent in agents_named(answered, kb) if agent not in excluded]
    return named[0] if named else None


def _lead(plan: Recommendation, section: Section) -> Item | None:
    return next((i for i in plan.items if i.section is section and i.agent and not i.alternative), None)


#: A choice asked between drugs the message names ("rituximab vs IVIG, which next?").
WHICH = re.compile(r"\bwhich\b|\bor\b|\bvs\.?\b|\bversus\b", re.I)


#: A question whose answer is a drug ("after the pulses, which add-on is favoured for anti-SRP?"): the drug the
#: answer names is what "that one" is next, whatever else the question named.
#: What a question choosing a drug asks for ("which add-on", "which steroid sparer").
CHOICE_NOUN = (r"(?:add[-\s]?on|agent|drug|medication|medicine|steroid[-\s]sparer|(?:steroid[-\s])?sparing\s+agent|"
               r"immunosuppressant)")
A_CHOICE_ASKED = re.compile(rf"\bwhich\s+(?:{CHOICE_NOUN}|one|option)\b", re.I)


def answered_with(text: str, history: Sequence[str], last_reply: str, kb: KnowledgeBase) -> str | None:
    """What "it" stands for when the user's last question named no drug and the bot's answer did: the drug of that
    answer ("if she doesn't respond, what's the usual next drug?" ... "Early rituximab ..." ... "dose and schedule for
    it?" is rituximab, not the methotrexate told at the start). A plan asked for is no such answer: its first drug is
    only the first step."""
    if (not history or not last_reply or not QUESTION_MARK_OR_WORD.search(history[-1])
            or agents_named(history[-1], kb) and not A_CHOICE_ASKED.search(history[-1])
            or asks_for_the_plan(history[-1])):
        return None
    # "which drug would you add instead of IVIG?": the answer is not IVIG.
    background = frozenset(agents_named(history[-1], kb)) - frozenset(subject_agents(history[-1], kb))
    return named_in_last_reply(text, last_reply, kb, background)


#: A message that asks ("whats the usual next drug for SRP specifically?").
QUESTION_MARK_OR_WORD = re.compile(r"\?|^\W*(?:what|whats|which|how|is|are|does|do|should|can|could|would)\b", re.I)


def answer_frame(text: str, history: Sequence[str], plan: Recommendation | None, kb: KnowledgeBase,
                 audience: Audience, names_a_topic: bool = False, last_reply: str = "",
                 chosen: str | None = None) -> str | None:
    """The answer to a follow-up about this patient's plan, or None when it is not one. `names_a_topic`:
    the message names a knowledge topic of its own ("how do we monitor her?"), so it takes no aspect from
    the message before. `last_reply`: the bot's answer before this message, whose drug "it" may be. `chosen`: the
    drug the message picked among the choices just given ("the weight-based one"), whatever else it names."""
    if not plan_given(plan):
        return None
    aspect = _aspect_of(text) or (None if names_a_topic else _aspect_carried_over(text, history))
    if aspect == "level" and re.search(r"\bck\b|creatine", text, re.I):
        aspect = None  # a CK level is a monitoring question, not a drug's trough
    if aspect is None or audience is Audience.PATIENT and aspect in ("dose", "maximum"):
        return None  # a patient's dose question is answered in plain words (imnm/dialogue/questions.py)
    named = subject_agents(text, kb)
    if len(set(named)) > 1 and aspect != "why":
        return None  # "his prednisone dose, and should he get an IV pulse first?": the entries answer both
    in_plan = {i.agent for i in plan.items}
    outside = [agent for agent in named if agent not in in_plan]
    if outside and aspect == "dose" and not set(named) & in_plan:
        return _outside_the_plan(outside[0], plan, kb)
    answered = answered_with(text, history, last_reply, kb)
    if not named and aspect == "dose" and REFERS_BACK.search(text) and answered is None:
        # "what would that come to for her?" after "my consultant wants IVIG added": the drug last named, even
        # when it is not in her plan.
        earlier = next((agents for agents in map(lambda m: subject_agents(m, kb), reversed(history)) if agents), [])
        if earlier and earlier[-1] not in in_plan:
            return _outside_the_plan(earlier[-1], plan, kb)
    subject = next((item for item in plan.items if item.agent == chosen), None) if chosen else None
    subject = subject or (next((item for item in plan.items if item.agent == answered and not item.alternative), None)
                          if answered else None)
    subject = subject or _subject(text, history, plan, kb)
    if subject is None:
        return None
    subjects = [subject]
    if STEROIDS_AS_A_CLASS.search(text) and subject.section is Section.INDUCTION and aspect in ("dose", "schedule"):
        # "and steroids - oral or iv for him, and how much": every steroid step of the plan (the IV pulse, then
        # the oral dose), not only the first one named by the word.
        subjects = [item for item in plan.items if item.section is Section.INDUCTION and item.agent
                    and not item.alternative] or subjects
    compared = agents_named(text, kb) if aspect == "why" else []
    if len(set(compared)) > 1 and (len(set(named)) > 1 or WHICH.search(text)):
        # "rituximab vs IVIG - which would you go with next and why?": the reason for each drug set side by side.
        steps: dict[str | None, Item] = {}
        for item in plan.items:
            steps.setdefault(item.agent, item)
        subjects = [steps[agent] for agent in dict.fromkeys(compared) if agent in steps] or subjects
    # "what dose and when would we think about tapering?": each aspect asked, for each subject.
    asked = [aspect, *(other for other in _aspects_of(text) if other != aspect and aspect != "why" and other != "why")]
    asked.sort(key=lambda each: each != "dose")  # the dose first: what to write now
    lines = list(dict.fromkeys(line for line in (_aspect_line(each, item, plan, kb) for each in asked
                                                 for item in subjects) if line is not None))
    if not lines:
        return None
    numbers = CitationNumbers()
    said = "\n".join(f"{text_} {numbers.cite(citations)}" for text_, citations in lines)
    refs = numbers.listing()
    return f"{said}\n**Sources:** {refs}"


def _aspect_of(text: str) -> str | None:
    return next((name for name, pattern in ASPECTS.items() if pattern.search(text)), None)


def asks_a_dose(text: str) -> bool:
    """Whether a question asks how much of something to give."""
    return bool(ASPECTS["dose"].search(text))


def names_an_aspect(text: str) -> bool:
    """Whether a question asks for one side of a treatment (its dose, duration, level, why ...)."""
    return _aspect_of(text) is not None


def _aspects_of(text: str) -> list[str]:
    return [name for name, pattern in ASPECTS.items() if pattern.search(text)]


#: A short follow-up with no aspect of its own ("ok so for mine what would it be", "and for her?").
SHORT_FOLLOW_UP_WORDS = 10
#: A message longer than this without a question mark told a case rather than asked about one.
ASKED_BEFORE_WORDS = 20
#: A real pointer back to what was just discussed (not just a question word at the start).
POINTS_BACK = re.compile(r"\b(?:it|that|this|mine|hers|his|her|him|them|the\s+same)\b", re.I)


#: The steroids named as a class, not one of them ("steroids", not "pred" or "methylpred").
STEROIDS_AS_A_CLASS = re.compile(r"\b(?:steroids?|corticosteroids?|glucocorticoids?)\b(?!\s*[-\s]?sparing)", re.I)
#: A pronoun for a thing (not a person): what a short question's "it" or "that" can stand for.
THING_POINTED_AT = re.compile(
    r"\b(?:it|that|this|them|those|these|the\s+same)\b|"
    # "what's the range?", "and the dose?": the aspect with the definite article and no drug of its own.
    r"\bthe\s+(?:dose|dosing|range|max(?:imum)?|duration|taper|regimen|schedule)\b|"
    # "and the second dose is when?": a dose of the drug just discussed, not the second drug of a list.
    r"\bthe\s+(?:first|second|third|next|last|final|other)\s+(?:dose|infusion|course|cycle|round|session)\b|"
    # "How long does each drip course take?": one course of the drug just discussed.
    r"\b(?:each|every|one|a\s+single)\s+(?:drip\s+)?(?:drip|infusion|course|session|cycle|round)\b", re.I)


#: A short question that carries on from the last one ("ok and what's the total per course for her?").
CARRIES_ON = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|and|right|then|also|thanks|thx)\b\W*)+(?:what|how|when|which|is|are|does|do)\b", re.I)


def points_back(text: str, kb: KnowledgeBase) -> bool:
    """A short question whose "it" or "that" stands for something said before, or that carries on from the last
    question ("and what's the total per course?"), naming no drug itself."""
    return (not agents_named(text, kb) and bool(THING_POINTED_AT.search(text) or CARRIES_ON.search(text))
            and len(text.split()) <= SHORT_FOLLOW_UP_WORDS + 4)


def _aspect_carried_over(text: str, history: Sequence[str]) -> str | None:
    """The aspect of the previous message, for a short follow-up that points back and names none
    ("how does IVIG dosing work?" ... "ok so for mine what would it be")."""
    if not history or len(text.split()) > SHORT_FOLLOW_UP_WORDS or not POINTS_BACK.search(text):
        return None
    if not history[-1].rstrip().endswith("?") and len(history[-1].split()) > ASKED_BEFORE_WORDS:
        return None  # a case told before ("Pred 1 mg/kg and MTX 20 mg weekly since March...") asked no aspect
    return _aspect_of(history[-1])


def _outside_the_plan(agent: str, plan: Recommendation, kb: KnowledgeBase) -> str | None:
    """'What's the IVIG dose for him?' when IVIG is not in his plan: say so, say where the sources
    use it, and what the dose would come to for this patient."""
    entries = [e for e in kb.entries if e.agent == agent and e.in_plan]
    dosed = next((e for e in entries if e.dose is not None), None)
    if not entries:
        return None
    numbers = CitationNumbers()
    where = "; ".join(f"{e.title} {numbers.cite(e.citations)}" for e in entries)
    name = (entries[0].drug or agent).split(" (")[0]
    lines = [f"{name} is not part of this patient's current plan. The sources use it for: {where}."]
    if dosed is not None:
        juvenile = plan.facts.is_juvenile
        dose = compute_dose(dosed.dose, plan.facts.weight_kg, juvenile)
        if dose.withheld or dose.low is None:
            lines.append(f"Dose as the sources give it: {dosed.dose.text} ({dose.working}).")
        else:
            lines.append(f"If it were used, this patient's dose would be **{dose.amount_text}** ({dose.working}).")
    refs = numbers.listing()
    return "\n".join([*lines, f"**Sources:** {refs}"])


def _aspect_line(aspect: str, item: Item, plan: Recommendation, kb: KnowledgeBase
                 ) -> tuple[str, tuple[str, ...]] | None:
    name = item.short_name
    dose = item.dose
    if aspect == "why":
        reason = [item.rationale]
        alone = next((i for i in plan.items if i.entry_id == "pitfall.monotherapy"), None)
        if item.section is Section.STEROID_SPARING and alone is not None:
            reason.append(alone.statement)
        cites = tuple(dict.fromkeys((*item.citations, *(alone.citations if alone else ()))))
        return f"Why {name}: " + " ".join(reason), cites
    if aspect == "maximum" and item.agent == "prednisone":
        if dose is not None and dose.capped:
            return (f"Yes: under 18 the sources cap prednisone at 60 mg/day, so **{dose.amount_text}** "
                    f"({dose.working}).", item.citations)
        guard = kb.entry(item.entry_id).dose
        named = guard.guard.named if guard is not None and guard.guard is not None else None
        usual = f"; the BSR guideline's {named.split(' (')[0]} is the range it names" if named else ""
        amount = f" This patient's dose is **{dose.amount_text}** ({dose.working})." if dose and dose.low else ""
        return f"The sources give no adult maximum for prednisone{usual}.{amount}", item.citations
    if aspect == "taper" and item.section is Section.INDUCTION:
        taper = next((i for i in plan.items if i.entry_id == "taper.general"), None)
        parts = [item.statement] if "taper" in item.statement else []
        if taper is not None:
            parts.append(taper.statement)
        cites = tuple(dict.fromkeys((*item.citations, *(taper.citations if taper else ()))))
        return " ".join(parts) or "The sources give no taper schedule.", cites
    if aspect == "duration":
        duration = item.duration or "the sources give no fixed duration"
        stop = next((i for i in plan.items if i.entry_id == "pitfall.premature_stop"), None)
        extra = f" {stop.statement}" if stop else ""
        cites = tuple(dict.fromkeys((*item.citations, *(stop.citations if stop else ()))))
        return f"{name}: {duration}.{extra}", cites
    if aspect == "schedule":
        how = item.frequency or "the sources give no schedule"
        amount = f" (**{dose.amount_text}** for this patient)" if dose is not None and dose.low is not None else ""
        return f"{name}{amount}: {how}.", item.citations
    if aspect == "level":
        if dose is None or not re.search(r"trough|ng/ml", f"{dose.rule} {dose.working}", re.I):
            return None  # not a drug dosed to a level: the question is about something else (a CK level)
        return f"{dose_line(item)}.", item.citations
    if aspect in ("dose", "maximum"):
        if dose is None:
            return f"{name}: the sources give no dose.", item.citations
        where = " (an alternative in this plan)" if item.alternative else ""
        return f"{dose_line(item)}{where}.", item.citations
    return None


def answer_if_it_fails(text: str, plan: Recommendation | None, refractory_plan: Recommendation | None
                       ) -> str | None:
    """'And if that fails?': the options the sources give for inadequate response or relapse."""
    if plan is None or refractory_plan is None or not IF_IT_FAILS.search(text):
        return None
    options = escalation_options(refractory_plan, "**If there is no adequate response** (or a relapse on taper): ")
    if options is None:
        return None
    return options + "\n_Nothing was changed: this patient is not marked refractory until you say so._"


#: The entry that leads the refractory options (one of them, not all at once).
ESCALATION_LEAD = "refractory.add_on"


def escalation_options(refractory_plan: Recommendation, heading: str) -> str | None:
    """The options a refractory plan adds (one of them, not all), each with its dose and citations."""
    numbers = CitationNumbers()
    lines = []
    for item in refractory_plan.items:
        if item.section is Section.ESCALATION and item.agent and (
                item.entry_id.startswith("refractory.") or item.entry_id == "severe.plasma_exchange"):
            dose = f" {dose_line(item)}" if item.dose is not None and item.dose.low is not None else ""
            lines.append(f"- {item.title}{':' if dose else ''}{dose} {numbers.cite(item.citations)}")
    if not lines:
        return None
    lead = next((i for i in refractory_plan.items if i.entry_id == ESCALATION_LEAD), None)
    intro = (lead.statement + " " + numbers.cite(lead.citations)) if lead else "For inadequate response:"
    return heading + intro + "\n" + "\n".join(lines) + f"\n**Sources:** {numbers.listing()}"


#: Facts whose absence still leaves a plan to talk about (a provisional plan is given without them).
PLAN_WITHOUT = frozenset({"antibody", "statin_exposure"})
#: A patient's plain plan shows no dose, so it does not wait for the weight either.
PLAIN_PLAN_WITHOUT = PLAN_WITHOUT | {"weight_kg"}


def plan_given(plan: Recommendation | None, without: frozenset[str] = PLAN_WITHOUT) -> bool:
    """Whether the conversation has a plan (complete or provisional) that follow-ups can be about: all that
    is still missing is among `without`."""
    return plan is not None and {f.name for f in plan.missing if f.blocking} <= without


#: Words that ask what to do, and the words a short question may wrap them in. A short question made only of
#: these ("what should happen now?", "where do we go from here?", "options now?", "does that change what we'd
#: go for?") asks for the plan, however it is put; one more content word ("what dose?", "what do we
#: monitor?") makes it a question about that instead.
PLAN_HEADS = frozenset(
    "options option plan plans next step steps do doing done happen happens recommend recommendation suggest advise "
    "try manage management approach go move escalate escalation change changes treat treatment strategy "
    "start started starting give given put table "
    # "what do the sources favour for her now?": what to do ("which is preferred?" after a list chooses from it).
    "favour favor favoured favored advice "
    # "first line then?", "what's first-line for him?": the plan's first steps, for this patient.
    "first line firstline initial initially".split())
PLAN_FILLER = frozenset(
    "what whats where how which so and ok okay then now here from is are was were the our my your his her their "
    "him them we wed i id you youd u they should would could can will does did to be going for this that these "
    "point stage at in of a an any else there left still pls please thoughts doctors doctor team with case patient "
    "pt she he hmm right well sorry it its about if us me on anything while wait waiting meantime meanwhile "
    # "Kindly advise further management": courtesy and "further".
    "kindly further pls plz sources source guidelines guideline evidence "
    # "do we need to start something?"
    "need needs something".split())
SHORT_PLAN_QUESTION_WORDS = 10


def _only_plan_words(text: str) -> bool:
    words = [word.replace("'", "").replace("\u2019", "") for word in re.findall(r"[a-z'\u2019]+", text.lower())]
    if not words or len(words) > SHORT_PLAN_QUESTION_WORDS or not set(words) <= PLAN_HEADS | PLAN_FILLER:
        return False
    if _aspect_of(text) is not None:  # "how is it given?": a side of something named before, not the plan
        return False
    asks = (text.rstrip().endswith("?") or words[0] in ("what", "whats", "where", "how", "which", "next", "options")
            or words[-1] in ("what", "next")  # "now what", "so what next"
            or bool({"advise", "suggest", "recommend"} & set(words)))  # "Kindly advise further management"
    heads = set(words) & PLAN_HEADS
    return asks and (bool(heads) or {"what", "now"} <= set(words) or {"where", "now"} <= set(words))


def asks_for_the_plan(text: str) -> bool:
    """The message, or its last sentence after a report ("...CK 7500, no stronger. now what"), asks what to do."""
    parts = [part for part in re.split(r"(?<=[.!?\n])\s*", text.strip()) if part.strip()]
    last = parts[-1] if parts else text
    clauses = re.split(r",\s*", last)  # "this is getting life threatening, what else is on the table?"
    # "will it settle off the statin or do we need to start something?": the second of two alternatives asked.
    alternative = re.split(r"\s+or\s+(?=(?:do|does|should|shall|must|will|would|is|are|can)\b)", clauses[-1])[-1]
    # "Kindly advise further management, IVIG cost is an issue for family": the request may come first.
    return any(bool(PLAN_AGAIN.search(part)) or _only_plan_words(part)
               for part in dict.fromkeys((text, last, clauses[-1], clauses[0], alternative)))


#: "Is that one once a day like the pred?", "is the new drug a tablet?": a pointer to a drug ("is it right?" and
#: "that sounds a lot" point at a dose or a statement, so a bare "it" or "that" is not read as one).
POINTER = re.compile(r"\b(?:that|this|the\s+new|the\s+other|the\s+second)\s+"
                     r"(?:one|drug|medicine|medication|tablet|drip)\b", re.I)


def with_its_antecedent(text: str, kb: KnowledgeBase) -> str | None:
    """The message's closing question with its pointer written as the drug named last before it in the same message
    ("They've put me on 80mg prednisolone and want to add methotrexate. Is that one once a day like the pred?" is
    asked as "Is methotrexate once a day like the pred?"), or None when the question names its drug first or
    nothing before it names one."""
    parts = [part for part in re.split(r"(?<=[.?!;\n])\s+", text.strip()) if part.strip()]
    if len(parts) < 2 or not parts[-1].rstrip().endswith("?"):
        return None
    question, told = parts[-1], " ".join(parts[:-1])
    pointer = POINTER.search(question)
    if pointer is None or any(position < pointer.start() for position, _ in _agents_at(question, kb)):
        return None
    earlier = _agents_at(told, kb)
    if not earlier:
        return None
    agent = max(earlier)[1]
    return f"{question[:pointer.start()]}{kb.agents[agent][0]}{question[pointer.end():]}"


#: The bot's answer that offered the alternatives to a drug ("If methotrexate cannot be used, the sources give these
#: alternatives: ..."): the drugs it lists are the ones a following "that one" can point at.
ALTERNATIVES_OFFERED = re.compile(
    r"^If\s+[\w\s-]+?\s+cannot\s+be\s+used,\s+the\s+sources\s+give\s+these\s+alternatives", re.I)
#: A pointer to one drug without its name: "dose of that one?", "how is it given?".
POINTS_AT_ONE = re.compile(r"\b(?:that|this|it)(?:\s+(?:one|drug|medicine|medication|option|agent))?\b", re.I)


def the_alternative_offered(text: str, last_reply: str, history: Sequence[str], kb: KnowledgeBase) -> str | None:
    """`text` with its pointer written as the first alternative the bot just offered ("MTX is a no go" ... "what
    would you use instead?" ... "dose of that one?" asks the dose of azathioprine, never of the drug ruled out), or
    None when the last answer offered no alternatives or the message names a drug itself."""
    pointer = POINTS_AT_ONE.search(text)
    if pointer is None or agents_named(text, kb) or not ALTERNATIVES_OFFERED.match(last_reply.strip()):
        return None
    out = ruled_out(last_reply.split("\n", 1)[0], kb) | ruled_out_lately(history, kb)
    offered = [agent for agent in dict.fromkeys(agents_named(last_reply.split("\n", 1)[-1], kb)) if agent not in out]
    if not offered:
        return None
    return f"{text[:pointer.start()]}{kb.agents[offered[0]][0]}{text[pointer.end():]}"

