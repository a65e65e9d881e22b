"""Severity told by what the patient can do, when no severity word is used.

Letters and case reports rarely say "moderate"; they say "walks with a stick", "remained
ambulant", "power is full". The reader composes two observations instead of listing phrasings:
how the patient walks (with an aid; unaided) and whether weakness is described at all. Walking
with an aid, or walking unaided with weakness, is moderate; full power with no weakness is mild.
Walking at all, with difficulty or weakness described ("weak but walking", "walks, with difficulty"),
is moderate. Not walking is severe, but that is read by the lexicon's severe descriptors, which always
win: this reader is consulted only when nothing else in the message gives the severity. One
observation overrides the lexicon's "moderate" for rising from a chair: needing another person to
stand, rise or walk ("can't get out of a chair without two people", "needs to be carried") is
dependence, which is severe.
"""

from __future__ import annotations

import re

from imnm.language.extract.course import asks_rather_than_tells, sentences
from imnm.language.extract.lexicon import HELPERS

_AID = (r"(?:(?:walking\s+)?sticks?|canes?|walker|(?:walking\s+|zimmer\s+)?frame|zimmer|rollator|"
        r"(?:elbow\s+|forearm\s+|axillary\s+)?crutch(?:es)?|"
        r"walking\s+aids?|4ww|fww|wzf|(?:four|4)[-\s]wheeled\s+walker)")
_WALK = (r"(?:walk\w*|ambula\w*|mobilis\w*|mobiliz\w*|mobile|gets?\s+(?:about|around|round)|"
         # "now housebound with a frame": about the house, on an aid.
         r"getting\s+(?:about|around|round)|(?:house|home)[-\s]?bound)")
#: Within a sentence: a full stop that ends an abbreviation ("approx. 200 m") does not end it.
_IN_SENTENCE = r"(?:[^.;]|\.(?!\s+[A-Z]|\s*$))"
WALKS_WITH_AID = re.compile(
    rf"\b{_WALK}\b{_IN_SENTENCE}{{0,60}}?\b(?:with|w/?|using|on)\s+(?:the\s+help\s+of\s+)?(?:a|an|her|his|their|my|one|1|two|2)?\s*"
    rf"(?:rolling\s+|wheeled\s+|[24][-\s]?wheeled\s+|front[-\s]wheeled\s+|quad\s+)?{_AID}|"
    rf"\b(?:uses?|using|needs?|needed|needing|requires?|required|requiring)\s+(?:a|an|her|his|their|my|the|one|1|two|2)?\s*"
    rf"(?:rolling\s+|wheeled\s+|[24][-\s]?wheeled\s+|front[-\s]wheeled\s+)?{_AID}\b|"
    # An aid as the last item of a shorthand line: "Pt 62F SRP, 68 kg, frame" (not "(3+/5), walker. IVIG added").
    rf"[,;]\s*(?:walking\s+)?(?:frame|zimmer(?:\s+frame)?|rollator|walker|crutches|(?:walking\s+)?sticks?)\s*\.?\s*"
    r"(?=\n|$)|"
    # "still on her zimmer frame", "on a stick now".
    rf"\bon\s+(?:a|an|her|his|their|my|the|two|2)\s+{_AID}\b|"
    rf"\b{_AID}\s+(?:for|to)\s+(?:walk\w*|mobilis\w*|longer\s+distances)|"
    # "Rollator indoors and a wheelchair outside": an aid named with where it is used.
    rf"(?:^|(?<=[.;,:\n]))\s*(?:(?:a|her|his|my|their|uses?\s+a)\s+)?(?<!time\s){_AID}\s+(?:indoors|inside|outdoors|outside|"
    r"at\s+home|in\s+the\s+house|around\s+the\s+house)\b(?!\s+(?:is|was)\b)|"
    # "uses a wheelchair for long distances, walks short distances independently": walking, limited.
    r"\bwheel\s?chair\s+(?:for|when)\s+(?:\w+\s+)?(?:long(?:er)?\s+)?(?:distances?|outside|outdoors|trips|going\s+out|"
    r"(?:further|farther)(?=\s+(?:than|away|afield)\b|\s*(?:[.,;]|$)))",
    re.I)
WALKS_UNAIDED = re.compile(
    rf"\b{_WALK}\s+(?:\w+\s+){{0,2}}?(?:independently|unaided|unassisted|alone|without\s+(?:any\s+)?(?:aids?|help|"
    rf"assistance|a\s+stick))\b|"
    r"\b(?:remain\w*|still|fully|is|was|independently)\s+(?:fully\s+)?ambula(?:nt|tory)\b|"
    r"\b(?:able\s+to|could\s+(?:still\s+)?|can\s+(?:still\s+)?)walk\b|\bstill\s+walking\b", re.I)
WEAKNESS = re.compile(r"\bweak\w*|\bmrc\s*(?:grade\s*)?[0-4]|\b[0-4][+-]?/5\b|\bparesis\b", re.I)
#: Power examined and found normal ("no weakness" alone is a symptom denied, not an examination).
NORMAL_POWER = re.compile(
    r"\b(?:power|strength)\s+(?:is\s+|was\s+|now\s+)?(?:essentially\s+|almost\s+|nearly\s+|basically\s+)?(?:full|normal|5-?/5)(?!\s*except)|\b5/5\s+throughout\b|"
    r"\bfull\s+(?:power|strength)\b|\bwalking\s+normally\b|\bnormal\s+(?:power|strength)\b|"
    # How patients say it: "strength wise I feel fine", "my strength feels fine", "strength's good".
    r"\b(?:power|strength)(?:[-\s]?wise|'s)?\s+(?:i(?:\s+feel|\s+am|['’]m)\s+|(?:is|feels?|seems?)\s+)?(?:(?:totally|completely|"
    r"absolutely|pretty|quite)\s+)?(?:fine|ok(?:ay)?|good|normal|great|unaffected|not\s+(?:a\s+)?problem)\b", re.I)
