"""The course of the disease, read clause by clause: a response said of the treatment.

A word list of phrasings ("not responding", "relapsed") misses most of how clinicians tell a
course ("three months on pred and MTX, CK still 8,000", "on pred 60 for 4 wks and if anything he's
weaker"). Here a course is a composition: a *response* (none or partial, worse again, CK still up;
or better, CK normal) said in a clause that also places it in *treatment or time* (on a drug,
after weeks, while tapering). No response in such a clause means an inadequate response to
initial therapy (`refractory` true); a good response told later cancels it. Questions about
what may happen ("will it come back when they lower them?") and about patients in general ("how
often do patients relapse on taper?") state nothing about this patient. The last statement in the
message wins ("much better at 6 weeks... now weaker again").
"""

from __future__ import annotations

import re
from functools import lru_cache

from imnm.language.extract.lexicon import PRED, STEROID

#: A turn reads each earlier message again (is it general? does it tell of treatment?): kept by text, each message is
#: read once per conversation instead of once per turn.
TEXTS_REMEMBERED = 8192

_DRUGS = (rf"(?:{PRED}|{STEROID}|mtx|methotrexate|ivig|ritux\w*|rtx|aza\w*|mmf|mycophenolate|tacro\w*|"
          r"methylpred\w*|ivmp|cyclophosphamide|plex|treatments?|therap(?:y|ies)|immunosuppress\w*|meds|medications?|tablets|"
          # How patients write them: brand names and misspellings ("the steriods and cellcept").
          r"steriods?|cellcept|myfortic|imuran|prograf|advagraf|mabthera|rituxan|medicines?|drugs?|infusions?|drips?)")
