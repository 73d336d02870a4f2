"""Structured records mapped to the extraction contract, field by field.

A registry record or a bibliographic record states its facts in named fields;
reading them as free text loses most of them and invents others. These modules
map the fields to the same extraction dict `kg extract` produces (see
graph/extraction_model.py), with evidence that names the record field.
"""