#: Function said to be whole, whatever the examination finds ("Reports no functional limitation - gardens").
#: Doing what weakness first takes away: stairs, the floor, running ("climbs stairs normally", "Stairs are fine",
#: "getting up from the floor without help", "Running 5k again", "back at the gym").
FULL_FUNCTION = re.compile(
    r"\b(?:no\s+functional\s+(?:limitation|impairment|difficult(?:y|ies)|restriction|deficit|problem|issue)s?|"
    # "walking and working normally": everyday life whole.
    r"(?:walking|working|living)\s+and\s+(?:walking|working|living)\s+normally|"
    r"functionally\s+(?:normal|independent|unrestricted|unlimited)|fully\s+functional|fully\s+active|"
    r"no\s+(?:problems?|difficulty|trouble)\s+with\s+(?:the\s+)?(?:stairs|walking|chairs)|"
    # "No problems with day to day things though", "no issues with daily activities".
    r"no\s+(?:problems?|difficult(?:y|ies)|trouble|issues?|limitations?)\s+(?:with|in|doing)\s+(?:(?:my|his|her|their)\s+)?"
    r"(?:day[-\s]to[-\s]day|daily|everyday|normal)\s+(?:things|activities|life|living|tasks|stuff)|"
    r"(?:climbs?|climbing|manages?|managing|does|doing|takes?|taking)\s+(?:the\s+)?(?:\w+\s+flights?\s+of\s+)?stairs\s+"
    r"(?:at\s+(?:home|work|school)\s+)?"
    r"(?:normally|fine|easily|without\s+(?:any\s+)?(?:difficulty|problems?|trouble|help|support|(?:the\s+|a\s+)?(?:hand)?rail))|"
    r"climb(?:s|ing)\s+(?:\w+\s+)?flights?\s+of\s+stairs|stairs\s*(?:are\s+|is\s+|[-–—:]\s*)?(?:fine|easy|ok(?:ay)?|no\s+problem|"
    r"no\s+bother|"
    r"normal)|"
    r"getting\s+up\s+(?:is\s+)?(?:fine|easy|ok(?:ay)?)|fully\s+indep(?:endent)?\b|"
    r"(?:gets?|getting|rises?|rising)\s+(?:up\s+)?(?:from|off)\s+the\s+floor\s+"
    r"(?:without\s+(?:help|difficulty|using\s+(?:my|his|her|their)?\s*(?:hands|arms))|easily|normally)|"
    r"(?:running|jogging|runs|jogs)\s+(?:\d+\s*k\b|\d+\s*(?:km|miles?)|again|regularly)|"
    r"back\s+(?:at|to)\s+the\s+gym|"
    # "managing (no rail needed), still working as a plumber".
    r"no\s+(?:hand\s*)?rail\s+needed|still\s+work(?:s|ing)?\s+(?:as\s+an?\s+\w+|full[-\s]time)|working\s+full[-\s]time|"
    # "I still work as a teacher and walk everywhere".
    r"walk(?:s|ing)?\s+everywhere|"
    # "I can do stairs, walk the dog for an hour".
    r"(?:can|could)\s+(?:now\s+)?(?:do|manage|climb)\s+(?:the\s+)?stairs(?!\s+(?:with|only|but|slowly|if))|"
    # "she's walking round the house and to the shops fine and does the stairs", "walking the dog, doing stairs,".
    # (Not "struggles doing stairs", "difficulty climbing stairs", "pain doing stairs".)
    r"(?<!\bnot\s)(?<!n't\s)(?<!struggles\s)(?<!struggling\s)(?<!struggled\s)(?<!trouble\s)(?<!difficulty\s)"
    r"(?<!problems\s)(?<!problem\s)(?<!with\s)(?<!time\s)(?<!pain\s)(?<!hard\s)(?<!breathless\s)"
    r"(?:does|doing|manages|managing|climbs|climbing)\s+(?:the\s+)?stairs(?=\s*(?:[.!,;]|$))|"
    # "by August climbing stairs again": the stairs regained.
    # Not "difficulty in climbing stairs again": the regained stairs open their clause or follow a time.
    r"(?:(?<=[,;:.\n])\s*|^\s*|\b(?:now|by\s+\w+|is|was|she'?s|he'?s|i'?m|already)\s+)"
    r"(?:climbing|climbs|managing|manages|doing|does)\s+(?:the\s+)?stairs\s+again\b(?!\s+(?:with|only|but|slowly))|"
    r"walk(?:s|ing)?\s+(?:the\s+dog\s+)?for\s+(?:an|one|two|\d)\s+hours?|"
    # Whole function told as everyday life: "I can still do everything", "back at work with no limitation",
    # "it doesn't stop me doing anything", "keeps up at school".
    r"(?:can|could)\s+(?:still\s+)?(?:walk\s+and\s+)?do\s+(?:everything|anything|all\s+(?:of\s+)?(?:her|his|my|their)\s+(?:usual\s+)?"
    r"(?:activities|jobs|work))|(?<!functional\s)\bno\s+limitations?\b(?!\s+(?:on|of|in)\b)|"
    # "walks and does everything normally", "managing everything normally", "does everything for herself".
    # Not "she used to manage everything normally; now she needs help".
    # "She does all her own shopping and housework normally".
    r"(?<!used\sto\s)(?:does|doing|manages?|managing)\s+(?:all\s+)?(?:her|his|their|my)\s+own\s+(?:shopping|housework|"
    r"cooking|cleaning|gardening)(?:\s+and\s+(?:\w+\s+)?(?:shopping|housework|cooking|cleaning|gardening))?\s+"
    r"(?:normally|fine|independently|unaided|without\s+(?:any\s+)?(?:help|difficulty))|"
    r"(?<!used\sto\s)(?:does|doing|do|manages?|managing)\s+everything\s+(?:normally|fine|independently|unaided|again|"
    r"(?:for\s+|by\s+)?(?:her|him|my|them)sel(?:f|ves))|"
    r"(?:doesn'?t|does\s+not|don'?t|do\s+not)\s+stop\s+(?:me|him|her|them)\s+(?:from\s+)?doing\s+anything|"
    r"keeps?\s+up\s+(?:at\s+school|at\s+work|with\s+(?:her|his|their|my)\s+(?:friends|peers|classmates))|"
    # "walks and climbs normally", "normal gait, weakness only on testing", "strength near normal".
    r"walks?\s+and\s+climbs?\s+(?:stairs\s+)?(?:normally|fine|without\s+difficulty)|normal\s+gait|"
    r"weakness\s+only\s+on\s+(?:testing|examination|exam)|strength\s+(?:near|nearly|almost)\s+normal|"
    # Notes and forms: "no ADL problems", "no ADL limitation", "walks 3 miles" (independence in self-care alone is
    # not: a patient who needs the arms to rise may still be independent in self-care).
    r"no\s+(?:adl|adls|activities\s+of\s+daily\s+living)\s+(?:problems?|limitations?|restrictions?|difficult(?:y|ies)|issues?)|"
    r"walk(?:s|ing)?\s+(?:(?:his|her|their|my|the)\s+dogs?\s+)?(?:\d+(?:\.\d+)?|two|three|four|five|several)\s+(?:miles?|km))\b",
    re.I)
