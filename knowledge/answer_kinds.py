"""What kind of value a question asks for, and whether a text holds one.

"How long ..." wants a duration, "how many ..." a quantity, "when ..." a date, "which option
..." or "how do I set ..." a command, option or setting. A passage or fact that holds no value
of the kind asked for does not answer, however well its words match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache, lru_cache

from knowledge.lexical import chat_sentences, compound_words, tokenize

# "How long", "how soon": a question asking for a duration.
_HOW_LONG = (
    r"\bhow (long|soon|quickly|fast)\b|"
    # As Spanish "cuánto puede durar" and Polish "ile może trwać" read: "how much can last".
    r"\bhow much time\b|"
    r"\bhow (?:much|many)\b(?:\s+\w+){0,3}?\s+(?:can|may|could|will|would|does|do|should|must)\s+"
    # Not "last year's allocation", "last week's reservation".
    r"last\b(?!['\u2019]s\b|\s+(?:year|month|week|day|night|time|call|cut-?off)s?\b)"
)
# What kind of answer a question wants, from how it is asked; a passage that holds a value of
# that kind is the one that answers (a row with "2 days", not the sentence introducing the table).
# A call's deadline as users and pages write it.
_DEADLINE_WORDS = r"(?:deadlines?|cut-?offs?|closing\s+dates?)"
# What follows "how can" or "how to" and is not the verb asked about: its subject ("how can
# the job", "how can they").
_SUBJECT = r"(?:the|this|that|these|those|its|our|your|their|they|you|we|there|one|it|my)"
# What a number measures, after "minimal" (a minimal container is no amount).
_MEASURED = (
    r"(?:number|count|amount|size|value|length|duration|time|runtime|walltime|"
    r"nodes?(?:\s+count)?|memory|budget)\b"
)
# Words that start a clause or a name, not a setting's qualifier ("what is the", "what if my").
_NOT_A_CLAUSE = r"(?!(?:is|are|was|were|the|an?|of|if|about|my|our|your|their|to)\b)"
_WANTS = {
    "duration": re.compile(
        _HOW_LONG + r"|\b(how many (minutes|hours|days|weeks|months)|walltime|time ?limit|"
        r"timeout|expir\w*|deleted|purged|duration|lifetime|validity|time ?slots?)\b|"
        r"\bwall[ -]?(?:clock )?time\b|"
        # "What response time do they promise": how long until something happens.
        r"\b(?:response|turnaround|reply|waiting|wait|processing|approval|lead)[ -]times?\b|"
        # "The longest time slot we can get": the longest of something that lasts.
        r"\b(longest|shortest)\b[^?.]*\b(time|slots?|runs?|jobs?|periods?|windows?|stays?)\b|"
        # "When ... deleted", also as a translated question words it ("when file scratch delete").
        r"\bwhen\b[^?.]*\b(delet|purg|expir|remov|clean)\w*",
        re.I,
    ),
    "quantity": re.compile(
        r"\b(how (many|much|large|big|far|accurate|precise)|"
        r"what is the (max\w*|min\w*|default|size|number)|"
        r"maximum|minimum|limit|quota|size|number of|capacity|exit (code|status)|return code)\b|"
        r"\bminimal\s+" + _MEASURED,
        re.I,
    ),
    # "When creating one", "when we get EuroHPC time, is ..." say when something happens, not
    # that a date is asked: a question asks "when is", "when do we", "when's".
    "date": re.compile(
        r"\b(when(?!\s+\w+ing\b)(?!\s+(?:we|i|you|they|it|he|she|our|my|your|their)\b)|"
        r"(?:what|which)\s+(?:date|day)|deadline|cut-?off|since when)\b",
        re.I,
    ),
    # A deadline or cut-off: a date gives it, and so does saying there is none.
    "deadline": re.compile(r"\b" + _DEADLINE_WORDS + r"\b", re.I),
    # "Which version of X ...", "the oldest Perl version ...": the answer is a version number.
    "version": re.compile(
        r"\b(which|what|oldest|newest|latest|minimum|required|earliest)\b[^?.]*\bversions?\b|"
        # "Which CUDA release ...", "the oldest CUDA toolkit it builds against", "the minimum gcc".
        r"\b(which|what)\b[^?.]*\breleases?\b|"
        r"\b(oldest|newest|earliest|minimum)\s+(?!(number|amount|size)\b)[a-z][\w+-]*\b"
        r"(?=[^?.]*\b(build|compil|support|need|requir|work|run|test)\w*)",
        re.I,
    ),
    # "What's the bandwidth between the two dies", "how fast can we copy to LUMI-O": a rate
    # of data, which other numbers on the page (node counts, sizes) do not give.
    "bandwidth": re.compile(
        r"\b(bandwidth|throughput|transfer rate|data rate|link speed)\b|"
        r"\bhow (fast|quickly)\b[^?.]*\b(transfer|copy|copies|read|write|link|network|"
        r"interconnect|connection|download|upload|stream)\w*",
        re.I,
    ),
    # "If I don't pass -j, how many ...": what happens when nothing is said is the default.
    "default": re.compile(
        r"\b(by )?default\b|\bout of the box\b|"
        r"\bif (i|we|you) (don'?t|do not|never|leave out|omit) (pass|set|give|specify|use|add|"
        r"provide|say|choose|request|ask for)\b|"
        r"\bwithout (passing|setting|giving|specifying|choosing|requesting|asking for)\b",
        re.I,
    ),
    # "Which directory", "where do the module files have to go": the answer is a path.
    "path": re.compile(
        r"\b(which|what)( [\w-]+)? (directory|directories|folders?|dir|location)\b|"
        r"\bwhere (do|does|did|should|can|must|to|have to) ([\w-]+ ){0,6}(put|store|place|keep|"
        r"create|save|go|install|live|copy)\b",
        re.I,
    ),
    "code": re.compile(
        # "Which flag", also "which configure flag".
        r"\b(which|what)( [\w-]+)? (option|flag|switch|argument|parameter|variable|env\w*|command|cmd|"
        r"setting|directive|keyword|function|method|call|module|file|path|syntax|tool)s?\b|"
        # ... and "what extra srun option", with two words between: not for a call or a
        # module, which "which regular access call" and "what if my module" name otherwise.
        r"\b(which|what) " + _NOT_A_CLAUSE + r"[\w-]+ " + _NOT_A_CLAUSE + r"[\w-]+ "
        r"(option|flag|switch|argument|parameter|variable|command|cmd|directive)s?\b|"
        # "How do I <anything>": in documentation the answer is what to type or set. Also
        # without the pronoun, as a question read from another language keeps it ("wie kann
        # ich ..." -> "how can"), or typed "how to"; a bare "how <word>" is too loose a sign
        # in a reading that lost words ("jak daleko wstecz sacct" -> "how sacct": 4 answers
        # of the spent multilingual set ab worse, none better).
        r"\bhow (do|can|should|would) (i|we|you) \w+|"
        # Not before its subject, nor a name ("how can Slurm place").
        r"\bhow (?:can|could|should|must|may|to) (?!" + _SUBJECT + r"\b)(?-i:(?![A-Z]))[a-z]{3,}\b|"
        r"\b(?:command|cmd)s?\b|\bsyntax\b|"
        # "Is there a build switch for ...": the answer names it.
        r"\bis there ((a|an|any) )?([\w-]+ )?(option|flag|switch|setting|variable|parameter|knob|"
        r"command|cmd|tool)s?\b|"
        # "What do I put in the host list", "what does the command look like".
        r"\bwhat (do|should|must|can) ((i|we) )?(need to |have to )?([\w#-]+ ){0,2}?"
        r"(set|put|add|pass|type|write|link|tell|give|specify|enter)\b|\blook like\b|"
        # The same, as another language's word order reads: "wpisać co w --partition".
        r"\b(set|put|pass|type|write|specify|enter) what\b",
        re.I,
    ),
}
# Counts written out ("at most four concurrent transfers"); "one" also reads as a pronoun.
_NUMBER_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety"
)
_DURATION = (
    # Before a unit, "one" is a count ("one month").
    r"\b(\d+(\.\d+)?|one|" + _NUMBER_WORDS + r")\s*(-\s*)?([a-z]+\s+)?"
    r"(s|sec|seconds?|mins?|minutes?|h|hrs?|hours?|days?|"
    r"weeks?|months?|years?)\b|"
    # Timeouts and latencies, right after their number: "~1000ms", "5 µs". The short units in
    # lower case only, and not before a hyphen: "2 US sites", "5 MS-DOS boxes" are none.
    r"\b\d+(\.\d+)?[ \t]?(?-i:ms|us|µs|ns)(?![\w-])|"
    r"\b\d+(\.\d+)?[ \t]*(msecs?|milliseconds?|[uµ]secs?|microseconds?|nanoseconds?)\b|"
    # 48:00:00 is a duration; "10:00 CET" is a time of day.
    r"\b\d{1,2}:\d{2}(:\d{2})?\b(?!\s*(CES?T|UTC|GMT|[ap]\.?m\b))|\b\d+-\d{1,2}:\d{2}\b"
)
# What states an upper limit: "at most 2,400 nodes", "capped at 64 threads", "<= 8".
_UPPER_BOUND = (
    r"\b(?:at\s+most|up\s+to|max(?:imum|imal)?|not?\s+more\s+than|"
    r"(?:limited|capped|restricted)\s+(?:to|at)|caps?\s+(?:at|of)|upper\s+(?:limit|bound)|"
    r"(?:must|may|can)\s*(?:not|n't)\s+exceed|cannot\s+exceed)\b|<=|≤"
)
# What says a duration is a limit ("may run for up to 48 hours", "max walltime 3 days",
# "MaxTime=2-00:00:00"), before it, a few words away at most ...
_LIMIT_BEFORE = (
    r"(?:" + _UPPER_BOUND + r"|\b(?:wall[ -]?times?|wall-?clock|time ?limits?|max ?time|"
    r"no\s+longer\s+than|limit(?:ed|s)?|longest|run\s?time)\b|--time\b|\btime=)"
)
# ... or after it, next to it ("72:00:00 of wall time", "48 hours is the longest"): "limited
# to" or "at most" after a duration limit something else ("a 3-day course limited to 30").
_LIMIT_AFTER = r"\b(?:wall[ -]?times?|wall-?clock|time ?limits?|max(?:imum)?|longest)\b"
# A few words, bounded: an unbounded gap backtracks quadratically on long texts.
_FEW_WORDS = r"(?:[^\w.;\n]+[\w'-]+){0,%d}?[^\w.;\n]*"
_VERSION = r"\b\d+(\.\d+)+\b(?!\s*(?:[KMGTP]i?B|[KMG]?Hz|[KMGTP]?bit|%|W\b|kW\b|x\b))|\bv\d+\b"
# A version said to bring something: "added in pybind11 2.11", "new in version 20.10", "since
# v4.8", "2.11 adds support". "First, load cuda/12.1" or "as of today we ship 3.11" are no such.
_INTRODUCED = (
    r"\b(?:added|introduced|new|appeared|available|supported|shipped)\s+(?:in|since|with|from)\s+"
    r"(?:[\w+-]+\s+){0,2}?(?:" + _VERSION + r")|"
    r"\b(?:since|starting\s+(?:with|from|in)|as\s+of|beginning\s+(?:with|in))\s+"
    r"(?:[\w+-]+\s+){0,2}?(?:" + _VERSION + r")|"
    r"(?:" + _VERSION + r")\s+(?:added|introduced|adds|introduces|brought|brings)\b"
)
_DATE_VALUE = (
    r"\b(19|20)\d{2}\b|\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b|"
    # A deadline is often relative to what it is for: "at least 11 days before the run",
    # "two weeks in advance", "the last Sunday of every month".
    r"\b(\d+|a|one|" + _NUMBER_WORDS + r")\s+(working\s+|business\s+|calendar\s+)?"
    r"(days?|weeks?|months?|hours?)\s+(before|in advance|ahead|prior|after)\b|"
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)days?\b"
)
# What a call's delays run from or to: "4 months after the cut-off", "10 days after submission".
_CALL_EVENT = (
    r"(?:" + _DEADLINE_WORDS + r"|submissions?|calls?|awards?|approvals?|decisions?|"
    r"applications?|selections?|notifications?|evaluations?|reviews?)\b"
)
_PLACE_ON_LIST = (
    r"(?:\b\d+(?:st|nd|rd|th)\b|#\s?\d+\b|"
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b)"
)
_HAS = {
    "duration": re.compile(_DURATION, re.I),
    # A time limit: a duration said to be one, a few words from what says so. A duration alone
    # gives none: a three-day hackathon, a cooling cap between 13:00 and 19:00, access within
    # ten working days.
    # A duration after or before a call's event is a delay, not a limit on a run: "resources
    # start at most about 4 months after the cut-off" ("24 hours before being terminated" and
    # "2 hours, after the limit they are terminated" are limits).
    "time limit": re.compile(
        _LIMIT_BEFORE
        + _FEW_WORDS % 4
        + r"(?:"
        + _DURATION
        + r")(?!\s+(?:(?:after|before|from|since|following)\s+(?:the\s+|its\s+|their\s+|an?\s+)?"
        + _CALL_EVENT
        + r"|later\b|earlier\b|ago\b))|(?:"
        + _DURATION
        + r")"
        + _FEW_WORDS % 2
        + _LIMIT_AFTER,
        re.I,
    ),
    # "Free of charge" answers "how much does it cost".
    # "At least a few thousand points" answers "how large" as well as "2,000" would.
    "quantity": re.compile(
        # A number standing alone ("8 characters", "--ntasks=8", "32GB"), not the digits of a
        # name ("id_ed25519", "MI250X", "project_465000000").
        r"(?<![\w.])\d|\bfree of charge\b|\bno cost\b|\b(hundreds?|thousands?|millions?|billions?|"
        + _NUMBER_WORDS
        + r")\b",
        re.I,
    ),
    "date": re.compile(_DATE_VALUE, re.I),
    # "Has no deadline", "continuously open": a call with none answers "what is its deadline"
    # (not "when can we start"), as "free of charge" answers "how much".
    "deadline": re.compile(
        _DATE_VALUE
        + r"|\bno\s+(?:fixed\s+)?"
        + _DEADLINE_WORDS
        # Not "no deadline extensions": what follows is not about another thing.
        + r"(?!\s+(?!(?:and|or|so|but|is|are|for|to)\b)[a-z])|"
        r"\b(?:continuously|permanently)\s+open\b|\bopen\s+(?:continuously|permanently)\b",
        re.I,
    ),
    # Not a measure written with a point ("2.25 GHz", "1.5 TB").
    "version": re.compile(_VERSION, re.I),
    # The release that brought something (see `_INTRODUCED`). A version merely named ("CMake
    # 3.12+ is needed", "Python 3.12 and later") says nothing of when a thing came.
    "introduced": re.compile(_INTRODUCED, re.I),
    "bandwidth": re.compile(
        r"\d\s*(?:[KMGTP]i?B|[KMGTP]bit|[KMGTP]b)\s*(?:/\s*s(?:ec(?:ond)?)?|ps|per\s+second)\b|"
        r"\d\s*(?:[KMGT]bps|GT/s)\b|"
        # A throughput of things: "212.5 images/sec", "1,500 tokens per second".
        r"\d\s*(?:images?|img|samples?|tokens?|sequences?|steps?|batches|iterations?|it|"
        r"requests?|frames?)\s*(?:/\s*s(?:ec(?:ond)?)?|per\s+s(?:ec(?:ond)?)?)\b",
        re.I,
    ),
    "default": re.compile(r"\bdefaults?\b|\bdefaulting\b", re.I),
    # "2.45 GHz", "3500 MHz": a clock rate.
    "clock rate": re.compile(r"\d\s*[GM]Hz\b", re.I),
    # "TOP500: 5th", "ranks fifth on the list", "4th on the June TOP500 list": a place on a
    # list, said with the list ("the first EuroHPC system" is none).
    "rank": re.compile(
        r"\b(?:top\s?500|green\s?500|lists?|rank(?:ed|s|ing)?|place[ds]?|position)\b[^.;]{0,40}?"
        + _PLACE_ON_LIST
        + r"|"
        + _PLACE_ON_LIST
        + r"[^.;]{0,40}?\b(?:top\s?500|top500\.org|green\s?500|lists?|place|position)\b",
        re.I,
    ),
    # "Hourly", "every 200 ms", "twice a month", "once per day": how often something happens.
    "frequency": re.compile(
        r"\b(?:hourly|daily|weekly|monthly|yearly|annually|nightly|every|once|twice|"
        r"times\s+(?:a|an|per)|per\s+(?:second|minute|hour|day|week|month|year))\b",
        re.I,
    ),
    # Two parts at least ("/appl/local", "~/.config/x", "$HOME/bin"), not "and/or" or a URL.
    "path": re.compile(
        r"(?<![\w:/.])(?:(?:~|\$\{?\w+\}?)/[\w.<>{}-]+|/[\w.<>{}-]+(?:/[\w.<>{}-]*)+)"
    ),
    "code": re.compile(
        r"`[^`]+`|(?<!\w)--?[a-zA-Z][\w-]*|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b\w+=\S+|"
        r"(?<!\w)/[\w.-]+/[\w./-]*|\$ \w|\b\w+\(\)",
    ),
}


# Fewer words than this are a fragment ("Thanks!"), not the sentence that asks.
_ASKING_MIN_WORDS = 3


def asking_sentence(question: str) -> str | None:
    """The last sentence of a question that says something first ("on Leonardo our jobs need
    more than a day. which QoS do people use?"), or None for a one-sentence question."""
    sentences = chat_sentences(question)
    if len(sentences) < 2:
        return None
    last = sentences[-1]
    return last if len(last.split()) >= _ASKING_MIN_WORDS else None


# "How soon after the cut-off ...": asked how long, the deadline named is no date asked for.
_ASKS_HOW_LONG = re.compile(_HOW_LONG, re.I)
_ASKS_DATE = re.compile(r"\b(when|what date|which date|since when)\b", re.I)


# A concessive clause names what does not matter ("no matter which stack version my teammates
# have loaded, where do I install it?" asks no version). It ends at punctuation or where the
# question that follows starts, which chat often writes without a comma.
_CONCESSIVE = re.compile(
    r"\b(?:(?:no\s+matter|regardless\s+of|irrespective\s+of)\s+(?:which|what|how|where|when|who)"
    r"|whichever|whatever)\b[^,.;:?!]*?"
    r"(?=\s+(?:where|what|which|how|when|who|why)\b|[,.;:?!]|$)",
    re.I,
)


def asked_part(question: str) -> str:
    """The question without its concessive clauses (see `_CONCESSIVE`)."""
    return _CONCESSIVE.sub(" ", question)


# "What are the options?" after a question: the choices of what it asked.
_CHOICES = r"what(?:'re|\s+are)\s+(?:the|my|our)\s+(?:options|alternatives|choices)\b"
# Where one question asked ends and the next begins: "who hosts it and what machine does it
# run on", "is there one in Romania? if so, who runs it". Only before a question word, so "CPU
# and GPU nodes" or "Playground and Fast Lane" stay one question.
# "From which day could we submit", "since when", "for how long": a question word after its
# preposition.
_PREPOSITION_WH = (
    r"(?:on|in|from|since|by|until|till|for|at|to|with|under|through)\s+(?:wh(?:ich|at|en)|how)"
)
# An adverb before the question word: "roughly how long until we hear back".
_ROUGHLY = r"(?:roughly|approximately|about|so|just|exactly)\s+"
_NEXT_QUESTION = re.compile(
    r"(?:\s*[,;]\s*|\s+)(?:and|&|plus)\s+(?:(?:if\s+(?:so|yes)|also|then)\W+)?"
    # "..., and once a cut-off passes how quickly are you on the machine": a condition first.
    r"(?=(?:(?:once|after|assuming)\s+[^,?]{0,50}?,?\s+)?(?:" + _ROUGHLY + r")?"
    r"(?:who|what|which|where|when|whose|how|" + _PREPOSITION_WH + r")\b)|"
    # "..., and is there a deadline to hit": a question of yes or no joined on.
    r"(?:\s*[,;]\s*|\s+)and\s+(?=(?:is|are|does|do|can|will|could|should)\s+(?:there|it|they|"
    r"we|i|you|this|that)\b)|"
    # A list of questions: "what kind of review is it, how long do we keep it, and ...". Only
    # a list, ended by "and": "who's behind tykky, which org built it?" asks one thing twice.
    r"\s*[,;]\s*(?=(?:how|what|which|when|where|who)\b[^?]*?,?\s+and\s+)|"
    r"(?<=\?)\s+(?:(?:and\s+)?if\s+(?:so|yes)\W+)?(?=\w)|"
    # "Is there one in Romania if so who hosts it": a reading that lost the comma and "and".
    r"\s*,?\s+if\s+(?:so|yes)\W+(?=(?:who|what|which|where|when|whose|how)\b)",
    re.I,
)
# A part asks when its sentence opens with a question word, after a condition if any ("if we
# make a cut-off, how long until ...", "after a cut-off, how long at most until ..."):
# "mi355x or something?", "worth the effort?" or "want to email them directly" after a
# question only say more about it.
_ASKS = re.compile(
    r"^\W*(?:(?:if|once|after|assuming|given|say)\b[^,?]{0,80}?(?:,\s*|\s+(?=(?:how|what|which)\b)))?"
    r"(?:" + _ROUGHLY + r")?"
    r"(?:(?:who|what|where|when|how)(?:'?s)?|which|whose|is|are|does|do|did|can|could|"
    r"will|would|has|have|was|were|should|" + _PREPOSITION_WH + r")\b",
    re.I,
)
# What a part's asking sentence starts after: a full stop, or the colon after its subject
# ("brain++ in bulgaria: who's in it").
_ASKING_STARTS_AFTER = re.compile(r"(?<=[.!?:])\s+(?=\S)")
# ... and about a thing of its own: "how many of them", "how many per node", "how much
# national?" count what the part before names.
_ASKS_OF_THE_SAME = re.compile(
    r"^\W*(?:(?:how\s+(?:many|much)|what|which)\s+(?:of\s+)?(?:them|it|those|these|ones)\b|"
    r"how\s+(?:many|much)\s+(?:(?:per|each|of|in|exactly|roughly|approx\w*)\b|"
    r"[\w-]+\s*(?:\W*$|[?!.,;:]))|how\s+(?:many|much)\W*$|" + _CHOICES + r"|"
    # A bare "how long?", "when?": of what was just asked ("do we have to sit out some
    # cut-offs before resubmitting? how long?").
    r"(?:how\s+(?:long|often|fast|big|soon)|when|where)\W*$)",
    # "What are the options": the choices of what was just asked.
    re.I,
)


# A part that asks for one thing by its name alone: "what interconnect", "which machine?".
_ASKS_BARE_THING = re.compile(r"(?:^|[.!?:]\s+)\W*(?:what|which)\s+([a-z][\w-]+)\W*$", re.I)


def bare_thing(part: str) -> str:
    """The thing a part asks for by its name alone ("interconnect" in "karolina gpu nodes:
    what interconnect"), or ""."""
    found = _ASKS_BARE_THING.search(part.strip())
    return found.group(1).lower() if found else ""


def asked_parts(question: str) -> tuple[str, ...]:
    """The questions asked one after another in `question` ("is there an AI Factory in Romania,
    and if so who hosts it and what machine does it run on" asks three), each as written; one
    part when it asks one thing. A part that asks nothing of its own ("worth the effort?",
    "how many of them") stays with the one before; the first, with the one after ("Malta has
    an antenna, right? which AI Factory is it linked to"). A question read from another language
    keeps only its question marks (see `Languages.read`): its parts are its questions."""
    question = question.strip()
    # Each part as a span of the question, so that one joined to the part before keeps the
    # words between them ("... and how many of them").
    spans: list[tuple[int, int, bool]] = []
    start = 0
    for end, next_start in [(m.start(), m.end()) for m in _NEXT_QUESTION.finditer(question)] + [
        (len(question), len(question))
    ]:
        part = question[start:end].strip()
        sentence = _ASKING_STARTS_AFTER.split(part)[-1]
        own = (
            _ASKS.search(sentence) is not None
            and _ASKS_OF_THE_SAME.search(sentence) is None
            # "How much stays with the Greek side": a count of nothing named counts what the
            # part before asks.
            and (_HOW_MANY.match(sentence.lstrip()) is None or bool(_measured(sentence)))
        )
        if spans and (not own or not spans[-1][2]):
            # Joined to the part before; a first part that asks nothing takes this one's say.
            spans[-1] = (spans[-1][0], end, own or spans[-1][2])
        elif part:
            spans.append((start, end, own))
        start = next_start
    return tuple(question[a:b].strip() for a, b, _ in spans) or (question,)


# Which one of a series a question asks about: "the third FFplus call", "the 4th wave".
# "First" and "second" are left out: "first" asks the next one as often ("the first cut-off in
# 2027"), and "second" is also a unit of time.
_ORDINAL_WORDS = {
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
# Only before what makes a series: "a 3rd-party partner", "by March 31st", "a third of our
# team" name no place in one. A cut-off's number is rarely written, and "the first cut-off in
# 2027" asks for the next one, so cut-offs are a series only for the third on.
_SERIES_WORDS = r"(?:calls?|waves?|rounds?|editions?|phases?|batch(?:es)?)"
# "The first batch of AI Factories" is their first wave; "my first batch job" is no place in
# a series.
_BATCH_OF_WAVES = re.compile(r"\b(?:ai\s+factor(?:y|ies)|aifs?|antennas?)\b", re.I)


def _series(word: str, text: str) -> str:
    """The series a word names, singular ("waves" is "wave"); a batch in a `text` about AI
    Factories or antennas is a wave, another batch none ("")."""
    singular = re.sub(r"(?<=ch)es$|s$", "", word.lower())
    if singular == "batch":
        return "wave" if _BATCH_OF_WAVES.search(text) else ""
    return singular


_SERIES = r"(?:" + _SERIES_WORDS[3:-1] + r"|cut-?offs?)\b"
# The words between an ordinal and its series name the series ("the second FFplus innovation
# studies call"); a clause does not ("the first time we call the helpdesk", "the second month
# after the call", "the first step is a call", "the 2nd largest call").
_BETWEEN = (
    r"(?:\s+(?!(?:of|we|i|you|they|to|the|an?|is|are|was|after|before|times?|steps?|months?|"
    r"weeks?|days?|years?|half|largest|biggest|smallest|best)\b)[\w-]+){0,3}?\s+"
)
# A place named as an ordinal before its series ("the second wave", "the 3rd cut-off") or as
# numbers after it ("wave 2", "calls 1 and 2", "waves 1, 2 and 3").
_PLACE_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, **_ORDINAL_WORDS}
_PLACE_BEFORE = re.compile(
    r"\b(?P<place>" + "|".join(_PLACE_WORDS) + r"|\d+(?:st|nd|rd|th))\b"
    r"(?=" + _BETWEEN + r"(?P<series>" + _SERIES + r"))",
    re.I,
)


def _ordinal_places(text: str) -> Iterator[tuple[str, int]]:
    """(series, place) for each ordinal written before its series ("the second wave")."""
    for m in _PLACE_BEFORE.finditer(text):
        place = m.group("place").lower()
        number = _PLACE_WORDS.get(place) or int(re.sub(r"\D", "", place))
        series = _series(m.group("series"), text)
        if series:
            yield series, number


def ordinals(text: str) -> frozenset[int]:
    """The places in a series that `text` names as ordinals ("third", "3rd"), from the third
    on, of any series, cut-offs too."""
    return frozenset(n for _, n in _ordinal_places(text) if n >= 3)


_PLACE_AFTER = re.compile(
    r"\b(?P<series>" + _SERIES_WORDS + r")\s+"
    r"(?P<numbers>\d{1,2}(?:\s*(?:,|and|&|or|-|to)\s*\d{1,2}\b)*)\b"
    # Not a time, an amount or a count: "the 1st call 2 weeks ago", "call 2 people".
    r"(?!\s*(?:weeks?|days?|months?|years?|hours?|h|minutes?|[GT]B|nodes?|GPUs?|%|people|"
    r"persons?|projects?|times?))",
    re.I,
)

Places = frozenset[tuple[str, int]]


def places(text: str) -> Places:
    """Every place in a series that `text` names, with its series ("call", "wave", ...):
    "the second wave" and "wave 2" are ("wave", 2), "calls 1 and 2" both calls."""
    # Not a cut-off's: "the first cut-off in 2027" asks for the next one (see `_SERIES`).
    found = {(s, n) for s, n in _ordinal_places(text) if not s.startswith("cut")}
    for m in _PLACE_AFTER.finditer(text):
        series = _series(m.group("series"), text)
        if series:
            found |= {(series, n) for n in _numbers(m.group("numbers"))}
    return frozenset(found)


# "Selected in three waves", "3 calls so far": so many of a series, the first to the last.
_SERIES_COUNT = re.compile(
    r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(waves|calls|rounds|editions|phases)\b",
    re.I,
)
_COUNT_WORDS = {
    w: i for i, w in enumerate("two three four five six seven eight nine ten".split(), start=2)
}


def counted_places(text: str) -> Places:
    """The places of a series `text` counts ("selected in three waves": waves 1 to 3), with
    those it names (see `places`)."""
    found = set(places(text))
    for m in _SERIES_COUNT.finditer(text):
        count = m.group(1).lower()
        n = int(count) if count.isdigit() else _COUNT_WORDS[count]
        found |= {(m.group(2).lower().rstrip("s"), i) for i in range(1, min(n, 50) + 1)}
    return frozenset(found)


def _numbers(listed: str) -> set[int]:
    """The numbers a list names, a range by every number in it: "1, 2 and 3", "1 to 3", "1-3"."""
    numbers: set[int] = set()
    for part in re.split(r"\s*(?:,|\band\b|&|\bor\b)\s*", listed):
        ends = [int(n) for n in re.findall(r"\d+", part)]
        if len(ends) == 2 and ends[0] <= ends[1]:
            numbers |= set(range(ends[0], ends[1] + 1))
        else:
            numbers |= set(ends)
    return numbers


def only_other_places(asked: Places, named: Places) -> bool:
    """Whether `named` names places of a series `asked` asks about, none of them the asked
    ones: "call 1" for "the second call"; not "calls 1 and 2", nor "wave 1" for a call."""
    for series in {s for s, _ in asked}:
        wanted = {n for s, n in asked if s == series}
        given = {n for s, n in named if s == series}
        if given and not wanted & given:
            return True
    return False


def only_asked_places(asked: Places, named: Places) -> bool:
    """Whether `named` names an asked place and no other place of the asked series."""
    series = {s for s, _ in asked}
    return bool(named & asked) and not {(s, n) for s, n in named if s in series} - asked


def names_place(text: str, place: int) -> bool:
    """Whether `text` names the `place`-th of a series: as an ordinal, or as the number after
    what is counted ("Call 3", "wave 3")."""
    return place in ordinals(text) or bool(re.search(rf"\b{_SERIES}\s+{place}\b", text, re.I))


# "Which flag", "what env var", "is there an option": a name to type, which only a text that
# writes one gives (the code kind also reads "which call", "which module" or "how do I").
_SETTING = (
    r"(?:env(?:ironment)?\s+var(?:iable)?s?|options?|flags?|switch(?:es)?|arguments?|"
    r"parameters?|variables?|commands?|directives?|keywords?|(?:cli|command-line)\s+tools?|"
    # "What's the Slurm partition name I put in --partition": a name to type.
    r"(?:partition|queue|qos)\s+names?)\b"
)
_ASKS_SETTING = re.compile(
    r"\b(?:which|what)(?:'s|\u2019s|\s+is|\s+are)?(?:\s+[\w-]+){0,2}?\s+" + _SETTING + "|"
    r"\bis\s+there\s+(?:(?:a|an|any)\s+)?(?:[\w-]+\s+)?" + _SETTING + "|"
    # "deucalion: any command to see how much energy our jobs burned": the same, said short.
    r"(?:^|[:;,.!?])\s*any\s+(?:[\w-]+\s+)?" + _SETTING + "|"
    # "What do I type to see how much is left": a command.
    r"\bwhat\s+(?:do|should|can|would)\s+(?:i|we|you)\s+(?:type|run|enter)\b|"
    # "Wie heißt die Slurm-Partition ...", read as "called ... Slurm Partition": its name.
    r"^\s*called\b[^?.!]{0,40}?\b(?:partition|queue|qos)\b",
    re.I,
)


# "Could it run 12 months, or only shorter chunks? What are the options?": the choices of what
# was just asked, no option to type (unlike "what are the options for srun").
_BARE_OPTIONS = re.compile(r"\b" + _CHOICES + r"\s*(?:[?.!]|$)", re.I)


def asks_setting(question: str) -> bool:
    """Whether the question asks for an option, flag, variable or command to type."""
    return bool(_ASKS_SETTING.search(_BARE_OPTIONS.sub(" ", asked_part(question))))


def valued_kinds(question: str) -> tuple[str, ...]:
    """The kinds of value a passage must hold to give what `question` asks (see `wanted_kinds`):
    a duration is asked as one, so a bare number does not stand in for it ("what transaction
    timeout ...", "the maximum walltime" are not given by "section 3.2.9" or a node count)."""
    kinds = wanted_kinds(question)
    shown = shown_by_setting(question)
    if shown:
        asked = question.replace(shown, " ")
        kinds = tuple(
            k for k in kinds if k not in ("quantity", "duration") or _WANTS[k].search(asked)
        )
    return tuple(k for k in kinds if k != "quantity") if "duration" in kinds else kinds


@lru_cache(maxsize=256)
def shown_by_setting(question: str) -> str:
    """What the command, option or setting asked for shows or sets, as the question words it:
    "how much of our allocation is left" in "which command shows how much of our allocation is
    left". The command is asked; no figure of what it shows is needed to answer. Empty when
    no setting is asked."""
    asked = _BARE_OPTIONS.sub(" ", asked_part(question))
    setting = _ASKS_SETTING.search(asked) or _ASKS_HOW_TO_CHECK.search(asked)
    return "" if setting is None else asked[setting.end() :]


# "How do I check from the terminal how much of our budget is used up": the way to look it up
# is asked, as a command is.
_ASKS_HOW_TO_CHECK = re.compile(
    r"\bhow\s+(?:do|can|could|would|should)\s+(?:i|we|you)\s+(?:check|see|find\s+out|look\s+up|"
    r"monitor|query)\b",
    re.I,
)


def wanted_kinds(question: str) -> tuple[str, ...]:
    """The kinds of value the question asks for ("duration", "quantity", "date", "deadline",
    "version", "bandwidth", "default", "path", "code")."""
    question = asked_part(question)
    kinds = tuple(kind for kind, pattern in _WANTS.items() if pattern.search(question))
    dated = "date" in kinds or "deadline" in kinds
    if dated and _ASKS_HOW_LONG.search(question) and not _ASKS_DATE.search(question):
        kinds = tuple(k for k in kinds if k not in ("date", "deadline"))
    return kinds


# Month names as dates write them: capitalised, so "5 may run" stays a count.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# A calendar date is no count: "published 1 February 2027" does not say how many of anything.


def _calendar_days(month: str) -> str:
    """A day of a month as dates write it: "30 Jun 2026", "June 30, 2026", "2026-06-30"."""
    return (
        r"\b\d{1,2}(?:st|nd|rd|th)?(?:\s*[–-]\s*\d{1,2})?\s+" + month + r"(?:\s+(?:19|20)\d{2})?\b|"
        r"\b" + month + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d{2})?|"
        r"\b(?:19|20)\d{2}-\d{2}-\d{2}\b"
    )