#: A CK in the thousands, as clinicians write it ("9k", "9.5 k", "10,400", "8000").
CK_THOUSANDS = r"(?:\d[\d.]*\s*k\b|\d{1,3},?\d{3,})"
_THE_MUSCLES = r"(?:muscle|weakness|strength|legs|arms|myositis|myopathy|ck|walking|power)"
NO_RESPONSE = re.compile(
    # "isn't", "wasn't", "hasn't" end in "n't" inside their word: no boundary before it.
    r"(?:\b(?:not|n'?t|isnt|hasnt|arent|havent|wasnt|werent|doesnt|didnt|never)|n['’]t)\s+(?:really\s+|much\s+|yet\s+|at\s+all\s+)?"
    r"(?:getting\s+|got\s+|gotten\s+|been\s+|become\s+|done\s+)?(?:any\s+|much\s+)?"
    r"(?:better|improv\w*|respond\w*|budg\w*|helping|helped|working|worked|stronger)\b|"
    # "steroids and methotrexate havent done much", "the IVIG hasn't done anything".
    # Not "hasn't done much for the rash": the effect judged on something else.
    r"(?:\b(?:not|havent|hasnt|didnt)|n['’]t)\s+(?:really\s+)?(?:(?:done|did|achieved|changed)\s+(?:much|anything|a\s+lot|"
    r"a\s+thing)|made\s+(?:any|much|a|the\s+slightest)\s+(?:real\s+)?difference)\b"
    r"(?!\s+(?:for|to)\s+(?:the|his|her|my|their|your)\s+(?!" + _THE_MUSCLES + r")[a-z])"
    r"(?!\s+(?:for|to)\s+(?!(?:the|his|her|my|their|your|him|me|them|us|you)\b|" + _THE_MUSCLES + r")[a-z])|"
    r"\bno\s+(?:better|stronger|(?:real|appreciable|significant|meaningful|functional|clinical|clear|further|measurable|"
    r"obvious|noticeable|major|useful|sustained)?\s*(?:improvement|response|change|benefit|gain))\b|"
    # "after 3 months still with difficulty climbing stairs", "still has trouble getting up".
    r"\bstill\s+(?:with|has|having|had|have)\s+(?:\w+\s+)?(?:difficulty|trouble|weakness|problems?)\b|"
    # An aid or help still needed after treatment: "still needing her arms to get up", "still on the stick".
    r"\bstill\s+(?:needs?|needing|needed|requires?|requiring|uses?|using|on)\s+(?:(?:her|his|their|my|the|a|one)\s+)?"
    r"(?:arms|hands|stick|cane|frame|walker|rollator|(?:hand)?rail|wheelchair|hoist|help)\b|"
    # "need the rail on stairs again": an aid needed again.
    r"\b(?:need|needs|needing|using|uses|on)\s+(?:the\s+|a\s+|her\s+|his\s+)?(?:(?:hand)?rail(?:ing)?|stick|cane|frame|"
    r"walker|wheelchair|hoist)\b[^.;!?]{0,25}?\bagain\b|"
    # "each time pred goes below 12.5 his CK doubles": the CK back up, told without its numbers.
    r"\bck\s+(?:doubles|doubled|triples|tripled|climbs|climbed|goes\s+up|went\s+up|shoots\s+up|shot\s+up|jumps|"
    r"jumped|rises|rose|creeps?\s+up|crept\s+up|creeping\s+up)\b|"
    # Weakness coming on again while treated: "Since the reduction, increasing weakness", "with new weakness".
    r"\b(?:increasing|new|worsening|recurrent|recurring|renewed)\s+(?:\w+\s+)?weakness\b|"
    # "by March recurrent hip girdle weakness": the muscles named between.
    r"\b(?:increasing|new|worsening|recurrent|recurring|renewed)\s+(?:(?:proximal|hip|girdle|pelvic|shoulder|thigh|"
    r"leg|limb|muscle|arm|neck|flexor)[-\s]+){2,3}weakness\b|"
    # "since the rituximab my myositis honestly hasn't changed": the disease not moved by the treatment.
    # Not strength or power, which may be unchanged because it is whole ("strength hasn't changed - full power").
    r"\b(?:myositis|myopathy|imnm|weakness|ck)\s+(?:\w+\s+)?(?:(?:has|have)\s*n['’]?t|(?:has|have)\s+not)\s+"
    r"(?:really\s+|much\s+|at\s+all\s+)?(?:changed|shifted|budged|moved)\b|"
    r"\b(?:weakness|disease|it|she|he|they|symptoms)\s+(?:is\s+|are\s+|was\s+|were\s+|keeps?\s+|still\s+)*progressing\b|"
    # Weakness back, said with "again" at the end ("weak on stairs again", "falling again").
    # "the stairs are getting harder again".
    r"\b(?:weak\w*|worse|struggl\w*|falls?|falling|can'?t|cannot|unable|trouble|difficulty|harder|tougher|"
    r"more\s+difficult)\b[^.;!?]{0,40}?\bagain\b|"
    # A finding back: "the swallowing went again", "choking on liquids again".
    r"\b(?:swallow\w*|chok\w*|dysphagi\w*|breathing|breathless\w*)\b"
    r"(?![^.;!?]{0,30}?\b(?:fine|normal|better|ok(?:ay)?|improv\w*|good|easier)\b)[^.;!?]{0,30}?\bagain\b|"
    # Not "my thighs still feel weaker than before" beside a response: weakness left over, compared with before the
    # illness, not a course turning worse.
    r"(?<!still\sfeel\s)(?<!still\sfeels\s)(?<!still\s)\b(?:weaker|worse)\s+(?:again|still|than\s+(?:before|ever|"
    r"at\s+diagnosis))\b|"
    # "Now CK 6000 and walking with a stick again": an aid needed again.
    r"\b(?:stick|cane|frame|walker|rollator|wheelchair|crutch(?:es)?|hoist)\s+again\b|"
    r"\bif\s+anything\s+(?:[\w']+\s+){0,2}?(?:weaker|worse)\b|"
    r"\b(?:getting|got|gotten|becoming|is|are|'s|seems?)\s+(?:even\s+)?(?:weaker|worse)\b|"
    # "now CK 7000, proximal weakness worse": the weakness told as worse, without a verb.
    # "weakness also worse", "her walking is now worse": not "weakness worse in the evening" (fatigable: a finding).
    r"\b(?:weakness|strength|power|walking|mobility|function|swallow\w*)\s+(?:is\s+|has\s+(?:got|become)\s+|got\s+|"
    r"became\s+)?(?:also\s+|now\s+|even\s+|much\s+|clearly\s+|a\s+(?:bit|lot)\s+|slightly\s+|definitely\s+)?"
    r"worse\b(?!\s+(?:in\s+the\s+(?:evening|morning)|at\s+night|after|with|on\s+exertion|by\s+(?:the\s+)?evening|"
    r"when|towards))|"
    r"\b(?:going|gone|went|heading)\s+(?:\w+ly\s+)?downhill\b|\bdeteriorat\w*\b|"
    # "followed by IVIG 2 g/kg, without improvement", a template's "Response: partial only".
    r"\bwithout\s+(?:any\s+|much\s+|significant\s+|clear\s+|meaningful\s+)?(?:improvement|response|benefit|effect|change)\b|"
    r"\bresponse\s*[:=–—-]\s*(?:partial|poor|none|nil|inadequate|minimal|limited|incomplete|little)\b|"
    # A course note that is only the verdict: "Day 10: worse.", "Week 6 - much worse".
    # "Day 10: worse, FVC 40%", "Day 5: weaker, short of breath": the verdict first, then what shows it.
    # "its june now and hes worse", typed without the apostrophe.
    r"\b(?:hes|shes|theyre)\s+(?:\w+\s+)?(?:weaker|worse)\b|"
    # A red flag worse on treatment: "FVC dropping 2.1 -> 1.6L". (Not "still NG fed" at discharge after a short
    # admission, which the older sets read as a course not yet judged.)
    r"\bfvc\s+(?:\w+\s+)?(?:dropping|falling|declining|dropped|fell|fallen|worse)\b|"
    # "day 10 and worse: can't swallow his own secretions".
    r"(?:^|[:,]|\s[-–—]|\band)\s*(?:much\s+|even\s+|clearly\s+|markedly\s+|a\s+lot\s+)?(?:worse|weaker)\s*(?:[,:]|\W*$)|"
    # "09/24 CK 9,100, worse on stairs, now using a stick"; "still choking on thin fluids" after weeks of treatment.
    r"\b(?:worse|weaker)\s+(?:on|with|at)\s+(?:the\s+)?(?:stairs|walking|standing|rising|getting\s+up)\b|"
    r"\bstill\s+(?:choking|coughing\s+on|aspirating|dysphagic|needing\s+(?:the\s+)?(?:ng|peg|niv|bipap))\b|"
    # "Pred + methotrexate did almost nothing", "IVIG made no difference", "it has done little".
    # "the methotrexate and steroids didn't do enough", "IVIG wasn't enough".
    # Not "not enough data to say", "not enough time yet".
    r"(?:\b(?:not|never)|n['’]?t)\s+(?:do(?:ing)?|done|been|be)?\s*(?:enough|sufficient|adequate)\b"
    r"(?!\s+(?:data|info\w*|evidence|time|experience|details?|to\s+(?:say|tell|judge|go\s+on)))|"
    r"\b(?:did|does|has\s+done|have\s+done|made|makes)\s+(?:almost\s+|next\s+to\s+|basically\s+|absolutely\s+|very\s+)?"
    r"(?:nothing|no\s+(?:real\s+)?difference|little(?:\s+difference)?)\b|"
    r"\b(?:continu\w*|kept|keeps)\s+to\s+(?:decline|deteriorate|worsen|progress|fall)\b|\bworsen(?:ed|ing)\b|"
    # Not a result ("Ab returned positive", "came back negative").
    r"\b(?:recurred|recurring|flared|(?:returned|came\s+back)(?!\s+(?:as\s+)?(?:positive|negative|normal|raised|elevated|"
    r"high|low|equivocal|weakly|strongly|pos|neg|clear|at\b|\d|home|"
    # "returned to work / PE classes / normal": the patient back at something, not the disease back ("CK returned
    # to 5000" is read as a CK).
    r"to\s+(?!\d))))\b|"
    # Weakness back after a taper: "she's back to struggling on the stairs", "back to needing a stick".
    r"\bback\s+to\s+(?:struggl\w*|needing|using|falling|being\s+(?:weak|unable)|not\s+being\s+able|square\s+one|"
    r"pulling\s+(?:herself|himself|themselves|myself)\s+up)\b|"
    # A raised CK right after a taper: "tapered pred to 10 mg in Sept -> CK 9k".
    r"\b(?:taper\w*|wean\w*|reduc\w*|lower\w*|dropped|came\s+down|down\s+to)\b[^.;]{0,40}?(?:->|→|then|and)\s*"
    r"ck\s+(?:(?:up\s+)?(?:to\s+|at\s+|of\s+)?)" + CK_THOUSANDS + r"|"
    # "he remained wheelchair-bound, with persistent dysphagia ... despite these therapies".
    r"\b(?:remain(?:ed|s)?|persist(?:ed|s|ent)?)\b[^.;]{0,150}?\bdespite\s+(?:these|this|those|the|all|that|treatment|"
    r"therapy|therapies|maximal)\b|"
    # "Previously prednisolone, azathioprine, then IVIG, still progressing"; "steroids and methotrexate didn't work".
    r"\b(?:did|does|do|has|have|had)(?:n['’]?t|\s+not)\s+(?:really\s+|seem(?:ed)?\s+to\s+)?work\b|"
    r"\bstill\s+(?:really\s+|very\s+|so\s+|quite\s+|pretty\s+)?(?:weak|struggling|unable|bed-?bound|can'?t|cannot|progressing|"
    r"needs?|requiring|in\s+a\s+wheelchair|getting\s+worse)\b|"
    r"\b(?:crept|creeping|went|gone|shot|came|come)\s+back\s+up\b|"
    r"\bck\s+(?:is\s+|remains?\s+|was\s+|has\s+)?(?:still|back\s+up|rising|climbing|going\s+up|up\s+again|creeping|"
    r"risen|gone\s+up|shot\s+up)\b|\bck\s+(?:still\s+)?in\s+the\s+(?:thousands|tens\s+of\s+thousands)\b|"
    # Weakness or a raised CK coming back: "weakness creeping back", "CK up to 10k".
    r"\b(?:weakness|weak\w*|it|symptoms)\s+(?:is\s+|was\s+)?(?:creep\w*|crept|com(?:e|es|ing))\s+back\b|"
    # Telegraphic: "on MTX 7.5 a week, weakness back and CK 8k", "dysphagia back".
    r"\b(?:weakness|symptoms|dysphagia|swallowing\s+(?:problems?|difficulty))\s+(?:is\s+|are\s+|now\s+|all\s+)?back\b"
    r"(?!\s+(?:to\s+(?:normal|baseline)|down|within|in\s+range))|"
    r"\bck\s+(?:back\s+)?up\s+to\s+" + CK_THOUSANDS + r"|"
    # A raised CK told as back: "May: CK 9k again", "CK of 8,000 again".
    r"\bck\s+(?:of\s+|at\s+|is\s+|was\s+|now\s+|up\s+to\s+)?" + CK_THOUSANDS
    + r"\s*(?:(?:iu|u)/l\s+)?(?:again|back(?!\s+(?:to\s+normal|down|within)))\b|"
    r"\bpartial\s+(?:improvement|response|recovery|remission)\b|\bplateau\w*\b|\bno\s+gain\s+in\s+(?:strength|power)\b|"
    # A small amount of improvement is an inadequate response ("marginal improvement at best", "minor gains").
    r"\b(?:only|minimal|little|slight|modest|limited|marginal|minor|small|negligible|not\s+much)\s+"
    r"(?:\w+\s+)?(?:improvement|response|benefit|gains?|change)\b|"
    # CK moving up, whatever the verb ("every time we go below that his CK jumps", "CK bounced back").
    r"\bck\s+(?:\w+\s+){0,2}?(?:jump|spike|bounce|shoot|shot|climb|rise|rose|creep|went\s+up|go(?:es)?\s+up|"
    r"goes\s+back|flare)\w*\b|"
    # Losing the ground gained ("she's slipped back", "Gowers' positive again", "back to square one").
    r"\bslipp(?:ed|ing)\s+back\b|\bback\s+to\s+square\s+one\b|\b(?:positive|weak|up|worse)\s+again\b|"
    # A decline of the patient, not of a marker ("a steady decline in troponin and CK" is a good response).
    r"\b(?:rapid|further|progressive|steady|continued|ongoing|functional)\s+(?:decline|deterioration)\b"
    r"(?!\s+(?:in|of)\s+(?:the\s+)?(?:troponin|ck|cpk|creatine|enzymes?|levels?))|"
    r"\b(?:strength|function|power|mobility|she|he|they)\s+(?:is\s+|are\s+|has\s+been\s+|keeps\s+)?declining\b|"
    # "strength unchanged", "CK has barely budged", "fallen only from 7,200 to 6,500", "weakened again, CK rose".
    r"\b(?:strength|power|weakness|ck|mmt-?8|function)\s+(?:is\s+|was\s+|remains?\s+|has\s+been\s+|essentially\s+|"
    r"largely\s+|still\s+)*unchanged\b|\bunchanged\s+(?:strength|power|weakness|ck)\b|"
    r"\bbarely\s+(?:budged|moved|changed|improved|shifted|touched)\b|"
    r"\b(?:fallen|fell|dropped|come\s+down|came\s+down)\s+only\b|\bonly\s+(?:fallen|fell|dropped|come\s+down|came\s+down)\b|"
    r"\b(?:weakened|deteriorated|worsened|relapsed)\s+again\b|\bck\s+(?:has\s+)?(?:rose|risen|climbed|increased)\b",
    re.I)