#: Everyday life told as unlimited ("walking, running for the bus, no aids", "back doing my yoga class and walking
#: everywhere with no problems", "running and playing football again"): mild, when no task is told as hard.
UNLIMITED = re.compile(
    r"\bno\s+(?:walking\s+)?aids?\b|\bwithout\s+any\s+(?:limitation|restriction|problem)s?\b|"
    r"\bfull\s+function(?:al\s+recovery)?\b|\bwalk(?:s|ing)?\s+everywhere\b|\brunning\s+for\s+the\s+bus\b|"
    r"\b(?:running|cycling|swimming|dancing|playing\s+(?:\w+\s+)?(?:football|soccer|rugby|tennis|netball|hockey|"
    r"cricket|basketball|sport|sports|golf))\b[^.;]{0,40}\bagain\b|"
    r"\bback\s+(?:doing|to|at)\s+(?:my|her|his|their)\s+(?:\w+\s+)?(?:class|classes|sport|training|running|cycling)\b|"
    # "can now get up from a chair without using his arms": rising, the first thing the weakness takes, whole again.
    r"\b(?:get|gets|getting|got|rise|rises|rising|stand|stands|standing)\s+(?:up\s+)?(?:from|off|out\s+of)\s+"
    r"(?:a|the|his|her|their|my)\s+(?:low\s+)?(?:chair|seat|sofa|couch|floor|toilet)\s+without\s+(?:using\s+)?"
    r"(?:(?:his|her|their|my)\s+)?(?:arms|hands|help|support)\b",
    re.I)
#: Daily life resumed, no task told as hard ("back at work, just a bit of hip flexor weakness on testing"): weakness
#: without a functional limitation. Read only when nothing is told as hard ("back at work but can't do stairs").
BACK_TO_DAILY_LIFE = re.compile(
    r"\bback\s+(?:at|to)\s+(?:work|school|college|university|uni)\b|"
    # "back on his postal round", "back to her shifts": a job on the feet resumed.
    r"\bback\s+(?:on|at|to)\s+(?:his|her|their|my)\s+(?:[\w-]+\s+)?(?:rounds?|shifts?|beat|route|duties)\b|\bweakness\s+(?:\w+\s+){0,2}?on\s+(?:testing|examination|exam)\b|"
    # "still gardening", "still coaching his son's soccer team", "cycling to work" (not "still working": a treatment
    # may be, "is the pred still working?").
    r"\bstill\s+(?:gardening|cycling|driving|golfing|coaching|running|swimming|hiking|dancing)\b|"
    r"\bcycl(?:es|ing)\s+to\s+work\b",
    re.I)
#: Walking said to be unaffected ("a bit weak but walks fine"): mild when weakness is all that is told and no
#: task is said to be hard ("walks normally" beside "difficulty climbing up into his cab" is moderate).
WALKS_FINE = re.compile(
    r"\bwalk(?:s|ed|ing)?\s+(?:about\s+|around\s+|unaided\s+|independently\s+)?(?:fine|normally|normal|well|without\s+(?:any\s+)?"
    r"(?:difficulty|problems?|trouble))", re.I)
A_TASK_IS_HARD = re.compile(
    r"\b(?:difficult\w*|struggl\w*|trouble|hard\s+(?:to|for)|can'?t|cannot|unable|falls?|fell)\b", re.I)
DENIED_WEAKNESS = re.compile(r"\b(?:denies|denied|no)\s+(?:(?:muscle|any)\s+)?weakness\b", re.I)
#: Walking told as something the patient does, not as something they cannot do.
NOT_WALKING = re.compile(
    rf"\b(?:can'?t|cannot|can\s+not|unable\s+to|not\s+able\s+to|no\s+longer|never|not|n't)\s+(?:\w+\s+){{0,2}}?{_WALK}",
    re.I)
#: Weakness shown by what is hard, in a message that also says the patient walks.
DIFFICULTY = re.compile(
    # Falls are a functional difficulty ("falls at home but walks unaided", "I've fallen twice on the stairs").
    r"\b(?:difficult\w*|struggl\w*|trouble|hard\s+(?:to|for)|weak\w*|effortful|falls|falling|fallen|"
    r"fell\s+(?:twice|again|over|\w+\s+times)|"
    r"(?:can'?t|cannot|unable\s+to|not\s+able\s+to)\s+(?:\w+\s+)?(?:climb|run|lift|manage|rise|get\s+up|squat))\b",
    re.I)
NO_DIFFICULTY = re.compile(
    r"\b(?:no|without|denies|nil)\s+(?:\w+\s+)?(?:difficult\w*|trouble|weakness|problems?|falls?)\b", re.I)
#: A person, not "help" alone (a rail or a frame helps too: "can't get off the toilet without help" is moderate).
_PERSON = (r"(?:someone|somebody|another\s+person|(?:two|2|one|1)\s+(?:people|persons?|carers?|staff|nurses?)|"
           # "without help from two relatives".
           r"(?:two|2|both)\s+(?:relatives|family\s+members|(?:of\s+)?(?:his|her|their|my)\s+(?:sons|daughters|children|"
           r"relatives))\b|"
           rf"(?:a\s+|her\s+|his\s+|their\s+|my\s+)?(?:{HELPERS}|family|staff)\b|(?:one|two|1|2|either|any)\s+of\s+us\b|us\b|me\b|"
           r"(?:being\s+)?(?:lifted|pulled|carried|hoisted)|a\s+hoist|"
           # "can't get off the toilet without her lifting him".
           r"(?:her|him|his|them|their|someone|somebody|me|us)\s+(?:lifting|helping|holding|pulling|supporting)|"
           # "without 2 assist + gait belt", "w/o PT assist x2": hospital shorthand for helpers.
           r"(?:(?:pt|physio|nursing|staff|crew)\s+)?assist(?:ance|ed)?\s*(?:x\s*)?(?:1|2|one|two)\b|"
           r"(?:1|2|one|two)\s*(?:x\s*)?assist\w*)")
#: Up a climb rather than up from a seat: "get up the stairs", "helps him up the steps" (moderate), not rising.
_UP_A_CLIMB = r"\s+(?:the\s+|a\s+|any\s+)?(?:stairs|steps|flights?|hills?|slopes?)\b"
# Not "get up the stairs": help on the stairs is stairs (moderate), not rising.
_RISE = (r"(?:stand\w*|ris(?:e|ing)|"
         # ...unless the stairs are one of a list of rises ("get up the stairs or out of a chair without him").
         rf"get(?:ting)?\s+(?:up(?!{_UP_A_CLIMB}"
         r"(?![^.;]{0,25}\b(?:chairs?|bed|out|off|toilet|loo|floor|sofa|seat|commode)\b))|out|off|"
         r"from\s+(?:the\s+)?(?:bed|chair))|walk\w*|transfer\w*|"
         r"sit(?:ting)?\s+up|"
         r"get(?:ting)?\s+to\s+the\s+(?:bathroom|toilet|loo|car|door)|"
         r"mobilis\w*|mobiliz\w*|move)")
