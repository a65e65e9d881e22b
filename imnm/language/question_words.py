"""The words clinicians, trainees and patients use in questions, by knowledge topic.

Kept apart from the retrieval code (imnm/dialogue/questions.py) so it can be reviewed and extended like the
extractor's lexicon. Words of four letters or fewer must stand alone ("ck" is not in "back"); longer
ones may take endings ("monitor" matches "monitoring").
"""

from __future__ import annotations

#: A treatment given (the engine's agent) -> its question topic, where the two names differ.
AGENT_TOPICS = {"prednisone": "steroids", "plasma_exchange": "plasma-exchange"}
#: Words in a question that point at a knowledge topic. Several words may share one topic.
TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "steroids": ("steroid", "prednisone", "prednisolone", "pred", "corticosteroid", "glucocorticoid"),
    "methylprednisolone": ("methylprednisolone", "methylpred", "solumedrol", "pulse", "iv steroid", "ivmp",
                           "iv pred"),
    "methotrexate": ("methotrexate", "mtx", "metoject", "otrexup", "rasuvo", "trexall", "maxtrex"),
    "azathioprine": ("azathioprine", "aza", "imuran"),
    "mycophenolate": ("mycophenolate", "mmf", "cellcept", "myfortic"),
    "steroid-sparing": ("steroid-sparing", "steroid sparing", "steroid sparer", "sparing agent", "sparer",
                        "sparing the steroid", "spare the steroid", "alongside the steroid", "alongside steroid",
                        "on top of the steroid", "with the steroids", "in addition to the steroid",
                        "as well as the steroid",
                        # "will I need another medicine with it?" (a patient, of the steroid)
                        "another medicine with", "another drug with", "second medicine", "second drug",
                        "something with the steroid",
                        "second agent", "second-line agent", "add-on agent", "immunosuppressant"),
    "first-line": ("first line", "first-line", "1st line", "1l", "go-to", "go to agent", "preferred",
                   # "which one would you pick?": the one the sources prefer.
                   "would you pick", "would you choose", "would you go with", "would you go for", "your pick",
                   "your choice",
                   "what do we start", "what to start", "start him on", "start her on", "what would you start",
                   "what would you give", "what do you start", "what should we start", "initial treatment",
                   "initial therapy", "treatment plan", "management plan", "how would you treat", "how do we treat",
                   "how to treat", "what treatment",
                   # "what will they treat him with?": what the treatment is.
                   "treat him with", "treat her with", "treat them with", "treat it with", "treat me with",
                   # How patients ask it: "what is the usual treatment?", "how is it treated?".
                   "usual treatment", "normal treatment", "what are the treatments",
                   "how is it treated", "how is this treated", "how do they treat", "how will they treat",
                   "first medicine", "first medicines", "first drugs", "first treatments", "usual medicines",
                   "main medicines", "main treatment", "standard approach", "standard treatment", "usual approach",
                   "standard regimen",
                   # "Can you sum up IMNM treatment in a couple of sentences?"
                   "sum up", "summarise the treatment", "summarize the treatment", "treatment in a nutshell",
                   "overview of the treatment", "overview of treatment",
                   # A patient: "what meds am I likely to be put on?", "which medicines will I get?".
                   "what meds", "which meds", "what medicines", "which medicines", "what medication",
                   "which medication", "be put on"),
    "ivig": ("ivig", "immunoglobulin", "igiv", "privigen", "gamunex", "octagam", "intratect", "kiovig", "flebogamma",
             "panzyga", "gammagard",
             # How patients hear it: "a drip of antibodies", "antibodies through a drip", "donated antibodies".
             "drip of antibodies", "antibody drip", "antibodies drip", "antibodies through a drip",
             "antibodies by drip", "antibody infusion", "infusion of antibodies", "donated antibodies",
             "donor antibodies", "blood product"),
    "rituximab": ("rituximab", "ritux", "rtx", "b-cell", "b cell", "rituxan", "mabthera", "truxima", "ruxience",
                  "riximyo"),
    "tacrolimus": ("tacrolimus", "tacro", "tac", "calcineurin", "ciclosporin", "cyclosporine", "prograf", "advagraf",
                   "envarsus", "adoport", "neoral"),
    "cyclophosphamide": ("cyclophosphamide", "cytoxan", "endoxan"),
    "plasma-exchange": ("plasma exchange", "plasmapheresis", "plex"),
    "relapse": ("relapse", "flare", "taper", "wean", "weaning", "weaned", "weans", "tail off", "tailing off",
                "come down on", "coming down on", "cut down", "cutting down", "cut it down", "reduce the pred",
                "reduce the dose", "reducing the dose", "lower the dose", "lowering the dose", "went back up",
                "bring the pred down", "bringing the pred down", "bring the steroid down", "bringing the steroid down",
                "bring it down", "bringing it down",
                # "when will they start lowering it?", "when do they reduce it": the steroid, by its pronoun.
                "lowering it", "lower it", "reducing it", "reduce it", "cutting it down", "lowering my", "lower my",
                "reduce my", "reducing my", "lowering the steroid", "lower the steroid", "lowering his", "lowering her",
                "start lowering them", "start reducing them", "start to lower them", "start to reduce them",
                "start cutting them down",
                "gone back up", "weaker again", "worse again", "recur",
                "came back", "come back", "comes back"),
    "refractory": ("refractory", "resistant", "not responding", "fail", "failed", "failing", "failure", "despite",
                   "no response", "non-response", "nonresponse", "inadequate response", "not improving",
                   "no improvement", "still weak", "barely moved", "not better", "what would you add", "add now",
                   "don't work", "dont work", "doesn't work", "doesnt work", "didn't work", "didnt work",
                   "not working", "stops working", "haven't budged", "havent budged", "hasn't budged",
                   "not budged", "partial response", "what do i add", "what to add", "escalat", "step up", "step-up",
                   "stepping up", "hasn't moved",
                   "hasnt moved", "not moved", "hasn't improved", "hasnt improved", "not improved", "no better",
                   "unchanged", "no change",
                   # After several treatments: "is there anything left to try?", "have we run out of options?".
                   "left to try", "anything left", "run out of options", "ran out of options", "out of options",
                   "else to try", "else they can try", "else we can try", "else can they try", "else can we try",
                   "else can be tried", "anything else they can", "what else is there",
                   # Asking for more than the current treatment: "anything stronger than the steroids?".
                   "stronger than", "something stronger", "anything stronger", "more powerful", "biologic",
                   "first line fails", "first-line fails", "first line doesn't", "first line does not",
                   "fails first line", "fails first-line", "after first line", "beyond first line"),
    # "does the MG-like picture change the outlook?": myasthenic features, and what they mean.
    "myasthenia": ("myasthen", "mg-like", "mg like", "mg overlap", "mg features", "mg picture", "mg-type"),
    "predictors": ("predictor", "prognos", "outcome", "predict", "life expectancy", "so young",
                   # "I'm a man - does that make any difference to how I'll do?"
                   "how i'll do", "how i will do", "how he'll do", "how she'll do", "how they'll do",
                   "i'm a man", "i am a man", "i'm a woman", "i am a woman", "being a man", "being a woman",
                   "being male", "being female", "my sex", "his sex", "her sex", "gender",
                   "being young", "young age", "young onset", "his age",
                   "her age", "age make", "does age", "how serious", "how bad", "how dangerous",
                   "younger", "harder to treat", "get better", "recover", "strength back", "back to normal", "improve",
                   "do worse", "does worse", "do better", "does better", "is it worse", "worse when",
                   "more serious in", "more severe in"),
    # "what imaging can help follow treatment response?", "repeat MRI?"; not an MRI to choose a biopsy site
    # ("MRI-guided site selection"): imaging to follow the treatment.
    "mri": ("what imaging", "which imaging", "imaging to follow", "imaging to monitor", "imaging help",
            "repeat mri", "serial mri", "follow-up mri", "mri to follow", "mri to monitor", "mri scans"),
    # "what does IMNM stand for?", "what's the acronym NAM?": what the disease is.
    "definition": ("stand for", "stands for", "acronym", "abbreviation",
                   # "what does necrotising actually mean. is my muscle dying??": what the name says happens.
                   "what does necrot", "what is necrosis", "meaning of necrot", "necrosis mean", "muscle dying",
                   "muscles dying", "muscle is dying", "muscles are dying", "muscle die", "muscles die"),
    # "Does IMNM usually involve organs outside the muscles?"
    "extramuscular": ("extramuscular", "extra-muscular", "outside the muscle", "outside of the muscle",
                      "beyond the muscle", "other organs", "organs other than", "other parts of the body"),
    # What the sources say against the treatments' harm: bone protection, PJP prophylaxis, reporting side effects.
    "side-effects": ("side effect", "side-effect", "adverse effect", "watch out for", "watching for"),
    # "why do they keep checking it": a measure checked again and again (not "keep checking my breathing").
    "monitoring": ("monitor", "keep checking it", "keep checking them", "keep testing it", "keep measuring it",
                   "why do they check it",
                   # "her CK keeps going up and down" ... "what number should it actually be at?": the CK target.
                   "what number should it", "should it actually be", "what should it be at",
                   "what should the ck be", "what should her ck be", "what should his ck be", "what should my ck be",
                   "follow-up", "follow up", "follow him up", "follow her up", "follow them up",
                   "followed up", "objectively", "f/u", "damage index", "mdi", "bloods", "blood tests",
                   "blood test", "my blood", "his blood", "her blood", "labs",
                   "how will i know", "how do we know", "is it working", "treatment is working",
                   "know if it's working", "know if it is working", "how will the doctors know", "how will they know",
                   "outcome measure", "measures", "track", "ck target", "target ck", "ck goal", "ck to aim for",
                   "what ck", "ck are we", "ck should we", "ck do we",
                   "disease activity", "validated tool", "validated measure",
                   "each visit", "every visit", "at clinic", "in clinic", "assess response", "watch for",
                   "look out for", "keep an eye on",
                   # "carry on as is?", "keep going as we are?" for a patient doing well: continuing is watching the
                   # response (strength, CK) until the taper. Not "can the pembro carry on?" (a drug continued).
                   "carry on as", "carrying on as", "continue as is", "continue as we are", "keep going as",
                   "stay the course", "leave it as is", "leave things as", "keep things as", "as things are",
                   "stay as we are"),
    "prophylaxis": ("prophylaxis", "ppx", "septrin", "bactrim", "co-trimoxazole",
                    # "how do you prevent steroid complications in these patients?"
                    "steroid complications", "complications of steroids", "complications of the steroids",
                    "steroid side effects", "side effects of steroids", "side effects of the steroids",
                    # "anything we should be doing to protect her from the steroids?"
                    "protect her from", "protect him from", "protect them from", "protect me from",
                    "protect the patient from",
                    # "Which measures prevent steroid side effects?", "how do we avoid steroid complications?"
                    "prevent steroid side", "prevent side effects", "avoid steroid side", "prevent complications",
                    # "What supportive measures should I remember while he's on this dose?"
                    "supportive measures", "supportive care", "supportive treatment", "supportive therapy"),
    # "Can necrotizing myopathy present as rhabdo?": how the disease presents.
    "rhabdomyolysis": ("rhabdo", "rhabdomyolysis", "present as", "presents as", "presenting as"),
    # "How high is the CK usually in IMNM?": what the CK is at presentation (the sources say only that it is raised).
    "presentation": ("how high is the ck", "how high does the ck", "how high is ck", "typical ck", "usual ck",
                     "ck usually", "ck typically", "how raised is the ck", "how elevated is the ck"),
    # Infection protection on its own topic, so that "bone and infection protection?" reaches both entries.
    "pneumocystis": ("pneumocystis", "pcp", "pjp", "infection", "antibiotic", "pneumonia"),
    "bone": ("bone", "bones", "osteoporosis", "dxa", "dexa", "calcium", "vitamin d", "bisphosphonate", "supplement"),
    "checkpoint": ("checkpoint", "ici", "immunotherapy", "pembrolizumab", "pembro", "nivolumab", "nivo", "ipilimumab",
                   "keytruda", "opdivo", "yervoy", "tecentriq", "imfinzi", "libtayo", "bavencio", "my cancer drug",
                   "cancer drug", "cancer medicine", "cancer treatment", "cancer treatments", "cancer therapy",
                   "atezolizumab", "durvalumab", "cemiplimab", "avelumab", "pd-1", "pd-l1", "ctla-4", "irae"),
    "screening": ("screen", "cancer", "malignan", "ct"),
    # The lung as its own topic: "is there a regimen for the muscle and the lung?" reaches the lung disease's own
    # treatment as well as its screening ("do we screen for ILD?" names both).
    "ild": ("ild", "interstitial", "lung", "lungs", "hrct", "pft", "pfts", "lung function"),
    "juvenile": ("juvenile", "child", "children", "paediatric", "pediatric", "adolescent", "kid", "kids", "under 18"),
    "statin": ("statin", "atorvastatin", "simvastatin", "rosuvastatin", "pravastatin", "atorva", "simva", "rosuva",
               "cholesterol pill", "cholesterol tablet", "cholesterol medicine", "cholesterol drug",
               "cholesterol medication", "exposures"),
    "hmgcr": ("hmgcr", "hmg-coa"),
    "srp": ("srp", "signal recognition"),
    "seronegative": ("seronegative", "antibody negative", "antibody-negative", "antibodies negative",
                     "antibodies came back negative", "antibodies were negative", "antibody test was negative",
                     "antibody tests were negative", "negative antibod"),
    "pitfalls": ("pitfall", "mistake", "avoid", "caveat", "warn", "warns", "warned", "warning"),
    "admission": ("admit", "admission", "hospital", "as an outpatient", "as outpatient"),
    # Not findings like "dysphagia": a question's text is not read for negation ("swallowing ok").
    "severe": ("severe", "life threatening", "life-threatening", "rapidly progressive", "fulminant",
               "on the ward", "icu"),
    "dosing": ("dose", "doses", "dosing", "how much", "mg", "mg/day", "mg/kg", "per course", "the total",
               "what range", "which range", "how many milligrams",
               # How the doses are spaced: "how is it scheduled?", "the second one is given how long after the first?"
               "schedule", "scheduled", "how far apart", "after the first", "second dose", "second infusion"),
    # What is measured ("CK and strength haven't budged"): the subject of a monitoring question only
    # when nothing else is asked; otherwise it describes the patient (a context topic).
    "measures": ("ck", "creatine kinase", "mmt8", "mmt-8", "strength"),
    # Swallowing or breathing trouble asked about (not read for negation: "swallow ok" is rare in a question).
    "red-flags": ("swallow", "dysphagia", "choking", "chokes", "choked", "choke",
                   "breathing", "breathless", "short of breath", "respiratory",
                  "downhill", "deteriorat", "going off", "goes off", "rapidly worsening", "worsening fast"),
    "subtypes": ("subtype", "subgroup", "subset", "serotype", "serolog", "types of", "kinds of", "classif",
                 "subclassif",
                 "antibody status", "antibody type", "which antibody",
                 # "what antibodies should I send?", "which antibody tests?": the tests that tell the subtypes apart.
                 "which antibodies", "what antibodies", "antibodies to send", "antibody tests", "antibody testing",
                 "antibodies should",
                 # "which tests matter most for choosing treatment?": the antibody tests decide the subtype's treatment.
                 "tests matter", "tests for choosing", "tests decide", "test decides", "tests guide", "test guides",
                 # "what enzyme does anti-HMGCR target?", "what does SRP stand for?": what each antibody is against.
                 "what enzyme", "which enzyme", "antibody target", "antibodies target", "antibody against",
                 "antibodies against", "directed against", "what is hmgcr", "what is srp"),
    # "which of the treatments act on complement?": the mechanism the sources name for calcineurin inhibitors.
    # Not "complementary remedies" nor "complement inhibitors" (gaps: the sources do not address them).
    # "How is IVIG thought to work?", "what's the mode of action?": what the disease and its treatments act on.
    "mechanism": ("mechanism", "mode of action", "thought to work", "thought to help", "thought to act",
                  "how does it work", "how do they work",
                  "how it works", "how they work", "works by", "work in necroti", "pathophysiolog", "pathogenesis"),
    "mmt8": ("mmt8", "mmt-8", "manual muscle test", "track activity", "activity and damage", "validated instrument",
             "instruments",
             # "Which validated measures should we use to follow strength?": the strength score the sources name.
             "validated measure", "validated measures", "measure strength", "follow strength", "track strength"),
    "complement": ("act on complement", "acts on complement", "on the complement", "complement pathway",
                   "complement activation", "complement-mediated", "complement mediated"),
    "pathology": ("biopsy", "histolog", "histopath", "patholog", "mechanism", "pathogen", "what is imnm",
                  "what is necroti", "inflammation",
                  # How the illness harms muscle (not "lasting damage", the damage topic).
                  "damage the muscle", "damages the muscle", "damaging the muscle", "damage muscle",
                  "attack the muscle", "attacks the muscle", "attacking the muscle", "destroy", "what causes",
                  "what caused", "cause of", "why does it happen", "how does it happen", "how does it work",
                  "how does the disease"),
    "phenotype": ("emg", "myotonic", "electromyograph", "clue", "clues", "phenotype", "facial", "face", "smiling",
                  "distinguish",
                  "they differ", "it differ", "differ clinically", "difference", "compare", "comparison",
                  "tell apart", "tell them apart", "clinical feature", "characteristic", "more typical",
                  # "which sign on examination would push me towards SRP rather than HMGCR?" (every word of a
                  # phrase here also becomes a rare word of the phenotype entries: keep them specific).
                  "sign on examination", "examination finding"),
    "multidisciplinary": ("mdt", "multidisciplinary", "multi-disciplinary", "on the team", "specialist", "therapist",
                          "professionals", "part of the team", "team looking after", "which specialties",
                          "specialt", "in the care team", "which doctors", "disciplines",
                          "anyone else", "seeing anyone", "see anyone", "who else", "besides the", "referral",
                          "refer him", "refer her", "refer to",
                          "who should be involved", "speech", "occupational", "who can help", "who could help",
                          "who helps", "who else can help"),
    "physical-therapy": ("physio", "physiotherapy", "physical therapy", "exercise", "rehab", "contracture",
                         "stretch", "gym", "exercis", "resting my muscles", "rest my muscles", "keep active",
                         "stay active"),
    "duration": ("how long", "how much longer", "how many more", "forever", "for ever", "rest of my life",
                 "rest of his life",
                 "rest of her life",
                 "lifelong",
                 "life-long", "for life", "indefinitely", "duration", "stop the meds", "stop treatment",
                 "come off the meds", "come off my meds", "coming off the meds", "come off treatment",
                 "stop the medication", "stop taking", "stop the tablets", "stop my tablets", "stop the pills",
                 "cured", "for years", "for many years", "for the long term", "long-term", "long term",
                 "how many years", "how many months", "a long time", "long time", "how long-term",
                 "stopping treatment", "stopping the treatment", "stop therapy", "stopping therapy",
                 "stopping the medicines", "stopping immunosuppression",
                 "stop immunosuppression", "stop everything", "stop it all", "stop all my", "stop all the",
                 "come off everything", "come off it all", "come off all",
                 # "she's asking if she'll ever be off treatment".
                 "off treatment", "off the treatment", "off all treatment", "off medication", "off all medication",
                 "off the meds", "off her meds", "off his meds", "off my meds", "off everything"),
    # Why early, full-strength treatment rather than a slow step-up.
    "early-treatment": ("early aggressive", "aggressive", "early treatment", "treat early", "step-up", "step up",
                        # "do they wait for the antibody result before treating?"
                        "wait for the result", "wait for the antibod", "wait for results", "wait for the test",
                        "before treating", "before starting treatment", "before they treat", "before they start",
                        "delay", "go in hard", "hit it hard", "hit hard", "gentle",
                        "fast and strong", "strong and fast", "so strong", "so fast", "wait and see", "watch and wait",
                        "treat this fast", "treat it fast", "treat this quickly", "treat it quickly", "rush",
                        "rushing", "in a rush", "so quickly", "so soon", "so early", "more drugs",
                        "so many drugs", "waiting", "wait until", "hold off", "put off", "postpone",
                        # "they took months to diagnose me - does starting late matter?"
                        "started late", "starting late", "start late", "treatment late", "treated late", "too late",
                        "late start", "diagnosed late", "late diagnosis", "delayed", "months to diagnose",
                        # "why is there so much urgency about treating IMNM?", "why treat it so urgently?"
                        "urgency", "so urgently", "so urgent"),
    "monotherapy": ("on its own", "by itself", "monotherapy", "single agent", "just steroids", "only steroids",
                    "steroids only", "steroids alone", "steroid alone", "pred alone", "prednisone alone",
                    "prednisolone alone", "ivig alone", "only the steroid", "the steroid only", "only steroid",
                    "just the steroid", "steroid on its own", "on their own", "by themselves"),
    # The next agent in a subtype ("which add-on would you reach for in SRP vs HMGCR?").
    "add-on": ("add-on", "add on", "reach for", "bring in", "adding early", "add early", "add anything early",
               # "what treatment works best for his type?": the treatment the antibody subtype adds.
               "for his type", "for her type", "for my type", "for this type", "for their type", "for that type",
               "for his kind", "for her kind", "for my kind",
               # What the antibody adds: "the next step for her antibody type", "which agent is favoured early".
               "for her antibody", "for his antibody", "for their antibody", "antibody-specific", "antibody specific",
               "subtype-specific", "subtype specific", "for this subtype", "for her subtype", "for his subtype",
               "favoured early", "favored early", "used early", "given early", "early agent", "favour early",
               "favor early", "go in early", "goes in early", "going in early", "start early", "started early",
               "agent early", "drug early", "which early", "early on",
               "antibody-directed", "antibody directed", "antibody-targeted", "antibody targeted"),
    "combination": ("how many agents", "how many drugs", "more than one", "combination", "combined", "combo",
                    "triple therapy", "triple regimen", "triple combo", "the triple",
                    "three medicine", "three drugs", "medicines together",
                    "drugs together",
                    "all together", "at the same time", "all at once", "so many medicines", "so many drugs"),
    # How often a treatment works: "what response rate can I quote him?", "does rituximab work for everyone?".
    "response": ("response rate", "rate of response", "success rate", "how effective", "efficacy", "how well does",
                 "how well do", "work for everyone", "chances it works", "chance it works", "chance of it working",
                 "chances of it working", "chance that it works", "likely to work", "chance it will work",
                 "chances it will work", "will it work", "work for me", "work for her", "work for him"),
    "prognosis": ("proportion", "how many patients", "what percentage", "percent", "rate of",
                  "how common", "how likely", "chance of", "risk of"),
    "atypical": ("atypical", "easy to miss", "missed", "mimic", "misdiagnos",
                 # The atypical presentations S000 names: "is a chronic slow course consistent with IMNM?"
                 "chronic", "slowly progressive", "slow course", "slow progression", "indolent", "oculobulbar",
                 "isolated dysphagia"),
    "damage": ("damage", "irreversible", "permanent", "fully recover", "ever recover", "recover fully",
               # "will my muscles go back to how they were before?"
               "back to how", "back to the way", "go back to normal", "as they were", "how they were before",
               "back to normal", "ck has normalised", "ck has normalized", "ck normalised",
               "ck normalized", "ck is normal", "normal ck",
               # "Will the strength come back fully?", "will she regain her strength?"
               "come back fully", "come back completely", "fully come back", "return fully", "full recovery",
               "recover completely", "completely recover", "regain", "strength back", "get better completely",
               # "why isn't her strength fully back?", "MRI shows fatty change": what is lost for good.
               "fully back", "back fully", "fatty", "atrophy", "wasting",
               # "will my legs get strong again?": strength regained, or not.
               "strong again", "stronger again", "normal again", "walk again", "walk normally again"),
    "report": ("ring the hospital", "call the hospital", "ring my doctor", "call my doctor", "seek help",
               "straight away", "emergency", "warning signs", "what symptoms", "which symptoms", "red flag symptoms",
               "when should i call", "when should i ring", "who do i call",
               # "should we go to A&E or wait for her clinic?": whether it is urgent.
               "go to a&e", "go to a and e", "to a&e or", "a&e or wait", "go to the er", "emergency room",
               "go to hospital", "go to the hospital",
               "wait for her clinic", "wait for his clinic", "wait for my clinic", "wait for the clinic",
               # "his next clinic is in 3 weeks, should we just wait for that?"
               "wait for that", "next clinic"),
    "associated": ("associated condition", "associations", "comorbid", "work-up", "workup", "look for",
                   "looking for", "other conditions"),
    "myocarditis": ("myocarditis", "heart is involved", "heart involvement", "heart", "cardiac"),
    # "does IMNM affect the heart?": cardiac involvement, screened for, beside myocarditis.
    "cardiac": ("cardiac involvement", "affect the heart", "affects the heart", "involve the heart",
                "involves the heart"),
}
