"""Words clinicians use for each fact, as regular expressions over lower-cased text.

Kept apart from the matching code so a clinician can review and extend it. Each pattern is wrapped
in word boundaries by the matcher; use (?:...) groups only.
"""

from __future__ import annotations

#: Prednisone and prednisolone however written ("pred", "prednisolone", "preds"), never "predicted".
PRED = r"pred(?!ict)\w*"
#: A steroid by its class name: "steroids", "corticosteroids", "glucocorticoid".
STEROID = r"(?:(?:cortico|gluco)[-\s]?)?steroids?|glucocorticoids?"

ANTI = r"(?:anti[-\s]?)?"

#: Grandparents by the names families use for them.
GRANDPARENT_NAMES = r"gran|granny|nan|nana|grandad"
#: The people who help a patient move: relatives, partners, carers and staff (each may take a plural "s").
HELPERS = (r"(?:wife|husband|partner|(?:boy|girl)friend|fianc[eé]e?|(?:step-?|grand-?)?(?:son|daughter|mum|mom|mother|dad|"
           rf"father|brother|sister)|{GRANDPARENT_NAMES}|grandpa|grandma|friend|neighbou?r|flat[-\s]?mate|"
           r"house[-\s]?mate|lodger|carer|caregiver|nurse|helper|aide|porter|physio\w*)s?")

#: After "can't stand": a dislike, not standing ("I can't stand hospitals", "can't stand the hospital food"). Standing
#: is followed by how, how long or where ("up", "for long", "unaided", "from the chair", "and walk"), or by nothing;
#: anything else is the thing disliked.
STAND_DISLIKED = (r"(?=\s+(?!(?:up|for|on|without|w/o|unaided|unassisted|unsupported|alone|independently|at\s+all|long|"
                  r"very|still|straight|from|properly|by|or|and|anymore|any\s+more|now|yet|even|with|in|to|"
                  r"upright|easily|well|more|much|unless|when|while|after|before|since|except|but|again|"
                  r"today|either|\d)\b)[a-z])")

ANTIBODY = {
    "HMGCR": [
        ANTI + r"hmg[-\s]?cr",
        # Dictated: "anti H M G C R".
        ANTI + r"h\s+m\s+g\s+c\s+r",
        ANTI + r"hmg[-\s]?co[-\s]?a(?:[-\s]?r(?:eductase)?)?",
        ANTI + r"3[-\s]?hydroxy[-\s]?3[-\s]?methyl[-\s]?glutaryl[-\s]?co(?:enzyme)?[-\s]?a[-\s]?reductase",
        r"statin[-\s]associated\s+(?:imnm|nam|necroti[sz]ing\s+myopathy)",
        # How patients say it: "the HMG one", "the HMG type", "HMG antibodies".
        r"hmg(?=\s+(?:one|type|kind|form|antibod\w*|ab\b|positive|myopathy|myositis|variant|version))",
    ],
    "SRP": [
        ANTI + r"srp(?:[-\s]?54)?",
        ANTI + r"s\s+r\s+p",
        ANTI + r"signal[-\s]recognition[-\s]particle",
    ],
}

SERONEGATIVE = [
    r"sero[-\s]?negative",
    r"seroneg",
    # Not another disease's antibody ("AChR antibodies negative", "ANA antibody negative").
    r"(?<!achr\s)(?<!ana\s)(?<!musk\s)(?<!anca\s)(?<!tpo\s)(?<!gad\s)(?<!vgcc\s)(?<!receptor\s)"
    r"(?:auto)?antibod(?:y|ies)[-\s]?(?:negative|neg)\b",
    r"abs?[-\s]?(?:negative|neg)\b",
    # Not "no antibody testing has been done yet": no test is not a negative test.
    r"no\s+(?:detectable\s+|known\s+)?(?:myositis[-\s]specific\s+|msa\s+)?(?:(?:auto)?antibod(?:y|ies)|abs)(?:\s+(?:found|detected))?"
    r"(?!\s+(?:test\w*|screen\w*|panel|results?|(?:have|has)\s+been|were|was|yet|done|sent|checked|requested))",
    r"no\s+msas?",
    # "the antibodies came back negative for both", "both antibody tests were negative" (the two IMNM antibodies).
    r"antibod(?:y|ies)\s+(?:tests?\s+)?(?:came\s+back|were|are|was|is)\s+(?:\w+\s+)?negative\s+for\s+(?:both|all|each)\b",
    r"both\s+(?:the\s+)?antibod(?:y|ies)(?:\s+tests?)?\s+(?:came\s+back\s+|were\s+|are\s+)?(?:negative|neg)\b",
    # "her antibodies were both negative", "antibodies both clear".
    r"(?<!achr\s)(?<!musk\s)(?<!ana\s)(?<!ena\s)(?<!vgcc\s)(?<!lrp4\s)"
    r"antibod(?:y|ies)\s+(?:were\s+|are\s+|came\s+back\s+|have\s+(?:both\s+)?come\s+back\s+)?(?:both|all)\s+"
    r"(?:came\s+back\s+)?(?:negative|neg|clear)\b",
    # "both antibodies were tested twice and nothing was found".
    r"both\s+(?:the\s+)?antibod(?:y|ies)(?:\s+tests?)?\s+(?:were\s+|have\s+been\s+)?(?:tested|checked|sent|done|repeated)\b"
    r"[^.;?]{0,25}?\b(?:nothing|none|neither)\s+(?:was\s+|were\s+|came\s+back\s+)?(?:found|detected|positive)\b",
    r"msas?\s+(?:panel\s+)?(?:negative|neg)\b", r"msa\s*/\s*maa\s+(?:panel\s+|screen\s+)?(?:negative|neg)\b",
    r"(?:myositis|msa|antibody)\s+(?:panel|screen)\s+(?:was\s+|is\s+|came\s+back\s+)?(?:entirely\s+|completely\s+|all\s+)?(?:negative|neg)\b",
    r"negative\s+(?:myositis|msa|antibody)\s+(?:panel|screen)",
    r"negative\s+for\s+(?:all\s+)?(?:myositis[-\s]specific\s+|myositis\s+)?(?:auto)?antibod(?:y|ies)",
    # Not "triple-negative breast cancer": a cancer's receptor status.
    r"(?:double|triple)[-\s]negative(?!\s+(?:\w+\s+)?(?:breast|cancer|carcinoma|tumou?r|disease|bc|tnbc)\b)",
    # "the antibody tests were negative", "his antibody results have all come back negative", "antibody bloods clear".
    # Only when no antibody is named before it ("AChR antibody tests were negative" is one antibody's result).
    r"(?:^|(?<=\bthe\s)|(?<=\bhis\s)|(?<=\bher\s)|(?<=\bmy\s)|(?<=\bour\s)|(?<=\ball\s)|(?<=\bboth\s)|"
    r"(?<=\btheir\s)|(?<=\bmyositis\s)|(?<=\bmsa\s)|(?<=[,.;:(]\s))"
    r"(?:auto)?antibod(?:y|ies)\s+(?:blood\s+)?(?:tests?|testing|results?|bloods?|screen(?:ing)?|panel|work[-\s]?up|studies)"
    r"\s+(?:(?:were|was|are|is|have|has|had|all|both|came|come|back|also|been)\s+){0,4}(?:negative|neg|clear|normal)\b(?!\s+for\b)",
    r"no\s+(?:(?:auto)?antibod(?:y|ies)|abs)\s+(?:were|was|have\s+been|has\s+been)\s+(?:found|detected|seen|identified)",
    r"(?:tested|checked|screened)\s+(?:\w+\s+){0,3}for\s+(?:(?:both|all)\s+the\s+|the\s+two\s+|the\s+|both\s+|all\s+)?"
    r"(?:myositis\s+)?"
    r"(?:auto)?antibod(?:y|ies)\b(?:(?!\bwait\w*|\bpending\b|\bawait\w*|\byet\b)[^.;?!]){0,40}?"
    # "they tested for both antibodies and nothing came back", "... and neither was positive".
    r"\b(?:negative|came\s+back\s+clear|nothing\s+(?:was\s+)?(?:found|showed\s+up|came\s+back|turned\s+up)(?!\s+yet)|"
    r"neither\s+(?:one\s+)?(?:was|were|came\s+back)\s+positive|both\s+(?:came\s+back\s+)?(?:negative|clear)|"
    # "- neither found", "nothing detected", "and didn't find either".
    r"neither\s+(?:was\s+|were\s+)?(?:found|detected|seen)|nothing\s+detected|"
    r"(?:didn'?t|did\s+not|couldn'?t)\s+(?:find|detect|show)\s+(?:either|any|anything))",
    r"(?:panel|screen)\b[^.;?!]{0,30}?[:\-–]\s*(?:nothing|none)\s+(?:detected|found)",
    r"not\s+positive\s+for\s+(?:either|any|both)\b",
]

# With the misspellings families type: "positve", "postive", "negitive", "negetive".
POSITIVE_CUES = (r"(?:positive|pos|\+ve|\+|detected|present|strongly\s+positive|high[-\s]titre|high[-\s]titer|"
                 r"positve|postive|possitive|posative|positiv)")
NEGATIVE_CUES = (r"(?:negative|neg|-ve|not\s+detected|not\s+found|absent|undetectable|negitive|negetive|negatve|negtive|"
                 r"(?:nothing|none|neither)\s+(?:was\s+|were\s+)?(?:detected|found)|never\s+(?:detected|found|positive))")
PENDING_CUES = (
    r"(?:pending|awaited|awaiting|sent(?:\s+off)?|not\s+(?:yet\s+)?back|in\s+process|outstanding|"
    r"to\s+follow|to\s+be\s+(?:sent|done|checked|requested|ordered|taken|drawn|repeated)|requested|ordered|tbc|unknown|not\s+(?:yet\s+)?(?:arrived?|come\s+back|returned|reported)|"
    r"equivocal|borderline|indeterminate|"
    # "SRP is still at the lab, 10 more days".
    r"(?:at|with|in)\s+(?:the\s+)?(?:lab|labs|laboratory|reference\s+lab)\b|"
    r"not\s+(?:yet\s+)?(?:known|available|tested|done|sent|checked|ordered|requested|received|back)|"
    # "anti-SRP has not yet been tested", "SRP hasn't been sent", "SRP wasn't done", "was never sent off": a test
    # not made is no result, whatever the auxiliary.
    r"(?:(?:has|have|had|was|were|is|are)\s*)?(?:not|n['’]?t|never)\s+(?:yet\s+)?(?:been\s+)?(?:tested|done|sent|"
    r"checked|ordered|requested|performed|run|measured|processed)(?:\s+off)?)"
)

STATIN_DRUGS = [
    "atorvastatin", "lipitor", "rosuvastatin", "crestor", "simvastatin", "zocor", "pravastatin",
    "pravachol", "lovastatin", "mevacor", "altoprev", "fluvastatin", "lescol", "pitavastatin",
    "livalo", "zypitamag", "cerivastatin", "vytorin", "inegy", "caduet",
]
STATIN_WORDS = [r"statins?", r"atorva", r"rosuva", r"simva", r"prava", r"[a-z]+vastatin[a-z]*",
                r"ex-(?:statins?|atorva|rosuva|simva|prava|[a-z]+vastatin)",
                r"chole?st[eo]?rol[-\s](?:tablets?|pills?|medicines?|medications?|treatment|drugs?|"
                r"lowering\s+(?:treatment|drugs?|medicines?|medications?|therapy|tablets?))",
                r"lipid[-\s]lowering\s+(?:treatment|drugs?|medicines?|medications?|therapy|tablets?|agents?)",
                # "pills for the cholesterol", "tablets for his cholesterol".
                r"(?:pills?|tablets?|medicines?|medications?|drugs?)\s+for\s+(?:the\s+|my\s+|his\s+|her\s+|their\s+)?"
                r"(?:high\s+)?chole?st[eo]?rol"]