#: Standing, rising or walking only with another person's help: dependence.
NEEDS_ANOTHER_PERSON = re.compile(
    rf"\b(?:can'?t|cannot|can\s+not|couldn'?t|could\s+not|unable\s+to|not\s+able\s+to|no\s+longer\s+able\s+to)\s+"
    # "unable to rise from a chair without help from two relatives".
    rf"(?:\w+\s+){{0,2}}?{_RISE}\b[^.;]{{0,40}}?\b(?:without|w/o)\s+(?:(?:the\s+)?(?:help|assistance|support)\s+(?:of|from)\s+)?"
    rf"(?:the\s+)?{_PERSON}|"
    r"\b(?:needs?|needing|requires?|requiring|has)\s+to\s+be\s+(?:carried|lifted|hoisted)|"
    # "cannot get out of bed or off the commode unless two family members lift her".
    rf"\b(?:can'?t|cannot|can\s+not|unable\s+to|not\s+able\s+to)\s+(?:\w+\s+){{0,2}}?{_RISE}\b[^.;]{{0,60}}?\bunless\s+"
    r"(?:[\w-]+\s+){0,3}?(?:lifts?|helps?|carry|carries|hoists?|holds?|supports?)\s+(?:her|him|them|me)\b|"
    r"\b(?:two|2)[-\s](?:person|people|man)\s+(?:assist\w*|help|transfers?)|"
    # Ward shorthand: "mobilising w/ frame + 1", "walks with a zimmer and 1 assist": an aid and a person.
    rf"\b{_AID}\s*\+\s*(?:1|2)\b(?!\s*(?:kg|mg|weeks?|months?|years?|/|{_AID}))|"
    rf"\b{_AID}\s+(?:and|&|plus)\s+(?:1|2|one|two)\s+assist\w*|"
    # Nursing shorthand: "needs 1 to transfer bed to chair", "assist of 2 for transfers", "needs help of 1 for all
    # transfers".
    r"\b(?:needs?|needing|requires?|requiring)\s+(?:help\s+of\s+|assist(?:ance)?\s+(?:of|x)\s*)?(?:1|2|one|two)\s+"
    r"(?:to|for)\s+(?:all\s+)?(?:transfer|stand|mobilis|mobiliz|move|get\s+up|sit\s+up)\w*|"
    r"\bassist(?:ance)?\s+(?:of|x)\s*(?:1|2|one|two)\s+(?:to|for|with)\s+(?:all\s+)?(?:transfer|stand|mobilis|mobiliz)\w*|"
    # "transfers with assistance of one", "transfers with the help of a nurse".
    r"\btransfers?\s+(?:\w+\s+)?with\s+(?:the\s+)?(?:assistance|help|assist)\s+(?:of\s+)?(?:one|1|two|2|a\s+\w+)\b|"
    # "crew assisted x2 to chair", "assisted x1 into bed": moved by others.
    r"\bassisted\s*x\s*[12]\s+(?:to|into|onto|from|out\s+of)\b|"
    r"\b(?:stand\w*|ris(?:e|ing)|get(?:ting)?\s+(?:up|out|off)|transfer\w*|sit(?:ting)?\s+up)\b[^.;]{0,30}?"
    r"\bwith\s+(?:the\s+)?(?:help|assistance)\s+of\s+(?:two|2|another|someone|a\s+carer)|"
    # "needs 1 person to transfer", "requires two staff to stand": another person for the move itself.
    rf"\b(?:needs?|needing|requires?|requiring)\s+{_PERSON}\s+(?:to\s+|for\s+)?(?:transfer|stand|walk|mobilis|mobiliz|"
    r"move|get\s+up|sit\s+up)\w*|"
    # "needs his son to lift him out of the chair": another person, needed to do the lifting.
    rf"\b(?:needs?|needed|needing|requires?|required|relies\s+on|relying\s+on)\s+{_PERSON}\s+to\s+"
    r"(?:help|haul|pull|lift|hoist|get)\w*\s+(?:her|him|them|me)\b|"
    # Another person doing the lifting: "dad has to help her up", "unless his wife hauls him up".
    # "Her husband now has to lift her off the toilet": a word of time or manner between.
    rf"\b{_PERSON}\s+(?:(?:now|always|often|even|\w+ly)\s+)?(?:has\s+to\s+|have\s+to\s+|had\s+to\s+|must\s+|needs?\s+to\s+)?"
    r"(?:help|haul|pull|lift|hoist|get)\w*\s+"
    # Not "helps him up the stairs": help on the stairs is stairs (moderate), not rising.
    rf"(?:her|him|them|me)\s+(?:up(?!{_UP_A_CLIMB})|out|off|"
    r"to\s+(?:stand|walk))\b|"
    # "his dad had to lift him", "my husband lifts me like a bride every morning": lifted by another person.
    rf"\b{_PERSON}\s+(?:has\s+to\s+|have\s+to\s+|had\s+to\s+|must\s+|needs?\s+to\s+)?(?:lift|carr(?:y|ie)|hoist)\w*\s+"
    # "her" the person, not "her bag": followed by a stop or by where she is lifted to.
    r"(?:him|me|them|her(?=\s*(?:[.,;!]|$)|\s+(?:up|out|off|in|into|onto|to|from|like|every|each|when|around|"
    r"upstairs|downstairs)\b))\b|"
    # "can't get out of a chair unless I pull him up", "can only walk a few steps holding on to me".
    rf"\b(?:can'?t|cannot|can\s+not|couldn'?t|could\s+not|unable\s+to)\s+(?:\w+\s+){{0,2}}?{_RISE}\b[^.;]{{0,40}}?"
    rf"\bunless\s+(?:i|we|{_PERSON})\s+(?:help|haul|pull|lift|hoist|get)\w*\s+(?:her|him|them|me)\b|"
    rf"\b{_WALK}\b[^.;]{{0,40}}?\b(?:holding\s+on\s+to|hanging\s+on\s+to|supported\s+by|leaning\s+on)\s+(?:me|us|{_PERSON})|"
    # "can't get up off the floor on his own, I have to lift him".
    r"\b(?:i|we)\s+(?:have\s+to|had\s+to|must|need\s+to)\s+(?:lift|carry|hoist|pull)\s+(?:her|him|them)\b|"
    # "I have to help her stand up out of her chair": another person needed for the move itself.
    rf"\b(?:i|we)\s+(?:have\s+to|had\s+to|must|need\s+to|always)\s+help\s+(?:her|him|them)\s+(?:to\s+)?{_RISE}|"
    # "he can not stand up from chair alone, I must help him every time".
    rf"\b(?:can'?t|cannot|can\s+not|unable\s+to|not\s+able\s+to)\s+(?:\w+\s+){{0,2}}?{_RISE}\b[^.;]{{0,40}}?"
    r"\b(?:alone|on\s+(?:his|her|their|my)\s+own|by\s+(?:him|her|my|them)sel(?:f|ves))\b[^.;]{0,10}?\b(?:i|we)\s+"
    r"(?:must|have\s+to|need\s+to|always)\s+(?:help|lift|hold|support)\s+(?:him|her|them)\b|"
    # Help needed to move: "needs her partner's help to get up", "assist x1 to transfer", "required assistance to walk".
    rf"\b(?:needs?|needed|needing|requires?|required|requiring)\s+(?:\w+\s+)?(?:\w+'s\s+help|assist\w*)"
    rf"(?:\s+x\s*\d)?\s+(?:to|with|for)\s+(?:\w+\s+)?{_RISE}|"
    # "required assistance of one person for sit-to-stand", "needs help of one carer to stand".
    r"\b(?:needs?|needed|needing|requires?|required|requiring)\s+(?:the\s+)?(?:help|assistance|assist)\s+(?:of\s+|from\s+)?"
    rf"(?:(?:one|1|two|2|another|a)\s+(?:person|people|carers?|nurses?|staff)|{_PERSON})\s+(?:to|for|with)\s+(?:\w+\s+)?"
    rf"(?:sit-to-stand|{_RISE})|\b(?:help|assistance)\s+from\s+{_PERSON}\s+(?:to|for|with)\s+(?:\w+\s+)?{_RISE}|"
    # "needs a hand from his wife to transfer": a hand to move at all is a person's (a hand up from the sofa is
    # help with a chair, which is moderate).
    rf"\b(?:needs?|needing|needed|requires?|requiring)\s+a\s+hand\s+(?:from\s+{_PERSON}\s+)?(?:to|for|with)\s+"
    r"(?:\w+\s+)?(?:transfer\w*|walk\w*|stand\b|mobilis\w*|mobiliz\w*|move)|"
    # "frame plus assistance of one for all transfers", "transfers with 2 staff and a rotunda".
    rf"\b(?:assistance|assist|help)\s+(?:of|from)\s+(?:one|1|two|2)\b(?:\s+\w+)?\s+(?:for|with|to)\s+(?:all\s+)?{_RISE}|"
    r"\btransfers?\s+(?:\w+\s+)?with\s+(?:one|1|two|2)\s+(?:staff|people|persons?|carers?|nurses?|helpers?)\b|"
    # Out of bed only with help: dependence, whoever helps.
    r"\b(?:out\s+of|from)\s+(?:the\s+)?bed\b[^.;]{0,30}?\b(?:without|w/o)\s+(?:any\s+)?(?:help|assistance)",
    re.I)


