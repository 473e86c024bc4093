"""The curated catalogue: machines, access calls and AI Factories, as typed, sourced facts.

models          the typed shape of the YAML (every fact group is `Sourced`)
catalog         loading and validating the YAML; name lookup; cut-off queries
cutoffs         cut-off dates as instants, and the staleness rule
chat_text       short texts for chat answers and cards
index_markdown  Markdown renderings of the catalogue for the search index
ical            the cut-off calendar as iCalendar
router          answers to the questions the curated data answers exactly
"""
