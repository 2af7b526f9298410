"""Tanah ulayat: the customary land of the nagari, a suku or a kaum (its register, disputes, letter, public page)."""