#: Not compensating: "climbs two flights without the rail", "rises from the floor without using his hands".
WITHOUT_COMPENSATING = re.compile(
    r"\b(?:without|w/o|no\s+need\s+(?:for|of))\s+(?:using\s+|holding\s+)?(?:the\s+|a\s+|any\s+|his\s+|her\s+|their\s+|"
    r"my\s+)?(?:hand\s*)?(?:rails?|banisters?|bannisters?|arms|hands)\b", re.I)
#: Rising or climbing only by compensating, alone: a functional limitation the patient manages ("pushes off
#: with her arms", "uses the banister", "stairs one at a time", "has stopped going upstairs").
COMPENSATES = re.compile(
    r"\b(?:push\w*(?:\s+(?:off|up))?|us(?:es|ing|e)|pull\w*(?:\s+(?:on|up))?|with|needs?|"
    # "needs support of hands to get up from chair".
    r"(?:needs?\s+|with\s+)?(?:the\s+)?(?:help|support|use)\s+of)"
    r"\s+(?:on\s+)?(?:her|his|their|my|both|the)?\s*"
    r"(?:arms|hands|knees|thighs)\b(?=[^.;]{0,40}\b(?:stand|rise|rising|get\w*\s+up|chair|stairs|sofa|floor|bed|toilet))|"
    r"\b(?:sit[-\s]to[-\s]stand|stand\w*|ris(?:e|ing))\b[^.;\n]{0,40}?\busing\s+(?:the\s+)?(?:arm\s*rests?|armrests?)\b|"
    r"\b(?:stand\w*|ris(?:e|ing)|get\w*\s+up|chair|sofa|floor|toilet)\b[^.;]{0,40}?\b(?:push\w*(?:\s+off)?|us(?:es|ing|e)|"
    r"pull\w*(?:\s+(?:on|up))?|with|needs?)\s+(?:(?:up\s+)?on\s+)?(?:(?:the\s+)?help\s+of\s+)?(?:her|his|their|my|both|the)?\s*"
    r"(?:arms|hands|knees|thighs)\b|"
    r"\b(?:banister|bannister|handrail|hand\s+rail|the\s+rail|rails|(?:the\s+|holding\s+)railing|railings)\b|"
    # Help with the stairs or a chair, not to stand at all: "needs a hand on the stairs", "needs hand support to rise",
    # "give her a hand up out of her chair", "a hand from her husband to get off the couch", "needing the stair lift".
    r"\b(?:need\w*|requir\w*|giv\w*|get\w*|with|lend\w*|us(?:es|ing|e))\s+(?:(?:her|him|them|me|us)\s+)?(?:a\s+)?"
    r"hand\s+(?:support\s+)?(?:from\s+(?:\w+\s+){1,2}?)?(?:on|with|up|for|to\s+(?:get|rise|stand|climb))\b"
    r"(?=[^.;]{0,30}\b(?:stairs|steps|chairs?|sofas?|couch|settee|toilet|loo|bath|car|floor|bed)\b)|"
    r"\b(?:need\w*|us(?:es|ing|e)|rel(?:y|ies|ying)\s+on|on)\s+(?:the|a|her|his|their|my)\s+stair[-\s]?lift\b|"
    # "she needs a rail for stairs", "uses a rail on the stairs".
    r"\b(?:needs?|needing|uses?|using|requires?|with)\s+a\s+(?:hand\s*)?rail(?:ing)?\b|\bone\s+(?:step\s+)?at\s+a\s+time\b|"
    r"\b(?:stopped|gave\s+up|given\s+up|avoids?|avoiding)\s+(?:\w+\s+)?(?:stairs|upstairs|climbing|going\s+up)|"
    r"\bgowers\W*(?:sign\s+)?(?:is\s+)?(?:positive|present|\+)|"
    # "climbs stairs on hands and feet", "crawls up the stairs", "goes up on all fours".
    r"\bon\s+(?:her|his|their|my)?\s*hands\s+and\s+(?:feet|knees)\b|\bon\s+all\s+fours\b|"
    r"\bcrawl\w*\s+(?:up\s+)?(?:the\s+)?stairs\b", re.I)