# A month by its name or its usual short form only ("20 Marie Curie" names no day).
_MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
_CALENDAR_DAY = re.compile(_calendar_days(_MONTH_NAME))
# "10:00 CET", "5 pm", "noon": a time on the clock.
_HAS["clock time"] = re.compile(
    r"(?<![\d:.])\d{1,2}:[0-5]\d(?![\d:])|"
    r"(?<![\d.])\d{1,2}(?:[.:][0-5]\d)?\s*(?:a\.?m|p\.?m)\b\.?|"
    r"(?<![\d.])\d{1,2}[.][0-5]\d\s*(?:CET|CEST|UTC|GMT|EET|EEST)\b|\b(?:noon|midnight)\b",
    re.I,
)


def _said_on_a_day(verbs: str) -> str:
    """One of `verbs` with a calendar day a few words after it ("opened for proposals on 3 Feb
    2026")."""
    return r"\b(?:" + verbs + r")\b[^.;]{0,40}?(?:" + _calendar_days(_MONTH_NAME) + r")"


_OPENED = r"open(?:s|ed|ing)?|launch(?:es|ed)?"
# "Call 2 opened for proposals on 3 Feb 2026", "opens on 10 Sep": the day submissions start,
# which a cut-off (the day they end) is not; an always-open call answers too.
_HAS["opening"] = re.compile(
    _said_on_a_day(_OPENED) + r"|\b(?:continuously|permanently|always)\s+open\b|"
    r"\bopen\s+(?:continuously|permanently|all\s+(?:the\s+time|year))\b",
    re.I,
)
# "Call 2 studies start on 1 Sep 2026", "launched the competition on 16 Nov 2023": the day
# something began, which its end or its length does not give.
_HAS["start"] = re.compile(
    _said_on_a_day(_OPENED + r"|kick(?:s|ed)?\s+off|inaugurated|start(?:s|ed)?|begins?|began"),
    re.I,
)
_DATES = re.compile(
    _calendar_days(_MONTH)
    + r"|\b(?i:in|since|from|until|early|late|mid-?)\s+(?:19[89]\d|20[0-3]\d)\b"
)


