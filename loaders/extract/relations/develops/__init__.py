"""DEVELOPS: which company is behind a drug.

`company_drug` runs the rules for a company and a drug of one sentence, then those of
`sentence_rules` and `story_rules`; `deals`, `pipelines` and `only_company` are stages of
their own (deals and only_company read the facts the stages before them found).
"""