GOOD_RESPONSE = re.compile(
    r"\b(?:improving|improved|much\s+(?:better|stronger)|stronger|good\s+response|responding|responded|"
    # "3 months later the muscles are better": the muscle disease itself said to be better.
    r"(?:muscles?|strength|power|weakness|legs|arms)\s+(?:(?:are|is|has|have|got|gotten|getting|feel|feels)\s+)*"
    r"(?:much\s+|a\s+lot\s+|far\s+|definitely\s+|loads\s+|heaps\s+|way\s+|so\s+much\s+|lots\s+)?better|"
    r"feeling\s+(?:much\s+|a\s+lot\s+)?better|back\s+to\s+normal|doing\s+(?:well|great|much\s+better)|"
    # "better every month", "out of the wheelchair".
    r"better\s+(?:every|each)\s+(?:week|month|day)|out\s+of\s+(?:the|her|his|their|my)\s+wheel\s?chair)\b|"
    r"\bck\s+(?:has\s+|is\s+)?(?:now\s+)?(?:normali[sz]ed|normal|near(?:ly)?\s+normal|coming\s+down|falling|"
    r"dropped|fallen|down)\b|\b(?:my|his|her)\s+ck\s+is\s+normal\b|"
    # A red flag gone on treatment: "swallow normal on repeat assessment", "swallowing back to normal", "NG out".
    r"\bswallow(?:ing)?\s+(?:is\s+|now\s+)?(?:normal|fine|safe)\s+(?:again|on\s+(?:repeat|re-?assessment|review|"
    r"re-?testing|videofluoroscopy))\b|\bswallow(?:ing)?\s+(?:is\s+|now\s+)?back\s+to\s+normal\b|"
    r"\bng\s+(?:tube\s+)?(?:out|removed)\b|\boff\s+(?:the\s+)?(?:ng|niv)\b",
    re.I)
