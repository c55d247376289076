"""The answering pipeline, in the order a question travels (pipeline.py says it in code):

1. follow-up   followup.py: "那花都区呢?" becomes a standalone question (rules, or the LLM's rewrite)
2. question    question.py: what is asked, about which place/agency/year, in what shape
3. targets     targets.py: which indexed reports the question is about
               (2 and 3 fill one record per question, asked.py, that every later stage reads)
4. routes      routes/, tried in order until one answers:
               refusal.empty_index → table (aggregates over the indicator table) → review (which
               reports lack a content, were public late, are no annual report; a part's items, from
               the review table, 报告审查) → refusal (a named
               place, agency or year no report is about) → listing (which reports are of a level,
               kind, field, year, script or date) → documents (one report as a document: who, when,
               page information) → sentences (the reports' own sentences, scored in evidence/)
               every route writes its answer through one writer (compose.py) and reads the index
               only through its read view (index/reads.py ReadView)
5. llm         llm_step.py, in LLM mode only (a post-step, not a route): the model rewrites the
               answer from evidence blocks, and verify.py removes every claim its evidence does not hold
6. check       contract.check_answer, on every answer before anyone sees it

The numbers these stages decide with are data (prompts/thresholds.toml, tuning.py).
"""
