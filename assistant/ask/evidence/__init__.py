"""Sentence-level evidence: every sentence of the reports (bank), which of them a term can match
(term_hits), how well one answers the question (scoring), and the domain's synonyms (lexicon)."""