#: A strong statement of response needs no treatment word beside it ("my CK is normal now").
GOOD_WITHOUT_CONTEXT = re.compile(r"\bck\s+(?:has\s+|is\s+)?(?:now\s+)?(?:normali[sz]ed|normal|near(?:ly)?\s+normal)\b|"
                                  r"\bfeeling\s+(?:much|a\s+lot)\s+better\b", re.I)
#: The treatment the response is said of: a drug or treatment word, or its taper. Time alone is not
#: enough ("stopped the statin; 3 months later still weak" is no response to immunotherapy).
#: The treatment discussed before, told as done: "What do we start with?" ... "We did that. Three months on, no better".
DID_THAT = (r"\b(?:we|they|i|you)\s+(?:did|started|tried|gave|went\s+with|have\s+done|'ve\s+done|have\s+tried|"
            r"'ve\s+tried)\s+(?:that|this|it|those|them|all\s+that)\b")
TREATMENT_OR_TIME = re.compile(
    # "What do we start with?" ... "We did that. Three months on, no better": the treatment discussed, done.
    DID_THAT + r"|"
    r"\b(?:on|after|despite|with|since|starting|started|been\s+on|trial\s+of)\s+(?:[\w+/-]+\s+){0,4}?" + _DRUGS + r"|"
    r"\b" + _DRUGS + r"\s+(?:for|since|x)\s+\d|\b" + _DRUGS + r"\b|"
    r"\b(?:down\s+to|taper\w*|wean\w*|lower\w*|reduc\w*)\b",
    re.I)
CLAUSE_BREAK = re.compile(r"[.;!?\n]+|\s[-–—]\s|,\s*(?:but|however)\b", re.I)
#: A yes/no question asks whether something is so ("will it come back when they lower them?", "can I go
#: back on a statin?", "is he still on it?"). A wh-question usually describes the patient while asking
#: ("how do I dose IVIG for a man who has relapsed on pred?"), so it is read as telling.
QUESTION_START = re.compile(
    r"^\W*(?:(?:and|so|ok(?:ay)?|thanks|also|out\s+of\s+interest|just\s+wondering)\W+)*"
    r"(?:can|could|should|would|will|do|does|did|is|are|was|were|has|have|may|might)"
    r"\s+(?:i|we|you|he|she|they|it|there|the\s+patient|the\s+pt|pt|patients|pts|all|most|any|anyone|people|"
    # "will stopping the statin be enough?": an action as the subject.
    r"[a-z]+ing|"
    r"[a-z]+\s+(?:patients|pts)|"
    # "does the statin still matter?", "is the CK still relevant?": a thing named before, asked about.
    r"the\s+[a-z]+)\b", re.I)
