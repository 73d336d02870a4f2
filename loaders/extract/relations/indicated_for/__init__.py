"""INDICATED_FOR: which disease a drug is for, from its clause, its trial's arms or its owner.

`sentence` pairs drugs and diseases of a clause, `comparators` gives the other arms the
study's disease, `owned_products` a product named by its owner and disease.
"""