STATIN_NEVER = [
    r"statin[-\s]?na[iï]ve", r"never\s+(?:been\s+)?(?:on|took|taken|had|used|received|exposed\s+to)\s+(?:a\s+|any\s+)?statins?",
    r"no\s+(?:prior\s+|previous\s+|past\s+|lifetime\s+|history\s+of\s+|hx\s+of\s+|h/o\s+)?statin(?:s|\s+(?:use|exposure|history|therapy|intake))?"
    r"(?!\s+(?:for|since|now|any\s?more|at\s+present|currently))",
    r"no\s+(?:prior\s+|previous\s+)?(?:history\s+of\s+|hx\s+of\s+|h/o\s+)?statin(?!s?\s+(?:for|since|now|any\s?more|at\s+present|currently))",
    r"denie[sd]\s+(?:any\s+|ever\s+taking\s+(?:a\s+|any\s+)?)?statins?(?:\s+(?:use|exposure))?",
    r"never\s+(?:a\s+)?statin",
    # "Statin he never take", "Statin never.", "never was taking statin" (other languages' word order).
    r"statins?\s+(?:(?:he|she|they|the\s+patient)\s+)?never\b",
    r"never\s+(?:was|were|has\s+been|have\s+been)\s+(?:taking|on|using)\s+(?:a\s+|any\s+)?statins?",
    r"never\s+(?:been\s+)?prescribed\s+(?:a\s+|any\s+)?statins?",
    # "He was not take statin" (other languages' grammar).
    r"(?:was|were|did)\s+not\s+(?:take|taking|took|taken|use|using)\s+(?:a\s+|any\s+)?statins?",
    r"not\s+(?:previously|ever)\s+(?:been\s+)?(?:on|taken|taking|had)\s+(?:a\s+|any\s+)?statins?",
    r"never\s+(?:been\s+on|taken|took|had|used)\s+(?:any\s+)?cholesterol[-\s](?:tablets?|pills?|medicines?|medications?|drugs?)",
    # "I never take pills for the cholesterol, never in my life" (other languages' tense).
    # Not "can he never take a statin again?": a question about what is to come.
    r"(?<!can\s)(?<!could\s)(?<!should\s)(?<!must\s)(?<!will\s)(?<!would\s)"
    r"never\s+(?:take|took|taken|had|used|been\s+on)\s+(?:any\s+|the\s+)?(?:pills?|tablets?|medicines?|medications?|drugs?)\s+"
    r"for\s+(?:the\s+|my\s+|his\s+|her\s+|their\s+)?(?:high\s+)?chole?st[eo]?rol(?!\s+again)",
    r"(?<!can\s)(?<!could\s)(?<!should\s)(?<!must\s)(?<!will\s)(?<!would\s)never\s+take\s+(?:a\s+|any\s+)?statins?(?!\s+again)",
    # "with no exposure to statins", "no prior exposure to a statin".
    r"no\s+(?:prior\s+|previous\s+|past\s+|known\s+|lifetime\s+)?exposure\s+to\s+(?:a\s+|any\s+)?statins?",
    # "I have never taken anything for my cholesterol".
    r"never\s+(?:taken|took|had|used|been\s+on)\s+(?:anything|any\s+(?:tablets?|pills?|medicines?|medication))\s+for\s+"
    r"(?:my|his|her|their|the)\s+(?:high\s+)?chole?st[eo]?rol",
    r"statins?\s*(?:history|hx|use|exposure)?\s*[:=\-–]\s*(?:(?:not\s+applicable|n/a)\s*/\s*)?(?:none|nil|never|no|not\s+taken)",
    r"never\s+(?:taken|took|been\s+on|had|used)\s+(?:any\s+)?(?:regular\s+)?(?:medications?|medicines?|drugs|tablets)\s*,?\s*"
    r"(?:including|incl\.?)\s+(?:a\s+|any\s+)?statins?",
]
#: Anywhere in the statin's clause, these put its use in the past ("stopped", "was on", "2 years ago").
STATIN_PAST_CUES = (
    # Not "should the rosuva be stopped now?": a question about stopping it, which it is still taken.
    # "didn't settle after stopping atorvastatin 3 months ago", "since coming off the simva".
    r"(?:(?:after|since|despite)\s+(?:stopping|discontinuing|ceasing|coming\s+off)|(?<!\bbe\s)stopped|stoped|discontinued|d/c'?d?|ceased|held|withheld|withdrawn|suspended|came\s+off|taken\s+off|off|was\s+on|were\s+on|"
    r"had\s+been\s+on|used\s+to|until|till|til|'til|up\s+to|ago|in\s+the\s+past|last\s+year|before(?:hand)?|earlier|quit|"
    r"took|used|tried|had|did\s+(?:take|use)|(?<=statin\s)stop\b|(?<=statins\s)stop\b|in\s+place\s+of|instead\s+of|switched\s+from|replac\w+|"
    r"ex-(?:statins?|atorva|rosuva|simva|prava|[a-z]+vastatin)|"
    # "taken 2010-2013", "atorvastatin (2015-2019)": a span of years that has ended.
    r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d|"
    # "simvastatin 40 from 2015 to 2021", "between 2012 and 2019".
    r"(?:from|between)\s+(?:\w+\s+)?(?:19|20)\d\d\s*(?:to|and|until|till|through)\s+(?:\w+\s+)?(?:19|20)\d\d)"
)
#: Right before the statin only: "h/o simvastatin", "prior statin use", "ex-statin" (but "h/o HLD on
#: atorvastatin" is a current statin: the history is of the lipids).
STATIN_PAST_JUST_BEFORE = (
    r"(?:history\s+of|hx\s+of|h/o|s/p|prev(?:ious(?:ly)?)?|prior|former(?:ly)?|ex|past)[-\s]+"
    r"(?:(?:been\s+)?on\s+|taking\s+|use\s+of\s+|an?\s+)?$"
)
#: Not "continue" of a statin kept avoided ("Continue to avoid all statins").
KEPT_OFF = r"(?!\s+to\s+(?:avoid|stay\s+off|keep\s+off|abstain))"
#: Not a statin taken, a record not brought up to date: "it's just still on her old med list", "still listed on the GP
#: record".
ONLY_ON_A_LIST = (r"(?!\s+(?:listed|(?:on|in)\s+(?:the\s+|her\s+|his\s+|their\s+|my\s+)?(?:old\s+|gp(?:'?s)?\s+|repeat\s+|drug\s+|"
                  r"med\w*\s+)*(?:list|chart|records?|notes|system|file|prescriptions?|meds\s+list)\b))")
#: Use that goes on: outweighs a past cue in the same sentence ("still on simvastatin (never d/c'd)").
STATIN_STILL = (r"(?:still" + ONLY_ON_A_LIST + r"(?!\s+(?:so\s+|very\s+|really\s+|quite\s+)?(?:weak\w*|struggl\w*|tired|sore|achy|aching|"
                r"in\s+pain|unable|can'?t|cannot|having|has|have|getting|feel\w*|worse\w*|deteriorat\w*|declin\w*|"
                r"not\s+(?:better|improv\w*|right)))|currently|"
                # "Continue to avoid all statins": kept off them, not taking one.
                r"(?:continues?|continuing)" + KEPT_OFF + r"|remains?\s+on|ongoing|to\s+date|at\s+present|presently|"
                r"not\s+(?:been\s+)?(?:stopped|discontinued|d/c'?d))")
#: Later in the sentence, use that goes on ("rosuvastatin 20 mg, which he continues to take").
STATIN_STILL_LATER = (r"(?:continu\w*" + KEPT_OFF + r"|still" + ONLY_ON_A_LIST + r"\s+(?:takes?|taking|on|uses?|using)|"
                      r"(?:not|never)\s+(?:been\s+)?(?:stopped|discontinued|d/c'?d))")
#: Use now, when nothing says otherwise: "on atorvastatin", "takes rosuvastatin".
#: Use told without saying it goes on ("on", "started on"): current unless a later mention says it stopped.
STATIN_NOW = r"(?:on|taking|takes|take|using|uses)"
#: A heading that lists what the patient no longer takes ("Allergies/intolerances: atorvastatin",
#: "STOPPED: Atorvastatin 40 mg - DO NOT RESTART").
STATIN_LISTED_AS_PAST = (r"(?:allerg(?:y|ies)|intoleran(?:ce|ces|t)|adverse\s+(?:drug\s+)?reactions?|adrs?|"
                         r"stopped|discontinued|(?:drugs?|medications?|medicines?)\s+to\s+avoid|do\s+not\s+(?:give|restart))"
                         r"(?:\s*/\s*[a-z]+)?\s*:\s*(?:[^:\n]{0,60}?[,;]\s*)?$")
#: Later in the sentence, the statin was stopped ("Simvastatin 40 mg, which she had taken for ten years,
#: was stopped on admission").
#: The statin history said to be unknown ("daughter isn't sure he ever took one", "statin hx unclear"):
#: no statin fact, and an earlier one is taken back (imnm/language/context_answers.py).
STATIN_UNCERTAIN = (
    r"\b(?:not|isn'?t|aren'?t|wasn'?t|n't|un)\s*sure\s+(?:if|whether|that|about)?\s*(?:(?:he|she|they|the\s+patient|pt)\s+)?"
    # "unsure whether she was ever on one".
    r"(?:ever\s+)?(?:(?:took|takes|has\s+(?:ever\s+)?taken|had|was\s+(?:ever\s+)?on|is\s+on|used)\s+(?:a\s+|any\s+)?"
    r"(?:statins?\b|[a-z]*vastatin|one\b)|"
    r"(?:the\s+|a\s+|any\s+|his\s+|her\s+)?(?:statins?\b|[a-z]*vastatin))|"
    r"\bstatin\w*\s+(?:history\s+|hx\s+|use\s+|exposure\s+|status\s+)?(?:is\s+|was\s+|:\s*)?"
    r"(?:unknown|unclear|not\s+known|uncertain|not\s+(?:documented|recorded|stated|available))\b|"
    # "Statin history: unable to confirm - previous GP records unavailable".
    r"\bstatin\w*\s*(?:history|hx|use|exposure|status)?\s*[:\-–]?\s*(?:unable\s+to\s+(?:confirm|verify|establish|ascertain)|"
    r"cannot\s+be\s+(?:confirmed|verified|established)|unconfirmed|unverified)\b|"
    r"\b(?:unknown|unclear|uncertain)\s+(?:statin|whether\s+(?:he|she|they)\s+(?:ever\s+)?took)|"
    # What the record does not say is unknown, not never: "Statin history: nil recorded", "no statin information
    # recorded", "Statin: nil documented", "no statin listed (pt unsure)", "statin history - cannot recall".
    r"\bstatin\w*\s*(?:history|hx|use|exposure|status)?\s*[:\-–]?\s*(?:nil|none|not)\s+(?:recorded|documented|listed|"
    r"stated|available|known)\b|"
    r"\bno\s+statin\w*\s+(?:information|info|details?|history|data)\s+(?:recorded|documented|available|given|listed)\b|"
    r"\bno\s+statin\w*\s+(?:listed|recorded|documented)\s*\(?\s*(?:pt|patient|he|she)?\s*(?:is\s+)?(?:unsure|not\s+sure)|"
    r"\bstatin\w*\s*(?:history|hx)?\s*[:\-–]?\s*(?:the\s+)?(?:patient|pt|he|she)\s+(?:cannot|can'?t|could\s*n[o']?t|does\s*n[o']?t)\s+"
    r"(?:recall|remember)")
STATIN_STOPPED_LATER = (r"(?<!never\s)(?<!not\s)(?<!\bbe\s)(?:(?:doctors?|gp|they|team)\s+stop\s+(?:it|them|the\s+\w+)|stopped|stoped|discontinued|d/c'?d|ceased|withdrawn|withheld|quit|suspended|"
                        # "switched to ezetimibe" ends the statin; "changed to rosuvastatin" does not.
                        r"(?:switched|changed)\s+to(?!\s+(?:a\s+|another\s+)?(?:[a-z]*vastatin|statin|atorva|rosuva|simva|prava))|"
                        r"replaced\s+(?:by|with)(?!\s+(?:a\s+|another\s+)?(?:[a-z]*vastatin|statin|atorva|rosuva|simva|prava)))")
#: "on atorvastatin in 2018; the drug was stopped": the next clause says it of the statin.
STATIN_STOPPED_NEXT_CLAUSE = (r"[^.;!?\n]*;\s*(?:(?:the\s+drug|it|this|the\s+statin)\s+(?:was|has\s+been)\s+(?:then\s+)?"
                              r"(?:stopped|discontinued|withdrawn|ceased)|"
                              # "He started simvastatin 40 mg in 2019; I stopped it four weeks ago".
                              # "Atorvastatin on drug chart - not given; medical team stopped it on admission".
                              r"(?:i|we|the\s+gp|gp|they|he|she|(?:the\s+)?(?:medical\s+|ward\s+|admitting\s+)?team|"
                              r"(?:the\s+)?doctors?|(?:the\s+)?consultant)(?:'ve|\s+have|\s+has|\s+had)?\s+"
                              r"(?:(?:then|now|since|already)\s+)?(?:stopped|discontinued|ceased|withdrew|withdrawn)\s+"
                              r"(?:it|the\s+drug|the\s+statin|this))\b")