GENERAL = re.compile(r"\b(?:generally|in\s+general|typically|usually|"
                     # "quick general one - how long has MTX been used?", "general q:", "general point".
                     r"general\s+(?:one|q|qs|question|questions|point|aside)\b|"
                     # "More broadly, how does coexisting myocarditis change the outlook?": the question widened
                     # from the patient to the disease.
                     r"(?:more|speaking)\s+(?:broadly|generally)|broadly\s+speaking|as\s+a\s+general\s+(?:point|rule|"
                     r"question)|across\s+(?:all\s+)?(?:patients|pts|cases|the\s+(?:board|cohort))|"
                     r"(?:the\s+|a\s+)?usual\s+(?:adult|paediatric|pediatric|child|dose|dosing|starting)|how\s+often|"
                     # "what fraction of anti-HMGCR patients ...?", "the proportion of SRP pts who relapse".
                     r"what\s+(?:proportion|percentage|fraction|share|percent|%)|(?:proportion|fraction|percentage|share)"
                     r"\s+of\s+(?:[\w+-]+\s+){0,2}(?:patients|pts|people|cases|adults|children)|"
                     r"how\s+many\s+(?:patients|pts|people|end\s+up)|do\s+(?:all|most)|does\s+every|in\s+most|"
                     # A made-up or typical person: "for a typical 70 kg adult", "say someone who gets it at 20".
                     r"(?:a|an)\s+(?:typical|average|hypothetical)\s+(?:\d|adult|patient|pt|person|man|woman|child|case)|"
                     r"hypothetical\w*|in\s+theory|"
                     r"theoretically|say\s+(?:someone|somebody|a\s+patient|a\s+pt)|someone\s+who|"
                     # "is it true the young ones do worse?": a kind of patient, not this one.
                     r"(?:the\s+)?(?:young(?:er)?|old(?:er)?|elderly)\s+(?:ones|people|patients|pts|folk|adults)|"
                     # "Out of interest, is it true that younger people do worse?": curiosity, not this patient.
                     r"out\s+of\s+(?:interest|curiosity)|just\s+(?:curious|wondering)|for\s+(?:my|our)\s+own\s+"
                     r"(?:knowledge|interest|understanding)|"
                     # A fact about the disease: "(I explained that) relapse is common when treatment is reduced".
                     r"(?:relapses?|relapsing|flares?)\s+(?:is|are)\s+(?:common|frequent|usual)|"
                     r"(?:general|gen\.?)\s+(?:q|qs|question|questions)|(?:unrelated\s+to|nothing\s+to\s+do\s+with)\s+"
                     r"(?:him|her|them|this|the\s+patient)|for\s+teaching|unrelated\s*[-–—:,]|"
                     # "Separate teaching question for my students: what would the IVIG dose be for a 50 kg patient?"
                     r"teaching\s+(?:question|q|example|case|point|purposes)|(?:separate|unrelated|side)\s+(?:question|q)|"
                     r"for\s+(?:my|the|our)\s+(?:students|trainees|juniors|residents|registrars|fellows|"
                     r"med(?:ical)?\s+students)|"
                     # "if a patient weighed 90 kg, what would ...": a made-up patient.
                     r"if\s+(?:a|an|the)\s+(?:patient|pt|person|adult|child|man|woman)\s+(?:weighed|weighs|was|were|is|had))\b",
                     re.I)


#: "all anti-HMGCR patients", "most SRP pts", "people with HMGCR myopathy": a kind of patient.
ALL_PATIENTS = re.compile(r"\b(?:all|most|every|any|many)\s+(?:[\w+-]+\s+){0,2}(?:patients|pts|people|cases)\b|"
                          r"\b(?:patients|pts|people)\s+with\b", re.I)


#: "usually", "typically": about patients in general, unless the sentence is about this patient ("what prednisone
#: dose would she usually need?").
HABITUAL = re.compile(r"\b(?:generally|typically|usually|usual)\b", re.I)
#: "how often" in a sentence about this patient asks how often her treatment is given ("how much would she get, and
#: how often?"); in a sentence of its own it stays general ("Her doctor mentioned IVIG. How often is it given?").
HOW_OFTEN = re.compile(r"\bhow\s+often\b", re.I)
#: A kind of patient ("patients like her", "in my experience ... these patients"): the question is about them.
A_GROUP = re.compile(r"\b(?:patients|pts|people|cases|ones|folk)\b", re.I)
THIS_PATIENT = re.compile(r"\b(?:she|he|her|him|his|hers|my|me|i|"
                          r"this\s+(?:patient|pt|man|woman|lady|boy|girl|child))\b", re.I)


@lru_cache(maxsize=TEXTS_REMEMBERED)
def said_in_general(text: str) -> bool:
    """Whether `text` speaks of patients in general or of a made-up patient (GENERAL), not of this one."""
    if THIS_PATIENT.search(text):
        text = "".join(HOW_OFTEN.sub(" ", sentence) if THIS_PATIENT.search(sentence) and not A_GROUP.search(sentence)
                       else sentence for _, sentence in sentences(HABITUAL.sub(" ", text)))
    return bool(GENERAL.search(text))


def sentences(text: str) -> list[tuple[int, str]]:
    """(start, sentence) pieces, each keeping its own question mark."""
    pieces, start = [], 0
    for match in re.finditer(r"(?:[!?\n]|\.(?!\d))+", text):  # "7.5 mg" is one number, not two sentences
        pieces.append((start, text[start:match.end()]))
        start = match.end()
    if start < len(text):
        pieces.append((start, text[start:]))
    return pieces


#: "what are the chances it comes back?", "how likely is a relapse off MTX?", "any chance it flares again?": the
#: likelihood of an event asked about, which tells nothing of whether it happened ("CK back up on pred, what are the
#: chances IVIG works?" tells before it asks: only a sentence that opens with the question is read so).
ASKS_THE_CHANCE = re.compile(r"^\W*(?:(?:and|so|ok(?:ay)?|but|also|then|realistically|honestly)\W+)*"
                             r"(?:what(?:'s|\s+is|\s+are|\s+were)\s+(?:the\s+|her\s+|his\s+|my\s+|their\s+)?"
                             r"(?:chances?|odds|risks?|likelihood|probability)|how\s+(?:likely|probable|common)|"
                             r"how\s+(?:big|high|great)\s+(?:is\s+)?(?:the\s+)?risk|(?:any|a|what)\s+chance|"
                             r"is\s+there\s+(?:a|any)\s+(?:chance|risk|likelihood))\b", re.I)


@lru_cache(maxsize=TEXTS_REMEMBERED)
def asks_rather_than_tells(sentence: str) -> bool:
    """A question about what may happen, or about patients in general: no fact about this patient."""
    stripped = sentence.strip()
    if stripped.endswith("?") and len(stripped.split()) <= 3:
        return True  # "statin hx?", "any ILD?": asking for the fact, not giving it
    return said_in_general(stripped) or (stripped.endswith("?") and bool(
        QUESTION_START.match(stripped) or ASKS_THE_CHANCE.match(stripped)))


def sentence_around(text: str, position: int) -> tuple[int, str]:
    """(start, sentence) of the sentence `position` falls in ((0, "") past the end)."""
    return next(((start, sentence) for start, sentence in sentences(text) if start <= position < start + len(sentence)),
                (0, ""))