#: A task weakness first takes away, told as hard: "finds it difficult to climb the stairs", "difficulty in climbing
#: stairs again", "can't do stairs", "cannot lift her arms to brush her hair". Limitation without dependence.
HARD_TASK = re.compile(
    r"\b(?:difficult\w*|struggl\w*|trouble|hard|problems?|can'?t|cannot|unable\s+to|not\s+able\s+to|"
    r"could\s*n[o']?t|(?:can\s+)?no\s+longer(?:\s+able\s+to)?|tir(?:es|ing|ed)\s+(?:easily\s+|quickly\s+)?(?:on|with|climbing|going\s+up)|"
    # "can barely do stairs", "I can walk but not climb the stairs".
    r"(?:can|could)\s+(?:barely|hardly|only\s+just)|\bbut\s+not)"
    r"\b(?:\s+(?:\w+\s+){0,3}?(?:in|with|w/|to|for))?\s+(?:\w+\s+){0,2}?"
    r"(?:climb\w*\s+(?:the\s+|\w+\s+)?(?:stairs|steps|ladders?)|(?:get|go|walk)\w*\s+(?:up|down)\s+(?:the\s+|\w+\s+)?(?:stairs|steps)|(?:do|manage|managing|doing)\s+(?:the\s+)?(?:\w+\s+)?stairs|stairs|"
    r"(?:get\w*|ris\w*|stand\w*)\s+(?:up\s+)?(?:from|off|out\s+of)\s+(?:a|the|her|his|my|their|low)?\s*"
    r"(?:chairs?|floor|sofa|couch|toilet|bed|bath)|"
    r"(?:lift|rais)\w*\s+(?:her|his|my|their|both)\s+arms|(?:comb|brush|wash|plait)\w*\s+(?:her|his|my|their)\s+hair|"
    r"walk\s+(?:very\s+|that\s+|too\s+)?(?:far|long\s+distances|any\s+distance|more\s+than))\b|"
    # The task first, then how hard: "climbs stairs with difficulty", "can't-rise-from-chair", "Stairs ++ diff".
    r"\b(?:climb\w*\s+(?:the\s+)?(?:stairs|steps)|stairs|ris\w*\s+from\s+(?:a\s+|the\s+)?(?:chair|floor))\s*"
    r"(?:with\s+(?:great\s+|some\s+|much\s+)?difficulty|\+*\s*diff(?:icult\w*)?\b)|"
    r"\bcan'?t-(?:rise|get-up|stand)-from-(?:a-)?(?:chair|floor)|"
    # "weakness limits her on stairs", "limited on the stairs", "restricts him with walking".
    r"\b(?:limit|restrict)(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?(?:on|with|by|in|when)\s+(?:the\s+)?"
    r"(?:stairs|steps|walking|chairs?|rising)\b",
    re.I)


#: Ward shorthand's "w" for "with" before what a weak patient uses: "up from chair w arms, stairs w rail".
SHORTHAND_WITH = re.compile(r"(?<![\w/])w/?(?=\s+(?:the\s+|a\s+|one\s+|two\s+|2\s+)?"
                            r"(?:arms?|hands?|(?:hand)?rail|banisters?|stick|cane|frame|walker|rollator|help|"
                            r"assist\w*|support|aids?|difficulty)\b)", re.I)


#: Text-speak's "r" for "are" between two words in lower case ("stairs r hard"); not "R>L", "r/v".
TEXT_SPEAK_ARE = re.compile(r"(?<=[a-z] )r(?= [a-z])")


#: "can hardly swallow", "could barely breathe", "is scarcely able to walk": able, only just, to do what weakness
#: takes away. Told as the difficulty every reader of a deficit knows ("struggles to swallow"), so each finding's
#: words need not list the adverbs too. Not "can hardly wait", "could barely believe it".
HARDLY_ABLE = re.compile(
    r"\b(?:(?:can|could)\s+(?:hardly|barely|scarcely|only\s+just|just\s+about)|"
    r"(?:is|was|am|are|were)\s+(?:hardly|barely|scarcely|only\s+just)\s+able\s+to|"
    r"(?:hardly|barely|scarcely)\s+able\s+to)\s+"
    r"(?=(?:swallow|breath|walk|climb|stand|get|rise|lift|raise|eat|drink|chew|talk|speak|move|manage|do|hold|"
    r"dress|brush|comb|wash|reach|go)\w*\b)", re.I)


def with_spelled_out(text: str) -> str:
    """The text with shorthand "w" written "with", where what follows is something used to rise or walk,
    text-speak's "r" written "are", and "can hardly swallow" written "struggles to swallow"."""
    return HARDLY_ABLE.sub("struggles to ", TEXT_SPEAK_ARE.sub("are", SHORTHAND_WITH.sub("with", text)))


def needs_another_person(text: str) -> bool:
    """Whether the patient stands, rises or walks only with another person's help (told, not asked)."""
    return bool(NEEDS_ANOTHER_PERSON.search(_told(text)))


def _told(text: str) -> str:
    told = " ".join(sentence for _, sentence in sentences(text) if not asks_rather_than_tells(sentence))
    return WISHED.sub(" ", told)


#: What the patient wishes or asks to do, which tells nothing of what he does now: "he keeps asking about getting back
#: to the gym", "keen to get back to running", "wants to climb stairs without the rail" (up to "but": "wants to walk
#: but can't" tells that he can't).
WISHED = re.compile(r"\b(?:ask(?:s|ed|ing)?\s+(?:about|when|if|whether)|wants?\s+to|wanting\s+to|keen\s+to|"
                    r"hop(?:es|ed|ing)\s+to|would\s+(?:like|love)\s+to|desperate\s+to|longs?\s+to|longing\s+to|"
                    r"dreams?\s+(?:of|about)|planning\s+to|looking\s+forward\s+to|talk(?:s|ing)?\s+about|"
                    r"itching\s+to|eager\s+to)\b[^.;,!?]*?(?=\s+but\b|[.;,!?]|$)", re.I)