#: The checkpoint inhibitors by name (brand and ward short forms too).
ICI_DRUG_NAMES = [
    r"pembrolizumab", r"pembro", r"keytruda", r"nivolumab", r"nivo", r"opdivo", r"ipilimumab", r"ipi",
    r"yervoy", r"atezolizumab", r"tecentriq", r"durvalumab", r"imfinzi", r"cemiplimab", r"avelumab",
    r"dostarlimab", r"tremelimumab", r"relatlimab",
]
ICI = [
    *ICI_DRUG_NAMES,
    r"(?:immune\s+)?checkpoint[-\s]inhibitors?", r"icis?", r"icpis?", r"cpis?",
    r"anti[-\s]?pd[-\s]?l?1", r"anti[-\s]?ctla[-\s]?4", r"immuno[-\s]?oncology",
    # "immunotherapy" alone means cancer immunotherapy; "combination/aggressive immunotherapy" is myositis treatment.
    # Not the myositis's own treatment ("requires more than one immunotherapy", "further immunotherapy").
    r"(?<!combination\s)(?<!combined\s)(?<!aggressive\s)(?<!intensive\s)(?<!early\s)(?<!myositis\s)(?<!one\s)"
    # Nor a heading of the myositis treatments ("Immunotherapy: IVMP day 3/3, IVIG day 2/5").
    r"(?<!further\s)(?<!additional\s)(?<!escalating\s)(?<!escalated\s)immunotherapy"
    rf"(?!\s*:\s*(?:ivmp|iv\s*mp|methylpred\w*|{PRED}|ivig|steroids?|rituximab|mtx|methotrexate|plex|tacro\w*))"
    # "No immunotherapy yet; we discussed starting methotrexate": the myositis's treatment, still to come.
    r"(?!\s+(?:yet|so\s+far)\b)",
    r"irae", r"immune[-\s]related\s+adverse\s+event",
    # Brand names patients use ("I was on Keytruda").
    r"keytruda", r"opdivo", r"yervoy", r"tecentriq", r"imfinzi", r"libtayo", r"bavencio",
]

#: Months as a timeline names them ("Jan:", "in April"), and a year of one ("2019: pred + MTX").
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH = "(?:" + "|".join(MONTH_ABBREVIATIONS) + ")"
YEAR = r"(?:19|20)\d\d"

SEVERITY_WORDS = {
    "mild": [r"mild(?:ly)?", r"minimal(?:ly)?", r"slight(?:ly)?", r"subtle"],
    "moderate": [r"moderate(?:ly)?", r"mod(?=\s+(?:weakness|disease|imnm))", r"mod(?=\.(?!\w)|\s*[,;)]|\s*$)"],
    "severe": [r"severe(?:ly)?", r"marked(?=\s+(?:[\w-]+\s+){0,3}?(?:weakness|proximal|girdle|disability))", r"markedly\s+weak\w*",
               r"profound(?:ly)?", r"significant(?=\s+weakness)",
               r"life[-\s]threatening", r"fulminant", r"critical(?:ly)?"],
}
#: After "falls": a number that falls ("falls to 300", "falls by half", "in CK") or a service named for falls.
NOT_A_FALL_AFTER = r"(?!\s+(?:to|from|by|in\s+(?:ck|fvc)|alarm|risk|clinic|team|assessment|prevention))"
SEVERITY_DESCRIPTORS = {
    "moderate": [
        r"(?:can'?t|cannot|can\s+not|unable\s+to|struggl\w*\s+(?:to|with)|difficulty|difficult|hard|trouble|problems?|"
        r"(?:uses?|using|needs?|needing|pushes|pushing)\s+(?:(?:his|her|their)\s+)?(?:arms|hands)\s+to)\s+"
        r"(?:to\s+|with\s+)?(?:ris(?:e|ing)|get(?:ting)?\s+(?:up|out)|stand(?:ing)?(?:\s+up)?|push(?:ing)?\s+(?:up|off))\s+"
        r"(?:from|out\s+of|off|of)\s+(?:an?\s+|the\s+|his\s+|her\s+|their\s+)?(?:low\s+|deep\s+)?"
        r"(?:chairs?|seats?|sofas?|couch(?:es)?|squat(?:ting)?|(?:the\s+)?floor|toilets?|bed|(?:the\s+)?car|cars)",
        # "harder to climb stairs", "getting tougher to get up the stairs".
        r"(?:harder|tougher|more\s+difficult|more\s+of\s+a\s+struggle)\s+(?:to\s+|for\s+(?:her|him|me)\s+to\s+)?"
        r"(?:climb|get\s+up|go\s+up|manage|walk\s+up|do)\s+(?:the\s+)?stairs",
        r"(?:difficulty|difficult|hard|trouble|problems?|struggl\w*)\s+(?:with\s+|on\s+|going\s+up\s+|"
        r"(?:to\s+)?(?:get|go|walk|climb)(?:ting|ing)?\s+up\s+)?(?:climbing\s+)?(?:the\s+)?stairs",
        r"(?:can'?t|cannot|unable\s+to)\s+(?:climb|manage|do)\s+(?:the\s+)?stairs",
        r"(?:weak(?:er)?|slow(?:er)?|wobbly|unsteady)\s+(?:on|with|climbing|going\s+up)\s+(?:the\s+)?stairs",
        # "weakness creeping back on stairs".
        r"weakness\s+(?:[\w-]+\s+){1,3}?(?:on|with|climbing|going\s+up)\s+(?:the\s+)?stairs",
        # "pulling herself up the stairs", "pulls himself up on the banister".
        r"pull(?:s|ing|ed)?\s+(?:herself|himself|themselves|myself)\s+up\s+(?:the\s+stairs|stairs|on\s+the\s+(?:banisters?|"
        r"rail|handrail)|from\s+(?:a|the)\s+chair)",
        # "weak again - stairs, chairs", "struggling: stairs, getting off the loo": the weakness and what it stops.
        r"(?:weak(?:er)?|struggl\w*|difficulty|trouble)(?:\s+(?:again|still|now))?\s*[-–—:(]\s*(?:[\w']+\s+){0,3}?"
        r"(?:stairs|steps|chairs?|toilet|loo|the\s+floor)",
        # "still battling with stairs", "stairs and getting off the sofa are a struggle", "stairs got harder again".
        r"(?:battl\w*|struggl\w*)\s+(?:w/?|with|on)\s+(?:the\s+)?stairs",
        r"stairs\s+(?:and\s+[\w\s]{3,40}?\s+)?(?:are|is)\s+(?:now\s+|still\s+)?(?:a\s+)?(?:struggle|difficult|hard|harder|brutal|"
        r"killing\s+me|a\s+nightmare|awful|terrible|tough)",
        r"stairs\s+(?:have\s+)?(?:got|getting|became|become|are\s+getting)\s+(?:\w+\s+)?(?:harder|more\s+difficult|"
        r"difficult|hard|a\s+struggle)",
        r"stair[-\s]?climbing\s+(?:difficult(?:y|ies)|problems?|trouble|issues?|is\s+(?:hard|difficult))",
        r"(?:difficulty|difficult|hard|trouble|problems?|struggl\w*)\s+(?:with\s+)?stair[-\s]?climbing",
        r"stairs\s+(?:are|is)\s+(?:now\s+)?(?:a\s+)?(?:struggle|difficult|hard|a\s+problem|an\s+issue|impossible)",
        # "finding the stairs at school very hard".
        r"finding\s+(?:the\s+)?(?:stairs|steps|chairs?)\s+(?:at\s+(?:home|school|work)\s+)?(?:very\s+|really\s+|quite\s+)?"
        r"(?:hard|difficult|tough|a\s+struggle|tricky)",
        r"needs?\s+(?:(?:his|her|their)\s+)?arms\s+to\s+(?:stand|get\s+up|rise)",
        r"gower'?s'?\s*(?:sign|manoeuvre|maneuver)?",
        # "stairs still difficult", "rising from a chair is hard", "getting off the floor is a struggle".
        r"(?:(?:ris(?:e|ing)|get(?:ting)?\s+(?:up|out|off)|stand(?:ing)?\s+up|climb(?:ing)?)\s+"
        r"(?:(?:from|out\s+of|off|up)\s+)?(?:an?\s+|the\s+|his\s+|her\s+|their\s+)?(?:low\s+|deep\s+)?)?"
        r"(?:stairs|steps|stair[-\s]?climbing|chairs?|seats?|(?:the\s+)?floor|toilet|loo|squat(?:ting)?)\s+"
        r"(?:(?:is|are|still|now|getting|becoming|quite|very|really|a\s+bit|increasingly|more|pretty|rather)\s+)*"
        r"(?:difficult|hard|tricky|tough|a\s+struggle|a\s+challenge|an?\s+(?:issue|problem)|impossible|effortful)",
        # "needs to push up with her arms to get out of a chair", "uses his hands to stand".
        r"(?:push(?:es|ing)?\s+(?:up|off)|uses?\s+(?:his\s+|her\s+|their\s+)?(?:arms|hands))\s+"
        r"(?:(?:with|on)\s+(?:his|her|their)\s+(?:arms|hands|thighs|knees)\s+)?to\s+(?:get|rise|stand)",
        r"(?:difficulty|difficult|hard|trouble|problems?|struggl\w*)\s+(?:with\s+)?get(?:ting)?\s+off\s+"
        r"(?:the\s+|a\s+)?(?:floor|chair|toilet|loo|bed)",
        # "difficulty combing her hair and getting up from the sofa", "can't get out of the bath".
        r"(?:difficulty|difficult|hard|trouble|problems?|struggl\w*|can'?t|cannot|unable\s+to)\s+(?:[\w']+\s+){0,6}?"
        r"(?:get(?:ting)?\s+(?:up|out|off|of)|ris(?:e|ing)|stand(?:ing)?\s+up)\s+(?:(?:from|out\s+of|off|of)\s+)?"
        r"(?:an?\s+|the\s+|his\s+|her\s+|their\s+)?(?:low\s+|deep\s+)?"
        r"(?:chairs?|seats?|sofas?|couch|floor|toilets?|loo|commode|bed|bath(?:tub)?|tub|squat(?:ting)?|car)",
        # Stairs only with the rail, or weakness going up them.
        # Not "climbs stairs without the rail" (no limitation); "can't climb stairs" is read above.
        r"stairs\s+(?:\w+\s+){0,3}?(?:(?:by\s+)?pulling\s+on|with|using|holding)\s+(?:the\s+|a\s+)?"
        r"(?:hand)?(?:rail|banister|bannister)",
        r"(?:weak\w*|difficult\w*|hard|struggl\w*)\s+(?:\w+\s+){0,3}?(?:go(?:es|ing)?|walk(?:s|ing)?|climb(?:s|ing)?)\s+up\s+"
        r"(?:the\s+)?stairs",
        r"stairs\s*,\s*(?:it\s+)?is\s+(?:difficult|hard)",
        r"struggl\w*\s+(?:w/?|with)\s+(?:the\s+)?stairs",
        r"(?:needs?|using|uses)\s+(?:the\s+)?(?:hand)?(?:rails?|banisters?)\s+(?:for|on|to\s+(?:climb|get\s+up))\s+(?:the\s+)?stairs",
        r"(?:toilet|chair|bed|commode)\s+transfers?\s+(?:are|is)\s+(?:a\s+)?(?:struggle|difficult|hard|tricky)",
        r"push(?:es|ing)?\s+(?:up\s+|off\s+)?(?:on|with|off)\s+(?:his|her|their)\s+(?:thighs|knees|legs|arms|hands)\s+"
        r"to\s+(?:get|rise|stand)",
        # Falls told as what happens to the patient ("keeps falling over", "2 falls this month", "fallen three times"),
        # not a number that falls ("CK is falling", "CK fell again to 2500", "CK 4000 falls by half", "0 falls").
        r"(?:keeps?|kept|been|started|starting)\s+falling\s+(?:over|down)\b",
        r"(?:i'?m|she'?s|he'?s|they'?re|(?:she|he|i|they)\s+(?:is|was|were|am|are|has\s+been|have\s+been|keeps?))\s+"
        r"falling(?!\s+(?:to|from|by|steadily|nicely|slowly|gradually))\b",
        r"falling\s+over\b",
        # "keeps tripping on the stairs", "kept stumbling": near-falls, told as what keeps happening.
        r"(?:keeps?|kept|been|started|starting)\s+(?:tripping|stumbling)(?:\s+(?:on|over|up)\s+(?:the\s+|a\s+|her\s+|his\s+|my\s+)?"
        r"(?:own\s+)?(?:stairs|steps|kerbs?|curbs?|pavements?|rugs?|carpets?|uneven|floor|things|feet|doorsteps?)|"
        r"\s*(?=[.,;!\n]|$)|\s+(?:a\s+lot|all\s+the\s+time|at\s+home|when|again))",
        r"(?:[1-9]\d?|two|three|four|five|several|multiple|many|recurrent|frequent|repeated|a\s+few|a\s+couple\s+of)\s+"
        r"(?:\w+\s+)?falls\b" + NOT_A_FALL_AFTER,
        r"(?:had|has|have|having)\s+(?:(?!no\b|not\b|any\b|never\b|zero\b|0\b)\w+\s+)?falls\b" + NOT_A_FALL_AFTER,
        r"(?:fell|fallen)\s+(?:over|twice|(?:[1-9]|two|three|four|several|a\s+few|a\s+couple\s+of)\s+times)\b",
    ],
    "severe": [
        r"rapidly\s+progress\w*", r"rapid(?:ly)?\s+progression", r"rapidly\s+worsening",
        r"bed[-\s]?bound", r"bed[-\s]?ridden",
        # Bed-bound told in words: "she can't get out of bed now", "no longer able to get up out of bed".
        # Not "can't get out of bed on her own / without the rail / as quickly / in the morning" (a limit, not a state).
        r"(?:can'?t|cannot|can\s+not|unable\s+to|no\s+longer\s+able\s+to|not\s+able\s+to)\s+(?:even\s+)?get\s+"
        r"(?:up\s+)?out\s+of\s+(?:the\s+|her\s+|his\s+|my\s+|their\s+)?bed(?=\s*(?:now|any\s*more|at\s+all|these\s+days)?"
        r"\s*(?:[.!]|$))",
        # "full hoist for all transfers", "needs a hoist", "is not walking", "unable to roll".
        r"(?:full\s+)?hoist\s+(?:\([^)]*\)\s+)?(?:for|to)\s+(?:all\s+)?transfers?", r"hoist\s+transfers?",
        # "transfers with hoist", "transferred by hoist": moved by a machine.
        r"transfer(?:s|red|ring)?\s+(?:[\w-]+\s+){0,4}?(?:with|by|using|via|on)\s+(?:a\s+|the\s+)?(?:full\s+|ceiling\s+|"
        r"mobile\s+|standing\s+)?hoist",
        # "Cannot stand from the chair at all": no rising at all, not a hard one.
        r"(?:unable\s+to|can'?t|cannot|can\s+not)\s+stand(?:\s+up)?\s+(?:from|out\s+of|off)\s+(?:the\s+|a\s+|her\s+|his\s+)?"
        r"(?:chair|bed|seat|toilet|commode|sofa|couch|settee)\s+at\s+all(?=\s*(?:now|any\s*more)?\s*(?:[.,;!\n]|$|\band\b))",
        r"needs?\s+a\s+(?:full\s+)?hoist", r"(?:get|got|getting|have|has|had|using|uses?)\s+a\s+(?:full\s+)?hoist\b", r"hoisted\b",
        # "Transfers with 2 staff and a rotunda; not walking.": a note's item, not "he is not walking far".
        r"(?<=[;:,]\s)not\s+(?:walking|ambulating|mobilising|mobilizing)\b(?!\s+(?:far|much|well|as|long|normally|yet|outside|"
        r"any\s+distance))", r"(?:is|are|was)\s+not\s+walking\b(?!\s+(?:far|much|well|as|long|normally))",
        r"non[-\s]?ambula(?:nt|tory)", r"unable\s+to\s+roll",
        r"wheelchair[-\s](?:bound|dependent)",
        r"wheelchair(?![-\s](?:bound|dependent))"
        # Not a chair kept for distances by someone who walks ("uses a wheelchair for anything outside the house").
        # "walks with a frame indoors, wheelchair outdoors" is the same limit.
        r"(?![^.;\n]{0,30}\b(?:for\s+(?:\w+\s+){0,2}(?:distances?|outside|outdoors|trips|longer|long|(?:further|farther)"
        r"(?=\s+(?:than|away|afield)\b|\s*(?:[.,;]|$)))|outdoors|"
        r"outside|when\s+(?:out|outside)|out\s+of\s+the\s+house))",
        # Not "can't stand up from the toilet" (rising from a seat: moderate).
        # Not "can't walk far", "can't walk more than 100 m" (a limited distance: moderate).
        r"(?:unable\s+to|can'?t|cannot|can\s+not)\s+(?:walk|ambulate|stand(?!\s+up\s+(?:from|out\s+of|off))(?!\s+from)(?!" + STAND_DISLIKED + r"))"
        # ("unable to walk more than a few steps" is hardly walking at all: severe).
        r"(?!\s+(?!(?:more\s+than|beyond)\s+a\s+(?:few|couple\s+of)\s+(?:steps|paces|metres|meters|yards))"
        r"(?:very\s+|that\s+|too\s+)?(?:far|long|much|more\s+than|further|beyond|quickly|fast|as\s+far|uphill|"
        r"the\s+distance|for\s+long|any\s+distance|outside|outdoors|out\s+of\s+the\s+house|\d))",
        r"non[-\s]?ambulatory",
        r"(?:could|can|is|was)\s+no\s+longer\s+(?:able\s+to\s+)?(?:walk|stand|ambulate|mobilis|mobiliz)\w*",
        # "unable to lift his head from the pillow or walk": walking as the last of the things that cannot be done.
        r"(?:unable\s+to|can'?t|cannot|could\s+not|couldn'?t)\s+(?:[\w']+,?\s+){1,7}?or\s+(?:walk|stand)(?=\s*[.;,\n]|\s*$)",
        r"w/c(?:[-\s]?(?:bound|user|dependent))?", r"off\s+(?:his|her|their)\s+legs",
        r"(?:can\s+no\s+longer|no\s+longer\s+able\s+to)\s+(?:walk|stand|ambulate)", r"no\s+longer\s+(?:walking|standing|ambulant|ambulating)",
        r"needs?\s+(?:two|2)\s+(?:people|carers|staff|nurses|to\s+transfer)",
        r"rhabdo(?:myolysis)?", r"tetraparesis", r"quadriparesis",
    ],
}