def sentence_at(text: str, position: int) -> str:
    """The sentence `position` falls in ("" past the end)."""
    return sentence_around(text, position)[1]


def in_a_question(text: str, position: int) -> bool:
    """Whether `position` falls in a sentence that asks rather than tells, or in its last clause when that asks
    ("they want to stop the IVIG, will she relapse?": the relapse is asked about, the stopping is told)."""
    start, sentence = sentence_around(text, position)
    if not sentence:
        return False
    if asks_rather_than_tells(sentence):
        return True
    if not sentence.rstrip().endswith("?"):
        return False
    offset = position - start
    clause_start = max(sentence.rfind(",", 0, offset), sentence.rfind(";", 0, offset)) + 1
    return clause_start > 0 and bool(QUESTION_START.match(sentence[clause_start:]))


YES_NO_OPENING = re.compile(r"^\W*(?:and\W+|so\W+)?(?:does|do|did|is|are|was|were|can|could|should|would|will|"
                            r"may|might|has|have)\b", re.I)


def a_yes_no_question(text: str, position: int) -> bool:
    """Whether the sentence around `position` opens as a yes/no question and ends with "?" ("does the
    paeds dosing apply to her?"); "paediatric pt, 30kg - what dose?" describes while asking."""
    sentence = sentence_at(text, position)
    return sentence.rstrip().endswith("?") and bool(YES_NO_OPENING.match(sentence))


def about_patients_in_general(text: str, position: int) -> bool:
    """Whether `position` falls in a question about patients in general ("do all anti-HMGCR patients
    ...?", "how often do SRP pts relapse?")."""
    sentence = sentence_at(text, position)
    # "roughly what proportion of anti-HMGCR pts have never taken a statin": a question without its mark.
    asked = sentence.rstrip().endswith("?") or bool(UNMARKED_QUESTION.match(sentence))
    return asked and (said_in_general(sentence) or bool(ALL_PATIENTS.search(sentence)))


#: A question written without its question mark: it opens with a question word ("roughly what proportion ...").
UNMARKED_QUESTION = re.compile(r"^\W*(?:(?:and|so|also|roughly|approximately|approx|just|quick\s+q)\W+)*"
                               r"(?:what|how|which|do|does|is|are|can)\b", re.I)


#: Treatment said not to have been given: "no other treatment since", "untreated so far", "no immunotherapy yet".
NO_TREATMENT = re.compile(r"\b(?:no|not\s+on\s+any|without)\s+(?:other\s+|further\s+|prior\s+|previous\s+|immuno)?"
                          r"(?:treatments?|therap(?:y|ies)|immunosuppress\w*|immunotherapy|meds|medications?)\b[^.;,]*|"
                          r"\buntreated\b", re.I)


@lru_cache(maxsize=TEXTS_REMEMBERED)
def mentions_treatment(text: str) -> bool:
    """Whether a message tells of immunotherapy given (the context a later "still weak" is said of); "stopped
    atorvastatin ..., no other treatment since" tells of none."""
    return any(TREATMENT_OR_TIME.search(NO_TREATMENT.sub(" ", sentence)) for _, sentence in sentences(text)
               if not asks_rather_than_tells(sentence))


_HOW_MANY = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|many)"
_HOW_LONG = rf"{_HOW_MANY}\s*(?:weeks?|wks?|months?|mo|mths?|/12|years?|yrs?)"
#: A treatment given for a while, the time said of the treatment itself ("3 months of pred + MTX", "on MTX for
#: 6 months", "3 cycles of IVIG"), or several tried: enough to judge a response. "Weak for 3 months, started
#: prednisone yesterday" is not.
A_WHILE = re.compile(
    rf"\b{_HOW_LONG}\s+(?:of|on)\s+(?:[\w+/-]+\s+){{0,3}}?{_DRUGS}|"
    rf"{_DRUGS}\b[^.;]{{0,40}}?\b(?:for|x|over)\s+(?:the\s+(?:last|past)\s+)?{_HOW_LONG}|"
    rf"\b{_HOW_MANY}\s*(?:cycles?|courses?|rounds?|infusions?|doses?)\s+of\s+(?:[\w+/-]+\s+){{0,2}}?{_DRUGS}|"
    rf"{_DRUGS}\b[^.;]{{0,40}}?\b(?:started|begun|commenced)\s+{_HOW_LONG}\s+ago|"
    # "Started pred 1 mg/kg + MTX 20 mg weekly 5 months ago": the verb first.
    rf"\b(?:started|began|begun|commenced)\s+(?:on\s+)?{_DRUGS}\b[^.;]{{0,60}}?\b{_HOW_LONG}\s+ago|"
    # "Pred 1 mg/kg + MTX 20 mg weekly since month 1", "on IVIG since diagnosis", "MMF since March".
    rf"{_DRUGS}\b[^.;]{{0,40}}?\bsince\s+(?:(?:month|week|wk)\s*\d+|diagnosis|(?:the\s+)?(?:start|onset|beginning)|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*|(?:19|20)\d\d|"
    # "methotrexate injections since last spring": a season or a year ago.
    r"(?:last\s+)?(?:spring|summer|autumn|fall|winter|christmas)|last\s+year)\b|"
    rf"{_DRUGS}\b[^.;]{{0,40}}?\bx\s*\d+\b|"
    r"\bso\s+far\b|\btried\b|\bfailed\b|\bdespite\b", re.I)


#: Time told as time on treatment, not as how long the patient has been weak ("3 months in", "after 8 weeks",
#: "at 6 weeks", "6 weeks later"); "weak for 3 months" is the illness's time.
TIME_ON_TREATMENT = re.compile(
    rf"\b{_HOW_LONG}\s+(?:in|on|later|down\s+the\s+line)\b|\b(?:after|at|by)\s+{_HOW_LONG}\b|"
    # A report that opens with the time: "3 months - no change at all", "6 wks: CK unchanged".
    rf"(?:^|[.!?;\n]\s*){_HOW_LONG}\s*[-–—:,]", re.I)
