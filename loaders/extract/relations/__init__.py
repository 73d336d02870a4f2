"""Relations from sentence patterns and document structure: one module per relationship type.

Each rule takes the resolved entities (with their mentions) and returns Relation objects
carrying the sentence that supports them; `loaders.extract.pipeline.STAGES` runs them in
order. `index` is the mention index and relation list they share, `story_drugs` the drugs a
document is about, `phrases` the phrase patterns several types read; `targets`,
`indicated_for`, `develops`, `affiliated_with`, `part_of` make one type each, `combinations`
the two a combination product gives, `trial_facts` the trials and their five types
(EVALUATES, STUDIES, SPONSORED_BY, CONDUCTED_AT, LEADS), and `leads` the cues it checks.
"""