RED_FLAGS = {
    "dysphagia": [
        r"dysphagi[ac]", r"(?:swallowing|swallow)\s+(?:difficult(?:y|ies)|problems?|issues?|trouble)",
        r"(?:difficulty|trouble|problems?)\s+(?:with\s+)?swallowing", r"(?:can'?t|cannot|unable\s+to)\s+swallow",
        r"chok(?:es|ing)(?:\s+on\s+(?:food|liquids?|fluids?))?",
        # "she choked on water twice today", "choked on her tea": the past tense, with what was swallowed.
        r"choked\s+(?:\w+\s+)?on\s+(?:her\s+|his\s+|my\s+|their\s+|some\s+)?(?:food|water|drinks?|liquids?|fluids?|tea|"
        r"coffee|soup|bread|meat|tablets?|pills?|saliva|meals?|dinner|lunch|breakfast)", r"aspirat(?:ion|ing)", r"bulbar\s+(?:weakness|involvement|symptoms)",
        r"struggl\w*\s+(?:to|with)\s+(?:(?:his|her|their|my|the)\s+)?swallow\w*", r"(?:difficult(?:y|ies)?|hard|trouble)\s+(?:to|for|in|with)\s+swallow\w*",
        r"cough(?:s|ing)?\s+(?:on|with|w/|after|when|while)\s*(?:thin\s+|thick\s+)?(?:fluids|liquids|drinks|food|eating|drinking)",
        r"(?:food|tablets?|pills?|meds?|medication|capsules?)\s+(?:is\s+|are\s+)?(?:keeps?\s+|kept\s+)?"
        r"(?:getting\s+|gets?\s+|got\s+)?stuck",
        r"(?:food|bread|meat|tablets?|pills?)\s+sticks?\s+in\s+(?:his|her|their|my|the)\s+(?:throat|gullet|chest)",
        # "reports food sticking and coughing at meals", "food sticking in her throat".
        # Not "food sticking low behind the sternum": the gullet's, not the swallowing muscles'.
        r"(?:food|bread|meat|tablets?|pills?)\s+(?:is\s+|keeps\s+)?sticking\b(?!\s+(?:low\s+)?(?:behind|retrosternal|in\s+(?:the|her|his)\s+"
        r"(?:chest|oesophagus|esophagus)))",
        r"cough(?:s|ing)?\s+(?:at|during|with)\s+(?:meals?|mealtimes?|eating|dinner|lunch)",
        # "swallowing has got progressively worse", "swallow is increasingly impaired".
        # In ward and family words: "swallow is off too", "her swallow's gone", "swallow not great", "swallow poor".
        r"swallow(?:ing)?\s*(?::\s*|-\s+)?(?:is\s+|was\s+|['’]s\s+|has\s+(?:been\s+|got(?:ten)?\s+|become\s+|gone\s+)|"
        r"getting\s+|got\s+|became\s+|gone\s+)?"
        r"(?:\w+ly\s+|much\s+|a\s+lot\s+|a\s+bit\s+|quite\s+|really\s+|very\s+|also\s+)?"
        r"(?:difficult|hard|impaired|affected|unsafe|weak|worse|poor|off|bad|compromised|dodgy|iffy|rubbish|"
        r"not\s+(?:great|good|safe|right|brilliant|too\s+good)|deteriorat\w*|"
        r"(?:isn'?t|is\s+not|not)\s+what\s+it\s+(?:was|used\s+to\s+be))\b",
        r"swallow(?:ing)?\s*(?:['’]s\s+|has\s+)gone\b(?!\s+(?:well|fine|ok|okay|back))",
        r"penetration\s+(?:with|of|on)\s+(?:thin\s+|thick\s+)?(?:fluids|liquids)",
        r"(?:unsafe|impaired|poor|weak|bad|dodgy|compromised)\s+swallow(?:ing)?", r"(?:peg|ng|nj|rig)[-\s]?(?:fed|feeding|feeds)",
        # A swallow assessment's verdict: "SALT – unsafe for thin fluids", "on thickened fluids".
        r"unsafe\s+(?:for|with|on)\s+(?:thin\s+|normal\s+)?(?:fluids|liquids|diet|food|solids)", r"(?:on\s+)?thickened\s+fluids",
        r"choking\s+on\s+(?:solids|food|liquids|fluids)",
        # How families say it: "coughs whenever she drinks", "splutters on his tea", "goes down the wrong way".
        # Present forms only: "coughed on fluids early in the admission" is often past ("now a safe swallow").
        r"(?:coughs?|coughing|chokes?|choking|splutters?|spluttering|gags?|gagging)\s+(?:\w+\s+){0,3}?(?:when|whenever|while|after|on|with|during|if|"
        r"every\s+time|each\s+time|any\s+time)\s+"
        r"(?:\w+\s+){0,2}?(?:drink|eat|swallow|fluid|liquid|food|tea|coffee|water|meal|soup)\w*",
        r"(?:go(?:es)?|went|going)\s+down\s+the\s+wrong\s+way", r"nasal\s+regurgitation",
        # "now slow swallowing solids", "slower to swallow", "swallowing is slow".
        r"slow(?:er)?\s+(?:at\s+|to\s+)?swallow\w*(?=\s*(?:[.,;!?]|$|(?:her|his|my|their|the)?\s*(?:solids?|food|liquids?|"
        r"fluids?|drinks?|tablets?|pills?|meals?|too|now|these|lately|again)\b))",
        r"swallow(?:ing)?\s+(?:is\s+|has\s+(?:got|become)\s+)?(?:very\s+)?slow(?:er)?\b",
        r"(?:come|comes|came|coming)\s+(?:back\s+)?(?:out\s+)?(?:up\s+)?(?:through|out\s+of)\s+(?:his|her|their|my|the)\s+nose",
    ],
    "respiratory": [
        r"respiratory\s+(?:compromise|failure|weakness|insufficiency|involvement|muscle\s+weakness|distress)",
        r"resp\s+(?:compromise|failure|weakness)",
        r"(?:resp(?:iratory)?|breathing)\s+muscles?\s+(?:(?:are|is|were|was|getting|now)\s+)*(?:\w+\s+)?(?:involvement|involved|weakness|weak)",
        r"dyspn(?:o)?ea", r"short(?:ness)?\s+of\s+breath", r"\bsob\b", r"breathless(?:ness)?", r"(?-i:DOE)",
        # "gets out of breath just talking".
        r"(?:\b(?:she|he|i|they|pt|patient|mum|mom|dad)(?:'s|'m|\s+is|\s+am|\s+gets?|\s+got|\s+getting)|\band\s+gets?)\s+"
        r"(?:\w+\s+)?out\s+of\s+breath",
        r"(?:difficult(?:y|ies)?|trouble|problems?)\s+(?:(?:for|with|in)\s+)?breathing",
        # A relative on the phone: "his breathing is bad", "her breathing's got worse", "can't finish a sentence".
        # "Dad's breathing has got worse" (not "her husband's breathing is bad with his COPD").
        r"(?:his|her|their|my|(?:my|our)\s+\w+'s|(?:dad|mum|mom|papa|mama)'s|(?:the\s+)?(?:patient|pt)(?:'s)?)\s+breathing\s*(?:is|was|'s|has\s+(?:got|gotten|become))\s+(?:\w+\s+){0,2}?"
        r"(?:bad|poor|worse|terrible|awful|laboured|labored|struggling|shallow)\b",
        r"(?:can'?t|cannot|unable\s+to)\s+(?:finish|complete)\s+(?:a\s+|his\s+|her\s+|their\s+|my\s+)?sentences?",
        r"(?:can'?t|cannot|unable\s+to)\s+get\s+(?:a\s+)?(?:full|whole|complete)\s+sentences?\s+out",
        r"breathing\s+(?:difficult(?:y|ies)|problems?|trouble)",
        # How patients and families say it: "struggling to breathe lying flat", "it's his breathing muscles".
        r"(?:struggl\w*|difficult\w*|trouble|hard|can'?t|cannot|unable|fight\w*)\s+(?:to\s+|for\s+)?breath(?:e|ing)\b",
        r"orthopn(?:o)?e(?:a|ic)", r"breathless\w*\s+(?:when\s+|on\s+)?lying\s+(?:flat|down)",
        r"(?:it'?s|is|are|affect\w*|involv\w*|reached|gone\s+(?:in)?to|spread\s+to)\s+(?:his|her|their|the|my|your)\s+"
        r"(?:breathing|respiratory)\s+muscles?",
        r"(?:difficult(?:y|ies)?|trouble|problems?)\s+(?:for|with|in)\s+swallow\w*\s+and\s+(?:also\s+)?"
        r"(?:(?:for|with|in)\s+)?breathing",
        r"(?:low|reduced|falling|dropping|poor)\s+fvc", r"fvc\s+(?:is\s+|has\s+been\s+)?(?:falling|dropping|declining|low|reduced)",
        # "FVC 1.6 L this am (2.1 L on admission) - falling".
        r"fvc\b(?:[^.;\n]|\.\d){0,50}?[-–—,]\s*(?:falling|dropping|declining)\b",
        # "FVC 1.1L and falling", "FVC 2.0 L and dropping".
        r"fvc\s*(?:of\s+|is\s+|now\s+|=\s*|:\s*)?\d(?:\.\d+)?\s*l\b\s*(?:and|but|&)\s+(?:still\s+)?(?:falling|dropping|declining)\b",
        r"fvc\s+(?:of\s+)?(?:<|below|under|down\s+to|only|just|falling\s+to|dropped\s+to|fell\s+to|"
        r"(?:has\s+)?(?:fallen|dropped|declined)\s+to)\s*\d+\s*%?",
        r"fvc\s*(?:of\s+|is\s+|was\s+|now\s+|=\s*|:\s*)?[1-7]?\d(?:\.\d+)?\s*(?:percent|per\s+cent)",
        # A bare FVC in % predicted counts as respiratory involvement below 80% (the usual lower limit of
        # normal; an extraction convention, the five sources give no FVC figure). "FVC 95%" is not a flag.
        # "FVC 1.9 L = 62% pred", "FVC 1.6 L (55% predicted)".
        r"fvc\s*(?:of\s+|is\s+|was\s+|now\s+|=\s*|:\s*)?(?:\d(?:\.\d+)?\s*l\s*(?:\(|=|,)\s*)?[1-7]?\d(?:\.\d+)?\s*%",
        # 80% or more: a finding read as absent (imnm.language.extract.pipeline.FVC_NORMAL).
        r"fvc\s*(?:[a-z]+[\s:]+){0,2}?(?:of\s+|is\s+|was\s+|now\s+|=\s*|:\s*)?(?:\d(?:\.\d+)?\s*l\s*\(\s*)?(?:[89]\d|1[0-4]\d)(?:\.\d+)?\s*%",
        r"niv", r"bipap", r"ventilat(?:ed|or|ion)", r"intubated", r"diaphragm(?:atic)?\s+weakness",
        r"hypercapni[ac]", r"type\s+(?:2|ii)\s+respiratory\s+failure",
        # "retaining CO2", "CO2 retention".
        r"(?:retaining|retention\s+of)\s+co2", r"co2\s+(?:retention|retainer|retaining)",
        # "FVC dropped 2.1 -> 1.4 L over a week", "FVC fell from 2.4 to 1.8 L": a fall told by its two figures.
        r"fvc\s+(?:has\s+)?(?:dropped|fell|fallen|falling|declin\w*|down)\s+(?:from\s+)?\d(?:\.\d+)?\s*(?:l|%)?\s*"
        r"(?:->|→|–>|to|-)\s*\d(?:\.\d+)?",
    ],
    "cardiac": [
        r"cardiac\s+(?:involvement|disease|dysfunction)", r"heart\s+(?:involvement|failure|block)",
        r"cardiomyopathy", r"arrhythmias?", r"(?:reduced|low)\s+(?:lv)?ef", r"lv\s+dysfunction",
        r"(?:hs[-\s]?)?trop(?:onin)?(?:\s*[it])?\s*(?:is\s+|was\s+)?(?:up|raised|elevated|rising|high|positive|(?:of\s+|=\s*|:\s*)?\d+(?:\.\d+)?)",
        r"(?:raised|elevated|rising|high|positive)\s+trop(?:onin)?",
        r"trop(?:onin)?(?:\s*[it])?\s*(?:is\s+|was\s+|of\s+)?\d+(?:\.\d+)?\s*x\s*(?:uln|upper\s+limit|normal)",
        # New atrial fibrillation is a sign of cardiac involvement; long-standing AF is not.
        r"(?:new(?:[-\s]onset)?|paroxysmal|fast)\s+(?:af|afib|a[-\s]fib|atrial\s+fibrillation)",
        r"(?:af|atrial\s+fibrillation)\s+on\s+(?:the\s+)?(?:ecg|monitor|telemetry|holter)",
        r"ventricular\s+tachycardia", r"vt",
        r"(?:complete\s+|av\s+|atrioventricular\s+)heart\s+block", r"(?:av|atrioventricular)\s+block", r"chb",
        # A reduced ejection fraction (below 50%, the usual lower limit; an extraction convention, the
        # sources give no figure) counts as cardiac involvement. "EF 60%" is not a flag.
        r"(?:lv)?ef\s*(?:of\s+|=\s*|:\s*|is\s+|was\s+)?[1-4]\d\s*%",
    ],
    # "ICI myositis-myocarditis": the overlap named as one word.
    "myocarditis": [r"myocarditis", r"myocardial\s+inflammation", r"myositis\s?[-–/]\s?myocarditis"],
    "myasthenic": [r"myasthen(?:ia|ic)(?:\s+gravis)?", r"mg\s+overlap", r"ptosis", r"fatigable", r"diplopia",
                   # How patients and relatives say ptosis: "a droopy left eyelid", "her eyelids are drooping".
                   r"droop\w*\s+(?:(?:left|right|upper)\s+)?(?:eye)?lids?", r"(?:eye)?lids?\s+(?:is\s+|are\s+)?droop\w*",
                   r"double\s+vision", r"achr(?:\s+(?:ab|abs|antibod(?:y|ies)))?",
                   r"acetylcholine\s+receptor(?:\s+(?:ab|abs|antibod(?:y|ies)))?"],
    "ild": [r"interstitial\s+lung\s+disease", r"ild", r"(?:lung|pulmonary)\s+fibrosis", r"nsip",
            r"interstitial\s+pneumonia", r"lung\s+involvement",
            # How patients and families say it: "lung scarring", "scarring on her lungs", "scarred lungs".
            r"lung\s+scarring", r"scarring\s+(?:on|of|in)\s+(?:the|her|his|my|their|both)\s+lungs?", r"scarred\s+lungs?"],
    "malignancy": [
        r"cancer", r"malignan(?:cy|t)", r"tumou?rs?", r"carcinoma", r"adenocarcinoma", r"melanoma",
        r"lymphoma", r"leuka?emia", r"myeloma", r"sarcoma", r"metasta\w+", r"neoplas(?:m|ia)",
        r"paraneoplastic", r"nsclc", r"sclc", r"rcc", r"c?scc", r"hcc", r"cll", r"aml", r"cml",
        # "breast ca", "lung ca": "ca" means cancer only after an organ (alone it may be calcium).
        r"(?:breast|lung|prostate|colon|colorectal|bowel|rectal|bladder|urothelial|renal(?:\s+cell)?|kidney|ovarian|"
        r"cervical|endometrial|uterine|gastric|stomach|pancreatic|pancreas|o?esophageal|thyroid|skin|liver|"
        r"head\s+and\s+neck|h\s?&\s?n|tongue|oral|laryngeal|testicular|brain)\s+ca",
    ],
}