# A web address: its slashes and dashes are no path or option ("see also https://docs...").
_URL = re.compile(r"\bhttps?://\S+", re.I)


def holds(text: str, kinds: tuple[str, ...]) -> bool:
    """True when `text` holds a value of one of `kinds`."""
    return any(_HAS[k].search(_read_for(k, text)) for k in kinds)


# When a page was published or last changed says nothing about what it describes: "Published
# 10 January 2027" does not answer "when's the deadline".
_STAMP = re.compile(
    r"\b(?:published|posted|last\s+(?:updated|modified|changed|reviewed))(?:\s+on)?:?\s+"
    r"(?:" + _DATES.pattern + r")",
    re.I,
)


# A host's name ("lumi.csc.fi", "login.leonardo.cineca.it"), not a web page's address: three
# labels or more, so a file name ("train.py") is none.
_HAS["host name"] = re.compile(r"(?<![\w/.-])(?:[a-z0-9-]+\.){2,}[a-z]{2,}(?![\w.-])", re.I)


def _read_for(kind: str, text: str) -> str:
    """`text` without what only looks like a value of `kind`: the digits of a date are no
    quantity, a web address is no code, a page's publication date answers no "when"."""
    if kind == "quantity":
        return _DATES.sub(" ", text)
    if kind in ("date", "deadline"):
        return _STAMP.sub(" ", text)
    if kind in ("code", "host name"):
        return _URL.sub(" ", text)
    return text


# "How many <thing> ...": the words that end the thing counted (a verb, a preposition, a
# pronoun, punctuation): "how many ACC nodes with H100s" counts nodes, "how much HBM memory
# does" measures memory.
_AFTER_THING = (
    r"(?:does|do|did|will|would|can|could|is|are|was|were|has|have|had|exists?|existing|per|"
    r"in|on|of|for|with|at|to|from|off|by|into|within|across|during|through|should|must|"
    r"may|might|we|i|you|they|it|there|left|"
    r"remains?|remaining|one|an?|each|every|our|my|your|their|this|that|these|those|"
    # Verbs that follow the thing counted: "how many CPU cores come along with one GPU".
    r"come|comes|coming|get|gets|fit|fits|go|goes|sit|sits|ship|ships|need|needs|take|takes|"
    r"make|makes|show|shows|appear|appears|belong|belongs|stay|stays|run|see|got|took|went|"
    r"gone|came|arrive|arrives|arrived)(?![\w-])|"
    # Chat spelling: "how many AI factories r there" (not R the language: "how many R packages").
    r"(?-i:r|u)(?=\s+(?:there|you|u|we|they|in)\b)"
)
# "What is the largest number of nodes a job may use" (or, typed fast, "whats the max number
# of gpu hrs") counts nodes as "how many nodes" does;
# a number of things named without a question ("I set the number of threads to 8") asks none.
_NUMBER_OF = (
    r"\b(?:what|which)(?:'s|\u2019s|s|\s+is|\s+are)?\s+(?:the\s+)?(?:(?:max(?:imum)?|min(?:imum)?|"
    r"largest|smallest|highest|lowest|greatest|default|total|exact)\s+)?number\s+of"
)
# Where the thing counted ends, in English: at the words of `_AFTER_THING`, and at the words
# that start a clause or a time after it ("how many days till we can log in"). Not so in a
# question read from another language, whose words keep their language's order ("how much
# pass after cut-off": the time is the cut-off's, read loosely).
_ENDS_ENGLISH_THING = (
    r"(?:" + _AFTER_THING + r"|(?:till|until|before|after|since|between|when|while|if|than|"
    r"unless|because)(?![\w-])|"
    # Verbs that are nouns too, as verbs after a plural ("how many nodes share one group"),
    # not in a compound ("how much industry share", "fair share points", "hold jobs"); only in
    # English word order: a reading from another language may put the noun there ("how much
    # EuroHPC share LUMI").
    r"(?<=s\s)(?:share|hold|contain|use|host|run|offer|have)(?![\w-])|"
    # ... and at a second question joined on: "how many GPU hours and where", "how many nodes
    # or which partition". A question word is never the thing counted.
    r"(?:(?:and|or|&)\s+)?(?:where|who|whom|what|which|why|how)(?![\w-]))"
)
# A word that qualifies the count after the thing ("how many GPU hours max can we ask for",
# "how many nodes exactly"): it ends the thing but is none itself. Before the thing it is part
# of the phrase ("how many total GPUs").
_QUALIFIES_COUNT = (
    r"(?:max(?:imum)?|min(?:imum)?|exactly|roughly|approx(?:imately)?|about|total|"
    r"altogether|together|overall|all(?=\s+(?:together|told)\b)|"
    # Chat's adverbs after the thing: "how many sub-projects actually got funded".
    r"actually|really|usually|typically|currently|already|still|even|ever)(?![\w-])"
)
_COUNTED = re.compile(
    r"(?:\bhow (?:many|much)|" + _NUMBER_OF + r")\s+"
    r"(?P<phrase>(?:(?!" + _ENDS_ENGLISH_THING + r")[\w+.-]+\s+){0,3}?"
    r"(?P<thing>(?!" + _ENDS_ENGLISH_THING + "|" + _QUALIFIES_COUNT + r")[a-z][\w-]*))"
    r"(?=\s+(?:" + _ENDS_ENGLISH_THING + "|" + _QUALIFIES_COUNT + r")|\s*[?,.;:!]|\s*$)",
    re.I,
)
# A number as a count: a whole word ("4", "1,120", "four"), not the digits of "H100".
# Not after a comma either: "1,1,1,..." would give a number at every comma, each tried anew.
_COUNT = r"(?<![\w.,])(?:\d[\d,.]*|hundreds?|thousands?|" + _NUMBER_WORDS + r")(?!\w)"
# Things measured in bytes: "how much memory" is answered by a size, wherever it stands.
_MEASURED_IN_BYTES = frozenset(
    {"memory", "ram", "dram", "hbm", "vram", "storage", "disk", "space", "flash", "nvme", "ssd"}
)
_SIZE = re.compile(r"\d\s*(?:[KMGTPE]i?B|bytes?)\b", re.I)
# A node's RAM is no GPU's memory: "how much system RAM does a Vega GPU node have" is not
# answered by "4 NVIDIA A100 40 GB GPUs", "(128 GB each)" after the GPUs, or "96 GB of HBM3".
_HOST_MEMORY = frozenset({"ram", "dram"})
_HOST_WORDS = re.compile(r"\b(?:system|host|main|node|cpu|ddr\w*)\b", re.I)
_GPU_WORDS = re.compile(r"\b(?:gpus?|hbm\w*|vram|gcds?)\b", re.I)
_GPU_MEMORY = re.compile(
    r"\b(?:A100|H100|H200|A40|L40S?|V100|GH200|MI\d{3}X?)(?:\s+SXM\d)?\s+\d+\s*[GT]i?B\b|"
    r"GPUs?\s*\(\s*\d+\s*[GT]i?B\s+each\s*\)|"
    r"\d+\s*[GT]i?B\s+(?:of\s+)?(?:HBM\w*|VRAM|GPU\s+memory)",
    re.I,
)
# ... "how much CO2 does a GPU-hour emit", "how much energy does a job use" by an amount in a
# unit of energy, power or mass ("0.2 kWh", "350 W", "12 g CO2e"). Not "power": "how much
# computing power" asks for flops ...
_MEASURED_IN_ENERGY = frozenset({"energy", "electricity", "co2", "carbon", "emissions"})
_ENERGY = re.compile(
    r"\d\s*(?:[kMGT]?W(?:h|s)?|[kMG]?J|(?:k|m)?g|kilo(?:watt|gram)s?\w*|t(?:onnes?|ons?)?|"
    r"watts?|joules?)\b",
    re.I,
)
_ASKS_POWER = re.compile(
    r"\bhow\s+(?:much|many)\s+(?:watts?|wattage|kw|mw)\b|"
    r"\b(?:tdp|wattage|watts?|power\s+(?:caps?|limits?|draw|consumption|usage|envelope|budget|"
    r"rating)|(?:draws?|consumes?|uses?)\s+(?:how\s+much|what)\s+power)\b|"
    r"\bhow\s+much\s+power\b(?=[^?.!]{0,40}\b(?:draws?|drawn|consum\w*|uses?|burns?|pulls?)\b)",
    re.I,
)
_POWER_WORDS = r"(?:power(?:\s+\w+)?|watts?|wattage|tdp)"
# Things counted that are power: "how many watts", "how much wattage".
_POWER_THINGS = frozenset({"power", "watt", "watts", "wattage", "tdp", "kw", "mw"})
_POWER_ASIDE = re.compile(
    r"\b(?:ignoring|regardless\s+of|apart\s+from|aside\s+from|besides)\s+(?:the\s+)?"
    + _POWER_WORDS
    + r"|\b"
    + _POWER_WORDS
    + r"\s+(?:aside|(?:is|isn'?t|is\s+not|are|aren'?t|are\s+not)\s+(?:a\s+|no\s+)?(?:concern|issue|"
    r"problem)|doesn'?t\s+matter)",
    re.I,
)
# ... "how many petaflops" by a rate of floating-point operations ("about 10 PF", "1 EF HPL"),
# which no GPU-hour figure stands in for.
# ... and "how much sustained performance" is a rate of operations too.
_MEASURED_IN_FLOPS = frozenset(
    {
        "flops",
        "petaflops",
        "pflops",
        "pf",
        "exaflops",
        "eflops",
        "ef",
        "teraflops",
        "tflops",
        "performance",
    }
)
_FLOPS = r"\d\s*(?:[PETG]F(?:lop(?:/?s)?)?|(?:peta|exa|tera|giga)\s?flop(?:s|/s)?)\b"
_FLOPS_RATE = re.compile(_FLOPS, re.I)
# "What's the peak bf16 tflops": a rate of operations asked by its unit.
_ASKS_FLOPS = re.compile(
    r"\b(?:what|which|whats)(?:'s|\u2019s|\s+is|\s+are)?\b[^?.!]{0,40}?\b(?P<unit>"
    # Not "which performance tool": only a unit asks for a rate.
    + "|".join(sorted(_MEASURED_IN_FLOPS - {"pf", "ef", "performance"}))
    + r")\b",
    re.I,
)
# ... and "how much network bandwidth does a node get" by a rate of data ("400 Gb/s"), which
# the node's other numbers (GPUs, cores, memory) do not give.
_MEASURED_IN_BANDWIDTH = frozenset({"bandwidth", "throughput"})
# Things measured in a unit of their own (see `unit_measures`).
_MEASURED_IN_UNITS = (
    _MEASURED_IN_BYTES | _MEASURED_IN_ENERGY | _MEASURED_IN_FLOPS | _MEASURED_IN_BANDWIDTH
)
# ... "how many percent" by a percentage ("35%", "35 per cent") ...
_MEASURED_IN_PERCENT = frozenset({"percent", "percentage", "percentages", "share", "fraction"})
_PERCENTAGE = re.compile(r"\d\s*%|\d\s*(?:per\s?cent|percent)\b", re.I)
# ... and a fraction, or how much more or less of something, also by a ratio ("0.999", "1/10",
# "twice", "2x the size"). Not a date's or a path's slash ("12/03", "/tmp"), a count of things
# ("4x AMD MI250X", "1024 x 1024"), a precision ("double-precision"), a part of a year ("the
# second half of 2025") or a decimal in a unit ("0.5 GPU-hours").
_RATIO = re.compile(
    r"(?<![\w.])\d+(?:\.\d+)?\s*(?:x|×|times)\s+(?:the|as|more|less|larger|smaller|bigger|"
    r"faster|slower|fewer)\b|"
    r"\btwice\b|\bhalf\s+(?:the|as)\b|\b(?:a|one)[- ](?:tenth|quarter|third|fifth|hundredth)\b|"
    r"(?<![\w/.])1\s*/\s*\d{1,4}(?![\w/.])|"
    r"(?<![\w.,])0\.\d+(?!\w|\.\d)(?!\s*(?:(?-i:[A-Z]{2,}|[kMGT]?B\b)|[a-z]+-hours?\b|"
    r"(?:hours?|h|min|minutes?|s|ms|seconds?|days?)\b|%))",
    re.I,
)
# A multiple on its own: "10x", "3-5x slower", "a factor of 20", "20 times".
_MULTIPLE = re.compile(
    r"(?<![\w.])\d+(?:\.\d+)?(?:\s*[-–]\s*\d+(?:\.\d+)?)?\s*(?:x|×)(?!\w)|"
    r"\bfactor\s+of\s+(?:about\s+|roughly\s+|around\s+)?\d|\b\d+(?:\.\d+)?\s+times\b",
    re.I,
)
# "How much scratch disk compared to the data set", "roughly how much less memory": a size
# asked relative to another, which a ratio gives as well as a size does.
_RELATIVE = re.compile(
    r"\b(?:compared\s+(?:to|with)|relative\s+to|in\s+relation\s+to|"
    r"how\s+(?:much|many)\s+(?:less|more|fewer|smaller|larger|bigger)\b)",
    re.I,
)
# ... "how much compute" by an amount of it: GPU-, node- or core-hours, a share of a machine's
# capacity, a machine's peak ...
_MEASURED_IN_COMPUTE = frozenset({"compute", "computing", "capacity"})
_COMPUTE = re.compile(
    r"(?<![\d,.])\d[\d,.]*\s*[kKM]?\s*(?:(?:GPU|GCD|node|core|CPU)[- ]?h(?:ours?)?\b|%|per\s?cent\b)|"
    + _FLOPS,
    re.I,
)
# ... and "how much money / funding" by an amount of money (or by its absence: free of charge).
_MEASURED_IN_MONEY = frozenset(
    {"money", "funding", "funds", "financing", "budget", "grant", "cash", "euros", "eur"}
)
# Money as written ("€", "EUR 180", "$5"), and the words for none of it.
_MONEY = r"(?:€|\b(?:EUR|euros?|USD)\b|\$)"
_FREE = re.compile(r"\bfree of charge\b|\bno cost\b", re.I)
_AMOUNT = re.compile(r"€|\b(?:EUR|euros?|USD)\b|\$\s?\d|" + _FREE.pattern, re.I)
# A price is money, or what a machine bills instead: "each GCD-hour costs 0.5 GPU-hours",
# "LUMI-F storage costs 10 times the LUMI-P rate".
_BILLED = re.compile(r"\b(?:costs?|charged|billed|bills)\b[^.;]{0,30}?\d", re.I)