#: A treatment only just begun: too early to judge a response ("started prednisone yesterday").
JUST_STARTED = re.compile(
    r"\b(?:just|only\s+just)\s+(?:started|begun)\b|\b(?:started|began|commenced|given|received)\b[^.;]{0,40}?"
    r"\b(?:yesterday|today|this\s+morning|last\s+night|(?:\d+|one|two|three|few)\s+days?\s+ago|on\s+day\s+\d)\b|"
    r"\bday\s+\d+\s+(?:of|on)\b", re.I)
#: "It is too early to judge his response": the writer says the course cannot be judged yet, whatever else it tells.
TOO_EARLY = re.compile(r"\b(?:too\s+(?:early|soon)|early\s+days)\s+to\s+(?:judge|tell|assess|say|know|comment)\b|"
                       r"\bresponse\s+(?:is\s+)?(?:too\s+early|not\s+yet\s+assessable)\b", re.I)


def treated_for_a_while(text: str) -> bool:
    """Whether the told part of the message gives a treatment with how long (or how many were tried): in
    one sentence, or a treatment in one and the time on it in another ("pred 60 + aza 150. 3 months in,
    no real change"), unless the treatment was only just begun."""
    told = [sentence for _, sentence in sentences(text) if not asks_rather_than_tells(sentence)]
    if any(A_WHILE.search(sentence) and TREATMENT_OR_TIME.search(sentence) for sentence in told):
        return True
    whole = " ".join(told)
    return (bool(re.search(r"\b" + _DRUGS + r"\b|" + DID_THAT, whole, re.I)) and bool(TIME_ON_TREATMENT.search(whole))
            and not JUST_STARTED.search(whole))


#: A condition, not a report: what follows it has not happened.
CONDITIONAL = re.compile(r"\b(?:if|should|unless|in\s+case|were|whether|when\s+(?:the|her|his)\s+ck\s+\w+\s+again|"
                         # "I was told my myopathy might come back when the steroids are reduced": a possibility.
                         # Not the month ("I had the rituximab in May after the steroids didn't do enough").
                         r"might|(?<!\bin\s)(?<!\bsince\s)(?<!\bof\s)(?<!\buntil\s)(?<!\bfrom\s)(?<!\bby\s)(?-i:may)(?!\s+\d)|"
                         r"(?:could|would)(?!n['’]?t))\b",
                         re.I)


_CK_VALUE = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s*k\b|\d+)"
#: "CK went from 400 to 6000", "CPK 900 -> 7,800": a CK told as two values, earlier then later.
CK_FROM_TO = re.compile(r"\b(?:ck|cpk)\b[^.;]{0,25}?\b(?:from\s+)?" + _CK_VALUE + r"\s*(?:u/l|iu/l|iu)?\s*"
                        r"(?:->|→|-->|=>|\bto\b|\bup\s+to\b)\s*" + _CK_VALUE, re.I)


#: "CK 4k from 19k", "CK now 600, down from 12,000": the later value told first.
CK_NOW_FROM = re.compile(r"\b(?:ck|cpk)\b[^.;]{0,25}?" + _CK_VALUE + r"\s*(?:u/l|iu/l|iu)?[\s,(]*(?:now|today)?[\s,(]*"
                         r"(?:down\s+|fallen\s+|dropped\s+|came\s+down\s+)?from\s+" + _CK_VALUE, re.I)


def _ck_number(written: str) -> float:
    written = written.replace(",", "").strip().lower()
    return float(written.removesuffix("k").strip()) * (1000 if written.endswith("k") else 1)


def ck_rose(clause: str) -> re.Match[str] | None:
    """A CK told as rising from one value to a higher one (at least half again): disease activity back."""
    for match in CK_FROM_TO.finditer(clause):
        before, after = _ck_number(match[1]), _ck_number(match[2])
        if before > 0 and after >= 1.5 * before:
            return match
    return None


#: A deficit that is still there ("still needs his arms", "still has trouble on stairs"): inadequate response, unless
#: the same sentence has just said the patient is responding.
RESIDUAL = re.compile(
    r"\bstill\s+(?:needs?|needing|needed|requires?|requiring|uses?|using|on|with|has|having|had|have)\b", re.I)
#: A task still beyond the patient: what is left only when strength itself is said to be back ("CK 10k -> 900, MMT8
#: near normal, but still can't get up from a low chair"); after a CK fall alone it is an inadequate response ("CK
#: down from 9000 to 900 but she still can't do stairs without the rail").
RESIDUAL_TASK = re.compile(r"\bstill\s+(?:can'?t|cannot|unable|weak|struggl\w*|finds?)\b", re.I)
#: Strength or the CK told as near normal: a response, whatever is left ("MMT8 near normal", "full power").
#: "swallow back to normal", "walking back to baseline": what the disease took away, recovered.
NEAR_NORMAL = re.compile(r"\b(?:mmt-?8|strength|power|ck|cpk|swallow(?:ing)?|breathing|walking|gait|function)\s+"
                         r"(?:is\s+|now\s+|has\s+come\s+|came\s+|has\s+gone\s+)?(?:near(?:ly)?|almost|close\s+to|"
                         r"essentially|back\s+to)\s+(?:normal|full|baseline)\b|\bfull\s+(?:power|strength)\b", re.I)


#: Said beside a CK that has fallen: what is left outweighs it ("CK 8000 -> 3000, still can't manage stairs").
DEFICIT_REMAINS = re.compile(r"\b(?:still|only|unchanged|no\s+better)\b", re.I)


def ck_halved(text: str) -> bool:
    """A CK told in numbers as having fallen to half or less ("CK 4k from 19k", "CK 9,000 -> 1,200"): the numbers
    for what "CK coming down" says in words."""
    pairs = [(match[1], match[2]) for match in CK_FROM_TO.finditer(text)]
    pairs += [(match[2], match[1]) for match in CK_NOW_FROM.finditer(text)]
    return any(0 < _ck_number(after) <= _ck_number(before) / 2 for before, after in pairs)