def _without_compensating_removed(text: str) -> str:
    """The text less "without the rail" told as a feat, not "can no longer manage stairs without the rail"."""
    def kept_when_unable(match: re.Match[str]) -> str:
        # In its own clause: not "just can't run, and manages stairs without the rail".
        clause = max(text.rfind(mark, 0, match.start()) for mark in ",;.") + 1
        return match[0] if UNABLE_BEFORE.search(text, max(clause, match.start() - 60), match.start()) else " "
    return WITHOUT_COMPENSATING.sub(kept_when_unable, text)


UNABLE_BEFORE = re.compile(
    r"\b(?:can'?t|cannot|can\s+not|no\s+longer|unable|not\s+able|couldn'?t|could\s+not)\b[^.;]*$", re.I)


#: A functional limitation denied in so many words ("no ADL limitation", "no functional limitation").
NO_LIMITATION_TOLD = re.compile(
    r"\bno\s+(?:functional|adl|adls)\s+(?:limitation|impairment|problem|restriction|difficult(?:y|ie))s?\b|"
    r"\bfunctionally\s+(?:normal|independent|unrestricted|unlimited)\b", re.I)


def limitation_denied(text: str) -> bool:
    """Told to have no functional limitation, with no walking aid: a task named as a little hard ("mild difficulty
    rising from a squat, no ADL limitation") is then weakness without limitation, which is mild."""
    told = _told(text)
    return bool(NO_LIMITATION_TOLD.search(told)) and not WALKS_WITH_AID.search(told)


#: Whole function said with a limit beside it ("walks unaided indoors only", "no aids, but she can only lift her arms",
#: "without help on a good day", "but needs help on the stairs"): not whole.
QUALIFIED = re.compile(r"\b(?:only|but|except|although|though|housebound|house-bound|indoors|needs?\s+help|with\s+help|"
                       r"good\s+days?|bad\s+days?|some\s+days)\b", re.I)
#: Walking said to need no aid in so many words ("walking ok without aids", "mobilising independently"); not "can still
#: walk", which a patient says of walking that is harder than it was.
WALKS_WITHOUT_AIDS = re.compile(
    rf"\b{_WALK}\s+(?:\w+\s+){{0,2}}?(?:independently|unaided|unassisted|without\s+(?:any\s+)?(?:aids?|help|assistance|"
    r"a\s+stick))\b", re.I)


#: Everyday life told as whole in so many words ("otherwise fully independent", "walks and manages at work", "still
#: working", "walks, drives, works from home", "doing her own shopping"); walking unaided alone is not (a patient with
#: hip flexion 4/5 who walks unaided but struggles on stairs is moderate).
INDEPENDENCE_TOLD = re.compile(
    r"\b(?:fully|completely|otherwise)\s+independent\b|\bliv(?:es|ing)\s+independently\b|"
    r"\bwalks?\s+and\s+(?:works?|manages?|drives?)\b|\b(?:walks|drives|works)\s*,\s*(?:walks|drives|works)\b|"
    # Not "the pred is still working" (a drug).
    r"(?<!pred\s)(?<!mtx\s)(?<!ivig\s)(?<!\bis\s)(?<!'s\s)\bstill\s+(?:working|works|cycling|driving|gardening|"
    r"swimming)\b(?!\s+(?:well|yet|for\s+(?:her|him)))|\bworks?\s+full[-\s]?time\b|"
    r"\bmanag(?:es|ing)\s+(?:at\s+)?(?:home|work|(?:her|his|their|my)\s+(?:job|own\s+(?:home|house|shopping|affairs)|work|house|home|household|garden|"
    r"allotment|shop|farm|business|affairs)|"
    r"independently|alone)\b|"
    r"\bdoing\s+(?:her|his|their|my)\s+own\s+(?:shopping|housework|cooking|cleaning)\b", re.I)
#: What makes weakness more than mild, whatever else is whole: an aid, help from someone, falls, not walking, or a
#: hard time with the stairs, a chair, a car (what weakness takes first from everyday life, not a squat or the floor).
_HELP_OR_FALLS = re.compile(
    r"\b(?:stairs?|steps|chairs?|sofas?|couch|settee|toilet|loo|commode|car|cab|ladders?|kerbs?|curbs?|hills?)\b|"
    # Gowers' manoeuvre told in words: "climbs up his legs to stand".
    r"\bclimb\w*\s+up\s+(?:his|her|their|my)\s+(?:legs|thighs)\b|"
    r"\b(?:needs?|needing|needed|requires?|requiring|with|gets?|getting)\s+(?:a\s+|some\s+)?(?:hand|help|assistance)\b|"
    r"\bwithout\s+(?:help|assistance|a\s+hand)\b|(?<!no\s)\bfalls\b|\bfell\b|\bfalling\b|\bwheel\s?chair|"
    # Help at home, by name: "with carers twice daily", "a care package", "her neighbour does her shopping".
    r"\bcarers?\b|\bcare\s+package|\bpackage\s+of\s+care|\b\w+'s\s+help\b|\bdoes\s+(?:her|his|their|my)\s+shopping\b|"
    r"\bhouse[-\s]?bound\b|\bstair[-\s]?lift\b", re.I)


#: Before the independence told, in its clause: an earlier time ("Previously fully independent; now ...", "was still
#: working until June", "Social hx: retired teacher, fully independent", "independent prior to admission").
_EARLIER_LIFE = re.compile(r"\b(?:previously|premorbid\w*|pre-?morbid\w*|formerly|used\s+to|had\s+been|"
                           r"social\s+(?:hx|history)|sh\b|baseline|before\s+(?:this|the|her|his|admission|illness|onset))\b"
                           r"[^.;]*$", re.I)
_EARLIER_LIFE_AFTER = re.compile(r"^[^.;]{0,30}?\b(?:prior\s+to|before|until|up\s+to)\b", re.I)


def _independence_now(told: str) -> bool:
    return any(not _EARLIER_LIFE.search(told, max(0, match.start() - 60), match.start())
               and not _EARLIER_LIFE_AFTER.search(told[match.end():])
               for match in INDEPENDENCE_TOLD.finditer(told))


def independent_despite_weakness(text: str) -> bool:
    """Weakness or a hard task told beside everyday life told as whole, today, with no aid, no help and no falls
    ("difficulty getting up from a squat, otherwise fully independent", "can't lift her arms above her head but walking
    fine, still working"): weakness without dependence, which is mild."""
    told = _told(text)
    return bool(_independence_now(told) and not WALKS_WITH_AID.search(told)
                and not COMPENSATES.search(_without_compensating_removed(told))
                and not _HELP_OR_FALLS.search(NO_DIFFICULTY.sub(" ", told)) and not NOT_WALKING.search(told))