# "How much does a GPU-hour cost", "what is the price of": what is measured is a price.
_PRICE = re.compile(
    r"\bhow (much|expensive)\b[^?.]*\b(cost|costs|costing|price[ds]?|charged?|fees?|pay)\b|"
    r"\b(what|which)\b[^?.]*\b(price|cost|fee)s?\b|"
    # "What does a large company pay per GPU-hour", also read from another language ("what
    # pay size company").
    # Not "pay attention", nor "pay off" (to be worth it: "from what size does it pay off").
    r"\bwhat\b[^?.]*\b(pay|pays|paid)\b(?!\s+(?:attention\b|off(?![\w-])))|"
    # French and Polish put the verb first: "elle paie combien" reads "pay how much".
    r"\b(pay|pays|paid)\s+how (much|many)\b|"
    # "How much is one GPU-hour in euros", "price per TB per month", "how much per GPU hour".
    r"\bhow much\b[^?.]*\bin (euros?|eur|dollars?|usd)\b|\bprices?\s+(per|for|of)\b|"
    r"\bhow much\s+(per|an?|each)\s+[\w-]+",
    re.I,
)


# A price asked for one unit of use ("one GPU-hour", "a node-hour", "per month") is a rate: a
# budget ("worth EUR 500 M") does not answer it.
_PER_UNIT = re.compile(
    r"\b[a-z]+-hours?\b|\b(?:per|an?|one|each)\s+(?:[\w-]+\s+)?"
    r"(?:hours?|days?|months?|years?|nodes?|gpus?|cores?|tb|gb|users?|seats?)\b|"
    # Read from another language: "for hour GPU" ("per un'ora GPU").
    r"\bfor\s+(?:hours?|gpus?|nodes?|cores?)\b",
    re.I,
)
# An amount of money: "EUR 0.80", "€1.20", "300k euros", "EUR 4 M". A number starts where no
# digit or separator stands before it, so a long run of digits is read once, not from every
# digit.
_MONEY_NUMBER = (
    r"(?:" + _MONEY + r"\s?\d[\d.,]*|(?<![\d,.])\d[\d.,]*\s?(?:[kKmM]\s?)?" + _MONEY + r")"
    r"\s*(?:[kKmM]\b)?"
)
# An amount with its unit of use close after it: "EUR 0.80 per GPU-hour", "€1.20/node-hour",
# "0.5 EUR an hour".
_RATE = re.compile(
    _MONEY_NUMBER + r"[^.;\n]{0,20}?(?:\bper\b|/\s*\w|\ban?\s+(?:[\w-]+-)?hour\b)",
    re.I,
)
_CURRENCY = re.compile(_MONEY + r"|\bdollars?\b", re.I)
# "How big was that contract in euros", "what's the deal worth": a sum of money, asked without
# "how much".
_ASKS_SUM = re.compile(
    r"\bin\s+(?:euros?|eur|dollars?|usd)\b|\bin\s+(?:€|\$)|"
    # Not a grant or a budget: EuroHPC's are GPU-hours as often as money.
    r"\b(?:how\s+(?:big|large)|what\s+size)\b[^?.!]{0,30}?\b(?:contract|deal|investment)s?\b|"
    r"\b(?:contract|deal|investment)s?\b[^?.!]{0,30}?\bworth\b|"
    # "What's its contract value" (not a budget: a Playground project's is GPU-hours).
    r"\bwhat(?:'s|s|\s+is|\s+was|\s+were)?\b[^?.!]{0,30}?\b(?:contract\s+value|"
    r"price\s+tag)s?\b",
    re.I,
)
_PRICE_WORD = re.compile(r"\bprices?\b", re.I)
# A question for a share of something: answered by a percentage, never by a count. "What
# fraction of" is answered by a ratio ("0.999") as well; a share or a proportion is asked in per
# cent.
_PERCENT_WORD = re.compile(r"\bpercent(?:age)?s?\b", re.I)
_ASKS_SHARE = re.compile(
    r"\b(?:what|which)\s+(?:share|percentage|proportion|(?P<fraction>fraction))\s+of\b|"
    r"\bwhat\s*%|\b(?:acceptance|success|approval|rejection)\s+rates?\b|"
    # "How many percent overhead", "what percentage slowdown": the count is in per cent.
    r"\bhow\s+many\s+(?:percent|per\s+cent|%)|\bwhat\s+percentage\b",
    re.I,
)
# "How many times slower", "how many times more memory": a multiple, which "10x", "twice" or a
# percentage gives, not a count of anything ("how many times per day" is a frequency).
_ASKS_MULTIPLE = re.compile(
    r"\bhow\s+many\s+times\s+(?:\w+\s+)?(?:slower|faster|more|less|larger|bigger|smaller|"
    r"longer|shorter|higher|lower|as)\b|\bby\s+what\s+factor\b|\bwhat\s+(?:kind\s+of\s+)?"
    r"(?:slowdown|speed-?up)\s+factor\b",
    re.I,
)


# "How much of the supercomputer's cost does the EU cover": a part of a sum, not a price.
_SHARE_OF_SUM = re.compile(
    r"\bhow\s+much\s+of\s+(?:the\s+|its\s+|their\s+|our\s+|an?\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(?:costs?|budget|funding|price|bill|expenses?|investment)\b",
    re.I,
)


# "Which AI Factory is the Irish antenna linked to", "which machines does Fast Lane give": the
# answer is a name of that kind, which a text about the antenna that names none does not give.
_NAMED_KIND = (
    r"\b(?:which|what)\s+(?:other\s+|eurohpc\s+)?"
    r"(?:(?P<factory>(?:ai\s+)?factor(?:y|ies))|(?P<machine>machines?|supercomputers?)|"
    r"(?P<call>calls?)|"
    # "Which country's bid was turned down": a country, which counts of bids do not name.
    r"(?P<country>countr(?:y|ies)(?:'s\s+[\w-]+)?|member\s+states?))"
)
_ASKS_NAMED = re.compile(
    _NAMED_KIND
    # "On which machine(s) exactly".
    + r"(?:\(s\))?"
    r"(?=\s+(?:exactly|precisely|is|are|was|were|does|do|did|should|could|can|will|would|to|for|it|we|they|"
    r"i|our|fits?|suits?|has|have|hosts?|gives?|offers?)\b|\s*[?,.;:!]|\s*$)",
    re.I,
)


# "The Belgian antenna, which institution runs it", "who hosts LUMI": the organisation that
# hosts or runs something, which a text naming the thing and its country does not give.
_ASKS_HOST = re.compile(
    r"\b(?:which|what)\s+(?:[\w-]+\s+)?(?:institutions?|organi[sz]ations?|orgs?|"
    r"universit(?:y|ies)|cent(?:re|er)s?|entit(?:y|ies)|compan(?:y|ies)|hosts?)\s+"
    r"(?:runs?|operates?|hosts?|manages?|leads?|coordinates?|is\s+(?:behind|running|hosting|"
    r"in\s+charge))\b|"
    r"\bwho\s+(?:runs?|operates?|hosts?|manages?|is\s+(?:behind|running|hosting|in\s+charge))\b",
    re.I,
)
# How a text names who hosts or runs it: "is hosted by CSC", "run by IZUM".
_HOSTED_BY = re.compile(r"\b(?:hosted|run|operated|managed|led|coordinated)\s+by\b", re.I)
# "Which vendor is building it", "who built Vega": the company that makes the machine.
_ASKS_VENDOR = re.compile(
    r"\b(?:which|what)\s+(?:[\w-]+\s+)?(?:vendors?|manufacturers?|integrators?|suppliers?)\b|"
    r"\bwho\s+(?:is\s+|was\s+)?(?:build(?:s|ing)?|built|makes?|made|manufactur\w+|"
    r"suppl(?:ies|ied|ying)|deliver(?:s|ed|ing)?)\b",
    re.I,
)
# ... which a text gives by naming one of the companies that build supercomputers, or saying
# who built it.
_VENDOR_NAMED = re.compile(
    r"\b(?:HPE|Hewlett[- ]Packard|Cray|Atos|Eviden|Bull|Fujitsu|Lenovo|ParTec|IBM|Dell|"
    r"Supermicro|Megware|SiPearl|Inspur|Huawei|NEC)\b|"
    r"\b(?:built|made|supplied|delivered|manufactured)\s+by\b",
)


# ... read from another language, where any word may follow: "an welche AI Factory ist die
# angebunden" reads "which AI factory connected".
_ASKS_NAMED_LOOSELY = re.compile(_NAMED_KIND + r"\b", re.I)


def asked_subject_kind(question: str, *, english_order: bool = True) -> str | None:
    """The kind of thing whose name a "which ...?" question asks for ("factory", "machine",
    "call", "country", "host": who hosts or runs it, "vendor": who builds it), or None. `english_order`: whether the question is
    English as written, not the reading of another language (see `_ASKS_NAMED_LOOSELY`)."""
    found = (_ASKS_NAMED if english_order else _ASKS_NAMED_LOOSELY).search(question)
    if found is not None:
        return found.lastgroup
    if english_order and _ASKS_VENDOR.search(question):
        return "vendor"
    return "host" if english_order and _ASKS_HOST.search(question) else None


def names_vendor(text: str) -> bool:
    """Whether `text` names the company that builds what it is about ("built by HPE",
    "Atos/Eviden BullSequana")."""
    return _VENDOR_NAMED.search(text) is not None


def names_host(text: str) -> bool:
    """Whether `text` says who hosts or runs what it is about ("is hosted by CSC")."""
    return _HOSTED_BY.search(text) is not None


def asks_for_value(question: str) -> bool:
    """Whether the question asks for a value (a number, a duration, a date, a price) rather
    than for a yes, a no or a route."""
    kinds = set(wanted_kinds(question)) & {"quantity", "duration", "date", "deadline"}
    return bool(kinds or _HOW_MANY.search(question) or _PRICE.search(question))


_VERSION_WORD = re.compile(r"\b(?:versions?|releases?)\b", re.I)

# "What's the PUE of the Deucalion data centre", "what is the HPL Rmax of Discoverer+": the
# attribute asked for, between "what is the" and what it is of.
_ASKED_ATTRIBUTE = re.compile(
    r"\bwhat(?:'s|’s|s|\s+is|\s+are|\s+was|\s+were)\s+(?:the\s+|its\s+|their\s+)?"
    r"((?:[\w+-]+\s+){0,2}?[\w+-]+)\s+(?:of|for|on|in|at)\b",
    re.I,
)


def asked_attribute(question: str) -> str:
    """The words naming the attribute a "what is the X of Y" question asks for ("PUE" in
    "what's the PUE of ...", "HPL Rmax" in "what is the HPL Rmax of ..."), or ""."""
    found = _ASKED_ATTRIBUTE.search(question)
    return found.group(1) if found else ""


# "Is there a Regular Access cut-off in 2026?", "can we run on Vega?": a question a yes or a no
# answers, by the verb one of its sentences starts with.
_YES_NO = re.compile(
    r"(?:^|[.!?]\s+)\W*(?:can|could|is|are|does|do|did|will|would|may|might|has|have)\b", re.I
)
# "When was ...", "what was the cut-off date": a day is asked for.
_ASKS_DAY = re.compile(r"\b(?:when|dates?|which\s+day|what\s+day)\b", re.I)


def asks_yes_or_no(question: str) -> bool:
    """Whether a yes or a no answers the question."""
    return _YES_NO.search(question) is not None


def asks_day(question: str) -> bool:
    """Whether the question asks on which day something is or was (not whether there is one)."""
    return _ASKS_DAY.search(question) is not None and not asks_yes_or_no(question)


# "Which day exactly", "what date was it": a calendar day, which "a month after the cut-off"
# (an answer to "when do we hear back") does not give.
_ASKS_EXACT_DAY = re.compile(
    r"\bexact(?:ly)?\b[^.?!]{0,20}?\b(?:day|date)\b|\b(?:day|date)\b[^.?!]{0,20}?\bexactly\b|"
    # "Which day was the spring cut-off": a day gone by, which no time after it gives.
    r"\b(?:which|what)\s+(?:day|date)\s+(?:was|were|did)\b",
    re.I,
)


# "From which day could we start submitting", "when does the FFplus call open": the day
# submissions open, which the cut-off that closes them does not give. Asked with a word for a
# day: "how do we start applying" asks how, not when.
_ASKS_OPENING = re.compile(
    r"\bwhen\b[^?.!]{0,40}?\b(?:start|begin)\s+(?:submitting|applying|to\s+submit|to\s+apply)\b|"
    r"\bwhen\s+(?:does|do|did|will|is|was)\b[^?.!]{0,40}?\bopen(?:s|ed|ing)?\b(?!\s+(?:now|still))|"
    r"\bopen(?:s|ed)?\s+for\s+(?:proposals|submissions|applications)\b|"
    r"\bopening\s+(?:date|day)\b|"
    r"\b(?:from|since)\s+(?:which|what)\s+(?:day|date)\b|\bfrom\s+when\b",
    re.I,
)
# "When did the Large AI Grand Challenge kick off", "when would the study kick off": the day
# something began; not "when I launch a job".
_ASKS_START = re.compile(
    r"\bwhen\s+(?:did|does|will|was|would|is)\b[^?.!]{0,60}?\b"
    r"(?:kick(?:ed)?\s+off|launch(?:ed)?|start(?:ed)?)\b|\blaunch\s+date\b",
    re.I,
)
# "What speedup did they get on 4 nodes", "the time per epoch": a ratio of run times, or a run
# time, which a page showing the jobscript does not give.
_ASKS_SPEEDUP = re.compile(
    r"\b(?:what|which|how\s+(?:much|big|good))\s+(?:[\w-]+\s+){0,2}?speed-?ups?\b|"
    r"\btime\s+per\s+(?:epoch|step|iteration|batch|sample|token)\b",
    re.I,
)
# A multiple (not a count of parts: "4x MI250X"), or a percentage faster.
_HAS["speedup"] = re.compile(
    r"(?:" + _MULTIPLE.pattern + r")(?!\s*(?-i:[A-Z0-9]))|\d\s*%\s+(?:faster|slower|speed-?up)",
    re.I,
)
# "Is there a request-rate limit per bucket, like max requests per second": a rate, which a
# page of quotas in bytes and files does not give.
_ASKS_RATE_LIMIT = re.compile(
    r"\b(?:requests?|queries|ops|operations|calls)\s*(?:per|/|a)\s*(?:second|sec|s|minute|min)\b|"
    r"\brequest[\s-]rate\b|\brate[\s-]limit",
    re.I,
)
# "What's the ssh login hostname", "which address do we ssh to": a host's name, which a page
# about the login nodes that names none does not give.
_ASKS_HOST_NAME = re.compile(
    r"\bhost\s*names?\b|\b(?:login|ssh)\s+(?:address|host|server|endpoint)s?\b|"
    r"\b(?:which|what)\s+(?:address|host|server)\s+(?:do|should|can)\s+(?:i|we)\s+"
    r"(?:ssh|log|connect)\b|\bwhere\s+(?:do|should|can)\s+(?:i|we)\s+ssh\s+(?:to|into)\b",
    re.I,
)
# "At what time of day does submission close": a time on the clock, which the day alone does
# not give. Not how long a review takes, nor a time of year or a time budget.
_ASKS_CLOCK_TIME = re.compile(
    r"\btime\s+of\s+(?:the\s+)?day\b|\bat\s+what\s+(?:time|hour)\b|\bwhich\s+hour\b|"
    r"\bclock\s+time\b|"
    r"\bwhat\s+o'?clock\b|"
    r"\bwhat\s+time\b(?!\s+of\s+(?:the\s+)?year)[^?.!]{0,50}?\b(?:close[sd]?|closing|"
    r"open(?:s|ed)?|ends?|due|deadline|"
    r"cut-?offs?)\b",
    re.I,
)