REFRACTORY = [
    r"refractory", r"[a-z0-9]+-refractory", r"treatment[-\s]resistant", r"resistant\s+(?:disease|to\s+\w+)",
    r"inadequate(?:ly)?\s+respon\w*", r"poor(?:ly)?\s+respon\w*",
    # "progressive weakness despite this", "ongoing weakness despite it".
    r"(?:progressive|worsening|ongoing|persistent|increasing|further)\s+(?:\w+\s+){0,2}?despite\s+(?:this|that|these|it|them)\b",
    r"(?:partial(?:ly)?|incomplete(?:ly)?|sub[-\s]?optimal(?:ly)?|limited|minimal|little)\s+respon\w*", r"not\s+respond\w*", r"non[-\s]?respon\w*",
    r"fail(?:ed|ing|ure\s+of|ure\s+on)\s+\w+", r"no\s+(?:improvement|response|better)\s+(?:despite|on|after|with|to)",
    r"(?:worse|worsening|progress\w*)\s+despite", r"steroid[-\s]dependent", r"unable\s+to\s+taper",
    r"(?:still|remains?)\s+weak\s+(?:despite|on|after)",
    # "strength no better", "CK still 9000" after months on treatment.
    r"(?:strength|power|weakness|function|ck|it)\s+(?:is\s+|has\s+been\s+|was\s+)?(?:no|not)\s+(?:any\s+)?"
    r"(?:better|improved|improving)(?!\s+yet)",
    r"(?:on|after)\s+[^.;?!]{0,60}?\b(?:but|yet|and)\s+(?:the\s+)?(?:ck|strength|weakness|power)\s+"
    r"(?:is\s+|remains?\s+)?still",
    r"(?:still|persist\w*|remains?|ongoing)\b[^.;]{0,30}?\bdespite",
    rf"despite\s+(?:[\w+/-]+\s+){{0,4}}?(?:tx|treatment|therapy|lines?|{PRED}|steroids?|ivig|mtx|methotrexate|ritux\w*|"
    r"mmf|mycophenolate|aza\w*|tacro\w*|cyclophosphamide)",
    # Not the risk of one: "the high relapse rate on withdrawal", "risk of relapse", "to prevent relapse".
    r"(?<!risk\sof\s)(?<!rate\sof\s)(?<!prevent\s)(?<!avoid\s)(?<!chance\sof\s)relaps\w*(?!\s+(?:rates?|risks?)\b)",
    # A flare of another disease ("acute gout flare") is not this patient's myositis relapsing.
    r"(?<!gout\s)(?<!asthma\s)(?<!copd\s)(?<!eczema\s)(?<!psoriasis\s)(?<!psoriatic\s)(?<!lupus\s)(?<!sle\s)(?<!crohns\s)(?<!crohn's\s)(?<!colitis\s)(?<!ibd\s)(?<!arthritis\s)(?<!ra\s)(?<!skin\s)(?<!rash\s)(?<!sinus\s)(?<!migraine\s)(?<!acne\s)(?<!ms\s)(?:flare[sd]?(?:\s+up)?|flaring)",
    r"worse\w*\s+(?:on|during|with)\s+(?:the\s+)?taper\w*",
    r"(?:ck|weakness|strength|power|it)\s+(?:went|came|has\s+gone|crept|is\s+creeping|creeping|shot)\s+(?:back\s+)?up\s+"
    r"(?:to\s+[\d,.]+\s*(?:u/l|iu/l|iu)?\s+)?(?:again\s+)?(?:when|as|on|during|after|once)",
    r"(?:ck|weakness)\s+(?:(?:has|had)\s+)?(?:rose|rising|risen|climbed|climbing|gone\s+up|increased)\s+again",
    r"no\s+(?:good|adequate|real|meaningful|significant|clear)\s+(?:response|improvement)",
    r"still\s+(?:not\s+improving|getting\s+worse|worsening|deteriorating)",
    # "MMT8 no better", "strength not any better after 3 months", "power unchanged on treatment".
    r"(?:mmt-?8|mmt|strength|power|weakness|function|muscle\s+score)\s+(?:is\s+|was\s+|has\s+been\s+|remains\s+)?"
    r"(?:still\s+)?(?:no\s+better|not\s+(?:any\s+)?better)\b(?!\s+(?:yet|so\s+far))",
    r"(?:ck|weakness|it)\s+(?:has\s+)?rebound\w*", r"rebound\w*\s+(?:on|during|with|after)\s+(?:the\s+)?taper\w*",
    r"(?:weakness|symptoms)\s+(?:is|are|has|have)\s+(?:come\s+)?back",
    r"(?:came|comes|come)\s+back\s+(?:on|during|when)",
    # A taper told as failing: "each attempt to bring prednisolone below 10 mg has led to a rise in CK".
    r"(?:attempts?|tries|tried|trying)\s+to\s+(?:bring|taper|reduce|wean|get|lower)\b[^.;]{0,60}?\b(?:led|leads|leading|"
    r"resulted|results)\s+(?:to|in)\s+(?:a\s+)?(?:rise|relapse|flare|loss|worsening|deterioration|increase)",
    # Weaker once the steroid came down: "since pred was dropped from 15 to 10 mg last month she feels weaker".
    rf"\b(?:since|after|when|once|as)\s+(?:the\s+|her\s+|his\s+|my\s+)?(?:{PRED}|steroids?|dose)\s+(?:was\s+|were\s+|"
    r"got\s+|has\s+been\s+|have\s+been\s+)?(?:dropped|reduced|lowered|tapered|weaned|cut|brought\s+down|came\s+down)\b"
    r"[^.;?]{0,60}?\b(?:weaker|worse|weakness\s+(?:is\s+)?(?:back|return\w*)|ck\s+(?:is\s+|has\s+)?(?:up|rising|"
    r"climb\w*|gone\s+up|back\s+up))\b",
    # The disease back once treatment was stopped: "3 months off steroids: CK 7k", "since stopping the MTX her CK is
    # 4500" (a raised CK in thousands, or weakness told as back).
    rf"\b(?:off|after\s+stopping|since\s+stopping|since\s+coming\s+off|after\s+coming\s+off)\s+(?:the\s+|all\s+|her\s+|"
    rf"his\s+)?(?:steroids?|{PRED}|treatment|immunosuppression|everything|mtx|methotrexate|ivig|aza\w*|mmf|"
    r"mycophenolate)\b[^.;?]{0,40}?\b(?:ck\s+(?:is\s+|of\s+|now\s+|up\s+(?:to\s+)?|back\s+(?:up\s+)?(?:to\s+)?|"
    r"(?:rose|rising|risen)\s+to\s+)?(?:\d{4,}|\d{1,2}(?:\.\d)?\s*k\b|\d{1,2},\d{3})|weak(?:er|ness)?\s+(?:again|back)|"
    r"relaps\w*)",
    # Disease that goes on under treatment: "on prednisolone and azathioprine since diagnosis, with persistent CK
    # elevation and ongoing weakness".
    rf"\b(?:on|after|despite)\s+(?:{PRED}|steroids?|mtx|methotrexate|ivig|ritux\w*|rtx|aza\w*|mmf|mycophenolate|tacro\w*)"
    r"[^.;]{0,80}?\bwith\s+(?:persistent|persisting|ongoing|continued|continuing)\s+(?:ck\s+(?:elevation|rise)|"
    r"elevation\s+of\s+(?:the\s+)?ck|(?:disease\s+)?activity|weakness)\b",
]
NOT_REFRACTORY = [
    r"treatment[-\s]na[iï]ve", r"first\s+presentation",
    # Not "a newly diagnosed pancreatic adenocarcinoma": the cancer is new, not the myositis.
    r"newly\s+diagnosed(?!\s+(?:[\w-]+\s+){0,2}(?:cancer|carcinoma|adenocarcinoma|malignan\w*|tumou?r|lymphoma|melanoma|"
    r"leuka?emia|myeloma|sarcoma|diabetes|af|hypertension))", r"new\s+diagnosis",
    r"new(?:ly)?\s+dx(?:'?d)?", r"recent(?:ly)?\s+diagnos\w*",
    r"not\s+(?:yet\s+)?treated", r"untreated", r"no\s+(?:prior\s+|previous\s+)?treatment",
    r"not\s+refractory", r"responding\s+well",
    # "responding nicely", "responds really well", "a good response", "excellent responder".
    r"respond(?:ing|s|ed)\s+(?:really\s+|very\s+|so\s+)?(?:well|nicely|beautifully|brilliantly|great|excellently)",
    r"(?:good|great|excellent|brilliant|dramatic|complete)\s+respon(?:se|der)",
    # "he's actually done really well", "has done very well on pred and MTX".
    r"(?:has|have|he'?s|she'?s|they'?ve|i'?ve)\s+(?:actually\s+|since\s+|really\s+)?done\s+(?:really\s+|very\s+|extremely\s+|remarkably\s+)?well",
    # "3 months on: swallow back to normal": what the disease took away, recovered on treatment.
    r"(?:swallow(?:ing)?|strength|power|walking)\s+(?:is\s+|now\s+|has\s+come\s+|came\s+)?back\s+to\s+normal",
]