def walks_unaided_only(text: str) -> bool:
    """Walking told as unaided, with no weakness, no hard task and no aid ("walking ok without aids"): mild, for a
    message that tells nothing else of severity (not a sentence picked out of a longer course)."""
    told = _told(text)
    return bool(WALKS_WITHOUT_AIDS.search(told) and not NOT_WALKING.search(told) and not WALKS_WITH_AID.search(told)
                and not _weakness_told(told) and _nothing_hard(told) and not QUALIFIED.search(told))


def _weakness_told(told: str) -> re.Match[str] | None:
    """Weakness told, not denied and not power found normal."""
    return WEAKNESS.search(DENIED_WEAKNESS.sub(" ", NORMAL_POWER.sub(" ", told)))


def _nothing_hard(told: str) -> bool:
    """No task told as hard, once denials ("no difficulty", "no falls") are set aside."""
    return not A_TASK_IS_HARD.search(NO_DIFFICULTY.sub(" ", told))


#: Tasks of sport or exertion, which weakness takes before everyday life: running for the bus, squats at the gym,
#: the ropes at a climbing gym, netball, hills.
SPORT_TASK = re.compile(
    r"\b(?:run(?:s|ning)?|jog\w*|sprint\w*|squat\w*|lunges?|gym|ropes?|bouldering|netball|football|soccer|rugby|hockey|"
    r"tennis|badminton|squash|golf|sports?|exercis\w*|training|work[-\s]?outs?|hills?|uphill|marathons?|"
    r"\d+\s*k(?:m)?)\b", re.I)
#: What weakness takes from everyday life; a limit told of one of these is more than a sporting one.
EVERYDAY_TASK = re.compile(
    r"\b(?:stairs?|steps?|chairs?|sofa|couch|settee|toilet|loo|bath|shower|bed|car|cab|bus|floor|kerbs?|curbs?|dress\w*|"
    r"hair|washing|overhead|above\s+(?:her|his|my|their)\s+head|lift\w*|carry\w*|walk\w*|stand\w*|ris(?:e|ing)|"
    r"get(?:ting)?\s+up)\b", re.I)
_HARD_HERE = re.compile(rf"{A_TASK_IS_HARD.pattern}|\bimpossible\b|\btires?\b|\bslow(?:er)?\b", re.I)
_CLAUSE = re.compile(r"[.;,:\n]|\s[-–—]\s|\b(?:but|though|although|except|and|just|only)\b", re.I)
_FALLS = re.compile(r"(?<!no\s)(?<!any\s)(?<!never\s)\b(?:falls|fell|falling(?!\s+behind)|fallen|tripping|trips|"
                    r"stumbl\w*)\b", re.I)
#: Help from someone or something for a task: "needs her husband's arm", "a raised toilet seat", "help to dress".
_HELP = re.compile(r"\b(?:help|helps|helping|assist\w*|arm\s+to|(?:\w+'s|her|his|my|their)\s+arm|"
                   r"raised\s+(?:toilet\s+)?seat|grab\s+rails?|perching\s+stool)\b", re.I)
#: A clause that tells an everyday task as done ("do stairs", "manages stairs without the rail", "stairs normal").
_TOLD_FINE = re.compile(r"\b(?:normal(?:ly)?|fine|ok(?:ay)?|no\s+(?:problems?|trouble|difficulty)|easily|without|"
                        r"(?:can|could)\s+(?:still\s+)?(?:do|manage|climb)|manag(?:e|es|ing)|climbs?|do|does|doing)\b",
                        re.I)
#: Running for a bus is exertion, not getting on one.
_RUN_FOR_A_BUS = re.compile(
    r"\b(run\w*|jog\w*|sprint\w*|dash\w*)\s+(?:for|after)\s+(?:the|a|my|her|his)\s+bus(?:es)?\b", re.I)


def only_sport_is_hard(text: str) -> bool:
    """Walking told as unaffected and every limit told a sporting one ("walks fine, just can't run for the bus
    anymore", "struggles with deep squats at the gym but otherwise walking normally", "can walk fine and do stairs
    but can't do the ropes at my climbing gym"): weakness without an everyday limit, which is mild."""
    told = _told(text)
    if not WALKS_FINE.search(told) or NOT_WALKING.search(told) or WALKS_WITH_AID.search(told) or _FALLS.search(told):
        return False
    if needs_another_person(told) or COMPENSATES.search(_without_compensating_removed(told)):
        return False
    if _HELP.search(NO_DIFFICULTY.sub(" ", told)):
        return False
    clauses = _CLAUSE.split(_RUN_FOR_A_BUS.sub(r"\1", NO_DIFFICULTY.sub(" ", WALKS_FINE.sub(" ; ", told))))
    hard = [clause for clause in clauses if _HARD_HERE.search(clause)]
    # Every everyday task named is told as done ("I walk fine and do stairs but can't do the ropes").
    everyday_limited = any(EVERYDAY_TASK.search(clause) and not _TOLD_FINE.search(clause) for clause in clauses)
    return bool(hard) and not everyday_limited and all(
        SPORT_TASK.search(clause) and not EVERYDAY_TASK.search(clause) for clause in hard)


def functional_severity(text: str) -> str | None:
    """'moderate', 'mild', or None when the message does not describe what the patient can do."""
    told = _told(text)
    if WALKS_WITH_AID.search(told) or COMPENSATES.search(_without_compensating_removed(told)):
        return "moderate"
    if only_sport_is_hard(told):
        return "mild"
    if FULL_FUNCTION.search(told):
        return "mild"
    if HARD_TASK.search(NO_DIFFICULTY.sub(" ", told)):
        return "moderate"
    nothing_hard = _nothing_hard(told)
    weakness = _weakness_told(told)
    if nothing_hard and (BACK_TO_DAILY_LIFE.search(told)
                         or UNLIMITED.search(told) and not weakness and not QUALIFIED.search(told)):
        return "mild"  # ("no aids, hip flexion 3/5" is weakness examined: not whole)
    if WALKS_FINE.search(told) and weakness and nothing_hard:
        return "mild"
    if WALKS_UNAIDED.search(told) and weakness:
        return "moderate"
    if (re.search(rf"\b{_WALK}\b", told, re.I) and not NOT_WALKING.search(told) and not NORMAL_POWER.search(told)
            and DIFFICULTY.search(NO_DIFFICULTY.sub(" ", told))):
        return "moderate"
    if NORMAL_POWER.search(told) and not weakness:
        return "mild"
    return None