# "Which deadline comes first", "the very next cut-off": a day still to come, asked of a
# deadline.
_SOONEST = r"(?:next|upcoming|coming\s+up|comes?\s+(?:first|next|up)|soonest)"
_ASKS_NEXT_DEADLINE = re.compile(
    r"\b"
    + _SOONEST
    + r"\b(?!\s+steps?\b)[^?.!]*\b"
    + _DEADLINE_WORDS
    + r"|\b"
    + _DEADLINE_WORDS
    + r"\b[^?.!]*\b"
    + _SOONEST
    + r"\b",
    re.I,
)
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+(" + _MONTH + r"),?\s+((?:19|20)\d{2})\b")


# "When does the next call open", "when will submissions open": something still to come.
# "Is there a second antennas call coming up", "will there be another one".
_ASKS_TO_COME = re.compile(
    r"\b(?:next|upcoming|forthcoming|coming\s+up|will|going\s+to|another|"
    r"a\s+(?:second|new|further))\b",
    re.I,
)


def asks_to_come(question: str) -> bool:
    """Whether the question asks about something still to come."""
    return _ASKS_TO_COME.search(asked_part(question)) is not None


# "Is a second antennas call coming up? when does it close": a day still ahead, asked for.
_ASKS_AHEAD = re.compile(r"\b(?:next|upcoming|coming\s+up|forthcoming|future)\b", re.I)
# Where a clause ends: "when was vega inaugurated? asking for our next report" asks of the
# past in one clause and names something next in another.
_CLAUSE_END = re.compile(r"[.?!;:,]\s+|\s+(?:and|but|so|since|because|as)\s+|\s+-+\s+", re.I)
# A clause about what was: "when did the antennas call close", "when was it selected"; a
# participle only without a word saying it is still to come ("when will it be announced").
_PAST_WORDS = r"was|were|did|had|ago|already"
_OF_THE_PAST = re.compile(
    r"\b(?:" + _PAST_WORDS + r"|last|previous|past|"
    r"got|went|closed|opened|selected|launched|inaugurated|announced)\b",
    re.I,
)
_STILL_TO_COME = re.compile(r"\b(?:will|shall|going\s+to|gonna)\b|'ll\b", re.I)


def _of_the_past(clause: str) -> bool:
    """Whether a clause speaks of what was ("when was it opened"), not of what will be
    ("when will it be opened")."""
    if _STILL_TO_COME.search(clause):
        return _PAST_TENSE.search(clause) is not None
    return _OF_THE_PAST.search(clause) is not None


# Said of what was even beside "will" ("it was announced it will close"): a verb's tense.
_PAST_TENSE = re.compile(r"\b(?:" + _PAST_WORDS + r")\b", re.I)


def asks_day_ahead(question: str) -> bool:
    """Whether the question asks on which day something still ahead is (the next, an upcoming
    one), also after asking whether there is one: the day asked for in a clause of its own
    that names what is ahead, or after a clause asking whether one is coming, and neither
    speaks of the past."""
    clauses = [c for c in _CLAUSE_END.split(asked_part(question)) if c.strip()]
    for i, clause in enumerate(clauses):
        if not _ASKS_DAY.search(clause) or _of_the_past(clause):
            continue
        # Any clause before it that names what is ahead: "any upcoming antennas call? if so,
        # when does it close".
        if _ASKS_AHEAD.search(clause) or any(
            _ASKS_AHEAD.search(before) and not _of_the_past(before) for before in clauses[:i]
        ):
            return True
    return False


def asks_next_deadline(question: str) -> bool:
    """Whether the question asks for a deadline still to come ("which deadline comes first")."""
    return _ASKS_NEXT_DEADLINE.search(asked_part(question)) is not None


def only_past_days(text: str, today: date) -> bool:
    """Whether every day `text` names in full ("31 Dec 2025") is before `today`, and it names
    one: such a text tells what was, not what comes next."""
    days = full_days(text)
    return bool(days) and all(d < today for d in days)


def full_days(text: str) -> list[date]:
    """The days `text` names in full ("31 Dec 2025", "4 May, 2026"), in the order it names them."""
    days = []
    for found in _DAY_MONTH_YEAR.finditer(text):
        month = _MONTH_ABBREVIATIONS.index(found[2][:3].title()) + 1
        try:
            days.append(date(int(found[3]), month, int(found[1])))
        except ValueError:
            continue
    return days


_MONTH_ABBREVIATIONS = tuple("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())


@lru_cache(maxsize=1024)
def specific_kinds(question: str) -> tuple[str, ...]:
    """Kinds of value that only the fact stating them gives, whatever else it says: the day
    submissions open ("opening"), the day something began ("start") and a time on the clock
    ("clock time")."""
    question = asked_part(question)
    asked = (
        (_ASKS_OPENING.search(question) is not None, "opening"),
        (_ASKS_START.search(question) is not None, "start"),
        (_ASKS_CLOCK_TIME.search(question) is not None, "clock time"),
    )
    return tuple(kind for asks, kind in asked if asks)


def asks_exact_day(question: str) -> bool:
    """Whether the question asks for a calendar day ("which day exactly"), not a time from
    another event."""
    return _ASKS_EXACT_DAY.search(question) is not None


def names_calendar_day(text: str) -> bool:
    """Whether `text` names a day of a month ("30 Jun 2026", "2026-06-30", "June 30")."""
    return _CALENDAR_DAY.search(_STAMP.sub(" ", text)) is not None


_MONTH_OF_YEAR = re.compile(r"\b" + _MONTH + r"\s+(?:19|20)\d{2}\b")


def names_month(text: str) -> bool:
    """Whether `text` names a month of a year ("October 2021", "since Aug 2021"): as near as
    a record comes to the day, when it has no day."""
    return _MONTH_OF_YEAR.search(text) is not None


# "Which release first added the --gpus flag", "since which version": the release that brought
# something, which another version number on the page does not give.
_ASKS_INTRODUCED = re.compile(
    # Not "the earliest CUDA version supported" (a minimum, which "11.0 or later" gives), nor
    # "First, which version is installed?".
    r"\b(?:versions?|releases?)\b[^?.]{0,80}\b(?:first|introduc\w*|added|brought)\b|"
    r"\bfirst\s+(?:versions?|releases?)\s+(?:to|that|which|with)\b|"
    r"\bsince\s+(?:which|what)\s+(?:versions?|releases?)\b",
    re.I,
)


def asks_introduced(question: str) -> bool:
    """Whether the question asks which release first brought something."""
    return bool(_ASKS_INTRODUCED.search(question))


def asks_version(question: str) -> bool:
    """Whether the question asks for a version by that word ("which CUDA toolkit version"),
    which only a version number answers."""
    return "version" in wanted_kinds(question) and bool(_VERSION_WORD.search(question))


# "When is the next release coming out": a date still to come, which a page that describes the
# current release without one does not give. "When" must ask ("when is", "when's"), in the same
# sentence as what is to come: "our next run is big, so when I submit it ..." asks no date.
_COMING = re.compile(
    r"\bwhen(?:'s|\s+(?:is|are|will|does|do|should|would))\b[^.?!]*"
    r"\b(?:next|upcoming|coming out|come out|fixed|resolved|go(?:es)?[\s-]live|come online|"
    r"become (?:usable|available|operational))\b|"
    # "From when can start-ups get jobs running on it".
    r"\b(?:from|as\s+of)\s+when\b|"
    # "Any ETA on when HPE fixes it": an estimate of when, which is a date to come.
    r"\b(?:any|an)\s+eta\b|\beta\s+on\b",
    re.I,
)


# Read from another language, the question has lost its little words ("wann kommt das nächste
# Release" reads "when get next Release"): "when" then stands at most one word from "next".
_COMING_READ = re.compile(r"\bwhen(?:\s+\S+)?\s+(?:next|upcoming)\b", re.I)


# "Which month in 2027 will LUMI-AI open": the date to come asked by its unit.
_COMING_UNIT = re.compile(
    r"\b(?:which|what)\s+(?:month|year|quarter|week|day)\b[^.?!]*\b(?:will|going\s+to)\b",
    re.I,
)


def asks_coming_date(question: str, *, english_order: bool = True) -> bool:
    """Whether the question asks when something still to come happens ("when's the next
    release coming out"), which only a date or a time from now answers. `english_order` is
    false for a question read from another language (see `counted_things`)."""
    if english_order and _COMING_UNIT.search(question):
        return True
    coming = _COMING if english_order else _COMING_READ
    return "date" in wanted_kinds(question) and bool(coming.search(question))


# "What is the maximum walltime on the Booster", "what's the time limit of dev-g": a limit on
# how long a job may run, which only a duration gives. A walltime merely named is not asked
# for ("our job hit the walltime, which file ...", "which resource sets the walltime").
_TIME_LIMIT = re.compile(
    r"\b(?:max(?:imum)?|longest|upper)\b[^?.]{0,25}?\b(?:wall ?time|wall-clock(?: time)?|"
    r"time ?limit|run ?time|job length)\b|"
    r"\b(?:what|which)(?:'s|\s+is)?\s+(?:the\s+)?(?:[\w-]+\s+)?(?:wall ?time|time ?limit)\b",
    re.I,
)


def asks_time_limit(question: str) -> bool:
    """Whether the question asks how long a job may run at most ("the maximum walltime")."""
    return bool(_TIME_LIMIT.search(question))


# "How often does lumi-allocations update": a rate of recurrence, which "every hour", "daily"
# or an interval gives, and "on a periodic basis" does not.
_ASKS_FREQUENCY = re.compile(r"\bhow (?:often|frequently)\b", re.I)


def asks_frequency(question: str) -> bool:
    """Whether the question asks how often something happens."""
    return bool(_ASKS_FREQUENCY.search(question))


# "What's the base clock in GHz", "the clock speed of LUMI-G's CPU": only a clock rate answers,
# not the CPU's core count. Not asked how to read or set one ("how do I lock the GPU clock").
_ASKS_CLOCK = re.compile(
    r"\b(?:what|which|whats)\b[^?.!]{0,40}?\bclock\b(?!\s+time)|"
    r"\bclock\s+(?:speed|rate|frequency)\s+of\b|"
    r"\b(?:in|how\s+many)\s+[GM]Hz\b",
    re.I,
)


# "Where does Vega sit on the TOP500", "what rank is LUMI": a place on a list, which the
# machine's peak performance does not give.
_RANKING_LIST = r"(?:top\s?500|green\s?500|graph\s?500|hpcg|io500)"
_ASKS_RANK = re.compile(
    r"\b(?:what|which)\s+rank\s+(?:is|does|did|was|has)\b|"
    r"\bhow\s+(?:high|low|well)\b[^?.!]{0,40}?\b(?:rank|place)[sd]?\b|"
    r"\b(?:rank|ranks|ranked|ranking|position|place[ds]?|sits?|stands?|lands?)\b[^?.!]{0,30}?\b"
    + _RANKING_LIST
    + r"\b|\b"
    + _RANKING_LIST
    + r"\b[^?.!]{0,30}?\b(?:rank(?:ing)?|position|place|spot)\b",
    re.I,
)


# "How much of the RAM can a job actually get": what a job may use, which the memory installed
# in a node does not give (part of it is kept for the system).
_ASKS_USABLE = re.compile(
    r"\bhow\s+(?:much|many)\b[^?.!]{0,40}?\busable\b|"
    r"\bavailable\s+(?:to|for)\s+(?:a|the|my|our|one)?\s*jobs?\b|"
    r"\bcan\s+(?:a|my|our|the|one)\s+jobs?\s+(?:actually\s+|really\s+)?(?:get|use|have|allocate|request)\b",
    re.I,
)
_SAYS_USABLE = re.compile(r"\busable\b|\bavailable\b|\bjobs?\s+(?:can|may|get)\b", re.I)


# "Is that lustre or gpfs?": two names offered, one of which is the answer.
# Only right after "is that", "use", "run", "on": "official rule or hearsay?" offers no names.
_ALTERNATIVES = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:it|that|this|they|these|those)|uses?|using|runs?|on)\s+"
    r"([a-z][\w.+-]{2,})\s+or\s+([a-z][\w.+-]{2,})\s*(?:\?|$)",
    re.I,
)
_NO_ALTERNATIVE = frozenset(
    "not no yes both neither either something anything else more less other others what "
    "which later earlier sooner never always".split()
)


def asked_alternatives(question: str) -> tuple[str, str] | None:
    """The two things a question offers to choose from, when it ends a clause with "A or B?"
    ("is that lustre or gpfs?"); None otherwise, or when either is no name ("or not")."""
    found = _ALTERNATIVES.search(question)
    if found is None:
        return None
    pair = (found.group(1), found.group(2))
    # Months are written short in the facts ("31 Mar 2026"), so they are left out.
    if any(word.casefold() in _NO_ALTERNATIVE or re.fullmatch(_MONTH, word, re.I) for word in pair):
        return None
    return pair


# "Which BullSequana model is it": a model of a line the question names.
_MODEL_OF = re.compile(
    r"\bwhich\s+([A-Za-z][\w-]{2,})\s+(?:models?|variants?|generations?|series)\b", re.I
)


# Kinds of part, not product lines: "which cpu model" is asked of whatever names the CPU
# ("Arm A64FX processors"), which other checks read.
_PART_KINDS = frozenset(
    "cpu cpus gpu gpus processor processors accelerator accelerators chip chips card cards "
    "node nodes network storage memory language ai ml llm".split()
)


def asked_line(question: str) -> str:
    """The product line whose model a question asks for ("BullSequana" in "which BullSequana
    model is it"), or "" (also for a kind of part: "which cpu model")."""
    found = _MODEL_OF.search(question)
    if found is None or found.group(1).casefold() in _PART_KINDS:
        return ""
    return found.group(1)


def names_either(texts: list[str], words: tuple[str, ...]) -> bool:
    """Whether any of `texts` names one of `words`, the things offered (or its plural)."""
    return any(
        re.search(rf"(?<![\w-]){re.escape(word)}s?(?![\w-])", text, re.I)
        for word in words
        for text in texts
    )


def asks_usable(question: str) -> bool:
    """Whether the question asks what a job can use of something, not what is installed."""
    return _ASKS_USABLE.search(question) is not None


def says_usable(text: str) -> bool:
    """Whether `text` says what is available to jobs, not only what is installed."""
    return _SAYS_USABLE.search(text) is not None


# "What's the home dir quota on LEONARDO": a limit per user or project, which what the machine
# holds in total ("more than 100 PB of storage") does not give.
_ASKS_QUOTA = re.compile(r"\bquotas?\b", re.I)
_SAYS_QUOTA = re.compile(r"\bquotas?\b|\blimit(?:s|ed)?\b|\bper\s+(?:user|project)\b", re.I)


def asks_quota(question: str) -> bool:
    """Whether the question asks for a quota (a limit per user or project)."""
    return _ASKS_QUOTA.search(question) is not None


def says_quota(text: str) -> bool:
    """Whether `text` states a quota or a limit, not only what there is in total."""
    return _SAYS_QUOTA.search(text) is not None


def asks_rank(question: str) -> bool:
    """Whether the question asks for a place on a list ("where does Vega sit on the TOP500")."""
    return _ASKS_RANK.search(question) is not None


# "What response time do they promise for tickets": how long until an answer, which a page on
# how to write a ticket does not give.
_ASKS_RESPONSE_TIME = re.compile(
    r"\b(?:response|turnaround|reply|answer)[ -]times?\b|"
    # Read from another language: "which time answer guarantee" ("tempo di risposta").
    r"\btimes?\s+(?:answer|response|reply)\b",
    re.I,
)


# "What's the bandwidth of one optical link between two groups": a rate of data, which a page
# describing the links without one does not give. Asked for the value ("what", "which", "how
# much"), not how to raise it.
_ASKS_BANDWIDTH_VALUE = re.compile(
    # "How fast is the link between the two sockets".
    r"\bhow\s+fast\s+(?:is|are)\s+(?:the\s+)?(?:links?|connections?)\b|"
    r"\b(?:what(?:'s|\u2019s|s|\s+is|\s+are|\s+was)?|which|how\s+(?:much|high|fast|big))\b"
    r"[^?.!]{0,30}?\b(?:bandwidth|throughput|transfer\s+rate|data\s+rate|link\s+speed|"
    r"(?:read|write|reading|writing|copy|transfer|download|upload|i/?o)\s+speeds?|"
    # ... and in the order a reading from another language keeps: "vitesse de lecture".
    r"speeds?\s+(?:of\s+)?(?:read|write|reading|writing))\b",
    re.I,
)
# "What's the name of the file it writes", "whats the file called": a file's name, which a page
# introducing the tool without one does not give.
_ASKS_FILE_NAME = re.compile(
    r"\bnames?\s+of\s+(?:the\s+|that\s+|this\s+)?(?:[\w-]+\s+){0,3}?(?:files?|scripts?)\b|"
    r"\b(?:files?|scripts?)\s+(?:is\s+|are\s+)?(?:called|named)\b|"
    r"\b(?:what|which)\s+(?:is\s+|'s\s+)?(?:the\s+)?(?:files?|scripts?)\s+(?:name|names)\b",
    re.I,
)