AGE_BANDS = {
    "juvenile": [r"juvenile", r"adolescents?", r"teen(?:ager)?s?", r"teenage", r"child(?:ren)?", r"kids?",
                 r"in\s+(?:his|her|their|my)\s+(?:(?:early|mid|late)[-\s]?)?teens",
                 r"paediatric", r"pediatric", r"peds", r"paeds", r"boy", r"girl", r"toddler", r"infant",
                 # School years: "in year 10", "year 8 girl", "6th grader", "grade 7".
                 r"(?:in\s+|school\s+)year\s+(?:[1-9]|1[0-3])", r"year\s+(?:[1-9]|1[0-3])\s+(?:girl|boy|pupil|student)",
                 r"(?:[1-9]|1[0-2])(?:st|nd|rd|th)\s+grade(?:r)?", r"grade\s+(?:[1-9]|1[0-2])\s+(?:girl|boy|student)"],
    "adult": [r"adult", r"elderly",
              r"in\s+(?:his|her|their|my)\s+(?:(?:early|mid|late)[-\s]?)?(?:[2-9]0'?s|twenties|thirties|forties|fifties|sixties|"
              r"seventies|eighties|nineties)",
              # "(F, 50s)", "60s M", "woman in 40s": a decade beside the sex.
              r"(?:[mf]|male|female|man|woman|lady|gent)\s*[,/]?\s*(?:(?:early|mid|late)[-\s]?)?[2-9]0'?s",
              r"(?:(?:early|mid|late)[-\s]?)?[2-9]0'?s\s*[,/]?\s*(?:[mf]|male|female|man|woman|lady|gent)",
              r"older\s+(?:man|woman|adult|patient|gentleman|lady)", r"[2-9]0[-\s]?ish",
              r"(?:forty|fifty|sixty|seventy|eighty)[-\s]?ish",
              r"middle[-\s]aged", r"gentleman", r"lady"],
}

AUDIENCE = {
    "patient": [
        r"i'?\s?a?m\s+(?:a\s+|the\s+)?patient", r"i\s+have\s+(?:imnm|necroti[sz]ing|this)",
        r"(?:for|to)\s+(?:a|the|my)\s+patients?\s+(?:to\s+read|handout|leaflet)",
        r"plain\s+(?:language|english|words)", r"patient[-\s](?:friendly|version|education|leaflet|handout)",
        # "in simple words please, the doctor went too fast", "in layman's terms".
        r"in\s+(?:simple|simpler|everyday|layman'?s?|lay)\s+(?:words|terms|english|language)",
        r"(?:the|my|our)\s+(?:doctor|consultant|neurologist|rheumatologist)\s+(?:went|talked|spoke|explained\s+it)\s+"
        r"(?:too\s+)?(?:fast|quick(?:ly)?)",
        # A carer writing for the one who is ill: "I'm the support worker for Tom", "I am his key worker",
        # "writing on behalf of Daniel who I support", "my GP said it today".
        r"i'?\s?a?m\s+(?:the|his|her|their|a)\s+(?:support\s+worker|(?:paid\s+|main\s+)?carer|care\s*giver|key\s+worker|"
        r"care\s+worker|personal\s+assistant|support\s+staff)",
        r"(?:writing\s+(?:this\s+)?(?:for|on\s+behalf\s+of)|(?:asking|messaging)\s+on\s+behalf\s+of)\s+"
        r"(?:him|her|them|my\b|[a-z]+\s+who\s+i\s+(?:support|care\s+for|look\s+after))",
        r"my\s+gp\s+(?:said|says|told|thinks|mentioned|wants)",
        # "whats IVIG? they said I'm getting it next week": a treatment told to the writer as theirs.
        r"(?:they|the\s+(?:doctors?|team|hospital|nurses?))\s+(?:said|say|told\s+me|have\s+told\s+me)\s+(?:that\s+)?"
        r"i'?\s?(?:a?m|will\s+be|'ll\s+be|ll\s+be)\s+(?:getting|having|starting|being\s+given|going\s+on)",
        r"explain\s+(?:it\s+)?(?:to|for)\s+(?:a\s+|the\s+|my\s+)?(?:patient|family|parents?|mum|mom|dad)",
        r"(?:my|our)\s+(?:doctor|neurologist|rheumatologist)\s+(?:said|says|told|put\s+me|gave\s+me|wants\s+me)",
        # "the doctor wants me to have a scan", "the consultant told me", "the doctors are sending me for".
        # Not "the consultant wants me to start IVIG" (a junior doctor's task).
        r"the\s+(?:doctors?|consultants?|neurologists?|rheumatologists?|specialists?|hospital)\s+(?:wants?\s+me\s+to\s+"
        r"(?:have|go|get|take|be)|told\s+me\s+(?:that\s+)?(?:i|my)|(?:said|says)\s+(?:that\s+)?(?:i|my)|"
        r"(?:is|are)\s+sending\s+me|sent\s+me|keeps?\s+asking\s+me)\b",
        r"(?:put|started)\s+me\s+on",
        # "why do they want to scan me for cancer": tests done to the writer.
        r"\b(?:scan|test|check|screen|x-?ray)(?:ning|ing|ed)?\s+me\s+for\b",
        # A patient or a relative asking: "my husband needs IVIG", "I'm on prednisone", "my legs".
        r"(?:my|our)\s+(?:husband|wife|partner|dad|mum|mom|mother|father|son|daughter|brother|sister|grandmother|"
        r"grandfather|gran|grandma|grandpa|nan)\s+(?:has|had|was|is|needs?|got|takes?|'s|keeps)",
        # "dad of a 12 year old girl with SRP myositis here", "mum of a teenager with IMNM".
        r"\b(?:dad|mum|mom|mother|father|parent|grandmother|grandfather|gran|grandma|grandpa|carer)\s+of\s+an?\s+"
        r"(?:\d{1,2}[-\s]?(?:yo|y/o|years?[-\s]old|year[-\s]old|yr[-\s]old)\s+)?(?:boy|girl|son|daughter|child|kid|"
        r"teen\w*|toddler|baby|young\s+(?:man|woman|lady))",
        r"i'?\s?a?m\s+(?:on|taking)\s+(?:(?:\w+)\s+){0,2}?(?:prednisone|prednisolone|pred|steroids?|methotrexate|mtx|"
        r"azathioprine|mycophenolate|ivig|rituximab|tacrolimus|these|this|the\s+(?:tablets|meds|medication|drugs))",
        # "I'm a 45 year old woman with SRP antibody myositis": the writer describing themself.
        r"(?:i'?\s?a?m|im|i\s+am)\s+an?\s+\d{1,3}[-\s]?(?:yo|y/o|years?[-\s]old|year[-\s]old|yr[-\s]old)\b"
        r"(?!\s+(?:registrar|resident|doctor|consultant|trainee|fellow|student|nurse|gp|physician|neurologist|"
        r"rheumatologist|clinician|medic))(?=[^.?!]{0,40}\b(?:with|diagnosed|who\s+has|and\s+(?:have|was))\b)",
        r"my\s+(?:legs|arms|muscles?|bones|face|neck|shoulders|hips|thighs|hands|body|lungs|heart|chest|breathing|"
        r"ck|blood|meds|medications?|medicines?|tablets|pills|symptoms|illness|"
        r"condition|disease|diagnosis|myositis|myopathy|imnm)"
        # "in my myositis pts", "my IMNM clinic": a clinician's patients, not the writer's own illness.
        r"(?!\s+(?:patients?|pts?|cases?|clinic|cohort|list|service|caseload)\b)",
        r"my\s+(?:hmgcr|srp|anti-?hmgcr|anti-?srp|statin|necroti[sz]ing|muscle)\s+(?:myopathy|myositis|disease|condition)",
        # "if I have a muscle disease", "I've got this myositis": the writer's own illness.
        r"(?:\bif\s+)?\bi(?:\s+(?:only|just|really|actually))?(?:\s+have|'ve\s+got|\s+have\s+got|\s+was\s+diagnosed\s+with)\s+(?:a|an|this|the)?\s*(?:rare\s+|muscle\s+|autoimmune\s+)*"
        r"(?:muscle\s+(?:disease|condition|problem|illness)|myositis|myopathy|imnm|nam)\b",
        # Not "can I go ahead with rituximab?" (a clinician): only what a patient asks about their own life.
        r"(?:can|should|could|may)\s+i\s+(?:still\s+)?(?:drink|exercise|drive|fly|breastfeed|eat|"
        r"have\s+(?:a\s+|the\s+odd\s+|some\s+|another\s+)?(?:drink|glass|wine|beer|alcohol|baby|children|kids|vaccine|jab|"
        r"flu))\b",
        r"i\s+(?:just\s+)?had\s+a\s+baby", r"(?:will|shall)\s+i\s+(?:have\s+to|need\s+to|ever|always|be\s+able|get\s+better|recover)",
        r"am\s+i\s+(?:going\s+to|still\s+allowed|allowed)",
        r"i\s+(?:was|'ve\s+been|have\s+been|got)\s+(?:just\s+|recently\s+)?diagnosed", r"do\s+i\s+have\s+to\s+(?:be|stay|keep)", r"i'?\s?a?m\s+(?:finding|feeling|worried|scared|struggling|frightened)",
        # The writer as the one who is ill: "I was told I have", "I have HMGCR myopathy", "I'm 54", "I weigh",
        # "taking blood from me", "put me on". A clinician's "I have a 45F with ..." or "I have seen" is not.
        r"i\s+(?:was|have\s+been|got|'ve\s+been)\s+told\s+(?:that\s+)?i\b", r"i\s+weigh",
        r"i(?:\s+have|\s+had|['’]ve\s+got|['’]ve\s+had|\s+got)\s+(?!(?:a|an|the|this|that|another|one|two|three|four|five|six|several|"
        r"some|many|\d+|just|also|her|his|their|its|seen|treated|looked|managed|read|had\s+a)\b)(?:[\w-]+\s+){0,3}?"
        r"(?:myopath\w*|myositis|imnm|nam|antibod\w*|hmgcr|srp|necroti[sz]\w*)(?!\s+(?:patients?|pts?|cases?)\b)",
        # "I'm 54": the words before the age only (the age's own span is the number).
        r"(?:i'?\s?a?m|im|i\s+am)(?=\s+(?:only\s+|just\s+)?\d{1,3}(?:\s*(?:yo|y/o|years?(?:\s+old)?|m|f|male|female))?"
        r"(?!\s*(?:kg|kgs|kilos?|lbs?|pounds?|st\b|stone|mg|%|weeks?|days?|months?|\d)))",
        r"(?:tak\w*|took|draw\w*|drew)\s+(?:\w+\s+){0,2}from\s+me\b", r"(?:put|started|gave|prescribed|switched)\s+me\b",
        # "they want to give me IVIG", "they've booked me a CT", "the team are sending me for": care done to the writer
        # by others (not "give me the dose", asked of the bot).
        r"\b(?:they|they['’](?:ve|re|ll)|the\s+(?:team|doctors?|hospital|nurses?|consultant|neurologist|rheumatologist))\s+"
        r"(?:[\w']+\s+){0,3}?(?:give|giving|book|booked|booking|send|sending|refer|referring|referred|start|starting|"
        r"started|put|putting|keep|keeping|taking)\s+me\b",
        # "They've sent me for a CT scan", "they sent me to have bloods" (not "they sent me the letter").
        r"\b(?:they|they['’](?:ve|d)|the\s+(?:team|doctors?|hospital|gp|consultant))\s+(?:[\w']+\s+){0,2}?sent\s+me\s+"
        r"(?:for|to\s+(?:have|get|see))\b",
        r"i\s+(?:was|am|'m|have\s+been|'ve\s+been)\s+(?:on|taking)\s+(?:a\s+|an\s+)?(?:\w+\s+){0,2}?"
        rf"(?:statin|\w+vastatin|cholesterol|steroids?|{PRED}|methotrexate|ivig|tablets?|pills?)",
        r"i\s+(?:can'?t|cannot|can\s+not|can|could|struggle\s+to)\s+(?:still\s+)?(?:walk|climb|stand|get\s+up|swallow|lift|"
        r"breathe)",
        r"(?:my|our)\s+(?:\d{1,2}[-\s](?:year|yr)[-\s]old\s+|little\s+|teenage\s+|elderly\s+|late\s+)?(?:son|daughter|"
        r"child|boy|girl|kid|baby|husband|wife|partner|dad|mum|mom|mother|father|brother|sister)\b",
    ],
    "trainee": [
        r"i'?\s?a?m\s+(?:a\s+|an\s+)?(?:resident|trainee|registrar|fellow|student|intern|house\s+officer|junior)",
        r"(?:for|to)\s+(?:a\s+|the\s+|my\s+)?(?:residents?|trainees?|registrars?|fellows?|students?|juniors?)",
        r"teaching\s+(?:mode|version)", r"with\s+(?:the\s+)?(?:rationale|reasoning)", r"trainee\s+(?:mode|view)",
    ],
    "clinician": [
        r"i'?\s?a?m\s+(?:a\s+|an\s+|the\s+)?(?:consultant|attending|neurologist|rheumatologist|clinician|physician|doctor)",
        r"clinician\s+(?:mode|view|version)", r"back\s+to\s+(?:the\s+)?clinician",
    ],
}