def responding(text: str) -> bool:
    """Whether `text` tells a response: in words ("improving"), as strength or CK near normal, or as a CK halved
    with nothing said to remain. A deficit told as remaining outweighs the CK: "CK down from 9000 to 900 but she
    still can't do stairs without the rail" after months is an inadequate response."""
    return bool(GOOD_RESPONSE.search(text) or NEAR_NORMAL.search(text)
                or ck_halved(text) and not DEFICIT_REMAINS.search(text))


def _responding_before(sentence: str, position: int) -> bool:
    good = GOOD_RESPONSE.search(sentence, 0, position) or NEAR_NORMAL.search(sentence, 0, position)
    return good is not None and not NO_RESPONSE.search(sentence, 0, position)


#: A sentence about someone else's course: "Her sister, who had dermatomyositis, had responded rapidly to
#: prednisone alone", "Another patient on the ward responded well to IVIG".
SOMEONE_ELSE = re.compile(
    # The patient's relative ("her sister"), not the writer's ("my mum" is often the patient).
    r"^\W*(?:(?:her|his|their|the\s+patient'?s|the\s+pt'?s)\s+(?:(?:older|younger|twin|late)\s+)?"
    r"(?:sister|brother|mother|father|mum|mom|dad|son|daughter|wife|husband|partner|cousin|aunt|uncle|niece|nephew|"
    r"grand(?:mother|father|son|daughter)|friend|neighbou?r|colleague)|another\s+(?:patient|pt|man|woman)|"
    r"other\s+(?:patients|pts)|previous\s+(?:patients|pts|cases))\b", re.I)


#: A response said of a cancer, not of the myopathy ("partial response on restaging CT", "tumour response").
THE_CANCERS_RESPONSE = re.compile(r"\b(?:melanoma|tumou?rs?|cancer|carcinoma|lymphoma|restag\w*|recist|mets|"
                                  r"metastas\w*|oncolog\w*|pet[-\s]?ct|ct\s+(?:scan|chest|cap|restaging))\b", re.I)


def said_of_a_cancer(text: str, position: int) -> bool:
    """Whether the piece of its sentence around `position` (between commas) speaks of a cancer's response ("Lung
    cancer: partial response"), not "prior prostate cancer, ..., relapsed on taper"."""
    start, sentence = sentence_around(text, position)
    at = position - start
    piece_start = max(sentence.rfind(",", 0, at), sentence.rfind(";", 0, at)) + 1
    ends = [end for end in (sentence.find(",", at), sentence.find(";", at)) if end != -1]
    return bool(THE_CANCERS_RESPONSE.search(sentence[piece_start:min(ends, default=len(sentence))]))


def course_refractory(text: str, treated_before: bool = False) -> bool | None:
    """True: inadequate response or relapse told; None otherwise. A good response is read too, so
    that a later "weaker again" wins over an earlier "much better", but it sets nothing by itself:
    the slot says whether the course is refractory, and "responding well" is left to the lexicon's
    explicit NOT_REFRACTORY phrases, as the labelled sets have always had it. `treated_before`: an
    earlier message of the conversation told of the treatment, so the response needs no treatment
    word beside it."""
    if TOO_EARLY.search(text):
        return None
    verdict: tuple[int, bool] | None = None
    pieces = sentences(text)
    judged = 0  # sentences up to this one have been asked whether they tell a treatment given for a while
    for index, (start, sentence) in enumerate(pieces):
        if asks_rather_than_tells(sentence) or SOMEONE_ELSE.match(sentence):
            continue
        clauses = CLAUSE_BREAK.split(sentence)
        if not any(NO_RESPONSE.search(clause) or ck_rose(clause) or GOOD_RESPONSE.search(clause)
                   for clause in clauses):
            continue  # nothing told of a response here: no verdict, and the treatment is asked about only when one is
        # A treatment given for a while, told earlier in the message, is what a later "still weak" is said
        # of ("3 months of pred + MTX. CK has barely budged"); day 3 of IVMP is too early to judge.
        # The time on it may come in this sentence ("pred 60 + aza 150. 3 months in, no real change").
        while not treated_before and judged <= index:
            told_start, told = pieces[judged]
            treated_before = treated_for_a_while(text[:told_start + len(told)])
            judged += 1
        just_started = JUST_STARTED.search(sentence)
        offset = 0
        for clause in clauses:
            position = start + sentence.find(clause, offset)
            offset = max(offset, sentence.find(clause, offset) + len(clause))
            said_bad, good = NO_RESPONSE.search(clause), GOOD_RESPONSE.search(clause)
            told = said_bad or good
            if told and said_of_a_cancer(text, position + told.start()):
                continue  # "Melanoma status: partial response on restaging CT": the tumour's response, not the muscle's
            context = treated_before or not just_started and (TREATMENT_OR_TIME.search(clause)
                                                               or TREATMENT_OR_TIME.search(sentence))
            bad = said_bad or ck_rose(clause)
            if bad and CONDITIONAL.search(clause[:bad.start()]):
                bad = None  # "if swallowing worsens or the CK climbs again, we would add IVIG": not told
            residual = bad and RESIDUAL.match(clause, bad.start())
            left_after_strength = bad and RESIDUAL_TASK.match(clause, bad.start()) and NEAR_NORMAL.search(
                sentence, 0, position - start + bad.start())
            if left_after_strength or residual and _responding_before(sentence, position - start + bad.start()):
                # "he's responding nicely: CK 1,100, walks independently though still needs his arms to get out of
                # a chair": what is left on the way to recovery, not an inadequate response.
                bad = None
            if bad and context:
                verdict = (position + bad.start(), True)
            elif good and (context or GOOD_WITHOUT_CONTEXT.search(clause)) and not bad:
                verdict = (position + good.start(), False)
    return True if verdict is not None and verdict[1] else None