# ... and so read from another language, whose words keep their order: "wie heißt die
# Backtrace-Datei" reads "called backtrace file", "come si chiama il file" "name file".
_ASKS_FILE_NAME_LOOSELY = re.compile(
    r"\b(?:called|name|named)\s+(?:[\w-]+\s+){0,3}?(?:files?|scripts?)\b", re.I
)


# "How long are the 4 epochs supposed to take": a time something takes, which a page that
# shows its output without one does not give.
_ASKS_HOW_LONG_IT_TAKES = re.compile(
    r"\bhow\s+long\b[^?.!]{0,60}?\b(?:take|takes|taking|took)\b|"
    # How long something holds: "how long does an invitation stay valid", "how long are files
    # kept in scratch", "how long do the keys last".
    r"\bhow\s+long\b[^?.!]{0,60}?\b(?:valid|stays?|remains?|lasts?|kept|retained|keeps?|"
    r"expires?|live|lives)\b",
    re.I,
)


# "How many days of grace", "how many microseconds of latency": a count of a unit of time is
# a duration ("how many GPU hours" counts compute, which the word before the unit says).
_ASKS_TIME_COUNT = re.compile(
    r"\bhow\s+many\s+(?:more\s+|extra\s+)?(?:seconds|secs|milliseconds|ms|microseconds|us|µs|"
    r"nanoseconds|minutes|mins|hours|hrs|days|weeks|months|years)\b(?![\w-])",
    re.I,
)


def required_kinds(question: str, *, english_order: bool = True) -> tuple[tuple[str, ...], ...]:
    """What an answer must hold for each thing the question asks that no other value stands in
    for, as the kinds any of which gives it: a version asked by that word, a date to come (or a
    time from now), a time limit (a duration said to be one), how often (a frequency or an
    interval), a clock rate, a rank, a response time and how long something takes (a
    duration, also asked as a count of a unit of time), a time on the clock, a host's name, a
    speedup or a time per step, a rate of data or of requests and a file's name (code or a
    path); asked in English, the release that introduced something. `english_order` as in
    `asks_coming_date`. A concessive clause asks for nothing (see `asked_part`)."""
    question = asked_part(question)
    asked = (
        (asks_version(question), ("version",)),
        (english_order and asks_introduced(question), ("introduced",)),
        (asks_time_limit(question), ("time limit",)),
        (asks_frequency(question), ("frequency", "duration")),
        (asks_coming_date(question, english_order=english_order), ("date", "duration")),
        (_ASKS_CLOCK.search(question) is not None, ("clock rate",)),
        (asks_rank(question), ("rank",)),
        (
            _ASKS_HOW_LONG_IT_TAKES.search(question) is not None
            or (english_order and _ASKS_TIME_COUNT.search(question) is not None),
            ("duration",),
        ),
        (_ASKS_RESPONSE_TIME.search(question) is not None, ("duration",)),
        (_ASKS_CLOCK_TIME.search(question) is not None, ("clock time",)),
        (_ASKS_HOST_NAME.search(question) is not None, ("host name",)),
        # Not read from another language: "aceleración GPU" reads "speedup GPU".
        (english_order and _ASKS_SPEEDUP.search(question) is not None, ("speedup", "duration")),
        (_ASKS_RATE_LIMIT.search(question) is not None, ("bandwidth",)),
        (_ASKS_BANDWIDTH_VALUE.search(question) is not None, ("bandwidth",)),
        (
            _ASKS_FILE_NAME.search(question) is not None
            or (not english_order and _ASKS_FILE_NAME_LOOSELY.search(question) is not None),
            ("code", "path"),
        ),
    )
    return tuple(kinds for asks, kinds in asked if asks)


# "Is ollama installed on LUMI", "does the image ship sglang": whether a thing is there.
_ASKS_AVAILABILITY = re.compile(
    r"\b(?:installed|pre-?installed|available|supported|ships?|shipped|bundled|included|"
    r"provided)\b",
    re.I,
)


# "How many GPU-hours are left on project_465001873?": a figure of the asker's own project that
# only the machine's accounting knows, this hour. No document or curated fact holds it, and
# the billing page's numbers are not it. Asking how to look it up ("which command shows what
# is left of our allocation") is a question the documents answer.
_ASKS_REMAINING = re.compile(
    r"\bhow\s+(?:many|much)\b[^.?!]{0,60}?\b(?:left|remaining|remain|still\s+have|"
    r"(?:have|did)\s+(?:we|i)\s+(?:used|burn(?:ed|t)|consumed|spent))\b|"
    r"\bwhat(?:'s|\s+is)\s+(?:left|remaining)\s+(?:of|on|in)\b",
    re.I,
)
# What a project holds: its compute (hours, billing units) or its storage.
_HELD = re.compile(
    r"\b(?:(?:gpu|cpu|core|node)[- ]?hours?|hours?|billing\s+units?|bus?|credits?|storage|"
    r"space|quota|inodes?|files|[KMGTP]i?B|allocations?|budget|balance)\b",
    re.I,
)
_OWN_PROJECT = re.compile(
    r"\b(?:our|my)\s+(?:[\w-]+\s+)?(?:projects?|allocations?|budgets?|quotas?|balance|grant)\b|"
    r"\b(?:do|have|did)\s+(?:we|i)\s+(?:still\s+)?(?:have\s+|got\s+)?(?:\w+\s+){0,3}?left\b|"
    # A project's own id: LUMI's "project_465001873", an AI Factory project's
    # "EHPC-AIF-2026PG01-1124" (not a call's code).
    r"\bproject[_ -]?\d{3,}|\bEHPC-AIF-\w+-\d+",
    re.I,
)
_ASKS_HOW_TO_LOOK = re.compile(
    r"\b(?:how\s+(?:do|can|could|to|would|should)\s+(?:i|we|you)?\s*(?:check|see|find|know|"
    r"tell|monitor|look|query|get)|what\s+(?:do|should|can|would)\s+(?:i|we|you)\s+(?:type|run|"
    r"enter)\b|(?:which|what)(?:'s|\s+is)?\s+(?:the\s+)?(?:cli\s+|command-line\s+)?(?:command|tool|"
    r"app|application|page|view|dashboard|portal|utility|script)s?\b|"
    r"is\s+there\s+(?:a|an|any)\s+(?:way|command|tool)|where\s+(?:can|do|should)\s+(?:i|we)\s+"
    r"(?:see|check|find|look))",
    re.I,
)


# Read from another language, a question has lost its possessives ("notre projet" reads
# "project"): a project named at all is taken for the asker's own.
_A_PROJECT = re.compile(r"\b(?:projects?|allocations?)\b", re.I)


def asks_live_figures(question: str, *, english: bool = True) -> bool:
    """Whether the question asks a live figure of the asker's own project (hours left, storage
    used), which only the site's accounting holds, rather than how to look it up. `english`:
    asked in English, not read from another language."""
    asked = _ASKS_REMAINING.search(question)
    owner = _OWN_PROJECT if english else _A_PROJECT
    return (
        asked is not None
        # The figure asked is what the project holds, named in the question or right after.
        and _HELD.search(question, asked.start(), asked.end() + 40) is not None
        and owner.search(question) is not None
        and _ASKS_HOW_TO_LOOK.search(question) is None
    )


def asks_availability(question: str) -> bool:
    """Whether the question asks if something is installed, available or supported."""
    return bool(_ASKS_AVAILABILITY.search(question))


# What was done or found, told: the word comes after one who did it or a word describing it
# ("pip installed", "we installed", "a centrally installed module"), and the sentence does not
# open as a question.
_DONE_BY = re.compile(
    r"\b(?:i|we|you|they|he|she|pip|conda|spack|someone|somebody|admins?|centrally|locally|"
    r"already|just|have|has|had|'ve|an?|the|got)\s+(?:installed|pre-?installed|provided|bundled|"
    r"shipped|included)\b",
    re.I,
)
_OPENS_QUESTION = re.compile(
    r"^\W*(?:is|are|does|do|did|can|could|has|have|will|would|was|were|any|anyone|anybody)\b",
    re.I,
)


def _tells(sentence: str) -> bool:
    return _DONE_BY.search(sentence) is not None and _OPENS_QUESTION.search(sentence) is None


def availability_sentence(question: str) -> str:
    """The sentences asking whether something is installed, available or supported, with the
    other questions beside them ("" when none asks it): the thing asked about is named there
    ("anyone got unsloth running? is it preinstalled?"), not in a sentence of context ("We
    have 64 nodes booked for our zorblax runs. Is ollama installed?")."""
    sentences = chat_sentences(question)
    # A statement of what was done or found ("pip installed the reqs.", "found a centrally
    # installed module.") asks nothing; "is sglang available on lumi." still asks, as chat
    # ends questions with a full stop too.
    last = len(sentences) - 1
    asking = [
        bool(_ASKS_AVAILABILITY.search(sentence))
        and (i == last or not sentence.rstrip().endswith((".", "!")) or not _tells(sentence))
        for i, sentence in enumerate(sentences)
    ]
    if not any(asking):
        return ""
    return " ".join(
        sentence
        for sentence, asks in zip(sentences, asking, strict=True)
        if asks or sentence.rstrip().endswith("?")
    )


def asks_price(question: str) -> bool:
    """Whether the question asks what something costs."""
    return bool(_PRICE.search(question))


_HOW_MANY = re.compile(r"\bhow (?:many|much)\b", re.I)
_ENDS_PHRASE = re.compile(r"how|" + _AFTER_THING + r"|\W.*", re.I)
_LOOSE_PHRASE_WORDS = 4


# "Which GPUs", "what kind of accelerators": the answer names a model, which no count gives.
_ASKS_GPU_MODEL = re.compile(
    r"\b(?:which|what)\s+(?:kinds?\s+of\s+|types?\s+of\s+|models?\s+of\s+)?"
    r"(?:gpus?|accelerators?|graphics\s+cards?)(?:\s+(?:models?|types?|kinds?|chips?))?"
    # The GPUs themselves, not a GPU backend, partition or kernel. A question read from
    # another language has lost its punctuation: "which GPU how much per node".
    r"(?=\s+(?:exactly\s+)?(?:" + _AFTER_THING + r"|how\b)|\s*[?,.;:!]|\s*$)",
    re.I,
)
# Read from another language, the words after it keep that language's order ("what kind GPU
# Discoverer how many per node").
_ASKS_GPU_MODEL_LOOSELY = re.compile(
    r"\b(?:which|what)\s+(?:kinds?\s+|types?\s+|models?\s+)?(?:gpus?|accelerators?)\b", re.I
)
# Product codes in any case ("MI250X", "h100", "GH200"); the family names only capitalised
# ("Max 1550" is a GPU, "max 2048 tasks" a limit).
_GPU_MODEL = re.compile(
    r"\b(?:(?i:MI\d{3}[A-Z]?|[ABHLV]\d{2,3}[A-Z]?|G[HB]\d{3}|Gaudi\s?\d)|"
    r"Instinct|Tesla|Hopper|Blackwell|Ampere|Ponte\s+Vecchio|Max\s+\d{4})\b"
)


def counted_things(question: str, *, english_order: bool = True) -> tuple[str, ...]:
    """What a question counts or measures (see `_measured`), "gpu model" when it asks which
    GPUs ("which GPUs will LUMI-AI have": a count of GPUs does not answer it), and the contact
    asked for ("email", "phone", "person": see `_ASKS_CONTACT`)."""
    things = _measured(question, english_order=english_order)
    asks_model = _ASKS_GPU_MODEL if english_order else _ASKS_GPU_MODEL_LOOSELY
    if asks_model.search(question):
        things = (*things, "gpu model")
    return (*things, *(kind for kind, asks in _ASKS_CONTACT.items() if asks.search(question)))


_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_NAME_AND_EMAIL = r"\bname\s*(?:\+|and|&)\s*e-?mail\b"
# A way to reach someone, asked for: only an address, a number or a person's name gives it,
# which the programme's pages and the catalogue rarely hold ("who's the head of LUMI user
# support", "phone number for the helpdesk", "name + email of the FFplus coordinator").
_ASKS_CONTACT = {
    "email": re.compile(
        r"\be-?mail\s+(?:address(?:es)?|of\b|for\b)|" + _NAME_AND_EMAIL + "|"
        r"\b(?:what|which)(?:'s|\s+is)?\s+(?:the\s+|their\s+|an?\s+|his\s+|her\s+)?e-?mail\b|"
        r"\b(?:is\s+there|got)\s+an?\s+e-?mail\b",
        re.I,
    ),
    "phone": re.compile(r"\b(?:tele)?phone\s*(?:numbers?|no\b|#)|\bhotline\b", re.I),
    "person": re.compile(
        r"\bwho(?:'s|\s+is|\s+are)\s+(?:the\s+|their\s+|our\s+)?(?:[\w-]+\s+){0,3}?"
        r"(?:head|director|chair|manager|coordinator|officer|leader|contact\s+person|ceo|cto)s?\b|"
        r"\bcontact\s+person\b|" + _NAME_AND_EMAIL,
        re.I,
    ),
}
_CONTACT = {
    "email": re.compile(_EMAIL),
    "phone": re.compile(r"\+\d[\d\s()-]{6,}\d|\b(?:phone|tel)\b\.?:?\s*\+?\d[\d\s()-]{5,}\d", re.I),
    # A person named with a title, or with an address: "Dr. Jane Doe", "jane.doe@...".
    "person": re.compile(r"\b(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+[A-Z][a-z]+|" + _EMAIL),
}


# "The budget in GPU-hours", "a budget of GPU hours": compute time, not money.
_IN_HOURS = re.compile(r"\b(?:gpu|node|cpu|core)?[- ]?(?:hours?|hrs?)\b", re.I)
_COMPUTE_WORDS = re.compile(r"\b(?:gpu|cpu|compute|computing|node|core|machine)\b", re.I)