#: A fact the writer takes back, whichever it is: "scrap the statin", "disregard that 90 kg", "forget about the ILD"
#: (not "don't forget the 85 kg when you work out the IVIG").
TAKE_BACK_VERB = (r"(?:scratch|scrap|disregard|strike\s+out|cross\s+out|delete|erase|"
                  r"(?<!n't\s)(?<!not\s)(?:ignore|forget(?:\s+about)?))")
#: Whose a fact is when it is someone else's: "the other patient", "my previous one", "the lady in bed 3".
ANOTHER_PATIENT = (r"(?:the\s+|my\s+|a\s+|an\s+|our\s+)?(?:(?:other|previous|different|wrong|another|next|last|prior|"
                   r"earlier)\s+(?:patient|pt|person|lady|man|woman|chap|gent|case|chart)|"
                   r"(?:previous|last|prior|earlier)\s+one|"
                   r"(?:lady|man|woman|patient|pt|gent|chap)\s+in\s+(?:(?:bed|bay|room|cubicle)\s+\d+|(?:the\s+)?(?:next|other|"
                   r"opposite|same)\s+(?:bed|bay|room|cubicle)))")
#: A fact said to be another patient's: "was the previous patient", "belongs to the lady in bed 3", "was from the other
#: pt's notes", "is for my last one".
ANOTHER_PATIENTS = (r"(?:(?:was|is|were|are)(?:\s+(?:actually|really))?(?:\s+(?:from|for))?|belong(?:s|ed)?\s+to|"
                    r"came\s+from)\s+" + ANOTHER_PATIENT)

#: Words that negate a following finding within a clause (NegEx-style pre-negation).
PRE_NEGATION = (
    # "no better", "no improvement in her swallowing": a course without change, which takes nothing back.
    r"(?:no(?!\s+(?:better|worse|stronger|weaker|different|easier|change|improvement|progress|real\s+(?:change|"
    r"improvement))\b)|not|never|denies|denied|deny|without|w/o|negative\s+for|neg\s+for|free\s+of|ruled\s+out|"
    # "she didn't take statins", "isn't on a statin" ("can't swallow" is a finding, not a negation).
    r"didn'?t|doesn'?t|don'?t|hasn'?t|hadn'?t|haven'?t|isn'?t|wasn'?t|aren'?t|weren'?t|"
    r"nil|absence\s+of|no\s+evidence\s+of|no\s+sign\s+of|no\s+signs\s+of|none|neither|nor|excluded|"

    # A finding taken back: "scratch the dysphagia", "disregard the ILD", "ignore the swallowing bit" (not "don't
    # forget the dysphagia").
    + TAKE_BACK_VERB + ")"
)
#: Words after a finding that negate it ("ILD screen negative").
POST_NEGATION = (r"(?:negative|neg|-ve|\(\s*[-–−]\s*\)|ruled\s+out|excluded|absent|"
                 r"not\s+(?:yet\s+)?(?:present|seen|detected|confirmed)|"
                 # "her swallowing had returned to normal", "swallowing has now normalised".
                 r"(?:has|had|have)\s+(?:now\s+|since\s+)?(?:returned|gone)\s+back\s+to\s+normal|"
                 r"(?:has|had|have)\s+(?:now\s+|since\s+)?(?:returned\s+to\s+normal|normali[sz]ed)|"
                 r"unconfirmed|unremarkable|normal|"
                 # "Dysphagia is negated" (German "verneint": denied).
                 r"(?<=\s)(?:is|was|were|are)\s+negated|"
                 # A template's answer after the finding's label: "Dysphagia: denied.  Dyspnoea: nil."
                 # "Dysphagia – denies", "Statin: N/A – never", "Checkpoint inhibitors): never".
                 r"(?<=[:–—-]\s)(?:denied|denies|nil|none|never|negated)\b|(?<=:\s\s)denied|"
                 r"clear|na[iï]ve|nl|wnl|within\s+normal\s+limits|"
                 # A trial's exclusion criterion: "Prior immune checkpoint inhibitor - NOT MET (none)".
                 r"[–—-]\s*not\s+met|"
                 # A finding taken back: "the 'dysphagia' was a documentation error".
                 r"(?:was|is)\s+(?:a|an)\s+(?:documentation\s+|recording\s+|typing\s+)?(?:error|mistake|typo)|"
                 # Another patient's finding: "the ILD belongs to the lady in bed 3", "was the previous patient",
                 # "was from the other pt's notes".
                 + ANOTHER_PATIENTS + ")")
#: Words that end a negation's reach inside a sentence.
SCOPE_BREAK = r"(?:\bbut\b|\bhowever\b|\balthough\b|\bthough\b|(?<!not\s)(?<!n't\s)\byet\b|(?<!treated\s)(?<!never\s)\bwith\b|\bwhich\b|[.;:!?\n|]|\s[/–—-]\s|,(?!\s*(?:or|nor)\b))"
#: "and has ..." starts a new finding: "can't walk without support and has dysphagia" (negation only).
#: "...without us lifting her and she coughs whenever she drinks": a new subject starts a new finding too.
# "could no longer walk and required a wheelchair": a second verb starts a statement the negation does not reach.
NEGATION_BREAK = (# "didn't settle after stopping atorvastatin": what follows a time told by an action is not denied.
                  r"\b(?:after|since|despite|following)\s+(?=\w+ing\b)|"
                  # "can't stand without 2 staff + coughing on thin fluids": "+" joins a new finding in shorthand.
                  r"\s\+\s*(?=(?:\w+ing|now|new|also|has|had)\b)|"
                  r"\band\s+(?=(?:has|have|had|is|was|now|also|then|developed|new|reports?|complains?|required|requires|"
                  r"needed|needs|uses|used)\b|"
                  r"(?:she|he|they|i)\s(?!\s*(?:doesn'?t|does\s+not|don'?t|do\s+not|didn'?t|never|can'?t|cannot|"
                  r"isn'?t|is\s+not|wasn'?t|has\s+not|hasn'?t|have\s+not|haven'?t)\b)|"
                  # "... without two of us and she's coughing on thin fluids": a contracted new subject.
                  r"(?:she|he|they)['’](?:s|re)\s+(?!not\b|never\b|no\s+longer\b))")