def _measured(question: str, *, english_order: bool = True) -> tuple[str, ...]:
    """What a "how many / how much <thing>" question counts or measures ("nodes", "memory");
    what a question about a price measures ("price", or "rate" when it is the price of a unit
    of use: "how much does one GPU-hour cost", "rate in money" when it is asked in euros).

    English ends its noun phrase with the thing ("how many CPU cores"). The English words of
    a question asked in another language keep that language's order ("how many core CPU",
    "how many core get"), so there every word of the phrase is a candidate."""
    if _SHARE_OF_SUM.search(question) and not _CURRENCY.search(question):
        # "How much of the cost does the EU cover": a share ("up to 50%", "half") or an
        # amount answers; a price per unit is not asked.
        return ()
    share = _ASKS_SHARE.search(question) if english_order else None
    if share is not None:
        # "What fraction of the supercomputer's cost can the EU cover": a share, not a price.
        return ("fraction",) if share.group("fraction") else ("percent",)
    if _PRICE.search(question):
        if not _PER_UNIT.search(question):
            return ("price",)
        # Asked in a currency or for a price, the machine's own billing ("a GCD-hour costs 0.5
        # GPU-hours") is no answer: a price is money.
        in_money = _CURRENCY.search(question) or _PRICE_WORD.search(question)
        return ("rate in money",) if in_money else ("rate",)
    if not english_order:
        phrases = _loose_phrases(question)
        # "Ile ... trwa" reads "how many ... last": how long something lasts, no count.
        if any(word in _LASTS for phrase in phrases for word in phrase):
            return ()
        # "Wie viel vom nationalen Teil" reads "how much national part": a share of a whole,
        # which a percentage or a ratio gives, not a count of parts.
        # Not a part named further on: "how many node total calculate part" ("combien de
        # noeuds au total, que je calcule la part") counts nodes.
        if any(word in _PART_OF_WHOLE for phrase in phrases for word in phrase[:2]):
            return ("fraction",)
        # "How many approximately": a word saying the count is rough is not the thing counted.
        words = [
            word for phrase in phrases for word in phrase if not _QUALIFIER_WORD.fullmatch(word)
        ]
        # "Le taux d'acceptation", "qué porcentaje": a share, wherever it is asked.
        if _asks_share_loosely(question):
            words.append("percent")
        return tuple(dict.fromkeys(words))
    question = asked_part(question)
    if _ASKS_MULTIPLE.search(question):
        return ("multiple",)
    found = _COUNTED.search(question)
    # "What's the power cap (TDP) of one MI250X", "how much power does a busy GCD draw": an
    # amount of power, which only watts give ("computing power" asks for flops). Only when
    # nothing else is counted ("how many GPUs per node, and their power draw" keeps its count),
    # nor power set aside ("watts aside, ...", "ignoring power limits, ...").
    counts_other = found is not None and found.group("thing").lower() not in _POWER_THINGS
    # What is asked once the power set aside is gone: "regardless of the power limit, what's
    # the TDP" still asks for power.
    asked = _POWER_ASIDE.sub(" ", question)
    if _ASKS_POWER.search(asked) and not counts_other:
        return ("energy",)
    if found is None:
        # "What's the peak bf16 tflops of a single GCD": a rate of floating-point operations,
        # asked by its unit as "how many" would; a bandwidth does not give it.
        flops = _ASKS_FLOPS.search(question)
        if flops is not None:
            return (flops.group("unit").lower(),)
        # "What share of applications get approved", "the acceptance rate": a percentage; "what
        # fraction of the deviance": a percentage or a ratio ("0.999").
        share = _ASKS_SHARE.search(question)
        if share is None:
            return (
                ("money",) if _ASKS_SUM.search(question) and not _IN_HOURS.search(question) else ()
            )
        return ("fraction",) if share.group("fraction") else ("percent",)
    thing = found.group("thing").lower()
    # "How many applied vs got funded", "how many won": a verb after "how many" counts those
    # who did it, whom the question does not name.
    said = found.group("phrase").split()
    if _DID.fullmatch(said[0]) and (len(said) == 1 or said[1].lower() in _BUT):
        return ()
    # "How many days passed between", "how many proposals arrived": what the verb is said of.
    did = next((i for i, word in enumerate(said) if i and _DID.fullmatch(word)), None)
    if did is not None:
        thing = said[did - 1].lower()
    # Chat shorthand for the unit counted: "how many gpu hrs", "gpu-hrs" count hours.
    thing = re.sub(r"(?:^|(?<=-))hrs?$", "hours", thing)
    # "How much system memory per node" asks for the node's RAM, which a GPU's memory is not.
    phrase = found.group("phrase")
    if thing == "memory" and _HOST_WORDS.search(phrase) and not _GPU_WORDS.search(phrase):
        thing = "ram"
    if thing in _MEASURED_IN_UNITS and _RELATIVE.search(question):
        return ("ratio",)
    # "How much GPU time did they get": compute time, which GPU-hours or node-hours measure.
    if thing == "time" and _COMPUTE_WORDS.search(phrase):
        return ("hours",)
    return (thing,)


_DID = re.compile(r"(?:[a-z]+ed|won|got|made|came|went|took|ran|did)", re.I)
_BUT = frozenset({"vs", "versus", "and", "or", "but", "compared"})
_LASTS = frozenset({"last", "lasts", "lasting"})
_PART_OF_WHOLE = frozenset({"part", "portion", "proportion", "fraction", "percentage"})
_QUALIFIER_WORD = re.compile(r"approx(?:imately)?|roughly|circa|ca|about|around", re.I)


def _loose_phrases(question: str) -> list[list[str]]:
    """The words after each "how many / how much" of a question read from another language.

    There punctuation is gone and two questions may run together ("how many GPU node LUMI-G
    how much Slurm see"): each phrase runs to the next "how" or to a word that ends a phrase.
    """
    phrases: list[list[str]] = []
    for phrase in _HOW_MANY.finditer(question):
        words: list[str] = []
        for word in question[phrase.end() :].split()[:_LOOSE_PHRASE_WORDS]:
            if _ENDS_PHRASE.fullmatch(word):
                break
            plain = word.rstrip(",.;:!?").lower()
            words.append(plain)
            # A compound the question's language writes in one ("CPU-Cores") counts its words
            # as the English phrase would ("CPU cores").
            words += compound_words(plain)
            if word[-1] in ",.;:!?":
                break
        phrases.append(words)
    return phrases


def _asks_share_loosely(question: str) -> bool:
    return bool(_ASKS_SHARE.search(question) or _PERCENT_WORD.search(question))


# What only a number in its own unit gives: a price or a rate, a percentage, an amount of money;
# and what only a contact gives.
_STRICT_MEASURES = (
    frozenset({"price", "rate", "rate in money"})
    | _MEASURED_IN_PERCENT
    | _MEASURED_IN_MONEY
    | frozenset(_ASKS_CONTACT)
)


def strict_measures(question: str, *, english_order: bool = True) -> tuple[str, ...]:
    """What the question measures in a unit no other number stands in for ("price", "rate",
    "percent", "funding"; see `counted_things`), or nothing."""
    if not english_order and not _PRICE.search(question):
        # Each phrase's first word is the thing ("how much funding max", "quante ore GPU");
        # a later one may belong to the rest of the sentence ("how many GPU-Hours ... budget").
        firsts = [phrase[0] for phrase in _loose_phrases(question) if phrase]
        things: tuple[str, ...] = (
            *firsts,
            *(("percent",) if _asks_share_loosely(question) else ()),
        )
    else:
        things = counted_things(question, english_order=english_order)
    return tuple(thing for thing in things if thing in _STRICT_MEASURES)


def unit_measures(question: str, *, english_order: bool = True) -> tuple[str, ...]:
    """What the question measures in a unit of its own: the strict measures, sizes ("how much
    memory": "64 GB" answers it, a count of nodes does not) and energy or emissions ("how much
    CO2": "12 g" answers it, a GPU-hour's billing does not)."""
    sized = tuple(
        thing
        for thing in counted_things(question, english_order=english_order)
        if thing in _MEASURED_IN_UNITS or thing in ("ratio", "multiple")
    )
    return tuple(dict.fromkeys((*strict_measures(question, english_order=english_order), *sized)))


# After the thing counted: "1,500 GPU-hours" is no number of GPUs, nor "2,000 node hours" one
# of nodes.
_NOT_HOURS = r"(?![a-z]*[\s-]*hours?\b)"


def gives_count(texts: list[str], things: tuple[str, ...]) -> bool:
    """Whether any of `texts` gives a number of any of `things` (see `holds_count`)."""
    return any(holds_count(text, thing) for text in texts for thing in things)


# A number said of one part of a machine: "each node has 4 H100 GPUs" before it, "4 GPUs per
# node" or "4 GPUs each" after the thing counted.
_PARTS = r"(?:nodes?|blades?|sockets?|cards?|servers?|racks?|cabinets?|modules?|boards?|trays?)"
# ... "a whole node" too: "how many NUMA domains does a whole node have in total".
_ONE_PART = r"\b(?:each|every|per|a\s+single|one|(?:a|the)\s+whole)\s+(?:[\w-]+\s+){0,2}?" + _PARTS
_PER_PART = re.compile(_ONE_PART + r"\b|/\s*node\b", re.I)
# ... standing right before the number ("each node has 4").
_PART_BEFORE = re.compile(_ONE_PART + r"\s+(?:[\w-]+\s+){0,2}?$", re.I)
_PART_AFTER = re.compile(r"\w*\s*(?:per\s+" + _PARTS + r"\b|/\s*node\b|each\b|apiece\b)", re.I)
# A bound or a job's share said just before a count, in the same clause.
_LIMIT_SAID_BEFORE = re.compile(
    r"(?:" + _UPPER_BOUND + r"|\b(?:per|each|a|one)\s+job\b|/\s*job\b)[^.;\n]{0,25}$", re.I
)
_PER_WORD = re.compile(r"\b(?:per|each|every)\b|/", re.I)
_ASKS_TOTAL = re.compile(
    r"\b(?:in\s+total|total|altogether|all\s+together|combined|overall|"
    r"across\s+(?:the\s+)?(?:whole|entire|all)|"
    # "in the whole of LUMI-G", "the whole partition": not "whole nodes", a unit of allocation.
    r"(?:whole|entire)\s+(?:of|partition|machine|system|booster|cluster))\b",
    re.I,
)


# A node, one: not "every node", "all nodes".
_ONE_NODE = re.compile(r"(?<!\bevery\s)(?<!\beach\s)(?<!\ball\s)\bnode\b(?![-\w])", re.I)
# "If you add up the local nvme of every node", "sum every a100 in the booster": every part
# is what is added up.
_ADDS_UP = re.compile(
    r"\b(?:add(?:ed|ing)?\s+(?:it\s+|them\s+|\w+\s+)?up|sum(?:med|ming)?)\b", re.I
)


def asks_total(question: str) -> bool:
    """Whether the question counts a whole ("how many H100s does MN5 ACC have in total"), not
    one part of it ("how many GPUs in total per node" counts a node's)."""
    if _ADDS_UP.search(question):
        # ... but "a LUMI-G node: its HBM summed over all 8 GCDs" adds up one node's.
        return not _ONE_NODE.search(question)
    return bool(_ASKS_TOTAL.search(question)) and not _PER_PART.search(question)


# "How much funding does each SME get", "GPU-hours per project": what one recipient is allotted,
# which a programme's whole budget does not give.
_RECIPIENTS = (
    r"(?:smes?|start-?ups?|compan(?:y|ies)|firms?|organi[sz]ations?|projects?|teams?|users?|"
    r"groups?|labs?|applicants?|participants?|partners?|members?|consorti(?:um|a)|proposals?|"
    r"experiments?|stud(?:y|ies)|winners?|beneficiar(?:y|ies)|awardees?)"
)
_ASKS_ALLOTMENT = re.compile(
    r"\b(?:each|per|every|a\s+single)\s+(?:[\w-]+\s+)?" + _RECIPIENTS + r"\b", re.I
)
# ... also in millions ("EUR 2 million").
_MONEY_AMOUNT = re.compile(_MONEY_NUMBER + r"(?:\s*(?:bn|million|billion)\b)?", re.I)
# What one recipient may be allotted of: money, or compute.
_ALLOTTED = _MEASURED_IN_MONEY | _MEASURED_IN_COMPUTE | {"gpu-hours"}
# ... said of a whole: "EUR 4 M in total", "a total budget of EUR 40 M"; unless said of one
# recipient right after ("a total of EUR 150,000 per experiment").
_WHOLE_AFTER = re.compile(r"\s*(?:in\s+total|total\b|altogether|overall|combined)", re.I)
_WHOLE_BEFORE = re.compile(
    r"\b(?:total|overall|combined|whole)\b(?:\s+\w+){0,2}?\s*(?:of|:)?\s*$", re.I
)
_ONE_RECIPIENT_AFTER = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:per|each|a|for\s+(?:each|one|every))\s+" + _RECIPIENTS + r"\b",
    re.I,
)


def asks_allotment(question: str, things: tuple[str, ...]) -> bool:
    """Whether the question asks what one of many gets of an amount of money or compute ("how
    much funding does each SME get"), not the whole."""
    return bool(set(things) & _ALLOTTED) and bool(_ASKS_ALLOTMENT.search(question))


def gives_allotment(texts: list[str], things: tuple[str, ...]) -> bool:
    """Whether `texts` give an amount of any of `things` that is not said of a whole: "EUR 4 M
    in total for call 1" does not say what each business experiment gets; "up to EUR 200k per
    experiment" does."""
    return any(_gives_allotment(text, thing) for text in texts for thing in things)


def _gives_allotment(text: str, thing: str) -> bool:
    if thing not in _ALLOTTED:
        return holds_count(text, thing)
    if thing in _MEASURED_IN_MONEY and _FREE.search(text):
        return True
    amounts = _MONEY_AMOUNT if thing in _MEASURED_IN_MONEY else _COMPUTE
    return any(
        _ONE_RECIPIENT_AFTER.match(text, found.end())
        or (
            not _WHOLE_AFTER.match(text, found.end())
            and not _WHOLE_BEFORE.search(text[max(0, found.start() - 40) : found.start()])
        )
        for found in amounts.finditer(text)
    )


def gives_total(texts: list[str], things: tuple[str, ...]) -> bool:
    """Whether `texts` give a number of any of `things` that is not said of one part, or one per
    node and how many nodes there are: "each node has 4 NVIDIA H100 GPUs" alone does not give
    how many the machine has; "(2,978 nodes): each node has 4 GPUs" gives both its nodes and,
    by multiplying, its GPUs."""
    return any(_gives_total(text, thing) for text in texts for thing in things)


def _gives_total(text: str, thing: str) -> bool:
    """Whether `text` gives the whole's number of `thing` (see `gives_total`)."""
    pattern = _counted(thing)
    if pattern is None:
        return holds_count(text, thing)
    whole = per_node = False
    for found in pattern.finditer(text):
        if _PER_WORD.search(found.group(0)):
            # "4 GPUs per node" counts GPUs, not nodes.
            continue
        before, after = text[max(0, found.start() - 60) : found.start()], text[found.end() :]
        if _LIMIT_SAID_BEFORE.search(before):
            # "Max resources/job: 32 nodes" says how many one may use, not how many there are.
            continue
        if _PART_BEFORE.search(before) or _PART_AFTER.match(after):
            per_node = True
        else:
            whole = True
    # A count per node, times the node count, gives the whole (not for nodes themselves).
    return whole or (
        per_node and "node" not in _names_of(_stem(thing)) and _gives_total(text, "nodes")
    )


# Things a text names one by one ("Partners: Czechia, Denmark, ...", "the consortium: Finland,
# Belgium, ... and Switzerland"), which a count of the names gives.
_LISTED_THINGS = frozenset(
    {"countries", "partners", "members", "states", "nations", "machines", "systems"}
)
# "Besides Finland", "including the host": a count the list alone does not give.
_BESIDES = re.compile(
    r"\b(?:besides|including|apart\s+from|except|other\s+than|excluding|in\s+addition\s+to|"
    r"not\s+counting|plus)\b",
    re.I,
)
_LIST_ITEM = r"[A-Z0-9][\w.+'’-]*(?:\s+[A-Z0-9][\w.+'’-]*)*"
_NAME_LIST = re.compile(
    r":\s*(" + _LIST_ITEM + r"(?:\s*,\s*(?:and\s+)?" + _LIST_ITEM + r")+"
    r"(?:\s+and\s+" + _LIST_ITEM + r")?|" + _LIST_ITEM + r"\s+and\s+" + _LIST_ITEM + r")"
)


@lru_cache(maxsize=1024)
def listed_thing(question: str) -> str:
    """The thing a question counts that texts list by name ("how many partner countries":
    "countries"), or ""."""
    things = [t for t in counted_things(question) if t.lower() in _LISTED_THINGS]
    return things[0] if things else ""


# A GPU named by its model, one or several: "a100", "H100s", "gh200", "mi250x".
_GPU_MODEL_WORD = r"(?:[ahblv]\d{2,3}|gh\d{3}|mi\d{3}x?)s?"
# A GPU by any of its names: "gpus", "gcds", "accelerators", a model.
_GPU_THING = r"(?:gpus?|gcds?|accelerators?|" + _GPU_MODEL_WORD + ")"
# GPUs counted by what they are: "how many GPUs", "how many A100s", "how many accelerators".
_GPU_COUNTED = re.compile(
    r"^(?:(?:gpu\s+)?cards?|gpus?|accelerators?|(?:nvidia\s+|amd\s+)?" + _GPU_MODEL_WORD + r")$",
    re.I,
)
_CORES_COUNTED = re.compile(r"^(?:(?:cpu\s+)?cores?)$", re.I)
# "Total core count", "the GPU count": the count named, not a thing counted.
_CORE_COUNT = re.compile(r"\b(?:cpu\s+)?core[- ]counts?\b", re.I)
_GPU_COUNT = re.compile(r"\bgpu[- ]counts?\b", re.I)


def counts_gpus(question: str) -> bool:
    """Whether the question counts GPUs (not GCDs, cores, memory or nodes)."""
    return bool(_GPU_COUNT.search(question)) or any(
        _GPU_COUNTED.match(thing) for thing in counted_things(question)
    )


# "By when did the longest ones have to wrap up", "when would it have to be done at the latest":
# the day something ends, not how long it lasts.
_ASKS_END_DAY = re.compile(
    r"\b(?:by\s+when|when|what\s+(?:date|day)|which\s+(?:date|day))\b[^.?!;]{0,60}?"
    r"\b(?:end(?:s|ed)?|finish(?:es|ed)?|wrap(?:s|ped)?\s+up|(?:be|been)\s+(?:done|over|"
    r"finished|completed)|run\s+out|expires?)\b|\bend\s+date\b",
    re.I,
)


# "When does the deadline expire": the day a call closes, which its cut-offs give.
_CLOSING_WORD = re.compile(r"\b(?:deadlines?|cut-?offs?)\b", re.I)


def asks_end_day(question: str) -> bool:
    """Whether the question asks the day something ends ("by when did they have to wrap up"),
    other than a call's deadline."""
    return bool(_ASKS_END_DAY.search(question)) and not _CLOSING_WORD.search(question)


# "For each of the three industry modes", "every classic mode": the same thing asked of every
# call of a family, not of the one named.
_EACH_OF_CALLS = re.compile(
    r"\b(?:(?:for\s+)?(?:each|every)\s+(?:one\s+)?(?:of\s+)?(?:the\s+|those\s+|these\s+)?|"
    r"(?:all|the|those|these)\s+(?:of\s+the\s+)?(?=(?:three|four|five|[345])\b))"
    r"(?:(?:three|four|five|[345])\s+)?(?:[\w-]+\s+){0,2}?(?:modes?|calls?|routes?|tracks?)\b",
    re.I,
)


def asks_each_of_calls(question: str) -> bool:
    """Whether the question asks something of each call of a family ("how many working days
    for each of the three industry modes")."""
    return bool(_EACH_OF_CALLS.search(question))


# "Which Karolina partition is for long CPU jobs", "which one is the long-running queue": a
# Slurm partition's name asked for.
_ASKS_PARTITION = re.compile(
    r"\b(?:which|what)\s+(?:[\w-]+\s+){0,3}?(?:partitions?|queues?|qos)\b|"
    r"\bwhich\s+one\b[^?.!]{0,60}?\b(?:partition|queue|qos)\b",
    re.I,
)


def asks_partition_name(question: str) -> bool:
    """Whether the question asks which Slurm partition (queue, QoS) to use."""
    return bool(_ASKS_PARTITION.search(question))


def counts_cores(question: str) -> bool:
    """Whether the question counts CPU cores."""
    return bool(_CORE_COUNT.search(question)) or any(
        _CORES_COUNTED.match(thing) for thing in counted_things(question)
    )


# What a question measures of a partition's hardware: the GPUs' memory ("gpu hbm", "VRAM",
# "memory of every A100"), node-local storage ("local NVMe", "node-local flash"), or the nodes'
# memory ("RAM", "DDR5", "memory" said of no GPU and no disk).
_ASKS_GPU_MEMORY = re.compile(
    r"\b(?:hbm\d?e?|vram)\b|\b" + _GPU_THING + r"(?:\s+[\w-]+){0,2}?\s+(?:memory|ram)\b|"
    r"\b(?:memory|ram)\s+(?:of|on|in)\s+(?:\w+\s+){0,2}?" + _GPU_THING + r"\b",
    re.I,
)
_ASKS_LOCAL_STORAGE = re.compile(
    r"\b(?:nvme|ssds?|node-local|local\s+(?:disks?|storage|flash|drives?|scratch))\b", re.I
)
_ASKS_NODE_MEMORY = re.compile(r"\b(?:ram|memory|dram|ddr\d?)\b", re.I)


# "Total host ram (the ddr4, not the a100 memory)": what the question says it does not measure.
_NOT_MEASURED = re.compile(
    r"\b(?:not|rather\s+than|instead\s+of|excluding|without)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:memory|ram|hbm\w*|vram|nvme|ssds?|disks?|storage)\b",
    re.I,
)


def measures_gpu_memory(question: str) -> bool:
    """Whether the question measures GPU memory ("total gpu hbm of the booster")."""
    return bool(_ASKS_GPU_MEMORY.search(_NOT_MEASURED.sub(" ", question)))


def measures_local_storage(question: str) -> bool:
    """Whether the question measures the nodes' own disks ("local nvme of every node")."""
    return bool(_ASKS_LOCAL_STORAGE.search(_NOT_MEASURED.sub(" ", question)))


def measures_node_memory(question: str) -> bool:
    """Whether the question measures the nodes' memory, not their GPUs' or their disks'."""
    return (
        bool(_ASKS_NODE_MEMORY.search(question))
        and not measures_gpu_memory(question)
        and not measures_local_storage(question)
    )


# "How many weeks were there between them", "how long did it take from the launch to the
# winners": the time from one day to another.
_ASKS_SPAN = re.compile(
    r"\bhow\s+(?:long|many\s+(?:days|weeks|months))\b[^?.!]{0,80}?"
    r"(?:\bbetween\b|\bfrom\b[^?.!]{1,80}?\b(?:to|until|till)\b)|"
    r"\bhow\s+(?:far|long)\s+apart\b|\b(?:gap|time)\s+between\b|"
    # "How many days was the call open": from the day it opened to the day it closed.
    r"\bhow\s+(?:long|many\s+(?:days|weeks|months))\s+(?:was|were|is|has|had|did)\b"
    r"[^?.!]{0,60}?\bopen\b",
    re.I,
)
# "Open from 22 May to 9 Jul 2025": the first day is in the year the second names.
_YEAR_LATER = re.compile(
    rf"\b(\d{{1,2}}\s+{_MONTH})(\s+(?:to|until|till|and|-|\u2013)\s+\d{{1,2}}\s+{_MONTH}\s+(\d{{4}}))\b"
)


def asks_span(question: str) -> bool:
    """Whether the question asks how long from one day to another (see `with_span`)."""
    return bool(_ASKS_SPAN.search(question))


def with_span(text: str, question: str) -> str:
    """`text`, with the time between the two days it names when the question asks how long
    from one to the other ("the two 2026 cut-offs, 4 May and 26 Oct: how many weeks between
    them" gets "175 days, 25 weeks"); as it is otherwise, or when it names more or fewer days
    (which two are meant is then a guess)."""
    if not _ASKS_SPAN.search(question):
        return text
    days = sorted(set(full_days(_YEAR_LATER.sub(r"\1 \3\2", text))))
    if len(days) > 2:
        # "Between the first and the third waves": the days the text gives those two places.
        days = sorted(set(_days_of_places(text, question)))
    if len(days) != 2:
        return text
    first, last = days
    span = (last - first).days
    days_over = span % 7
    weeks = f", {span // 7} weeks" + (
        f" and {days_over} day{'s' if days_over > 1 else ''}" if days_over else ""
    )
    months = (last.year - first.year) * 12 + last.month - first.month - (last.day < first.day)
    in_months = f", {months} months" if months >= 1 and _MONTHS_ASKED.search(question) else ""
    return (
        f"{text} From {first.day} {first:%b %Y} to {last.day} {last:%b %Y}: {span} days"
        f"{weeks if span >= 7 else ''}{in_months}."
    )


_MONTHS_ASKED = re.compile(r"\bmonths?\b", re.I)
_PLACE = "(" + "|".join(_PLACE_WORDS) + r"|\d+(?:st|nd|rd|th)|last)"
_SPAN_PLACES = re.compile(
    rf"\b{_PLACE}\b[^?.!]{{0,40}}?\b(?:and|to|&)\s+(?:the\s+)?{_PLACE}\b"
    rf"(?:\s+[\w-]+){{0,3}}?\s+({_SERIES_WORDS})\b",
    re.I,
)
# ... or the series named after the first place: "between the first selection wave being
# announced and the second one".
_SPAN_PLACES_NAMED_FIRST = re.compile(
    rf"\b{_PLACE}(?:\s+[\w-]+){{0,2}}?\s+({_SERIES_WORDS})\b[^?.!]{{0,40}}?"
    rf"\b(?:and|to|&)\s+(?:the\s+)?{_PLACE}\b",
    re.I,
)


def place_number(word: str) -> int | None:
    """The place an ordinal names ("third", "3rd": 3), or None ("last" and other words)."""
    written = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    return int(written.group(1)) if written else _PLACE_WORDS.get(word.lower())


def _days_of_places(text: str, question: str) -> list[date]:
    """The days `text` gives the two places of a series the question names ("between the
    first and the third waves" and "wave 1 on 10 Dec 2024; ... wave 3 on 10 Oct 2025")."""
    asked = _SPAN_PLACES.search(question)
    if asked is not None:
        places, series_word = (asked.group(1), asked.group(2)), asked.group(3)
    elif (named_first := _SPAN_PLACES_NAMED_FIRST.search(question)) is not None:
        places, series_word = (named_first.group(1), named_first.group(3)), named_first.group(2)
    else:
        return []
    series = _series(series_word, question)
    placed = {int(m.group(1)): m.end() for m in re.finditer(rf"\b{series}\s+(\d+)\b", text, re.I)}
    if not series or not placed:
        return []
    days = []
    for word in (place.lower() for place in places):
        number = max(placed) if word == "last" else place_number(word)
        if number not in placed:
            return []
        found = full_days(text[placed[number] : placed[number] + 30])
        if not found:
            return []
        days.append(found[0])
    return days


def with_listed_count(text: str, question: str) -> str:
    """`text`, led by the count of the names it lists when the question counts them ("how many
    countries are in the LUMI consortium" and "The LUMI consortium: Finland, ..., Sweden and
    Switzerland" give "**10 countries:**")."""
    thing = listed_thing(question)
    if not thing or _BESIDES.search(question):
        return text
    asked = set(tokenize(question))
    for found in _NAME_LIST.finditer(text):
        # Only the list the question names: "how many countries are part of the BSC AI
        # Factory" is not answered by counting its partners, which leave out the host.
        label = set(tokenize(text[max(0, found.start() - 40) : found.start()].split(".")[-1]))
        if label & asked:
            count = len(re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", found.group(1)))
            return f"**{count} {thing}:** {text}"
    return text


def holds_count(text: str, thing: str) -> bool:
    """True when `text` gives a number of `thing`: "4 NVIDIA H100 GPUs", "1,120 nodes",
    "GPU-hours: 50,000", a size for memory, an amount for money; "node count not on record"
    gives none."""
    if thing == "gpu model":
        return bool(_GPU_MODEL.search(text))
    if thing in _CONTACT:
        return bool(_CONTACT[thing].search(text))
    if thing in _HOST_MEMORY:
        return bool(_SIZE.search(_GPU_MEMORY.sub(" ", text)))
    if thing in _MEASURED_IN_BYTES:
        return bool(_SIZE.search(text))
    if thing in _MEASURED_IN_ENERGY:
        return bool(_ENERGY.search(text))
    if thing in _MEASURED_IN_MONEY:
        return bool(_AMOUNT.search(text))
    if thing == "fraction":
        return bool(_PERCENTAGE.search(text) or _RATIO.search(text))
    if thing in _MEASURED_IN_PERCENT:
        return bool(_PERCENTAGE.search(text))
    if thing == "multiple":
        return bool(_RATIO.search(text) or _PERCENTAGE.search(text) or _MULTIPLE.search(text))
    if thing == "ratio":
        return bool(
            _RATIO.search(text)
            or _SIZE.search(text)
            or _ENERGY.search(text)
            or _FLOPS_RATE.search(text)
            or _HAS["bandwidth"].search(text)
        )
    if thing in _MEASURED_IN_COMPUTE:
        return bool(_COMPUTE.search(text))
    if thing in _MEASURED_IN_FLOPS:
        return bool(_FLOPS_RATE.search(text))
    if thing in _MEASURED_IN_BANDWIDTH:
        return bool(_HAS["bandwidth"].search(text))
    if thing == "price":
        return bool(_AMOUNT.search(text) or _BILLED.search(text))
    if thing == "rate":
        return bool(_RATE.search(text) or _FREE.search(text) or _BILLED.search(text))
    if thing == "rate in money":
        return bool(_RATE.search(text) or _FREE.search(text))
    pattern = _counted(thing)
    return pattern is not None and pattern.search(text) is not None


# What `holds_count` finds by a unit or a form of its own, not by the thing's name.
_NOT_COUNTED_BY_NAME = frozenset(
    {
        "gpu model",
        "price",
        "rate",
        "rate in money",
        "ratio",
        "multiple",
        *_CONTACT,
        *_MEASURED_IN_BYTES,
        *_MEASURED_IN_ENERGY,
        *_MEASURED_IN_MONEY,
        *_MEASURED_IN_PERCENT,
        *_MEASURED_IN_COMPUTE,
        *_MEASURED_IN_FLOPS,
        *_MEASURED_IN_BANDWIDTH,
    }
)


def _stem(thing: str) -> str:
    return thing[:-1] if thing.endswith("s") and len(thing) > 3 else thing


# Things a call's pages count under another name: "how many applications" is answered by "62
# proposals", "how many partners max" by "at most 3 participants per study".
_SAME_THINGS = (
    frozenset({"application", "proposal", "submission"}),
    frozenset({"partner", "participant"}),
    # "How many shots a year do we get", "how many rounds": a call's cut-offs.
    frozenset({"cut-off", "cutoff", "deadline", "round", "shot"}),
    # "How many CPU servers does Karolina have": its nodes.
    frozenset({"node", "server"}),
    # "How many sockets": a node's CPUs ("2× Intel Xeon ... CPUs").
    frozenset({"socket", "cpu"}),
    # "How many MI250X cards": its GPUs.
    frozenset({"card", "gpu"}),
)


def _names_of(stem: str) -> list[str]:
    """The stem and the stems of the names the same thing goes by (see `_SAME_THINGS`)."""
    same = next((group for group in _SAME_THINGS if stem in group), frozenset())
    return [stem, *sorted(same - {stem})]


@cache
def _counted(thing: str) -> re.Pattern[str] | None:
    """How a text gives a number of `thing` counted by name (None for the things measured in
    a unit of their own, see `holds_count`)."""
    if thing in _NOT_COUNTED_BY_NAME:
        return None
    stem = "(?:" + "|".join(re.escape(name) for name in _names_of(_stem(thing))) + ")"
    # The number stands at most five words before the thing, not across a sentence's end ("4
    # NVIDIA GH200 Grace Hopper superchip GPUs"), or the thing is a label followed by its number
    # ("GPU-hours awarded: 640,000"). A word's hyphens are part of it: a class matching both
    # words and hyphens backtracks exponentially on a line of dashes.
    before = (
        _COUNT + r"\s*×?\s*(?:[\w()+/×]+(?:-[\w()+/×]+)*[\s-]+){0,5}?(?:\w+-)?" + stem + _NOT_HOURS
    )
    labelled = r"\b" + stem + r"[\w-]*(?:\s+\w+)?\s*[:=]\s*" + _COUNT
    return re.compile(before + "|" + labelled, re.I)


# A limit asked for by its direction: "the largest job", "a hard cap on threads" ask for an
# upper bound; "the smallest memory limit -m accepts" for a lower one.
_ASKS_BOUND = {
    "upper": re.compile(
        r"\b(?:max(?:imum)?|largest|biggest|highest|at\s+most|upper\s+(?:limit|bound)|(?:hard\s+)?caps?|"
        r"ceiling)\b",
        re.I,
    ),
    "lower": re.compile(
        r"\b(?:min(?:imum)?|smallest|lowest|least|fewest|lower\s+(?:limit|bound)|floor)\b|"
        # "Minimal" as a bound, as a reading gives it: "which minimal node count".
        r"\bminimal\s+" + _MEASURED,
        re.I,
    ),
}
# ... and a text stating one: "at most 2,400 nodes", "Minimum is 4M", "capped at 64 threads".
_STATES_BOUND = {
    "upper": re.compile(_UPPER_BOUND, re.I),
    "lower": re.compile(
        r"\b(?:at\s+least|min(?:imum|imal)?|no\s+(?:less|fewer)\s+than|not\s+(?:less|fewer)\s+than|"
        r"lower\s+(?:limit|bound))\b|>=|≥",
        re.I,
    ),
}


def asked_bounds(question: str) -> tuple[str, ...]:
    """The directions of the limit a question asks for ("upper", "lower"), if any."""
    return tuple(d for d, asks in _ASKS_BOUND.items() if asks.search(question))


def states_bound(text: str, directions: tuple[str, ...]) -> bool:
    """True when `text` states a limit in one of `directions` and holds a number."""
    return any(_STATES_BOUND[d].search(text) for d in directions) and holds(text, ("quantity",))


def gives_value(texts: list[str], question: str, *, english: bool = True) -> bool:
    """Whether any of `texts` holds a value of the kind asked for (a quantity, a duration) and a
    number of the thing counted; true when the question asks for neither."""
    wants = tuple(k for k in valued_kinds(question) if k in ("quantity", "duration"))
    # "Which command shows how many node-hours we have left": no count of them is asked.
    shown = shown_by_setting(question)
    if shown:
        question = question.replace(shown, " ")
    things = counted_things(question, english_order=english)
    # A measure in a unit of its own is needed whatever else is counted: "how many memory every
    # H100 ... how many GB GPU" (read from Polish) is not answered by a count of GPUs.
    measures = unit_measures(question, english_order=english)
    # "How many H100s in total": a number said of each node is not the machine's; "how much
    # funding does each SME get": a programme's whole budget is not one's share.
    if asks_total(question):
        counts = gives_total
    elif asks_allotment(question, things):
        counts = gives_allotment
    else:
        counts = gives_count
    return (
        not (wants and not any(holds(t, wants) for t in texts))
        and not (things and not counts(texts, things))
        and not (measures and not gives_count(texts, measures))
    )


def states_count(text: str) -> bool:
    """Whether `text` states a free-standing number ("62 proposals", "four", a date's too),
    not only the digits of a name ("H100") or words for none ("free of charge")."""
    return re.search(_COUNT, text, re.I) is not None