#: Facts in these clauses are not the patient's present facts: hypotheticals ("if she were on a
#: statin") and other people ("her husband is on atorvastatin").
NOT_THE_PATIENT = (
    r"(?:hypothetical(?:ly)?|suppos(?:e|ing)|imagine|in\s+case|what\s+if|"
    # A finding right after "if" is a condition ("If inadequate response at 3 mo, add IVIG", "if any dysphagia").
    r"\b(?:if|unless|should\s+there\s+be|in\s+the\s+event\s+of)\s+(?:there\s+(?:is|are)\s+)?(?:any\s+|an?\s+|further\s+|"
    r"new\s+|signs?\s+of\s+)?$|"
    r"if\s+(?:an?|the|my|our)\s+(?:\w+\s+)?(?:kid|child|patient|pt|person|man|woman|teen\w*|adult|boy|girl)\b|"
    r"if\s+(?:she|he|they|the\s+patient|the\s+pt|pt|patient|the\s+child|a\s+patient|someone)\s+"
    r"(?:were|was|had|has|is\s+ever|ever|developed|develops|gets|got|became|becomes|started|starts|needed|needs|"
    r"did|does|do|should|would|will|may|might|could|turns?\s+out)|"
    # A result still awaited, as a condition: "and if it does come back HMGCR positive", "if the panel shows SRP".
    r"if\s+(?:it|this|that|they|the\s+(?:\w+\s+)?(?:results?|tests?|antibod\w+|panel|abs?|serology|screen))\s+"
    r"(?:does\s+|do\s+|ever\s+|then\s+)?(?:comes?|came|is|are|turns?\s+out|shows?|returns?)\b|"
    # A relative as the subject ("her husband is on atorvastatin"), not as the reporter ("her son says").
    r"(?:husband|wife|partner|spouse|mother|mum|mom|father|dad|brother|sister|sibling|son|daughter|aunt|uncle|"
    r"grand(?:mother|father|ma|pa|parent)|cousin|relative)(?:'s)?\s*(?:\(\s*\d+\s*\)\s*)?(?:also\s+|too\s+)?"
    r"(?:is|was|were|has|had|takes|took|uses|used|on|got|developed|died|reacted|"
    # "his brother couldn't tolerate MTX": the relative's drug.
    r"could(?:n'?t|\s+not)|can(?:'?t|not)|did(?:n'?t|\s+not)|"
    # "my sister's came back HMGCR positive": the relative's result.
    r"(?<='s\s)(?:came|come)\s+back|(?<=s'\s)(?:came|come)\s+back)|"
    r"family\s+(?:history|member)|fhx|fh\s+of|"
    # "stop her own statin": someone other than the patient; "has anyone seen/used ...": others' cases.
    # A question being reported ("mum asks whether statins are relevant") states no fact.
    r"asks?\s+(?:whether|if|about)|asking\s+(?:whether|if|about)|wonders?\s+(?:whether|if)|"
    # ("her own weight is now 63 kg" is the patient's, set against a relative's just named.)
    r"(?:her|his|their)\s+own(?!\s+(?:weight|age|body\s*weight))|any\s?one\s+(?:(?:else\s+)?(?:ever\s+)?(?:seen|had|used|tried|treated|given|come\s+across|encountered))|"
    r"anybody\s+(?:seen|had|used|tried|treated))"
)
#: Someone else as the subject, read to the end of the sentence (not only the clause): "his brother
#: is also under our care with anti-SRP myopathy and ILD", "Mother: had SRP myositis with dysphagia",
#: "my previous patient ... died of aspiration", "(the other is a 70-year-old with dysphagia)".
OTHER_PERSON = (
    r"(?:(?:husband|wife|partner|spouse|mother|mum|mom|father|dad|brother|sister|sibling|son|daughter|aunt|uncle|"
    r"grand(?:mother|father|ma|pa|parent|son|daughter|child)|cousin|relative|niece|nephew|friend|neighbou?r|"
    # A bracket right after the person: an age ("Wife (51)") or an aside ("her sister (lives in Leeds) has ...").
    r"flatmate|colleague)(?:'s)?(?:\s+of\s+(?:him|her))?\s*(?:\((?:\s*\d+\s*|[^()\n]{1,40})\)\s*)?"
    # An aside between the person and what they have: "his brother, also under my care, has anti-SRP myopathy".
    # "My aunt, her sister, had breast cancer": who the person is, in apposition.
    r"(?:,\s*(?:also|who\s+is|now|aged?|a|an|her|his|my|their|\d)[^,.;()\n]{0,35},\s*"
    r"(?=(?:has|had|is|was|takes?|took|developed|died)\b))?"
    # Where the person is from, then who they are: "my friend from the group who has SRP".
    r"(?:(?:from|in|at)\s+(?:the\s+|my\s+|our\s+|her\s+|his\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?=(?:who|that|is|was|has|had)\b))?"
    r"(?:,?\s*(?:who|that)\s+|:\s*)?(?:also\s+|too\s+|recently\s+|previously\s+)?"
    # Clinical shorthand for a relative's history: "Father d. colon cancer at 68", "wife dx breast ca 2022".
    r"(?:is|was|has|had|takes?|took|uses?|used|on|got|developed|died|have|d\.|dx(?:'?d)?|diagnosed|passed\s+away)|"
    # A family-history heading: what follows in its sentence is the family's ("FHx: grandfather d. lung cancer").
    r"(?:fhx?|family\s+(?:history|hx))\s*[:\-]|"
    # "my other SRP pt on IVIG is 80 kg": a subtype or ward word may stand before the noun.
    r"(?:my|our|a|the|another|his|her)\s+(?:last|previous|prior|other|first|different)\s+(?:[\w+-]+\s+)?(?:patient|pt|case)|"
    r"another\s+of\s+(?:his|her|my|our|their|the)\s+(?:patients|pts|cases)|"
    # "a patient of his" is a colleague's; "patient of mine" is the writer's own, this patient.
    r"(?:patient|pt|case)\s+of\s+(?:hers|his|theirs)\b|"
    r"colleague'?s\s+(?:patient|pt|case)|the\s+other\s+(?:one\s+|patient\s+)?(?:is|has|was|had)|"
    r"unlike\s+(?:my|our|her|his|their|the)\b|"
    # "Unlike Mr Ellis (the SRP man with the pacemaker)", "your brother's diagnosis of lung cancer".
    r"unlike\s+(?-i:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][\w'-]+)|"
    r"(?:brother|sister|mother|father|mum|mom|dad|husband|wife|son|daughter|partner)'s\s+(?:diagnosis|cancer|history|"
    r"illness|condition|disease|tumou?r|treatment))"
)
#: What ends that reading: a new sentence or bracket, a contrast, or the patient named again.
OTHER_PERSON_SCOPE_BREAK = (
    # Not the full stop of "d." (died) nor an age in brackets after a relative ("Wife (51) recently dx ...").
    r"(?:(?<!\bd)\.|[;!?\n]|\((?!\s*\d{1,3}\s*\))|(?<!\(\d\d)(?<!\(\d)\)|\s[–—-]\s|\bbut\b|\bhowever\b|\bwhereas\b|\bwhile\b|\bthe\s+patient\b|\bpt\b|"
    r"\b(?:my|this|our)\s+(?:patient|pt)\b|\b(?:himself|herself)\b|\bmine\b|\b(?:she|he)(?=\s+(?:is|was|has|had|can|can'?t|cannot|could|couldn'?t|needs?|needed|walks?|uses?|takes?|took|gets?|got|"
    r"became|becomes|developed|complains?|reports?|denies|does|did|doesn'?t|didn'?t)\b)|"
    # The writer as the subject again: "my husband is on atorvastatin and I have anti-HMGCR myopathy".
    r"\bi\s+(?:have|had|am|was)\b|\bi'(?:m|ve)\b|"
    r"\bthis\b(?=\s+(?:[\w-]+\s+){0,2}?(?:man|woman|lady|gentleman|gent|boy|girl|patient|pt|one)\b))"
)
#: A relative's gender, so that "she" or "he" later in the relative's sentence can be told to be the
#: relative ("my sister had dermatomyositis and she had trouble swallowing", "her mother had polymyositis;
#: she needed a ventilator") rather than the patient named again.
FEMALE_RELATIVE = (r"(?:wife|mother|mum|mom|mam|sister|daughter|aunt|niece|grand(?:mother|ma|daughter)|"
                   r"girlfriend|stepmother|stepdaughter)")
MALE_RELATIVE = (r"(?:husband|father|dad|brother|son|uncle|nephew|grand(?:father|pa|son)|boyfriend|stepfather|"
                 r"stepson)")
#: The writer turns to the patient they are asking about; what came before was about others
#: ("My question is about the father: 46, 95 kg ...", "This one: 69F ...", "Her daughter is my patient:").
FOCUS_SHIFT = (
    r"(?:my\s+question\s+is\s+(?:about|regarding)\s+(?:the\s+)?(?:father|mother|dad|mum|mom|son|daughter|husband|wife|"
    r"brother|sister|other\s+one|second\s+one|first\s+one|older\s+one|younger\s+one|patient)|"
    r"the\s+one\s+i\s+need\s+help\s+with\s+is|this\s+one\s*(?::|is\b)|(?:is|as)\s+my\s+patient\s*:|"
    r"\bmine\s+(?:is|has|was)\b)"
)
#: A cancer that is over is not a current malignancy ("breast ca 2010 s/p mastectomy, NED").
IN_REMISSION = (
    r"(?:in\s+(?:complete\s+|full\s+)?remission|\bned\b|no\s+evidence\s+of\s+(?:disease|recurrence)|"
    r"no\s+recurrence|(?:disease|tumou?r|cancer|recurrence)[-\s]free(?!\s+(?:margins?|interval|survival|period))|cured|(?:now\s+)?(?:is\s+)?no\s+(?:more\s+)?cancer|all\s+clear|undetectable|"
    r"discharged\s+from|resolved|treated\s+(?:[\w-]+\s+){0,5}?in\s+(?:19|20)\d\d|"
    # "The melanoma was excised in 2019 and she's been clear since": removed years ago, nothing since.
    # "Colorectal adenocarcinoma resected 2020, surveillance colonoscopy and CT clear".
    r"(?:excised|resected|removed)\s+(?:[\w-]+\s+){0,3}?in\s+(?:19|20)\d\d|(?:been\s+)?clear\s+(?:ever\s+)?since|"
    r"surveillance\s+(?:[\w/-]+\s+){0,4}?(?:clear|negative|normal|unremarkable)|"
    # "clear on surveillance mammograms since", "on surveillance, last scan clear".
    r"clear\s+on\s+(?:\w+\s+)?surveillance|on\s+surveillance,?\s+(?:\w+\s+){0,3}?(?:clear|negative|normal)|"
    # "stopped after 2 years - complete response, no evidence of disease on PET-CT".
    r"complete\s+(?:response|remission|metabolic\s+response))"
)
#: Findings being looked for are not findings: "screening for cancer", "rule out ILD".
LOOKING_FOR = (
    r"(?:(?:risk|chance|likelihood|danger)\s+of|screen(?:ing)?\s+for|rule\s+out|r/o|to\s+exclude|look(?:ing)?\s+for|work[-\s]?up\s+for|w/u\s+for|"
    r"evaluat\w+\s+for|check(?:ing)?\s+for|test(?:ing)?\s+for|assess(?:ing)?\s+for|any\s+sign\s+of|"
    r"(?:scan|check|test|screen)(?:ning|ing)?\s+(?:me|him|her|them|you)\s+for)"
)
#: Plans are not exposures: the drug named right after these has not been given yet.
PLANNED = (
    r"(?:(?:plan(?:ning|ned|s)?\s+(?:to\s+)?|will\s+|would\s+|going\s+to\s+|about\s+to\s+|due\s+to\s+|"
    r"considering\s+|consider\s+|wants?\s+to\s+)(?:start|begin|give|use|commence|initiate|try)(?:ing)?|"
    r"before\s+starting|prior\s+to\s+starting|candidate\s+for|eligible\s+for|"
    # "oncology are considering pembrolizumab": a treatment weighed, not given.
    r"considering|considered\s+for|under\s+consideration\s+for|proposed|"
    r"(?:may|might|could)\s+(?:start|need|get|receive|be\s+given)|"
    # "cardiology want him back on a statin": a proposal, not what he takes.
    r"wants?\s+(?:him|her|them|me)\s+(?:back\s+)?on|(?:put|start|restart)\w*\s+(?:him|her|them|me|you)\s+back\s+on|"
    # "We discussed pembrolizumab at length", "chemoradiotherapy rather than immunotherapy": weighed, not given.
    r"discussed|offered|declined|refused|rather\s+than|instead\s+of|(?:advised|recommended)\s+against|"
    # "the neuro asked about statins and none of us know": a question about it, not a drug taken.
    r"(?:asked|asking|enquired|inquired)\s+(?:(?:me|us|him|her|them)\s+)?(?:about|whether|if))"
)
#: A finding told as over, with the finding as the subject: "the dysphagia she had at presentation has
#: fully resolved", "dysphagia, now resolved" (not "hasn't resolved", "never resolved", "and CK has normalised").
RESOLVED_AFTER = (r"(?:(?:(?!\band\b|\bbut\b|n't\b|\bnot\b|\bnever\b|\byet\b)[^.;,!?\n]){0,60}?\b(?:has|have|had|is|was)\s+"
                  # Telegraphic: "Dysphagia resolved.", "dysphagia resolved, NG removed".
                  r"|\s*[,(-]\s*|\s+(?=(?:now\s+|fully\s+|completely\s+)*(?:resolved|settled)\b(?!\s+(?:with|on|after)\b))"
                  # A problem list: "Dysphagia (2021) – RESOLVED (normal VFSS 2022)".
                  r"|\s*\([^()\n]{0,25}\)\s*[-–—:]?\s*)(?:now\s+|since\s+|fully\s+|completely\s+|entirely\s+|largely\s+|totally\s+)*"
                  r"(?:resolved|settled|recovered|disappeared|gone\s+away|cleared)\b")
#: "myocarditis 2022 during flare, treated and fully recovered": an episode told with its end, past a comma.
RESOLVED_AFTER = (r"(?:" + RESOLVED_AFTER + r"|(?:(?!\bbut\b|n't\b|\bnot\b|\bnever\b|\byet\b)[^.;!?\n]){0,50}?"
                  # "treated with IVIG and recovered completely", "treated and made a full recovery".
                  r"\btreated\s+(?:with\s+[\w-]+(?:\s+and\s+[\w-]+)?\s+)?and\s+(?:has\s+)?(?:(?:fully\s+|completely\s+)?"
                  r"(?:resolved|recovered)|made\s+a\s+(?:full|complete)\s+recovery)\b|"
                  # A support no longer needed: "NIV had long been discontinued", "NG tube removed".
                  r"(?:(?<=\bniv)|(?<=\bbipap)|(?<=\bcpap))(?:\s+(?:had|has|was)\s+(?:long\s+|since\s+|now\s+)?(?:been\s+)?"
                  r"(?:discontinued|weaned|stopped)\b|"
                  # "Needed BiPAP on ICU in 2021, no longer requires it".
                  r"[^.;]{0,40}?\bno\s+longer\s+(?:requires?|needs?|needed|on|using)\b))")
#: Said before a finding, it is a past one: "resolved dysphagia", "previous dysphagia", "past history of".
RESOLVED_BEFORE = r"(?:resolved|previous|prior|former|past\s+history\s+of)\s+(?:\w+\s+)?$"
#: A course word about a cancer ("relapsed Hodgkin lymphoma", "melanoma in partial response").
CANCER = (r"(?:lymphoma|melanoma|cancer|carcinoma|tumou?r|leuka?emia|myeloma|malignan\w*|sarcoma|metasta\w*|"
          r"nsclc|sclc|scc|mesothelioma|hodgkin\w*|neoplas\w*)")
#: A concept followed by these is a screening test, not a finding ("cancer screening").
#: Still to be excluded: looked for, not found ("cardiac involvement must be ruled out", "anti-SRP disease to be
#: excluded").
TO_BE_EXCLUDED = (r"(?:needs?\s+to\s+be|has\s+to\s+be|must\s+be|should\s+be|is\s+to\s+be|to\s+be|"
                  r"remains?\s+to\s+be)\s+(?:excluded|ruled\s+out)")
SCREENING_AFTER = r"(?:screen(?:ing)?|work[-\s]?up|w/u|surveillance|" + TO_BE_EXCLUDED + r")"
